package org.gmsaportal.credspec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The AWS plug-in (EKS and ECS domainless gMSA): the node's role reads the portable identity from an AWS Secrets
 * Manager secret or an SSM parameter.
 *
 * @param credentialArn ARN of the Secrets Manager secret or SSM parameter holding the identity
 */
public record AwsPlugin(String credentialArn) implements HostAccountPreset {

	private static final Pattern ARN = Pattern.compile("arn:aws(?:-cn|-us-gov)?:(?:"
			+ "secretsmanager:[a-z]{2}(?:-[a-z]+)+-\\d:\\d{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}"
			+ "|ssm:[a-z]{2}(?:-[a-z]+)+-\\d:\\d{12}:parameter/[A-Za-z0-9/_.-]{1,1011})");

	private static final String KEY = "credentialArn";

	public AwsPlugin {
		if (!ARN.matcher(credentialArn).matches()) {
			throw new InvalidCredentialSpecInputException(KEY,
					"must be a Secrets Manager ARN arn:aws:secretsmanager:<region>:<account>:secret:<name> or an SSM ARN arn:aws:ssm:<region>:<account>:parameter/<name>", credentialArn);
		}
	}

	/** Reads the JSON string {@code {"credentialArn":"..."}}. */
	static AwsPlugin parse(String pluginInput) {
		JsonNode node;
		try {
			node = CredentialSpecJson.MAPPER.readTree(pluginInput);
		}
		catch (JacksonException ex) {
			node = null;
		}
		JsonNode arn = (node != null && node.isObject() && node.size() == 1) ? node.get(KEY) : null;
		if (arn == null || !arn.isString()) {
			throw new InvalidCredentialSpecInputException("PluginInput",
					"must be the JSON string {\"credentialArn\":\"<Secrets Manager or SSM ARN>\"}", pluginInput);
		}
		return new AwsPlugin(arn.stringValue());
	}

	@Override
	public String pluginGuid() {
		return KnownPlugin.AWS.clsid();
	}

	@Override
	public String pluginInput() {
		return CredentialSpecJson.MAPPER.writeValueAsString(Map.of(KEY, this.credentialArn));
	}

	@Override
	public String describe() {
		return "The AWS plug-in reads the portable identity from " + (this.credentialArn.contains(":ssm:")
				? "SSM parameter " : "Secrets Manager secret ") + this.credentialArn + " with the node's IAM role.";
	}

	/** The secret is JSON with {@code username}, {@code password} and {@code domainName}. */
	@Override
	public Optional<PortableIdentitySecret> secretFor(PortableIdentity identity) {
		Map<String, String> json = new LinkedHashMap<>();
		json.put("username", identity.userName());
		json.put("password", identity.password().reveal());
		json.put("domainName", identity.domainDnsName());
		return Optional.of(new PortableIdentitySecret.Text(
				SecretValue.of(CredentialSpecJson.MAPPER.writeValueAsString(json))));
	}

	/** Reads the JSON {@code {"username": ..., "password": ..., "domainName": ...}}. */
	@Override
	public PortableIdentity identityFrom(PortableIdentitySecret secret) {
		String rule = "must be the JSON {\"username\":...,\"password\":...,\"domainName\":...}";
		JsonNode node;
		try {
			node = CredentialSpecJson.MAPPER.readTree(SecretParsing.text(secret, "of JSON"));
		}
		catch (JacksonException ex) {
			// The parser's message could quote the value: only the rule goes out.
			throw new InvalidCredentialSpecInputException("secret", rule);
		}
		for (String key : new String[] { "username", "password", "domainName" }) {
			if (node == null || !node.isObject() || node.get(key) == null || !node.get(key).isString()) {
				throw new InvalidCredentialSpecInputException("secret." + key, rule);
			}
		}
		return new PortableIdentity(node.get("domainName").stringValue(), node.get("username").stringValue(),
				SecretValue.of(node.get("password").stringValue()));
	}

}
