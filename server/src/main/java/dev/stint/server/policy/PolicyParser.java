package dev.stint.server.policy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a policy document in the order IAM checks it, so the first failure carries the message IAM
 * would give: JSON and element syntax, the version rule for managed policies, legacy parsing
 * (Effect case, dates and typed condition values, resource shape), Sid uniqueness, the rules of the
 * document's kind (principal, actions, resources), then resource ARN and action formats. Stateless
 * and thread-safe.
 */
final class PolicyParser {
  static final String SYNTAX = "Syntax errors in policy.";
  static final String LEGACY = "The policy failed legacy parsing";
  static final String VERSION = "Policy document must be version 2012-10-17 or greater.";
  static final String SID_UNIQUE = "Statement IDs (SID) in a single policy must be unique.";
  static final String NEEDS_ACTIONS = "Policy statement must contain actions.";
  static final String NEEDS_RESOURCES = "Policy statement must contain resources.";
  static final String NO_PRINCIPAL = "Policy document should not specify a principal.";
  static final String MISSING_EFFECT = "Missing required field Effect";
  static final String MISSING_PRINCIPAL = "Missing required field Principal";
  static final String MISSING_ACTION = "Missing required field Action";
  static final String TRUST_RESOURCE = "Has prohibited field Resource";
  static final String TRUST_NOT_RESOURCE = "AssumeRole policy must not contain resources.";
  static final String TRUST_NOT_PRINCIPAL =
      "AssumeRole policy must not contain NotPrincipal field.";
  static final String TRUST_ACTIONS = "AssumeRole policy may only specify STS AssumeRole actions.";
  static final String NO_VENDOR =
      "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";
  static final String ONE_COLON = "Actions/Condition can contain only one colon.";

  static final String V2012 = "2012-10-17";
  static final String V2008 = "2008-10-17";

  /** Far above every quota: bounds the work done on white-space-padded input. */
  static final int MAX_DOCUMENT = 131_072;

  private static final Set<String> TOP = Set.of("Version", "Id", "Statement");
  private static final Set<String> ELEMENTS =
      Set.of(
          "Sid",
          "Effect",
          "Action",
          "NotAction",
          "Resource",
          "NotResource",
          "Principal",
          "NotPrincipal",
          "Condition");
  private static final Set<String> TRUST_ACTION_NAMES =
      Set.of(
          "sts:assumerole",
          "sts:assumerolewithsaml",
          "sts:assumerolewithwebidentity",
          "sts:tagsession",
          "sts:setsourceidentity",
          "sts:setcontext");

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private PolicyParser() {}

  /** A statement after the syntax pass: element values read, nothing judged yet. */
  private record Raw(
      String sid,
      String effect,
      List<String> actions,
      boolean notAction,
      List<String> resources,
      boolean notResource,
      boolean hasResourceElement,
      JsonNode principal,
      boolean notPrincipal,
      JsonNode condition) {}

  // grammar: policy := { ["Version": v,] ["Id": s,] "Statement": statement | [statement+] }
  static Policy parse(String document, Policy.Kind kind) throws PolicyException {
    if (document.length() > MAX_DOCUMENT) {
      throw new PolicyException.TooLarge(kind, kind.maxSize(), document.length());
    }
    int size = kind.countsWhitespace() ? document.length() : nonWhitespace(document);
    if (size > kind.maxSize()) {
      throw new PolicyException.TooLarge(kind, kind.maxSize(), size);
    }
    JsonNode root;
    try {
      root = JSON.readTree(document);
    } catch (JacksonException e) {
      throw malformed(SYNTAX);
    }
    if (root == null || !root.isObject()) {
      throw malformed(SYNTAX);
    }
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      if (!TOP.contains(field.getKey())) {
        throw malformed(SYNTAX);
      }
    }
    Optional<String> version = optionalText(root, "Version");
    if (version.isPresent() && !version.get().equals(V2012) && !version.get().equals(V2008)) {
      throw malformed(SYNTAX);
    }
    Optional<String> id = optionalText(root, "Id");
    JsonNode statementNode = root.get("Statement");
    List<JsonNode> nodes = new ArrayList<>();
    if (statementNode != null && statementNode.isObject()) {
      nodes.add(statementNode);
    } else if (statementNode != null && statementNode.isArray() && !statementNode.isEmpty()) {
      statementNode.forEach(nodes::add);
    } else {
      throw malformed(SYNTAX);
    }
    boolean trustLike = !kind.identity();
    List<Raw> raws = new ArrayList<>();
    for (JsonNode node : nodes) {
      raws.add(readStatement(node, kind, trustLike));
    }
    if (kind == Policy.Kind.MANAGED && !version.equals(Optional.of(V2012))) {
      throw malformed(VERSION);
    }
    boolean variables = version.equals(Optional.of(V2012));
    List<List<Condition>> conditions = new ArrayList<>();
    for (Raw raw : raws) {
      if (!trustLike && !raw.effect().equals("Allow") && !raw.effect().equals("Deny")) {
        throw malformed(LEGACY);
      }
      conditions.add(ConditionParser.parse(raw.condition(), variables));
      for (String r : raw.resources()) {
        if (r.indexOf(':') >= 0 && !r.equals("*")) {
          String[] parts = r.split(":", -1);
          boolean shortArn = r.contains("::") && parts.length < 6;
          if (shortArn || parts.length < 3 || parts[2].isEmpty()) {
            throw malformed(LEGACY);
          }
        }
      }
    }
    Set<String> sids = new HashSet<>();
    for (Raw raw : raws) {
      if (raw.sid() != null && !raw.sid().isEmpty() && !sids.add(raw.sid())) {
        throw malformed(SID_UNIQUE);
      }
    }
    for (Raw raw : raws) {
      checkKindRules(raw, kind);
    }
    for (Raw raw : raws) {
      for (String r : raw.resources()) {
        if (!r.equals("*") && r.indexOf(':') < 0) {
          throw malformed("Resource " + r + " must be in ARN format or \"*\".");
        }
      }
    }
    for (Raw raw : raws) {
      for (String a : raw.actions()) {
        checkActionFormat(a);
      }
    }
    List<Statement> statements = new ArrayList<>();
    for (int i = 0; i < raws.size(); i++) {
      Raw raw = raws.get(i);
      PrincipalSpec principal =
          raw.principal() == null ? null : PrincipalParser.parse(raw.principal());
      statements.add(
          new Statement(
              raw.sid(),
              raw.effect().equals("Allow"),
              raw.actions().stream().map(a -> Glob.of(a, true, true)).toList(),
              raw.notAction(),
              raw.resources().stream().map(r -> Template.of(r, variables, true, false)).toList(),
              raw.notResource(),
              principal,
              raw.notPrincipal(),
              conditions.get(i)));
    }
    return new Policy(kind, document, version, id, size, statements);
  }

  // grammar: statement := { ["Sid"], "Effect", ("Action"|"NotAction"), ("Resource"|"NotResource"),
  //                         ["Principal"|"NotPrincipal"], ["Condition"] }
  private static Raw readStatement(JsonNode node, Policy.Kind kind, boolean trustLike)
      throws PolicyException {
    if (!node.isObject()) {
      throw malformed(SYNTAX);
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!ELEMENTS.contains(field.getKey())) {
        throw malformed(SYNTAX);
      }
    }
    for (String pair : List.of("Action", "Resource", "Principal")) {
      if (node.has(pair) && node.has("Not" + pair)) {
        throw malformed(SYNTAX);
      }
    }
    JsonNode effectNode = node.get("Effect");
    if (effectNode == null) {
      throw malformed(trustLike ? MISSING_EFFECT : SYNTAX);
    }
    if (!effectNode.isTextual()) {
      throw malformed(SYNTAX);
    }
    String effect = effectNode.textValue();
    boolean knownEffect =
        trustLike
            ? effect.equals("Allow") || effect.equals("Deny")
            : effect.equalsIgnoreCase("Allow") || effect.equalsIgnoreCase("Deny");
    if (!knownEffect) {
      throw malformed(trustLike ? "Invalid effect: " + effect : SYNTAX);
    }
    String sid = null;
    if (node.has("Sid")) {
      if (!node.get("Sid").isTextual()) {
        throw malformed(SYNTAX);
      }
      sid = node.get("Sid").textValue();
    }
    boolean notAction = node.has("NotAction");
    List<String> actions = stringList(node.get(notAction ? "NotAction" : "Action"));
    boolean notResource = node.has("NotResource");
    List<String> resources = stringList(node.get(notResource ? "NotResource" : "Resource"));
    JsonNode condition = node.get("Condition");
    if (condition != null) {
      ConditionParser.checkSyntax(condition);
    }
    boolean notPrincipal = node.has("NotPrincipal");
    JsonNode principal = node.get(notPrincipal ? "NotPrincipal" : "Principal");
    if (principal != null) {
      if (kind.identity()) {
        throw malformed(NO_PRINCIPAL);
      }
      PrincipalParser.checkSyntax(principal);
    }
    return new Raw(
        sid,
        effect,
        actions,
        notAction,
        resources,
        notResource,
        node.has("Resource") || node.has("NotResource"),
        principal,
        notPrincipal,
        condition);
  }

  private static void checkKindRules(Raw raw, Policy.Kind kind) throws PolicyException {
    boolean hasActions = !raw.actions().isEmpty();
    switch (kind) {
      case TRUST -> {
        if (raw.principal() == null) {
          throw malformed(MISSING_PRINCIPAL);
        }
        if (raw.notPrincipal()) {
          throw malformed(TRUST_NOT_PRINCIPAL);
        }
        if (!hasActions) {
          throw malformed(MISSING_ACTION);
        }
        for (String a : raw.actions()) {
          if (!TRUST_ACTION_NAMES.contains(a.toLowerCase(Locale.ROOT))) {
            throw malformed(TRUST_ACTIONS);
          }
        }
        if (raw.hasResourceElement()) {
          throw malformed(raw.notResource() ? TRUST_NOT_RESOURCE : TRUST_RESOURCE);
        }
      }
      case RESOURCE -> {
        if (raw.principal() == null) {
          throw malformed(MISSING_PRINCIPAL);
        }
        requireActionsAndResources(raw, hasActions);
      }
      default -> requireActionsAndResources(raw, hasActions);
    }
  }

  private static void requireActionsAndResources(Raw raw, boolean hasActions)
      throws PolicyException {
    if (!hasActions) {
      throw malformed(NEEDS_ACTIONS);
    }
    if (raw.resources().isEmpty()) {
      throw malformed(NEEDS_RESOURCES);
    }
  }

  // grammar: action := "*" | vendor ":" pattern, vendor := [A-Za-z0-9.-]+ | "*"
  private static void checkActionFormat(String action) throws PolicyException {
    int colon = action.indexOf(':');
    if (colon < 0) {
      if (!action.equals("*")) {
        throw malformed(NO_VENDOR);
      }
      return;
    }
    if (action.indexOf(':', colon + 1) >= 0) {
      throw malformed(ONE_COLON);
    }
    String vendor = action.substring(0, colon);
    if (vendor.equals("*")) {
      return;
    }
    for (int i = 0; i < vendor.length(); i++) {
      char c = vendor.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.';
      if (!ok) {
        throw malformed("Vendor " + vendor + " is not valid");
      }
    }
  }

  /** A string or an array of strings; absent is empty; anything else is a syntax error. */
  static List<String> stringList(JsonNode node) throws PolicyException {
    if (node == null) {
      return List.of();
    }
    if (node.isTextual()) {
      return List.of(node.textValue());
    }
    if (!node.isArray()) {
      throw malformed(SYNTAX);
    }
    List<String> out = new ArrayList<>(node.size());
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        throw malformed(SYNTAX);
      }
      out.add(item.textValue());
    }
    return out;
  }

  private static Optional<String> optionalText(JsonNode root, String field) throws PolicyException {
    JsonNode node = root.get(field);
    if (node == null) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw malformed(SYNTAX);
    }
    return Optional.of(node.textValue());
  }

  static int nonWhitespace(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isWhitespace(s.charAt(i))) {
        n++;
      }
    }
    return n;
  }

  static PolicyException.Malformed malformed(String message) {
    return new PolicyException.Malformed(message);
  }
}
