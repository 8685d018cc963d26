package dev.stint.server.iam;

import dev.stint.server.AdminCredentialsFile;
import dev.stint.server.ServerConfig;
import dev.stint.server.StintServer;
import dev.stint.server.portal.Portal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A real server on a free port and a fresh data directory, and AWS SDK v2 clients pointed at it: as
 * the first start's administrator, or with any other credentials. One per test class.
 */
final class IamServer implements AutoCloseable {
  private static final ClientOverrideConfiguration NO_RETRIES =
      ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1)).build();

  private final StintServer server;
  private final Map<String, String> admin;

  private IamServer(StintServer server, Map<String, String> admin) {
    this.server = server;
    this.admin = admin;
  }

  static IamServer start(Path dataDir) {
    StintServer server =
        StintServer.start(
            ServerConfig.defaults().withPort(0).withDataDir(dataDir), Clock.systemUTC());
    return new IamServer(
        server, AdminCredentialsFile.read(server.adminCredentials().orElseThrow()));
  }

  /** The management account the first start created. */
  String account() {
    return admin.get("account");
  }

  /** The server's access portal services, to set up what the portal provisions. */
  Portal portal() {
    return server.portal();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.port();
  }

  IamClient admin() {
    return iam(admin.get("aws_access_key_id"), admin.get("aws_secret_access_key"), null);
  }

  StsClient adminSts() {
    return sts(admin.get("aws_access_key_id"), admin.get("aws_secret_access_key"), null);
  }

  IamClient iam(String keyId, String secret, String token) {
    return IamClient.builder()
        .endpointOverride(URI.create(endpoint()))
        .region(Region.US_EAST_1)
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(NO_RETRIES)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AdminCredentialsFile.credentials(keyId, secret, token)))
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

  @Override
  public void close() {
    server.close();
  }
}
