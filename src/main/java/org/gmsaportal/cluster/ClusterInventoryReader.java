package org.gmsaportal.cluster;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Reads, and only reads, what one cluster holds for the inventory: every {@code GMSACredentialSpec} with the gMSA
 * and domain it names, who may use it ({@link CredentialSpecGrants}, confirmed by {@link AccessReviews} where the
 * cluster allows), which workloads reference it ({@link CredentialSpecWorkloads}), the Secrets the portal wrote,
 * and when the gMSA webhook's certificates expire ({@link WebhookCertificateReader}).
 * A part the cluster refuses is named in {@link ClusterListing#incomplete()} and the rest is still read; a cluster
 * that cannot be reached at all gives a listing with nothing in it and the reason.
 */
@Component
class ClusterInventoryReader implements ClusterInventory {

	private final ClusterClients clients;

	private final Clock clock;

	@Autowired
	ClusterInventoryReader(ClusterClients clients) {
		this(clients, Clock.systemUTC());
	}

	ClusterInventoryReader(ClusterClients clients, Clock clock) {
		this.clients = clients;
		this.clock = clock;
	}

	@Override
	public ClusterListing read(String connection) {
		Instant readAt = this.clock.instant();
		KubernetesClient client;
		try {
			client = this.clients.forConnection(connection);
		}
		catch (ClusterOperationException ex) {
			return new ClusterListing(connection, readAt, List.of(), List.of(),
					List.of(ClusterListing.WHOLE + ": " + ex.getMessage()));
		}
		PartialReads reads = new PartialReads();
		List<GenericKubernetesResource> specs;
		try {
			specs = credentialSpecs(client, reads);
		}
		catch (KubernetesClientException ex) {
			// Unreachable: every further list would wait for its own timeout to say the same.
			return new ClusterListing(connection, readAt, List.of(), List.of(), List.of(ClusterListing.WHOLE + ": "
					+ KubernetesErrors.translate(ex, "list GMSACredentialSpecs", false).getMessage()));
		}
		List<ListedCredentialSpec> listed = new ArrayList<>();
		if (!specs.isEmpty()) {
			CredentialSpecGrants grants = CredentialSpecGrants.read(client, reads);
			CredentialSpecWorkloads workloads = CredentialSpecWorkloads.read(client, reads);
			AccessReviews reviews = new AccessReviews(client);
			for (GenericKubernetesResource spec : specs) {
				listed.add(listed(spec, grants, workloads, reviews));
			}
			String unconfirmed = reviews.unconfirmed();
			if (unconfirmed != null) {
				reads.refused(ClusterListing.USAGE, unconfirmed);
			}
		}
		List<String> secrets = reads.list(ClusterListing.SECRETS, "the portal's Secrets in every namespace",
				() -> Pages.all((o) -> client.secrets().inAnyNamespace()
					.withLabel(ClusterLabels.MANAGED_BY, ClusterLabels.PORTAL).list(o)))
			.stream().map(ClusterInventoryReader::coordinates).sorted().toList();
		List<WebhookCertificate> certificates = WebhookCertificateReader.read(client, reads);
		return new ClusterListing(connection, readAt, listed, secrets, reads.incomplete(), certificates);
	}

	/**
	 * Listed at v1; a cluster whose CRD serves only v1alpha1 (or has no CRD at all) is asked what it has.
	 * @throws KubernetesClientException only when the API server cannot be reached
	 */
	private static List<GenericKubernetesResource> credentialSpecs(KubernetesClient client, PartialReads reads) {
		String part = ClusterListing.CREDENTIAL_SPECS;
		String what = "GMSACredentialSpecs";
		try {
			return Pages.all((o) -> client.genericKubernetesResources(GmsaCrd.context("v1")).list(o));
		}
		catch (KubernetesClientException ex) {
			if (KubernetesErrors.isUnreachable(ex)) {
				throw ex;
			}
			if (ex.getCode() != 404) {
				return reads.list(part, what, () -> {
					throw ex;
				});
			}
		}
		GmsaCrd crd;
		try {
			crd = GmsaCrd.read(client);
		}
		catch (KubernetesClientException ex) {
			reads.refused(part, "v1 is not served and the CRD " + GmsaCrd.NAME + " could not be read: "
					+ KubernetesErrors.translate(ex, "read the CRD " + GmsaCrd.NAME, false).getMessage());
			return List.of();
		}
		return crd.preferredVersion().filter((version) -> !"v1".equals(version))
			.map((version) -> reads.list(part, what,
					() -> Pages.all((o) -> client.genericKubernetesResources(GmsaCrd.context(version)).list(o))))
			.orElse(List.of());
	}

	private static ListedCredentialSpec listed(GenericKubernetesResource spec, CredentialSpecGrants grants,
			CredentialSpecWorkloads workloads, AccessReviews reviews) {
		String name = spec.getMetadata().getName();
		CredentialSpecGrants.Usage usage = grants.usage(name);
		List<String> usableBy = new ArrayList<>();
		for (String account : usage.serviceAccounts) {
			int slash = account.indexOf('/');
			if (reviews.mayUse(account.substring(0, slash), account.substring(slash + 1), name).orElse(true)) {
				usableBy.add(account);
			}
		}
		List<String> everyAccountIn = new ArrayList<>();
		for (String namespace : usage.everyServiceAccountIn) {
			// "every namespace" is asked in one: a grant to every service account holds in each of them alike.
			String asked = CredentialSpecGrants.EVERY_NAMESPACE.equals(namespace) ? "default" : namespace;
			if (reviews.mayUse(asked, AccessReviews.ANY_ACCOUNT, name).orElse(true)) {
				everyAccountIn.add(namespace);
			}
		}
		Map<String, String> labels = (spec.getMetadata().getLabels() != null) ? spec.getMetadata().getLabels()
				: Map.of();
		String run = ClusterLabels.PORTAL.equals(labels.get(ClusterLabels.MANAGED_BY))
				? labels.get(ClusterLabels.RUN_ID) : null;
		Object document = spec.getAdditionalProperties().get("credspec");
		return new ListedCredentialSpec(name, gmsaName(document), domain(document), run, usableBy, everyAccountIn,
				workloads.of(name));
	}

	/** {@code ActiveDirectoryConfig.GroupManagedServiceAccounts[0].Name}. */
	static @Nullable String gmsaName(@Nullable Object credspec) {
		return text(firstAccount(credspec), "Name");
	}

	/** {@code DomainJoinConfig.DnsName}, else the first account's {@code Scope}. */
	static @Nullable String domain(@Nullable Object credspec) {
		String dnsName = text(child(credspec, "DomainJoinConfig"), "DnsName");
		return (dnsName != null) ? dnsName : text(firstAccount(credspec), "Scope");
	}

	private static @Nullable Object firstAccount(@Nullable Object credspec) {
		Object accounts = child(child(credspec, "ActiveDirectoryConfig"), "GroupManagedServiceAccounts");
		return (accounts instanceof List<?> list && !list.isEmpty()) ? list.get(0) : null;
	}

	private static @Nullable Object child(@Nullable Object node, String key) {
		return (node instanceof Map<?, ?> map) ? map.get(key) : null;
	}

	private static @Nullable String text(@Nullable Object node, String key) {
		Object value = child(node, key);
		return (value instanceof String text && !text.isBlank()) ? text : null;
	}

	private static String coordinates(Secret secret) {
		return secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
	}

}
