package org.gmsaportal.provisioning;

/**
 * Two portal instances over one database, on the default database, embedded H2.
 */
class RunInstancesTests extends RunInstancesContract {

}
