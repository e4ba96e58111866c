package org.gmsaportal.directory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The one rule for a gMSA name, as the directory applies it before a write (and the engine at the door).
 */
class GmsaNamesTests {

	@Test
	void gmsaNameAllowsFifteenCharactersAndDropsTheDollar() {
		assertThat(GmsaNames.check("web-frontend-01")).isEqualTo("web-frontend-01");
		assertThat(GmsaNames.check("web01$")).isEqualTo("web01");
		assertThatIllegalArgumentException().isThrownBy(() -> GmsaNames.check("web-frontend-012"))
			.withMessageStartingWith("gMSA name");
		assertThatIllegalArgumentException().isThrownBy(() -> GmsaNames.check("-web"));
		assertThatIllegalArgumentException().isThrownBy(() -> GmsaNames.check("web_01"));
		assertThatIllegalArgumentException().isThrownBy(() -> GmsaNames.check("Rel.Edge"));
		assertThatIllegalArgumentException().isThrownBy(() -> GmsaNames.check("12345"))
			.withMessageContaining("of digits only");
	}

}
