package org.gmsaportal.provisioning;

import java.util.List;
import java.util.Optional;

import org.gmsaportal.provisioning.PlatformCommands.PlatformCommand;
import org.jspecify.annotations.Nullable;

/**
 * How a portable request's identity reaches the node's plug-in, as the review, the request's page and the run page
 * show it: who stores it, where, the store's command with the password elided, and what the platform still needs.
 * Built from the request alone, so a page view asks nothing remote.
 *
 * @param delivery whether the run writes the store or a person does
 * @param destination the store and the secret's name, or {@code null} when the portal does not know the store
 * @param command the store's command with {@link StoreCommands#PASSWORD} for the password, or {@code null}
 * @param platform the cloud platform's commands ({@link PlatformCommands}); may be empty
 */
public record PortableDelivery(SecretDelivery delivery, @Nullable String destination, @Nullable String command,
		List<PlatformCommand> platform) {

	public PortableDelivery {
		platform = List.copyOf(platform);
	}

	/** Whether a person stores the secret (the run page then shows the command beside the password). */
	public boolean manual() {
		return this.delivery == SecretDelivery.MANUAL;
	}

	/**
	 * The delivery of a portable request; empty for domain-joined hosts.
	 *
	 * @param domain the domain's DNS name, as the plan or run names it
	 */
	public static Optional<PortableDelivery> of(ProvisioningRequest request, String domain) {
		if (!(request.hosts() instanceof Hosts.Portable portable)) {
			return Optional.empty();
		}
		return Optional.of(new PortableDelivery(portable.secretDelivery(),
				StoreCommands.destination(request).orElse(null), StoreCommands.write(request, domain).orElse(null),
				PlatformCommands.of(request, domain)));
	}

}
