package org.gmsaportal.web.wizard;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connections page's status cache: a view reads the directory only when nothing is kept, and Check status
 * (forget) makes the next view read again.
 */
class StatusCacheTests {

	private final StatusCache cache = new StatusCache(Runnable::run);

	@Test
	void aKeptAnswerIsShownWithTheTimeItWasReadWithoutReadingAgain() {
		AtomicInteger reads = new AtomicInteger();
		StatusCache.Timed<Integer> first = this.cache.get("directory:lab", reads::incrementAndGet);
		StatusCache.Timed<Integer> second = this.cache.get("directory:lab", reads::incrementAndGet);
		assertThat(reads.get()).isEqualTo(1);
		assertThat(second).isEqualTo(first);
	}

	@Test
	void forgettingMakesTheNextViewReadAgain() {
		AtomicInteger reads = new AtomicInteger();
		this.cache.get("directory:lab", reads::incrementAndGet);
		this.cache.forget("directory:lab");
		assertThat(this.cache.get("directory:lab", reads::incrementAndGet).value()).isEqualTo(2);
		assertThat(this.cache.get("cluster:mock", () -> 7).value()).isEqualTo(7);
	}

}
