package dev.stint.server.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a statement's {@code Condition} block: {@code { operator: { key: value | [value...] } }}
 * where a value is a string, number or boolean. Operators are case-sensitive; an unknown operator
 * is a syntax error unless its block is empty (IAM ignores it then). Typed values are checked in
 * IAM's legacy-parsing pass. Stateless and thread-safe.
 */
final class ConditionParser {
  private static final String FOR_ANY = "ForAnyValue:";
  private static final String FOR_ALL = "ForAllValues:";
  private static final String IF_EXISTS = "IfExists";

  private ConditionParser() {}

  /** An operator name taken apart; null operator when the name is unknown. */
  private record Name(Condition.Qualifier qualifier, Operator op, boolean ifExists) {}

  // grammar: name := ["ForAnyValue:" | "ForAllValues:"] operator ["IfExists"]
  private static Name name(String text) {
    Condition.Qualifier qualifier = Condition.Qualifier.NONE;
    String rest = text;
    if (rest.startsWith(FOR_ANY)) {
      qualifier = Condition.Qualifier.FOR_ANY_VALUE;
      rest = rest.substring(FOR_ANY.length());
    } else if (rest.startsWith(FOR_ALL)) {
      qualifier = Condition.Qualifier.FOR_ALL_VALUES;
      rest = rest.substring(FOR_ALL.length());
    }
    boolean ifExists = rest.endsWith(IF_EXISTS);
    if (ifExists) {
      rest = rest.substring(0, rest.length() - IF_EXISTS.length());
    }
    Operator op = Operator.named(rest);
    if (op == Operator.NULL && ifExists) {
      op = null;
    }
    return new Name(qualifier, op, ifExists);
  }

  static void checkSyntax(JsonNode condition) throws PolicyException {
    if (!condition.isObject()) {
      throw PolicyParser.malformed(PolicyParser.SYNTAX);
    }
    for (Map.Entry<String, JsonNode> block : condition.properties()) {
      JsonNode keys = block.getValue();
      if (!keys.isObject()) {
        throw PolicyParser.malformed(PolicyParser.SYNTAX);
      }
      for (Map.Entry<String, JsonNode> entry : keys.properties()) {
        JsonNode value = entry.getValue();
        if (value.isArray()) {
          for (JsonNode item : value) {
            if (!isScalar(item)) {
              throw PolicyParser.malformed(PolicyParser.SYNTAX);
            }
          }
        } else if (!isScalar(value)) {
          throw PolicyParser.malformed(PolicyParser.SYNTAX);
        }
      }
      if (name(block.getKey()).op() == null && !keys.isEmpty()) {
        throw PolicyParser.malformed(PolicyParser.SYNTAX);
      }
    }
  }

  private static boolean isScalar(JsonNode node) {
    return node.isTextual() || node.isNumber() || node.isBoolean();
  }

  /** Compiles a block that passed {@link #checkSyntax}; bad typed values fail legacy parsing. */
  static List<Condition> parse(JsonNode condition, boolean variables) throws PolicyException {
    if (condition == null) {
      return List.of();
    }
    List<Condition> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> block : condition.properties()) {
      Name name = name(block.getKey());
      if (name.op() == null) {
        continue;
      }
      for (Map.Entry<String, JsonNode> entry : block.getValue().properties()) {
        List<Condition.Operand> operands = new ArrayList<>();
        JsonNode value = entry.getValue();
        if (value.isArray()) {
          for (JsonNode item : value) {
            operands.add(operand(name.op(), item.asText(), variables));
          }
        } else {
          operands.add(operand(name.op(), value.asText(), variables));
        }
        out.add(
            new Condition(
                name.op(),
                name.qualifier(),
                name.ifExists(),
                entry.getKey().toLowerCase(Locale.ROOT),
                operands));
      }
    }
    return out;
  }

  private static Condition.Operand operand(Operator op, String text, boolean variables)
      throws PolicyException {
    return switch (op.type) {
      case STRING ->
          new Condition.Pattern(
              Template.of(text, variables, op.cmp == Operator.Cmp.LIKE, op.ignoreCase()));
      case ARN -> new Condition.Pattern(Template.of(text, variables, true, false));
      case NUMERIC -> {
        BigDecimal n = Values.number(text);
        if (n == null) {
          throw PolicyParser.malformed(PolicyParser.LEGACY);
        }
        yield new Condition.Num(n);
      }
      case DATE -> {
        Instant t = Values.date(text);
        if (t == null) {
          throw PolicyParser.malformed(PolicyParser.LEGACY);
        }
        yield new Condition.Time(t);
      }
      case IP -> {
        Values.Cidr cidr = Values.Cidr.parse(text);
        if (cidr == null) {
          throw PolicyParser.malformed(PolicyParser.LEGACY);
        }
        yield new Condition.Block(cidr);
      }
      case BOOL, BINARY, NULL -> new Condition.Text(text);
    };
  }
}
