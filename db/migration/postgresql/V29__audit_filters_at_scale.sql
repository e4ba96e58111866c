-- Issue 18, item 3: every audit filter the page and the API offer answers from an index at a million events.

-- Actor is an exact name, case-insensitive (it was "contains", which only a trigram index served, and then not in
-- seq order): one actor's events, newest or oldest first, are a range of this index, however few or old they are.
CREATE INDEX audit_event_actor_seq ON audit_event (LOWER(actor), seq);

-- The dashboards count the refusals of the last day: a range of this index, read without the table.
CREATE INDEX audit_event_outcome_time ON audit_event (outcome, occurred_at);

-- Free text searches actor, action, target and details. V26 gave each its own trigram index, so one search read
-- four indexes, and a common trigram's list (every target holds "dc=") twice. One index over the four, joined by a
-- newline (which AuditSql strips from the searched text, so that no match spans two fields), is read once; it is
-- also one index to maintain on append instead of four.
DROP INDEX IF EXISTS audit_event_actor_trgm;
DROP INDEX IF EXISTS audit_event_action_trgm;
DROP INDEX IF EXISTS audit_event_target_trgm;
DROP INDEX IF EXISTS audit_event_details_trgm;

-- pg_trgm is a trusted extension (PostgreSQL 13+): the database owner (db/postgresql-roles.sql makes the schema
-- owner that) creates it without being a superuser. Where it is not installed (Debian: postgresql-contrib) or the
-- migrating role may not create it, the migration still succeeds, every filter still returns the right events,
-- and free text scans; a superuser can run CREATE EXTENSION pg_trgm and repeat the CREATE INDEX below by hand.
DO $$
BEGIN
	CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN insufficient_privilege OR feature_not_supported OR undefined_file THEN
	RAISE NOTICE 'pg_trgm cannot be created by this role: the audit free-text filter will scan';
END
$$;

DO $$
BEGIN
	IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
		EXECUTE 'CREATE INDEX audit_event_text_trgm ON audit_event USING gin '
			|| '(LOWER(actor || E''\n'' || action || E''\n'' || target || E''\n'' || details) gin_trgm_ops)';
	END IF;
END
$$;
