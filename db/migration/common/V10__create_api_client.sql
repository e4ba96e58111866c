-- API clients of ticketing systems. The bearer token is stored only as its SHA-256 (hex); the webhook
-- signing secret only AES-GCM encrypted with a key kept outside the database (gmsa.api.secret-key).
CREATE TABLE api_client (
    id                 VARCHAR(36)   NOT NULL PRIMARY KEY,
    name               VARCHAR(64)   NOT NULL,
    token_hash         CHAR(64)      NOT NULL,
    scopes             VARCHAR(256)  NOT NULL,
    callback_hosts     VARCHAR(4096) NOT NULL,
    signing_secret_enc VARCHAR(512)  NOT NULL,
    auto_approve       BOOLEAN       DEFAULT FALSE NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by         VARCHAR(256)  NOT NULL,
    expires_at         TIMESTAMP WITH TIME ZONE,
    revoked_at         TIMESTAMP WITH TIME ZONE,
    revoked_by         VARCHAR(256),
    last_used_at       TIMESTAMP WITH TIME ZONE,
    CONSTRAINT api_client_name_unique UNIQUE (name),
    CONSTRAINT api_client_token_hash_unique UNIQUE (token_hash)
);
