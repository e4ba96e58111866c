package org.gmsaportal.web.inventory;

import java.time.Instant;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.gmsaportal.inventory.GmsaQuery;
import org.gmsaportal.inventory.Severity;
import org.jspecify.annotations.Nullable;

/**
 * The inventory tables' query parameters, kept in the URL: filter, sort, page and the snapshot ("as of"). A mutable
 * bean so that one bad field leaves the others bound and shown.
 */
public class InventoryFilter {

	@Size(max = 256)
	@Pattern(regexp = "[A-Za-z0-9_.$ -]*", message = "{inventory.filter.name.pattern}")
	private @Nullable String name;

	@Size(max = 253)
	@Pattern(regexp = "[A-Za-z0-9.-]*", message = "{inventory.filter.domain.pattern}")
	private @Nullable String domain;

	private @Nullable Severity finding;

	private @Nullable Boolean drift;

	private GmsaQuery.Sort sort = GmsaQuery.Sort.NAME;

	private boolean desc;

	@Min(0)
	private int page;

	private @Nullable Instant asOf;

	GmsaQuery toQuery() {
		return new GmsaQuery(this.name, this.domain, this.finding, this.drift, this.sort, this.desc);
	}

	public @Nullable String getName() {
		return this.name;
	}

	public void setName(@Nullable String name) {
		this.name = name;
	}

	public @Nullable String getDomain() {
		return this.domain;
	}

	public void setDomain(@Nullable String domain) {
		this.domain = domain;
	}

	public @Nullable Severity getFinding() {
		return this.finding;
	}

	public void setFinding(@Nullable Severity finding) {
		this.finding = finding;
	}

	public @Nullable Boolean getDrift() {
		return this.drift;
	}

	public void setDrift(@Nullable Boolean drift) {
		this.drift = drift;
	}

	public GmsaQuery.Sort getSort() {
		return this.sort;
	}

	public void setSort(GmsaQuery.@Nullable Sort sort) {
		this.sort = (sort != null) ? sort : GmsaQuery.Sort.NAME;
	}

	public boolean isDesc() {
		return this.desc;
	}

	public void setDesc(boolean desc) {
		this.desc = desc;
	}

	public int getPage() {
		return this.page;
	}

	public void setPage(int page) {
		this.page = page;
	}

	public @Nullable Instant getAsOf() {
		return this.asOf;
	}

	public void setAsOf(@Nullable Instant asOf) {
		this.asOf = asOf;
	}

}
