package org.gmsaportal.provisioning;

import java.util.Optional;

import org.gmsaportal.directory.Directory.Ensured;
import org.gmsaportal.directory.Directory.ObjectType;
import org.gmsaportal.directory.Directory;
import org.gmsaportal.directory.Located;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * What a new request may not take over, found while planning. One portal run owns a gMSA name in a domain: a
 * request for a name a portal run made (or is making) is refused naming that run and its ticket, and a gMSA the
 * portal did not make, or another kind of account under the name, is refused naming its DN. The portal adopts
 * nothing. An existing portable user is refused too: the run would have to reset its password to know it, and a
 * reset is never a side effect of a run.
 */
@Component
class ExistingObjects {

	private final Directory directory;

	private final Owners runs;

	ExistingObjects(Directory directory, Owners runs) {
		this.directory = directory;
		this.runs = runs;
	}

	/** The run that owns a gMSA name in a domain ({@link RunRepository#owner}); an interface so plans test alone. */
	@FunctionalInterface
	interface Owners {

		Optional<RunView> owner(String domain, String gmsaName);

	}

	/** Why the request may not use its gMSA name, or {@code null}; {@code preview} is the gMSA ensure's preview. */
	@Nullable Blocker gmsa(String connection, String domain, ProvisioningRequest request, Ensured preview) {
		String name = request.gmsaName();
		Optional<RunView> owner = this.runs.owner(domain, name);
		if (owner.isPresent()) {
			RunView run = owner.get();
			return new Blocker("gmsaName", ownedBy(name, domain, run), run.id(), run.ticketRef());
		}
		if (preview.result() == Directory.Result.CREATED) {
			return null;
		}
		Located found = this.directory.locate(connection, ObjectType.GMSA, name);
		if (!found.exists()) {
			// The preview's own reason stands (an SPN another account holds, say): nothing holds the name.
			return null;
		}
		String dn = found.distinguishedName();
		String message;
		if (found.kind() != null && !found.kind().equals("gMSA")) {
			message = "The name " + name + "$ belongs to a " + found.kind() + " (" + dn + "), not a gMSA: a gMSA's "
					+ "account name is its name plus $, the same as a computer's. Choose another gMSA name.";
		}
		else if (found.createdByPortal()) {
			message = "gMSA " + name + " already exists (" + dn + "). It carries the portal's marker, but no open or "
					+ "succeeded run of this portal owns it (another portal instance, or an abandoned run, made it). "
					+ "The portal does not adopt existing gMSAs: choose another name, or remove it in AD first.";
		}
		else {
			message = "gMSA " + name + " already exists (" + dn + ") and was not made by the portal. The portal "
					+ "does not take over gMSAs it did not create: choose another name, or manage this one in AD.";
		}
		return new Blocker("gmsaName", message, null, null);
	}

	/** Why the request may not create its portable user, or {@code null}; {@code preview} is the user's preview. */
	@Nullable Blocker portableUser(String connection, String userName, Ensured preview) {
		if (preview.result() == Directory.Result.CREATED) {
			return null;
		}
		Located found = this.directory.locate(connection, ObjectType.USER, userName);
		if (!found.exists()) {
			return null;
		}
		String dn = found.distinguishedName();
		String message;
		if (found.kind() != null && !found.kind().equals("user account")) {
			message = "The name " + userName + " belongs to a " + found.kind() + " (" + dn + "), not a user. Choose "
					+ "another portable user name.";
		}
		else {
			message = "The account " + userName + " already exists (" + dn + (found.createdByPortal()
					? ", made by the portal)" : ", not made by the portal)") + ". A run never resets an existing "
					+ "account's password, and without it the run can neither prove retrieval nor hand the password "
					+ "to the plug-in: choose a new portable user name.";
		}
		return new Blocker("hosts.userName", message, null, null);
	}

	/** Why a gMSA name is taken: the run that owns it, with its state, ticket and page. */
	static String ownedBy(String name, String domain, RunView run) {
		String ticket = (run.ticketRef() != null) ? ", ticket " + run.ticketRef() : ", no ticket";
		return "gMSA " + name + " in " + domain + " belongs to portal run " + run.id() + " (" + run.state() + ticket
				+ ", /runs/" + run.id() + "): " + advice(run.state());
	}

	private static String advice(RunState state) {
		return switch (state) {
			case RUNNING -> "wait for that run to finish; a second request for the same name is refused.";
			case FAILED, INTERRUPTED, NEEDS_ATTENTION ->
				"resume or abandon that run; a second request for the same name is refused.";
			default -> "one run owns a gMSA name per domain. To change this gMSA, decommission that run and file "
					+ "again; otherwise choose another name.";
		};
	}

}
