/**
 * The live inventory: every gMSA of each directory and every credential spec of each cluster, whoever made them,
 * who can retrieve each password, what drifted from the portal's records and which settings are risky. Read-only:
 * it reads through the directory's and clusters' inventory faces and the portal's own records, and writes only its
 * snapshots.
 */
@ApplicationModule(allowedDependencies = { "audit", "cluster", "credspec", "directory", "provisioning" })
@NullMarked
package org.gmsaportal.inventory;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
