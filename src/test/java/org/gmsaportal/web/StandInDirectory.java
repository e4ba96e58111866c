package org.gmsaportal.web;

import org.gmsaportal.provisioning.FakeDirectory;

/**
 * The provisioning tests' in-memory directory, as the web and API tests drive the wizard, runs pages and
 * REST API without a domain controller; the same flows run against the Samba lab DC in the lab tests.
 */
public class StandInDirectory extends FakeDirectory {

}
