package org.gmsaportal.provisioning;

/**
 * Where one step of a run stands.
 */
public enum StepState {

	PENDING, RUNNING, SUCCEEDED, FAILED, SKIPPED

}
