package org.gmsaportal.provisioning;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.gmsaportal.credspec.SecretValue;

import org.springframework.stereotype.Component;

/**
 * Holds generated portable-user passwords in memory only, per run, for the steps that need them and for one
 * showing to the admin; a password that goes to a secret store is never shown. A restart loses them on purpose:
 * the run then sets a new one.
 */
@Component
class PasswordVault {

	private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";

	private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";

	private static final String DIGITS = "23456789";

	private static final String SYMBOLS = "!#%+-.=?@_~";

	private final SecureRandom random = new SecureRandom();

	private final Map<String, SecretValue> byRun = new ConcurrentHashMap<>();

	private final Set<String> shown = ConcurrentHashMap.newKeySet();

	private final Set<String> finished = ConcurrentHashMap.newKeySet();

	// Runs whose password goes to a secret store: a person never sees it.
	private final Set<String> neverShown = ConcurrentHashMap.newKeySet();

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

	void put(String runId, SecretValue password) {
		this.byRun.put(runId, password);
		// A new password must be shown again, since the old one no longer works.
		this.shown.remove(runId);
	}

	/** Keeps the password for the run's steps only: it goes to a secret store and is never shown. */
	void keepUnshown(String runId, SecretValue password) {
		this.neverShown.add(runId);
		this.byRun.put(runId, password);
	}

	Optional<SecretValue> forRun(String runId) {
		return Optional.ofNullable(this.byRun.get(runId));
	}

	/** Whether a password waits for its one showing. */
	boolean waitingToBeShown(String runId) {
		return this.byRun.containsKey(runId) && !this.shown.contains(runId) && !this.neverShown.contains(runId);
	}

	/** The password for its one showing; empty if there is none or it was shown already. */
	Optional<SecretValue> takeForShowing(String runId) {
		SecretValue password = this.byRun.get(runId);
		if (password == null || this.neverShown.contains(runId) || !this.shown.add(runId)) {
			return Optional.empty();
		}
		if (this.finished.contains(runId)) {
			discard(runId);
		}
		return Optional.of(password);
	}

	/** The run needs the password no more; it stays only until its one showing. */
	void runFinished(String runId) {
		this.finished.add(runId);
		if (this.shown.contains(runId) || this.neverShown.contains(runId)) {
			discard(runId);
		}
	}

	void discard(String runId) {
		this.neverShown.remove(runId);
		this.byRun.remove(runId);
		this.shown.remove(runId);
		this.finished.remove(runId);
	}

}
