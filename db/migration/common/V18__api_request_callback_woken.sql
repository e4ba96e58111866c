-- callback_woken: set when an action or a run's end may have changed the request's status, cleared when a poll
-- takes the request's lease. A poll may put the request to QUIET only if nothing woke it since it took the lease,
-- so a status change that lands while the poll is working on the request is never left to the slow sweep.
ALTER TABLE api_request ADD COLUMN callback_woken BOOLEAN DEFAULT FALSE NOT NULL;
