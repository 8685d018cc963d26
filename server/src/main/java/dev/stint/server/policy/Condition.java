package dev.stint.server.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One operator/key pair of a statement's {@code Condition} block with its precompiled values, and
 * IAM's rules for evaluating it: values of one key are ORed (NOR for negated operators), a missing
 * key fails a plain operator but satisfies a negated one, {@code IfExists} passes when the key is
 * missing, {@code ForAnyValue:} needs one request value to match and fails on a missing key, and
 * {@code ForAllValues:} needs every request value to match and passes on a missing or empty key.
 * Immutable and thread-safe.
 */
record Condition(
    Operator op, Qualifier qualifier, boolean ifExists, String key, List<Operand> values) {

  enum Qualifier {
    NONE,
    FOR_ANY_VALUE,
    FOR_ALL_VALUES
  }

  /** A condition's outcome; UNRESOLVED means a policy variable had no value. */
  enum Result {
    TRUE,
    FALSE,
    UNRESOLVED
  }

  /** A policy-side value, typed by its operator. */
  sealed interface Operand {}

  record Pattern(Template template) implements Operand {}

  record Num(BigDecimal value) implements Operand {}

  record Time(Instant value) implements Operand {}

  record Text(String value) implements Operand {}

  record Block(Values.Cidr cidr) implements Operand {}

  Condition {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(qualifier, "qualifier");
    key = key.toLowerCase(Locale.ROOT);
    values = List.copyOf(values);
  }

  Result evaluate(EvalContext context) {
    List<String> request = context.values(key);
    boolean absent = request == null || request.isEmpty();
    if (op == Operator.NULL) {
      for (Operand v : values) {
        if (v instanceof Text t && Boolean.parseBoolean(t.value()) == absent) {
          return Result.TRUE;
        }
      }
      return Result.FALSE;
    }
    if (absent) {
      if (ifExists) {
        return Result.TRUE;
      }
      return switch (qualifier) {
        case FOR_ALL_VALUES -> Result.TRUE;
        case FOR_ANY_VALUE -> Result.FALSE;
        case NONE -> op.negated ? Result.TRUE : Result.FALSE;
      };
    }
    List<Object> resolved = new ArrayList<>(values.size());
    for (Operand v : values) {
      if (v instanceof Pattern p) {
        var glob = p.template().resolve(context);
        if (glob.isEmpty()) {
          return Result.UNRESOLVED;
        }
        resolved.add(glob.get());
      } else {
        resolved.add(v);
      }
    }
    boolean result =
        switch (qualifier) {
          case NONE -> {
            boolean any = false;
            for (String r : request) {
              any |= matchesAny(r, resolved);
            }
            yield op.negated != any;
          }
          case FOR_ANY_VALUE -> {
            boolean any = false;
            for (String r : request) {
              any |= matchesAny(r, resolved) != op.negated;
            }
            yield any;
          }
          case FOR_ALL_VALUES -> {
            boolean all = true;
            for (String r : request) {
              all &= matchesAny(r, resolved) != op.negated;
            }
            yield all;
          }
        };
    return result ? Result.TRUE : Result.FALSE;
  }

  /** Whether one request value meets the (un-negated) comparison against any policy value. */
  private boolean matchesAny(String request, List<Object> resolved) {
    switch (op.type) {
      case STRING -> {
        for (Object v : resolved) {
          if (((Glob) v).matches(request)) {
            return true;
          }
        }
      }
      case ARN -> {
        for (Object v : resolved) {
          if (((Glob) v).matchesArn(request)) {
            return true;
          }
        }
      }
      case NUMERIC -> {
        BigDecimal r = Values.number(request);
        for (Object v : resolved) {
          if (r != null && op.cmp.test(r.compareTo(((Num) v).value()))) {
            return true;
          }
        }
      }
      case DATE -> {
        Instant r = Values.date(request);
        for (Object v : resolved) {
          if (r != null && op.cmp.test(r.compareTo(((Time) v).value()))) {
            return true;
          }
        }
      }
      case BOOL -> {
        for (Object v : resolved) {
          if (request.equalsIgnoreCase(((Text) v).value())) {
            return true;
          }
        }
      }
      case BINARY -> {
        for (Object v : resolved) {
          if (request.equals(((Text) v).value())) {
            return true;
          }
        }
      }
      case IP -> {
        byte[] r = Values.address(request);
        for (Object v : resolved) {
          if (r != null && ((Block) v).cidr().contains(r)) {
            return true;
          }
        }
      }
      case NULL -> throw new IllegalStateException("Null is evaluated before values");
    }
    return false;
  }
}
