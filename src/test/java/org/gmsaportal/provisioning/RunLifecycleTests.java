package org.gmsaportal.provisioning;

/**
 * The run lifecycle on the default database, embedded H2.
 */
class RunLifecycleTests extends RunLifecycleContract {

}
