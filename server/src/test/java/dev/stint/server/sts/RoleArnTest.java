package dev.stint.server.sts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleArnTest {
  @Test
  void readsTheAccountAndTheNameAfterAnyPath() {
    assertThat(RoleArn.parse("arn:aws:iam::123456789012:role/Deploy"))
        .contains(new RoleArn("123456789012", "Deploy"));
    assertThat(RoleArn.parse("arn:aws:iam::123456789012:role/team/ci/Deploy"))
        .contains(new RoleArn("123456789012", "Deploy"));
    assertThat(RoleArn.parse("arn:aws:iam::123456789012:role/a:b"))
        .contains(new RoleArn("123456789012", "a:b"));
  }

  @Test
  void refusesEverythingElse() {
    for (String arn :
        new String[] {
          "",
          "arn:aws:iam::123456789012",
          "arn:aws:iam::123456789012:",
          "arn:aws:iam::123456789012:role/",
          "arn:aws:iam::123456789012:role/path/",
          "arn:aws:iam::123456789012:user/Deploy",
          "arn:aws:iam::123456789012role/Deploy",
          "arn:aws:iam::12345678901:role/Deploy",
          "arn:aws:iam::1234567890123:role/Deploy",
          "arn:aws:iam::12345678901x:role/Deploy",
          "arn:aws:iam:us-east-1:123456789012:role/Deploy",
          "arn:aws-cn:iam::123456789012:role/Deploy",
          "arn:aws:sts::123456789012:role/Deploy",
          "ARN:aws:iam::123456789012:role/Deploy"
        }) {
      assertThat(RoleArn.parse(arn)).as(arn).isEmpty();
    }
  }
}
