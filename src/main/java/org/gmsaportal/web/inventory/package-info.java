/**
 * The live inventory's pages for auditors and admins: the tables of a snapshot (gMSAs, KDS root keys, portable
 * users, credential specs, findings) with filter, sort and paging, one gMSA's page, the charts drawn as SVG, the
 * CSV and JSON exports, and an admin's refresh. Every page reads a kept snapshot, never AD or a cluster.
 */
@NullMarked
package org.gmsaportal.web.inventory;

import org.jspecify.annotations.NullMarked;
