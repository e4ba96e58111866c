-- What several portal instances on one database must share: sessions, the sign-in throttle, a generated password
-- waiting for its one showing, and the fingerprints of the keys each instance was given.

-- Spring Session JDBC's own schema (schema-h2.sql of spring-session-jdbc 4.1), owned by Flyway rather than
-- spring.session.jdbc.initialize-schema. Attribute values are AES-GCM encrypted under gmsa.keys.data-key
-- (SessionStorage), so a one-time token kept for its showing is not readable in the database.
CREATE TABLE SPRING_SESSION (
	PRIMARY_ID CHAR(36) NOT NULL,
	SESSION_ID CHAR(36) NOT NULL,
	CREATION_TIME BIGINT NOT NULL,
	LAST_ACCESS_TIME BIGINT NOT NULL,
	MAX_INACTIVE_INTERVAL INT NOT NULL,
	EXPIRY_TIME BIGINT NOT NULL,
	PRINCIPAL_NAME VARCHAR(100),
	CONSTRAINT SPRING_SESSION_PK PRIMARY KEY (PRIMARY_ID)
);

CREATE UNIQUE INDEX SPRING_SESSION_IX1 ON SPRING_SESSION (SESSION_ID);
CREATE INDEX SPRING_SESSION_IX2 ON SPRING_SESSION (EXPIRY_TIME);
CREATE INDEX SPRING_SESSION_IX3 ON SPRING_SESSION (PRINCIPAL_NAME);

CREATE TABLE SPRING_SESSION_ATTRIBUTES (
	SESSION_PRIMARY_ID CHAR(36) NOT NULL,
	ATTRIBUTE_NAME VARCHAR(200) NOT NULL,
	ATTRIBUTE_BYTES LONGVARBINARY NOT NULL,
	CONSTRAINT SPRING_SESSION_ATTRIBUTES_PK PRIMARY KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME),
	CONSTRAINT SPRING_SESSION_ATTRIBUTES_FK FOREIGN KEY (SESSION_PRIMARY_ID) REFERENCES SPRING_SESSION(PRIMARY_ID) ON DELETE CASCADE
);

-- Sign-in failures within the throttle's window, per key (user:<name> or address:<ip>), and the keys locked out.
CREATE TABLE login_failure (
    throttle_key VARCHAR(300) NOT NULL,
    failed_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX login_failure_key ON login_failure (throttle_key, failed_at);
CREATE INDEX login_failure_time ON login_failure (failed_at);

CREATE TABLE login_lock (
    throttle_key VARCHAR(300) NOT NULL PRIMARY KEY,
    locked_until TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A portable user's generated password waiting for its one showing: AES-GCM under gmsa.keys.data-key, bound to
-- the run id; the row is deleted when it is shown, when it expires, or when the run is abandoned.
CREATE TABLE portable_password (
    run_id     VARCHAR(36) NOT NULL PRIMARY KEY,
    sealed     VARBINARY(512) NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX portable_password_expiry ON portable_password (expires_at);

-- SHA-256 fingerprints (never the keys) of gmsa.audit.checkpoint-key, gmsa.api.secret-key and gmsa.keys.data-key:
-- an instance given another key refuses to start. Replacing a key means deleting its row as the schema owner.
CREATE TABLE key_fingerprint (
    setting     VARCHAR(100) NOT NULL PRIMARY KEY,
    fingerprint CHAR(64)     NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
);
