package org.gmsaportal.audit;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Whether the trail's last write worked, as the health check reports it: every audited action is refused while
 * the trail cannot be written, and health is where operators look for why.
 */
@Component
class AuditWriteStatus {

	/**
	 * A write that failed, and none has worked since.
	 *
	 * @param at when
	 * @param cause the class of what failed (never its message, which may quote what was being written)
	 */
	record Failure(Instant at, String cause) {
	}

	private final AtomicReference<@Nullable Failure> failure = new AtomicReference<>();

	void succeeded() {
		this.failure.set(null);
	}

	void failed(Throwable cause) {
		Throwable root = cause;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		this.failure.set(new Failure(Instant.now(), root.getClass().getSimpleName()));
	}

	/** The failure since which no write has worked, or {@code null}. */
	@Nullable Failure failure() {
		return this.failure.get();
	}

}
