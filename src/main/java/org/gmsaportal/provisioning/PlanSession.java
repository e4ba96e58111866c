package org.gmsaportal.provisioning;

import java.util.function.Supplier;

import org.gmsaportal.directory.Directory;
import org.gmsaportal.directory.Directory.ObjectType;
import org.gmsaportal.directory.PlanReads;
import org.jspecify.annotations.Nullable;

/**
 * The directory side of planning, for {@link Planner}: one held LDAP session for the whole plan (one bind, the
 * domain's facts and each name read once), what that session read kept for the run that follows the approval
 * ({@link PlanReads}, reused there only where one guard search proves it unchanged), and where the request's objects
 * go.
 */
final class PlanSession {

	private PlanSession() {
	}

	/**
	 * A plan with what its directory session read.
	 *
	 * @param plan the plan
	 * @param reads what its session read, for a run of it; {@link PlanReads#NONE} when nothing could be held
	 */
	record Planned(Plan plan, PlanReads reads) {
	}

	/** Plans through one session held on {@code connection}, and takes its reads before giving it back. */
	static Planned hold(Directory directory, String connection, Supplier<Plan> planning) {
		Directory.Session session = directory.session(connection);
		try {
			Plan plan = planning.get();
			PlanReads reads = (session != null) ? session.reads() : null;
			return new Planned(plan, (reads != null) ? reads : PlanReads.NONE);
		}
		finally {
			if (session != null) {
				session.close();
			}
		}
	}

	/**
	 * Every OU of the request, with the connection's or the directory's default filled in, once the directory says
	 * objects can be created there.
	 * @throws InvalidRequestException naming the OU field and the DN when the container is missing or no OU
	 */
	static Placement place(Directory directory, ProvisioningRequest request) {
		String conn = request.directoryConnection();
		Placement asked = request.where();
		String group = container(directory, conn, ObjectType.GROUP, asked.groupOu(), "placement.groupOu");
		String gmsa = container(directory, conn, ObjectType.GMSA, asked.gmsaOu(), "placement.gmsaOu");
		String user = (request.hosts() instanceof Hosts.Portable)
				? container(directory, conn, ObjectType.USER, asked.userOu(), "placement.userOu") : null;
		return new Placement(group, gmsa, user);
	}

	private static String container(Directory directory, String connection, ObjectType type,
			@Nullable String requested, String field) {
		Directory.Container found = directory.container(connection, type, requested);
		if (found.problem() != null) {
			String from = found.source().equals("request") ? "" : "the default from " + found.source() + ", ";
			throw new InvalidRequestException(field, from + found.problem());
		}
		return found.distinguishedName();
	}

}
