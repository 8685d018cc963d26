package dev.stint.server.web;

import java.util.Objects;

/**
 * A page that says one thing: a heading, a paragraph and maybe a link onwards. Immutable.
 *
 * @param link where to go next, or {@code null}
 */
record MessagePage(String title, String text, String link) {
  MessagePage {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(text, "text");
  }
}
