/**
 * The browser front door: layout, sign-in page, navigation sections, the audit pages and error pages.
 * Of directory and cluster it names only the records and exceptions of their faces, never the faces themselves:
 * it reaches Active Directory and clusters through provisioning.
 */
@ApplicationModule(allowedDependencies = { "audit", "callbacks", "cluster", "credspec", "directory", "inventory",
		"provisioning", "security" })
@NullMarked
package org.gmsaportal.web;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
