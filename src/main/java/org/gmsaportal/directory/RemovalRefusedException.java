package org.gmsaportal.directory;

/**
 * The directory holds the object a removal was asked for, but the portal must not delete it (still in use, or
 * changed outside the portal): not an error of the directory, a blocker the admin removes before resuming.
 */
final class RemovalRefusedException extends DirectoryException {

	RemovalRefusedException(String message) {
		super(message);
	}

}
