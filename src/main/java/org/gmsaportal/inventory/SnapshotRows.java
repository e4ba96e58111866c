package org.gmsaportal.inventory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

import org.gmsaportal.cluster.ClusterListing;
import org.gmsaportal.cluster.ListedCredentialSpec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON and column forms of a snapshot's parts. Lenient on read: a snapshot kept by an older version (a record
 * field since removed) still reads.
 */
final class SnapshotRows {

	static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private SnapshotRows() {
	}

	static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	/** An account name as the gMSA columns hold it: lower case, without the trailing {@code $}. */
	static @Nullable String gmsaKey(@Nullable String name) {
		if (name == null || name.isBlank()) {
			return null;
		}
		String bare = name.endsWith("$") ? name.substring(0, name.length() - 1) : name;
		return bare.toLowerCase(Locale.ROOT);
	}

	/**
	 * The gMSA a subject is about: named in a {@code gmsa:} subject, or by the credential spec of a {@code credspec:}
	 * subject as the snapshot lists it; {@code null} for anything else.
	 */
	static @Nullable String gmsaOf(String subject, Map<String, String> gmsaByCredSpecSubject) {
		if (subject.startsWith("gmsa:") && subject.indexOf('/') > 0) {
			return gmsaKey(subject.substring(subject.lastIndexOf('/') + 1));
		}
		return gmsaByCredSpecSubject.get(subject);
	}

	static void putCredSpecs(ClusterListing listing, Map<String, String> into) {
		for (ListedCredentialSpec spec : listing.credentialSpecs()) {
			String gmsa = gmsaKey(spec.gmsaName());
			if (gmsa != null) {
				into.put(Subjects.credSpec(listing.connection(), spec.name()), gmsa);
			}
		}
	}

}
