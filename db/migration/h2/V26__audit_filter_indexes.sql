-- Issue 18: an index for the audit outcome filter, read newest first by seq (H2 has no expression or trigram
-- indexes; PostgreSQL's migration adds those for the actor and text filters).
CREATE INDEX audit_event_outcome_seq ON audit_event (outcome, seq);
