package dev.stint.server.sts;

import static dev.stint.server.query.ApiException.rejected;

import dev.stint.core.token.SessionClaims;
import dev.stint.server.auth.Caller;
import dev.stint.server.policy.Policy;
import dev.stint.server.policy.PolicyException;
import dev.stint.server.query.ErrorCode;
import dev.stint.server.query.QueryCall;
import dev.stint.server.query.Validator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters that AssumeRole, GetSessionToken and GetFederationToken share, validated with
 * AWS's messages: session policy, policy ARNs, tags, MFA. One per request; not thread-safe.
 */
final class SessionRequest {
  private SessionRequest() {}

  /** Session tags ({@code Tags.member.N.Key/Value}), validated; duplicates refused. */
  static List<SessionClaims.Tag> tags(QueryCall call, Validator v) {
    var out = new ArrayList<SessionClaims.Tag>();
    var seen = new HashSet<String>();
    for (var tag :
        v.pairs(
            "Tags", "Key", "Value", StsShapes.MAX_TAGS, StsShapes.TAG_KEY, StsShapes.TAG_VALUE)) {
      if (!seen.add(tag.getKey().toLowerCase(Locale.ROOT))) {
        throw rejected(
            ErrorCode.INVALID_PARAMETER_VALUE,
            "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
      }
      out.add(new SessionClaims.Tag(tag.getKey(), tag.getValue()));
    }
    return out;
  }

  /** {@code TransitiveTagKeys.member.N}; each must name a tag of this request. */
  static List<String> transitiveKeys(QueryCall call, Validator v) {
    List<String> keys = call.params().list("TransitiveTagKeys");
    if (keys.size() > StsShapes.MAX_TAGS) {
      v.violation(
          "transitiveTagKeys",
          keys.toString(),
          "Member must have length less than or equal to " + StsShapes.MAX_TAGS);
      return List.of();
    }
    for (int i = 0; i < keys.size(); i++) {
      v.check("transitiveTagKeys." + (i + 1) + ".member", keys.get(i), StsShapes.TAG_KEY);
    }
    return keys;
  }

  /** {@code PolicyArns.member.N.arn}. */
  static List<String> policyArns(QueryCall call, Validator v) {
    var structs = call.params().structs("PolicyArns");
    if (structs.size() > StsShapes.MAX_POLICY_ARNS) {
      v.violation(
          "policyArns",
          structs.toString(),
          "Member must have length less than or equal to " + StsShapes.MAX_POLICY_ARNS);
      return List.of();
    }
    var out = new ArrayList<String>();
    for (int i = 0; i < structs.size(); i++) {
      String arn = structs.get(i).get("arn");
      if (arn != null && v.check("policyArns." + (i + 1) + ".member.arn", arn, StsShapes.ARN)) {
        out.add(arn);
      }
    }
    return out;
  }

  /** The inline session policy, parsed; {@code MalformedPolicyDocument} when IAM would refuse. */
  static Optional<String> sessionPolicy(Optional<String> text) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      Policy.parse(text.get(), Policy.Kind.SESSION);
      return text;
    } catch (PolicyException.TooLarge e) {
      throw rejected(ErrorCode.PACKED_POLICY_TOO_LARGE, e.getMessage());
    } catch (PolicyException e) {
      throw rejected(ErrorCode.MALFORMED_POLICY_DOCUMENT, e.getMessage());
    }
  }

  /** Checks the MFA code if one was sent; returns when MFA was proven, if it was. */
  static Optional<Instant> mfa(
      QueryCall call,
      Caller caller,
      MfaCheck check,
      Optional<String> serial,
      Optional<String> code) {
    if (serial.isEmpty() && code.isEmpty()) {
      return Optional.empty();
    }
    if (serial.isEmpty() || code.isEmpty()) {
      throw rejected(
          ErrorCode.ACCESS_DENIED,
          "MultiFactorAuthentication failed, must provide both MFA serial number and one time pass"
              + " code.");
    }
    if (!check.verify(caller, serial.get(), code.get(), call.now())) {
      throw rejected(
          ErrorCode.ACCESS_DENIED,
          "MultiFactorAuthentication failed with invalid MFA one time pass code. ");
    }
    return Optional.of(call.now());
  }

  /** The request keys {@code aws:RequestTag/K} and {@code aws:TagKeys} of the session's tags. */
  static Map<String, List<String>> tagKeys(List<SessionClaims.Tag> tags) {
    var keys = new java.util.LinkedHashMap<String, List<String>>();
    if (tags.isEmpty()) {
      return keys;
    }
    for (SessionClaims.Tag t : tags) {
      keys.put("aws:RequestTag/" + t.key(), List.of(t.value()));
    }
    keys.put("aws:TagKeys", tags.stream().map(SessionClaims.Tag::key).toList());
    return keys;
  }

  /** Tags that carry over from a chained session: its transitive ones. */
  static List<SessionClaims.Tag> inherited(Caller caller) {
    if (caller.session().isEmpty()) {
      return List.of();
    }
    SessionClaims s = caller.session().get();
    Set<String> transitive = new HashSet<>();
    s.transitiveTagKeys().forEach(k -> transitive.add(k.toLowerCase(Locale.ROOT)));
    return s.tags().stream()
        .filter(t -> transitive.contains(t.key().toLowerCase(Locale.ROOT)))
        .toList();
  }
}
