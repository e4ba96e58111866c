package org.gmsaportal.provisioning;

/**
 * The dashboards' reads on the default database, embedded H2.
 */
class DashboardReadsTests extends DashboardReadsContract {

}
