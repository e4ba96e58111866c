/**
 * Module {@code a} may use {@code b} only, yet {@link modularityfixture.forbidden.a.Caller} takes a shortcut
 * to {@code c}.
 */
@ApplicationModule(allowedDependencies = "b")
package modularityfixture.forbidden.a;

import org.springframework.modulith.ApplicationModule;
