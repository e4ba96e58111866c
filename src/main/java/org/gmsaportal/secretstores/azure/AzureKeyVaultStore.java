package org.gmsaportal.secretstores.azure;

import java.util.Map;
import java.util.Optional;

import com.azure.core.exception.ResourceNotFoundException;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.DeletedSecret;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gmsaportal.credspec.AzureKeyVaultPlugin;
import org.gmsaportal.credspec.HostAccountPreset;
import org.gmsaportal.credspec.PortableIdentitySecret;
import org.gmsaportal.credspec.SecretValue;
import org.gmsaportal.secretstores.SecretDestination;
import org.gmsaportal.secretstores.SecretStore;
import org.gmsaportal.secretstores.SecretStoreException;
import org.gmsaportal.secretstores.SecretStoreException.Reason;
import org.gmsaportal.secretstores.StoredSecret;
import org.gmsaportal.secretstores.azure.AzureKeyVaultErrors.Operation;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Writes the portable identity to the Key Vault secret the Azure Key Vault plug-in reads ({@code SecretUri} of
 * the preset), as {@code <domain>\<user>:<password>}. Each write is a new version tagged as the portal's; Key Vault
 * keeps earlier versions enabled until {@link #disableVersion} is called. Only names and versions are logged.
 */
@Component
class AzureKeyVaultStore implements SecretStore {

	static final String NAME = "Azure Key Vault";

	static final String MANAGED_BY_TAG = "managed-by";

	static final String MANAGED_BY = "gmsa-portal";

	static final String RUN_TAG = "gmsa-portal-run";

	static final String CONTENT_TYPE = "text/plain";

	private static final Logger log = LoggerFactory.getLogger(AzureKeyVaultStore.class);

	private final AzureKeyVaultClients clients;

	AzureKeyVaultStore(AzureKeyVaultSettings settings, Optional<AzureKeyVaultTransport> transport) {
		this.clients = new AzureKeyVaultClients(settings, transport.orElse(null));
	}

	@Override
	public String displayName() {
		return NAME;
	}

	@Override
	public boolean serves(HostAccountPreset preset) {
		return preset instanceof AzureKeyVaultPlugin;
	}

	/** The newest version's tags, from the versions' properties: the value is never fetched. */
	@Override
	public StoredSecret inspect(SecretDestination where) {
		KeyVaultSecretRef ref = ref(where);
		SecretClient client = this.clients.forVault(ref.vaultUrl());
		try {
			SecretProperties newest = null;
			for (SecretProperties version : client.listPropertiesOfSecretVersions(ref.secretName())) {
				if (newest == null || version.getCreatedOn() != null && newest.getCreatedOn() != null
						&& version.getCreatedOn().isAfter(newest.getCreatedOn())) {
					newest = version;
				}
			}
			if (newest != null) {
				return stored(newest.getTags(), newest.getVersion());
			}
		}
		catch (ResourceNotFoundException ex) {
			// No live secret of that name; a soft-deleted one still holds the name, looked at below.
		}
		catch (RuntimeException ex) {
			throw AzureKeyVaultErrors.translate(ex, ref, Operation.INSPECT);
		}
		return deleted(client, ref);
	}

	@Override
	public StoredSecret write(SecretDestination where, PortableIdentitySecret value) {
		KeyVaultSecretRef ref = ref(where);
		if (ref.version() != null) {
			throw new SecretStoreException(NAME, Reason.INVALID_NAME, NAME + ": the SecretUri pins version "
					+ ref.version() + " of " + ref.describe() + ", and the node's plug-in reads only that version, so"
					+ " a new one would never reach it: use the SecretUri without the version (" + ref.vaultUrl()
					+ "/secrets/" + ref.secretName() + ").");
		}
		if (!(value instanceof PortableIdentitySecret.Text text)) {
			throw new IllegalArgumentException(NAME + " holds one text value, not key/value entries");
		}
		KeyVaultSecret secret = new KeyVaultSecret(ref.secretName(), text.value().reveal())
			.setProperties(new SecretProperties().setContentType(CONTENT_TYPE)
				.setTags(Map.of(MANAGED_BY_TAG, MANAGED_BY, RUN_TAG, where.runId())));
		KeyVaultSecret written;
		try {
			written = this.clients.forVault(ref.vaultUrl()).setSecret(secret);
		}
		catch (RuntimeException ex) {
			throw AzureKeyVaultErrors.translate(ex, ref, Operation.WRITE);
		}
		String version = written.getProperties().getVersion();
		log.info("{}: wrote {} version {} for run {}", NAME, ref.describe(), version, where.runId());
		return new StoredSecret(true, true, version, where.runId());
	}

	/** The value the node's plug-in reads: the version the SecretUri pins, else the newest. */
	@Override
	public PortableIdentitySecret read(SecretDestination where) {
		KeyVaultSecretRef ref = ref(where);
		KeyVaultSecret secret;
		try {
			secret = this.clients.forVault(ref.vaultUrl()).getSecret(ref.secretName(), ref.version());
		}
		catch (RuntimeException ex) {
			throw AzureKeyVaultErrors.translate(ex, ref, Operation.READ);
		}
		if (secret.getValue() == null || secret.getValue().isEmpty()) {
			throw new SecretStoreException(NAME, Reason.REFUSED, NAME + ": " + ref.describe() + " has an empty"
					+ " value: resume the run to write it again.");
		}
		return new PortableIdentitySecret.Text(SecretValue.of(secret.getValue()));
	}

	/**
	 * Deletes every version (soft delete): the name stays reserved until the vault's retention ends or someone
	 * purges it; the portal never purges. Deleting a secret that is already gone reports what is left.
	 */
	@Override
	public StoredSecret remove(SecretDestination where) {
		KeyVaultSecretRef ref = ref(where);
		SecretClient client = this.clients.forVault(ref.vaultUrl());
		DeletedSecret deleted;
		try {
			// The delete itself is sent when the poller is created; one poll reads the deleted secret back.
			deleted = client.beginDeleteSecret(ref.secretName()).poll().getValue();
		}
		catch (ResourceNotFoundException ex) {
			return deleted(client, ref);
		}
		catch (RuntimeException ex) {
			throw AzureKeyVaultErrors.translate(ex, ref, Operation.REMOVE);
		}
		log.info("{}: deleted {} (soft delete keeps the name until purged)", NAME, ref.describe());
		return deletedState(deleted);
	}

	@Override
	public String equivalentCommand(SecretDestination where) {
		KeyVaultSecretRef ref = ref(where);
		return "az keyvault secret set --vault-name " + ref.vaultName() + " --name " + ref.secretName()
				+ " --value '<value>'";
	}

	/**
	 * Disables one version, as a rotation does with the version it replaced: Key Vault keeps every version
	 * readable by its id until it is disabled, while the plug-in reads only the newest.
	 * @return whether that version existed and is now disabled
	 */
	@Override
	public boolean disableVersion(SecretDestination where, String version) {
		KeyVaultSecretRef ref = ref(where);
		SecretClient client = this.clients.forVault(ref.vaultUrl());
		try {
			for (SecretProperties properties : client.listPropertiesOfSecretVersions(ref.secretName())) {
				if (version.equals(properties.getVersion())) {
					client.updateSecretProperties(properties.setEnabled(false));
					log.info("{}: disabled version {} of {}", NAME, version, ref.describe());
					return true;
				}
			}
			return false;
		}
		catch (ResourceNotFoundException ex) {
			return false;
		}
		catch (RuntimeException ex) {
			throw AzureKeyVaultErrors.translate(ex, ref, Operation.DISABLE_VERSION);
		}
	}

	private static StoredSecret deleted(SecretClient client, KeyVaultSecretRef ref) {
		try {
			return deletedState(client.getDeletedSecret(ref.secretName()));
		}
		catch (ResourceNotFoundException ex) {
			return StoredSecret.absent();
		}
		catch (RuntimeException ex) {
			throw AzureKeyVaultErrors.translate(ex, ref, Operation.INSPECT);
		}
	}

	/** A soft-deleted secret still holds its name until it is purged, so it counts as existing. */
	private static StoredSecret deletedState(DeletedSecret deleted) {
		StoredSecret tags = stored(deleted.getProperties().getTags(), deleted.getProperties().getVersion());
		return new StoredSecret(deleted.getRecoveryId() != null, tags.writtenByPortal(), tags.version(),
				tags.writtenByRun());
	}

	private static StoredSecret stored(@Nullable Map<String, String> tags, @Nullable String version) {
		boolean portal = tags != null && MANAGED_BY.equals(tags.get(MANAGED_BY_TAG));
		return new StoredSecret(true, portal, version, portal ? tags.get(RUN_TAG) : null);
	}

	private static KeyVaultSecretRef ref(SecretDestination where) {
		if (!(where.preset() instanceof AzureKeyVaultPlugin preset)) {
			throw new IllegalArgumentException(NAME + " does not serve " + where.preset().getClass().getSimpleName());
		}
		return KeyVaultSecretRef.of(preset);
	}

}
