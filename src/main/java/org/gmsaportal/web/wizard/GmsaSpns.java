package org.gmsaportal.web.wizard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The SPNs a run registers on the gMSA: {@code host/<gMSA name>} and {@code host/<DNS host name>}, which the
 * engine always adds itself, and those typed; each once, compared without case as the DC compares them. A
 * collision on a default SPN is as fatal as on a typed one, and typically means the DNS host name typed is an
 * existing server's FQDN.
 *
 * @param all the SPNs to check, typed ones first
 * @param defaults lower-cased default SPN (not also typed) to the identity field it comes from
 * ({@code gmsaName} or {@code dnsHostName})
 */
record GmsaSpns(List<String> all, Map<String, String> defaults) {

	GmsaSpns {
		all = List.copyOf(all);
		defaults = Map.copyOf(defaults);
	}

	static GmsaSpns of(@Nullable String gmsaName, @Nullable String dnsHostName, List<String> typed) {
		Map<String, String> spns = new LinkedHashMap<>();
		typed.forEach(spn -> spns.putIfAbsent(key(spn), spn));
		Map<String, String> defaults = new LinkedHashMap<>();
		addDefault(spns, defaults, "gmsaName", (gmsaName != null) ? gmsaName.strip().replaceFirst("\\$$", "") : null);
		addDefault(spns, defaults, "dnsHostName",
				(dnsHostName != null) ? dnsHostName.strip().toLowerCase(Locale.ROOT) : null);
		return new GmsaSpns(new ArrayList<>(spns.values()), defaults);
	}

	/** The identity field a default SPN comes from, or {@code null} for a typed one. */
	@Nullable String defaultField(String spn) {
		return this.defaults.get(key(spn));
	}

	// A blank name adds nothing yet; one with whitespace or a slash is not a host name, and the page's own
	// rules name its field.
	private static void addDefault(Map<String, String> spns, Map<String, String> defaults, String field,
			@Nullable String host) {
		if (host == null || host.isEmpty() || !host.matches("[A-Za-z0-9.-]+")) {
			return;
		}
		String spn = "host/" + host;
		if (spns.putIfAbsent(key(spn), spn) == null) {
			defaults.put(key(spn), field);
		}
	}

	private static String key(String spn) {
		return spn.strip().toLowerCase(Locale.ROOT);
	}

}
