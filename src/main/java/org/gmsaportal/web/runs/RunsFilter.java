package org.gmsaportal.web.runs;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.gmsaportal.provisioning.RunFilter;
import org.gmsaportal.provisioning.RunState;
import org.jspecify.annotations.Nullable;

/**
 * The runs list's filter form; a mutable bean so that one bad field leaves the others bound and shown.
 */
public class RunsFilter {

	private @Nullable RunState state;

	@Size(max = 15)
	@Pattern(regexp = "[A-Za-z0-9_.$-]*", message = "{runs.filter.name.pattern}")
	private @Nullable String name;

	@Size(max = 128)
	@Pattern(regexp = "[A-Za-z0-9_.:#/-]*", message = "{wizard.ticketRef.pattern}")
	private @Nullable String ticket;

	RunFilter toFilter() {
		return new RunFilter(this.state, blankToNull(this.name), blankToNull(this.ticket));
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	public @Nullable RunState getState() {
		return this.state;
	}

	public void setState(@Nullable RunState state) {
		this.state = state;
	}

	public @Nullable String getName() {
		return this.name;
	}

	public void setName(@Nullable String name) {
		this.name = name;
	}

	public @Nullable String getTicket() {
		return this.ticket;
	}

	public void setTicket(@Nullable String ticket) {
		this.ticket = ticket;
	}

}
