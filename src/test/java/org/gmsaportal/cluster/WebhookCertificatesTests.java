package org.gmsaportal.cluster;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When an install keeps the serving certificate it finds (so a second install changes nothing) and when it issues
 * a new one: near expiry, for another service, or not signed by the CA beside it.
 */
class WebhookCertificatesTests {

	private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

	private static final WebhookCertificates.Issued ISSUED = WebhookCertificates.issue("gmsa-webhook", "gmsa-webhook",
			NOW, Duration.ofDays(365));

	@Test
	void aFreshCertificateForTheServiceIsKept() {
		assertThat(stillGood(ISSUED.certificatePem(), ISSUED.caPem(), "gmsa-webhook.gmsa-webhook.svc", NOW)).isTrue();
	}

	@Test
	void aCertificateWithinThirtyDaysOfExpiryIsRenewed() {
		assertThat(stillGood(ISSUED.certificatePem(), ISSUED.caPem(), "gmsa-webhook.gmsa-webhook.svc",
				NOW.plus(Duration.ofDays(336)))).isFalse();
		assertThat(stillGood(ISSUED.certificatePem(), ISSUED.caPem(), "gmsa-webhook.gmsa-webhook.svc",
				NOW.plus(Duration.ofDays(334)))).isTrue();
	}

	@Test
	void aCertificateForAnotherServiceOrFromAnotherCaIsRenewed() {
		WebhookCertificates.Issued other = WebhookCertificates.issue("gmsa-webhook", "gmsa-webhook", NOW,
				Duration.ofDays(365));

		assertThat(stillGood(ISSUED.certificatePem(), ISSUED.caPem(), "webhook.other-ns.svc", NOW)).isFalse();
		assertThat(stillGood(ISSUED.certificatePem(), other.caPem(), "gmsa-webhook.gmsa-webhook.svc", NOW)).isFalse();
		assertThat(stillGood("not a certificate", ISSUED.caPem(), "gmsa-webhook.gmsa-webhook.svc", NOW)).isFalse();
	}

	@Test
	void theIssuedRecordNeverPrintsItsKey() {
		assertThat(ISSUED.toString()).doesNotContain(ISSUED.privateKeyPem()).contains("(redacted)");
		assertThat(ISSUED.privateKeyPem()).contains("PRIVATE KEY");
	}

	private static boolean stillGood(String certificate, String ca, String name, Instant now) {
		return WebhookCertificates.stillGood(WebhookCertificates.bytes(certificate), WebhookCertificates.bytes(ca), name,
				now);
	}

}
