package org.gmsaportal.web.inventory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.gmsaportal.cluster.ClusterListing;
import org.gmsaportal.inventory.Finding;
import org.gmsaportal.inventory.FindingQuery;
import org.gmsaportal.inventory.GmsaQuery;
import org.gmsaportal.inventory.Inventory;
import org.gmsaportal.inventory.InventoryGmsa;
import org.gmsaportal.inventory.InventorySnapshot;
import org.gmsaportal.inventory.KeptSnapshot;
import org.gmsaportal.inventory.Severity;
import org.gmsaportal.provisioning.RunOverview;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The inventory's tables for admins and auditors, from a kept snapshot: gMSAs (filter, sort, paging in the URL),
 * KDS root keys, portable users, credential specs with the gMSA webhook's certificates, and the findings by
 * severity; and an admin's "refresh now".
 */
@Controller
class InventoryController {

	private final SnapshotPicker snapshots;

	private final Inventory inventory;

	private final RunOverview runs;

	private final MessageSource messages;

	InventoryController(SnapshotPicker snapshots, Inventory inventory, RunOverview runs, MessageSource messages) {
		this.snapshots = snapshots;
		this.inventory = inventory;
		this.runs = runs;
		this.messages = messages;
	}

	@GetMapping("/inventory")
	String gmsas(@Valid @ModelAttribute("filter") InventoryFilter filter, BindingResult errors, Model model,
			HttpServletRequest request) {
		Optional<KeptSnapshot> snapshot = this.snapshots.show(model, "gmsas", filter.getAsOf());
		GmsaQuery query = errors.hasErrors() ? GmsaQuery.all() : filter.toQuery();
		int page = errors.hasErrors() ? 0 : filter.getPage();
		// one page read in SQL (the service), not the whole snapshot
		model.addAttribute("rows", snapshot.map((s) -> Paged.of(s.gmsas(this.runs.inventory(), query, page,
				Paged.SIZE))).orElseGet(() -> Paged.of(List.<InventoryGmsa>of(), 0, Paged.SIZE)));
		model.addAttribute("domains", snapshot.map(KeptSnapshot::domains).orElse(List.of()));
		model.addAttribute("severities", Severity.values());
		model.addAttribute("sorts", sortLinks(request, filter));
		links(model, request);
		return "inventory/gmsas";
	}

	@GetMapping("/inventory/kds-keys")
	String keys(@Valid @ModelAttribute("filter") InventoryFilter filter, BindingResult errors, Model model,
			HttpServletRequest request) {
		return table("kds-keys", Rows::keys, filter, errors, model, request);
	}

	@GetMapping("/inventory/users")
	String users(@Valid @ModelAttribute("filter") InventoryFilter filter, BindingResult errors, Model model,
			HttpServletRequest request) {
		return table("users", Rows::users, filter, errors, model, request);
	}

	@GetMapping("/inventory/credential-specs")
	String specs(@Valid @ModelAttribute("filter") InventoryFilter filter, BindingResult errors, Model model,
			HttpServletRequest request) {
		Optional<KeptSnapshot> snapshot = this.snapshots.show(model, "credential-specs", filter.getAsOf());
		List<ClusterListing> clusters = snapshot.map(KeptSnapshot::clusters).orElse(List.of());
		// the webhook's certificates are judged against now: a snapshot keeps only when each expires
		model.addAttribute("webhookCertificates",
				snapshot.isPresent() ? this.inventory.webhookCertificates(clusters) : List.of());
		@Nullable String text = errors.hasErrors() ? null : filter.getName();
		model.addAttribute("rows", Paged.of(Rows.specs(clusters, text), filter.getPage(), Paged.SIZE));
		links(model, request);
		return "inventory/credential-specs";
	}

	/**
	 * One of the tables of the directory listings (without their gMSAs), filtered by the name text (ignored when the
	 * filter is invalid).
	 */
	private <T> String table(String tab, Rows.Of<T> rows, InventoryFilter filter, BindingResult errors, Model model,
			HttpServletRequest request) {
		Optional<KeptSnapshot> snapshot = this.snapshots.show(model, tab, filter.getAsOf());
		@Nullable String text = errors.hasErrors() ? null : filter.getName();
		List<T> all = snapshot.map((s) -> rows.of(s.header().takenAt(), s.directories(), text)).orElse(List.of());
		model.addAttribute("rows", Paged.of(all, filter.getPage(), Paged.SIZE));
		model.addAttribute("takenAt", snapshot.map((s) -> s.header().takenAt()).orElse(null));
		links(model, request);
		return "inventory/" + tab;
	}

	/** Findings most urgent first, optionally of one severity, with the drift below them. */
	@GetMapping("/inventory/findings")
	String findings(@Valid @ModelAttribute("filter") InventoryFilter filter, BindingResult errors, Model model,
			HttpServletRequest request) {
		Optional<KeptSnapshot> snapshot = this.snapshots.show(model, "findings", filter.getAsOf());
		// the counts come with the header; the page of findings is read in SQL
		model.addAttribute("counts", snapshot.map((s) -> s.header().findings()).orElse(Map.of()));
		FindingQuery query = errors.hasErrors() ? FindingQuery.all()
				: new FindingQuery(filter.getFinding(), filter.getName());
		model.addAttribute("severities", Severity.values());
		model.addAttribute("rows", snapshot.map((s) -> Paged.of(s, query, filter.getPage()))
			.orElseGet(() -> Paged.of(List.<Finding>of(), 0, Paged.SIZE)));
		model.addAttribute("drift", snapshot.map(KeptSnapshot::drift).orElse(List.of()));
		links(model, request);
		return "inventory/findings";
	}

	/** Reads every connection now; the service audits the snapshot. ADMIN only (every POST is). */
	@PostMapping("/inventory/refresh")
	String refresh(RedirectAttributes redirect) {
		InventorySnapshot snapshot = this.inventory.refresh();
		String key = snapshot.complete() ? "inventory.refreshed" : "inventory.refreshedIncomplete";
		redirect.addFlashAttribute("flash", this.messages.getMessage(key, new Object[] { snapshot.id() },
				LocaleContextHolder.getLocale()));
		return "redirect:/inventory";
	}

	/** The current query without the page (for the pager and exports), and the path of this table. */
	private static void links(Model model, HttpServletRequest request) {
		model.addAttribute("filterQuery", query(request, "page"));
		String asOf = request.getParameter("asOf");
		// the tabs and the gMSA links keep the snapshot the viewer chose
		model.addAttribute("asOfQuery", (asOf != null && !asOf.isBlank())
				? "asOf=" + UriUtils.encodeQueryParam(asOf, StandardCharsets.UTF_8) : "");
		model.addAttribute("path", request.getRequestURI().substring(request.getContextPath().length()));
	}

	/** For each sort column, the query that sorts by it: ascending, or the other way if it is the current one. */
	private static Map<String, String> sortLinks(HttpServletRequest request, InventoryFilter filter) {
		Map<String, String> links = new java.util.HashMap<>();
		for (GmsaQuery.Sort sort : GmsaQuery.Sort.values()) {
			boolean desc = sort == filter.getSort() && !filter.isDesc();
			String q = ServletUriComponentsBuilder.fromRequest(request).replaceQueryParam("page")
				.replaceQueryParam("sort", sort.name()).replaceQueryParam("desc", desc).build().getQuery();
			links.put(sort.name(), (q != null) ? q : "");
		}
		return links;
	}

	private static String query(HttpServletRequest request, String without) {
		String q = ServletUriComponentsBuilder.fromRequest(request).replaceQueryParam(without).build().getQuery();
		return (q != null) ? q : "";
	}

}
