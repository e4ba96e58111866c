package org.gmsaportal.api.v1;

import java.util.ArrayList;
import java.util.List;

import org.gmsaportal.provisioning.ArtifactNames;
import org.gmsaportal.provisioning.Decider;
import org.gmsaportal.provisioning.FiledRequest;
import org.gmsaportal.provisioning.ProvisioningRequests;
import org.gmsaportal.provisioning.RequestStatus;
import org.gmsaportal.provisioning.RunView;
import org.gmsaportal.provisioning.StepKind;
import org.gmsaportal.security.ApiClient;
import org.gmsaportal.security.ApiScope;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Provisioning requests for ticketing systems: file (idempotent), follow, approve or reject, decommission, and
 * fetch the artifacts. A client sees only the requests it filed, unless it holds {@code requests:approve}:
 * approvers must see what they approve.
 */
@RestController
@RequestMapping(path = "/api/v1/provisioning-requests")
class ProvisioningRequestsController {

	private static final String ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

	private final RequestFiling requests;

	private final ProvisioningRequests lifecycle;

	private final RequestViewer viewer;

	private final JsonMapper json;

	ProvisioningRequestsController(RequestFiling requests, ProvisioningRequests lifecycle, RequestViewer viewer,
			JsonMapper json) {
		this.requests = requests;
		this.lifecycle = lifecycle;
		this.viewer = viewer;
		this.json = json;
	}

	/** Files a request; the same Idempotency-Key and body answer the first response again. */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<RequestViews.RequestView> file(Authentication authentication,
			@RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
			@RequestBody(required = false) @Nullable String body) {
		if (key == null || key.isEmpty()) {
			throw new ApiInputException("Idempotency-Key", "required");
		}
		if (!key.matches("[A-Za-z0-9._:-]{1,128}")) {
			throw new ApiInputException("Idempotency-Key", "pattern: 1-128 of A-Z a-z 0-9 . _ : -");
		}
		RequestViews.RequestView view = this.requests.file(client(authentication), key, body);
		return ResponseEntity.status(HttpStatus.CREATED).body(view);
	}

	@GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	RequestViews.RequestView get(Authentication authentication, @PathVariable String id) {
		return this.viewer.view(visible(authentication, id));
	}

	/** Requests after the cursor, oldest first, optionally of one ticket and in one status. */
	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	RequestViews.RequestPage list(Authentication authentication,
			@RequestParam(required = false) @Nullable String ticketKey,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable String limit) {
		if (ticketKey != null && (ticketKey.length() > 128 || !ticketKey.matches("[A-Za-z0-9_.:#/-]*"))) {
			throw new ApiInputException("ticketKey", "pattern");
		}
		if (status != null && RequestStatus.ALL.stream().noneMatch(s -> s.name().equals(status))) {
			throw new ApiInputException("status", "enum: "
					+ String.join(", ", RequestStatus.ALL.stream().map(Enum::name).toList()));
		}
		long after = number(cursor, "cursor", 0, Long.MAX_VALUE, 0);
		int size = (int) number(limit, "limit", 1, 100, 20);
		ApiClient client = client(authentication);
		String owner = approver(client) ? null : client.id();
		// One row more than the page tells whether there is a next one; the status filter is SQL (it follows runs).
		List<FiledRequest> rows = this.lifecycle.after(owner, blankToNull(ticketKey),
				(status != null) ? RequestStatus.valueOf(status) : null, after, size + 1);
		boolean more = rows.size() > size;
		List<RequestViews.RequestView> items = new ArrayList<>();
		for (FiledRequest row : rows.subList(0, Math.min(size, rows.size()))) {
			items.add(this.viewer.view(row));
			after = row.seq();
		}
		return new RequestViews.RequestPage(items, more ? String.valueOf(after) : null);
	}

	@PostMapping(path = "/{id}/approval", produces = MediaType.APPLICATION_JSON_VALUE)
	RequestViews.RequestView approve(Authentication authentication, @PathVariable String id,
			@RequestBody(required = false) @Nullable String body) {
		String planHash = null;
		String reason = null;
		if (body != null && !body.isBlank()) {
			JsonNode node = object(body, java.util.Set.of("planHash", "reason"));
			planHash = Json.text(node, "planHash", "planHash", false, 64);
			if (planHash != null && !planHash.matches("[0-9a-f]{64}")) {
				throw new ApiInputException("planHash", "pattern: 64 lower-case hex digits");
			}
			reason = Json.text(node, "reason", "reason", false, 1000);
		}
		return this.viewer.view(this.lifecycle.approve(decider(authentication), visible(authentication, id), planHash,
				reason));
	}

	/** Rejects a pending request for good, with a reason the filing client can read. */
	@PostMapping(path = "/{id}/rejection", produces = MediaType.APPLICATION_JSON_VALUE)
	RequestViews.RequestView reject(Authentication authentication, @PathVariable String id,
			@RequestBody(required = false) @Nullable String body) {
		if (body == null || body.isBlank()) {
			throw new ApiInputException("reason", "required");
		}
		String reason = Json.text(object(body, java.util.Set.of("reason")), "reason", "reason", true, 1000);
		if (reason == null || reason.isBlank()) {
			throw new ApiInputException("reason", "required");
		}
		return this.viewer.view(this.lifecycle.reject(decider(authentication), visible(authentication, id),
				reason.strip()));
	}

	@PostMapping(path = "/{id}/decommission", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<RequestViews.RequestView> decommission(Authentication authentication, @PathVariable String id) {
		RequestViews.RequestView view = this.requests.decommission(client(authentication), visible(authentication, id));
		return ResponseEntity.status(HttpStatus.CREATED).body(view);
	}

	/** Files the rotation of a succeeded request's portable identity in its secret store, approved like any request. */
	@PostMapping(path = "/{id}/rotation", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<RequestViews.RequestView> rotation(Authentication authentication, @PathVariable String id) {
		RequestViews.RequestView view = this.requests.rotation(client(authentication), visible(authentication, id));
		return ResponseEntity.status(HttpStatus.CREATED).body(view);
	}

	/** The credential spec JSON the run generated, under the name the run page and review give it. */
	@GetMapping(path = "/{id}/credential-spec", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> credentialSpec(Authentication authentication, @PathVariable String id) {
		RunView.StepView step = artifact(authentication, id, List.of(StepKind.GENERATE_CREDSPEC), "credential spec");
		String json = String.valueOf(step.artifact());
		return named(ArtifactNames.credentialSpec(json), json);
	}

	/** The YAML bundle of an export-only run, or the objects applied to the cluster. */
	@GetMapping(path = "/{id}/manifests", produces = "application/yaml")
	ResponseEntity<String> manifests(Authentication authentication, @PathVariable String id) {
		RunView.StepView step = artifact(authentication, id, List.of(StepKind.EXPORT_BUNDLE, StepKind.APPLY_TO_CLUSTER),
				"manifests");
		// Both steps name the GMSACredentialSpec resource as their target: the bundle is named after it.
		return named(ArtifactNames.bundle(step.target()), String.valueOf(step.artifact()));
	}

	private static ResponseEntity<String> named(String fileName, String body) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(fileName).build().toString())
			.body(body);
	}

	private RunView.StepView artifact(Authentication authentication, String id, List<StepKind> kinds, String what) {
		FiledRequest row = visible(authentication, id);
		RunView run = this.lifecycle.run(row).orElse(null);
		if (run != null) {
			for (StepKind kind : kinds) {
				for (RunView.StepView step : run.steps()) {
					if (step.kind() == kind && step.artifact() != null) {
						return step;
					}
				}
			}
		}
		throw new RequestProblem(HttpStatus.NOT_FOUND, "The " + what + " of request " + id
				+ " has not been generated yet: it is produced by the run once the request is approved.");
	}

	private JsonNode object(String body, java.util.Set<String> known) {
		JsonNode node = Json.parse(this.json, body);
		if (!node.isObject()) {
			throw new ApiInputException("body", "type");
		}
		Json.onlyKnown(node, "", known);
		return node;
	}

	private FiledRequest visible(Authentication authentication, String id) {
		ApiClient client = client(authentication);
		if (!id.matches(ID)) {
			throw RequestProblem.notFound("with this id");
		}
		return this.lifecycle.find(id).filter(row -> approver(client) || row.clientId().equals(client.id()))
			.orElseThrow(() -> RequestProblem.notFound(id));
	}

	private static boolean approver(ApiClient client) {
		return client.scopes().contains(ApiScope.REQUESTS_APPROVE);
	}

	private static Decider decider(Authentication authentication) {
		ApiClient client = client(authentication);
		return Decider.client(client.id(), client.name());
	}

	private static ApiClient client(Authentication authentication) {
		return (ApiClient) authentication.getPrincipal();
	}

	private static long number(@Nullable String value, String field, long min, long max, long fallback) {
		if (value == null || value.isEmpty()) {
			return fallback;
		}
		long parsed;
		try {
			parsed = Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new ApiInputException(field, "type");
		}
		if (parsed < min || parsed > max) {
			throw new ApiInputException(field, (parsed < min) ? "min" : "max");
		}
		return parsed;
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

}
