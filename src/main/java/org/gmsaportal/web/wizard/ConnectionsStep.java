package org.gmsaportal.web.wizard;

import java.io.Serializable;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Step 1: which directory connection to provision in, and where the credential spec goes: a cluster connection,
 * export only (empty), or Windows Server hosts running Docker ({@link #DOCKER_HOSTS}).
 *
 * <p>
 * A mutable bean, like every wizard step: Back must keep even what does not validate yet.
 */
public class ConnectionsStep implements Serializable {

	private static final long serialVersionUID = 1L;

	/**
	 * The cluster choice that means Docker hosts, no Kubernetes. It starts with '@', which no connection name may,
	 * so it cannot shadow a configured cluster.
	 */
	static final String DOCKER_HOSTS = "@docker-hosts";

	@NotBlank(message = "{wizard.connection.required}")
	@Size(max = 64)
	@Pattern(regexp = "|[A-Za-z0-9][A-Za-z0-9_.-]*", message = "{wizard.connection.pattern}")
	private @Nullable String directoryConnection;

	@Size(max = 64)
	@Pattern(regexp = "|" + DOCKER_HOSTS + "|[A-Za-z0-9][A-Za-z0-9_.-]*", message = "{wizard.connection.pattern}")
	private @Nullable String clusterConnection = "";

	/** No cluster is read or changed: an export bundle, or Docker hosts. */
	boolean exportOnly() {
		return this.clusterConnection == null || this.clusterConnection.isEmpty() || dockerHosts();
	}

	/** Windows Server hosts that run containers with Docker: no Kubernetes object at all. */
	boolean dockerHosts() {
		return DOCKER_HOSTS.equals(this.clusterConnection);
	}

	public @Nullable String getDirectoryConnection() {
		return this.directoryConnection;
	}

	public void setDirectoryConnection(@Nullable String directoryConnection) {
		this.directoryConnection = directoryConnection;
	}

	public @Nullable String getClusterConnection() {
		return this.clusterConnection;
	}

	public void setClusterConnection(@Nullable String clusterConnection) {
		this.clusterConnection = clusterConnection;
	}

}
