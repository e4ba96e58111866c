package org.gmsaportal.provisioning;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.gmsaportal.support.LabServices;

/**
 * Samba's own tools on the lab DC's database, for engine tests that set up or read what the portal must not
 * touch: computers and groups made outside the portal, attributes such as pwdLastSet and groupType.
 */
final class LabTools {

	private LabTools() {
	}

	static Path dir() {
		return Path.of(LabServices.dc("GMSA_LAB_CA_FILE")).getParent().getParent();
	}

	/** {@code samba-tool ...} with the lab's configuration. */
	static String sambaTool(String... command) {
		List<String> args = new ArrayList<>(List.of("samba-tool"));
		args.addAll(List.of(command));
		args.addAll(List.of("-s", dir().resolve("etc/smb.conf").toString()));
		return run(args);
	}

	/** One attribute of the object with this sAMAccountName, as ldbsearch prints it. */
	static String attribute(String samAccountName, String attribute) {
		String output = run(List.of("ldbsearch", "-H", dir().resolve("private/sam.ldb").toString(),
				"(sAMAccountName=" + samAccountName + ")", attribute)).replace("\n ", "");
		return output.lines()
			.filter(l -> l.toLowerCase(Locale.ROOT).startsWith(attribute.toLowerCase(Locale.ROOT) + ": "))
			.map(l -> l.substring(attribute.length() + 2))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(attribute + " not in " + output));
	}

	private static String run(List<String> args) {
		return LabServices.run(args.toArray(String[]::new));
	}

}
