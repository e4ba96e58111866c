package org.gmsaportal.cluster;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway CA and the webhook's serving certificate, for clusters without cert-manager. The CA's private key
 * is dropped once the certificate is signed: a renewal makes a new CA, so no signing key is kept anywhere.
 * The serving key goes only into the cluster Secret; nothing here logs or stores it.
 */
final class WebhookCertificates {

	private static final SecureRandom RANDOM = new SecureRandom();

	private WebhookCertificates() {
	}

	/**
	 * A serving certificate and the CA that signed it, as PEM.
	 *
	 * @param caPem the CA certificate: the webhook configurations' caBundle and the Secret's ca.crt
	 * @param certificatePem the serving certificate (tls.crt)
	 * @param privateKeyPem the serving key (tls.key); never printed
	 */
	record Issued(String caPem, String certificatePem, String privateKeyPem) {

		@Override
		public String toString() {
			return "Issued[ca, certificate, privateKey=(redacted)]";
		}

	}

	/**
	 * The names the upstream deploy script puts in its CSR (create-signed-cert.sh: svc, svc.ns, svc.ns.svc) and
	 * the chart's {@code .svc.cluster.local}; the API server calls {@code <svc>.<ns>.svc}.
	 */
	static List<String> dnsNames(String service, String namespace) {
		return List.of(service, service + "." + namespace, service + "." + namespace + ".svc",
				service + "." + namespace + ".svc.cluster.local");
	}

	static Issued issue(String service, String namespace, Instant now, Duration validity) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048, RANDOM);
			KeyPair caKeys = generator.generateKeyPair();
			KeyPair servingKeys = generator.generateKeyPair();
			Date from = Date.from(now.minus(Duration.ofMinutes(5)));
			Date until = Date.from(now.plus(validity));
			JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
			X500Principal caName = new X500Principal("CN=" + service + "." + namespace + " webhook CA (gMSA Portal)");
			JcaX509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, serial(), from, until, caName,
					caKeys.getPublic());
			ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
			ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
			ca.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(caKeys.getPublic()));
			X509Certificate caCertificate = sign(
					ca.build(new JcaContentSignerBuilder("SHA256withRSA").build(caKeys.getPrivate())));
			JcaX509v3CertificateBuilder serving = new JcaX509v3CertificateBuilder(caCertificate, serial(), from, until,
					new X500Principal("CN=" + service + "." + namespace + ".svc"), servingKeys.getPublic());
			GeneralName[] names = dnsNames(service, namespace).stream()
				.map((name) -> new GeneralName(GeneralName.dNSName, name))
				.toArray(GeneralName[]::new);
			serving.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
			serving.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
			serving.addExtension(Extension.keyUsage, true,
					new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
			serving.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
			serving.addExtension(Extension.authorityKeyIdentifier, false,
					extensions.createAuthorityKeyIdentifier(caCertificate));
			X509Certificate servingCertificate = sign(
					serving.build(new JcaContentSignerBuilder("SHA256withRSA").build(caKeys.getPrivate())));
			return new Issued(pem(caCertificate), pem(servingCertificate), pem(servingKeys.getPrivate()));
		}
		catch (GeneralSecurityException | OperatorCreationException | IOException ex) {
			// No key material in the message: only what failed.
			throw new ClusterOperationException("Could not generate the webhook's serving certificate ("
					+ ex.getClass().getSimpleName() + "): check the JVM's RSA and SHA-256 providers.");
		}
	}

	/**
	 * Whether a Secret's certificate can stay: it chains to its CA, names the service and is not near expiry, so
	 * an install run again keeps it (and changes nothing) instead of issuing a new one.
	 */
	static boolean stillGood(byte[] certificatePem, byte[] caPem, String serviceDnsName, Instant now) {
		List<X509Certificate> certificate = Certificates.parse(certificatePem);
		List<X509Certificate> ca = Certificates.parse(caPem);
		if (certificate.isEmpty() || ca.isEmpty()) {
			return false;
		}
		try {
			certificate.get(0).verify(ca.get(0).getPublicKey());
			Instant notAfter = certificate.get(0).getNotAfter().toInstant();
			Instant caNotAfter = ca.get(0).getNotAfter().toInstant();
			Instant renewBy = now.plus(Certificates.WARN_BEFORE);
			return notAfter.isAfter(renewBy) && caNotAfter.isAfter(renewBy)
					&& certificate.get(0).getSubjectAlternativeNames() != null
					&& certificate.get(0).getSubjectAlternativeNames().stream()
						.anyMatch((san) -> serviceDnsName.equals(String.valueOf(san.get(1))));
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	private static BigInteger serial() {
		return new BigInteger(128, RANDOM).abs().add(BigInteger.ONE);
	}

	private static X509Certificate sign(X509CertificateHolder holder) throws GeneralSecurityException {
		return new JcaX509CertificateConverter().getCertificate(holder);
	}

	private static String pem(Object object) throws IOException {
		StringWriter out = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
			writer.writeObject(object);
		}
		return out.toString();
	}

	static byte[] bytes(String pem) {
		return pem.getBytes(StandardCharsets.UTF_8);
	}

}
