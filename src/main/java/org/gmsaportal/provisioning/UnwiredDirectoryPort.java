package org.gmsaportal.provisioning;

import java.util.List;

import org.gmsaportal.credspec.DomainIdentity;
import org.gmsaportal.credspec.SecretValue;

import org.springframework.stereotype.Component;

/**
 * Stands in until the adapter over the directory module is wired: every call says so instead of failing to start.
 */
@Component
class UnwiredDirectoryPort implements DirectoryPort {

	private static RuntimeException unwired() {
		return new IllegalStateException(
				"The directory operations are not wired into provisioning yet: no directory adapter is installed");
	}

	@Override
	public DomainIdentity domainFacts(String connection) {
		throw unwired();
	}

	@Override
	public Ensured ensureKdsRootKey(String connection, KdsRootKeyChoice choice, Mode mode) {
		throw unwired();
	}

	@Override
	public Ensured ensureGroup(String connection, String groupName, Mode mode) {
		throw unwired();
	}

	@Override
	public Ensured ensureGmsa(String connection, GmsaSpec gmsa, Mode mode) {
		throw unwired();
	}

	@Override
	public Ensured ensurePortableUser(String connection, String userName, SecretValue initialPassword, Mode mode) {
		throw unwired();
	}

	@Override
	public void setPassword(String connection, String userName, SecretValue password) {
		throw unwired();
	}

	@Override
	public Ensured ensureMembership(String connection, String groupName, List<String> members, Mode mode) {
		throw unwired();
	}

	@Override
	public Ensured proveRetrieval(String connection, String gmsaName, String userName, SecretValue password) {
		throw unwired();
	}

	@Override
	public Removed remove(String connection, ObjectType type, String name) {
		throw unwired();
	}

	@Override
	public Removed removeMembership(String connection, String groupName, List<String> members) {
		throw unwired();
	}

}
