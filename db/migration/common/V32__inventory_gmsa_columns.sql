-- The inventory's gMSA list filtered, sorted and paged in SQL (issue 15): the columns its filters and sort keys read,
-- written with each row, so a page view reads one page of a snapshot instead of all of it. Snapshots kept before
-- this version get them the first time a list of theirs is asked for (gmsa_columns says which have them).
-- connection: the directory connection; ou_key: the container, lower case; worst_severity: the most urgent
-- finding's rank (0 HIGH, 1 MEDIUM, 2 LOW), NULL without findings.
ALTER TABLE inventory_gmsa ADD COLUMN connection VARCHAR(128);
ALTER TABLE inventory_gmsa ADD COLUMN ou_key VARCHAR(2048);
ALTER TABLE inventory_gmsa ADD COLUMN retriever_count INT;
ALTER TABLE inventory_gmsa ADD COLUMN finding_count INT;
ALTER TABLE inventory_gmsa ADD COLUMN drift_count INT;
ALTER TABLE inventory_gmsa ADD COLUMN worst_severity INT;
ALTER TABLE inventory_snapshot ADD COLUMN gmsa_columns BOOLEAN DEFAULT FALSE NOT NULL;
