package org.gmsaportal.directory;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.gmsaportal.support.LabServices;

import static org.gmsaportal.support.LabServices.dc;

/**
 * Connections to the Samba lab DC and Samba's own tools, the baseline the module's answers are checked against.
 */
final class LabDirectory {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Function<String, String> settings;

	private LabDirectory(Function<String, String> settings) {
		this.settings = settings;
	}

	/** The lab DC of {@code GMSA_LAB_DIR}. */
	static LabDirectory shared() {
		return new LabDirectory(key -> dc(key));
	}

	/** A lab DC described by {@code values} (a lab.env of a DC a test started itself). */
	static LabDirectory of(Map<String, String> values) {
		return new LabDirectory(values::get);
	}

	String setting(String key) {
		return this.settings.apply(key);
	}

	/** LDAPS as the domain Administrator, standing in for the portal's delegated service account. */
	DirectoryConnection admin() {
		return as(setting("GMSA_LAB_DOMAIN_ADMIN"), setting("GMSA_LAB_DOMAIN_ADMIN_PASSWORD"));
	}

	DirectoryConnection as(String bindUser, String password) {
		var connection = new DirectorySettings.Connection(List.of(URI.create(setting("GMSA_LAB_LDAPS_URL"))),
				"lab.test", false, Path.of(setting("GMSA_LAB_CA_FILE")), false, false, bindUser, password, null,
				Duration.ofSeconds(5), Duration.ofSeconds(30));
		return DirectoryConnections.build("lab", connection);
	}

	/** The lab directory (parent of tls/ca.pem). */
	Path dir() {
		return Path.of(setting("GMSA_LAB_CA_FILE")).getParent().getParent();
	}

	/** Runs a Samba tool ({@code ldbsearch}, {@code samba-tool}) directly on the lab's database. */
	String samba(String... command) {
		List<String> args = new ArrayList<>(List.of(command));
		args.add("-H");
		args.add(dir().resolve("private/sam.ldb").toString());
		return run(args.toArray(String[]::new));
	}

	/** The DC's address, from its LDAPS URL. */
	String host() {
		return URI.create(setting("GMSA_LAB_LDAPS_URL")).getHost();
	}

	static String run(String... command) {
		return LabServices.run(command);
	}

	/** One attribute value as Samba's ldbsearch decodes it. */
	String ldb(String base, String filter, String attribute) {
		// LDIF folds long lines: a continuation starts with one space.
		String output = samba("ldbsearch", "-b", base, filter, attribute).replace("\n ", "");
		return output.lines()
			.filter(l -> l.toLowerCase(Locale.ROOT).startsWith(attribute.toLowerCase(Locale.ROOT) + ": "))
			.map(l -> l.substring(attribute.length() + 2))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(attribute + " not in " + output));
	}

	/** A short unique object name (gMSA names are at most 15 characters). */
	static String unique(String prefix) {
		return prefix + Integer.toString(100_000 + RANDOM.nextInt(900_000), 36);
	}

}
