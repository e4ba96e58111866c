package org.gmsaportal.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import org.gmsaportal.audit.AuditOutcome;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the admin's own workloads and points them at the credential spec with server-side apply under the portal's
 * workload field manager, never forcing a conflict; gives the fields back with an empty intent, leaving the workload.
 */
class WorkloadPatcher {

	/** A filtered page may need several list calls; this bounds the remote work of one page view. */
	static final int MAX_LIST_CALLS = 8;

	private static final Logger logger = LoggerFactory.getLogger(WorkloadPatcher.class);

	private final ClusterAudit audit;

	WorkloadPatcher(ClusterAudit audit) {
		this.audit = audit;
	}

	/**
	 * @param filter part of the name, any case; empty for all
	 * @param token where the page starts, from the previous page, or {@code null} for the first
	 */
	WorkloadPage list(KubernetesClient client, String namespace, String filter, int limit, @Nullable String token) {
		WorkloadKind[] kinds = WorkloadKind.values();
		int kind = 0;
		String next = null;
		if (token != null && !token.isBlank()) {
			int colon = token.indexOf(':');
			kind = (colon < 0) ? -1 : WorkloadKind.parse(token.substring(0, colon)).map(Enum::ordinal).orElse(-1);
			if (kind < 0) {
				throw new ClusterOperationException("The page token '" + token + "' is not one this portal gave out:"
						+ " start again from the first page.");
			}
			next = token.substring(colon + 1).isEmpty() ? null : token.substring(colon + 1);
		}
		String needle = filter.trim().toLowerCase(Locale.ROOT);
		List<WorkloadSummary> items = new ArrayList<>();
		try {
			for (int calls = 0; calls < MAX_LIST_CALLS && kind < kinds.length && items.size() < limit; calls++) {
				GenericKubernetesResourceList page = client.genericKubernetesResources(kinds[kind].context())
					.inNamespace(namespace)
					.list(new ListOptionsBuilder().withLimit((long) limit - items.size()).withContinue(next).build());
				for (GenericKubernetesResource item : page.getItems()) {
					if (item.getMetadata().getName().toLowerCase(Locale.ROOT).contains(needle)) {
						items.add(summary(kinds[kind], item));
					}
				}
				next = (page.getMetadata() != null) ? page.getMetadata().getContinue() : null;
				if (next == null || next.isEmpty()) {
					kind++;
					next = null;
				}
			}
		}
		catch (KubernetesClientException ex) {
			throw KubernetesErrors.translate(ex, "list the workloads of namespace " + namespace, true);
		}
		String continueToken = (kind >= kinds.length) ? null : kinds[kind].name() + ":" + ((next != null) ? next : "");
		return new WorkloadPage(items, continueToken);
	}

	/** Server-side dry run ({@code dryRun=All}) of the portal's intent for one workload. Writes nothing. */
	WorkloadChange review(KubernetesClient client, WorkloadPatches patches, WorkloadRef workload) {
		return reviewed(client, patches, workload).change();
	}

	/** A review and the intent it dry-ran, {@code null} when nothing was sent (missing or Linux-only workload). */
	private record Review(WorkloadChange change, @Nullable GenericKubernetesResource intent) {
	}

	private Review reviewed(KubernetesClient client, WorkloadPatches patches, WorkloadRef workload) {
		GenericKubernetesResource live;
		try {
			live = resource(client, patches.namespace(), workload).get();
		}
		catch (KubernetesClientException ex) {
			throw KubernetesErrors.translate(ex, "read " + workload.label() + " in " + patches.namespace(), true);
		}
		if (live == null) {
			return new Review(new WorkloadChange(workload, WorkloadChange.Outcome.NOT_FOUND, List.of(), workload.label()
					+ " does not exist in namespace " + patches.namespace()
					+ ": check the kind and the name (kubectl get " + workload.kind().resourceType() + " -n "
					+ patches.namespace() + "), or leave it out.", null), null);
		}
		String uid = live.getMetadata().getUid();
		Map<String, String> selector = WorkloadPatch.nodeSelector(WorkloadPatch.podSpec(live, workload.kind()));
		if (WorkloadPatch.linuxOnly(selector)) {
			return new Review(new WorkloadChange(workload, WorkloadChange.Outcome.LINUX_ONLY, List.of(),
					workload.label()
					+ " in " + patches.namespace() + " runs on Linux nodes only (nodeSelector " + selector
					+ "): a gMSA works only in Windows containers. Pick a Windows workload, or change its nodeSelector"
					+ " to kubernetes.io/os: windows first.", uid), null);
		}
		GenericKubernetesResource intent = WorkloadPatch.intent(patches, workload, live);
		try {
			GenericKubernetesResource proposed = applicable(client, patches.namespace(), workload, intent).dryRun()
				.fieldManager(WorkloadPatch.FIELD_MANAGER)
				.serverSideApply();
			List<String> diff = ObjectDiff.between(live, proposed);
			return new Review(new WorkloadChange(workload,
					diff.isEmpty() ? WorkloadChange.Outcome.UNCHANGED : WorkloadChange.Outcome.PATCHED, diff, null,
					uid),
					intent);
		}
		catch (KubernetesClientException ex) {
			if (FieldConflicts.isConflict(ex)) {
				return new Review(new WorkloadChange(workload, WorkloadChange.Outcome.CONFLICT, List.of(),
						FieldConflicts.message(ex, workload, patches.namespace()), uid), intent);
			}
			throw KubernetesErrors.translate(ex, "dry-run " + workload.label() + " in " + patches.namespace(), true);
		}
	}

	/**
	 * Dry run, then the apply itself when the dry run says the workload changes and nothing blocks it; audited with
	 * the run. A conflict is returned, not forced: the caller fails the step with its message.
	 */
	WorkloadChange apply(KubernetesClient client, String connection, String runId, @Nullable String ticket,
			WorkloadPatches patches, WorkloadRef workload) {
		Review review = reviewed(client, patches, workload);
		WorkloadChange reviewed = review.change();
		GenericKubernetesResource intent = review.intent();
		if (intent == null || reviewed.blocks() || reviewed.outcome() == WorkloadChange.Outcome.UNCHANGED) {
			return reviewed;
		}
		this.audit.intent(connection, runId, ticket, "apply", intent);
		try {
			applicable(client, patches.namespace(), workload, intent).fieldManager(WorkloadPatch.FIELD_MANAGER)
				.serverSideApply();
			this.audit.write(connection, runId, ticket, "apply", intent, AuditOutcome.SUCCESS, "gMSA fields set");
			logger.info("Pointed {} in {} at credential spec {} on cluster {}", workload.label(), patches.namespace(),
					patches.credSpecName(), connection);
			return reviewed;
		}
		catch (KubernetesClientException ex) {
			boolean conflict = FieldConflicts.isConflict(ex);
			String message = conflict ? FieldConflicts.message(ex, workload, patches.namespace())
					: KubernetesErrors.translate(ex, "apply " + workload.label(), true).getMessage();
			this.audit.write(connection, runId, ticket, "apply", intent, AuditOutcome.FAILURE, message);
			if (!conflict) {
				throw new ClusterOperationException(message);
			}
			return new WorkloadChange(workload, WorkloadChange.Outcome.CONFLICT, List.of(), message, reviewed.uid());
		}
	}

	/**
	 * Applies the empty intent under the workload field manager: the API server removes the fields only the portal
	 * owns and keeps everything else, the workload included. Only the object the run patched (same uid) is touched.
	 */
	WorkloadChange release(KubernetesClient client, String connection, String runId, String namespace,
			WorkloadRef workload, @Nullable String uid) {
		GenericKubernetesResource empty = WorkloadPatch.release(namespace, workload);
		Resource<GenericKubernetesResource> resource = resource(client, namespace, workload);
		try {
			GenericKubernetesResource live = resource.get();
			if (live == null || (uid != null && !uid.equals(live.getMetadata().getUid()))) {
				return new WorkloadChange(workload, WorkloadChange.Outcome.ALREADY_GONE, List.of(), workload.label()
						+ ((live == null) ? " no longer exists" : " was deleted and re-created by someone else")
						+ ": the portal has no fields on it to give back.", uid);
			}
			this.audit.intent(connection, runId, null, "apply", empty);
			applicable(client, namespace, workload, empty).fieldManager(WorkloadPatch.FIELD_MANAGER).serverSideApply();
			this.audit.write(connection, runId, null, "apply", empty, AuditOutcome.SUCCESS, "gMSA fields released");
			return new WorkloadChange(workload, WorkloadChange.Outcome.RELEASED, List.of(), workload.label()
					+ ": the fields only the portal owned are removed; the workload and everyone else's fields stay.",
					uid);
		}
		catch (KubernetesClientException ex) {
			ClusterOperationException translated = KubernetesErrors.translate(ex, "release " + workload.label(), true);
			this.audit.write(connection, runId, null, "apply", empty, AuditOutcome.FAILURE, translated.getMessage());
			throw translated;
		}
	}

	private static Resource<GenericKubernetesResource> resource(KubernetesClient client, String namespace,
			WorkloadRef workload) {
		return client.genericKubernetesResources(workload.kind().context()).inNamespace(namespace)
			.withName(workload.name());
	}

	// Never forceConflicts(): a field another manager owns goes back to the admin as a conflict.
	private static Resource<GenericKubernetesResource> applicable(KubernetesClient client, String namespace,
			WorkloadRef workload, GenericKubernetesResource intent) {
		return client.genericKubernetesResources(workload.kind().context()).inNamespace(namespace).resource(intent);
	}

	private static WorkloadSummary summary(WorkloadKind kind, GenericKubernetesResource item) {
		Map<String, Object> podSpec = WorkloadPatch.podSpec(item, kind);
		return new WorkloadSummary(kind, item.getMetadata().getName(),
				WorkloadPatch.string(podSpec, "serviceAccountName"),
				WorkloadPatch.string(podSpec, "securityContext", "windowsOptions", "gmsaCredentialSpecName"),
				WorkloadPatch.nodeSelector(podSpec));
	}

}
