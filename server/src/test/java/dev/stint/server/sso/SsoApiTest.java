package dev.stint.server.sso;

import static dev.stint.server.sso.PortalServer.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.server.portal.MemberAccounts;
import dev.stint.server.portal.PermissionSets;
import dev.stint.server.portal.PortalSessions;
import dev.stint.server.store.Assignment.PrincipalType;
import dev.stint.server.store.PermissionSet;
import dev.stint.server.store.User;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.AccountInfo;
import software.amazon.awssdk.services.sso.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sso.model.RoleCredentials;
import software.amazon.awssdk.services.sso.model.RoleInfo;
import software.amazon.awssdk.services.sso.model.UnauthorizedException;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.AccessDeniedException;
import software.amazon.awssdk.services.ssooidc.model.AuthorizationPendingException;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.ExpiredTokenException;
import software.amazon.awssdk.services.ssooidc.model.InvalidClientException;
import software.amazon.awssdk.services.ssooidc.model.InvalidGrantException;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse;
import software.amazon.awssdk.services.ssooidc.model.SlowDownException;
import software.amazon.awssdk.services.ssooidc.model.StartDeviceAuthorizationResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * The Identity Center portal and OIDC APIs driven by the AWS SDK for Java v2's {@code
 * SsoOidcClient} and {@code SsoClient} against an in-process server; the person's side of the
 * device flow goes through the portal's services, as the device page does.
 */
class SsoApiTest {
  private static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
  private static final String START_URL = "https://stint.example/start";

  @TempDir Path dir;
  private PortalServer server;
  private SsoOidcClient oidc;
  private SsoClient sso;
  private User alice;
  private String member;
  private PermissionSet readOnly;
  private RegisterClientResponse refreshClient;

  @BeforeEach
  void start() {
    server = PortalServer.start(dir);
    oidc = server.oidc();
    sso = server.sso();
    var portal = server.portal();
    alice = portal.users().create("alice", "Corr3ct-horse".toCharArray(), false, ORIGIN);
    member = portal.accounts().create("dev", "dev@example.com", null, ORIGIN).accountId();
    readOnly =
        portal
            .permissionSets()
            .create(
                "ReadOnly",
                new PermissionSets.Definition("read", Duration.ofHours(2), null, List.of()),
                ORIGIN);
    portal.assignments().assign(PrincipalType.USER, alice.id(), member, readOnly.id(), ORIGIN);
  }

  @AfterEach
  void stop() {
    oidc.close();
    sso.close();
    server.close();
  }

  private RegisterClientResponse register() {
    return oidc.registerClient(b -> b.clientName("botocore-client-test").clientType("public"));
  }

  /** Registers, starts a device authorization, approves it as alice and returns the tokens. */
  private CreateTokenResponse deviceTokens(PortalSessions.Created session) {
    RegisterClientResponse client = register();
    refreshClient = client;
    StartDeviceAuthorizationResponse device = start(client);
    assertThat(server.portal().devices().approve(device.userCode(), session.session(), ORIGIN))
        .isTrue();
    return poll(client, device);
  }

  private StartDeviceAuthorizationResponse start(RegisterClientResponse client) {
    return oidc.startDeviceAuthorization(
        b -> b.clientId(client.clientId()).clientSecret(client.clientSecret()).startUrl(START_URL));
  }

  private CreateTokenResponse poll(
      RegisterClientResponse client, StartDeviceAuthorizationResponse device) {
    return oidc.createToken(
        b ->
            b.clientId(client.clientId())
                .clientSecret(client.clientSecret())
                .grantType(DEVICE_GRANT)
                .deviceCode(device.deviceCode()));
  }

  @Test
  void registerClientAnswersAnIdASecretAndNinetyDays() {
    RegisterClientResponse client = register();

    assertThat(client.clientId()).matches("[A-Za-z0-9_-]{22}");
    assertThat(client.clientSecret()).startsWith("scs_").hasSize(47);
    assertThat(client.clientIdIssuedAt()).isEqualTo(server.clock.instant().getEpochSecond());
    assertThat(client.clientSecretExpiresAt() - client.clientIdIssuedAt())
        .isEqualTo(Duration.ofDays(90).toSeconds());
    assertThat(client.tokenEndpoint()).isEqualTo(server.endpoint() + "/token");
  }

  @Test
  void deviceFlowPendsSlowsDownThenGivesTokensOnceApproved() {
    RegisterClientResponse client = register();
    StartDeviceAuthorizationResponse device = start(client);

    assertThat(device.userCode()).matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}");
    assertThat(device.verificationUri()).isEqualTo(server.endpoint() + "/device");
    assertThat(device.verificationUriComplete())
        .isEqualTo(server.endpoint() + "/device?user_code=" + device.userCode());
    assertThat(device.expiresIn()).isEqualTo(600);
    assertThat(device.interval()).isEqualTo(1);

    assertThatThrownBy(() -> poll(client, device))
        .isInstanceOfSatisfying(
            AuthorizationPendingException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.error()).isEqualTo("authorization_pending");
              assertThat(e.awsErrorDetails().errorCode())
                  .isEqualTo("AuthorizationPendingException");
            });
    assertThatThrownBy(() -> poll(client, device))
        .isInstanceOfSatisfying(
            SlowDownException.class, e -> assertThat(e.error()).isEqualTo("slow_down"));

    var session = server.portal().sessions().create(alice.id(), null);
    assertThat(server.portal().devices().find(device.userCode().toLowerCase().replace("-", " ")))
        .hasValueSatisfying(p -> assertThat(p.clientName()).isEqualTo("botocore-client-test"));
    assertThat(server.portal().devices().approve(device.userCode(), session.session(), ORIGIN))
        .isTrue();
    assertThat(server.portal().devices().approve(device.userCode(), session.session(), ORIGIN))
        .isFalse();
    server.clock.advance(Duration.ofSeconds(1));
    CreateTokenResponse tokens = poll(client, device);

    assertThat(tokens.accessToken()).startsWith("sat_");
    assertThat(tokens.refreshToken()).startsWith("srt_");
    assertThat(tokens.tokenType()).isEqualTo("Bearer");
    assertThat(tokens.expiresIn()).isEqualTo(8 * 3600);
    assertThatThrownBy(() -> poll(client, device))
        .isInstanceOfSatisfying(
            InvalidGrantException.class,
            e -> assertThat(e.errorDescription()).isEqualTo("Device code has already been used"));
  }

  /** CreateToken with a device code over plain HTTP, to see the status, header and body. */
  private HttpResponse<String> pollRaw(
      RegisterClientResponse client, StartDeviceAuthorizationResponse device) throws Exception {
    String body =
        "{\"clientId\":\""
            + client.clientId()
            + "\",\"clientSecret\":\""
            + client.clientSecret()
            + "\",\"grantType\":\""
            + DEVICE_GRANT
            + "\",\"deviceCode\":\""
            + device.deviceCode()
            + "\"}";
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
          HttpRequest.newBuilder(URI.create(server.endpoint() + "/token"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  private static void assertPollAnswer(HttpResponse<String> response, String type, String body) {
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(type);
    assertThat(response.body()).isEqualTo(body);
  }

  private static void assertPending(HttpResponse<String> response) {
    assertPollAnswer(
        response,
        "AuthorizationPendingException",
        "{\"error\":\"authorization_pending\",\"error_description\":\"Authorization is"
            + " pending\"}");
  }

  private static void assertSlowDown(HttpResponse<String> response) {
    assertPollAnswer(
        response,
        "SlowDownException",
        "{\"error\":\"slow_down\",\"error_description\":\"Client is polling too fast\"}");
  }

  @Test
  void pollingFasterThanTheIntervalIsSlowDownAndAddsFiveSecondsToItForLaterPolls()
      throws Exception {
    RegisterClientResponse client = register();
    StartDeviceAuthorizationResponse device = start(client);
    assertThat(device.interval()).isEqualTo(1);

    assertPending(pollRaw(client, device));
    server.clock.advance(Duration.ofMillis(999));
    assertSlowDown(pollRaw(client, device)); // interval now 6 s
    server.clock.advance(Duration.ofMillis(5999));
    assertSlowDown(pollRaw(client, device)); // 11 s
    server.clock.advance(Duration.ofSeconds(11));
    assertPending(pollRaw(client, device));
    server.clock.advance(Duration.ofSeconds(11));
    assertPending(pollRaw(client, device));
    server.clock.advance(Duration.ofMillis(10_999));
    assertThatThrownBy(() -> poll(client, device))
        .isInstanceOfSatisfying(
            SlowDownException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.error()).isEqualTo("slow_down");
              assertThat(e.errorDescription()).isEqualTo("Client is polling too fast");
            }); // 16 s
    server.clock.advance(Duration.ofMillis(15_999));
    assertSlowDown(pollRaw(client, device)); // 21 s
    server.clock.advance(Duration.ofSeconds(21));
    assertPending(pollRaw(client, device));

    // Another device code of the same client keeps its own interval.
    StartDeviceAuthorizationResponse other = start(client);
    assertPending(pollRaw(client, other));
    server.clock.advance(Duration.ofSeconds(1));
    assertPending(pollRaw(client, other));

    var session = server.portal().sessions().create(alice.id(), null);
    assertThat(server.portal().devices().approve(device.userCode(), session.session(), ORIGIN))
        .isTrue();
    assertThat(poll(client, device).accessToken()).startsWith("sat_");
  }

  @Test
  void aWrongClientSecretIsInvalidClient() {
    RegisterClientResponse client = register();
    assertThatThrownBy(
            () ->
                oidc.startDeviceAuthorization(
                    b ->
                        b.clientId(client.clientId())
                            .clientSecret("scs_wrong")
                            .startUrl(START_URL)))
        .isInstanceOfSatisfying(
            InvalidClientException.class, e -> assertThat(e.statusCode()).isEqualTo(401));
  }

  @Test
  void anExpiredDeviceCodeIsExpiredTokenAndCannotBeApprovedAnyMore() {
    RegisterClientResponse client = register();
    StartDeviceAuthorizationResponse device = start(client);
    server.clock.advance(Duration.ofSeconds(600));

    var session = server.portal().sessions().create(alice.id(), null);
    assertThat(server.portal().devices().approve(device.userCode(), session.session(), ORIGIN))
        .isFalse();
    assertThat(server.portal().devices().find(device.userCode())).isEmpty();
    assertThatThrownBy(() -> poll(client, device))
        .isInstanceOfSatisfying(
            ExpiredTokenException.class, e -> assertThat(e.error()).isEqualTo("expired_token"));
  }

  @Test
  void aDeniedDeviceCodeIsAccessDenied() {
    RegisterClientResponse client = register();
    StartDeviceAuthorizationResponse device = start(client);
    var session = server.portal().sessions().create(alice.id(), null);
    assertThat(server.portal().devices().deny(device.userCode(), session.session(), ORIGIN))
        .isTrue();

    assertThatThrownBy(() -> poll(client, device))
        .isInstanceOfSatisfying(
            AccessDeniedException.class, e -> assertThat(e.error()).isEqualTo("access_denied"));
  }

  @Test
  void portalApiListsAccountsAndRolesAndIssuesCredentialsThatStsAccepts() {
    var session = server.portal().sessions().create(alice.id(), null);
    String token = deviceTokens(session).accessToken();

    List<AccountInfo> accounts = sso.listAccounts(b -> b.accessToken(token)).accountList();
    assertThat(accounts)
        .extracting(AccountInfo::accountId, AccountInfo::accountName, AccountInfo::emailAddress)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(member, "dev", "dev@example.com"));
    assertThat(sso.listAccountRoles(b -> b.accessToken(token).accountId(member)).roleList())
        .extracting(RoleInfo::roleName, RoleInfo::accountId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ReadOnly", member));

    Instant issuedAt = server.clock.instant();
    RoleCredentials credentials =
        sso.getRoleCredentials(b -> b.accessToken(token).accountId(member).roleName("ReadOnly"))
            .roleCredentials();
    assertThat(credentials.accessKeyId()).startsWith("ASIA");
    assertThat(credentials.expiration())
        .isEqualTo(issuedAt.plus(Duration.ofHours(2)).toEpochMilli());

    GetCallerIdentityResponse identity =
        server
            .sts(
                credentials.accessKeyId(),
                credentials.secretAccessKey(),
                credentials.sessionToken())
            .getCallerIdentity();
    String roleName =
        server.portal().assignments().provisionedRole(member, readOnly.id()).orElseThrow().name();
    assertThat(roleName).matches("AWSReservedSSO_ReadOnly_[0-9a-f]{16}");
    assertThat(identity.arn())
        .isEqualTo("arn:aws:sts::" + member + ":assumed-role/" + roleName + "/alice");
    assertThat(identity.account()).isEqualTo(member);
  }

  @Test
  void aRoleTheUserIsNotAssignedIsResourceNotFound() {
    var session = server.portal().sessions().create(alice.id(), null);
    String token = deviceTokens(session).accessToken();

    assertThatThrownBy(
            () ->
                sso.getRoleCredentials(
                    b -> b.accessToken(token).accountId(server.account()).roleName("ReadOnly")))
        .isInstanceOfSatisfying(
            ResourceNotFoundException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("No access");
            });
    assertThat(
            sso.listAccountRoles(b -> b.accessToken(token).accountId(server.account())).roleList())
        .isEmpty();
  }

  @Test
  void logoutEndsTheTokenAndThePortalSessionButNotIssuedCredentials() {
    var session = server.portal().sessions().create(alice.id(), null);
    CreateTokenResponse tokens = deviceTokens(session);
    String token = tokens.accessToken();
    RoleCredentials credentials =
        sso.getRoleCredentials(b -> b.accessToken(token).accountId(member).roleName("ReadOnly"))
            .roleCredentials();

    sso.logout(b -> b.accessToken(token));

    assertThatThrownBy(() -> sso.listAccounts(b -> b.accessToken(token)))
        .isInstanceOfSatisfying(
            UnauthorizedException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(401);
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo("Session token not found or invalid");
            });
    assertThatThrownBy(
            () ->
                sso.getRoleCredentials(
                    b -> b.accessToken(token).accountId(member).roleName("ReadOnly")))
        .isInstanceOf(UnauthorizedException.class);
    assertThat(server.portal().sessions().find(session.id())).isEmpty();
    assertThatThrownBy(() -> refresh(tokens.refreshToken()))
        .isInstanceOf(InvalidGrantException.class);
    assertThat(
            server
                .sts(
                    credentials.accessKeyId(),
                    credentials.secretAccessKey(),
                    credentials.sessionToken())
                .getCallerIdentity()
                .account())
        .isEqualTo(member);
  }

  @Test
  void signingOutOfThePortalEndsTheTokensItApproved() {
    var session = server.portal().sessions().create(alice.id(), null);
    String token = deviceTokens(session).accessToken();

    server.portal().sessions().signOut(session.id());

    assertThatThrownBy(() -> sso.listAccounts(b -> b.accessToken(token)))
        .isInstanceOf(UnauthorizedException.class);
  }

  @Test
  void garbageAndMissingTokensAreUnauthorized() {
    assertThatThrownBy(() -> sso.listAccounts(b -> b.accessToken("sat_nothing")))
        .isInstanceOf(UnauthorizedException.class);
    assertThatThrownBy(() -> sso.logout(b -> b.accessToken("x")))
        .isInstanceOf(UnauthorizedException.class);
  }

  private CreateTokenResponse refresh(String refreshToken) {
    return oidc.createToken(
        b ->
            b.clientId(refreshClient.clientId())
                .clientSecret(refreshClient.clientSecret())
                .grantType("refresh_token")
                .refreshToken(refreshToken));
  }

  @Test
  void refreshGivesANewAccessTokenAfterTheOldExpiredAndRotatesTheRefreshToken() {
    refreshClient = register();
    StartDeviceAuthorizationResponse device = start(refreshClient);
    server.portal().devices().approve(device.userCode(), alice.id(), ORIGIN);
    CreateTokenResponse first = poll(refreshClient, device);

    server.clock.advance(Duration.ofHours(8));
    assertThatThrownBy(() -> sso.listAccounts(b -> b.accessToken(first.accessToken())))
        .isInstanceOf(UnauthorizedException.class);

    CreateTokenResponse second = refresh(first.refreshToken());
    assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
    assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
    assertThat(second.expiresIn()).isEqualTo(8 * 3600);
    assertThat(sso.listAccounts(b -> b.accessToken(second.accessToken())).accountList())
        .extracting(AccountInfo::accountId)
        .containsExactly(member);

    // The first refresh token was rotated away: showing it again ends the whole grant.
    assertThatThrownBy(() -> refresh(first.refreshToken()))
        .isInstanceOfSatisfying(
            InvalidGrantException.class,
            e -> assertThat(e.errorDescription()).isEqualTo("Invalid refresh token provided"));
    assertThatThrownBy(() -> sso.listAccounts(b -> b.accessToken(second.accessToken())))
        .isInstanceOf(UnauthorizedException.class);
    assertThatThrownBy(() -> refresh(second.refreshToken()))
        .isInstanceOf(InvalidGrantException.class);
  }

  @Test
  void accessTokensLastThePortalSessionLength() {
    server.portal().settings().setSessionLength(Duration.ofHours(1), ORIGIN);
    var session = server.portal().sessions().create(alice.id(), null);
    assertThat(session.session().expires())
        .isEqualTo(server.clock.instant().plus(Duration.ofHours(1)));

    CreateTokenResponse tokens = deviceTokens(session);

    assertThat(tokens.expiresIn()).isEqualTo(3600);
  }

  @Test
  void aDisabledUserLosesTokensAndSessions() {
    var session = server.portal().sessions().create(alice.id(), null);
    String token = deviceTokens(session).accessToken();

    server.portal().users().setDisabled(alice.id(), true, ORIGIN);

    assertThatThrownBy(() -> sso.listAccounts(b -> b.accessToken(token)))
        .isInstanceOf(UnauthorizedException.class);
    assertThat(server.portal().sessions().find(session.id())).isEmpty();
    assertThat(server.portal().directory().access(alice.id())).isEmpty();
  }

  @Test
  void listingsPageWithNextToken() {
    var portal = server.portal();
    for (String name : List.of("b-acct", "c-acct")) {
      String id = portal.accounts().create(name, name + "@example.com", null, ORIGIN).accountId();
      portal.assignments().assign(PrincipalType.USER, alice.id(), id, readOnly.id(), ORIGIN);
    }
    var session = portal.sessions().create(alice.id(), null);
    String token = deviceTokens(session).accessToken();

    var first = sso.listAccounts(b -> b.accessToken(token).maxResults(2));
    assertThat(first.accountList())
        .extracting(AccountInfo::accountName)
        .containsExactly("b-acct", "c-acct");
    var second =
        sso.listAccounts(b -> b.accessToken(token).maxResults(2).nextToken(first.nextToken()));
    assertThat(second.accountList()).extracting(AccountInfo::accountName).containsExactly("dev");
    assertThat(second.nextToken()).isNull();
    assertThat(sso.listAccountsPaginator(b -> b.accessToken(token).maxResults(1)).accountList())
        .extracting(AccountInfo::accountName)
        .containsExactly("b-acct", "c-acct", "dev");
  }

  @Test
  void groupAssignmentsReachTheirMembers() {
    var portal = server.portal();
    User bob = portal.users().create("bob", "Corr3ct-horse".toCharArray(), false, ORIGIN);
    var group = portal.groups().create("eng", null, ORIGIN);
    portal.groups().addMember(group.id(), bob.id(), ORIGIN);
    PermissionSet admin =
        portal
            .permissionSets()
            .create(
                "Admin",
                new PermissionSets.Definition(
                    null,
                    Duration.ofHours(1),
                    null,
                    List.of("arn:aws:iam::aws:policy/AdministratorAccess")),
                ORIGIN);
    portal.assignments().assign(PrincipalType.GROUP, group.id(), member, admin.id(), ORIGIN);
    portal.assignments().assign(PrincipalType.GROUP, group.id(), member, readOnly.id(), ORIGIN);

    assertThat(portal.directory().roleNames(bob.id(), member)).containsExactly("Admin", "ReadOnly");
    assertThat(portal.directory().roleNames(alice.id(), member)).containsExactly("ReadOnly");
    assertThat(MemberAccounts.DEFAULT_ROLE_NAME).isEqualTo("OrganizationAccountAccessRole");
  }
}
