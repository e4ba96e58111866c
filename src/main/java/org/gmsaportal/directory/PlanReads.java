package org.gmsaportal.directory;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a plan's held session read ({@link Directory.Session#reads}): the domain's facts and the forest's configuration
 * it read once, and each account it looked up by name, present with its {@code uSNChanged} or absent. A run started from that plan hands them to its own session
 * ({@link Directory#session(String, PlanReads)}), which reuses them only where one guard search proves nothing
 * changed since (see {@link ReadGuard}); everything else it reads again. Opaque outside the directory module.
 */
public final class PlanReads {

	/** Nothing read: a run without a plan of its own (a resume, a decommission) reads everything. */
	public static final PlanReads NONE = new PlanReads("", null, Map.of(), Map.of());

	private final String connection;

	private final @Nullable DomainFacts facts;

	private final Map<String, Object> configuration;

	private final Map<String, KnownAccounts.Found> accounts;

	PlanReads(String connection, @Nullable DomainFacts facts, Map<String, Object> configuration,
			Map<String, KnownAccounts.Found> accounts) {
		this.connection = connection;
		this.facts = facts;
		this.configuration = Map.copyOf(configuration);
		this.accounts = Map.copyOf(accounts);
	}

	String connection() {
		return this.connection;
	}

	@Nullable DomainFacts facts() {
		return this.facts;
	}

	/** What the plan's session read once besides the facts (the forest's sPNMappings), by its key. */
	Map<String, Object> configuration() {
		return this.configuration;
	}

	/** By {@code <domain NC>|<sAMAccountName>}, lower case. */
	Map<String, KnownAccounts.Found> accounts() {
		return this.accounts;
	}

	/** How many names the plan read; for tests and the run's audit details. */
	public int names() {
		return this.accounts.size();
	}

	@Override
	public String toString() {
		return "PlanReads[" + this.connection + ", " + this.accounts.size() + " names]";
	}

}
