package org.gmsaportal.web.wizard;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Step 1: which directory connection to provision in, and which cluster connection (empty: export only).
 *
 * <p>
 * A mutable bean, like every wizard step: Back must keep even what does not validate yet.
 */
public class ConnectionsStep {

	@NotBlank(message = "{wizard.connection.required}")
	@Size(max = 64)
	@Pattern(regexp = "|[A-Za-z0-9][A-Za-z0-9_.-]*", message = "{wizard.connection.pattern}")
	private @Nullable String directoryConnection;

	@Size(max = 64)
	@Pattern(regexp = "|[A-Za-z0-9][A-Za-z0-9_.-]*", message = "{wizard.connection.pattern}")
	private @Nullable String clusterConnection = "";

	boolean exportOnly() {
		return this.clusterConnection == null || this.clusterConnection.isEmpty();
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
