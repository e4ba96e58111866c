/**
 * The read-only dashboards for auditors and admins: the portal's inventory, runs needing attention, API requests
 * waiting for approval and the audit trail at a glance, all from the portal's own database.
 */
@NullMarked
package org.gmsaportal.web.dashboards;

import org.jspecify.annotations.NullMarked;
