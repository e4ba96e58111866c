package org.gmsaportal.inventory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.gmsaportal.cluster.ClusterListing;
import org.gmsaportal.cluster.WebhookCertificate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * How a webhook certificate a snapshot read stands now, against the warning window
 * ({@code gmsa.inventory.webhook-certificate-warning}).
 */
class WebhookExpiryTests {

	private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

	private static final Duration THIRTY_DAYS = Duration.ofDays(30);

	@Test
	void expiredWithinTheWindowBeyondItAndUnreadableAreToldApartSoonestFirst() {
		ClusterListing listing = listing("aks1", certificate("later", 100), certificate("soon", 10),
				new WebhookCertificate("broken", null, null, "no PEM"), certificate("gone", -1));

		List<WebhookExpiry> judged = WebhookExpiry.of(List.of(listing), NOW, THIRTY_DAYS);

		assertThat(judged).extracting((e) -> e.certificate().source(), WebhookExpiry::status, WebhookExpiry::daysLeft)
			.containsExactly(tuple("gone", WebhookExpiry.Status.EXPIRED, -1L),
					tuple("soon", WebhookExpiry.Status.EXPIRING, 10L),
					tuple("later", WebhookExpiry.Status.VALID, 100L),
					tuple("broken", WebhookExpiry.Status.UNREADABLE, null));
		assertThat(judged).filteredOn(WebhookExpiry::due).extracting((e) -> e.certificate().source())
			.containsExactly("gone", "soon");
	}

	@Test
	void theWindowIsTheSettingsNotAFixedThirtyDays() {
		ClusterListing listing = listing("aks1", certificate("soon", 10));

		assertThat(WebhookExpiry.of(List.of(listing), NOW, Duration.ofDays(7))).singleElement()
			.extracting(WebhookExpiry::status).isEqualTo(WebhookExpiry.Status.VALID);
		assertThat(WebhookExpiry.of(List.of(listing), NOW, Duration.ofDays(11))).singleElement()
			.extracting(WebhookExpiry::status).isEqualTo(WebhookExpiry.Status.EXPIRING);
	}

	@Test
	void aCertificateExpiringThisVeryMomentHasExpired() {
		WebhookExpiry now = WebhookExpiry.judge("aks1", new WebhookCertificate("now", "CN=now", NOW, null), NOW,
				THIRTY_DAYS);

		assertThat(now.status()).isEqualTo(WebhookExpiry.Status.EXPIRED);
		assertThat(now.due()).isTrue();
	}

	static WebhookCertificate certificate(String source, long days) {
		return new WebhookCertificate(source, "CN=" + source, NOW.plus(Duration.ofDays(days)), null);
	}

	static ClusterListing listing(String connection, WebhookCertificate... certificates) {
		return new ClusterListing(connection, NOW, List.of(), List.of(), List.of(), List.of(certificates));
	}

}
