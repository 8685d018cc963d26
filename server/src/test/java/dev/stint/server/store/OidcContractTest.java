package dev.stint.server.store;

import static dev.stint.server.store.Fixtures.ACCOUNT;
import static dev.stint.server.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.server.store.DeviceAuthorization.Status;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OIDC contract: clients, device authorizations, codes and tokens, for every backend. */
abstract class OidcContractTest extends ContractTestBase {

  private static final String DEVICE = "d".repeat(64);
  private static final String CODE = "c".repeat(64);
  private static final String SESSION = "5".repeat(64);

  private User alice() {
    return db.users().create(Fixtures.user(ACCOUNT, "alice", "/", "ALICE"));
  }

  private OidcClient client(String id, Instant expires) {
    var c =
        new OidcClient(
            id,
            "e".repeat(64),
            "botocore-client-x",
            "public",
            List.of("sso:account:access"),
            List.of("urn:ietf:params:oauth:grant-type:device_code", "refresh_token"),
            List.of("http://127.0.0.1:4321/oauth/callback", "http://localhost/cb?x=1"),
            "https://start.example/start",
            T0,
            expires);
    db.oidc().createClient(c);
    return c;
  }

  private DeviceAuthorization device(String clientId) {
    var d =
        new DeviceAuthorization(
            DEVICE,
            "BCDF-GHJK",
            clientId,
            "https://start.example/start",
            T0,
            T0.plusSeconds(600),
            1,
            null,
            Status.PENDING,
            null,
            null);
    db.oidc().createDevice(d);
    return d;
  }

  private static OidcToken token(
      String hash, OidcToken.Kind kind, String grant, String user, String session) {
    return new OidcToken(
        hash,
        kind,
        grant,
        "client1",
        user,
        session,
        List.of("sso:account:access"),
        T0,
        T0.plusSeconds(3600),
        null);
  }

  @Test
  void clientsRoundTripWithTheirListsAndEmptyListsStayEmpty() {
    OidcClient c = client("client1", T0.plusSeconds(90));
    assertThat(db.oidc().findClient("client1")).contains(c);
    var bare =
        new OidcClient(
            "client2",
            "f".repeat(64),
            "n",
            "public",
            List.of(),
            List.of(),
            List.of(),
            null,
            T0,
            T0.plusSeconds(1));
    db.oidc().createClient(bare);
    assertThat(db.oidc().findClient("client2")).contains(bare);
    assertThatThrownBy(() -> db.oidc().createClient(bare))
        .isInstanceOf(StoreException.EntityAlreadyExists.class);
  }

  @Test
  void deviceAuthorizationIsPolledDecidedOnceAndRedeemedOnce() {
    User alice = alice();
    client("client1", T0.plusSeconds(9999));
    DeviceAuthorization d = device("client1");
    assertThat(db.oidc().findDeviceByUserCode("BCDF-GHJK")).contains(d);
    assertThatThrownBy(() -> device("client1"))
        .isInstanceOf(StoreException.EntityAlreadyExists.class);

    assertThat(db.oidc().poll(DEVICE, T0.plusSeconds(1))).contains(d);
    assertThat(db.oidc().poll(DEVICE, T0.plusSeconds(2)).orElseThrow().lastPoll())
        .isEqualTo(T0.plusSeconds(1));
    assertThat(db.oidc().poll("0".repeat(64), T0)).isEmpty();

    assertThat(
            db.oidc()
                .decide("BCDF-GHJK", Status.APPROVED, alice.id(), SESSION, T0.plusSeconds(600)))
        .as("expired")
        .isFalse();
    assertThat(
            db.oidc().decide("BCDF-GHJK", Status.APPROVED, alice.id(), SESSION, T0.plusSeconds(3)))
        .isTrue();
    assertThat(db.oidc().decide("BCDF-GHJK", Status.DENIED, alice.id(), SESSION, T0.plusSeconds(4)))
        .isFalse();
    DeviceAuthorization approved = db.oidc().findDevice(DEVICE).orElseThrow();
    assertThat(approved.status()).isEqualTo(Status.APPROVED);
    assertThat(approved.userId()).isEqualTo(alice.id());
    assertThat(approved.sessionHash()).isEqualTo(SESSION);

    assertThat(db.oidc().redeem(DEVICE)).isTrue();
    assertThat(db.oidc().redeem(DEVICE)).isFalse();
    assertThat(db.oidc().findDevice(DEVICE).orElseThrow().status()).isEqualTo(Status.REDEEMED);
  }

  @Test
  void slowingDownRaisesThePollingIntervalOfAPendingAuthorizationOnly() {
    User alice = alice();
    client("client1", T0.plusSeconds(9999));
    device("client1");

    assertThat(db.oidc().slowDown(DEVICE, 5)).isTrue();
    assertThat(db.oidc().slowDown(DEVICE, 5)).isTrue();
    assertThat(db.oidc().findDevice(DEVICE).orElseThrow().intervalSeconds()).isEqualTo(11);
    assertThat(db.oidc().poll(DEVICE, T0.plusSeconds(1)).orElseThrow().intervalSeconds())
        .isEqualTo(11);
    assertThat(db.oidc().slowDown("0".repeat(64), 5)).isFalse();

    assertThat(
            db.oidc().decide("BCDF-GHJK", Status.APPROVED, alice.id(), SESSION, T0.plusSeconds(2)))
        .isTrue();
    assertThat(db.oidc().slowDown(DEVICE, 5)).as("no longer pending").isFalse();
    assertThat(db.oidc().findDevice(DEVICE).orElseThrow().intervalSeconds()).isEqualTo(11);
  }

  @Test
  void deviceOfAnUnknownClientIsRefused() {
    assertThatThrownBy(() -> device("nobody"))
        .isInstanceOf(StoreException.NoSuchEntity.class)
        .hasMessage("The OIDC client with name nobody cannot be found.");
  }

  @Test
  void authorizationCodeIsUsedOnce() {
    User alice = alice();
    client("client1", T0.plusSeconds(9999));
    var code =
        new AuthorizationCode(
            CODE,
            "client1",
            alice.id(),
            SESSION,
            "http://127.0.0.1:4321/oauth/callback",
            "x".repeat(43),
            List.of("sso:account:access"),
            T0,
            T0.plusSeconds(600),
            null);
    db.oidc().createCode(code);
    assertThat(db.oidc().findCode(CODE)).contains(code);
    assertThat(db.oidc().useCode(CODE, T0.plusSeconds(1))).isTrue();
    assertThat(db.oidc().useCode(CODE, T0.plusSeconds(2))).isFalse();
    assertThat(db.oidc().findCode(CODE).orElseThrow().used()).isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void tokensAreRevokedOneByOneByGrantBySessionAndByUser() {
    User alice = alice();
    OidcToken a1 = token("1".repeat(64), OidcToken.Kind.ACCESS, "grant1", alice.id(), SESSION);
    OidcToken r1 = token("2".repeat(64), OidcToken.Kind.REFRESH, "grant1", alice.id(), SESSION);
    OidcToken a2 = token("3".repeat(64), OidcToken.Kind.ACCESS, "grant2", alice.id(), null);
    OidcToken a3 = token("4".repeat(64), OidcToken.Kind.ACCESS, "grant3", alice.id(), null);
    for (OidcToken t : List.of(a1, r1, a2, a3)) {
      db.oidc().createToken(t);
    }
    assertThat(db.oidc().findToken(a1.tokenHash())).contains(a1);
    assertThat(a1.validAt(T0.plusSeconds(3599))).isTrue();
    assertThat(a1.validAt(T0.plusSeconds(3600))).isFalse();

    assertThat(db.oidc().revokeToken(a2.tokenHash(), T0.plusSeconds(1))).isTrue();
    assertThat(db.oidc().revokeToken(a2.tokenHash(), T0.plusSeconds(2))).isFalse();
    assertThat(db.oidc().findToken(a2.tokenHash()).orElseThrow().revoked())
        .isEqualTo(T0.plusSeconds(1));
    assertThat(db.oidc().revokeSession(SESSION, T0.plusSeconds(3))).isEqualTo(2);
    assertThat(db.oidc().revokeGrant("grant1", T0.plusSeconds(4))).isZero();
    assertThat(db.oidc().revokeUser(alice.id(), T0.plusSeconds(5))).isEqualTo(1);
    assertThat(db.oidc().findToken(a3.tokenHash()).orElseThrow().validAt(T0)).isFalse();
  }

  @Test
  void expiredRowsAndExpiredClientsArePruned() {
    User alice = alice();
    client("client1", T0.plusSeconds(100));
    device("client1");
    db.oidc().createToken(token("1".repeat(64), OidcToken.Kind.ACCESS, "g", alice.id(), null));

    assertThat(db.oidc().deleteExpiredBefore(T0.plusSeconds(100))).isZero();
    // The device expired at T0+600, the token at T0+3600, the client at T0+100.
    assertThat(db.oidc().deleteExpiredBefore(T0.plusSeconds(3601))).isEqualTo(3);
    assertThat(db.oidc().findClient("client1")).isEmpty();
    assertThat(db.oidc().findDevice(DEVICE)).isEmpty();
  }
}
