package dev.stint.server.policy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The condition keys of one evaluation: the request's keys (already lower-cased) plus {@code
 * aws:CurrentTime} and {@code aws:EpochTime} from the evaluator's clock when the request does not
 * carry them. Created per evaluation; immutable.
 */
final class EvalContext {
  private final Map<String, List<String>> keys;
  private final Instant now;

  EvalContext(Map<String, List<String>> keys, Instant now) {
    this.keys = keys;
    this.now = now;
  }

  /** Every value of {@code lowerKey}, or null when the request does not have the key. */
  List<String> values(String lowerKey) {
    List<String> v = keys.get(lowerKey);
    if (v != null) {
      return v;
    }
    return switch (lowerKey) {
      case "aws:currenttime" -> List.of(now.toString());
      case "aws:epochtime" -> List.of(Long.toString(now.getEpochSecond()));
      default -> null;
    };
  }

  /**
   * The value of a single-valued key for a policy variable; null when the key is absent, empty, or
   * multi-valued (IAM does not substitute multivalued keys).
   */
  String single(String lowerKey) {
    List<String> v = values(lowerKey);
    return v != null && v.size() == 1 ? v.get(0) : null;
  }
}
