-- The dashboards' "gMSAs provisioned by this portal" paged in SQL (issue 18): the keys that list, its order and its
-- "one row per gMSA and destination" read, so that a page view reads one page of runs instead of every succeeded
-- one. domain_key and name_key are the domain and gMSA name in lower case (Java's Locale.ROOT), destination_key the
-- credential spec's destination ("<cluster connection or null>\<namespace>\<resource>", lower case). New runs get
-- them when they are stored; a run stored before this version gets them the first time the list is read
-- (ProvisionedRuns.backfill), as its destination is inside request_json, which SQL does not parse on H2.
-- H2 compares strings as Java does, so ORDER BY these keys is the order the in-memory list had.
ALTER TABLE provisioning_run ADD COLUMN domain_key VARCHAR(253);
ALTER TABLE provisioning_run ADD COLUMN name_key VARCHAR(15);
ALTER TABLE provisioning_run ADD COLUMN destination_key VARCHAR(1024);
CREATE INDEX provisioning_run_provisioned ON provisioning_run (state, kind, domain_key, name_key, created_at DESC, id);
