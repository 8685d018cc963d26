-- The access portal, Identity Center's portal and OIDC APIs, and Organizations' member accounts.
-- Same portability rules as V1. Bearer secrets (portal session ids, OIDC client secrets, device
-- codes, authorization codes, access and refresh tokens) are stored only as SHA-256 hashes: a
-- copy of the database hands nobody a usable session.

-- Small named values: the portal session length, the organization id.
CREATE TABLE settings (
  name TEXT NOT NULL PRIMARY KEY,
  value TEXT NOT NULL
);

-- Per-user portal state: disabled, MFA required, and the lockout counters of sign-in.
CREATE TABLE portal_users (
  user_id TEXT NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  disabled INTEGER NOT NULL CHECK (disabled IN (0, 1)),
  mfa_required INTEGER NOT NULL CHECK (mfa_required IN (0, 1)),
  failed_sign_ins INTEGER NOT NULL,
  locked_until_ms BIGINT
);

CREATE TABLE portal_groups (
  id TEXT NOT NULL PRIMARY KEY,
  name TEXT NOT NULL,
  name_lower TEXT NOT NULL,
  description TEXT,
  created_ms BIGINT NOT NULL,
  CONSTRAINT portal_groups_name_unique UNIQUE (name_lower)
);

CREATE TABLE group_members (
  group_id TEXT NOT NULL REFERENCES portal_groups (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_members_user ON group_members (user_id);

CREATE TABLE permission_sets (
  id TEXT NOT NULL PRIMARY KEY,
  name TEXT NOT NULL,
  name_lower TEXT NOT NULL,
  description TEXT,
  session_seconds INTEGER NOT NULL CHECK (session_seconds BETWEEN 3600 AND 43200),
  inline_policy TEXT,
  created_ms BIGINT NOT NULL,
  CONSTRAINT permission_sets_name_unique UNIQUE (name_lower)
);

CREATE TABLE permission_set_policies (
  permission_set_id TEXT NOT NULL REFERENCES permission_sets (id) ON DELETE CASCADE,
  policy_arn TEXT NOT NULL,
  PRIMARY KEY (permission_set_id, policy_arn)
);

-- principal_id is a user id or a group id; it has no foreign key since it may be either.
CREATE TABLE assignments (
  principal_type TEXT NOT NULL CHECK (principal_type IN ('USER', 'GROUP')),
  principal_id TEXT NOT NULL,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  permission_set_id TEXT NOT NULL REFERENCES permission_sets (id),
  created_ms BIGINT NOT NULL,
  PRIMARY KEY (principal_type, principal_id, account_id, permission_set_id)
);
CREATE INDEX assignments_principal ON assignments (principal_id);
CREATE INDEX assignments_target ON assignments (account_id, permission_set_id);
CREATE INDEX assignments_permission_set ON assignments (permission_set_id);

-- The role that stands for a permission set in an account, while it is assigned there.
CREATE TABLE provisioned_roles (
  account_id TEXT NOT NULL REFERENCES accounts (id),
  permission_set_id TEXT NOT NULL REFERENCES permission_sets (id),
  role_id TEXT NOT NULL REFERENCES roles (id),
  PRIMARY KEY (account_id, permission_set_id),
  CONSTRAINT provisioned_roles_role_unique UNIQUE (role_id)
);
CREATE INDEX provisioned_roles_permission_set ON provisioned_roles (permission_set_id);

-- A browser's session; stage 'mfa' or 'enrol' is a sign-in waiting for its second step.
CREATE TABLE portal_sessions (
  id_hash TEXT NOT NULL PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  stage TEXT NOT NULL CHECK (stage IN ('mfa', 'enrol', 'active')),
  created_ms BIGINT NOT NULL,
  expires_ms BIGINT NOT NULL,
  signed_out_ms BIGINT,
  mfa_ms BIGINT
);
CREATE INDEX portal_sessions_user ON portal_sessions (user_id);
CREATE INDEX portal_sessions_expires ON portal_sessions (expires_ms);

CREATE TABLE oidc_clients (
  id TEXT NOT NULL PRIMARY KEY,
  secret_hash TEXT NOT NULL,
  name TEXT NOT NULL,
  client_type TEXT NOT NULL,
  scopes TEXT NOT NULL,
  grant_types TEXT NOT NULL,
  redirect_uris TEXT NOT NULL,
  issuer_url TEXT,
  created_ms BIGINT NOT NULL,
  expires_ms BIGINT NOT NULL
);
CREATE INDEX oidc_clients_expires ON oidc_clients (expires_ms);

CREATE TABLE device_authorizations (
  device_code_hash TEXT NOT NULL PRIMARY KEY,
  user_code TEXT NOT NULL,
  client_id TEXT NOT NULL REFERENCES oidc_clients (id) ON DELETE CASCADE,
  start_url TEXT NOT NULL,
  created_ms BIGINT NOT NULL,
  expires_ms BIGINT NOT NULL,
  interval_seconds INTEGER NOT NULL,
  last_poll_ms BIGINT,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'redeemed')),
  user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
  session_hash TEXT,
  CONSTRAINT device_authorizations_user_code_unique UNIQUE (user_code)
);
CREATE INDEX device_authorizations_expires ON device_authorizations (expires_ms);

CREATE TABLE authorization_codes (
  code_hash TEXT NOT NULL PRIMARY KEY,
  client_id TEXT NOT NULL REFERENCES oidc_clients (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  session_hash TEXT,
  redirect_uri TEXT NOT NULL,
  code_challenge TEXT NOT NULL,
  scopes TEXT NOT NULL,
  created_ms BIGINT NOT NULL,
  expires_ms BIGINT NOT NULL,
  used_ms BIGINT
);
CREATE INDEX authorization_codes_expires ON authorization_codes (expires_ms);

-- Access and refresh tokens; a grant is one device or PKCE approval and every token refreshed
-- from it, so that one Logout or sign-out ends all of them.
CREATE TABLE oidc_tokens (
  token_hash TEXT NOT NULL PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
  grant_id TEXT NOT NULL,
  client_id TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  session_hash TEXT,
  scopes TEXT NOT NULL,
  created_ms BIGINT NOT NULL,
  expires_ms BIGINT NOT NULL,
  revoked_ms BIGINT
);
CREATE INDEX oidc_tokens_grant ON oidc_tokens (grant_id);
CREATE INDEX oidc_tokens_session ON oidc_tokens (session_hash);
CREATE INDEX oidc_tokens_expires ON oidc_tokens (expires_ms);

-- Organizations' CreateAccount requests and how they ended.
CREATE TABLE create_account_requests (
  id TEXT NOT NULL PRIMARY KEY,
  account_name TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('IN_PROGRESS', 'SUCCEEDED', 'FAILED')),
  requested_ms BIGINT NOT NULL,
  completed_ms BIGINT,
  account_id TEXT,
  failure_reason TEXT
);
