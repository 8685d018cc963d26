package dev.stint.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The wildcard matcher every Action, Resource and string-like condition compiles to. */
class GlobTest {

  @Test
  void starMatchesAnyRunIncludingNothing() {
    Glob g = Glob.of("s3:Get*Acl", true, false);
    assertThat(g.matches("s3:GetAcl")).isTrue();
    assertThat(g.matches("s3:GetObjectAcl")).isTrue();
    assertThat(g.matches("s3:GetObjectAclX")).isFalse();
  }

  @Test
  void backtracksAcrossSeveralStars() {
    Glob g = Glob.of("*a*b*c", true, false);
    assertThat(g.matches("xxaxxbxxaxbxc")).isTrue();
    assertThat(g.matches("abcab")).isFalse();
  }

  @Test
  void literalModeTreatsWildcardsAsCharacters() {
    Glob g = Glob.of("a*?", false, false);
    assertThat(g.matches("a*?")).isTrue();
    assertThat(g.matches("abc")).isFalse();
  }

  @Test
  void ignoreCaseFoldsBothSides() {
    Glob g = Glob.of("IAM:Get*", true, true);
    assertThat(g.matches("iam:getrole")).isTrue();
    assertThat(g.matches("IAM:GETROLE")).isTrue();
  }

  @Test
  void arnMatchingNeedsSixPartsOnBothSides() {
    Glob g = Glob.of("arn:aws:s3:::bucket/*", true, false);
    assertThat(g.matchesArn("arn:aws:s3:::bucket/a:b:c")).isTrue();
    assertThat(g.matchesArn("*")).isFalse();
    assertThat(Glob.of("*", true, false).matchesArn("*")).isTrue();
    assertThat(Glob.of("*", true, false).matchesArn("arn:aws:s3:::b")).isTrue();
  }
}
