package org.gmsaportal;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * Keeps the module boundaries of DESIGN.md honest: no module reaches into another's internals.
 */
class ModularityTests {

	@Test
	void modulesRespectTheirBoundaries() {
		ApplicationModules.of(GmsaPortalApplication.class).verify();
	}

}
