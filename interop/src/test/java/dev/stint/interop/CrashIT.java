package dev.stint.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.server.store.AuditEvent;
import dev.stint.server.store.AuditQuery;
import dev.stint.server.store.Database;
import dev.stint.server.store.DatabaseConfig;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * {@code kill -9} under AssumeRole load, then a restart on the same data: every credential a client
 * received before the kill has its audit record and still verifies. On SQLite and PostgreSQL.
 */
class CrashIT {
  @TempDir Path dir;

  @Test
  void sqliteKeepsEveryIssuedCredentialAcrossAKill() throws Exception {
    Path data = dir.resolve("data");
    crashAndCheck(data, List.of(), () -> Database.open(DatabaseConfig.dataDirectory(data)));
  }

  @Test
  void postgresKeepsEveryIssuedCredentialAcrossAKill() throws Exception {
    String name = "stint_crash_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(5));
    String admin = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
    try (var c = DriverManager.getConnection(admin);
        var s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    String url = "jdbc:postgresql://127.0.0.1:5432/" + name + "?user=postgres";
    try {
      crashAndCheck(
          dir.resolve("data"),
          List.of("--db", url),
          () -> Database.open(DatabaseConfig.jdbcUrl(url)));
    } finally {
      try (var c = DriverManager.getConnection(admin);
          var s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    }
  }

  private interface Opener {
    Database open();
  }

  private void crashAndCheck(Path data, List<String> args, Opener opener) throws Exception {
    var received = new ConcurrentLinkedQueue<Credentials>();
    String roleArn;
    Instant started = Instant.now();
    try (StintProcess server = StintProcess.start(data, args.toArray(String[]::new))) {
      Map<String, String> file = server.adminCredentials();
      var adminKeys =
          AwsBasicCredentials.create(
              file.get("aws_access_key_id"), file.get("aws_secret_access_key"));
      try (IamClient iam =
          IamClient.builder()
              .endpointOverride(URI.create(server.endpoint()))
              .region(Region.US_EAST_1)
              .httpClient(UrlConnectionHttpClient.create())
              .credentialsProvider(StaticCredentialsProvider.create(adminKeys))
              .build()) {
        roleArn =
            iam.createRole(
                    r ->
                        r.roleName("load")
                            .assumeRolePolicyDocument(
                                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                                    + "\"Principal\":{\"AWS\":\"arn:aws:iam::"
                                    + file.get("account")
                                    + ":user/admin\"},\"Action\":\"sts:AssumeRole\"}]}"))
                .role()
                .arn();
      }
      var stop = new AtomicBoolean();
      var pool = Executors.newFixedThreadPool(8);
      for (int t = 0; t < 8; t++) {
        int thread = t;
        pool.submit(
            () -> {
              try (StsClient sts = sts(server.endpoint(), adminKeys)) {
                while (!stop.get()) {
                  received.add(
                      sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("s-" + thread))
                          .credentials());
                }
              } catch (RuntimeException e) {
                // the server died under us: what was received so far is what counts
              }
              return null;
            });
      }
      while (received.size() < 200) {
        Thread.sleep(10);
      }
      server.kill();
      stop.set(true);
      pool.shutdown();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }
    List<Credentials> issued = new ArrayList<>(received);
    assertThat(issued.size()).isGreaterThanOrEqualTo(200);

    try (StintProcess again = StintProcess.start(data, args.toArray(String[]::new))) {
      Set<String> audited;
      try (Database db = opener.open()) {
        audited =
            db
                .audit()
                .query(
                    new AuditQuery(
                        started.minusSeconds(5),
                        Instant.now().plusSeconds(5),
                        null,
                        "sts:AssumeRole",
                        10_000))
                .stream()
                .map(AuditEvent::details)
                .collect(Collectors.toSet());
      }
      for (Credentials c : issued) {
        assertThat(audited).anyMatch(d -> d.contains("accessKeyId=" + c.accessKeyId()));
      }
      for (Credentials c : issued.subList(issued.size() - 20, issued.size())) {
        AwsCredentials session =
            AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
        try (StsClient sts = sts(again.endpoint(), session)) {
          assertThat(sts.getCallerIdentity().arn())
              .matches("arn:aws:sts::[0-9]{12}:assumed-role/load/s-[0-7]");
        }
      }
    }
  }

  private static StsClient sts(String endpoint, AwsCredentials credentials) {
    return StsClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()))
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .build();
  }
}
