-- stint's schema, one file for SQLite and PostgreSQL alike.
--
-- Portability rules: only TEXT, INTEGER and BIGINT column types; times are epoch milliseconds in
-- BIGINT; booleans are INTEGER 0/1; every id comes from the application (no SERIAL, no
-- AUTOINCREMENT). Binary columns use the Flyway placeholder ${binary}, which Database sets to
-- BLOB on SQLite and BYTEA on PostgreSQL, so ciphertext is stored as raw bytes on both without a
-- second set of files. No column ever holds a usable secret: secret access keys, MFA seeds and
-- token keys are ciphertext produced by the application.
--
-- IAM names are unique per account regardless of case, so each named table keeps a lower-cased
-- copy of the name for the unique constraint and for ordering pages.

CREATE TABLE accounts (
  id TEXT NOT NULL PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  email_lower TEXT NOT NULL,
  management INTEGER NOT NULL CHECK (management IN (0, 1)),
  created_ms BIGINT NOT NULL,
  CONSTRAINT accounts_email_unique UNIQUE (email_lower)
);

CREATE TABLE users (
  id TEXT NOT NULL PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  name TEXT NOT NULL,
  name_lower TEXT NOT NULL,
  path TEXT NOT NULL,
  arn TEXT NOT NULL,
  created_ms BIGINT NOT NULL,
  CONSTRAINT users_name_unique UNIQUE (account_id, name_lower),
  CONSTRAINT users_arn_unique UNIQUE (arn)
);

CREATE TABLE user_tags (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  tag_key TEXT NOT NULL,
  tag_value TEXT NOT NULL,
  PRIMARY KEY (user_id, tag_key)
);

CREATE TABLE access_keys (
  id TEXT NOT NULL PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  status TEXT NOT NULL CHECK (status IN ('Active', 'Inactive')),
  secret_ciphertext ${binary} NOT NULL,
  created_ms BIGINT NOT NULL,
  last_used_ms BIGINT,
  last_used_service TEXT,
  last_used_region TEXT
);
CREATE INDEX access_keys_user ON access_keys (user_id);

CREATE TABLE login_profiles (
  user_id TEXT NOT NULL PRIMARY KEY REFERENCES users (id),
  password_hash TEXT NOT NULL,
  password_reset_required INTEGER NOT NULL CHECK (password_reset_required IN (0, 1)),
  created_ms BIGINT NOT NULL
);

-- A virtual MFA device exists (with its seed) before it is enabled for a user.
CREATE TABLE mfa_devices (
  serial_number TEXT NOT NULL PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  user_id TEXT REFERENCES users (id),
  seed_ciphertext ${binary} NOT NULL,
  created_ms BIGINT NOT NULL,
  enabled_ms BIGINT
);
CREATE INDEX mfa_devices_user ON mfa_devices (user_id);

CREATE TABLE roles (
  id TEXT NOT NULL PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  name TEXT NOT NULL,
  name_lower TEXT NOT NULL,
  path TEXT NOT NULL,
  arn TEXT NOT NULL,
  trust_policy TEXT NOT NULL,
  description TEXT,
  max_session_seconds INTEGER NOT NULL,
  created_ms BIGINT NOT NULL,
  CONSTRAINT roles_name_unique UNIQUE (account_id, name_lower),
  CONSTRAINT roles_arn_unique UNIQUE (arn)
);

CREATE TABLE role_tags (
  role_id TEXT NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
  tag_key TEXT NOT NULL,
  tag_value TEXT NOT NULL,
  PRIMARY KEY (role_id, tag_key)
);

CREATE TABLE user_policies (
  user_id TEXT NOT NULL REFERENCES users (id),
  name TEXT NOT NULL,
  document TEXT NOT NULL,
  PRIMARY KEY (user_id, name)
);

CREATE TABLE role_policies (
  role_id TEXT NOT NULL REFERENCES roles (id),
  name TEXT NOT NULL,
  document TEXT NOT NULL,
  PRIMARY KEY (role_id, name)
);

-- account_id has no foreign key: AWS-managed policies live under the pseudo-account 'aws'.
CREATE TABLE managed_policies (
  arn TEXT NOT NULL PRIMARY KEY,
  account_id TEXT NOT NULL,
  name TEXT NOT NULL,
  name_lower TEXT NOT NULL,
  path TEXT NOT NULL,
  document TEXT NOT NULL,
  created_ms BIGINT NOT NULL,
  CONSTRAINT managed_policies_name_unique UNIQUE (account_id, name_lower)
);

CREATE TABLE policy_attachments (
  principal_type TEXT NOT NULL CHECK (principal_type IN ('user', 'role')),
  principal_arn TEXT NOT NULL,
  policy_arn TEXT NOT NULL REFERENCES managed_policies (arn),
  PRIMARY KEY (principal_arn, policy_arn)
);
CREATE INDEX policy_attachments_policy ON policy_attachments (policy_arn);

CREATE TABLE audit_events (
  id TEXT NOT NULL PRIMARY KEY,
  event_ms BIGINT NOT NULL,
  request_id TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  source_ip TEXT,
  session_id TEXT,
  expiry_ms BIGINT,
  outcome TEXT NOT NULL,
  details TEXT
);
CREATE INDEX audit_events_time ON audit_events (event_ms);
CREATE INDEX audit_events_actor_time ON audit_events (actor, event_ms);
CREATE INDEX audit_events_action_time ON audit_events (action, event_ms);

CREATE TABLE token_keys (
  key_id TEXT NOT NULL PRIMARY KEY,
  wrapped_key ${binary} NOT NULL,
  created_ms BIGINT NOT NULL,
  retire_after_ms BIGINT
);

-- Either one session, or every session of a principal issued before a time.
CREATE TABLE revocations (
  id TEXT NOT NULL PRIMARY KEY,
  session_id TEXT,
  principal_arn TEXT,
  issued_before_ms BIGINT,
  created_ms BIGINT NOT NULL,
  CHECK ((session_id IS NOT NULL AND principal_arn IS NULL AND issued_before_ms IS NULL)
      OR (session_id IS NULL AND principal_arn IS NOT NULL AND issued_before_ms IS NOT NULL))
);
CREATE INDEX revocations_created ON revocations (created_ms);
