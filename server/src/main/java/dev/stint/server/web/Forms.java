package dev.stint.server.web;

import io.javalin.http.Context;

/** Reading form fields the same way everywhere: absent is empty, text is stripped. Stateless. */
final class Forms {
  private Forms() {}

  /** The field's text, stripped; empty when absent. */
  static String text(Context ctx, String name) {
    String value = ctx.formParam(name);
    return value == null ? "" : value.strip();
  }

  /** The field's text, stripped; {@code null} when absent or blank. */
  static String optional(Context ctx, String name) {
    String value = text(ctx, name);
    return value.isEmpty() ? null : value;
  }

  /** Whether a checkbox was ticked. */
  static boolean checked(Context ctx, String name) {
    String value = ctx.formParam(name);
    return value != null && !value.isEmpty() && !value.equals("false");
  }

  /** A secret field as characters, for the caller to clear; never stripped. */
  static char[] chars(Context ctx, String name) {
    String value = ctx.formParam(name);
    return value == null ? new char[0] : value.toCharArray();
  }
}
