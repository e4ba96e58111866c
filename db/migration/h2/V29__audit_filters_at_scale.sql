-- Issue 18, item 3: the dashboards count the refusals of the last day from this index. H2 has no expression or
-- trigram indexes: the actor (LOWER(actor) = ...) and free-text filters return the same events as on PostgreSQL,
-- where V29 adds the indexes that make them fast.
CREATE INDEX audit_event_outcome_time ON audit_event (outcome, occurred_at);
