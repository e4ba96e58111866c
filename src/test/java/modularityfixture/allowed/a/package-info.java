/**
 * Module {@code a} may use {@code b} and nothing else; {@link modularityfixture.allowed.a.Caller} does just that.
 */
@ApplicationModule(allowedDependencies = "b")
package modularityfixture.allowed.a;

import org.springframework.modulith.ApplicationModule;
