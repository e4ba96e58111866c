package org.gmsaportal.cluster;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One certificate the gMSA webhook depends on, as the inventory read it: the CA in a webhook configuration's
 * {@code caBundle}, which the API server trusts, or the serving certificate in the TLS Secret the webhook presents.
 * Only public facts: no key, no PEM.
 *
 * @param source which certificate, as an admin finds it ({@code caBundle of MutatingWebhookConfiguration gmsa} or
 * {@code Secret gmsa/gmsa-webhook-tls (tls.crt)})
 * @param subject the certificate's subject, or {@code null} when it could not be read
 * @param notAfter when it expires (the earliest of a bundle), or {@code null} when it could not be read
 * @param problem why it could not be read, or {@code null} when it was
 */
public record WebhookCertificate(String source, @Nullable String subject, @Nullable Instant notAfter,
		@Nullable String problem) {

	static WebhookCertificate read(String source, String subject, Instant notAfter) {
		return new WebhookCertificate(source, subject, notAfter, null);
	}

	static WebhookCertificate unreadable(String source, String problem) {
		return new WebhookCertificate(source, null, null, problem);
	}

	/** Whether its expiry is known. */
	public boolean readable() {
		return this.notAfter != null;
	}

}
