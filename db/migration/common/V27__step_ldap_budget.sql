-- What each step of a run cost (issue 18): the LDAP operations it sent (reads, writes, new sessions), the time it
-- waited for the DC and the step's own time, written with the step's outcome and shown in the run report, so that
-- an admin sees a run's traffic follow its writes. NULL for steps of runs before this version and unfinished steps.
ALTER TABLE provisioning_step ADD COLUMN ldap_reads INTEGER;
ALTER TABLE provisioning_step ADD COLUMN ldap_writes INTEGER;
ALTER TABLE provisioning_step ADD COLUMN ldap_binds INTEGER;
ALTER TABLE provisioning_step ADD COLUMN ldap_ms INTEGER;
ALTER TABLE provisioning_step ADD COLUMN step_ms INTEGER;
