package org.gmsaportal.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;


import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the audit trail: search pages, streamed exports and chain verification.
 *
 * <p>
 * Exports and verifications are themselves audited. Large reads go through keyset pages of
 * {@value #BATCH} rows, so memory stays flat however long the trail is, on any database driver.
 */
@Component
public class AuditLog {

	static final int BATCH = 1000;

	private final JdbcClient jdbc;

	private final AuditTrail trail;

	private final ChainVerifier verifier;

	AuditLog(JdbcClient jdbc, AuditTrail trail, ChainVerifier verifier) {
		this.jdbc = jdbc;
		this.trail = trail;
		this.verifier = verifier;
	}

	/**
	 * How many events the trail holds: the chain head's sequence number, since sequence numbers start at 1 and have
	 * no gaps. No COUNT over a table that only grows (issue 18: the dashboards counted a million rows per view).
	 */
	public long size() {
		return this.jdbc.sql("SELECT seq FROM audit_chain_head WHERE id = 1").query(Long.class).optional().orElse(0L);
	}

	/**
	 * Matching events before a sequence number, newest first: a keyset page read along the primary key (or a
	 * filter's index), never counting or skipping what it does not show.
	 */
	public List<AuditRow> before(AuditQuery query, long beforeSeq, int limit) {
		AuditSql.Where where = AuditSql.where(query);
		List<Object> params = new ArrayList<>(where.params());
		params.add(beforeSeq);
		params.add(limit);
		return this.jdbc
			.sql("SELECT " + AuditSql.COLUMNS + " FROM audit_event WHERE " + where.clause()
					+ " AND seq < ? ORDER BY seq DESC FETCH FIRST ? ROWS ONLY")
			.params(params)
			.query(AuditSql::map)
			.list();
	}

	/** How many events match, counting no further than {@code limit} + 1: more than {@code limit} is all it says. */
	public long countUpTo(AuditQuery query, long limit) {
		AuditSql.Where where = AuditSql.where(query);
		List<Object> params = new ArrayList<>(where.params());
		params.add(limit + 1);
		return this.jdbc
			.sql("SELECT COUNT(*) FROM (SELECT seq FROM audit_event WHERE " + where.clause()
					+ " FETCH FIRST ? ROWS ONLY) matching")
			.params(params)
			.query(Long.class)
			.single();
	}

	/** One page of matching events, newest first. */
	public AuditPage search(AuditQuery query, int page, int size) {
		AuditSql.Where where = AuditSql.where(query);
		long total = this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE " + where.clause())
			.params(where.params())
			.query(Long.class)
			.single();
		List<Object> params = new ArrayList<>(where.params());
		params.add((long) page * size);
		params.add(size);
		List<AuditRow> rows = this.jdbc
			.sql("SELECT " + AuditSql.COLUMNS + " FROM audit_event WHERE " + where.clause()
					+ " ORDER BY seq DESC OFFSET ? ROWS FETCH FIRST ? ROWS ONLY")
			.params(params)
			.query(AuditSql::map)
			.list();
		return new AuditPage(rows, page, size, total);
	}

	/**
	 * Records that an export was asked for, now, on the caller's thread (so the event carries the
	 * requester), and returns the export to stream: oldest first, CSV with a header line (RFC 4180) or
	 * one JSON array.
	 */
	public Export export(AuditQuery query, Export.Format format) {
		this.trail.record(AuditEvent.of("audit.export", "audit_event", AuditOutcome.SUCCESS)
			.withDetails(Map.of("format", format.name(), "filter", query.toString())));
		return out -> write(out, writer -> {
			if (format == Export.Format.CSV) {
				writer.write(ExportWriters.CSV_HEADER);
				forEach(query, row -> io(() -> ExportWriters.csvRow(writer, row)));
				return;
			}
			writer.write("[\n");
			boolean[] first = { true };
			forEach(query, row -> io(() -> {
				ExportWriters.jsonRow(writer, row, first[0]);
				first[0] = false;
			}));
			writer.write("\n]\n");
		});
	}

	/**
	 * Walks the whole chain and checks it against the newest checkpoint and the signed head. The check is audited,
	 * naming the checkpoint used; if even that cannot be written (a tampered table can block appends) the result
	 * is still returned, since hiding it would help only the tamperer.
	 */
	public ChainVerification verify() {
		ChainVerification result = this.verifier.verify(this::forEachOfAll);
		try {
			this.trail.record(AuditEvent.of("audit.verify", "audit_event",
					result.intact() ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE)
				.withDetails(Map.of("intact", result.intact(), "eventsChecked", result.eventsChecked(),
						"firstBadSeq", String.valueOf(result.firstBadSeq()), "problem", result.problem(),
						"checkpoint", (result.checkpoint() != null) ? result.checkpoint().describe() : "none")));
			return result;
		}
		catch (AuditUnavailableException ex) {
			return new ChainVerification(false, result.eventsChecked(), result.firstBadSeq(),
					result.problem() + " This verification itself could not be recorded: the trail is not writable.",
					result.verifiedAt(), result.checkpoint());
		}
	}

	/**
	 * Matching events after a sequence number, oldest first: a keyset page that stays stable while the
	 * trail grows, for cursor-paginated readers such as the REST API.
	 */
	public List<AuditRow> after(AuditQuery query, long afterSeq, int limit) {
		AuditSql.Where where = AuditSql.where(query);
		List<Object> params = new ArrayList<>(where.params());
		params.add(afterSeq);
		params.add(limit);
		return this.jdbc
			.sql("SELECT " + AuditSql.COLUMNS + " FROM audit_event WHERE " + where.clause()
					+ " AND seq > ? ORDER BY seq FETCH FIRST ? ROWS ONLY")
			.params(params)
			.query(AuditSql::map)
			.list();
	}

	private void forEachOfAll(Consumer<AuditRow> action) {
		forEach(AuditQuery.all(), action);
	}

	private void forEach(AuditQuery query, Consumer<AuditRow> action) {
		long after = 0;
		while (true) {
			List<AuditRow> rows = after(query, after, BATCH);
			rows.forEach(action);
			if (rows.size() < BATCH) {
				return;
			}
			after = rows.get(rows.size() - 1).seq();
		}
	}

	private static void write(OutputStream out, IoAction<Writer> body) {
		try {
			Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
			body.run(writer);
			writer.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void io(IoRunnable action) {
		try {
			action.run();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** An export whose request has been audited, ready to be written. */
	@FunctionalInterface
	public interface Export {

		void writeTo(OutputStream out);

		/** The two export formats. */
		enum Format {

			CSV, JSON

		}

	}

	@FunctionalInterface
	private interface IoAction<T> {

		void run(T target) throws IOException;

	}

	@FunctionalInterface
	private interface IoRunnable {

		void run() throws IOException;

	}

}
