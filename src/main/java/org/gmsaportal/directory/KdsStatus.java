package org.gmsaportal.directory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Whether the forest has a KDS root key a DC will use for a new gMSA now, and what to do if not. The portal
 * never adds a key beside an existing one: Microsoft's gMSA guide says several root keys in a forest make gMSAs
 * fail after their next password rotation.
 *
 * @param state the verdict
 * @param keys the keys the portal could see
 * @param usableAt when the first key becomes usable (state NOT_YET_USABLE), else {@code null}
 * @param dcTime the DC's clock the verdict was computed against
 * @param explanation what this means and the fix, for the admin
 * @param warnings things to look at even when the state is fine
 */
public record KdsStatus(State state, List<KdsRootKey> keys, @Nullable Instant usableAt, Instant dcTime,
		String explanation, List<String> warnings) {

	/** The verdict on the forest's root keys. */
	public enum State {

		/** No key: gMSAs cannot be created. */
		MISSING,
		/** A key exists but DCs will not use it yet. */
		NOT_YET_USABLE,
		/** A key DCs will use exists. */
		USABLE,
		/** The portal cannot tell (for example its bind identity may not read keys). */
		UNKNOWN

	}

	static KdsStatus evaluate(List<KdsRootKey> keys, Instant now, boolean identityCanReadKeys, String identity) {
		List<String> warnings = new ArrayList<>();
		if (keys.size() > 1) {
			warnings.add(keys.size() + " KDS root keys exist. Microsoft says to create only one per forest: several "
					+ "make gMSAs fail after their next password rotation. The portal never deletes a key (gMSAs "
					+ "created under it would lose their passwords) and never adds another; ask the forest's "
					+ "administrators which key to keep before anyone removes one.");
		}
		if (keys.isEmpty()) {
			if (!identityCanReadKeys) {
				return new KdsStatus(State.UNKNOWN, keys, null, now, "The bind identity " + identity
						+ " is not a Domain Admin or Enterprise Admin, and only those can see KDS root keys: finding "
						+ "none does not mean there is none. Check with Get-KdsRootKey as a Domain Admin, or "
						+ "configure a bind identity with that right.", warnings);
			}
			return new KdsStatus(State.MISSING, keys, null, now, "The forest has no KDS root key, so no gMSA can be "
					+ "created. Create one (Add-KdsRootKey, or the portal's forest readiness step); DCs use it 10 "
					+ "hours after its effective time so that it has replicated.", warnings);
		}
		if (keys.stream().anyMatch(k -> k.usableAt(now))) {
			return new KdsStatus(State.USABLE, keys, null, now, "A usable KDS root key exists.", warnings);
		}
		Instant first = keys.stream().map(KdsRootKey::usableFrom).min(Comparator.naturalOrder()).orElseThrow();
		Duration wait = Duration.between(now, first);
		return new KdsStatus(State.NOT_YET_USABLE, keys, first, now, "The KDS root key becomes usable at " + first
				+ " (in " + wait.toHours() + " h " + wait.toMinutesPart() + " min): DCs wait 10 hours after a key's "
				+ "effective time (Samba 5 minutes more for clock skew) so every DC has it. gMSA creation fails "
				+ "until then; wait, do not add a second key.", warnings);
	}

}
