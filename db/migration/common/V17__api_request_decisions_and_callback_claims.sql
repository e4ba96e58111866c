-- Decisions on API-filed requests and the callback poller's bookkeeping.
--
-- decided_*: who approved or rejected the request (an API client, an ADMIN, or the auto-approve policy),
-- when, and why; a rejection always carries its reason.
--
-- callback_watch: how often the callback poller looks at the request. ACTIVE: every poll. QUIET: its last
-- event went out (or was given up) and only an action can change its status (approval, rejection, a resumed
-- or decommissioned run), so it is looked at by the slow sweep only, or woken by the portal's own actions.
-- DONE: its final status (REJECTED, DECOMMISSIONED, abandoned) went out; never looked at again. NONE: it was
-- filed without a callback URL.
--
-- callback_claimed_*: a lease, so that of several portal instances polling the same database only one
-- works on a request's callbacks at a time.
ALTER TABLE api_request ADD COLUMN decided_by VARCHAR(256);
ALTER TABLE api_request ADD COLUMN decided_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE api_request ADD COLUMN decision_reason VARCHAR(1000);
ALTER TABLE api_request ADD COLUMN callback_watch VARCHAR(8) DEFAULT 'ACTIVE' NOT NULL;
ALTER TABLE api_request ADD COLUMN callback_claimed_by VARCHAR(64);
ALTER TABLE api_request ADD COLUMN callback_claimed_until TIMESTAMP WITH TIME ZONE;

UPDATE api_request SET callback_watch = 'NONE' WHERE request_json NOT LIKE '%"callbackUrl"%';

CREATE INDEX api_request_callback_watch_idx ON api_request (callback_watch);
