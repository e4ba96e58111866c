package org.gmsaportal.support;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Waiting} returns the awaited value as soon as it is there, on the test's own thread, and lets an exception
 * of the look end the wait at once. (Its 120 s bound is not exercised here: that would take 120 s.)
 */
class WaitingTests {

	@Test
	void returnsTheFirstValueThatIsDone() {
		AtomicInteger looks = new AtomicInteger();
		Thread test = Thread.currentThread();
		int value = Waiting.until("the third look", () -> {
			assertThat(Thread.currentThread()).as("polled on the test's thread").isSameAs(test);
			return looks.incrementAndGet();
		}, (n) -> n >= 3);
		assertThat(value).isEqualTo(3);
		assertThat(looks).hasValue(3);
	}

	@Test
	void anAssertionInTheConditionEndsTheWaitAtOnce() {
		AtomicInteger looks = new AtomicInteger();
		assertThatThrownBy(() -> Waiting.until("something that failed", looks::incrementAndGet, (n) -> {
			assertThat(n).as("status").isNotEqualTo(1);
			return false;
		})).isInstanceOf(AssertionError.class).hasMessageContaining("status");
		assertThat(looks).hasValue(1);
	}

}
