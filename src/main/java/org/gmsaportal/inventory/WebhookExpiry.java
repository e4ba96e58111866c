package org.gmsaportal.inventory;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.gmsaportal.cluster.ClusterListing;
import org.gmsaportal.cluster.WebhookCertificate;
import org.jspecify.annotations.Nullable;

/**
 * One certificate of a cluster's gMSA webhook, judged against now: a snapshot keeps only the facts, because a
 * certificate that had 40 days left when the snapshot was taken may have 20 when the page is read.
 *
 * @param connection the cluster connection
 * @param certificate which certificate and when it expires, as the snapshot read it
 * @param status expired, within the warning window ({@code gmsa.inventory.webhook-certificate-warning}), valid
 * beyond it, or not readable
 * @param daysLeft whole days until it expires (negative once expired), or {@code null} when not readable
 */
public record WebhookExpiry(String connection, WebhookCertificate certificate, Status status,
		@Nullable Long daysLeft) {

	/** How the certificate stands now. */
	public enum Status {

		EXPIRED, EXPIRING, VALID, UNREADABLE

	}

	/** Every webhook certificate of the listings, soonest expiry first, those that could not be read last. */
	static List<WebhookExpiry> of(List<ClusterListing> listings, Instant now, Duration window) {
		return listings.stream()
			.flatMap((listing) -> listing.webhookCertificates().stream()
				.map((certificate) -> judge(listing.connection(), certificate, now, window)))
			.sorted(Comparator.comparing(WebhookExpiry::status, Comparator.comparing(WebhookExpiry::rank))
				.thenComparing((e) -> (e.daysLeft() != null) ? e.daysLeft() : Long.MAX_VALUE))
			.toList();
	}

	static WebhookExpiry judge(String connection, WebhookCertificate certificate, Instant now, Duration window) {
		Instant notAfter = certificate.notAfter();
		if (notAfter == null) {
			return new WebhookExpiry(connection, certificate, Status.UNREADABLE, null);
		}
		long days = Duration.between(now, notAfter).toDays();
		Status status = !notAfter.isAfter(now) ? Status.EXPIRED
				: notAfter.isBefore(now.plus(window)) ? Status.EXPIRING : Status.VALID;
		return new WebhookExpiry(connection, certificate, status, days);
	}

	/** Whether someone must act: it expired, or expires within the warning window. */
	public boolean due() {
		return this.status == Status.EXPIRED || this.status == Status.EXPIRING;
	}

	private static int rank(Status status) {
		return (status == Status.UNREADABLE) ? 1 : 0;
	}

}
