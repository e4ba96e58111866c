-- The database itself refuses to change or remove audit events.
CREATE FUNCTION audit_event_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();

-- Row triggers do not see TRUNCATE; a statement trigger does.
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();

-- Production grants. The owner of these tables (and any superuser) can still drop the triggers, so
-- the application should connect as a separate role that owns nothing and may only append:
--
--   CREATE ROLE gmsa_portal_app LOGIN PASSWORD '...';
--   GRANT SELECT, INSERT ON audit_event TO gmsa_portal_app;
--   GRANT SELECT, UPDATE ON audit_chain_head TO gmsa_portal_app;
--   REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM gmsa_portal_app;
--
-- with Flyway run by the owner role (spring.flyway.user / spring.flyway.password).
