package dev.stint.core.token;

import static dev.stint.core.token.Fixtures.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.core.token.SessionClaims.PrincipalType;
import dev.stint.core.token.SessionClaims.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SessionClaimsTest {

  @Test
  void toStringPrintsEveryFieldButTheSecret() {
    assertThat(Fixtures.userSession().toString())
        .isEqualTo(
            "SessionClaims[secretAccessKey=<redacted>, principalType=USER_SESSION,"
                + " accountId=123456789012, principalArn=arn:aws:iam::123456789012:user/alice,"
                + " entityArn=arn:aws:iam::123456789012:user/alice,"
                + " entityId=AIDAJQABLZS4A3QDU576Q, sessionName=null, sourceIdentity=null,"
                + " issuedAt=2026-03-01T10:00:00Z, expiresAt=2026-03-01T11:00:00Z,"
                + " mfaAuthenticated=false, mfaAuthenticatedAt=null, tags=[],"
                + " transitiveTagKeys=[], sessionPolicy=null, policyArns=[], chainDepth=0,"
                + " sessionId=Q2hhbmdlTWVQbGVhc2UxMg]");
    assertThat(Fixtures.full().toString()).doesNotContain(SECRET).contains("sessionName=alice");
  }

  @Test
  void instantsAreKeptToTheSecond() {
    var claims =
        Fixtures.full().toBuilder()
            .issuedAt(Instant.parse("2026-03-01T10:00:00.999Z"))
            .expiresAt(Instant.parse("2026-03-01T11:00:00.5Z"))
            .mfa(true, Instant.parse("2026-03-01T09:59:30.123456Z"))
            .build();

    assertThat(claims.issuedAt()).isEqualTo("2026-03-01T10:00:00Z");
    assertThat(claims.expiresAt()).isEqualTo("2026-03-01T11:00:00Z");
    assertThat(claims.mfaAuthenticatedAt()).isEqualTo("2026-03-01T09:59:30Z");
  }

  @Test
  void listsAreCopiedInAndCannotBeChangedThroughTheClaims() {
    var tags = new ArrayList<>(List.of(new Tag("team", "platform")));
    var claims = Fixtures.full().toBuilder().tags(tags).transitiveTagKeys(List.of()).build();
    tags.add(new Tag("later", "x"));

    assertThat(claims.tags()).containsExactly(new Tag("team", "platform"));
    assertThatThrownBy(() -> claims.tags().add(new Tag("k", "v")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> claims.policyArns().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void userIdIsWhatGetCallerIdentityReturnsForEachKindOfSession() {
    assertThat(Fixtures.full().userId()).isEqualTo("AROA3XFRBF535PLBIFPI4:alice");
    assertThat(Fixtures.userSession().userId()).isEqualTo("AIDAJQABLZS4A3QDU576Q");
    var federated =
        Fixtures.userSession().toBuilder()
            .principalType(PrincipalType.FEDERATED_USER)
            .principalArn("arn:aws:sts::123456789012:federated-user/bob")
            .sessionName("bob")
            .build();
    assertThat(federated.userId()).isEqualTo("123456789012:bob");
  }

  @Test
  void aSecretOfTheWrongShapeIsRejectedWithoutEchoingIt() {
    assertThatThrownBy(() -> Fixtures.full().toBuilder().secretAccessKey("hunter2-secret").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("secretAccessKey must be 40 characters of [A-Za-z0-9/+]");
  }

  @Test
  void fieldsOutOfShapeAreRejectedNamingFieldAndValue() {
    var base = Fixtures.full();
    assertRejected(
        base.toBuilder().accountId("012345678901"),
        "accountId '012345678901' must be 12 digits not starting with 0");
    assertRejected(
        base.toBuilder().principalArn("assumed-role/Deploy/alice"),
        "principalArn 'assumed-role/Deploy/alice' must be an ARN of 20 to 768 printable ASCII"
            + " characters");
    assertRejected(
        base.toBuilder().entityArn("arn:aws:iam::123456789012:role/" + "p/".repeat(370) + "R"),
        "entityArn 'arn:aws:iam::123456789012:role/"
            + "p/".repeat(370)
            + "R' must be an ARN of 20 to 768 printable ASCII characters");
    assertRejected(
        base.toBuilder().entityId("AIDAJQABLZS4A3QDU576Q"),
        "entityId 'AIDAJQABLZS4A3QDU576Q' must be a role id (AROA...)");
    assertRejected(
        base.toBuilder().sessionName("alice smith"),
        "sessionName 'alice smith' must be 2 to 64 characters of [\\w+=,.@-]");
    assertRejected(
        base.toBuilder().sourceIdentity("a"),
        "sourceIdentity 'a' must be 2 to 64 characters of [\\w+=,.@-]");
    assertRejected(base.toBuilder().chainDepth(-1), "chainDepth -1 must be 0 or more");
    assertRejected(
        base.toBuilder().sessionId("short"),
        "sessionId 'short' must be 22 characters of [A-Za-z0-9_-]");
  }

  @Test
  void sessionNamesFollowThePrincipalType() {
    assertThatThrownBy(() -> Fixtures.full().toBuilder().sessionName(null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("sessionName");
    assertRejected(
        Fixtures.userSession().toBuilder().sessionName("alice"),
        "sessionName 'alice' must be null for USER_SESSION");
    assertRejected(
        Fixtures.userSession().toBuilder()
            .principalType(PrincipalType.FEDERATED_USER)
            .sessionName("a".repeat(33)),
        "sessionName '" + "a".repeat(33) + "' must be 2 to 32 characters of [\\w+=,.@-]");
  }

  @Test
  void expiryMustFollowIssue() {
    assertRejected(
        Fixtures.full().toBuilder().expiresAt(Fixtures.ISSUED.plusMillis(999)),
        "expiresAt 2026-03-01T10:00:00Z must be after issuedAt 2026-03-01T10:00:00Z");
  }

  @Test
  void mfaTimeIsPresentExactlyWhenMfaIsAndNotAfterIssue() {
    assertThatThrownBy(() -> Fixtures.full().toBuilder().mfa(true, null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("mfaAuthenticatedAt (mfaAuthenticated is true)");
    assertRejected(
        Fixtures.full().toBuilder().mfa(false, Fixtures.ISSUED),
        "mfaAuthenticatedAt 2026-03-01T10:00:00Z must be null when mfaAuthenticated is false");
    assertRejected(
        Fixtures.full().toBuilder().mfa(true, Fixtures.ISSUED.plusSeconds(1)),
        "mfaAuthenticatedAt 2026-03-01T10:00:01Z must not be after issuedAt"
            + " 2026-03-01T10:00:00Z");
  }

  @Test
  void tagKeysAreUniqueIgnoringCaseAndTransitiveKeysNameTags() {
    assertRejected(
        Fixtures.full().toBuilder().tags(List.of(new Tag("Team", "a"), new Tag("team", "b"))),
        "tags repeat the key 'team' (keys are case-insensitive)");
    assertRejected(
        Fixtures.full().toBuilder().transitiveTagKeys(List.of("project")),
        "transitive tag key 'project' names no tag");
    assertRejected(
        Fixtures.full().toBuilder().transitiveTagKeys(List.of("team", "TEAM")),
        "transitiveTagKeys repeat 'TEAM'");
    var claims = Fixtures.full().toBuilder().transitiveTagKeys(List.of("TEAM")).build();
    assertThat(claims.transitiveTagKeys()).containsExactly("TEAM");
  }

  @Test
  void listsAreBoundedAndHoldNoNulls() {
    var tags = IntStream.range(0, 51).mapToObj(i -> new Tag("k" + i, "v")).toList();
    assertRejected(
        Fixtures.full().toBuilder().tags(tags).transitiveTagKeys(List.of()),
        "tags has 51 entries, more than the limit of 50");
    assertRejected(
        Fixtures.full().toBuilder()
            .policyArns(Collections.nCopies(11, "arn:aws:iam::aws:policy/ReadOnlyAccess")),
        "policyArns has 11 entries, more than the limit of 10");
    var withNull = new ArrayList<String>();
    withNull.add(null);
    assertThatThrownBy(() -> Fixtures.full().toBuilder().policyArns(withNull).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("policyArns[0]");
  }

  @Test
  void tagsFollowAwsCharactersAndLengths() {
    assertThat(new Tag("Ünïcødé 東京", "").value()).isEmpty();
    assertThat(new Tag("k".repeat(128), "v".repeat(256)).key()).hasSize(128);
    assertThatThrownBy(() -> new Tag("", "v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tag key '' must be 1 to 128 letters, digits, spaces or _.:/=+-@");
    assertThatThrownBy(() -> new Tag("k".repeat(129), "v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "tag key '"
                + "k".repeat(129)
                + "' must be 1 to 128 letters, digits, spaces or _.:/=+-@");
    assertThatThrownBy(() -> new Tag("team", "a;b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "tag value 'a;b' of key 'team' must be 0 to 256 letters, digits, spaces or _.:/=+-@");
  }

  @Test
  void sessionPoliciesAreOneTo2048CharactersOfAwsPolicyText() {
    assertRejected(
        Fixtures.full().toBuilder().sessionPolicy(""),
        "sessionPolicy must be 1 to 2048 characters of tab, newline, return or U+0020 to U+00FF"
            + " (it has 0)");
    assertRejected(
        Fixtures.full().toBuilder().sessionPolicy("{" + " ".repeat(2047) + "}"),
        "sessionPolicy must be 1 to 2048 characters of tab, newline, return or U+0020 to U+00FF"
            + " (it has 2049)");
    assertRejected(
        Fixtures.full().toBuilder().sessionPolicy("{\"Sid\":\"東\"}"),
        "sessionPolicy must be 1 to 2048 characters of tab, newline, return or U+0020 to U+00FF"
            + " (it has 11)");
  }

  @Test
  void nameCharactersAreBotocoresPatternForEveryCharacter() {
    var pattern = java.util.regex.Pattern.compile("[\\w+=,.@-]*");
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      String s = String.valueOf(c);
      assertThat(SessionClaims.isNameText(s))
          .as("U+%04X", (int) c)
          .isEqualTo(pattern.matcher(s).matches());
    }
  }

  @Test
  void tagCharactersAreBotocoresPatternForEveryCodePoint() {
    var pattern = java.util.regex.Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      assertThat(SessionClaims.isTagCodePoint(cp))
          .as("U+%04X", cp)
          .isEqualTo(pattern.matcher(Character.toString(cp)).matches());
    }
    assertThat(SessionClaims.isTagText("a\uD800b")).as("an unpaired surrogate").isFalse();
    assertThat(SessionClaims.isTagText("𝔘𝔫𝔦 東京 ٣")).isTrue();
  }

  private static void assertRejected(SessionClaims.Builder builder, String message) {
    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
