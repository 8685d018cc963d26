package dev.stint.server.sts;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.stint.core.credentials.Credentials;
import dev.stint.server.MutableClock;
import dev.stint.server.ServerConfig;
import dev.stint.server.StintServer;
import dev.stint.server.keys.MasterKeyFile;
import dev.stint.server.keys.SecretBox;
import dev.stint.server.store.AccessKey;
import dev.stint.server.store.AuditEvent;
import dev.stint.server.store.AuditQuery;
import dev.stint.server.store.Database;
import dev.stint.server.store.DatabaseConfig;
import dev.stint.server.store.InlinePolicy;
import dev.stint.server.store.Role;
import dev.stint.server.store.User;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** STS over HTTP against an in-process server whose clock the test moves. */
class StsApiTest {
  private static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(T0);
  private StintServer server;
  private QueryClient client;
  private Credentials admin;
  private String account;
  private Database db;
  private SecretBox box;

  @BeforeEach
  void start() throws Exception {
    server = StintServer.start(ServerConfig.defaults().withPort(0).withDataDir(dir), clock);
    client = new QueryClient("http://127.0.0.1:" + server.port());
    Map<String, String> file = new LinkedHashMap<>();
    for (String line : Files.readAllLines(dir.resolve("admin-credentials.ini"))) {
      String l = line.startsWith("#") ? line.substring(1).strip() : line;
      int eq = l.indexOf(" = ");
      if (eq > 0) {
        file.put(l.substring(0, eq), l.substring(eq + 3));
      }
    }
    admin =
        new Credentials(
            file.get("aws_access_key_id"), file.get("aws_secret_access_key"), null, null);
    account = file.get("account");
    db = Database.open(DatabaseConfig.dataDirectory(dir));
    box = new SecretBox(MasterKeyFile.loadOrCreate(dir, new SecureRandom()), new SecureRandom());
  }

  @AfterEach
  void stop() {
    db.close();
    server.close();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private Role role(String name, String trust, int maxSeconds) {
    return db.roles()
        .create(
            new Role(
                "AROA"
                    + name.toUpperCase(java.util.Locale.ROOT)
                        .replaceAll("[^A-Z0-9]", "")
                        .concat("AAAAAAAAAAAAAAAAA")
                        .substring(0, 17),
                account,
                name,
                "/",
                "arn:aws:iam::" + account + ":role/" + name,
                trust,
                null,
                maxSeconds,
                T0,
                Map.of()));
  }

  private Credentials user(String name) {
    String id =
        "AIDA"
            + name.toUpperCase(java.util.Locale.ROOT).concat("AAAAAAAAAAAAAAAAA").substring(0, 17);
    db.users()
        .create(
            new User(
                id, account, name, "/", "arn:aws:iam::" + account + ":user/" + name, T0, Map.of()));
    String key = new AccessKeyIds(new SecureRandom()).longTerm(account);
    String secret = "s".repeat(40);
    db.accessKeys()
        .create(
            new AccessKey(
                key,
                id,
                AccessKey.Status.ACTIVE,
                box.seal("access-key", key, secret.getBytes(StandardCharsets.US_ASCII)),
                T0,
                null));
    return new Credentials(key, secret, null, null);
  }

  private String trusting(String principalArn) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
        + principalArn
        + "\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}";
  }

  private long dbConnectionsTaken() throws Exception {
    Matcher m =
        Pattern.compile("hikaricp_connections_usage_seconds_count\\{pool=\"stint-db\"} (\\S+)")
            .matcher(client.get("/metrics"));
    assertThat(m.find()).isTrue();
    return (long) Double.parseDouble(m.group(1));
  }

  @Test
  void sessionCredentialsWorkUntilTheirExpiryThenFailWithExpiredToken() throws Exception {
    var issued = client.sts(admin, clock.instant(), "Action=GetSessionToken&DurationSeconds=900");
    assertThat(issued.status()).isEqualTo(200);
    Credentials session = issued.credentials();
    assertThat(session.expiration()).isEqualTo(T0.plusSeconds(900));

    clock.advance(Duration.ofSeconds(899));
    var me = client.sts(session, clock.instant(), "Action=GetCallerIdentity");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.field("Arn")).isEqualTo("arn:aws:iam::" + account + ":user/admin");

    clock.advance(Duration.ofSeconds(1));
    var expired = client.sts(session, clock.instant(), "Action=GetCallerIdentity");
    assertThat(expired.status()).isEqualTo(403);
    assertThat(expired.error())
        .isEqualTo("ExpiredToken: The security token included in the request is expired");
  }

  @Test
  void anIssuanceAnsweredLaterIsLoggedAndTimedUnderItsActionKeyAndRequestId() throws Exception {
    var access = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("stint.access");
    var lines = new ListAppender<ILoggingEvent>();
    lines.start();
    Level level = access.getLevel();
    access.setLevel(Level.INFO);
    access.setAdditive(false);
    access.addAppender(lines);
    try {
      var issued = client.sts(admin, clock.instant(), "Action=GetSessionToken");
      var me = client.sts(issued.credentials(), clock.instant(), "Action=GetCallerIdentity");
      assertThat(me.status()).isEqualTo(200);
      // The log line is written once the response is complete, after the client has it.
      for (int i = 0; i < 500 && lines.list.size() < 2; i++) {
        Thread.sleep(10);
      }
      assertThat(lines.list)
          .extracting(ILoggingEvent::getFormattedMessage)
          .map(line -> line.replaceFirst(" ms=[0-9.]+ ", " ms=T "))
          .containsExactly(
              "POST / action=GetSessionToken status=200 ms=T request="
                  + issued.field("RequestId")
                  + " key="
                  + admin.accessKeyId(),
              "POST / action=GetCallerIdentity status=200 ms=T request="
                  + me.field("RequestId")
                  + " key="
                  + issued.credentials().accessKeyId());
    } finally {
      access.detachAppender(lines);
      access.setAdditive(true);
      access.setLevel(level);
    }
    var metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(metrics)
        .contains("stint_http_requests_seconds_count{action=\"GetSessionToken\",status=\"200\"} 1")
        .contains(
            "stint_http_requests_seconds_count{action=\"GetCallerIdentity\",status=\"200\"} 1");
  }

  @Test
  void verifyingSessionCredentialsTakesNoDatabaseConnection() throws Exception {
    Credentials session =
        client.sts(admin, clock.instant(), "Action=GetSessionToken").credentials();
    client.sts(session, clock.instant(), "Action=GetCallerIdentity");
    // The admin key's last use is recorded off the request path; once IAM reports it, nothing
    // else is in flight.
    String lastUsed = "";
    for (int i = 0; i < 500 && !lastUsed.contains("<LastUsedDate>"); i++) {
      lastUsed =
          client
              .call(
                  admin,
                  clock.instant(),
                  "iam",
                  "Action=GetAccessKeyLastUsed&Version=2010-05-08&AccessKeyId="
                      + admin.accessKeyId())
              .body();
    }
    assertThat(lastUsed)
        .contains("<LastUsedDate>2026-11-29T12:00:00Z</LastUsedDate>")
        .contains("<ServiceName>sts</ServiceName>")
        .contains("<Region>us-east-1</Region>");
    // The issuance's audit record reaches the database off the request path too: let it land.
    assertThat(
            server
                .audit()
                .query(new AuditQuery(T0.minusSeconds(1), T0.plusSeconds(1), null, null, 10)))
        .hasSize(1);
    long before = dbConnectionsTaken();
    for (int i = 0; i < 50; i++) {
      assertThat(client.sts(session, clock.instant(), "Action=GetCallerIdentity").status())
          .isEqualTo(200);
    }
    assertThat(dbConnectionsTaken()).isEqualTo(before);
  }

  @Test
  void aRequestSignedOutsideTheSkewWindowIsRefusedAsAwsDoes() throws Exception {
    var late = client.sts(admin, T0.minusSeconds(301), "Action=GetCallerIdentity");
    assertThat(late.status()).isEqualTo(403);
    assertThat(late.field("Code")).isEqualTo("SignatureDoesNotMatch");
    assertThat(late.field("Message"))
        .isEqualTo(
            "Signature expired: 20261129T115459Z is now earlier than 20261129T115500Z"
                + " (20261129T120000Z - 5 min.)");
    assertThat(client.sts(admin, T0.minusSeconds(300), "Action=GetCallerIdentity").status())
        .isEqualTo(200);
  }

  @Test
  void assumeRoleIssuesARoleSessionWithinTheRulesForDuration() throws Exception {
    String adminArn = "arn:aws:iam::" + account + ":user/admin";
    Role r = role("deploy", trusting(adminArn), 7200);
    var ok =
        client.sts(
            admin,
            clock.instant(),
            "Action=AssumeRole&RoleSessionName=ci&DurationSeconds=7200&RoleArn="
                + enc(r.arn())
                + "&Tags.member.1.Key=team&Tags.member.1.Value=blue");
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.field("Arn")).isEqualTo("arn:aws:sts::" + account + ":assumed-role/deploy/ci");
    assertThat(ok.field("AssumedRoleId")).isEqualTo(r.id() + ":ci");
    assertThat(ok.field("Expiration")).isEqualTo("2026-11-29T14:00:00Z");
    assertThat(Integer.parseInt(ok.field("PackedPolicySize"))).isBetween(1, 5);
    Credentials session = ok.credentials();
    var me = client.sts(session, clock.instant(), "Action=GetCallerIdentity");
    assertThat(me.field("Arn")).isEqualTo("arn:aws:sts::" + account + ":assumed-role/deploy/ci");
    assertThat(me.field("UserId")).isEqualTo(r.id() + ":ci");

    var tooLong =
        client.sts(
            admin,
            clock.instant(),
            "Action=AssumeRole&RoleSessionName=ci&DurationSeconds=7201&RoleArn=" + enc(r.arn()));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.error())
        .isEqualTo(
            "ValidationError: The requested DurationSeconds exceeds the MaxSessionDuration set for"
                + " this role.");

    Role next = role("next", trusting(r.arn()), 43200);
    db.roles()
        .putPolicy(
            r.id(),
            new InlinePolicy(
                "assume",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                    + "\"sts:AssumeRole\",\"Resource\":\"*\"}]}"));
    clock.advance(Duration.ofSeconds(6));
    var chainedTooLong =
        client.sts(
            session,
            clock.instant(),
            "Action=AssumeRole&RoleSessionName=hop&DurationSeconds=3601&RoleArn="
                + enc(next.arn()));
    assertThat(chainedTooLong.error())
        .isEqualTo(
            "ValidationError: The requested DurationSeconds exceeds the 1 hour session limit for"
                + " roles assumed by role chaining.");
    var chained =
        client.sts(
            session,
            clock.instant(),
            "Action=AssumeRole&RoleSessionName=hop&RoleArn=" + enc(next.arn()));
    assertThat(chained.status()).as(chained.body()).isEqualTo(200);
    assertThat(chained.field("Arn"))
        .isEqualTo("arn:aws:sts::" + account + ":assumed-role/next/hop");
  }

  @Test
  void anUntrustedUserIsDeniedAndTheDenialNamesTheRole() throws Exception {
    Role r = role("deploy", trusting("arn:aws:iam::" + account + ":user/admin"), 3600);
    Credentials bob = user("bob");
    db.users()
        .putPolicy(
            db.users().findByName(account, "bob").orElseThrow().id(),
            new InlinePolicy(
                "all",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
                    + "\"Resource\":\"*\"}]}"));
    var denied =
        client.sts(
            bob, clock.instant(), "Action=AssumeRole&RoleSessionName=bobs&RoleArn=" + enc(r.arn()));
    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.error())
        .isEqualTo(
            "AccessDenied: User: arn:aws:iam::"
                + account
                + ":user/bob is not authorized to perform: sts:AssumeRole on resource: "
                + r.arn());
  }

  @Test
  void sessionPolicyNarrowsTheRoleAndTokenIssueTimeRevokesOlderSessions() throws Exception {
    String adminArn = "arn:aws:iam::" + account + ":user/admin";
    Role r = role("ops", trusting("arn:aws:iam::" + account + ":root"), 3600);
    db.roles()
        .putPolicy(
            r.id(),
            new InlinePolicy(
                "all",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
                    + "\"Resource\":\"*\"}]}"));
    String narrow =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
            + "\"sts:GetCallerIdentity\",\"Resource\":\"*\"}]}";
    Credentials narrowed =
        client
            .sts(
                admin,
                clock.instant(),
                "Action=AssumeRole&RoleSessionName=narrow&Policy="
                    + enc(narrow)
                    + "&RoleArn="
                    + enc(r.arn()))
            .credentials();
    var denied =
        client.sts(
            narrowed,
            clock.instant(),
            "Action=AssumeRole&RoleSessionName=more&RoleArn=" + enc(r.arn()));
    assertThat(denied.error())
        .isEqualTo(
            "AccessDenied: User: arn:aws:sts::"
                + account
                + ":assumed-role/ops/narrow is not authorized to perform: sts:AssumeRole on resource: "
                + r.arn()
                + " because no session policy allows the sts:AssumeRole action");

    Credentials older =
        client
            .sts(
                admin,
                clock.instant(),
                "Action=AssumeRole&RoleSessionName=old&RoleArn=" + enc(r.arn()))
            .credentials();
    clock.advance(Duration.ofSeconds(10));
    String cutoff = clock.instant().toString();
    db.roles()
        .putPolicy(
            r.id(),
            new InlinePolicy(
                "AWSRevokeOlderSessions",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\","
                    + "\"Resource\":\"*\",\"Condition\":{\"DateLessThan\":{\"aws:TokenIssueTime\":\""
                    + cutoff
                    + "\"}}}]}"));
    clock.advance(Duration.ofSeconds(6));
    Credentials newer =
        client
            .sts(
                admin,
                clock.instant(),
                "Action=AssumeRole&RoleSessionName=new&RoleArn=" + enc(r.arn()))
            .credentials();
    String form = "Action=GetFederationToken&Name=fed";
    assertThat(
            client
                .sts(
                    older,
                    clock.instant(),
                    "Action=AssumeRole&RoleSessionName=again&RoleArn=" + enc(r.arn()))
                .error())
        .startsWith("AccessDenied: User: arn:aws:sts::" + account + ":assumed-role/ops/old")
        .endsWith("with an explicit deny in an identity-based policy");
    assertThat(
            client
                .sts(
                    newer,
                    clock.instant(),
                    "Action=AssumeRole&RoleSessionName=again&RoleArn=" + enc(r.arn()))
                .status())
        .isEqualTo(200);
    assertThat(client.sts(newer, clock.instant(), form).error())
        .isEqualTo("AccessDenied: Cannot call GetFederationToken with session credentials");
  }

  @Test
  void everyIssuanceIsAuditedBeforeTheResponse() throws Exception {
    Credentials session =
        client.sts(admin, clock.instant(), "Action=GetSessionToken").credentials();
    var events =
        server.audit().query(new AuditQuery(T0.minusSeconds(1), T0.plusSeconds(1), null, null, 10));
    assertThat(events).hasSize(1);
    AuditEvent e = events.get(0);
    assertThat(e.action()).isEqualTo("sts:GetSessionToken");
    assertThat(e.actor()).isEqualTo("arn:aws:iam::" + account + ":user/admin");
    assertThat(e.expiry()).isEqualTo(session.expiration());
    assertThat(e.details()).contains("accessKeyId=" + session.accessKeyId());
    assertThat(e.details()).doesNotContain(session.secretAccessKey());
  }

  @Test
  void anIssuanceWhoseAuditRecordCannotBeWrittenGetsInternalFailureAndNoCredentials()
      throws Exception {
    assertThat(client.sts(admin, clock.instant(), "Action=GetSessionToken").status())
        .isEqualTo(200);
    Path journal = dir.resolve(StintServer.AUDIT_JOURNAL);
    // Once that segment is copied, the next issuance starts a new one: make that impossible.
    for (int i = 0; i < 200 && journalSegments(journal) > 0; i++) {
      Thread.sleep(25);
    }
    assertThat(journalSegments(journal)).isZero();
    Path away = dir.resolve("journal-away");
    Files.move(journal, away);
    Files.writeString(journal, "not a directory");

    for (String form :
        new String[] {
          "Action=GetSessionToken",
          "Action=GetFederationToken&Name=fed",
          "Action=AssumeRole&RoleSessionName=session&RoleArn="
              + enc(role("deploy", trusting("arn:aws:iam::" + account + ":root"), 3600).arn())
        }) {
      var failed = client.sts(admin, clock.instant(), form);
      assertThat(failed.status()).as(form).isEqualTo(500);
      assertThat(failed.body())
          .contains("<Code>InternalFailure</Code>")
          .contains(
              "<Message>The request processing has failed because of an unknown error,"
                  + " exception or failure.</Message>")
          .doesNotContain("SessionToken")
          .doesNotContain("SecretAccessKey");
    }

    Files.delete(journal);
    Files.move(away, journal);
    assertThat(client.sts(admin, clock.instant(), "Action=GetSessionToken").status())
        .isEqualTo(200);
  }

  private static long journalSegments(Path journal) throws Exception {
    try (var files = Files.list(journal)) {
      return files.filter(p -> p.toString().endsWith(".journal")).count();
    }
  }

  @Test
  void iamChangesAreAuditedAndReadsAreNot() throws Exception {
    assertThat(
            client
                .call(
                    admin,
                    clock.instant(),
                    "iam",
                    "Action=CreateUser&Version=2010-05-08&UserName=carol")
                .status())
        .isEqualTo(200);
    client.call(admin, clock.instant(), "iam", "Action=GetUser&Version=2010-05-08&UserName=carol");
    var events =
        server.audit().query(new AuditQuery(T0.minusSeconds(1), T0.plusSeconds(1), null, null, 10));
    assertThat(events)
        .extracting(AuditEvent::action, AuditEvent::target, AuditEvent::actor)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "iam:CreateUser", "UserName=carol", "arn:aws:iam::" + account + ":user/admin"));
  }

  @Test
  void unknownActionsAndVersionsGetAwsErrors() throws Exception {
    var unknown = client.sts(admin, clock.instant(), "Action=Nope");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.error())
        .isEqualTo("InvalidAction: Could not find operation Nope for version 2011-06-15");
    var version =
        client.call(admin, clock.instant(), "sts", "Action=GetCallerIdentity&Version=2099-01-01");
    assertThat(version.error())
        .isEqualTo(
            "InvalidAction: Could not find operation GetCallerIdentity for version 2099-01-01");
  }
}
