package dev.stint.server.policy;

import java.util.HashMap;
import java.util.Map;

/**
 * The IAM condition operators, without their {@code ForAnyValue:}/{@code ForAllValues:} prefix and
 * {@code IfExists} suffix. A negated operator is stored with the comparison it negates, because IAM
 * applies the negation across all values (NOR), not per value. Immutable.
 */
enum Operator {
  STRING_EQUALS("StringEquals", Type.STRING, Cmp.EQ, false),
  STRING_NOT_EQUALS("StringNotEquals", Type.STRING, Cmp.EQ, true),
  STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", Type.STRING, Cmp.EQ, false),
  STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", Type.STRING, Cmp.EQ, true),
  STRING_LIKE("StringLike", Type.STRING, Cmp.LIKE, false),
  STRING_NOT_LIKE("StringNotLike", Type.STRING, Cmp.LIKE, true),
  NUMERIC_EQUALS("NumericEquals", Type.NUMERIC, Cmp.EQ, false),
  NUMERIC_NOT_EQUALS("NumericNotEquals", Type.NUMERIC, Cmp.EQ, true),
  NUMERIC_LESS_THAN("NumericLessThan", Type.NUMERIC, Cmp.LT, false),
  NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Type.NUMERIC, Cmp.LE, false),
  NUMERIC_GREATER_THAN("NumericGreaterThan", Type.NUMERIC, Cmp.GT, false),
  NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Type.NUMERIC, Cmp.GE, false),
  DATE_EQUALS("DateEquals", Type.DATE, Cmp.EQ, false),
  DATE_NOT_EQUALS("DateNotEquals", Type.DATE, Cmp.EQ, true),
  DATE_LESS_THAN("DateLessThan", Type.DATE, Cmp.LT, false),
  DATE_LESS_THAN_EQUALS("DateLessThanEquals", Type.DATE, Cmp.LE, false),
  DATE_GREATER_THAN("DateGreaterThan", Type.DATE, Cmp.GT, false),
  DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", Type.DATE, Cmp.GE, false),
  BOOL("Bool", Type.BOOL, Cmp.EQ, false),
  BINARY_EQUALS("BinaryEquals", Type.BINARY, Cmp.EQ, false),
  IP_ADDRESS("IpAddress", Type.IP, Cmp.EQ, false),
  NOT_IP_ADDRESS("NotIpAddress", Type.IP, Cmp.EQ, true),
  ARN_EQUALS("ArnEquals", Type.ARN, Cmp.LIKE, false),
  ARN_LIKE("ArnLike", Type.ARN, Cmp.LIKE, false),
  ARN_NOT_EQUALS("ArnNotEquals", Type.ARN, Cmp.LIKE, true),
  ARN_NOT_LIKE("ArnNotLike", Type.ARN, Cmp.LIKE, true),
  NULL("Null", Type.NULL, Cmp.EQ, false);

  enum Type {
    STRING,
    NUMERIC,
    DATE,
    BOOL,
    BINARY,
    IP,
    ARN,
    NULL
  }

  enum Cmp {
    EQ,
    LIKE,
    LT,
    LE,
    GT,
    GE;

    boolean test(int compareResult) {
      return switch (this) {
        case EQ, LIKE -> compareResult == 0;
        case LT -> compareResult < 0;
        case LE -> compareResult <= 0;
        case GT -> compareResult > 0;
        case GE -> compareResult >= 0;
      };
    }
  }

  private static final Map<String, Operator> BY_NAME = new HashMap<>();

  static {
    for (Operator op : values()) {
      BY_NAME.put(op.wireName, op);
    }
  }

  final String wireName;
  final Type type;
  final Cmp cmp;
  final boolean negated;

  Operator(String wireName, Type type, Cmp cmp, boolean negated) {
    this.wireName = wireName;
    this.type = type;
    this.cmp = cmp;
    this.negated = negated;
  }

  boolean ignoreCase() {
    return this == STRING_EQUALS_IGNORE_CASE || this == STRING_NOT_EQUALS_IGNORE_CASE;
  }

  /** The operator named exactly {@code name} (IAM operator names are case-sensitive), or null. */
  static Operator named(String name) {
    return BY_NAME.get(name);
  }
}
