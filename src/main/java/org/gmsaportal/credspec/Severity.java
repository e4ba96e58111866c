package org.gmsaportal.credspec;

/**
 * How much a validation finding matters.
 */
public enum Severity {

	/** The credspec will not work as it is. */
	ERROR,

	/** It may work, but something is unusual or likely to cause trouble. */
	WARNING,

	/** Worth knowing; nothing to fix. */
	INFO

}
