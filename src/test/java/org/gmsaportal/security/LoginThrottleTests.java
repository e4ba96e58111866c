package org.gmsaportal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.gmsaportal.support.MigratedH2;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in throttling by user name and by client address, on a clock the test moves, with its state in a database.
 */
class LoginThrottleTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));

	private final MigratedH2 database = MigratedH2.create();

	private final LoginThrottle throttle = new LoginThrottle(
			new SecuritySettings.Throttle(3, 5, Duration.ofMinutes(15), Duration.ofMinutes(10)), this.clock,
			this.database.jdbc(), this.database.transactions());

	@Test
	void locksAUserNameAtTheConfiguredNumberOfFailures() {
		assertThat(this.throttle.recordFailure("alice", "10.0.0.1")).isEmpty();
		assertThat(this.throttle.recordFailure("Alice", "10.0.0.2")).isEmpty();
		assertThat(this.throttle.recordFailure("ALICE", "10.0.0.3")).contains(Instant.parse("2026-11-22T10:10:00Z"));
		assertThat(this.throttle.lockedUntil("alice", "10.0.0.9")).isPresent();
		assertThat(this.throttle.lockedUntil("bob", "10.0.0.9")).isEmpty();
	}

	@Test
	void spellingsOfOneAccountShareOneCounter() {
		this.throttle.recordFailure("alice", null);
		this.throttle.recordFailure("Alice@lab.test", null);
		assertThat(this.throttle.recordFailure("LAB\\alice", null)).isPresent();
		assertThat(this.throttle.lockedUntil("alice@LAB.TEST", null)).isPresent();
	}

	@Test
	void locksAnAddressThatTriesManyUserNames() {
		for (String user : new String[] { "a", "b", "c", "d" }) {
			assertThat(this.throttle.recordFailure(user, "10.0.0.1")).isEmpty();
		}
		assertThat(this.throttle.recordFailure("e", "10.0.0.1")).isPresent();
		assertThat(this.throttle.lockedUntil("fresh-user", "10.0.0.1")).isPresent();
		assertThat(this.throttle.lockedUntil("fresh-user", "10.0.0.2")).isEmpty();
	}

	@Test
	void aLockEndsAfterTheLockoutPeriod() {
		for (int i = 0; i < 3; i++) {
			this.throttle.recordFailure("alice", null);
		}
		this.clock.advance(Duration.ofMinutes(9));
		assertThat(this.throttle.lockedUntil("alice", null)).isPresent();
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(this.throttle.lockedUntil("alice", null)).isEmpty();
	}

	@Test
	void failuresOlderThanTheWindowDoNotCount() {
		this.throttle.recordFailure("alice", null);
		this.throttle.recordFailure("alice", null);
		this.clock.advance(Duration.ofMinutes(16));
		assertThat(this.throttle.recordFailure("alice", null)).isEmpty();
		assertThat(this.throttle.lockedUntil("alice", null)).isEmpty();
	}

	@Test
	void aSuccessfulSignInClearsTheUserNamesFailures() {
		this.throttle.recordFailure("alice", null);
		this.throttle.recordFailure("alice", null);
		this.throttle.recordSuccess("alice");
		assertThat(this.throttle.recordFailure("alice", null)).isEmpty();
	}

	@Test
	void aLockHoldsForAnotherThrottleOnTheSameDatabase() {
		for (int i = 0; i < 3; i++) {
			this.throttle.recordFailure("alice", "10.0.0.1");
		}
		LoginThrottle otherInstance = new LoginThrottle(
				new SecuritySettings.Throttle(3, 5, Duration.ofMinutes(15), Duration.ofMinutes(10)), this.clock,
				this.database.jdbc(), this.database.transactions());
		assertThat(otherInstance.lockedUntil("ALICE", "10.0.0.7")).contains(Instant.parse("2026-11-22T10:10:00Z"));
	}

	@Test
	void anEndlessUserNameGetsOneCounterOfItsOwn() {
		String endless = "a".repeat(5000);
		this.throttle.recordFailure(endless, null);
		this.throttle.recordFailure(endless, null);
		assertThat(this.throttle.recordFailure(endless, null)).isPresent();
		assertThat(this.throttle.lockedUntil(endless + "b", null)).isEmpty();
	}

	/** A clock the test moves by hand. */
	static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneId.of("UTC");
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
