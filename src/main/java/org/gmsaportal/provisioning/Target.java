package org.gmsaportal.provisioning;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.gmsaportal.cluster.Platform;
import org.gmsaportal.cluster.WorkloadRef;
import org.jspecify.annotations.Nullable;

/**
 * Where the credential spec goes: applied to a configured cluster, exported as a YAML bundle, or placed by hand on
 * Windows Server hosts that run containers with Docker (no Kubernetes).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({ @JsonSubTypes.Type(value = Target.Cluster.class, name = "cluster"),
		@JsonSubTypes.Type(value = Target.ExportOnly.class, name = "export-only"),
		@JsonSubTypes.Type(value = Target.DockerHosts.class, name = "docker-hosts") })
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
	 * @param platform the platform whose profile the request follows; {@code null} for the connection's (the plan
	 * fills it in). Left out of the JSON when null, so requests stored before it existed keep their plan hash.
	 * @param workloads the admin's own workloads to point at the credential spec, in the namespace; left out of the
	 * JSON when empty, so that requests stored before it existed keep their plan hash
	 */
	record Cluster(String connection, String namespace, String serviceAccount, String credSpecName,
			List<String> dnsForwardServers, @Nullable String sampleImage,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Platform platform,
			@JsonInclude(JsonInclude.Include.NON_EMPTY) List<WorkloadRef> workloads) implements Target {

		public Cluster {
			dnsForwardServers = List.copyOf(dnsForwardServers);
			platform = (platform == Platform.GENERIC) ? null : platform;
			workloads = (workloads != null) ? List.copyOf(workloads) : List.of();
		}

		/** A cluster whose connection's platform the request follows, touching none of the admin's workloads. */
		public Cluster(String connection, String namespace, String serviceAccount, String credSpecName,
				List<String> dnsForwardServers, @Nullable String sampleImage) {
			this(connection, namespace, serviceAccount, credSpecName, dnsForwardServers, sampleImage, null, List.of());
		}

		/** A cluster following this platform's profile, touching none of the admin's workloads. */
		public Cluster(String connection, String namespace, String serviceAccount, String credSpecName,
				List<String> dnsForwardServers, @Nullable String sampleImage, @Nullable Platform platform) {
			this(connection, namespace, serviceAccount, credSpecName, dnsForwardServers, sampleImage, platform, List.of());
		}

		/** The same cluster target following this platform's profile. */
		public Cluster withPlatform(@Nullable Platform chosen) {
			return new Cluster(this.connection, this.namespace, this.serviceAccount, this.credSpecName,
					this.dnsForwardServers, this.sampleImage, chosen, this.workloads);
		}

		/** The same target with these workloads picked. */
		public Cluster withWorkloads(List<WorkloadRef> picked) {
			return new Cluster(this.connection, this.namespace, this.serviceAccount, this.credSpecName,
					this.dnsForwardServers, this.sampleImage, this.platform, picked);
		}

	}

	/**
	 * No cluster: the same objects as a YAML bundle for GitOps; secret values are never put into it.
	 *
	 * @param namespace the workload's namespace
	 * @param serviceAccount the workload's service account
	 * @param credSpecName the {@code GMSACredentialSpec} resource name
	 * @param platform the platform the bundle is for, whose steps its notes name; {@code null} for generic (left
	 * out of the JSON then, so requests stored before it existed keep their plan hash)
	 * @param dnsForwardServers the domain's DNS servers for the bundle's CoreDNS forward block; empty: the plan
	 * fills in the domain controllers the directory connection reaches (plan-only mode: only what is typed)
	 * @param workloads the admin's own workloads, typed as kind and name since no cluster is read to list them: the
	 * bundle carries one apply patch of the portal's fields per workload; left out of the JSON when empty
	 */
	record ExportOnly(String namespace, String serviceAccount, String credSpecName,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Platform platform,
			@JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> dnsForwardServers,
			@JsonInclude(JsonInclude.Include.NON_EMPTY) List<WorkloadRef> workloads) implements Target {

		public ExportOnly {
			platform = (platform == Platform.GENERIC) ? null : platform;
			dnsForwardServers = (dnsForwardServers != null) ? List.copyOf(dnsForwardServers) : List.of();
			workloads = (workloads != null) ? List.copyOf(workloads) : List.of();
		}

		/** A bundle for a cluster of no particular platform. */
		public ExportOnly(String namespace, String serviceAccount, String credSpecName) {
			this(namespace, serviceAccount, credSpecName, null);
		}

		/** A bundle for this platform, with the directory's DNS servers and none of the admin's workloads. */
		public ExportOnly(String namespace, String serviceAccount, String credSpecName, @Nullable Platform platform) {
			this(namespace, serviceAccount, credSpecName, platform, List.of(), List.of());
		}

		/** The same bundle with the CoreDNS block forwarding to these servers. */
		public ExportOnly withDnsForwardServers(List<String> servers) {
			return new ExportOnly(this.namespace, this.serviceAccount, this.credSpecName, this.platform, servers,
					this.workloads);
		}

		/** The same bundle carrying the portal's fields for these workloads. */
		public ExportOnly withWorkloads(List<WorkloadRef> typed) {
			return new ExportOnly(this.namespace, this.serviceAccount, this.credSpecName, this.platform,
					this.dnsForwardServers, typed);
		}

	}

	/**
	 * Windows Server hosts that run containers with Docker, without Kubernetes: the run offers the credential spec
	 * file under the name {@code New-CredentialSpec} gives it and the commands to place it in
	 * {@code C:\ProgramData\Docker\CredentialSpecs} and run a container with it. Nothing Kubernetes applies: the
	 * Kubernetes names of this target read {@link #NONE}, so the pages that list every target show them as absent.
	 *
	 * @param image the Windows container image the {@code docker run} command names, or {@code null} for the
	 * Server Core IIS image
	 */
	record DockerHosts(@Nullable String image) implements Target {

		/** What the Kubernetes names of a Docker target read. */
		public static final String NONE = "-";

		/** The image the {@code docker run} command names when the request gives none. */
		public static final String DEFAULT_IMAGE = "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022";

		/** The image to run: the request's, or {@link #DEFAULT_IMAGE}. */
		public String imageToRun() {
			return (this.image != null) ? this.image : DEFAULT_IMAGE;
		}

		@Override
		public String namespace() {
			return NONE;
		}

		@Override
		public String serviceAccount() {
			return NONE;
		}

		@Override
		public String credSpecName() {
			return NONE;
		}

	}

	/** The platform profile this target follows: generic for export without a platform and for Docker hosts. */
	default PlatformProfile profile() {
		if (this instanceof Cluster cluster) {
			return PlatformProfile.of(cluster.platform());
		}
		return PlatformProfile.of((this instanceof ExportOnly export) ? export.platform() : null);
	}

	/** Whether the credential spec goes to Kubernetes (applied or as a bundle), not to Docker hosts. */
	default boolean kubernetes() {
		return !(this instanceof DockerHosts);
	}

}
