package org.gmsaportal.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.gmsaportal.cluster.ClusterListing;
import org.gmsaportal.cluster.ListedCredentialSpec;
import org.gmsaportal.directory.DirectoryListing;
import org.gmsaportal.provisioning.InventoryEntry;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The cluster rules. Drift of the credential specs the portal applied (its records with a cluster connection):
 * deleted outside the portal, changed to name another gMSA or domain, orphaned (the gMSA it names is gone from its
 * domain), the portable identity's Secret removed. Findings on every credential spec, whoever made it: usable by
 * every service account of a namespace (MEDIUM), referenced by no workload (LOW). A part of a listing the cluster
 * refused is not judged: a spec is never called deleted because the list of them could not be read.
 */
@Component
class ClusterAssessor implements Assessor {

	private final RecordedSecrets recordedSecrets;

	ClusterAssessor(RecordedSecrets recordedSecrets) {
		this.recordedSecrets = recordedSecrets;
	}

	@Override
	public List<Drift> drift(InventoryData data) {
		List<Drift> drift = new ArrayList<>();
		for (InventoryEntry record : data.records()) {
			String connection = record.clusterConnection();
			ClusterListing listing = (connection != null) ? listing(data, connection) : null;
			if (connection == null || listing == null) {
				continue;
			}
			String subject = Subjects.credSpec(connection, record.credSpecName());
			if (listing.read(ClusterListing.CREDENTIAL_SPECS)) {
				Optional<ListedCredentialSpec> live = listing.credentialSpecs().stream()
					.filter((s) -> s.name().equals(record.credSpecName())).findFirst();
				if (live.isEmpty()) {
					drift.add(new Drift(subject, DriftKind.DELETED, "GMSACredentialSpec " + record.credSpecName()
							+ " is no longer on cluster " + connection, record.runId(), null));
				}
				else {
					changed(record, live.get(), subject).ifPresent(drift::add);
					orphaned(data, record, live.get(), subject).ifPresent(drift::add);
				}
			}
			if (listing.read(ClusterListing.SECRETS)) {
				for (String secret : this.recordedSecrets.of(record.runId())) {
					if (!listing.secrets().contains(secret)) {
						drift.add(new Drift(Subjects.secret(connection, secret), DriftKind.SECRET_REMOVED, "Secret "
								+ secret + " holding the portable identity of " + record.gmsaName()
								+ " is no longer on "
								+ "cluster " + connection + " with the portal's label", record.runId(), null));
					}
				}
			}
		}
		return drift;
	}

	@Override
	public List<Finding> findings(InventoryData data) {
		List<Finding> findings = new ArrayList<>();
		for (ClusterListing listing : data.clusters()) {
			for (ListedCredentialSpec spec : listing.credentialSpecs()) {
				String subject = Subjects.credSpec(listing.connection(), spec.name());
				if (!spec.everyServiceAccountIn().isEmpty()) {
					findings.add(everyServiceAccount(spec, subject));
				}
				if (spec.workloads().isEmpty() && listing.read(ClusterListing.WORKLOADS)) {
					findings.add(new Finding(Severity.LOW, "credspec-unused", subject, "No Deployment, StatefulSet, "
							+ "DaemonSet, CronJob or Pod references credential spec " + spec.name() + " (gMSA "
							+ spec.gmsaName() + "), yet it stays usable by whoever may use it.",
							"Delete it if nothing will use it again (the portal's decommission does, for a spec it "
									+ "made): kubectl delete gmsacredentialspec " + spec.name(), null));
				}
			}
		}
		return findings;
	}

	private static Finding everyServiceAccount(ListedCredentialSpec spec, String subject) {
		boolean everywhere = spec.everyServiceAccountIn().contains("*");
		String where = everywhere ? "every namespace" : "namespace " + String.join(", ", spec.everyServiceAccountIn());
		String example = everywhere ? "<namespace>" : spec.everyServiceAccountIn().get(0);
		return new Finding(Severity.MEDIUM, "credspec-every-service-account", subject, "Every service account in "
				+ where + " may use credential spec " + spec.name() + ", so any pod there can run as gMSA "
				+ spec.gmsaName() + " (a binding to the group system:serviceaccounts"
				+ (everywhere ? "" : ":<namespace>") + " or system:authenticated).",
				"Bind the role that grants use on it to the workload's own service account instead, then remove the "
						+ "group binding: kubectl -n " + example + " create rolebinding use-" + spec.name()
						+ " --clusterrole=<role granting use> --serviceaccount=" + example + ":<workload-sa>",
				null);
	}

	private static Optional<Drift> changed(InventoryEntry record, ListedCredentialSpec live, String subject) {
		if (same(record.gmsaName(), live.gmsaName()) && same(record.domain(), live.domain())) {
			return Optional.empty();
		}
		return Optional.of(new Drift(subject, DriftKind.CREDSPEC_CHANGED, "gMSA: recorded " + record.gmsaName() + " in "
				+ record.domain() + ", now " + live.gmsaName() + " in " + live.domain(), record.runId(), null));
	}

	/** Judged only on a complete listing of the domain: a partial one may just not have reached the gMSA. */
	private static Optional<Drift> orphaned(InventoryData data, InventoryEntry record, ListedCredentialSpec live,
			String subject) {
		String gmsa = Objects.requireNonNullElse(live.gmsaName(), record.gmsaName());
		String domain = Objects.requireNonNullElse(live.domain(), record.domain());
		List<DirectoryListing> listings = data.directories().stream()
			.filter((d) -> d.domain().equalsIgnoreCase(domain)).toList();
		if (listings.stream().noneMatch(DirectoryListing::complete)) {
			return Optional.empty();
		}
		String account = (gmsa.endsWith("$") ? gmsa : gmsa + "$").toLowerCase(Locale.ROOT);
		boolean found = listings.stream().flatMap((d) -> d.gmsas().stream())
			.anyMatch((g) -> g.samAccountName().toLowerCase(Locale.ROOT).equals(account));
		return found ? Optional.empty() : Optional.of(new Drift(subject, DriftKind.CREDSPEC_ORPHANED, "gMSA " + gmsa
				+ " named by credential spec " + live.name() + " is not in domain " + domain, record.runId(), null));
	}

	private static @Nullable ClusterListing listing(InventoryData data, String connection) {
		return data.clusters().stream().filter((c) -> c.connection().equals(connection)).findFirst().orElse(null);
	}

	private static boolean same(String recorded, @Nullable String live) {
		return live != null && recorded.equalsIgnoreCase(live);
	}

}
