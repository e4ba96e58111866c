package org.gmsaportal.audit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Values fitted to audit_event's columns before they join a batch: clipped, made storable, or refused by name.
 */
class EventColumnsTests {

	private static final String SMILE = new String(Character.toChars(0x1F600));

	@Test
	void aValueThatFitsIsKeptAsItIs() {
		String value = "CN=web01,OU=Service Accounts " + SMILE;
		assertThat(EventColumns.fit(value, 64)).isSameAs(value);
	}

	@Test
	void anOverLongValueIsClippedToItsColumnEndingInAnEllipsis() {
		assertThat(EventColumns.fit("ADMIN,".repeat(100), 512)).hasSize(512).startsWith("ADMIN,ADMIN").endsWith("…");
	}

	@Test
	void clippingNeverSplitsACharacterOutsideTheBasicPlane() {
		// The clip would fall between the two halves of the emoji: the whole emoji goes instead.
		String clipped = EventColumns.fit("abcd" + SMILE + "efgh", 6);
		assertThat(clipped).isEqualTo("abcd…");
		assertThat(EventColumns.storable(clipped)).isSameAs(clipped);
	}

	@Test
	void charactersTheDatabaseRefusesOrChangesAreReplaced() {
		String value = "a" + (char) 0 + "b" + (char) 0xD800 + "c" + (char) 0xDC00 + SMILE;
		assertThat(EventColumns.storable(value)).isEqualTo("a\uFFFDb\uFFFDc\uFFFD" + SMILE);
	}

	@Test
	void aMissingOrBlankRequiredValueIsRefusedByName() {
		assertThatThrownBy(() -> EventColumns.required("target", null, EventColumns.TARGET, true))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("audit event field 'target' is required");
		assertThatThrownBy(() -> EventColumns.required("action", " ", EventColumns.ACTION, false))
			.hasMessage("audit event field 'action' must not be blank");
		assertThat(EventColumns.required("actorRoles", "", EventColumns.ACTOR_ROLES, true)).isEmpty();
	}

}
