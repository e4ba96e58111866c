package org.gmsaportal.directory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.gmsaportal.directory.KdsStatus.State;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The KDS verdict: Samba's 10 h 5 min rule at its boundary, several keys, and unreadable is not missing.
 */
class KdsStatusTests {

	private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

	private static KdsRootKey key(Instant effective) {
		return new KdsRootKey(UUID.randomUUID(), "CN=k", effective, effective);
	}

	@Test
	void keyEffectiveExactlyTenHoursFiveMinutesAgoIsUsable() {
		KdsStatus status = KdsStatus.evaluate(List.of(key(NOW.minus(Duration.ofMinutes(605)))), NOW, true, "svc");
		assertThat(status.state()).isEqualTo(State.USABLE);
	}

	@Test
	void keyEffectiveTenHoursAgoIsNotYetUsableOnSambaAndSaysWhen() {
		KdsStatus status = KdsStatus.evaluate(List.of(key(NOW.minus(Duration.ofHours(10)))), NOW, true, "svc");
		assertThat(status.state()).isEqualTo(State.NOT_YET_USABLE);
		assertThat(status.usableAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
		assertThat(status.explanation()).contains("in 0 h 5 min");
	}

	@Test
	void productionKeyMadeNowBecomesUsableInTenHoursFiveMinutes() {
		KdsStatus status = KdsStatus.evaluate(List.of(key(NOW)), NOW, true, "svc");
		assertThat(status.usableAt()).isEqualTo(Instant.parse("2026-11-22T22:05:00Z"));
	}

	@Test
	void noKeySeenByAnAdminIsMissingButByAnyoneElseUnknown() {
		assertThat(KdsStatus.evaluate(List.of(), NOW, true, "svc").state()).isEqualTo(State.MISSING);
		KdsStatus unknown = KdsStatus.evaluate(List.of(), NOW, false, "svc@lab.test");
		assertThat(unknown.state()).isEqualTo(State.UNKNOWN);
		assertThat(unknown.explanation()).contains("svc@lab.test");
	}

	@Test
	void severalKeysWarnWhileOneUsableKeySuffices() {
		KdsStatus status = KdsStatus.evaluate(List.of(key(NOW), key(NOW.minus(Duration.ofDays(1)))), NOW, true, "svc");
		assertThat(status.state()).isEqualTo(State.USABLE);
		assertThat(status.warnings()).singleElement().asString().contains("2 KDS root keys");
	}

	@Test
	void severalKeysAreSaidToBreakGmsasAtRotationNeverToBeHarmless() {
		KdsStatus status = KdsStatus.evaluate(List.of(key(NOW), key(NOW.minus(Duration.ofDays(1)))), NOW, true, "svc");
		assertThat(status.warnings()).singleElement().asString()
			.contains("make gMSAs fail after their next password rotation")
			.doesNotContainIgnoringCase("do not break");
	}

	@Test
	void theRefusalOfASecondKeyNamesTheWaitingKeyAndWhenItBecomesUsable() {
		KdsRootKey waiting = key(NOW.minus(Duration.ofHours(1)));
		String refusal = KdsRootKeyManagement.refusal(KdsStatus.evaluate(List.of(waiting), NOW, true, "svc"));
		assertThat(refusal).contains("KDS root key " + waiting.id() + " exists (created " + waiting.created() + ")")
			.contains("becomes usable at 2026-11-22T21:05:00Z")
			.contains("does not create a second key");
	}

}
