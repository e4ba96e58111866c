-- The application role's grants, run by Flyway after every migration as the schema owner (spring.flyway.user), so
-- that a table a new version adds is usable at the first start, and the role never holds more than listed here:
-- everything is revoked first. Nothing happens where no role gmsa_portal_app exists (development, tests that
-- connect as the owner). The role is created once by db/postgresql-roles.sql. Add every new table here.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gmsa_portal_app') THEN
        RETURN;
    END IF;
    REVOKE ALL ON ALL TABLES IN SCHEMA public FROM gmsa_portal_app;
    REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM gmsa_portal_app;
    GRANT USAGE ON SCHEMA public TO gmsa_portal_app;

    -- The audit trail: appended and read, never changed (the triggers of V2 refuse it as well). The chain head is
    -- one row the portal moves forward with each event, under a row lock.
    GRANT SELECT, INSERT ON audit_event TO gmsa_portal_app;
    GRANT SELECT, UPDATE ON audit_chain_head TO gmsa_portal_app;

    -- People, API clients, the wizard's drafts.
    GRANT SELECT, INSERT, UPDATE ON local_user TO gmsa_portal_app;
    GRANT SELECT, INSERT, UPDATE ON api_client TO gmsa_portal_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON wizard_draft TO gmsa_portal_app;

    -- Requests, runs, steps and the gMSA name claim; callbacks are a log of attempts.
    GRANT SELECT, INSERT, UPDATE ON api_request TO gmsa_portal_app;
    GRANT SELECT, INSERT ON api_callback TO gmsa_portal_app;
    GRANT SELECT, INSERT, UPDATE ON provisioning_run TO gmsa_portal_app;
    GRANT SELECT, INSERT, UPDATE ON provisioning_step TO gmsa_portal_app;
    GRANT SELECT, INSERT, DELETE ON provisioning_claim TO gmsa_portal_app;

    -- What the instances share (V25): sessions, the sign-in throttle, a password waiting for its one showing
    -- (UPDATE only for the row lock of SELECT ... FOR UPDATE; the portal never updates it), the keys' fingerprints.
    GRANT SELECT, INSERT, UPDATE, DELETE ON spring_session TO gmsa_portal_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON spring_session_attributes TO gmsa_portal_app;
    GRANT SELECT, INSERT, DELETE ON login_failure TO gmsa_portal_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON login_lock TO gmsa_portal_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON portable_password TO gmsa_portal_app;
    GRANT SELECT, INSERT ON key_fingerprint TO gmsa_portal_app;

    -- Inventory snapshots (V24): written whole, read, pruned to the newest gmsa.inventory.keep (the children go by
    -- ON DELETE CASCADE); the schedule's claim is one row moved forward by a conditional UPDATE.
    GRANT SELECT, INSERT, DELETE ON inventory_snapshot TO gmsa_portal_app;
    GRANT SELECT, INSERT, DELETE ON inventory_listing TO gmsa_portal_app;
    GRANT SELECT, INSERT, DELETE ON inventory_gmsa TO gmsa_portal_app;
    GRANT SELECT, INSERT, DELETE ON inventory_credspec TO gmsa_portal_app;
    GRANT SELECT, INSERT, DELETE ON inventory_drift TO gmsa_portal_app;
    GRANT SELECT, INSERT, DELETE ON inventory_finding TO gmsa_portal_app;
    GRANT SELECT, UPDATE ON inventory_schedule TO gmsa_portal_app;
    -- V32: a snapshot kept before it gets its list columns once, on the first list asked of it; nothing else moves.
    GRANT UPDATE (connection, ou_key, retriever_count, finding_count, drift_count, worst_severity)
        ON inventory_gmsa TO gmsa_portal_app;
    GRANT UPDATE (gmsa_columns) ON inventory_snapshot TO gmsa_portal_app;
END
$$;
