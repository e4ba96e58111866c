package org.gmsaportal.provisioning;

/**
 * The approval was submitted a second time (a double click, a reloaded form): the run it started the first time
 * is the answer, and no second run starts.
 */
public class RunAlreadyStartedException extends ProvisioningRefusedException {

	private final String runId;

	public RunAlreadyStartedException(String runId) {
		super("This approval was already submitted and started run " + runId + "; no second run was started.");
		this.runId = runId;
	}

	/** The run the first submission started. */
	public String runId() {
		return this.runId;
	}

}
