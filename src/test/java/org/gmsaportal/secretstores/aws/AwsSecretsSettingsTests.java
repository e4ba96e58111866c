package org.gmsaportal.secretstores.aws;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code gmsa.secret-stores.aws.*} settings as Spring binds them: defaults that need nothing, and a start that
 * stops naming the setting and its rule when one is wrong, before any run could write a secret with it.
 */
class AwsSecretsSettingsTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Store.class);

	@Test
	void withNothingSetTheStoreUsesAwsRegionalEndpointsAndAThirtyDayRecoveryWindow() {
		this.context.run((started) -> {
			assertThat(started).hasNotFailed().hasSingleBean(AwsSecretsManagerStore.class);
			AwsSecretsSettings settings = started.getBean(AwsSecretsSettings.class);
			assertThat(settings).isEqualTo(AwsSecretsSettings.defaults());
			assertThat(settings.recoveryWindowDays()).isEqualTo(30);
			assertThat(settings.callTimeout()).isEqualTo(Duration.ofSeconds(30));
		});
	}

	@Test
	void anEndpointOverrideBindsFromItsSettingName() {
		this.context.withPropertyValues("gmsa.secret-stores.aws.endpoint-override="
				+ "https://vpce-0abc.secretsmanager.eu-west-1.vpce.amazonaws.com", "gmsa.secret-stores.aws.kms-key-id="
				+ "alias/gmsa-portal", "gmsa.secret-stores.aws.recovery-window-days=7")
			.run((started) -> {
				AwsSecretsSettings settings = started.getBean(AwsSecretsSettings.class);
				assertThat(settings.endpointOverride())
					.hasHost("vpce-0abc.secretsmanager.eu-west-1.vpce.amazonaws.com");
				assertThat(settings.kmsKeyId()).isEqualTo("alias/gmsa-portal");
				assertThat(settings.recoveryWindowDays()).isEqualTo(7);
			});
	}

	@Test
	void theEnvironmentVariablesOfEnvExampleSetThem() {
		Map<String, Object> environment = Map.of("GMSA_SECRET_STORES_AWS_ENDPOINT_OVERRIDE",
				"https://vpce-0abc.secretsmanager.eu-west-1.vpce.amazonaws.com",
				"GMSA_SECRET_STORES_AWS_RECOVERY_WINDOW_DAYS", "14");
		this.context.withInitializer((c) -> c.getEnvironment().getPropertySources().addFirst(
				new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						environment)))
			.run((started) -> {
				AwsSecretsSettings settings = started.getBean(AwsSecretsSettings.class);
				assertThat(settings.endpointOverride()).hasScheme("https");
				assertThat(settings.recoveryWindowDays()).isEqualTo(14);
			});
	}

	@Test
	void aPlainHttpEndpointIsRefusedNamingTheRule() {
		this.context.withPropertyValues("gmsa.secret-stores.aws.endpoint-override=http://10.0.0.5")
			.run((started) -> assertThat(started).getFailure().rootCause()
				.hasMessageContaining("gmsa.secret-stores.aws.endpointOverrideHttps")
				.hasMessageContaining("must be an https:// URL"));
	}

	@Test
	void aRecoveryWindowOutsideAwsRangeIsRefused() {
		this.context.withPropertyValues("gmsa.secret-stores.aws.recovery-window-days=3")
			.run((started) -> assertThat(started).getFailure().rootCause()
				.hasMessageContaining("gmsa.secret-stores.aws.recoveryWindowDays")
				.hasMessageContaining("must be greater than or equal to 7"));
	}

	@Test
	void aCaFileThatCannotBeReadStopsTheStartNamingTheSetting() {
		this.context.withPropertyValues("gmsa.secret-stores.aws.ca-file=/nonexistent/ca.pem")
			.run((started) -> assertThat(started).getFailure()
				.hasStackTraceContaining("gmsa.secret-stores.aws.ca-file /nonexistent/ca.pem cannot be read as PEM"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(AwsSecretsSettings.class)
	@Import(AwsSecretsManagerStore.class)
	static class Store {

	}

}
