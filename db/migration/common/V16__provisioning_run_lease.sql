-- Several portal instances share these tables. A run is executed by one instance (owner), in numbered attempts
-- (attempt: 1 at start, +1 on every resume), and the owner renews heartbeat_at while it executes. Every state
-- change of a run or its steps is made only WHERE owner and attempt still match, so an instance that lost the
-- run (its heartbeat went stale and another instance marked it interrupted, or it was resumed) cannot overwrite
-- the newer attempt. Runs written before this migration have no owner and count as stale.
ALTER TABLE provisioning_run ADD COLUMN owner VARCHAR(128);
ALTER TABLE provisioning_run ADD COLUMN attempt INT DEFAULT 0 NOT NULL;
ALTER TABLE provisioning_run ADD COLUMN heartbeat_at TIMESTAMP WITH TIME ZONE;

-- The one-time token of the approval that started the run (the wizard's review form): a second start with the
-- same token fails on this index, on any database and any instance, and is answered with the first run.
ALTER TABLE provisioning_run ADD COLUMN request_key VARCHAR(64);
CREATE UNIQUE INDEX provisioning_run_request_key ON provisioning_run (request_key);

CREATE INDEX provisioning_run_heartbeat ON provisioning_run (state, heartbeat_at);

-- The directory object a create step was about to write (its DN), recorded before the write with the DC's clock
-- at that moment, so that a resumed attempt recognises an object the cut-off attempt created (the portal's
-- marker, whenCreated not before the intent) and the run still owns it, for decommission.
ALTER TABLE provisioning_step ADD COLUMN intended_dn VARCHAR(1024);
ALTER TABLE provisioning_step ADD COLUMN intended_at TIMESTAMP WITH TIME ZONE;
