package org.gmsaportal.cluster;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the portal installs the kubernetes-sigs/windows-gmsa admission webhook on a cluster that has none.
 *
 * @param image the webhook image; the upstream release image by default (deploy-gmsa-webhook.sh {@code --image})
 * @param namespace where the webhook runs; excluded from its own webhooks, as upstream does
 * @param name the name of its Deployment, Service, ServiceAccount, Secret and webhook configurations
 * @param replicas webhook pods; two, as the upstream chart, because with failurePolicy Fail a down webhook stops
 * every pod creation in the namespaces it serves
 * @param certificateValidity how long a serving certificate the portal generates is valid
 * @param readyTimeout how long an install waits for a ready webhook endpoint before it reports the pods' events
 */
@ConfigurationProperties("gmsa.cluster.webhook")
@Validated
record WebhookSettings(
		@DefaultValue("registry.k8s.io/gmsa-webhook/k8s-gmsa-webhook:v0.13.0")
		@Pattern(regexp = "[a-z0-9][a-z0-9./:_@-]{0,254}", message = "must be an image reference such as"
				+ " registry.k8s.io/gmsa-webhook/k8s-gmsa-webhook:v0.13.0 (lower case, no spaces)") String image,
		@DefaultValue("gmsa-webhook") @Pattern(regexp = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?",
				message = "must be a DNS label: 1-63 lower case letters, digits or '-'") String namespace,
		@DefaultValue("gmsa-webhook") @Pattern(regexp = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?",
				message = "must be a DNS label: 1-63 lower case letters, digits or '-'") String name,
		@DefaultValue("2") @Min(1) @Max(10) int replicas,
		@DefaultValue("365d") Duration certificateValidity,
		@DefaultValue("2m") Duration readyTimeout) {

	/**
	 * A certificate renewed within 30 days of expiry ({@link Certificates#WARN_BEFORE}) must outlive that margin,
	 * or every install would issue a new one and never report "unchanged".
	 */
	@AssertTrue(message = "certificate-validity must be longer than 30 days (certificates are renewed 30 days before"
			+ " expiry); ready-timeout must not be negative")
	boolean isWorkable() {
		return this.certificateValidity.compareTo(Certificates.WARN_BEFORE.plusDays(1)) >= 0
				&& !this.readyTimeout.isNegative();
	}

	/** The defaults, for callers outside Spring (tests, tools). */
	static WebhookSettings defaults() {
		return new WebhookSettings("registry.k8s.io/gmsa-webhook/k8s-gmsa-webhook:v0.13.0", "gmsa-webhook",
				"gmsa-webhook", 2, Duration.ofDays(365), Duration.ofMinutes(2));
	}

	/** The DNS name the API server calls the webhook by, which the serving certificate must name. */
	String serviceDnsName() {
		return this.name + "." + this.namespace + ".svc";
	}

	/** The Secret holding the serving certificate (tls.crt, tls.key, ca.crt), as the upstream chart names it. */
	String secretName() {
		return this.name + "-server-cert";
	}

}
