package org.gmsaportal.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The engine's clock in tests: the system clock plus whatever the tests moved it forward, so heartbeats go stale
 * (hours) on demand, not after a sleep, while runs still get distinct, ordered creation times.
 */
class MutableClock extends Clock {

	private final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);

	void advance(Duration duration) {
		this.ahead.updateAndGet((d) -> d.plus(duration));
	}

	@Override
	public Instant instant() {
		return Instant.now().plus(this.ahead.get());
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Config {

		@Bean
		@Primary
		MutableClock mutableClock() {
			return new MutableClock();
		}

	}

}
