package org.gmsaportal.cluster;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.jspecify.annotations.Nullable;

/**
 * Confirms what the RBAC reading says with the API server's own decision: a SubjectAccessReview asking exactly
 * what the gMSA webhook asks before it admits a pod. The API server also consults authorizers the RBAC objects do
 * not show, so its answer wins. Once the cluster refuses the reviews (the portal may not create them), no more are
 * asked, and the caller keeps the RBAC reading and says the answers are unconfirmed.
 */
final class AccessReviews {

	/** At most this many reviews per read, so that a cluster with thousands of bindings is not flooded. */
	static final int LIMIT = 1000;

	// Not a valid service account name (upper case): only grants to a whole namespace's accounts can match it.
	static final String ANY_ACCOUNT = "Any-Service-Account";

	private final KubernetesClient client;

	private @Nullable String refusal;

	private int asked;

	private int undecided;

	AccessReviews(KubernetesClient client) {
		this.client = client;
	}

	/**
	 * Whether the service account may use the credential spec in its namespace; empty when there is no answer (the
	 * reviews are refused, the limit is reached, or the server gave no decision).
	 */
	Optional<Boolean> mayUse(String namespace, String serviceAccount, String credSpecName) {
		if (this.refusal != null || this.asked >= LIMIT) {
			this.undecided++;
			return Optional.empty();
		}
		this.asked++;
		String user = "system:serviceaccount:" + namespace + ":" + serviceAccount;
		SubjectAccessReview review = new SubjectAccessReviewBuilder().withNewSpec()
			.withUser(user)
			.withGroups("system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated")
			.withNewResourceAttributes()
			.withNamespace(namespace)
			.withVerb("use")
			.withGroup(GmsaCrd.GROUP)
			.withVersion("v1")
			.withResource(GmsaCrd.PLURAL)
			.withName(credSpecName)
			.endResourceAttributes()
			.endSpec()
			.build();
		try {
			SubjectAccessReview answer = this.client.authorization().v1().subjectAccessReview().create(review);
			if (answer == null || answer.getStatus() == null || answer.getStatus().getAllowed() == null) {
				this.undecided++;
				return Optional.empty();
			}
			return Optional.of(answer.getStatus().getAllowed());
		}
		catch (KubernetesClientException ex) {
			this.refusal = KubernetesErrors.translate(ex, "create SubjectAccessReviews", false).getMessage();
			this.undecided++;
			return Optional.empty();
		}
	}

	/** Why the answers are not all the API server's, or {@code null} when every one is. */
	@Nullable String unconfirmed() {
		if (this.refusal != null) {
			return "read from the RBAC objects only, not confirmed by SubjectAccessReview (other authorizers not "
					+ "consulted): " + this.refusal;
		}
		if (this.undecided > 0) {
			return this.undecided + " of the service accounts and namespaces listed as able to use a credential spec "
					+ "are "
					+ "read from RBAC objects only: the API server gave no SubjectAccessReview decision"
					+ ((this.asked >= LIMIT) ? " or the limit of " + LIMIT + " reviews per read was reached" : "")
					+ ".";
		}
		return null;
	}

}
