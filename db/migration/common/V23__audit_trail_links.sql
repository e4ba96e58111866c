-- One query per request trail (issue 12): the audit filters by request id and by ticket link a request to its
-- runs and decommission (org.gmsaportal.provisioning.TrailLinks) and match events by ticket; these lookups use
-- indexes rather than scans of tables that only grow.
CREATE INDEX api_request_run_idx ON api_request (run_id);
CREATE INDEX api_request_source_idx ON api_request (source_request_id);
CREATE INDEX provisioning_run_decommissions ON provisioning_run (decommissions);
CREATE INDEX provisioning_run_ticket ON provisioning_run (ticket_ref);
CREATE INDEX audit_event_ticket ON audit_event (ticket_ref);
