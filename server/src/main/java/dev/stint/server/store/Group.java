package dev.stint.server.store;

import java.time.Instant;

/**
 * A portal group: users who share account assignments. Names are unique regardless of case.
 * Immutable and thread-safe.
 *
 * @param description free text for administrators, or {@code null}
 */
public record Group(String id, String name, String description, Instant created) {

  public Group {
    Checks.matching(id, Checks.PORTAL_ID, "group id");
    Checks.text(name, "group name", 128);
    Checks.optionalText(description, "group description", Checks.MAX_TEXT);
    created = Checks.millis(created, "created");
  }
}
