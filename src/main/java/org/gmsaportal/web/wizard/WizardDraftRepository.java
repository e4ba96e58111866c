package org.gmsaportal.web.wizard;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The half-filled wizard of each user, as JSON in {@code wizard_draft}, so that it survives a sign-out.
 */
@Component
class WizardDraftRepository {

	// Lenient on read: a draft saved by an older version should not lock the admin out of the wizard.
	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final JdbcClient jdbc;

	WizardDraftRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<WizardState> find(String user) {
		return this.jdbc.sql("SELECT state_json FROM wizard_draft WHERE username = ?").param(user)
			.query(String.class).optional().flatMap(WizardDraftRepository::read);
	}

	void save(String user, WizardState state) {
		String json = JSON.writeValueAsString(state);
		OffsetDateTime now = OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
		int updated = this.jdbc.sql("UPDATE wizard_draft SET state_json = ?, updated_at = ? WHERE username = ?")
			.params(json, now, user).update();
		if (updated == 0) {
			this.jdbc.sql("INSERT INTO wizard_draft (username, state_json, updated_at) VALUES (?, ?, ?)")
				.params(user, json, now).update();
		}
	}

	void delete(String user) {
		this.jdbc.sql("DELETE FROM wizard_draft WHERE username = ?").param(user).update();
	}

	private static Optional<WizardState> read(String json) {
		try {
			return Optional.of(JSON.readValue(json, WizardState.class));
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
	}

}
