package org.gmsaportal.provisioning;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.gmsaportal.credspec.SecretValue;
import org.gmsaportal.keys.DataCipher;
import org.gmsaportal.support.MigratedH2;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A password waiting for its one showing is kept in the database, encrypted, for any instance to show once.
 */
class PasswordShowingsTests {

	private static final byte[] KEY = "test-data-key-0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

	private final MigratedH2 database = MigratedH2.create();

	private final SecretValue password = SecretValue.of("Kx7#generated-password-0123456789");

	static PasswordShowings showings(MigratedH2 database) {
		return new PasswordShowings(database.jdbc(), new DataCipher(KEY), database.transactions(), Duration.ofHours(1),
				Clock.systemUTC());
	}

	@Test
	void aPasswordOfferedOnOneInstanceIsShownOnceByAnother() {
		PasswordVault first = new PasswordVault(showings(this.database));
		PasswordVault second = new PasswordVault(showings(this.database));
		first.put("run-1", this.password);
		first.runFinished("run-1");

		assertThat(second.waitingToBeShown("run-1")).isTrue();
		assertThat(second.takeForShowing("run-1")).contains(this.password);
		assertThat(first.takeForShowing("run-1")).isEmpty();
		assertThat(second.takeForShowing("run-1")).isEmpty();
		assertThat(first.waitingToBeShown("run-1")).isFalse();
	}

	@Test
	void theDatabaseHoldsTheSealedPasswordBoundToItsRunAndNotThePassword() {
		showings(this.database).offer("run-1", this.password);
		byte[] stored = this.database.jdbc()
			.sql("SELECT sealed FROM portable_password WHERE run_id = 'run-1'")
			.query(byte[].class)
			.single();
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("generated-password");
		// copied onto another run's row, it does not decrypt: that run shows nothing rather than a wrong password
		this.database.jdbc().sql("UPDATE portable_password SET run_id = 'run-2'").update();
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> showings(this.database).take("run-2"))
			.hasMessageContaining("cannot be decrypted")
			.hasMessageNotContaining("generated-password");
	}

	@Test
	void anExpiredPasswordIsNotShown() {
		Instant offered = Instant.parse("2026-12-07T10:00:00Z");
		new PasswordShowings(this.database.jdbc(), new DataCipher(KEY), this.database.transactions(),
				Duration.ofMinutes(30), Clock.fixed(offered, ZoneOffset.UTC))
			.offer("run-1", this.password);
		PasswordShowings later = new PasswordShowings(this.database.jdbc(), new DataCipher(KEY),
				this.database.transactions(), Duration.ofMinutes(30),
				Clock.fixed(offered.plus(Duration.ofMinutes(31)), ZoneOffset.UTC));
		assertThat(later.waiting("run-1")).isFalse();
		assertThat(later.take("run-1")).isEmpty();
	}

	@Test
	void aNewPasswordReplacesTheOneWaitingAndADiscardedOneIsGone() {
		PasswordVault vault = new PasswordVault(showings(this.database));
		vault.put("run-1", SecretValue.of("old-password-0123456789abcdefghij"));
		vault.put("run-1", this.password);
		assertThat(vault.takeForShowing("run-1")).contains(this.password);
		vault.put("run-2", this.password);
		vault.discard("run-2");
		assertThat(vault.waitingToBeShown("run-2")).isFalse();
		assertThat(this.database.jdbc().sql("SELECT COUNT(*) FROM portable_password").query(Long.class).single())
			.isZero();
	}

}
