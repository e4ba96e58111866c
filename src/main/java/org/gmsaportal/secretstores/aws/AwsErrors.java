package org.gmsaportal.secretstores.aws;

import java.util.Set;

import org.gmsaportal.secretstores.SecretStoreException;
import org.gmsaportal.secretstores.SecretStoreException.Reason;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns what the SDK threw into what the admin should do, naming the store, the secret and the region. The SDK's
 * messages and AWS's error messages never carry a request body, so quoting them cannot leak the secret's value.
 */
final class AwsErrors {

	/** Every call the adapter makes, for the IAM policy of the portal's identity. */
	static final String IAM_ACTIONS = "secretsmanager:CreateSecret, secretsmanager:PutSecretValue, "
			+ "secretsmanager:GetSecretValue, secretsmanager:DescribeSecret, secretsmanager:DeleteSecret, "
			+ "secretsmanager:TagResource and secretsmanager:RestoreSecret";

	private static final Set<String> BAD_CREDENTIALS = Set.of("UnrecognizedClientException", "InvalidClientTokenId",
			"InvalidSignatureException", "SignatureDoesNotMatch", "IncompleteSignature", "ExpiredTokenException",
			"MissingAuthenticationToken");

	private static final Set<String> THROTTLED = Set.of("ThrottlingException", "Throttling",
			"TooManyRequestsException", "RequestLimitExceeded", "LimitExceededException");

	private static final Set<String> KMS = Set.of("EncryptionFailure", "DecryptionFailure",
			"KMSAccessDeniedException", "KMSInvalidStateException", "KMSDisabledException");

	private AwsErrors() {
	}

	/**
	 * @param action the call in words, e.g. "write a new version of"
	 * @param endpoint where the call went, for "cannot reach"
	 */
	static SecretStoreException translate(SdkException ex, String action, SecretArn secret, String endpoint) {
		String store = AwsSecretsManagerStore.DISPLAY_NAME;
		String what = action + " secret " + secret.describe();
		if (!(ex instanceof AwsServiceException service)) {
			if (String.valueOf(ex.getMessage()).contains("Unable to load credentials")) {
				return new SecretStoreException(store, Reason.FORBIDDEN, "The portal found no AWS credentials to "
						+ what + ": give it an identity through the default chain (AWS_ACCESS_KEY_ID and "
						+ "AWS_SECRET_ACCESS_KEY, web identity / IRSA with AWS_ROLE_ARN and "
						+ "AWS_WEB_IDENTITY_TOKEN_FILE, or an instance profile), then resume the run.", ex);
			}
			return new SecretStoreException(store, Reason.UNREACHABLE, "Cannot reach " + store + " at " + endpoint
					+ " to " + what + " (" + ex.getMessage() + "). Check the network path (proxy, firewall, VPC "
					+ "endpoint) or gmsa.secret-stores.aws.endpoint-override, then resume the run.", ex);
		}
		String code = String.valueOf(service.awsErrorDetails().errorCode());
		String said = " AWS said: " + code + ": " + service.awsErrorDetails().errorMessage();
		if ("ResourceNotFoundException".equals(code)) {
			return new SecretStoreException(store, Reason.STORE_NOT_FOUND, "Cannot " + what + ": it does not exist. "
					+ "Check the AWS plug-in's credentialArn (region, account and name), or let the run's write "
					+ "step create it." + said, ex);
		}
		if ("AccessDeniedException".equals(code) || service.statusCode() == 403) {
			return new SecretStoreException(store, Reason.FORBIDDEN, "The portal's AWS identity may not " + what
					+ ". Allow it " + IAM_ACTIONS + " on arn:aws:secretsmanager:" + secret.region() + ":"
					+ secret.account() + ":secret:" + secret.name() + "-*, and the use of the secret's KMS key if "
					+ "it is a customer managed one, then resume the run." + said, ex);
		}
		if (BAD_CREDENTIALS.contains(code)) {
			return new SecretStoreException(store, Reason.FORBIDDEN, "AWS did not accept the portal's credentials "
					+ "to " + what + ": check the identity the default chain finds (environment, IRSA, instance "
					+ "profile) and that its clock is right, then resume the run." + said, ex);
		}
		if (THROTTLED.contains(code) || service.isThrottlingException()) {
			return new SecretStoreException(store, Reason.THROTTLED, store + " throttled the request to " + what
					+ ", also after the SDK's retries. Resume the run in a minute; if it keeps happening, other "
					+ "callers use up the account's Secrets Manager request quota in " + secret.region() + "." + said,
					ex);
		}
		if (KMS.contains(code)) {
			return new SecretStoreException(store, Reason.FORBIDDEN, "AWS KMS refused to encrypt or decrypt "
					+ "secret " + secret.describe() + ": allow the portal's identity kms:GenerateDataKey and "
					+ "kms:Decrypt on the secret's key (gmsa.secret-stores.aws.kms-key-id for new secrets), then "
					+ "resume the run." + said, ex);
		}
		if ("InvalidParameterException".equals(code) || "ValidationException".equals(code)) {
			return new SecretStoreException(store, Reason.INVALID_NAME, store + " refused the request to " + what
					+ " as invalid. A secret name is 1 to 512 letters, digits and / _ + = . @ - (and should not end "
					+ "in a hyphen and six characters, AWS's own suffix): fix the credentialArn." + said, ex);
		}
		return new SecretStoreException(store, Reason.REFUSED, store + " refused to " + what + "." + said, ex);
	}

}
