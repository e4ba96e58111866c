package org.gmsaportal.directory;

import java.util.List;

import javax.naming.NamingException;

/**
 * Turns a failed LDAP write into what the admin should do, naming the object and the likely cause.
 */
final class WriteErrors {

	static final int CONSTRAINT_VIOLATION = 19;

	static final int NO_SUCH_OBJECT = 32;

	static final int INSUFFICIENT_ACCESS = 50;

	static final int UNWILLING_TO_PERFORM = 53;

	static final int ENTRY_ALREADY_EXISTS = 68;

	private WriteErrors() {
	}

	/**
	 * @param what the action in words, e.g. "create the gMSA CN=web01,..."
	 * @param container where the object lives, for rights problems
	 */
	static String explain(NamingException ex, String what, String container) {
		String said = Ldap.diagnostic(ex);
		return switch (Ldap.resultCode(ex)) {
			case INSUFFICIENT_ACCESS -> "The portal's bind identity may not " + what + ": it lacks the right to "
					+ "create or change objects in " + container + " (Create Child / Write Property). DC said: " + said;
			case UNWILLING_TO_PERFORM -> "The domain controller is unwilling to " + what + ". Likely causes: no "
					+ "usable KDS root key (for a gMSA), a connection without TLS (for passwords), or the password "
					+ "policy. DC said: " + said;
			case NO_SUCH_OBJECT -> "Cannot " + what + ": " + (said.contains("root key") ? "the forest has no usable "
					+ "KDS root key (check the KDS status; a new key becomes usable 10 hours after its effective "
					+ "time)" : "the container " + container + " or a referenced object does not exist")
					+ ". DC said: " + said;
			case CONSTRAINT_VIOLATION -> "The domain controller refused to " + what + " because a value breaks a "
					+ "constraint. DC said: " + said;
			case ENTRY_ALREADY_EXISTS -> "Cannot " + what + ": the object already exists. DC said: " + said;
			default -> "Cannot " + what + ". DC said: " + said;
		};
	}

	/** Whether a refused write may have been refused for an SPN: then its conflicts are worth looking up. */
	static boolean maybeSpn(NamingException ex) {
		int code = Ldap.resultCode(ex);
		return code == CONSTRAINT_VIOLATION || code == INSUFFICIENT_ACCESS;
	}

	/**
	 * The explanation of a refused write that registers SPNs, with the conflicts that explain it: the DC names
	 * neither the SPN nor its holder. A constraint violation is a blocking conflict; a refusal for rights may be
	 * an SPN whose HOST alias is on an object the portal's account may not write (Samba's rule).
	 * @param what the action in words, as for {@link #explain}
	 * @param explained what {@link #explain} said
	 */
	static String withSpnConflicts(NamingException ex, String what, String explained, List<Spns.Conflict> conflicts) {
		List<Spns.Conflict> blocking = Spns.blocking(conflicts);
		if (Ldap.resultCode(ex) == CONSTRAINT_VIOLATION && !blocking.isEmpty()) {
			return "The domain controller refused to " + what + ": " + Spns.refusal(conflicts);
		}
		if (Ldap.resultCode(ex) == INSUFFICIENT_ACCESS) {
			List<String> aliases = conflicts.stream().filter(c -> !c.blocking())
				.map(c -> c.holder() + " holds " + c.held() + ", and the DC lets the gMSA take " + c.requested()
						+ " only if the portal's account may write " + c.holder())
				.toList();
			if (!aliases.isEmpty()) {
				return explained + ". The SPN may be the cause: " + String.join("; ", aliases)
						+ ". Remove the HOST SPN there (setspn -D) or drop the SPN from the request";
			}
		}
		return explained;
	}

}
