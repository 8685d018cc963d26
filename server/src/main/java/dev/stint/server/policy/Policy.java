package dev.stint.server.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed, validated and compiled IAM policy document: identity (inline or managed), trust,
 * session or resource policy. Parsing checks what IAM checks and fails with IAM's messages; the
 * result keeps the original text (for storage and {@code Get*Policy}) and the compiled statements
 * the {@link PolicyEvaluator} runs. Immutable and thread-safe.
 */
public final class Policy {

  /** The ARN of the built-in {@code AdministratorAccess} managed policy. */
  public static final String ADMINISTRATOR_ACCESS_ARN =
      "arn:aws:iam::aws:policy/AdministratorAccess";

  /** {@code AdministratorAccess}: allow every action on every resource. */
  public static final Policy ADMINISTRATOR_ACCESS =
      builtIn(
          """
          {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""");

  /**
   * Denies every action: stands in for a stored policy that no longer parses, so that a broken
   * document fails closed.
   */
  public static final Policy DENY_ALL =
      builtIn(
          """
          {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}""");

  /**
   * Where a document is used, which decides its grammar and its size quota. IAM does not count
   * white space towards the quotas of stored policies; a session policy is limited by the plain
   * length of the {@code Policy} parameter.
   */
  public enum Kind {
    USER_INLINE(2048, false),
    GROUP_INLINE(5120, false),
    ROLE_INLINE(10240, false),
    MANAGED(6144, false),
    TRUST(2048, false),
    SESSION(2048, true),
    RESOURCE(20480, false);

    private final int maxSize;
    private final boolean countsWhitespace;

    Kind(int maxSize, boolean countsWhitespace) {
      this.maxSize = maxSize;
      this.countsWhitespace = countsWhitespace;
    }

    public int maxSize() {
      return maxSize;
    }

    public boolean countsWhitespace() {
      return countsWhitespace;
    }

    /** Identity-style grammar: no Principal, Resource required. */
    boolean identity() {
      return this != TRUST && this != RESOURCE;
    }
  }

  private final Kind kind;
  private final String document;
  private final Optional<String> version;
  private final Optional<String> id;
  private final int size;
  private final List<Statement> statements;

  Policy(
      Kind kind,
      String document,
      Optional<String> version,
      Optional<String> id,
      int size,
      List<Statement> statements) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.document = Objects.requireNonNull(document, "document");
    this.version = Objects.requireNonNull(version, "version");
    this.id = Objects.requireNonNull(id, "id");
    this.size = size;
    this.statements = List.copyOf(statements);
  }

  /**
   * Parses and validates {@code document} as a policy of {@code kind}.
   *
   * @throws PolicyException.TooLarge when over the kind's quota (checked before parsing)
   * @throws PolicyException.Malformed with IAM's message when IAM would refuse it
   */
  public static Policy parse(String document, Kind kind) throws PolicyException {
    return PolicyParser.parse(document, kind);
  }

  private static Policy builtIn(String json) {
    try {
      return parse(json, Kind.MANAGED);
    } catch (PolicyException e) {
      throw new AssertionError("built-in policy does not parse", e);
    }
  }

  public Kind kind() {
    return kind;
  }

  /** The document exactly as given. */
  public String document() {
    return document;
  }

  /** {@code 2012-10-17}, {@code 2008-10-17}, or empty when the document has no Version. */
  public Optional<String> version() {
    return version;
  }

  public Optional<String> id() {
    return id;
  }

  /** The size as the kind's quota measures it. */
  public int size() {
    return size;
  }

  List<Statement> statements() {
    return statements;
  }

  @Override
  public String toString() {
    return "Policy[" + kind + ", " + statements.size() + " statements, " + size + " chars]";
  }
}
