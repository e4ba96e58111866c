package org.gmsaportal.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies a JSON export of the whole trail against the newest checkpoint in a checkpoint directory, with the
 * checkpoints' public key only: no database, no portal running, no Spring. Run from the portal's jar (README):
 *
 * <pre>
 * java -cp gmsa-portal.jar -Dloader.main=org.gmsaportal.audit.OfflineVerifier \
 *     org.springframework.boot.loader.launch.PropertiesLauncher audit-trail.json checkpoints/ checkpoint-key.pem
 * </pre>
 *
 * Exit status: 0 valid and anchored by a checkpoint, 1 invalid, 2 unreadable input, 3 the events chain together but no
 * checkpoint signed by the key could be read. Whoever can write the database can rewrite a whole chain and its
 * hashes, so a chain without a checkpoint proves nothing to an auditor: a script that checks for 0 must not pass it.
 */
public final class OfflineVerifier {

	private OfflineVerifier() {
	}

	public static void main(String[] args) {
		System.exit(verify(args, System.out));
	}

	/** Verifies and prints the verdict; returns the exit status. */
	static int verify(String[] args, PrintStream out) {
		if (args.length != 3) {
			out.println("usage: OfflineVerifier EXPORT.json CHECKPOINT-DIRECTORY PUBLIC-KEY.pem");
			return 2;
		}
		try {
			CheckpointSigner key = CheckpointSigner.verifierFromPem(
					Files.readString(Path.of(args[2]), StandardCharsets.US_ASCII), args[2]);
			CheckpointDirectory.Latest latest = new CheckpointDirectory(Path.of(args[1])).latest(key);
			CheckpointRef anchor = (latest.found() != null) ? latest.found().ref() : null;
			ChainCheck check = new ChainCheck(anchor);
			readExport(Path.of(args[0]), check);
			String problem = check.problem();
			if (problem != null) {
				out.println("INVALID: first bad seq " + check.badSeq() + ": " + problem);
			}
			else if (anchor == null) {
				out.println("UNANCHORED: " + check.count() + " events, last seq " + check.lastSeq() + " hash "
						+ check.lastHash() + " chain together, but no checkpoint signed by this key could be read, "
						+ "so nothing outside the database vouches for them: a rewritten trail would look the same.");
			}
			else {
				out.println("VALID: " + check.count() + " events, last seq " + check.lastSeq() + " hash "
						+ check.lastHash() + ". " + check.anchorNote());
			}
			out.println((anchor != null) ? "checkpoint used: seq " + anchor.seq() + ", time " + anchor.time()
					+ ", file " + anchor.file() : "checkpoint used: none (no valid checkpoint in " + args[1] + ")");
			if (latest.ignored() > 0) {
				out.println("passed over: " + latest.ignored()
						+ " newer checkpoint file(s), unreadable, not signed by this key, or not named for the "
						+ "checkpoint they hold");
			}
			return (problem != null) ? 1 : (anchor == null) ? 3 : 0;
		}
		catch (IOException | UncheckedIOException | IllegalArgumentException | JacksonException ex) {
			out.println("UNREADABLE: " + ex.getMessage());
			return 2;
		}
	}

	/** Streams the export's array, so memory stays flat however long the trail is. */
	private static void readExport(Path export, ChainCheck check) throws IOException {
		try (InputStream in = Files.newInputStream(export);
				MappingIterator<JsonNode> rows = JsonMapper.builder().build().readerFor(JsonNode.class)
					.readValues(in)) {
			while (rows.hasNext()) {
				check.accept(row(rows.next()));
			}
		}
	}

	private static AuditRow row(JsonNode node) {
		try {
			return new AuditRow(node.required("seq").asLong(), Instant.parse(text(node, "occurredAt")),
					text(node, "actor"), text(node, "actorKind"), text(node, "actorRoles"),
					optional(node, "sourceAddress"), text(node, "action"), text(node, "target"), text(node, "outcome"),
					text(node, "details"), optional(node, "correlationId"), optional(node, "ticketRef"),
					text(node, "prevHash"), text(node, "hash"));
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("an event's occurredAt is not an instant: " + ex.getParsedString());
		}
	}

	private static String text(JsonNode node, String field) {
		String value = optional(node, field);
		if (value == null) {
			throw new IllegalArgumentException("an event has no '" + field + "': is this a JSON audit export?");
		}
		return value;
	}

	private static @Nullable String optional(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

}
