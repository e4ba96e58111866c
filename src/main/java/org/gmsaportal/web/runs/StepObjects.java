package org.gmsaportal.web.runs;

import org.gmsaportal.provisioning.ProvisioningRequest;
import org.gmsaportal.provisioning.RunView;
import org.gmsaportal.provisioning.Target;
import org.jspecify.annotations.Nullable;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The object a step acts on, as the run page's timeline names it: directory objects by their kind and name, linked
 * to the inventory's page or table that lists them; cluster objects as kind, namespace and name (the inventory lists
 * credential specs, so those link there). Reads nothing: the step and the run's request say it all.
 */
final class StepObjects {

	private StepObjects() {
	}

	/**
	 * What a step acts on.
	 *
	 * @param label its kind and name, e.g. {@code Deployment apps/web01}
	 * @param href where the portal shows it, or {@code null} where it shows it nowhere
	 */
	record StepObject(String label, @Nullable String href) {
	}

	/** The step's object; without the run's request, its target alone and no link. */
	static StepObject of(RunView.StepView step, @Nullable ProvisioningRequest request) {
		String target = step.target();
		String connection = (request != null) ? request.directoryConnection() : null;
		Target cluster = (request != null) ? request.target() : null;
		String namespace = (cluster instanceof Target.DockerHosts || cluster == null) ? null : cluster.namespace();
		return switch (step.kind()) {
			case ENSURE_GMSA, REMOVE_GMSA, PROVE_RETRIEVAL -> new StepObject("gMSA " + target,
					(connection != null) ? UriComponentsBuilder.fromPath("/inventory/gmsas/{c}/{n}")
						.buildAndExpand(connection, bare(target)).encode().toUriString() : null);
			case ENSURE_PORTABLE_USER, SET_PORTABLE_PASSWORD, REMOVE_PORTABLE_USER -> new StepObject("user " + target,
					inventory("/inventory/users", target));
			case ENSURE_GROUP, ENSURE_MEMBERSHIP, REMOVE_MEMBERSHIP, REMOVE_GROUP -> new StepObject("group " + target,
					null);
			case ENSURE_KDS_ROOT_KEY -> new StepObject(target, "/inventory/kds-keys");
			case APPLY_TO_CLUSTER, REMOVE_FROM_CLUSTER, EXPORT_BUNDLE ->
				(cluster != null && !(cluster instanceof Target.DockerHosts))
						? new StepObject("GMSACredentialSpec " + cluster.credSpecName(),
								inventory("/inventory/credential-specs", cluster.credSpecName()))
						: new StepObject(target, null);
			case GENERATE_CREDSPEC -> new StepObject("credential spec of " + target, null);
			case VERIFY_WORKLOAD -> new StepObject(named("Deployment", namespace, target), null);
			case PATCH_WORKLOAD, UNPATCH_WORKLOAD -> new StepObject(workload(namespace, target), null);
			case WRITE_PORTABLE_SECRET, REMOVE_PORTABLE_SECRET -> new StepObject("secret " + target, null);
			case CLUSTER_PREFLIGHT, INSTALL_GMSA_WEBHOOK, REMOVE_GMSA_WEBHOOK -> new StepObject("cluster " + target,
					null);
			case PLACE_ON_DOCKER_HOSTS -> new StepObject(target, null);
		};
	}

	/** {@code Deployment/web} in namespace apps: {@code Deployment apps/web}. */
	private static String workload(@Nullable String namespace, String label) {
		int slash = label.indexOf('/');
		return (slash < 0) ? label : named(label.substring(0, slash), namespace, label.substring(slash + 1));
	}

	private static String named(String kind, @Nullable String namespace, String name) {
		return kind + " " + ((namespace != null) ? namespace + "/" : "") + name;
	}

	private static String inventory(String path, String name) {
		return UriComponentsBuilder.fromPath(path).queryParam("name", name).encode().build().toUriString();
	}

	private static String bare(String name) {
		return name.endsWith("$") ? name.substring(0, name.length() - 1) : name;
	}

}
