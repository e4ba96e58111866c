package org.gmsaportal.secretstores;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.gmsaportal.cluster.ClusterOperationException;
import org.gmsaportal.cluster.Clusters;
import org.gmsaportal.cluster.GmsaDeployment;
import org.gmsaportal.cluster.SecretState;
import org.gmsaportal.credspec.AksHciSecretPlugin;
import org.gmsaportal.credspec.HostAccountPreset;
import org.gmsaportal.credspec.KubernetesSecretPlugin;
import org.gmsaportal.credspec.PortableIdentitySecret;
import org.gmsaportal.credspec.SecretValue;

import org.springframework.stereotype.Component;

/**
 * A {@code v1 Secret} in the preset's namespace, for the plug-ins that read the portable identity from Kubernetes
 * (Rancher's CCGRKC; AKS on Azure Local / Azure Stack HCI). It goes through the cluster module's face, which
 * applies it server-side under the portal's field manager with the portal's labels: the labels are the portal's
 * marker, the resourceVersion the secret's version.
 */
@Component
class KubernetesSecretStore implements SecretStore {

	static final String NAME = "Kubernetes Secret";

	private final Clusters clusters;

	KubernetesSecretStore(Clusters clusters) {
		this.clusters = clusters;
	}

	@Override
	public String displayName() {
		return NAME;
	}

	@Override
	public boolean serves(HostAccountPreset preset) {
		return preset instanceof KubernetesSecretPlugin || preset instanceof AksHciSecretPlugin;
	}

	@Override
	public StoredSecret inspect(SecretDestination where) {
		Target target = target(where);
		return stored(call(target, () -> this.clusters.inspectSecret(target.connection(), target.namespace(),
				target.name())));
	}

	@Override
	public StoredSecret write(SecretDestination where, PortableIdentitySecret value) {
		Target target = target(where);
		if (!(value instanceof PortableIdentitySecret.KeyValues keys)) {
			throw new IllegalArgumentException("A Kubernetes Secret holds keys, not one value");
		}
		Map<String, String> data = new LinkedHashMap<>();
		keys.entries().forEach((key, secret) -> data.put(key, secret.reveal()));
		GmsaDeployment.IdentitySecret secret = new GmsaDeployment.IdentitySecret(target.name(), data);
		return stored(call(target, () -> this.clusters.applySecret(target.connection(), target.namespace(),
				secret, where.runId(), where.ticket())));
	}

	@Override
	public PortableIdentitySecret read(SecretDestination where) {
		Target target = target(where);
		GmsaDeployment.IdentitySecret found = call(target,
				() -> this.clusters.readSecret(target.connection(), target.namespace(), target.name()))
			.orElseThrow(() -> new SecretStoreException(NAME, SecretStoreException.Reason.STORE_NOT_FOUND,
					NAME + " " + target + " on cluster " + target.connection() + " does not exist: it was removed "
							+ "after the portal wrote it, so the node's plug-in cannot read the identity either."));
		Map<String, SecretValue> entries = new LinkedHashMap<>();
		found.data().forEach((key, value) -> {
			if (!value.isEmpty()) {
				entries.put(key, SecretValue.of(value));
			}
		});
		return new PortableIdentitySecret.KeyValues(entries);
	}

	@Override
	public StoredSecret remove(SecretDestination where) {
		Target target = target(where);
		return stored(call(target, () -> this.clusters.deleteSecret(target.connection(), target.namespace(),
				target.name(), where.runId(), where.ticket())));
	}

	@Override
	public String equivalentCommand(SecretDestination where) {
		Target target = target(where);
		String literals = keys(where.preset()).entrySet()
			.stream()
			.map((e) -> "--from-literal=" + e.getKey() + "=" + e.getValue())
			.collect(Collectors.joining(" "));
		return "kubectl -n " + target.namespace() + " create secret generic " + target.name() + " " + literals;
	}

	/** The keys the preset's plug-in reads, each with what goes in it ({@code <value>} for the password). */
	private static Map<String, String> keys(HostAccountPreset preset) {
		Map<String, String> keys = new LinkedHashMap<>();
		if (preset instanceof AksHciSecretPlugin) {
			keys.put("domain", "<domain>");
			keys.put("username", "<user>");
			keys.put("password", "'<value>'");
		}
		else {
			keys.put("username", "<user>");
			keys.put("password", "'<value>'");
			keys.put("domainName", "<domain>");
		}
		return keys;
	}

	private static Target target(SecretDestination where) {
		String connection = where.clusterConnection();
		if (connection == null) {
			throw new SecretStoreException(NAME, SecretStoreException.Reason.STORE_NOT_FOUND, "A Kubernetes Secret "
					+ "needs a cluster connection: choose a cluster target, or manual delivery for an export.");
		}
		if (where.preset() instanceof KubernetesSecretPlugin rancher) {
			return new Target(connection, rancher.namespace(), rancher.secretName());
		}
		if (where.preset() instanceof AksHciSecretPlugin hci) {
			return new Target(connection, hci.namespace(), hci.secretName());
		}
		throw new IllegalArgumentException("The Kubernetes Secret store does not serve " + where.preset().describe());
	}

	/** Cluster failures become the store's, naming the Secret and what to do (the cluster's own advice). */
	private static <T> T call(Target target, java.util.function.Supplier<T> action) {
		try {
			return action.get();
		}
		catch (ClusterOperationException ex) {
			throw new SecretStoreException(NAME, ex.isUnreachable() ? SecretStoreException.Reason.UNREACHABLE
					: SecretStoreException.Reason.REFUSED, NAME + " " + target + " on cluster " + target.connection()
							+ ": " + ex.getMessage(), ex);
		}
	}

	private static StoredSecret stored(SecretState state) {
		return new StoredSecret(state.exists(), state.managedByPortal(), state.resourceVersion(), state.runId());
	}

	private record Target(String connection, String namespace, String name) {

		@Override
		public String toString() {
			return this.namespace + "/" + this.name;
		}

	}

}
