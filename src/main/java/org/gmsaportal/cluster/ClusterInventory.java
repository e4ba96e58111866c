package org.gmsaportal.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Lists the credspecs of a cluster with the service accounts RBAC lets {@code use} each. Reads only.
 */
@Service
public class ClusterInventory {

	private final ClusterClients clients;

	ClusterInventory(ClusterClients clients) {
		this.clients = clients;
	}

	public List<CredSpecUsage> credSpecs(String connection) {
		KubernetesClient client = this.clients.forConnection(connection);
		try {
			GmsaCrd crd = GmsaCrd.read(client);
			if (crd.preferredVersion().isEmpty()) {
				return List.of();
			}
			List<GenericKubernetesResource> specs = client.genericKubernetesResources(
					GmsaCrd.context(crd.preferredVersion().get())).list().getItems();
			var rbac = client.rbac();
			Map<String, List<PolicyRule>> clusterRoles = new java.util.HashMap<>();
			rbac.clusterRoles().list().getItems().forEach((r) -> clusterRoles.put(r.getMetadata().getName(), r.getRules()));
			Map<String, List<PolicyRule>> roles = new java.util.HashMap<>();
			rbac.roles().inAnyNamespace().list().getItems()
				.forEach((r) -> roles.put(r.getMetadata().getNamespace() + "/" + r.getMetadata().getName(), r.getRules()));
			List<Grant> grants = new ArrayList<>();
			rbac.clusterRoleBindings().list().getItems().forEach((b) -> grants.add(new Grant("ClusterRoleBinding "
					+ b.getMetadata().getName(), null, b.getRoleRef(), b.getSubjects())));
			rbac.roleBindings().inAnyNamespace().list().getItems().forEach((b) -> grants.add(new Grant("RoleBinding "
					+ b.getMetadata().getNamespace() + "/" + b.getMetadata().getName(), b.getMetadata().getNamespace(),
					b.getRoleRef(), b.getSubjects())));
			return specs.stream().sorted(Comparator.comparing((s) -> s.getMetadata().getName()))
				.map((s) -> usage(s, grants, clusterRoles, roles)).toList();
		}
		catch (KubernetesClientException ex) {
			throw KubernetesErrors.translate(ex, "list credspecs and RBAC bindings", true);
		}
	}

	private record Grant(String binding, @Nullable String namespace, RoleRef roleRef, @Nullable List<Subject> subjects) {
	}

	private static CredSpecUsage usage(GenericKubernetesResource spec, List<Grant> grants,
			Map<String, List<PolicyRule>> clusterRoles, Map<String, List<PolicyRule>> roles) {
		String name = spec.getMetadata().getName();
		Set<String> users = new TreeSet<>();
		for (Grant grant : grants) {
			boolean clusterRole = "ClusterRole".equals(grant.roleRef().getKind());
			List<PolicyRule> rules = clusterRole ? clusterRoles.get(grant.roleRef().getName())
					: roles.get(grant.namespace() + "/" + grant.roleRef().getName());
			if (rules == null || rules.stream().noneMatch((r) -> allowsUse(r, name)) || grant.subjects() == null) {
				continue;
			}
			for (Subject subject : grant.subjects()) {
				String who = who(subject, grant.namespace());
				if (who != null) {
					users.add(who + " via " + grant.binding() + " -> " + grant.roleRef().getKind() + " " + grant.roleRef().getName());
				}
			}
		}
		Map<String, String> labels = (spec.getMetadata().getLabels() != null) ? spec.getMetadata().getLabels() : Map.of();
		return new CredSpecUsage(name, ClusterLabels.PORTAL.equals(labels.get(ClusterLabels.MANAGED_BY)),
				labels.get(ClusterLabels.RUN_ID), List.copyOf(users));
	}

	static boolean allowsUse(PolicyRule rule, String credSpecName) {
		return matches(rule.getApiGroups(), GmsaCrd.GROUP) && matches(rule.getResources(), GmsaCrd.PLURAL)
				&& matches(rule.getVerbs(), "use")
				&& (rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
						|| rule.getResourceNames().contains(credSpecName));
	}

	private static boolean matches(@Nullable List<String> values, String wanted) {
		return values != null && (values.contains(wanted) || values.contains("*"));
	}

	/** Service accounts, and the service-account groups the webhook's review also carries. */
	private static @Nullable String who(Subject subject, @Nullable String bindingNamespace) {
		if ("ServiceAccount".equals(subject.getKind())) {
			String namespace = (subject.getNamespace() != null) ? subject.getNamespace() : bindingNamespace;
			return namespace + "/" + subject.getName();
		}
		if ("Group".equals(subject.getKind()) && subject.getName().startsWith("system:serviceaccounts")) {
			String rest = subject.getName().substring("system:serviceaccounts".length());
			return rest.isEmpty() ? "*/*" : rest.substring(1) + "/*";
		}
		return null;
	}

}
