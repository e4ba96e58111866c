package org.gmsaportal.cluster;

import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * The kinds of the admin's own workloads the portal can point at a credential spec, with where each keeps its pod
 * template: a CronJob one level deeper, under {@code spec.jobTemplate.spec.template}.
 */
public enum WorkloadKind {

	DEPLOYMENT("apps", "Deployment", "deployments", List.of("spec", "template")),
	STATEFUL_SET("apps", "StatefulSet", "statefulsets", List.of("spec", "template")),
	DAEMON_SET("apps", "DaemonSet", "daemonsets", List.of("spec", "template")),
	CRON_JOB("batch", "CronJob", "cronjobs", List.of("spec", "jobTemplate", "spec", "template"));

	private final String group;

	private final String kind;

	private final String plural;

	private final List<String> templatePath;

	WorkloadKind(String group, String kind, String plural, List<String> templatePath) {
		this.group = group;
		this.kind = kind;
		this.plural = plural;
		this.templatePath = templatePath;
	}

	/** The Kubernetes kind, e.g. {@code StatefulSet}: how the admin, the API and kubectl name it. */
	public String kind() {
		return this.kind;
	}

	/** e.g. {@code apps/v1}. */
	public String apiVersion() {
		return this.group + "/v1";
	}

	/** The kubectl resource type, e.g. {@code deployments.apps}. */
	public String resourceType() {
		return this.plural + "." + this.group;
	}

	/** Path from the object's root to its pod template. */
	List<String> templatePath() {
		return this.templatePath;
	}

	ResourceDefinitionContext context() {
		return new ResourceDefinitionContext.Builder().withGroup(this.group)
			.withVersion("v1")
			.withKind(this.kind)
			.withPlural(this.plural)
			.withNamespaced(true)
			.build();
	}

	/** The kind named {@code Deployment}, {@code deployment} or {@code DEPLOYMENT}; empty for anything else. */
	public static Optional<WorkloadKind> parse(String text) {
		for (WorkloadKind kind : values()) {
			if (kind.kind.equalsIgnoreCase(text) || kind.name().equalsIgnoreCase(text.replace('-', '_'))
					|| kind.name().replace("_", "").equalsIgnoreCase(text)) {
				return Optional.of(kind);
			}
		}
		return Optional.empty();
	}

	/** The kinds as the admin types them, for error messages. */
	public static String names() {
		return String.join(", ", java.util.Arrays.stream(values()).map(WorkloadKind::kind).toList());
	}

}
