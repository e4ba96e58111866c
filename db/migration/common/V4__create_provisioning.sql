-- Provisioning runs: one row per run, one row per step. No secret is ever stored here:
-- portable-user passwords live in memory only (org.gmsaportal.provisioning.PasswordVault).
CREATE TABLE provisioning_run (
    id            VARCHAR(36)   NOT NULL PRIMARY KEY,
    kind          VARCHAR(16)   NOT NULL,
    state         VARCHAR(16)   NOT NULL,
    domain        VARCHAR(253)  NOT NULL,
    gmsa_name     VARCHAR(15)   NOT NULL,
    request_json  VARCHAR(100000) NOT NULL,
    plan_hash     CHAR(64)      NOT NULL,
    approved_by   VARCHAR(256)  NOT NULL,
    approved_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    approval_reason VARCHAR(1000),
    ticket_ref    VARCHAR(128),
    decommissions VARCHAR(36),
    failure       VARCHAR(2000),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX provisioning_run_state ON provisioning_run (state);
CREATE INDEX provisioning_run_name ON provisioning_run (domain, gmsa_name);

CREATE TABLE provisioning_step (
    run_id      VARCHAR(36)   NOT NULL REFERENCES provisioning_run (id),
    idx         INT           NOT NULL,
    kind        VARCHAR(32)   NOT NULL,
    target      VARCHAR(1024) NOT NULL,
    intent      VARCHAR(32)   NOT NULL,
    description VARCHAR(4000) NOT NULL,
    input       VARCHAR(100000),
    state       VARCHAR(16)   NOT NULL,
    result      VARCHAR(32),
    detail      VARCHAR(4000),
    artifact    VARCHAR(100000),
    attempts    INT           NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE,
    finished_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (run_id, idx)
);

-- At most one active run per gMSA name and domain, across every portal instance: the primary key is the lock.
-- A row exists while a run may still change the name's objects; it is deleted when the run succeeds, when its
-- decommission succeeds, or when the run is abandoned. Names are stored lower case (AD compares them so).
-- No foreign key: the claim is inserted first in the run's transaction, so a competing run fails before writing.
CREATE TABLE provisioning_claim (
    domain     VARCHAR(253) NOT NULL,
    gmsa_name  VARCHAR(15)  NOT NULL,
    run_id     VARCHAR(36)  NOT NULL,
    claimed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (domain, gmsa_name)
);
