package org.gmsaportal.web.wizard;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The half of {@link PlanOnlyForm} that says where the artifacts go: the namespace, service account and credential
 * spec of the bundle, the DNS servers of its CoreDNS block and the workloads it patches, or Docker hosts and their
 * image instead. A superclass rather than a nested bean so the page's field names stay those of the form itself.
 */
public abstract class PlanOnlyTargetFields {

	@NotBlank
	@Size(max = 63)
	private @Nullable String namespace = "default";

	@NotBlank
	@Size(max = 253)
	private @Nullable String serviceAccount = "default";

	@Size(max = 253)
	private @Nullable String credSpecName;

	// Windows Server hosts that run Docker instead of a cluster: the credential spec file and commands, no bundle.
	private boolean dockerHosts;

	@Size(max = 255)
	@Pattern(regexp = "|[a-z0-9][a-z0-9._/:@-]*", message = "{wizard.image.pattern}")
	private @Nullable String dockerImage = "";

	// With no directory to ask, the CoreDNS block's servers are only those typed.
	@Size(max = 1000)
	@Pattern(regexp = "[0-9a-fA-F:.\\s]*", message = "{wizard.dns.pattern}")
	private @Nullable String dnsForwardServers = "";

	@Size(max = 13000)
	private @Nullable String typedWorkloads = "";

	public @Nullable String getNamespace() {
		return this.namespace;
	}

	public void setNamespace(@Nullable String namespace) {
		this.namespace = namespace;
	}

	public @Nullable String getServiceAccount() {
		return this.serviceAccount;
	}

	public void setServiceAccount(@Nullable String serviceAccount) {
		this.serviceAccount = serviceAccount;
	}

	public @Nullable String getCredSpecName() {
		return this.credSpecName;
	}

	public void setCredSpecName(@Nullable String credSpecName) {
		this.credSpecName = credSpecName;
	}

	public boolean isDockerHosts() {
		return this.dockerHosts;
	}

	public void setDockerHosts(boolean dockerHosts) {
		this.dockerHosts = dockerHosts;
	}

	public @Nullable String getDockerImage() {
		return this.dockerImage;
	}

	public void setDockerImage(@Nullable String dockerImage) {
		this.dockerImage = dockerImage;
	}

	public @Nullable String getDnsForwardServers() {
		return this.dnsForwardServers;
	}

	public void setDnsForwardServers(@Nullable String dnsForwardServers) {
		this.dnsForwardServers = dnsForwardServers;
	}

	public @Nullable String getTypedWorkloads() {
		return this.typedWorkloads;
	}

	public void setTypedWorkloads(@Nullable String typedWorkloads) {
		this.typedWorkloads = typedWorkloads;
	}

}
