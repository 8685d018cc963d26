package dev.stint.server.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.server.policy.AuthorizationRequest.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthorizationRequestTest {
  @Test
  void theAccountFieldStandsBetweenTheFourthAndFifthColons() {
    assertThat(AuthorizationRequest.accountField("arn:aws:iam::123456789012:role/a:b"))
        .isEqualTo("123456789012");
    assertThat(AuthorizationRequest.accountField("arn:aws:s3:::bucket/key")).isEmpty();
    assertThat(AuthorizationRequest.accountField("arn:aws:iam::aws:policy/ReadOnlyAccess"))
        .isEqualTo("aws");
    assertThat(AuthorizationRequest.accountField("a:b:c:d:e:")).isEqualTo("e");
    assertThat(AuthorizationRequest.accountField("a:b:c:d:e")).isNull();
    assertThat(AuthorizationRequest.accountField("*")).isNull();
    assertThat(AuthorizationRequest.accountField("")).isNull();
  }

  @Test
  void principalsTakeTheirAccountFromTheirArn() {
    assertThat(Principal.user("arn:aws:iam::123456789012:user/alice").account())
        .isEqualTo("123456789012");
    assertThat(
            Principal.assumedRole(
                    "arn:aws:sts::123456789012:assumed-role/Deploy/s",
                    "arn:aws:iam::210987654321:role/Deploy")
                .account())
        .isEqualTo("210987654321");
    for (String arn :
        List.of(
            "arn:aws:iam::12345678901:user/alice",
            "arn:aws:iam::123456789012",
            "urn:aws:iam::123456789012:user/alice",
            "arn:aws:iam:123456789012:user/alice")) {
      assertThatThrownBy(() -> Principal.user(arn))
          .as(arn)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("not an ARN with an account: " + arn);
    }
  }

  @Test
  void contextKeysAreLowerCasedAndTheirValuesCopied() {
    var values = new ArrayList<>(List.of("203.0.113.7"));
    var request =
        AuthorizationRequest.builder(
                "sts:AssumeRole",
                "arn:aws:iam::123456789012:role/Deploy",
                Principal.user("arn:aws:iam::123456789012:user/alice"))
            .context("aws:SourceIp", values)
            .build();
    values.add("changed after");

    assertThat(request.context())
        .isEqualTo(
            Map.of(
                "aws:sourceip", List.of("203.0.113.7"),
                "aws:principalarn", List.of("arn:aws:iam::123456789012:user/alice"),
                "aws:principaltype", List.of("User"),
                "aws:principalaccount", List.of("123456789012")));
  }
}
