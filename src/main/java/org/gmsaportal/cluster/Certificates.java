package org.gmsaportal.cluster;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Reads PEM certificates (public material only) and judges how soon they expire.
 */
final class Certificates {

	/** Webhook certificates renewed later than this before expiry have caused outages (windows-gmsa #50, #100). */
	static final Duration WARN_BEFORE = Duration.ofDays(30);

	private Certificates() {
	}

	static List<X509Certificate> parse(byte[] pem) {
		try {
			return CertificateFactory.getInstance("X.509")
				.generateCertificates(new ByteArrayInputStream(pem))
				.stream()
				.map(X509Certificate.class::cast)
				.toList();
		}
		catch (CertificateException ex) {
			return List.of();
		}
	}

	/** The check for the earliest-expiring certificate in the list. */
	static PreflightCheck expiry(String id, String what, List<X509Certificate> certificates, Instant now, String fix) {
		X509Certificate first = certificates.stream()
			.min(java.util.Comparator.comparing(X509Certificate::getNotAfter))
			.orElseThrow();
		Instant notAfter = first.getNotAfter().toInstant();
		String subject = first.getSubjectX500Principal().getName();
		if (!notAfter.isAfter(now)) {
			return PreflightCheck.fail(id, what + " (" + subject + ") expired at " + notAfter
					+ ": the API server cannot call the webhook, and with failurePolicy Fail no pod starts.", fix);
		}
		if (Duration.between(now, notAfter).compareTo(WARN_BEFORE) < 0) {
			return PreflightCheck.warn(id, what + " (" + subject + ") expires at " + notAfter + ", in "
					+ Duration.between(now, notAfter).toDays() + " days.", fix);
		}
		return PreflightCheck.pass(id, what + " (" + subject + ") is valid until " + notAfter + ".");
	}

}
