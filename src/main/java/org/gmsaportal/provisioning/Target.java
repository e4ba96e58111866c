package org.gmsaportal.provisioning;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.gmsaportal.cluster.WorkloadRef;
import org.jspecify.annotations.Nullable;

/**
 * Where the credential spec goes: applied to a configured cluster, or exported as a YAML bundle.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({ @JsonSubTypes.Type(value = Target.Cluster.class, name = "cluster"),
		@JsonSubTypes.Type(value = Target.ExportOnly.class, name = "export-only") })
public sealed interface Target {

	/** The workload's namespace, where the objects go, applied or in the bundle. */
	String namespace();

	/** The workload's service account, which the RoleBinding lets use the credential spec. */
	String serviceAccount();

	/** The {@code GMSACredentialSpec} resource name. */
	String credSpecName();

	/**
	 * A live cluster.
	 *
	 * @param connection the cluster connection name from {@code gmsa.cluster.connections}
	 * @param namespace the workload's namespace
	 * @param serviceAccount the workload's service account
	 * @param credSpecName the {@code GMSACredentialSpec} resource name
	 * @param dnsForwardServers DNS servers of the domain for a CoreDNS forward block; empty for none
	 * @param sampleImage a Windows IIS image for the sample workload that proves the setup, or {@code null}
	 * @param workloads the admin's own workloads to point at the credential spec, in the namespace; left out of the
	 * JSON when empty, so that requests stored before it existed keep their plan hash
	 */
	record Cluster(String connection, String namespace, String serviceAccount, String credSpecName,
			List<String> dnsForwardServers, @Nullable String sampleImage,
			@JsonInclude(JsonInclude.Include.NON_EMPTY) List<WorkloadRef> workloads) implements Target {

		public Cluster {
			dnsForwardServers = List.copyOf(dnsForwardServers);
			workloads = (workloads != null) ? List.copyOf(workloads) : List.of();
		}

		/** A cluster target that touches none of the admin's own workloads. */
		public Cluster(String connection, String namespace, String serviceAccount, String credSpecName,
				List<String> dnsForwardServers, @Nullable String sampleImage) {
			this(connection, namespace, serviceAccount, credSpecName, dnsForwardServers, sampleImage, List.of());
		}

		/** The same target with these workloads picked. */
		public Cluster withWorkloads(List<WorkloadRef> picked) {
			return new Cluster(this.connection, this.namespace, this.serviceAccount, this.credSpecName,
					this.dnsForwardServers, this.sampleImage, picked);
		}

	}

	/**
	 * No cluster: the same objects as a YAML bundle for GitOps; secret values are never put into it.
	 *
	 * @param namespace the workload's namespace
	 * @param serviceAccount the workload's service account
	 * @param credSpecName the {@code GMSACredentialSpec} resource name
	 */
	record ExportOnly(String namespace, String serviceAccount, String credSpecName) implements Target {
	}

}
