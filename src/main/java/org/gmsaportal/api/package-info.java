/**
 * The REST API for ticketing systems: the v1 endpoints, the scope each one needs, and its problem-detail answers.
 * Of directory and cluster it names only the records and exceptions of their faces, never the faces themselves:
 * it reaches Active Directory and clusters through provisioning.
 */
@ApplicationModule(allowedDependencies = { "audit", "callbacks", "cluster", "credspec", "directory", "inventory",
		"provisioning", "security" })
@NullMarked
package org.gmsaportal.api;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
