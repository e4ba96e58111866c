package org.gmsaportal.web.wizard;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.gmsaportal.cluster.Platform;
import org.gmsaportal.cluster.WorkloadKind;
import org.gmsaportal.cluster.WorkloadRef;
import org.jspecify.annotations.Nullable;

import org.springframework.validation.Errors;

/**
 * Step 4: where the credential spec goes in Kubernetes; CoreDNS, the sample workload and the admin's own workloads
 * apply to a live cluster only. For Docker hosts only the image of the {@code docker run} command is asked.
 */
public class ClusterStep implements Serializable {

	private static final long serialVersionUID = 1L;

	static final String DNS_NAME = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

	@Size(max = 63)
	@Pattern(regexp = "|[a-z0-9]([-a-z0-9]*[a-z0-9])?", message = "{wizard.namespace.pattern}")
	private @Nullable String namespace;

	@Size(max = 253)
	@Pattern(regexp = "|" + DNS_NAME, message = "{wizard.k8sName.pattern}")
	private @Nullable String serviceAccount;

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

	// The picked workloads as Kind/name (e.g. Deployment/web), and those whose serviceAccountName is set too.
	private List<String> workloads = new ArrayList<>();

	private List<String> workloadServiceAccounts = new ArrayList<>();

	@Size(max = 253)
	private @Nullable String workloadFilter = "";

	// An export reads no cluster to pick from: its workloads are typed, one Kind/name a line.
	@Size(max = 13000)
	private @Nullable String typedWorkloads = "";

	/**
	 * The Kubernetes names are required unless the credential spec goes to Docker hosts, where none applies; the
	 * picked workloads must each read {@code Kind/name}.
	 */
	void validate(Errors errors, boolean dockerHosts) {
		if (dockerHosts) {
			return;
		}
		for (String field : List.of("namespace", "serviceAccount", "credSpecName")) {
			Object value = errors.getFieldValue(field);
			if (!errors.hasFieldErrors(field) && (value == null || value.toString().isBlank())) {
				errors.rejectValue(field, "wizard.required");
			}
		}
		for (String label : this.workloads) {
			try {
				ref(label);
			}
			catch (IllegalArgumentException ex) {
				errors.rejectValue("workloads", "wizard.workloads.invalid", new Object[] { label, ex.getMessage() },
						ex.getMessage());
				return;
			}
		}
		try {
			typedWorkloadRefs();
		}
		catch (IllegalArgumentException ex) {
			errors.rejectValue("typedWorkloads", "wizard.workloads.invalid", new Object[] { "", ex.getMessage() },
					ex.getMessage());
		}
	}

	/** The typed workloads of an export as the request names them. */
	List<WorkloadRef> typedWorkloadRefs() {
		return WizardRequests.lines(this.typedWorkloads).stream().distinct().map(this::ref).toList();
	}

	public @Nullable String getTypedWorkloads() {
		return this.typedWorkloads;
	}

	public void setTypedWorkloads(@Nullable String typedWorkloads) {
		this.typedWorkloads = typedWorkloads;
	}

	/** The picked workloads as the request names them. */
	List<WorkloadRef> workloadRefs() {
		return this.workloads.stream().map(this::ref).toList();
	}

	private WorkloadRef ref(String label) {
		return workloadRef(label, this.workloadServiceAccounts.contains(label));
	}

	/** A workload typed or picked as {@code Kind/name}. */
	static WorkloadRef workloadRef(String label, boolean serviceAccount) {
		int slash = label.indexOf('/');
		WorkloadKind kind = (slash < 0) ? null : WorkloadKind.parse(label.substring(0, slash)).orElse(null);
		if (kind == null) {
			throw new IllegalArgumentException("'" + label + "' must be Kind/name, the kind one of "
					+ WorkloadKind.names());
		}
		return new WorkloadRef(kind, label.substring(slash + 1), serviceAccount);
	}

	public List<String> getWorkloads() {
		return this.workloads;
	}

	public void setWorkloads(@Nullable List<String> workloads) {
		this.workloads = (workloads != null) ? new ArrayList<>(workloads.stream().distinct().toList())
				: new ArrayList<>();
	}

	public List<String> getWorkloadServiceAccounts() {
		return this.workloadServiceAccounts;
	}

	public void setWorkloadServiceAccounts(@Nullable List<String> workloadServiceAccounts) {
		this.workloadServiceAccounts = (workloadServiceAccounts != null) ? new ArrayList<>(workloadServiceAccounts)
				: new ArrayList<>();
	}

	public @Nullable String getWorkloadFilter() {
		return this.workloadFilter;
	}

	public void setWorkloadFilter(@Nullable String workloadFilter) {
		this.workloadFilter = workloadFilter;
	}

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
