package dev.stint.server.query;

import static dev.stint.server.query.ApiException.rejected;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks request parameters against model shapes and gathers every violation into one {@code
 * ValidationError} with AWS's message form: {@code 2 validation errors detected: Value 'x' at
 * 'roleSessionName' failed to satisfy constraint: Member must ...; Value ...}. One instance per
 * request; not thread-safe.
 */
public final class Validator {
  private final QueryParams params;
  private final List<String> errors = new ArrayList<>();

  public Validator(QueryParams params) {
    this.params = params;
  }

  /** A required string parameter; null when absent or invalid (then {@link #check} throws). */
  public String required(String name, Shape shape) {
    Optional<String> value = params.get(name);
    if (value.isEmpty()) {
      errors.add(
          "Value null at '"
              + member(name)
              + "' failed to satisfy constraint: Member must not be null");
      return null;
    }
    return valid(member(name), value.get(), shape) ? value.get() : null;
  }

  /** An optional string parameter. */
  public Optional<String> optional(String name, Shape shape) {
    return params.get(name).filter(v -> valid(member(name), v, shape));
  }

  /** An optional integer parameter within {@code min..max}. */
  public Optional<Integer> integer(String name, int min, int max) {
    Optional<String> raw = params.get(name);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    int value;
    try {
      value = Integer.parseInt(raw.get().trim());
    } catch (NumberFormatException e) {
      errors.add(
          "Value '"
              + raw.get()
              + "' at '"
              + member(name)
              + "' failed to satisfy constraint: Member must be a number");
      return Optional.empty();
    }
    if (value < min) {
      errors.add(
          prefix(member(name), raw.get())
              + "Member must have value greater than or equal to "
              + min);
      return Optional.empty();
    }
    if (value > max) {
      errors.add(
          prefix(member(name), raw.get()) + "Member must have value less than or equal to " + max);
      return Optional.empty();
    }
    return Optional.of(value);
  }

  /**
   * A list of key/value structures such as {@code Tags.member.N.Key} / {@code .Value}: each field
   * must be present and fit its shape. Returns the valid pairs in order; a list longer than {@code
   * max} is one violation and no pairs.
   */
  public List<Map.Entry<String, String>> pairs(
      String wireName,
      String keyField,
      String valueField,
      int max,
      Shape keyShape,
      Shape valueShape) {
    String listMember = member(wireName);
    var structs = params.structs(wireName);
    if (structs.size() > max) {
      violation(
          listMember, structs.toString(), "Member must have length less than or equal to " + max);
      return List.of();
    }
    var out = new ArrayList<Map.Entry<String, String>>();
    for (int i = 0; i < structs.size(); i++) {
      Map<String, String> s = structs.get(i);
      String at = listMember + "." + (i + 1) + ".member.";
      boolean ok = field(at + member(keyField), s.get(keyField), keyShape);
      ok &= field(at + member(valueField), s.get(valueField), valueShape);
      if (ok) {
        out.add(Map.entry(s.get(keyField), s.get(valueField)));
      }
    }
    return out;
  }

  private boolean field(String memberPath, String value, Shape shape) {
    if (value == null) {
      violation(memberPath, "null", "Member must not be null");
      return false;
    }
    return valid(memberPath, value, shape);
  }

  /** Checks one value with a member path of the caller's making (list members and the like). */
  public boolean check(String memberPath, String value, Shape shape) {
    return valid(memberPath, value, shape);
  }

  /** Adds a violation worded by the caller, e.g. a list longer than its maximum. */
  public void violation(String memberPath, String shownValue, String constraint) {
    errors.add(prefix(memberPath, shownValue) + constraint);
  }

  /** Throws one {@code ValidationError} listing every violation, if there is any. */
  public void check() {
    if (errors.isEmpty()) {
      return;
    }
    String count =
        errors.size() == 1
            ? "1 validation error detected: "
            : errors.size() + " validation errors detected: ";
    throw rejected(ErrorCode.VALIDATION_ERROR, count + String.join("; ", errors));
  }

  /** {@code RoleSessionName} becomes {@code roleSessionName}, as AWS names members. */
  public static String member(String wireName) {
    return wireName.isEmpty()
        ? wireName
        : wireName.substring(0, 1).toLowerCase(Locale.ROOT) + wireName.substring(1);
  }

  private boolean valid(String member, String value, Shape shape) {
    int length = value.codePointCount(0, value.length());
    if (length < shape.min()) {
      errors.add(
          prefix(member, value)
              + "Member must have length greater than or equal to "
              + shape.min());
      return false;
    }
    if (length > shape.max()) {
      errors.add(
          prefix(member, value) + "Member must have length less than or equal to " + shape.max());
      return false;
    }
    if (!shape.matches(value)) {
      errors.add(
          prefix(member, value)
              + "Member must satisfy regular expression pattern: "
              + shape.pattern());
      return false;
    }
    return true;
  }

  private static String prefix(String member, String value) {
    return "Value '" + value + "' at '" + member + "' failed to satisfy constraint: ";
  }
}
