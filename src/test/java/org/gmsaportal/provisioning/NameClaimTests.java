package org.gmsaportal.provisioning;

/**
 * Name claims on the default database, embedded H2.
 */
class NameClaimTests extends NameClaimContract {

}
