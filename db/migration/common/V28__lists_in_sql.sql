-- Lists proportional to the page (issue 18, item 6): the API's request list filters by status in SQL (a request
-- without a run by its stored status, ordered by seq), and the runs page lists newest first, by state or ticket.
CREATE INDEX api_request_status_seq ON api_request (status, seq);
CREATE INDEX provisioning_run_created ON provisioning_run (created_at, id);
CREATE INDEX provisioning_run_state_created ON provisioning_run (state, created_at, id);
CREATE INDEX provisioning_run_ticket_created ON provisioning_run (ticket_ref, created_at, id);
