package org.gmsaportal.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Kubernetes clusters the portal may talk to; without any, the cluster module only exports bundles.
 *
 * @param connections clusters by the name admins pick in the wizard ({@code gmsa.cluster.connections.<name>.*})
 */
@ConfigurationProperties("gmsa.cluster")
@Validated
record ClusterSettings(@DefaultValue Map<String, @Valid Connection> connections) {

	/**
	 * How to reach one cluster. Credentials stay in the kubeconfig file or the pod's service account token,
	 * never in the database.
	 *
	 * @param kubeconfig path of a kubeconfig file readable by the portal
	 * @param context context inside the kubeconfig; its current context when empty
	 * @param inCluster use the service account of the pod the portal runs in instead of a kubeconfig
	 * @param connectTimeout how long to wait for a TCP/TLS connection before reporting "cannot reach"
	 * @param requestTimeout how long to wait for one API response
	 * @param platform what the cluster runs on ({@code gmsa.cluster.connections.<name>.platform}); it picks the
	 * platform profile a request for this cluster follows unless the request names another
	 */
	record Connection(@Nullable Path kubeconfig, @Nullable String context, boolean inCluster,
			@DefaultValue("10s") Duration connectTimeout, @DefaultValue("30s") Duration requestTimeout,
			@DefaultValue("GENERIC") Platform platform) {

		/** Exactly one source of credentials, so an admin never wonders which one was used. */
		@AssertTrue(message = "set either kubeconfig or in-cluster=true, not both and not neither")
		boolean isOneCredentialSource() {
			return (this.kubeconfig != null) != this.inCluster;
		}

	}

}
