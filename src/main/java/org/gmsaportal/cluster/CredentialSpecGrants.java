package org.gmsaportal.cluster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.jspecify.annotations.Nullable;

/**
 * Who may {@code use} which credential spec, read from the cluster's RBAC objects: the rules granting verb
 * {@code use} on {@code gmsacredentialspecs} (by resourceName, or every one when the rule names none; {@code *}
 * counts), and the bindings of those roles. Only what lets a pod run counts, because the webhook asks in the pod's
 * namespace: a RoleBinding in namespace X grants the service accounts of X, or every service account of X through
 * the groups {@code system:serviceaccounts}, {@code system:serviceaccounts:X} and {@code system:authenticated}; a
 * ClusterRoleBinding grants its service accounts, and every service account of a namespace ({@code <ns>}) or of
 * every namespace ({@code *}) through those groups.
 */
final class CredentialSpecGrants {

	/** What {@link ListedCredentialSpec#everyServiceAccountIn()} holds for "every namespace". */
	static final String EVERY_NAMESPACE = "*";

	private static final String SA_GROUP = "system:serviceaccounts";

	private static final String SA_USER_PREFIX = "system:serviceaccount:";

	private final Map<String, Usage> byName = new HashMap<>();

	private final Usage everySpec = new Usage();

	/** Who may use one credential spec: service accounts by {@code namespace/name}, and whole namespaces. */
	static final class Usage {

		final Set<String> serviceAccounts = new TreeSet<>();

		final Set<String> everyServiceAccountIn = new TreeSet<>();

	}

	static CredentialSpecGrants read(KubernetesClient client, PartialReads reads) {
		List<ClusterRole> clusterRoles = reads.list(ClusterListing.USAGE, "ClusterRoles",
				() -> Pages.all((o) -> client.rbac().clusterRoles().list(o)));
		List<Role> roles = reads.list(ClusterListing.USAGE, "Roles in every namespace",
				() -> Pages.all((o) -> client.rbac().roles().inAnyNamespace().list(o)));
		List<ClusterRoleBinding> clusterBindings = reads.list(ClusterListing.USAGE, "ClusterRoleBindings",
				() -> Pages.all((o) -> client.rbac().clusterRoleBindings().list(o)));
		List<RoleBinding> bindings = reads.list(ClusterListing.USAGE, "RoleBindings in every namespace",
				() -> Pages.all((o) -> client.rbac().roleBindings().inAnyNamespace().list(o)));
		Map<String, Grant> clusterRoleGrants = new HashMap<>();
		clusterRoles.forEach((r) -> clusterRoleGrants.put(r.getMetadata().getName(), Grant.of(r.getRules())));
		Map<String, Grant> roleGrants = new HashMap<>();
		roles.forEach((r) -> roleGrants.put(r.getMetadata().getNamespace() + "/" + r.getMetadata().getName(),
				Grant.of(r.getRules())));
		CredentialSpecGrants grants = new CredentialSpecGrants();
		for (ClusterRoleBinding binding : clusterBindings) {
			Grant grant = grantOf(binding.getRoleRef(), null, clusterRoleGrants, roleGrants);
			if (grant != null) {
				for (Subject subject : list(binding.getSubjects())) {
					grants.clusterWide(grant, subject);
				}
			}
		}
		for (RoleBinding binding : bindings) {
			String namespace = binding.getMetadata().getNamespace();
			Grant grant = grantOf(binding.getRoleRef(), namespace, clusterRoleGrants, roleGrants);
			if (grant != null) {
				for (Subject subject : list(binding.getSubjects())) {
					grants.inNamespace(grant, namespace, subject);
				}
			}
		}
		return grants;
	}

	/** Who may use the credential spec named {@code name}. */
	Usage usage(String name) {
		Usage usage = new Usage();
		for (Usage part : List.of(this.everySpec, this.byName.getOrDefault(name, new Usage()))) {
			usage.serviceAccounts.addAll(part.serviceAccounts);
			usage.everyServiceAccountIn.addAll(part.everyServiceAccountIn);
		}
		return usage;
	}

	private void clusterWide(Grant grant, Subject subject) {
		String kind = subject.getKind();
		String name = subject.getName();
		if ("ServiceAccount".equals(kind) && subject.getNamespace() != null) {
			add(grant, (u) -> u.serviceAccounts.add(subject.getNamespace() + "/" + name));
		}
		else if ("User".equals(kind) && name.startsWith(SA_USER_PREFIX)
				&& name.indexOf(':', SA_USER_PREFIX.length()) > 0) {
			add(grant, (u) -> u.serviceAccounts.add(name.substring(SA_USER_PREFIX.length()).replace(':', '/')));
		}
		else if ("Group".equals(kind) && (SA_GROUP.equals(name) || "system:authenticated".equals(name))) {
			add(grant, (u) -> u.everyServiceAccountIn.add(EVERY_NAMESPACE));
		}
		else if ("Group".equals(kind) && name.startsWith(SA_GROUP + ":")) {
			add(grant, (u) -> u.everyServiceAccountIn.add(name.substring(SA_GROUP.length() + 1)));
		}
	}

	private void inNamespace(Grant grant, String namespace, Subject subject) {
		String kind = subject.getKind();
		String name = subject.getName();
		// A pod runs only as a service account of its own namespace: a subject of another one cannot use it here.
		String accountNamespace = (subject.getNamespace() != null) ? subject.getNamespace() : namespace;
		if ("ServiceAccount".equals(kind) && accountNamespace.equals(namespace)) {
			add(grant, (u) -> u.serviceAccounts.add(namespace + "/" + name));
		}
		else if ("User".equals(kind) && name.startsWith(SA_USER_PREFIX + namespace + ":")) {
			add(grant, (u) -> u.serviceAccounts.add(namespace + "/"
					+ name.substring(SA_USER_PREFIX.length() + namespace.length() + 1)));
		}
		else if ("Group".equals(kind) && (SA_GROUP.equals(name) || "system:authenticated".equals(name)
				|| name.equals(SA_GROUP + ":" + namespace))) {
			add(grant, (u) -> u.everyServiceAccountIn.add(namespace));
		}
	}

	private void add(Grant grant, java.util.function.Consumer<Usage> change) {
		if (grant.everySpec()) {
			change.accept(this.everySpec);
		}
		grant.names().forEach((name) -> change.accept(this.byName.computeIfAbsent(name, (n) -> new Usage())));
	}

	private static @Nullable Grant grantOf(RoleRef ref, @Nullable String namespace, Map<String, Grant> clusterRoles,
			Map<String, Grant> roles) {
		Grant grant = ("Role".equals(ref.getKind()) && namespace != null) ? roles.get(namespace + "/" + ref.getName())
				: "ClusterRole".equals(ref.getKind()) ? clusterRoles.get(ref.getName()) : null;
		return (grant != null && !grant.none()) ? grant : null;
	}

	private static <T> List<T> list(@Nullable List<T> items) {
		return (items != null) ? items : List.of();
	}

	/** What one role grants: {@code use} on every credential spec, or on the named ones. */
	record Grant(boolean everySpec, Set<String> names) {

		static Grant of(@Nullable List<PolicyRule> rules) {
			boolean every = false;
			Set<String> names = new TreeSet<>();
			for (PolicyRule rule : list(rules)) {
				if (matches(rule.getApiGroups(), GmsaCrd.GROUP) && matches(rule.getResources(), GmsaCrd.PLURAL)
						&& matches(rule.getVerbs(), "use")) {
					if (list(rule.getResourceNames()).isEmpty()) {
						every = true;
					}
					else {
						names.addAll(rule.getResourceNames());
					}
				}
			}
			return new Grant(every, names);
		}

		boolean none() {
			return !this.everySpec && this.names.isEmpty();
		}

		private static boolean matches(@Nullable List<String> values, String wanted) {
			return list(values).contains(wanted) || list(values).contains("*");
		}

	}

}
