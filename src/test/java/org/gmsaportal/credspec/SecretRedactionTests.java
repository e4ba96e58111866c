package org.gmsaportal.credspec;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Secret values (passwords, plug-in secrets, custom plug-in input) never show in {@code toString()}, exception
 * messages, validator findings, explanations or log lines.
 */
class SecretRedactionTests {

	private static final String PASSWORD = "Zq7!secret-Pa55";

	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	@BeforeEach
	void captureLogs() {
		this.logs.start();
		this.root.addAppender(this.logs);
	}

	@AfterEach
	void noLogLineCarriesTheSecret() {
		this.root.detachAppender(this.logs);
		assertThat(this.logs.list).extracting(ILoggingEvent::getFormattedMessage)
			.noneMatch((line) -> line.contains(PASSWORD));
	}

	@Test
	void secretValueToStringIsRedactedButRevealGivesTheValue() {
		SecretValue secret = SecretValue.of(PASSWORD);

		assertThat(secret).hasToString("SecretValue[redacted]");
		assertThat(secret.reveal()).isEqualTo(PASSWORD);
		assertThat(secret).isEqualTo(SecretValue.of(PASSWORD)).isNotEqualTo(SecretValue.of(PASSWORD + "x"));
	}

	@Test
	void recordsHoldingSecretsDoNotPrintThem() {
		PortableIdentity identity = new PortableIdentity("contoso.com", "gmsa-ccg", SecretValue.of(PASSWORD));
		List<Object> holders = new ArrayList<>();
		holders.add(identity);
		holders.add(AzureKeyVaultPlugin.of("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", "https://kv.vault.azure.net/secrets/s")
			.secretFor(identity)
			.orElseThrow());
		holders.add(new AwsPlugin("arn:aws:secretsmanager:us-east-1:123456789012:secret:gmsa").secretFor(identity)
			.orElseThrow());
		holders.add(new KubernetesSecretPlugin("gmsa", "identity").secretFor(identity).orElseThrow());
		CustomPlugin custom = CustomPlugin.of("{8019A64C-3F4E-4DE3-AD2B-9A544290E2C3}", "contoso.com:gmsa-ccg:" + PASSWORD);
		holders.add(custom);
		holders.add(custom.hostAccountConfig());
		CredentialSpec spec = new CredentialSpecGenerator().generate(Facts.CONTOSO, "webapp01", List.of(), custom);
		holders.add(spec);

		assertThat(holders).allSatisfy((holder) -> assertThat(holder.toString()).doesNotContain(PASSWORD));
		// The secret is still there for the one place that needs it: the credspec the plug-in reads.
		assertThat(spec.toJson()).contains(PASSWORD);
	}

	@Test
	void exceptionsAboutSecretInputNeverRepeatIt() {
		assertThatExceptionOfType(InvalidCredentialSpecInputException.class)
			.isThrownBy(() -> CustomPlugin.of(KnownPlugin.AWS.clsid(), PASSWORD))
			.withMessageNotContaining(PASSWORD);
		assertThatExceptionOfType(InvalidCredentialSpecInputException.class)
			.isThrownBy(() -> new PortableIdentity("contoso.com", "bad\\user", SecretValue.of(PASSWORD)))
			.withMessageNotContaining(PASSWORD);
		assertThatExceptionOfType(InvalidCredentialSpecInputException.class)
			.isThrownBy(() -> CredentialSpec.fromJson("{\"CmsPlugins\": " + PASSWORD + "}"))
			.withMessageNotContaining(PASSWORD)
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("$"));
		assertThatExceptionOfType(InvalidCredentialSpecInputException.class).isThrownBy(() -> SecretValue.of(""))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("secret"));
	}

	@Test
	void validatorFindingsNeverQuotePluginInput() {
		String spec = TestFiles.read("azure-key-vault.json");
		List<String> variants = List.of(
				// a password pasted into a known plug-in's input
				spec.replaceAll("\"PluginInput\": \"[^\"]*\"", "\"PluginInput\": \"contoso.com:gmsa-ccg:" + PASSWORD + "\""),
				// a custom plug-in whose input carries a password
				spec.replace("{CCC2A336-D7F3-4818-A213-272B7924213E}", "{8019A64C-3F4E-4DE3-AD2B-9A544290E2C3}")
					.replaceAll("\"PluginInput\": \"[^\"]*\"", "\"PluginInput\": \"x:y:" + PASSWORD + "\""),
				// broken JSON right at the secret
				"{\"PluginInput\": " + PASSWORD + "}");

		for (String json : variants) {
			ValidationReport report = new CredentialSpecValidator().validate(json, Facts.CONTOSO);
			assertThat(report.findings()).isNotEmpty()
				.allSatisfy((finding) -> assertThat(finding.toString()).doesNotContain(PASSWORD));
		}
	}

	@Test
	void explanationOfACustomPluginDoesNotShowItsInput() {
		CredentialSpec spec = new CredentialSpecGenerator().generate(Facts.CONTOSO, "webapp01", List.of(),
				CustomPlugin.of("{8019A64C-3F4E-4DE3-AD2B-9A544290E2C3}", "x:y:" + PASSWORD));

		assertThat(new CredentialSpecExplainer().explain(spec).toString()).doesNotContain(PASSWORD);
	}

}
