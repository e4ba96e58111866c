package org.gmsaportal.credspec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property tests over many generated domain facts, names and plug-ins: the validator passes everything the
 * generator writes, the JSON round-trips, and a planted defect is always found.
 */
class CredentialSpecPropertyTests {

	private static final int RUNS = 1000;

	private static final String DNS_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

	private static final String NAME_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

	private final CredentialSpecGenerator generator = new CredentialSpecGenerator();

	private final CredentialSpecValidator validator = new CredentialSpecValidator();

	@Test
	void validatorFindsNothingInAnyGeneratedSpecAndItRoundTrips() {
		Random random = new Random(20261122L);
		for (int run = 0; run < RUNS; run++) {
			Case c = randomCase(random);
			CredentialSpec spec = this.generator.generate(c.facts, c.account, c.additional, c.preset);
			String json = spec.toJson();

			assertThat(codes(this.validator.validate(json, c.facts))).as("run %d:%n%s", run, json)
				.isEqualTo(baseline(c));
			assertThat(CredentialSpec.fromJson(json)).as("round trip, run %d", run).isEqualTo(spec);
			assertThat(spec.activeDirectoryConfig().groupManagedServiceAccounts()).hasSize(2 + c.additional.size());
			assertThat(spec.suggestedFileName())
				.isEqualTo((c.facts.netBiosName() + "_" + InputRules.withoutDollar(c.account)).toLowerCase(Locale.ROOT)
						+ ".json");
			if (c.preset != null) {
				assertThat(HostAccountPreset.from(spec.activeDirectoryConfig().hostAccountConfig()))
					.as("preset read back, run %d", run)
					.isEqualTo(c.preset);
			}
		}
	}

	@Test
	void plantedAccountSidIsAlwaysFoundAndNothingElse() {
		Random random = new Random(42L);
		for (int run = 0; run < RUNS; run++) {
			Case c = randomCase(random);
			ObjectNode root = (ObjectNode) CredentialSpecJson.MAPPER
				.readTree(this.generator.generate(c.facts, c.account, c.additional, c.preset).toJson());
			long rid = 1000 + (random.nextLong() & 0xFFFFFL);
			root.withObject("DomainJoinConfig").put("Sid", c.facts.domainSid() + "-" + rid);

			ValidationReport report = this.validator.validate(CredentialSpecJson.MAPPER.writeValueAsString(root),
					c.facts);

			assertThat(report.errors()).as("run %d", run).singleElement().satisfies((finding) -> {
				assertThat(finding.code()).isEqualTo(FindingCode.SID_NOT_DOMAIN_SID);
				assertThat(finding.fix()).contains(c.facts.domainSid());
			});
			assertThat(codes(report)).as("run %d", run).hasSize(1 + baseline(c).size());
		}
	}

	@Test
	void droppingThePrimarysNetBiosEntryIsAlwaysFound() {
		Random random = new Random(7L);
		for (int run = 0; run < RUNS; run++) {
			Case c = randomCase(random);
			ObjectNode root = (ObjectNode) CredentialSpecJson.MAPPER
				.readTree(this.generator.generate(c.facts, c.account, c.additional, c.preset).toJson());
			root.withObject("ActiveDirectoryConfig").withArray("GroupManagedServiceAccounts").remove(1);

			ValidationReport report = this.validator.validate(CredentialSpecJson.MAPPER.writeValueAsString(root));

			List<FindingCode> expected = new ArrayList<>(List.of(FindingCode.MISSING_NETBIOS_SCOPE));
			expected.addAll(baseline(c));
			assertThat(codes(report)).as("run %d", run).isEqualTo(expected);
		}
	}

	/**
	 * What the validator reports on clean generated output: nothing, except that a custom plug-in is, by design,
	 * one the portal does not know (a warning asking to check it is registered on the nodes).
	 */
	private static List<FindingCode> baseline(Case c) {
		return (c.preset instanceof CustomPlugin) ? List.of(FindingCode.PLUGIN_GUID_UNKNOWN) : List.of();
	}

	private static List<FindingCode> codes(ValidationReport report) {
		return report.findings().stream().map(Finding::code).toList();
	}

	private record Case(DomainIdentity facts, String account, List<AdditionalAccount> additional,
			@Nullable HostAccountPreset preset) {
	}

	private static Case randomCase(Random random) {
		String dns = dnsName(random, 2 + random.nextInt(3));
		// Forest root: the domain itself, its parent (child domain), or another tree's root.
		String forest = switch (random.nextInt(3)) {
			case 0 -> dns;
			case 1 -> dns.substring(dns.indexOf('.') + 1).contains(".") ? dns.substring(dns.indexOf('.') + 1) : dns;
			default -> dnsName(random, 2);
		};
		String netBios = chars(random, NAME_CHARS, 1 + random.nextInt(15)).toUpperCase(Locale.ROOT);
		String sid = "S-1-5-21-" + unsigned(random) + "-" + unsigned(random) + "-" + unsigned(random);
		UUID guid = new UUID(random.nextLong() | 1, random.nextLong());
		DomainIdentity facts = new DomainIdentity(random.nextBoolean() ? dns : dns.toUpperCase(Locale.ROOT), netBios,
				forest, sid, guid);
		Set<String> used = new HashSet<>();
		String account = gmsaName(random);
		used.add(account.toLowerCase(Locale.ROOT) + "@" + dns);
		List<AdditionalAccount> additional = new ArrayList<>();
		for (int i = random.nextInt(4); i > 0; i--) {
			String name = gmsaName(random);
			String domain = random.nextBoolean() ? null : dnsName(random, 2);
			if (used.add(InputRules.withoutDollar(name).toLowerCase(Locale.ROOT) + "@" + ((domain != null) ? domain : dns))) {
				additional.add(new AdditionalAccount(name, domain));
			}
		}
		return new Case(facts, account, additional, preset(random));
	}

	private static @Nullable HostAccountPreset preset(Random random) {
		return switch (random.nextInt(5)) {
			case 0 -> null;
			case 1 -> AzureKeyVaultPlugin.of(new UUID(random.nextLong(), random.nextLong()).toString(),
					"https://" + chars(random, DNS_CHARS, 3 + random.nextInt(20)) + ".vault.azure.net/secrets/"
							+ chars(random, DNS_CHARS + "-", 1 + random.nextInt(40)).replaceAll("^-", "s"));
			case 2 -> new AwsPlugin(random.nextBoolean()
					? "arn:aws:secretsmanager:eu-west-2:" + chars(random, "0123456789", 12) + ":secret:"
							+ chars(random, DNS_CHARS + "/_+=.@-", 1 + random.nextInt(30))
					: "arn:aws-us-gov:ssm:us-gov-west-1:" + chars(random, "0123456789", 12) + ":parameter/"
							+ chars(random, DNS_CHARS + "/_.-", 1 + random.nextInt(30)));
			case 3 -> new KubernetesSecretPlugin(chars(random, DNS_CHARS, 1 + random.nextInt(20)),
					chars(random, DNS_CHARS, 1 + random.nextInt(40)));
			default -> CustomPlugin.of(new UUID(random.nextLong(), random.nextLong()).toString(),
					chars(random, NAME_CHARS + ":;=/\\\"' ", 1 + random.nextInt(60)).strip() + "x");
		};
	}

	private static String gmsaName(Random random) {
		String name = chars(random, NAME_CHARS, 1 + random.nextInt(15));
		return random.nextInt(4) == 0 ? name + "$" : name;
	}

	private static String dnsName(Random random, int labels) {
		List<String> parts = new ArrayList<>();
		for (int i = 0; i < labels; i++) {
			String label = chars(random, DNS_CHARS, 1 + random.nextInt(12));
			parts.add(label.length() > 2 && random.nextBoolean() ? label.charAt(0) + "-" + label.substring(1) : label);
		}
		return String.join(".", parts);
	}

	private static String chars(Random random, String alphabet, int length) {
		StringBuilder builder = new StringBuilder();
		for (int i = 0; i < length; i++) {
			builder.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return builder.toString();
	}

	private static long unsigned(Random random) {
		return random.nextLong() & 0xFFFF_FFFFL;
	}

}
