/**
 * Crafted module sets for {@code org.gmsaportal.ModularityRulesTests}: each sub-package ({@code allowed},
 * {@code forbidden}, {@code internal}) is the base package of a tiny application whose direct sub-packages
 * ({@code a}, {@code b}, {@code c}) are its modules.
 * <p>
 * Deliberately outside {@code org.gmsaportal}: the real application's component scan and its
 * {@code ApplicationModules} must never see these classes, which is also why none of them is annotated as a
 * Spring component.
 */
package modularityfixture;
