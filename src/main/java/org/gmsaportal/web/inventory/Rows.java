package org.gmsaportal.web.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.gmsaportal.cluster.ClusterListing;
import org.gmsaportal.cluster.ListedCredentialSpec;
import org.gmsaportal.directory.DirectoryListing;
import org.gmsaportal.directory.KdsRootKey;
import org.gmsaportal.directory.ListedUser;
import org.jspecify.annotations.Nullable;

/**
 * The rows of the smaller inventory tables, each with the connection it was read through, filtered by a text the
 * row's names contain.
 */
final class Rows {

	private Rows() {
	}

	/** A KDS root key and whether a DC would use it for a new gMSA at the snapshot's time. */
	record Key(String connection, String domain, KdsRootKey key, boolean usable) {
	}

	/** A portable user the portal made, as the directory held it, with its password's age at the snapshot. */
	record User(String connection, String domain, ListedUser user, @Nullable Long passwordAgeDays) {
	}

	/** A credential spec as a cluster held it. */
	record Spec(String connection, ListedCredentialSpec spec) {
	}

	/** The rows of a table of the directory listings (read without their gMSAs) of a snapshot taken then. */
	@FunctionalInterface
	interface Of<T> {

		List<T> of(Instant takenAt, List<DirectoryListing> directories, @Nullable String text);

	}

	static List<Key> keys(Instant takenAt, List<DirectoryListing> directories, @Nullable String text) {
		List<Key> rows = new ArrayList<>();
		for (DirectoryListing listing : directories) {
			for (KdsRootKey key : listing.kdsRootKeys()) {
				if (contains(text, key.id().toString(), listing.domain(), listing.connection())) {
					rows.add(new Key(listing.connection(), listing.domain(), key, key.usableAt(takenAt)));
				}
			}
		}
		rows.sort(Comparator.comparing(Key::connection).thenComparing(k -> k.key().effective()));
		return rows;
	}

	static List<User> users(Instant takenAt, List<DirectoryListing> directories, @Nullable String text) {
		List<User> rows = new ArrayList<>();
		for (DirectoryListing listing : directories) {
			for (ListedUser user : listing.users()) {
				if (contains(text, user.samAccountName(), listing.domain(), listing.connection())) {
					rows.add(new User(listing.connection(), listing.domain(), user,
							ageDays(user.passwordLastSet(), takenAt)));
				}
			}
		}
		rows.sort(Comparator.comparing(User::connection)
			.thenComparing(u -> u.user().samAccountName().toLowerCase(Locale.ROOT)));
		return rows;
	}

	static List<Spec> specs(List<ClusterListing> clusters, @Nullable String text) {
		List<Spec> rows = new ArrayList<>();
		for (ClusterListing listing : clusters) {
			for (ListedCredentialSpec spec : listing.credentialSpecs()) {
				if (contains(text, spec.name(), spec.gmsaName(), listing.connection())) {
					rows.add(new Spec(listing.connection(), spec));
				}
			}
		}
		rows.sort(Comparator.comparing(Spec::connection).thenComparing(s -> s.spec().name()));
		return rows;
	}

	/** Whether any of the values contains the text, case-insensitively; a blank text matches every row. */
	static boolean contains(@Nullable String text, @Nullable String... values) {
		if (text == null || text.isBlank()) {
			return true;
		}
		String part = text.strip().toLowerCase(Locale.ROOT);
		for (String value : values) {
			if (value != null && value.toLowerCase(Locale.ROOT).contains(part)) {
				return true;
			}
		}
		return false;
	}

	/** How old a password set at {@code set} was at {@code at}, in whole days; {@code null} when never set. */
	static @Nullable Long ageDays(@Nullable Instant set, Instant at) {
		return (set != null) ? java.time.Duration.between(set, at).toDays() : null;
	}

}
