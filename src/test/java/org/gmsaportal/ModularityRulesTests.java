package org.gmsaportal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;

/**
 * Proves that the rules {@link ModularityTests} relies on actually bite: Spring Modulith is run on small crafted
 * module sets under {@code src/test/java/modularityfixture}, one that keeps to its declared
 * {@code allowedDependencies} and two that take a shortcut.
 * <p>
 * Without this, a mistake in how the rules are declared (a misspelt module name, a detection strategy that
 * sees no modules) would make {@code ModularityTests} pass for the wrong reason.
 */
class ModularityRulesTests {

	/**
	 * {@code ApplicationModules.of(String)} imports with ArchUnit's {@code DoNotIncludeTests}, which would drop the
	 * fixtures: they live in {@code target/test-classes}. So the crafted sets are imported from test locations only.
	 */
	private static ApplicationModules fixture(String set) {
		return ApplicationModules.of("modularityfixture." + set, ImportOption.Predefined.ONLY_INCLUDE_TESTS);
	}

	@Test
	void fixtureSetsAreSeenAsModules() {
		// Guards the tests below: with no modules detected, "verifies" would be vacuous.
		assertThat(fixture("allowed").stream().map(ApplicationModule::getDisplayName)).containsExactlyInAnyOrder("A",
				"B");
		assertThat(fixture("forbidden").stream().map(ApplicationModule::getDisplayName))
			.containsExactlyInAnyOrder("A", "B", "C");
		assertThat(fixture("internal").stream().map(ApplicationModule::getDisplayName)).containsExactlyInAnyOrder("A",
				"B");
	}

	@Test
	void aDeclaredDependencyVerifies() {
		ApplicationModules modules = fixture("allowed");

		assertThat(modules.getModuleByName("a").orElseThrow().getAllowedDependencies(modules).stream())
			.as("the allowedDependencies of a/package-info.java are read")
			.hasSize(1);
		assertThatNoException().isThrownBy(modules::verify);
	}

	@Test
	void anImportOfAnUndeclaredModuleFailsVerification() {
		ApplicationModules modules = fixture("forbidden");

		assertThatExceptionOfType(Violations.class).isThrownBy(modules::verify)
			.satisfies(violations -> assertThat(violations.getMessages())
				.as("naming the module, the offending types and what was allowed")
				.isNotEmpty()
				.allSatisfy(message -> assertThat(message).contains("Module 'a' depends on ",
						"modularityfixture.forbidden.a.Caller", "modularityfixture.forbidden.c.Forbidden",
						"Allowed targets: b")));
	}

	@Test
	void theDeclaredDependencyAloneIsNotAViolation() {
		// The forbidden set also uses b, which a declares: only the c shortcut may be reported.
		Violations violations = fixture("forbidden").detectViolations();

		assertThat(violations.getMessages()).noneMatch(message -> message.contains("forbidden.b.Allowed"));
	}

	@Test
	void anImportOfAnotherModulesInternalPackageFailsVerification() {
		ApplicationModules modules = fixture("internal");

		assertThatExceptionOfType(Violations.class).isThrownBy(modules::verify)
			.satisfies(violations -> assertThat(violations.getMessages())
				.as("one violation per offending reference (here a field type and a constructor call)")
				.isNotEmpty()
				.allSatisfy(message -> assertThat(message).contains("modularityfixture.internal.a.Caller",
						"non-exposed type modularityfixture.internal.b.internal.Hidden within module 'b'")));
	}

	@Test
	void theRealApplicationDoesNotSeeTestSources() {
		// Test classes are on the classpath while tests run; Modulith's default import option must keep them out,
		// or fixtures and test helpers (org.gmsaportal.support) would turn into modules of the real application.
		ApplicationModules modules = ApplicationModules.of(GmsaPortalApplication.class);

		assertThat(modules.stream().map(module -> module.getBasePackage().getName()))
			.allMatch(name -> name.startsWith("org.gmsaportal."))
			.doesNotContain("org.gmsaportal.support");
		assertThat(modules.getModuleByType(org.gmsaportal.support.LabServices.class)).isEmpty();
		assertThat(modules.getModuleByType(modularityfixture.forbidden.a.Caller.class)).isEmpty();
	}

}
