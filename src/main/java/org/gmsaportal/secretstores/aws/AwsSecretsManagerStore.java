package org.gmsaportal.secretstores.aws;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.gmsaportal.credspec.AwsPlugin;
import org.gmsaportal.credspec.HostAccountPreset;
import org.gmsaportal.credspec.PortableIdentitySecret;
import org.gmsaportal.credspec.SecretValue;
import org.gmsaportal.secretstores.SecretDestination;
import org.gmsaportal.secretstores.SecretStore;
import org.gmsaportal.secretstores.SecretStoreException;
import org.gmsaportal.secretstores.SecretStoreException.Reason;
import org.gmsaportal.secretstores.StoredSecret;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The AWS plug-in's store: an AWS Secrets Manager secret holding {@code {"username","password","domainName"}}, in
 * the region and under the name of the plug-in's {@code credentialArn}. Tags mark the portal's secret
 * ({@code managed-by=gmsa-portal}) and the run that last wrote it ({@code gmsa-portal-run}). A new value is a new
 * version: Secrets Manager moves {@code AWSCURRENT} to it and {@code AWSPREVIOUS} to the one before, which stays
 * readable by its version id; older versions lose their labels and AWS deletes them in time. Only the secret's
 * name, region and version reach the log.
 */
@Component
class AwsSecretsManagerStore implements SecretStore, DisposableBean {

	static final String DISPLAY_NAME = "AWS Secrets Manager";

	static final String MANAGED_BY = "managed-by";

	static final String PORTAL = "gmsa-portal";

	static final String RUN = "gmsa-portal-run";

	private static final String CURRENT = "AWSCURRENT";

	private static final Logger log = LoggerFactory.getLogger(AwsSecretsManagerStore.class);

	private final AwsClients clients;

	AwsSecretsManagerStore(AwsSecretsSettings settings) {
		this.clients = new AwsClients(settings);
	}

	@Override
	public String displayName() {
		return DISPLAY_NAME;
	}

	/** Every AWS preset: an SSM parameter ARN is refused with its reason when used, not left to a manual step. */
	@Override
	public boolean serves(HostAccountPreset preset) {
		return preset instanceof AwsPlugin;
	}

	@Override
	public StoredSecret inspect(SecretDestination where) {
		SecretArn secret = target(where);
		return describe(secret).map(AwsSecretsManagerStore::stored).orElse(StoredSecret.absent());
	}

	/**
	 * Creates the secret, or puts a new version into the portal's own; a secret of that name that the portal did
	 * not write is refused, never overwritten. A portal secret scheduled for deletion (a decommission within its
	 * recovery window) is restored first.
	 */
	@Override
	public StoredSecret write(SecretDestination where, PortableIdentitySecret value) {
		SecretArn secret = target(where);
		String text = text(value, secret);
		Optional<DescribeSecretResponse> now = describe(secret);
		if (now.isEmpty()) {
			CreateSecretResponse created = call(secret, "create", (sm) -> sm.createSecret((r) -> r
				.name(secret.name())
				.description("gMSA portable identity for the AWS ccg.exe plug-in, written by gMSA Portal")
				.kmsKeyId(this.clients.kmsKeyId())
				.secretString(text)
				.tags(tag(MANAGED_BY, PORTAL), tag(RUN, where.runId()))));
			log.info("Created {} secret {}, version {}", DISPLAY_NAME, secret.describe(), created.versionId());
			return new StoredSecret(true, true, created.versionId(), where.runId());
		}
		if (!stored(now.get()).writtenByPortal()) {
			throw foreign(secret, "write");
		}
		if (now.get().deletedDate() != null) {
			call(secret, "restore", (sm) -> sm.restoreSecret((r) -> r.secretId(secret.arn())));
			log.info("Restored {} secret {} from its scheduled deletion", DISPLAY_NAME, secret.describe());
		}
		PutSecretValueResponse put = call(secret, "write a new version of",
				(sm) -> sm.putSecretValue((r) -> r.secretId(secret.arn()).secretString(text)));
		call(secret, "tag", (sm) -> sm.tagResource((r) -> r.secretId(secret.arn()).tags(tag(RUN, where.runId()))));
		log.info("Wrote {} secret {}, version {}", DISPLAY_NAME, secret.describe(), put.versionId());
		return new StoredSecret(true, true, put.versionId(), where.runId());
	}

	/** The current ({@code AWSCURRENT}) value, checked to be the JSON the plug-in parses. */
	@Override
	public PortableIdentitySecret read(SecretDestination where) {
		SecretArn secret = target(where);
		GetSecretValueResponse got = call(secret, "read",
				(sm) -> sm.getSecretValue((r) -> r.secretId(secret.arn())));
		if (got.secretString() == null || got.secretString().isEmpty()) {
			throw notPluginJson(secret);
		}
		SecretValue value = SecretValue.of(got.secretString());
		if (!PluginJson.isPluginJson(value)) {
			throw notPluginJson(secret);
		}
		log.info("Read {} secret {}, version {}", DISPLAY_NAME, secret.describe(), got.versionId());
		return new PortableIdentitySecret.Text(value);
	}

	/**
	 * Schedules the deletion with the configured recovery window (30 days by default): the secret can be restored
	 * until then and its name stays taken, so this answers "exists". An absent secret is already removed.
	 */
	@Override
	public StoredSecret remove(SecretDestination where) {
		SecretArn secret = target(where);
		Optional<DescribeSecretResponse> now = describe(secret);
		if (now.isEmpty()) {
			return StoredSecret.absent();
		}
		StoredSecret before = stored(now.get());
		if (!before.writtenByPortal()) {
			throw foreign(secret, "delete");
		}
		if (now.get().deletedDate() == null) {
			long days = this.clients.recoveryWindowDays();
			call(secret, "delete", (sm) -> sm.deleteSecret((r) -> r.secretId(secret.arn()).recoveryWindowInDays(days)));
			log.info("Scheduled the deletion of {} secret {} in {} days", DISPLAY_NAME, secret.describe(), days);
		}
		return new StoredSecret(true, true, null, before.writtenByRun());
	}

	@Override
	public String equivalentCommand(SecretDestination where) {
		SecretArn secret = target(where);
		return "aws secretsmanager put-secret-value --secret-id " + secret.arn() + " --secret-string '<value>' "
				+ "--region " + secret.region();
	}

	@Override
	public void destroy() {
		this.clients.close();
	}

	private static SecretArn target(SecretDestination where) {
		if (!(where.preset() instanceof AwsPlugin aws)) {
			throw new IllegalArgumentException(DISPLAY_NAME + " serves the AWS plug-in only, not " + where.preset());
		}
		return SecretArn.of(aws);
	}

	private Optional<DescribeSecretResponse> describe(SecretArn secret) {
		try {
			return Optional.of(call(secret, "describe", (sm) -> sm.describeSecret((r) -> r.secretId(secret.arn()))));
		}
		catch (SecretStoreException ex) {
			if (ex.getCause() instanceof ResourceNotFoundException) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	private <T> T call(SecretArn secret, String action, Function<SecretsManagerClient, T> request) {
		try {
			return request.apply(this.clients.forRegion(secret.region()));
		}
		catch (SdkException ex) {
			throw AwsErrors.translate(ex, action, secret, this.clients.endpoint(secret.region()));
		}
	}

	private static StoredSecret stored(DescribeSecretResponse secret) {
		Map<String, String> tags = secret.hasTags() ? secret.tags().stream()
			.collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b)) : Map.of();
		@Nullable String version = secret.versionIdsToStages().entrySet().stream()
			.filter((e) -> e.getValue().contains(CURRENT))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElse(null);
		boolean portal = PORTAL.equals(tags.get(MANAGED_BY));
		return new StoredSecret(true, portal, version, portal ? tags.get(RUN) : null);
	}

	private static String text(PortableIdentitySecret value, SecretArn secret) {
		if (!(value instanceof PortableIdentitySecret.Text text)) {
			throw new SecretStoreException(DISPLAY_NAME, Reason.REFUSED, "Secret " + secret.describe() + " holds "
					+ "one JSON string for the AWS plug-in, not the keys of a Kubernetes Secret");
		}
		return text.value().reveal();
	}

	private static SecretStoreException foreign(SecretArn secret, String action) {
		return new SecretStoreException(DISPLAY_NAME, Reason.REFUSED, DISPLAY_NAME + " already holds secret "
				+ secret.describe() + " without the portal's tag " + MANAGED_BY + "=" + PORTAL + ", so the portal "
				+ "does not " + action + " it: choose another credentialArn, or delete that secret first.");
	}

	private static SecretStoreException notPluginJson(SecretArn secret) {
		return new SecretStoreException(DISPLAY_NAME, Reason.REFUSED, DISPLAY_NAME + " secret "
				+ secret.describe() + " does not hold the JSON the AWS plug-in reads (string fields username, "
				+ "password and domainName): write it again from the portal.");
	}

	private static Tag tag(String key, String value) {
		return Tag.builder().key(key).value(value).build();
	}

}
