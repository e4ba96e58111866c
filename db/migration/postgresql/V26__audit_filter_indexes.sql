-- Issue 18: every filter the audit page and the API offer is served by an index, so that each stays fast at a
-- million events. Rows are read newest (or oldest) first by seq, so a rare value's index lists its few rows and a
-- common one's scan along seq stops after a page.
CREATE INDEX audit_event_outcome_seq ON audit_event (outcome, seq);
-- action starts with the typed text (LIKE 'x%'): a pattern index serves prefixes whatever the database collation.
CREATE INDEX audit_event_action_prefix ON audit_event (action varchar_pattern_ops);

-- actor and the free text are "contains" filters (LOWER(col) LIKE '%x%'), which only trigram indexes can serve.
-- pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it without being a superuser. Where
-- the portal's role may not, the portal still starts and these two filters scan, as before.
DO $$
BEGIN
	CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN insufficient_privilege OR feature_not_supported OR undefined_file THEN
	RAISE NOTICE 'pg_trgm cannot be created by this role: the audit actor and text filters will scan';
END
$$;

DO $$
BEGIN
	IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
		EXECUTE 'CREATE INDEX audit_event_actor_trgm ON audit_event USING gin (LOWER(actor) gin_trgm_ops)';
		EXECUTE 'CREATE INDEX audit_event_action_trgm ON audit_event USING gin (LOWER(action) gin_trgm_ops)';
		EXECUTE 'CREATE INDEX audit_event_target_trgm ON audit_event USING gin (LOWER(target) gin_trgm_ops)';
		EXECUTE 'CREATE INDEX audit_event_details_trgm ON audit_event USING gin (LOWER(details) gin_trgm_ops)';
	END IF;
END
$$;
