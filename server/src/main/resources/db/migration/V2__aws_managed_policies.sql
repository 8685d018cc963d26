-- AWS managed policies that stint provides: attachable like any managed policy, never editable.
INSERT INTO managed_policies (arn, account_id, name, name_lower, path, document, created_ms)
VALUES (
  'arn:aws:iam::aws:policy/AdministratorAccess',
  'aws',
  'AdministratorAccess',
  'administratoraccess',
  '/',
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
  1423247986000
);
