package dev.stint.core.token;

import dev.stint.core.ids.IdShapes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a session token says about its session: everything a node needs to verify a request signed
 * with the session's keys and to evaluate its permissions, with no database read. Immutable and
 * thread-safe.
 *
 * <p>The limits below are AWS's where AWS documents one (botocore's STS model: session name, source
 * identity, tag key and value, 50 tags, 10 policy ARNs, a 2,048-character session policy) and
 * stint's own for ARNs (768 characters, room for the longest role or user ARN), so that every valid
 * claims object fits in a token once it passes {@link SessionTokenCodec#packedPolicySize}. Instants
 * are kept to the second, as AWS reports them: the constructor truncates them.
 *
 * <p>{@link #toString()} prints every field but the secret access key.
 *
 * @param secretAccessKey the session's secret key, as {@link dev.stint.core.ids.Ids} makes it
 * @param principalType which STS action made the session
 * @param accountId the account the principal belongs to
 * @param principalArn the session's ARN, as GetCallerIdentity returns it: {@code
 *     arn:aws:sts::ACCT:assumed-role/ROLE/SESSION}, {@code arn:aws:sts::ACCT:federated-user/NAME},
 *     or the user's ARN for GetSessionToken
 * @param entityArn the role or user the session acts for ({@code arn:aws:iam::ACCT:role/PATH/NAME}
 *     or {@code arn:aws:iam::ACCT:user/PATH/NAME})
 * @param entityId that role's {@code AROA...} or that user's {@code AIDA...} id
 * @param sessionName the role session name, or the federated user's name; {@code null} exactly for
 *     {@link PrincipalType#USER_SESSION}
 * @param sourceIdentity the source identity set on the session or inherited along a chain, or
 *     {@code null}
 * @param issuedAt when the session was issued ({@code aws:TokenIssueTime})
 * @param expiresAt when its credentials stop working; after {@code issuedAt}
 * @param mfaAuthenticated whether the session was issued on a valid MFA code ({@code
 *     aws:MultiFactorAuthPresent})
 * @param mfaAuthenticatedAt when that code was checked, not after {@code issuedAt}; {@code null}
 *     exactly when {@code mfaAuthenticated} is false
 * @param tags the session tags ({@code aws:PrincipalTag/*}), at most 50, keys unique ignoring case
 * @param transitiveTagKeys the keys of tags that pass on to chained sessions; each names one of
 *     {@code tags}, ignoring case
 * @param sessionPolicy the inline session policy as JSON text, or {@code null}
 * @param policyArns the managed session policy ARNs, at most 10
 * @param chainDepth 0 for a session made from long-term credentials or by the portal, and one more
 *     than its parent's for a session made from a session (role chaining)
 * @param sessionId the session's id, for revocation and audit
 */
public record SessionClaims(
    String secretAccessKey,
    PrincipalType principalType,
    String accountId,
    String principalArn,
    String entityArn,
    String entityId,
    String sessionName,
    String sourceIdentity,
    Instant issuedAt,
    Instant expiresAt,
    boolean mfaAuthenticated,
    Instant mfaAuthenticatedAt,
    List<Tag> tags,
    List<String> transitiveTagKeys,
    String sessionPolicy,
    List<String> policyArns,
    int chainDepth,
    String sessionId) {

  /** Longest principal or entity ARN: a 512-character path and a 64-character name fit. */
  public static final int MAX_ARN_LENGTH = 768;

  public static final int MAX_TAGS = 50;
  public static final int MAX_POLICY_ARNS = 10;
  public static final int MAX_SESSION_POLICY_LENGTH = 2048;

  // Claims are validated on every decode, so character classes are tested by hand, not by regex;
  // SessionClaimsTest holds them to botocore's patterns.
  private static final String NAME_PUNCTUATION = "_+=,.@-";
  private static final String TAG_PUNCTUATION = " _.:/=+-@";

  /** Which STS action made a session; portal credentials are {@link #ASSUMED_ROLE}. */
  public enum PrincipalType {
    /** AssumeRole and its web-identity and SAML forms, and the access portal. */
    ASSUMED_ROLE(1),
    /** GetFederationToken. */
    FEDERATED_USER(2),
    /** GetSessionToken: the user's own identity, usually with MFA. */
    USER_SESSION(3);

    // The wire code, so reordering the constants never changes what old tokens mean.
    final int code;

    PrincipalType(int code) {
      this.code = code;
    }

    static PrincipalType ofCode(int code) {
      for (PrincipalType type : values()) {
        if (type.code == code) {
          return type;
        }
      }
      throw new IllegalArgumentException("unknown principal type code " + code);
    }
  }

  /**
   * A session tag. Key: 1 to 128 characters, value: 0 to 256, both of letters, separators, digits
   * and {@code _.:/=+-@} (botocore's {@code tagKeyType} and {@code tagValueType}).
   */
  public record Tag(String key, String value) {
    public Tag {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      int keyLength = key.codePointCount(0, key.length());
      if (keyLength < 1 || keyLength > 128 || !isTagText(key)) {
        throw new IllegalArgumentException(
            "tag key '" + key + "' must be 1 to 128 letters, digits, spaces or _.:/=+-@");
      }
      int valueLength = value.codePointCount(0, value.length());
      if (valueLength > 256 || !isTagText(value)) {
        throw new IllegalArgumentException(
            "tag value '"
                + value
                + "' of key '"
                + key
                + "' must be 0 to 256 letters, digits, spaces or _.:/=+-@");
      }
    }
  }

  public SessionClaims {
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    Objects.requireNonNull(principalType, "principalType");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (!IdShapes.isSecretAccessKey(secretAccessKey)) {
      // Never echo the value: it may be a real secret in the wrong shape.
      throw new IllegalArgumentException("secretAccessKey must be 40 characters of [A-Za-z0-9/+]");
    }
    if (!IdShapes.isAccountId(accountId)) {
      throw new IllegalArgumentException(
          "accountId '" + accountId + "' must be 12 digits not starting with 0");
    }
    checkArn("principalArn", principalArn, MAX_ARN_LENGTH);
    checkArn("entityArn", entityArn, MAX_ARN_LENGTH);
    switch (principalType) {
      case ASSUMED_ROLE -> {
        checkEntityId(entityId, IdShapes.isRoleId(entityId), "a role id (AROA...)");
        checkName("sessionName", sessionName, 64);
      }
      case FEDERATED_USER -> {
        checkEntityId(entityId, IdShapes.isUserId(entityId), "a user id (AIDA...)");
        checkName("sessionName", sessionName, 32);
      }
      case USER_SESSION -> {
        checkEntityId(entityId, IdShapes.isUserId(entityId), "a user id (AIDA...)");
        if (sessionName != null) {
          throw new IllegalArgumentException(
              "sessionName '" + sessionName + "' must be null for USER_SESSION");
        }
      }
    }
    if (sourceIdentity != null) {
      checkName("sourceIdentity", sourceIdentity, 64);
    }

    issuedAt = issuedAt.truncatedTo(ChronoUnit.SECONDS);
    expiresAt = expiresAt.truncatedTo(ChronoUnit.SECONDS);
    if (!expiresAt.isAfter(issuedAt)) {
      throw new IllegalArgumentException(
          "expiresAt " + expiresAt + " must be after issuedAt " + issuedAt);
    }
    if (mfaAuthenticated) {
      Objects.requireNonNull(mfaAuthenticatedAt, "mfaAuthenticatedAt (mfaAuthenticated is true)");
      mfaAuthenticatedAt = mfaAuthenticatedAt.truncatedTo(ChronoUnit.SECONDS);
      if (mfaAuthenticatedAt.isAfter(issuedAt)) {
        throw new IllegalArgumentException(
            "mfaAuthenticatedAt " + mfaAuthenticatedAt + " must not be after issuedAt " + issuedAt);
      }
    } else if (mfaAuthenticatedAt != null) {
      throw new IllegalArgumentException(
          "mfaAuthenticatedAt "
              + mfaAuthenticatedAt
              + " must be null when mfaAuthenticated is false");
    }

    tags = copy("tags", tags, MAX_TAGS);
    var tagKeys = new HashSet<String>();
    for (Tag tag : tags) {
      if (!tagKeys.add(tag.key().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "tags repeat the key '" + tag.key() + "' (keys are case-insensitive)");
      }
    }
    transitiveTagKeys = copy("transitiveTagKeys", transitiveTagKeys, MAX_TAGS);
    var transitive = new HashSet<String>();
    for (String key : transitiveTagKeys) {
      String folded = key.toLowerCase(Locale.ROOT);
      if (!tagKeys.contains(folded)) {
        throw new IllegalArgumentException("transitive tag key '" + key + "' names no tag");
      }
      if (!transitive.add(folded)) {
        throw new IllegalArgumentException("transitiveTagKeys repeat '" + key + "'");
      }
    }

    if (sessionPolicy != null) {
      checkSessionPolicy(sessionPolicy);
    }
    policyArns = copy("policyArns", policyArns, MAX_POLICY_ARNS);
    for (String arn : policyArns) {
      checkArn("policyArns", arn, 2048);
    }
    if (chainDepth < 0) {
      throw new IllegalArgumentException("chainDepth " + chainDepth + " must be 0 or more");
    }
    if (!IdShapes.isSessionId(sessionId)) {
      throw new IllegalArgumentException(
          "sessionId '" + sessionId + "' must be 22 characters of [A-Za-z0-9_-]");
    }
  }

  /**
   * The {@code UserId} GetCallerIdentity returns: {@code AROA...:SESSION} for an assumed role,
   * {@code ACCOUNT:NAME} for a federated user, the user's {@code AIDA...} id for a user session.
   */
  public String userId() {
    return switch (principalType) {
      case ASSUMED_ROLE -> entityId + ":" + sessionName;
      case FEDERATED_USER -> accountId + ":" + sessionName;
      case USER_SESSION -> entityId;
    };
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these claims' values, to derive a variant. */
  public Builder toBuilder() {
    return new Builder()
        .secretAccessKey(secretAccessKey)
        .principalType(principalType)
        .accountId(accountId)
        .principalArn(principalArn)
        .entityArn(entityArn)
        .entityId(entityId)
        .sessionName(sessionName)
        .sourceIdentity(sourceIdentity)
        .issuedAt(issuedAt)
        .expiresAt(expiresAt)
        .mfa(mfaAuthenticated, mfaAuthenticatedAt)
        .tags(tags)
        .transitiveTagKeys(transitiveTagKeys)
        .sessionPolicy(sessionPolicy)
        .policyArns(policyArns)
        .chainDepth(chainDepth)
        .sessionId(sessionId);
  }

  @Override
  public String toString() {
    return "SessionClaims[secretAccessKey=<redacted>"
        + ", principalType="
        + principalType
        + ", accountId="
        + accountId
        + ", principalArn="
        + principalArn
        + ", entityArn="
        + entityArn
        + ", entityId="
        + entityId
        + ", sessionName="
        + sessionName
        + ", sourceIdentity="
        + sourceIdentity
        + ", issuedAt="
        + issuedAt
        + ", expiresAt="
        + expiresAt
        + ", mfaAuthenticated="
        + mfaAuthenticated
        + ", mfaAuthenticatedAt="
        + mfaAuthenticatedAt
        + ", tags="
        + tags
        + ", transitiveTagKeys="
        + transitiveTagKeys
        + ", sessionPolicy="
        + sessionPolicy
        + ", policyArns="
        + policyArns
        + ", chainDepth="
        + chainDepth
        + ", sessionId="
        + sessionId
        + "]";
  }

  private static void checkArn(String name, String arn, int maxLength) {
    Objects.requireNonNull(arn, name);
    boolean printableAscii = true;
    for (int i = 0; i < arn.length(); i++) {
      char c = arn.charAt(i);
      printableAscii &= c > 0x20 && c < 0x7f;
    }
    if (arn.length() < 20
        || arn.length() > maxLength
        || !arn.startsWith("arn:")
        || !printableAscii) {
      throw new IllegalArgumentException(
          name
              + " '"
              + arn
              + "' must be an ARN of 20 to "
              + maxLength
              + " printable ASCII characters");
    }
  }

  private static void checkEntityId(String entityId, boolean valid, String expected) {
    if (!valid) {
      throw new IllegalArgumentException("entityId '" + entityId + "' must be " + expected);
    }
  }

  private static void checkName(String name, String value, int maxLength) {
    Objects.requireNonNull(value, name);
    if (value.length() < 2 || value.length() > maxLength || !isNameText(value)) {
      throw new IllegalArgumentException(
          name + " '" + value + "' must be 2 to " + maxLength + " characters of [\\w+=,.@-]");
    }
  }

  private static void checkSessionPolicy(String policy) {
    boolean charsOk = true;
    for (int i = 0; i < policy.length(); i++) {
      char c = policy.charAt(i);
      charsOk &= c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xff);
    }
    if (policy.isEmpty() || policy.length() > MAX_SESSION_POLICY_LENGTH || !charsOk) {
      throw new IllegalArgumentException(
          "sessionPolicy must be 1 to 2048 characters of tab, newline, return or U+0020 to U+00FF"
              + " (it has "
              + policy.length()
              + ")");
    }
  }

  /** {@code [\w+=,.@-]*}, with Java's ASCII-only {@code \w}. */
  static boolean isNameText(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || NAME_PUNCTUATION.indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** {@code [\p{L}\p{Z}\p{N}_.:/=+\-@]*}. */
  static boolean isTagText(String s) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (!isTagCodePoint(cp)) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }

  static boolean isTagCodePoint(int cp) {
    if (TAG_PUNCTUATION.indexOf(cp) >= 0) {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER,
          Character.LOWERCASE_LETTER,
          Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER,
          Character.OTHER_LETTER,
          Character.SPACE_SEPARATOR,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER,
          Character.OTHER_NUMBER ->
          true;
      default -> false;
    };
  }

  private static <T> List<T> copy(String name, List<T> list, int max) {
    Objects.requireNonNull(list, name);
    if (list.size() > max) {
      throw new IllegalArgumentException(
          name + " has " + list.size() + " entries, more than the limit of " + max);
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == null) {
        throw new NullPointerException(name + "[" + i + "]");
      }
    }
    return List.copyOf(list);
  }

  /** Collects claims field by field; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private String secretAccessKey;
    private PrincipalType principalType;
    private String accountId;
    private String principalArn;
    private String entityArn;
    private String entityId;
    private String sessionName;
    private String sourceIdentity;
    private Instant issuedAt;
    private Instant expiresAt;
    private boolean mfaAuthenticated;
    private Instant mfaAuthenticatedAt;
    private List<Tag> tags = List.of();
    private List<String> transitiveTagKeys = List.of();
    private String sessionPolicy;
    private List<String> policyArns = List.of();
    private int chainDepth;
    private String sessionId;

    private Builder() {}

    public Builder secretAccessKey(String secretAccessKey) {
      this.secretAccessKey = secretAccessKey;
      return this;
    }

    public Builder principalType(PrincipalType principalType) {
      this.principalType = principalType;
      return this;
    }

    public Builder accountId(String accountId) {
      this.accountId = accountId;
      return this;
    }

    public Builder principalArn(String principalArn) {
      this.principalArn = principalArn;
      return this;
    }

    public Builder entityArn(String entityArn) {
      this.entityArn = entityArn;
      return this;
    }

    public Builder entityId(String entityId) {
      this.entityId = entityId;
      return this;
    }

    public Builder sessionName(String sessionName) {
      this.sessionName = sessionName;
      return this;
    }

    public Builder sourceIdentity(String sourceIdentity) {
      this.sourceIdentity = sourceIdentity;
      return this;
    }

    public Builder issuedAt(Instant issuedAt) {
      this.issuedAt = issuedAt;
      return this;
    }

    public Builder expiresAt(Instant expiresAt) {
      this.expiresAt = expiresAt;
      return this;
    }

    /** MFA state: {@code at} is when the code was checked, {@code null} when not authenticated. */
    public Builder mfa(boolean authenticated, Instant at) {
      this.mfaAuthenticated = authenticated;
      this.mfaAuthenticatedAt = at;
      return this;
    }

    public Builder tags(List<Tag> tags) {
      this.tags = tags;
      return this;
    }

    public Builder transitiveTagKeys(List<String> transitiveTagKeys) {
      this.transitiveTagKeys = transitiveTagKeys;
      return this;
    }

    public Builder sessionPolicy(String sessionPolicy) {
      this.sessionPolicy = sessionPolicy;
      return this;
    }

    public Builder policyArns(List<String> policyArns) {
      this.policyArns = policyArns;
      return this;
    }

    public Builder chainDepth(int chainDepth) {
      this.chainDepth = chainDepth;
      return this;
    }

    public Builder sessionId(String sessionId) {
      this.sessionId = sessionId;
      return this;
    }

    public SessionClaims build() {
      return new SessionClaims(
          secretAccessKey,
          principalType,
          accountId,
          principalArn,
          entityArn,
          entityId,
          sessionName,
          sourceIdentity,
          issuedAt,
          expiresAt,
          mfaAuthenticated,
          mfaAuthenticatedAt,
          tags,
          transitiveTagKeys,
          sessionPolicy,
          policyArns,
          chainDepth,
          sessionId);
    }
  }
}
