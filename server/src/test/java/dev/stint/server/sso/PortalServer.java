package dev.stint.server.sso;

import dev.stint.server.AdminCredentialsFile;
import dev.stint.server.MutableClock;
import dev.stint.server.ServerConfig;
import dev.stint.server.StintServer;
import dev.stint.server.portal.Origin;
import dev.stint.server.portal.Portal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A real server on a free port over a fresh data directory, with a clock the test moves (starting
 * at the wall clock's second, so SDK-signed requests pass the skew check until the test moves it),
 * and AWS SDK v2 clients pointed at it.
 */
final class PortalServer implements AutoCloseable {
  static final Origin ORIGIN =
      new Origin("arn:aws:iam::000000000000:user/test", "test-request", "127.0.0.1");
  private static final ClientOverrideConfiguration NO_RETRIES =
      ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1)).build();

  final MutableClock clock;
  final StintServer server;
  final Map<String, String> admin;

  private PortalServer(MutableClock clock, StintServer server, Map<String, String> admin) {
    this.clock = clock;
    this.server = server;
    this.admin = admin;
  }

  static PortalServer start(Path dataDir) {
    var clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    StintServer server =
        StintServer.start(ServerConfig.defaults().withPort(0).withDataDir(dataDir), clock);
    return new PortalServer(
        clock, server, AdminCredentialsFile.read(server.adminCredentials().orElseThrow()));
  }

  Portal portal() {
    return server.portal();
  }

  String account() {
    return admin.get("account");
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.port();
  }

  SsoOidcClient oidc() {
    return SsoOidcClient.builder()
        .endpointOverride(URI.create(endpoint()))
        .region(Region.US_EAST_1)
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(NO_RETRIES)
        .credentialsProvider(AnonymousCredentialsProvider.create())
        .build();
  }

  SsoClient sso() {
    return SsoClient.builder()
        .endpointOverride(URI.create(endpoint()))
        .region(Region.US_EAST_1)
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(NO_RETRIES)
        .credentialsProvider(AnonymousCredentialsProvider.create())
        .build();
  }

  StsClient sts(String keyId, String secret, String token) {
    return StsClient.builder()
        .endpointOverride(URI.create(endpoint()))
        .region(Region.US_EAST_1)
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(NO_RETRIES)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AdminCredentialsFile.credentials(keyId, secret, token)))
        .build();
  }

  StsClient adminSts() {
    return sts(admin.get("aws_access_key_id"), admin.get("aws_secret_access_key"), null);
  }

  IamClient adminIam() {
    return IamClient.builder()
        .endpointOverride(URI.create(endpoint()))
        .region(Region.AWS_GLOBAL)
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(NO_RETRIES)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AdminCredentialsFile.credentials(
                    admin.get("aws_access_key_id"), admin.get("aws_secret_access_key"), null)))
        .build();
  }

  OrganizationsClient organizations(String keyId, String secret, String token) {
    return OrganizationsClient.builder()
        .endpointOverride(URI.create(endpoint()))
        .region(Region.US_EAST_1)
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(NO_RETRIES)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AdminCredentialsFile.credentials(keyId, secret, token)))
        .build();
  }

  OrganizationsClient adminOrganizations() {
    return organizations(admin.get("aws_access_key_id"), admin.get("aws_secret_access_key"), null);
  }

  @Override
  public void close() {
    server.close();
  }
}
