-- The PostgreSQL roles and database of the portal, created once by a superuser:
--
--   psql -v owner_password="$OWNER_PASSWORD" -v app_password="$APP_PASSWORD" -f db/postgresql-roles.sql
--
-- gmsa_portal_owner owns the schema: Flyway migrates as it (SPRING_FLYWAY_USER / SPRING_FLYWAY_PASSWORD) and then
-- grants gmsa_portal_app what the portal needs (db/migration/postgresql/afterMigrate__grant_application_role.sql).
-- The portal itself connects as gmsa_portal_app (SPRING_DATASOURCE_USERNAME / SPRING_DATASOURCE_PASSWORD), which
-- owns nothing: it cannot drop the audit triggers, alter a table or change an audit event.
CREATE ROLE gmsa_portal_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE gmsa_portal_app LOGIN PASSWORD :'app_password';
CREATE DATABASE gmsa_portal OWNER gmsa_portal_owner;
REVOKE ALL ON DATABASE gmsa_portal FROM PUBLIC;
GRANT CONNECT ON DATABASE gmsa_portal TO gmsa_portal_owner, gmsa_portal_app;
\connect gmsa_portal
-- Only the owner creates objects; nobody else may (PUBLIC's CREATE on public is gone from PostgreSQL 15 on).
ALTER SCHEMA public OWNER TO gmsa_portal_owner;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
