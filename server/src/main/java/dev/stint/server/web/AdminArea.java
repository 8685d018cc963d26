package dev.stint.server.web;

import dev.stint.server.portal.Administration;

/**
 * The sections of the administration pages: where each lives and what the navigation calls it. Who
 * may use one is decided by {@link Administration} (its {@link Administration.Area}), for the pages
 * and every other caller alike.
 */
enum AdminArea {
  USERS("users", "Users", Administration.Area.USERS),
  GROUPS("groups", "Groups", Administration.Area.GROUPS),
  ACCOUNTS("accounts", "Accounts", Administration.Area.ACCOUNTS),
  PERMISSION_SETS("permission-sets", "Permission sets", Administration.Area.PERMISSION_SETS),
  ASSIGNMENTS("assignments", "Assignments", Administration.Area.ASSIGNMENTS),
  SETTINGS("settings", "Settings", Administration.Area.SETTINGS),
  AUDIT("audit", "Audit log", Administration.Area.AUDIT_LOG);

  private final String key;
  private final String title;
  private final Administration.Area area;

  AdminArea(String key, String title, Administration.Area area) {
    this.key = key;
    this.title = title;
    this.area = area;
  }

  /** The page section of an area the administration decided on. */
  static AdminArea of(Administration.Area area) {
    for (AdminArea a : values()) {
      if (a.area == area) {
        return a;
      }
    }
    throw new IllegalArgumentException("no pages for " + area);
  }

  /** The path segment under {@code /admin/} and the navigation key. */
  String key() {
    return key;
  }

  String title() {
    return title;
  }

  /** The action a user's policies must allow (or {@value Administration#ALL_AREAS_ACTION}). */
  String action() {
    return area.action();
  }

  String path() {
    return "/admin/" + key;
  }

  /** The {@link Frame#section()} of pages in this area. */
  String section() {
    return "admin-" + key;
  }
}
