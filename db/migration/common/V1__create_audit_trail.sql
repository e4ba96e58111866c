-- The audit trail: one append-only table of hash-chained events, plus the signed chain head.
-- hash = SHA-256(prev_hash || canonical event), see org.gmsaportal.audit.internal.ChainHasher.
CREATE TABLE audit_event (
    seq            BIGINT        NOT NULL PRIMARY KEY,
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    actor          VARCHAR(256)  NOT NULL,
    actor_kind     VARCHAR(16)   NOT NULL,
    actor_roles    VARCHAR(512)  NOT NULL,
    source_address VARCHAR(64),
    action         VARCHAR(128)  NOT NULL,
    target         VARCHAR(1024) NOT NULL,
    outcome        VARCHAR(16)   NOT NULL,
    details        VARCHAR(16000) NOT NULL,
    correlation_id VARCHAR(128),
    ticket_ref     VARCHAR(128),
    prev_hash      CHAR(64)      NOT NULL,
    hash           CHAR(64)      NOT NULL
);

CREATE INDEX audit_event_occurred_at ON audit_event (occurred_at);
CREATE INDEX audit_event_action ON audit_event (action);
CREATE INDEX audit_event_correlation ON audit_event (correlation_id);

-- One row: the newest event's seq and hash, with an HMAC keyed by a secret outside the database.
-- Deleting the newest events leaves this row pointing past the end of the table: detected.
CREATE TABLE audit_chain_head (
    id   INT      NOT NULL PRIMARY KEY CHECK (id = 1),
    seq  BIGINT   NOT NULL,
    hash CHAR(64) NOT NULL,
    mac  VARCHAR(64) NOT NULL
);

-- Genesis: no event yet. The portal signs the head with its first event.
INSERT INTO audit_chain_head (id, seq, hash, mac)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', '');
