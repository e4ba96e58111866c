package org.gmsaportal.secretstores;

import java.util.List;

import org.gmsaportal.credspec.HostAccountPreset;
import org.gmsaportal.credspec.PluginPreset;

import org.springframework.stereotype.Component;

/**
 * The secret-store adapters, by the plug-in preset whose store they write: the engine asks here which adapter
 * serves a request, and gets a clear refusal when none does.
 */
@Component
public class SecretStores {

	private final List<SecretStore> stores;

	public SecretStores(List<SecretStore> stores) {
		this.stores = List.copyOf(stores);
	}

	/**
	 * The adapter that writes the secret this preset's plug-in reads.
	 * @throws SecretStoreException naming the plug-in and what to do when no adapter serves it
	 */
	public SecretStore forPreset(HostAccountPreset preset) {
		return this.stores.stream()
			.filter((store) -> store.serves(preset))
			.findFirst()
			.orElseThrow(() -> new SecretStoreException(PluginPreset.of(preset).displayName(),
					SecretStoreException.Reason.REFUSED, "The portal has no secret store adapter for the "
							+ PluginPreset.of(preset).displayName() + ": choose manual delivery and store the "
							+ "portable identity yourself."));
	}

	/** Whether some adapter writes this preset's store. */
	public boolean serves(HostAccountPreset preset) {
		return this.stores.stream().anyMatch((store) -> store.serves(preset));
	}

}
