package org.gmsaportal.directory;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One KDS root key as listed by Get-KdsRootKey, with the moment a DC will use it for a new gMSA.
 *
 * @param id the key id (the object's CN)
 * @param distinguishedName where it lives
 * @param created msKds-CreateTime
 * @param effective msKds-UseStartTime (Add-KdsRootKey -EffectiveTime)
 */
public record KdsRootKey(UUID id, String distinguishedName, Instant created, Instant effective) {

	/**
	 * How long after its effective time a key may derive gMSA passwords: the 10-hour key cycle plus
	 * the 5-minute clock skew Samba adds ({@code msKds-UseStartTime <= now - 10 h 5 min}); Windows uses 10 h.
	 */
	public static final Duration USABLE_AFTER = Duration.ofHours(10).plusMinutes(5);

	/** When DCs start using this key for new gMSAs. */
	public Instant usableFrom() {
		return this.effective.plus(USABLE_AFTER);
	}

	public boolean usableAt(Instant now) {
		return !usableFrom().isAfter(now);
	}

}
