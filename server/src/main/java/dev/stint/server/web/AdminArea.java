package dev.stint.server.web;

/**
 * The sections of the administration pages, each guarded by one IAM-style action that the signed-in
 * user's policies must allow (AdministratorAccess allows them all). The actions are the AWS API
 * actions that do the same job in AWS, so an administrator may hand out part of the administration
 * with ordinary policies.
 */
enum AdminArea {
  USERS("users", "Users", "iam:CreateUser"),
  GROUPS("groups", "Groups", "identitystore:CreateGroup"),
  ACCOUNTS("accounts", "Accounts", "organizations:CreateAccount"),
  PERMISSION_SETS("permission-sets", "Permission sets", "sso:CreatePermissionSet"),
  ASSIGNMENTS("assignments", "Assignments", "sso:CreateAccountAssignment"),
  SETTINGS("settings", "Settings", "sso:UpdateInstance"),
  AUDIT("audit", "Audit log", "cloudtrail:LookupEvents");

  private final String key;
  private final String title;
  private final String action;

  AdminArea(String key, String title, String action) {
    this.key = key;
    this.title = title;
    this.action = action;
  }

  /** The path segment under {@code /admin/} and the navigation key. */
  String key() {
    return key;
  }

  String title() {
    return title;
  }

  /** The action a user's policies must allow. */
  String action() {
    return action;
  }

  String path() {
    return "/admin/" + key;
  }

  /** The {@link Frame#section()} of pages in this area. */
  String section() {
    return "admin-" + key;
  }
}
