/**
 * Secret stores a ccg.exe plug-in reads the portable identity from (Azure Key Vault, AWS Secrets Manager, a
 * Kubernetes Secret): one small adapter per store behind {@link org.gmsaportal.secretstores.SecretStore}, chosen by
 * the plug-in of the request. Values are held as {@code SecretValue} and never logged or audited; only a secret's
 * name and version are.
 */
@ApplicationModule(allowedDependencies = { "audit", "cluster", "credspec" })
@NullMarked
package org.gmsaportal.secretstores;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
