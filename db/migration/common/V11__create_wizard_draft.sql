-- The provisioning wizard's half-filled forms, one draft per user, so they survive a sign-out.
-- JSON of the form state only: the wizard offers no input that could hold a secret.
CREATE TABLE wizard_draft (
    username    VARCHAR(256)    NOT NULL PRIMARY KEY,
    state_json  VARCHAR(100000) NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
