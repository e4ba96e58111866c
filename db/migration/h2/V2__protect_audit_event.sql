-- The database itself refuses to change or remove audit events.
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
    FOR EACH ROW CALL 'org.gmsaportal.audit.internal.AppendOnlyTrigger';
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
    FOR EACH ROW CALL 'org.gmsaportal.audit.internal.AppendOnlyTrigger';
