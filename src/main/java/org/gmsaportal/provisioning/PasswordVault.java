package org.gmsaportal.provisioning;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.gmsaportal.credspec.SecretValue;

import org.springframework.stereotype.Component;

/**
 * Generates portable-user passwords and holds each run's in memory, for the run's steps on the instance executing
 * it; a password that goes to a secret store is never shown. A password for the admin to see waits for its one
 * showing in the database ({@link PasswordShowings}), encrypted, so that any instance can show it once. A restart
 * loses the in-memory copy on purpose: the run then sets a new one (and offers that one for showing).
 */
@Component
class PasswordVault {

	private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";

	private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";

	private static final String DIGITS = "23456789";

	private static final String SYMBOLS = "!#%+-.=?@_~";

	private final SecureRandom random = new SecureRandom();

	private final Map<String, SecretValue> byRun = new ConcurrentHashMap<>();

	private final PasswordShowings showings;

	PasswordVault(PasswordShowings showings) {
		this.showings = showings;
	}
	/** A new 32-character password with every character class AD complexity asks for. */
	SecretValue generate() {
		String all = UPPER + LOWER + DIGITS + SYMBOLS;
		StringBuilder password = new StringBuilder();
		for (String set : new String[] { UPPER, LOWER, DIGITS, SYMBOLS }) {
			password.append(set.charAt(this.random.nextInt(set.length())));
		}
		while (password.length() < 32) {
			password.append(all.charAt(this.random.nextInt(all.length())));
		}
		for (int i = password.length() - 1; i > 0; i--) {
			int j = this.random.nextInt(i + 1);
			char c = password.charAt(i);
			password.setCharAt(i, password.charAt(j));
			password.setCharAt(j, c);
		}
		return SecretValue.of(password.toString());
	}

	/** Keeps the password for the run's steps and offers it for one showing (a new one must be shown again). */
	void put(String runId, SecretValue password) {
		this.byRun.put(runId, password);
		this.showings.offer(runId, password);
	}

	/** Keeps the password for the run's steps only: it goes to a secret store and is never shown. */
	void keepUnshown(String runId, SecretValue password) {
		this.byRun.put(runId, password);
	}

	Optional<SecretValue> forRun(String runId) {
		return Optional.ofNullable(this.byRun.get(runId));
	}

	/**
	 * A failure of the run in words for the admin, with the run's password cut out should the directory or cluster
	 * ever echo it.
	 */
	String reason(String runId, RuntimeException ex) {
		String message = (ex.getMessage() != null && !ex.getMessage().isBlank()) ? ex.getMessage()
				: ex.getClass().getSimpleName() + " (see the portal log)";
		SecretValue password = this.byRun.get(runId);
		if (password != null && message.contains(password.reveal())) {
			message = message.replace(password.reveal(), "(redacted)");
		}
		return (message.length() > 1900) ? message.substring(0, 1900) + "..." : message;
	}

	/** Whether a password waits for its one showing. */
	boolean waitingToBeShown(String runId) {
		return this.showings.waiting(runId);
	}

	/** The password for its one showing; empty if there is none, it expired or it was shown already. */
	Optional<SecretValue> takeForShowing(String runId) {
		return this.showings.take(runId);
	}

	/** The run needs the password no more; one waiting for its showing stays in the database until then. */
	void runFinished(String runId) {
		this.byRun.remove(runId);
	}

	void discard(String runId) {
		this.byRun.remove(runId);
		this.showings.discard(runId);
	}

}
