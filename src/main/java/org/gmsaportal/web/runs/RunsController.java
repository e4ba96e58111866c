package org.gmsaportal.web.runs;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import org.gmsaportal.audit.AuditLog;
import org.gmsaportal.inventory.Inventory;
import org.gmsaportal.audit.AuditQuery;
import org.gmsaportal.credspec.SecretValue;
import org.gmsaportal.provisioning.ArtifactNames;
import org.gmsaportal.provisioning.PortableDelivery;
import org.gmsaportal.provisioning.ProvisioningRequest;
import org.gmsaportal.provisioning.PortableRotations;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunFilter;
import org.gmsaportal.provisioning.RunKind;
import org.gmsaportal.provisioning.RunState;
import org.gmsaportal.provisioning.RunTimes;
import org.gmsaportal.provisioning.RunView;
import org.gmsaportal.provisioning.StepKind;
import org.gmsaportal.provisioning.StepState;
import org.gmsaportal.web.AuditDetails;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * The runs for admins and auditors: the filtered list, one run's timeline with its audit events and artifacts, and
 * the small JSON its page polls for live progress.
 */
@Controller
class RunsController {

	// The apply step's detail names each object it applied: "CREATED Secret apps/web01-ccg, ...".
	private static final Pattern WRITTEN_SECRET = Pattern.compile("\\bSecret ([a-z0-9.-]+/[a-z0-9.-]+)");

	private static final int LIMIT = 200;

	private final ProvisioningService provisioning;

	private final AuditLog auditLog;

	private final PortableRotations rotations;

	private final RunTimes times;

	private final Inventory inventory;

	RunsController(ProvisioningService provisioning, AuditLog auditLog, PortableRotations rotations, RunTimes times,
			Inventory inventory) {
		this.provisioning = provisioning;
		this.auditLog = auditLog;
		this.rotations = rotations;
		this.times = times;
		this.inventory = inventory;
	}

	/**
	 * What the run page's script polls.
	 *
	 * @param state the run's state
	 * @param failure why it failed, if it did
	 * @param finished whether it will change no more by itself
	 * @param steps each step's state, detail and attempts
	 * @param done how many steps succeeded or were skipped
	 * @param total how many steps the run has
	 * @param currentIndex the index of the step the run is at (or stopped at), if any
	 * @param current that step's kind
	 */
	record Progress(RunState state, @Nullable String failure, boolean finished, List<StepProgress> steps, int done,
			int total, @Nullable Integer currentIndex, @Nullable String current) {
	}

	/**
	 * One step in {@link Progress}.
	 *
	 * @param index position from 0
	 * @param state its state
	 * @param detail what happened
	 * @param attempts how often it was started
	 */
	record StepProgress(int index, String state, @Nullable String detail, int attempts) {
	}

	@GetMapping("/runs")
	String list(@Valid @ModelAttribute("filter") RunsFilter filter, BindingResult errors, Model model) {
		model.addAttribute("section", "runs");
		model.addAttribute("states", RunState.values());
		model.addAttribute("runs", this.provisioning.runs(errors.hasErrors() ? RunFilter.all() : filter.toFilter(), LIMIT));
		return "runs/list";
	}

	@GetMapping("/runs/{id}")
	String detail(@PathVariable String id, Model model, Authentication user) {
		RunView run = find(this.provisioning, id);
		model.addAttribute("section", "runs");
		model.addAttribute("run", run);
		model.addAttribute("finished", finished(run));
		ProvisioningRequest request = request(run);
		// What the newest inventory snapshot says changed since this run made its objects (read from the database).
		model.addAttribute("assessment", this.inventory.ofRun(run.id()).orElse(null));
		model.addAttribute("timeline", RunTimeline.of(run, this.times.of(run.id()), request, Instant.now()));
		model.addAttribute("events", AuditDetails.of(this.auditLog
			.search(new AuditQuery(null, null, null, null, null, null, run.id()), 0, 200).events()));
		boolean admin = user.getAuthorities().stream().anyMatch((a) -> a.getAuthority().equals("ROLE_ADMIN"));
		model.addAttribute("admin", admin);
		// Revealed only by an admin's explicit POST, which records who saw it; a page load takes nothing.
		model.addAttribute("passwordWaiting", admin && this.provisioning.portablePasswordWaiting(run.id()));
		model.addAttribute("delivery", (run.kind() != RunKind.DECOMMISSION && request != null)
				? PortableDelivery.of(request, run.domain()).orElse(null) : null);
		// Last and next rotation of an identity the run wrote to a store; absent for any other run.
		model.addAttribute("rotation", (run.kind() == RunKind.PROVISION && run.state() == RunState.SUCCEEDED)
				? this.rotations.status(run.id()).orElse(null) : null);
		return "runs/detail";
	}

	/** Shows the generated password once, to the admin who asked, and records that it was shown. */
	@PostMapping("/runs/{id}/password")
	String revealPassword(@PathVariable String id, Model model, Authentication user) {
		RunView run = find(this.provisioning, id);
		Optional<SecretValue> password = this.provisioning.revealPortablePassword(run.id(), user.getName());
		model.addAttribute("section", "runs");
		model.addAttribute("run", run);
		model.addAttribute("portablePassword", password.map(SecretValue::reveal).orElse(null));
		model.addAttribute("writtenSecret", writtenSecret(run));
		model.addAttribute("delivery", delivery(run));
		return "runs/password";
	}

	/**
	 * The request whose objects the run acts on: its own, or for a decommission the removed run's; {@code null} when
	 * it no longer reads.
	 */
	private @Nullable ProvisioningRequest request(RunView run) {
		String id = (run.kind() == RunKind.DECOMMISSION && run.decommissions() != null) ? run.decommissions() : run.id();
		try {
			return this.provisioning.request(id);
		}
		catch (RuntimeException ex) {
			// A run kept by an older version whose request no longer reads: the page shows the rest.
			return null;
		}
	}

	/**
	 * How the run's portable identity reaches its plug-in: the store, its command with the password elided, the
	 * platform's commands; {@code null} for domain-joined hosts and decommission runs.
	 */
	private @Nullable PortableDelivery delivery(RunView run) {
		if (run.kind() == RunKind.DECOMMISSION) {
			return null;
		}
		try {
			ProvisioningRequest request = this.provisioning.request(run.id());
			return (request != null) ? PortableDelivery.of(request, run.domain()).orElse(null) : null;
		}
		catch (RuntimeException ex) {
			// A run kept by an older version whose request no longer reads: the page shows the rest.
			return null;
		}
	}

	@GetMapping(path = "/runs/{id}/progress", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Progress progress(@PathVariable String id) {
		RunView run = find(this.provisioning, id);
		RunTimeline timeline = RunTimeline.of(run, Optional.empty(), null, Instant.now());
		return new Progress(run.state(), run.failure(), finished(run), run.steps().stream()
			.map((s) -> new StepProgress(s.index(), s.state().name(), s.detail(), s.attempts())).toList(),
				timeline.done(), timeline.total(),
				(timeline.current() != null) ? timeline.current().step().index() : null,
				(timeline.current() != null) ? timeline.current().step().kind().name() : null);
	}

	/** A step's artifact as a download: the credential spec as JSON, the export bundle as YAML. */
	@GetMapping("/runs/{id}/steps/{index}/artifact")
	ResponseEntity<String> artifact(@PathVariable String id, @PathVariable int index) {
		RunView run = find(this.provisioning, id);
		RunView.StepView step = run.steps().stream().filter((s) -> s.index() == index).findFirst()
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		String artifact = step.artifact();
		if (artifact == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		boolean yaml = step.kind() == StepKind.EXPORT_BUNDLE;
		// The export step's target is the GMSACredentialSpec name the bundle is named after.
		String name = switch (step.kind()) {
			case GENERATE_CREDSPEC -> ArtifactNames.credentialSpec(artifact);
			case EXPORT_BUNDLE -> ArtifactNames.bundle(step.target());
			default -> run.gmsaName().toLowerCase(Locale.ROOT) + "-"
					+ step.kind().name().toLowerCase(Locale.ROOT).replace('_', '-') + ".json";
		};
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
			.contentType(yaml ? MediaType.parseMediaType("application/yaml;charset=UTF-8") : MediaType.APPLICATION_JSON)
			.body(artifact);
	}

	/**
	 * The Kubernetes Secret the run applied the password into ({@code namespace/name}), or {@code null} when it
	 * wrote none (another plug-in, or export only): the password page must not send the admin to look for one.
	 */
	static @Nullable String writtenSecret(RunView run) {
		for (RunView.StepView step : run.steps()) {
			boolean applied = step.kind() == StepKind.APPLY_TO_CLUSTER && step.state() == StepState.SUCCEEDED;
			if (applied && step.detail() != null) {
				Matcher secret = WRITTEN_SECRET.matcher(step.detail());
				if (secret.find()) {
					return secret.group(1);
				}
			}
		}
		return null;
	}

	static boolean finished(RunView run) {
		return run.state() != RunState.RUNNING;
	}

	/** The run of a path's id, for every runs page and download: 404 for an id that is not a run id or no run. */
	static RunView find(ProvisioningService provisioning, String id) {
		if (!id.matches("[0-9a-f-]{36}")) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return provisioning.run(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
