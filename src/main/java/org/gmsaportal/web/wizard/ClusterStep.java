package org.gmsaportal.web.wizard;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.gmsaportal.cluster.Platform;
import org.jspecify.annotations.Nullable;

/**
 * Step 4: where the credential spec goes in Kubernetes; CoreDNS and the sample workload apply to a live cluster only.
 */
public class ClusterStep {

	static final String DNS_NAME = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

	@NotBlank(message = "{wizard.required}")
	@Size(max = 63)
	@Pattern(regexp = "|[a-z0-9]([-a-z0-9]*[a-z0-9])?", message = "{wizard.namespace.pattern}")
	private @Nullable String namespace;

	@NotBlank(message = "{wizard.required}")
	@Size(max = 253)
	@Pattern(regexp = "|" + DNS_NAME, message = "{wizard.k8sName.pattern}")
	private @Nullable String serviceAccount;

	@NotBlank(message = "{wizard.required}")
	@Size(max = 253)
	@Pattern(regexp = "|" + DNS_NAME, message = "{wizard.k8sName.pattern}")
	private @Nullable String credSpecName;

	@Size(max = 1000)
	@Pattern(regexp = "[0-9a-fA-F:.\\s]*", message = "{wizard.dns.pattern}")
	private @Nullable String dnsForwardServers = "";

	@Size(max = 255)
	@Pattern(regexp = "|[a-z0-9][a-z0-9._/:@-]*", message = "{wizard.image.pattern}")
	private @Nullable String sampleImage = "";

	// Empty: the cluster connection's platform (generic for an export).
	private @Nullable Platform platform;

	public @Nullable Platform getPlatform() {
		return this.platform;
	}

	public void setPlatform(@Nullable Platform platform) {
		this.platform = platform;
	}

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

	public @Nullable String getDnsForwardServers() {
		return this.dnsForwardServers;
	}

	public void setDnsForwardServers(@Nullable String dnsForwardServers) {
		this.dnsForwardServers = dnsForwardServers;
	}

	public @Nullable String getSampleImage() {
		return this.sampleImage;
	}

	public void setSampleImage(@Nullable String sampleImage) {
		this.sampleImage = sampleImage;
	}

}
