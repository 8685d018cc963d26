package dev.stint.server;

import dev.stint.core.ids.Ids;
import dev.stint.core.token.SessionTokenCodec;
import dev.stint.server.audit.AuditLog;
import dev.stint.server.auth.Authorizer;
import dev.stint.server.auth.IdentityPolicies;
import dev.stint.server.auth.Revocations;
import dev.stint.server.auth.SigV4Authenticator;
import dev.stint.server.bootstrap.FirstStart;
import dev.stint.server.http.HttpStack;
import dev.stint.server.http.RequestLog;
import dev.stint.server.iam.IamService;
import dev.stint.server.keys.MasterKeyFile;
import dev.stint.server.keys.SecretBox;
import dev.stint.server.keys.TokenKeys;
import dev.stint.server.mfa.MfaDevices;
import dev.stint.server.ops.OpsRoutes;
import dev.stint.server.ops.Readiness;
import dev.stint.server.organizations.OrganizationsRoutes;
import dev.stint.server.password.PasswordHasher;
import dev.stint.server.policy.PolicyEvaluator;
import dev.stint.server.portal.Portal;
import dev.stint.server.query.QueryRoutes;
import dev.stint.server.sso.SsoRoutes;
import dev.stint.server.store.Database;
import dev.stint.server.store.DatabaseConfig;
import dev.stint.server.sts.AccessKeyIds;
import dev.stint.server.sts.Issuer;
import dev.stint.server.sts.StsService;
import dev.stint.server.web.WebRoutes;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the server: builds every part from a {@link ServerConfig} and lets each
 * feature register its routes on one HTTP origin. Start with {@link #start}; {@link #close} drains
 * in-flight requests and releases everything. Thread-safe.
 */
public final class StintServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StintServer.class);
  static final Duration TOKEN_KEY_ROTATION = Duration.ofDays(1);

  /** The audit journal's directory under the data directory (embedded database only). */
  public static final String AUDIT_JOURNAL = "audit-journal";

  private final Javalin app;
  private final Readiness readiness;
  private final PrometheusMeterRegistry metrics;
  private final Database db;
  private final AuditLog audit;
  private final ScheduledExecutorService maintenance;
  private final Optional<Path> adminCredentials;
  private final Portal portal;

  private StintServer(
      Javalin app,
      Readiness readiness,
      PrometheusMeterRegistry metrics,
      Database db,
      AuditLog audit,
      ScheduledExecutorService maintenance,
      Optional<Path> adminCredentials,
      Portal portal) {
    this.app = app;
    this.readiness = readiness;
    this.metrics = metrics;
    this.db = db;
    this.audit = audit;
    this.maintenance = maintenance;
    this.adminCredentials = adminCredentials;
    this.portal = portal;
  }

  /** Builds the parts, starts listening and returns once the server answers requests. */
  public static StintServer start(ServerConfig config, Clock clock) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    Instant begun = clock.instant();
    var random = new SecureRandom();
    var metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    var readiness = new Readiness();
    var requestLog = new RequestLog(metrics, clock);
    var ops = new OpsRoutes(readiness, metrics);

    var passwords = new PasswordHasher(random);
    // On an empty data directory with the embedded database, the first start's slowest step runs
    // beside the schema's creation.
    CompletableFuture<FirstStart.InitialPassword> initialPassword =
        config.jdbcUrl().isEmpty()
                && !Files.exists(config.dataDir().resolve(DatabaseConfig.SQLITE_FILE_NAME))
            ? FirstStart.prepare(passwords, random)
            : null;
    Database db =
        Database.open(
            config
                .jdbcUrl()
                .map(DatabaseConfig::jdbcUrl)
                .orElseGet(() -> DatabaseConfig.dataDirectory(config.dataDir())),
            metrics);
    SecretBox box;
    try {
      box = new SecretBox(MasterKeyFile.loadOrCreate(config.dataDir(), random), random);
    } catch (IOException e) {
      db.close();
      throw new UncheckedIOException("cannot read or create the master key", e);
    }
    var tokenKeys = TokenKeys.open(db.tokenKeys(), box, clock, random, TOKEN_KEY_ROTATION);
    var codec = new SessionTokenCodec(tokenKeys.ring(), random);
    var revocations = new Revocations(db.revocations(), clock);
    var evaluator = new PolicyEvaluator(clock);
    var identities = new IdentityPolicies(db, clock);
    var authorizer = new Authorizer(identities, evaluator);
    // The embedded database's journal lives on the same disk; a shared database is written
    // directly.
    var audit =
        config.jdbcUrl().isPresent()
            ? AuditLog.direct(db.audit())
            : AuditLog.journaled(db.audit(), config.dataDir().resolve(AUDIT_JOURNAL));
    var ids = new Ids(random);
    var keyIds = new AccessKeyIds(random);
    var issuer = new Issuer(codec, ids, keyIds, audit);
    var mfa = new MfaDevices(db, box);
    var sts = StsService.create(identities, authorizer, evaluator, issuer, mfa);
    var authenticator =
        new SigV4Authenticator(
            db,
            box,
            codec,
            tokenKeys,
            revocations,
            clock,
            config.clockSkew(),
            List.of("sts", "iam", "organizations"));
    var iam =
        IamService.create(
            db,
            authorizer,
            identities,
            box,
            ids,
            keyIds,
            passwords,
            random,
            authenticator::forgetKey,
            audit);
    var query = new QueryRoutes(List.of(sts, iam), authenticator, clock);
    var portal =
        Portal.create(db, issuer, identities, mfa, box, passwords, audit, ids, random, clock);
    var web = new WebRoutes(portal, db, audit, random, clock);
    var sso = new SsoRoutes(portal);
    var organizations =
        new OrganizationsRoutes(portal.accounts(), authenticator, authorizer, clock);

    Javalin app =
        Javalin.create(
            cfg -> {
              HttpStack.configure(cfg);
              cfg.jetty.host = config.bind();
              cfg.jetty.port = config.port();
              cfg.jetty.modifyServer(server -> server.setStopTimeout(10_000));
              requestLog.register(cfg);
              ops.register(cfg.routes);
              // One POST / for two protocols: AWS JSON 1.1 names its operation in X-Amz-Target.
              cfg.routes.post(
                  "/",
                  ctx -> {
                    if (ctx.header("X-Amz-Target") != null) {
                      organizations.handle(ctx);
                    } else {
                      query.handle(ctx);
                    }
                  });
              sso.register(cfg.routes);
              web.register(cfg.routes);
              cfg.routes.get(
                  "/",
                  ctx -> {
                    if (QueryRoutes.isQueryGet(ctx)) {
                      query.handle(ctx);
                    } else {
                      web.home(ctx);
                    }
                  });
            });
    app.start();
    String endpoint = "http://" + config.bind() + ":" + app.port();
    Optional<Path> adminFile;
    try {
      adminFile =
          new FirstStart(db, box, ids, keyIds, random, passwords, clock)
              .ensure(config.dataDir(), endpoint, initialPassword);
    } catch (IOException e) {
      app.stop();
      audit.close();
      db.close();
      throw new UncheckedIOException("cannot write the administrator credentials", e);
    }
    ScheduledExecutorService maintenance =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("stint-maintenance").daemon().unstarted(r));
    maintenance.scheduleWithFixedDelay(
        () -> guarded("revocation refresh", revocations::refresh), 2, 2, TimeUnit.SECONDS);
    maintenance.scheduleWithFixedDelay(
        () ->
            guarded(
                "key maintenance",
                () -> {
                  tokenKeys.maintain();
                  revocations.prune();
                }),
        60,
        60,
        TimeUnit.SECONDS);
    maintenance.scheduleWithFixedDelay(
        () -> guarded("portal maintenance", portal::prune), 300, 300, TimeUnit.SECONDS);
    readiness.ready();
    portal.signIn().prepare();
    log.info(
        "stint listening on {} (started in {} ms)",
        endpoint,
        Duration.between(begun, clock.instant()).toMillis());
    return new StintServer(app, readiness, metrics, db, audit, maintenance, adminFile, portal);
  }

  private static void guarded(String what, Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      log.warn("{} failed; retrying later", what, e);
    }
  }

  /** The port the server listens on (useful when the config asked for port 0). */
  public int port() {
    return app.port();
  }

  /** The administrator credentials file written by this start, if it was the first. */
  public Optional<Path> adminCredentials() {
    return adminCredentials;
  }

  /**
   * The access portal's services: what the web pages build on, and what in-process tests use to act
   * as a signed-in user (approve a device code, sign in).
   */
  public Portal portal() {
    return portal;
  }

  /** The audit log: what the admin pages read, and what tests check issuances against. */
  public AuditLog audit() {
    return audit;
  }

  PrometheusMeterRegistry metrics() {
    return metrics;
  }

  /** Stops taking new work, lets in-flight requests finish, then releases everything. */
  @Override
  public void close() {
    readiness.draining();
    app.stop();
    maintenance.shutdownNow();
    audit.close();
    db.close();
    metrics.close();
    log.info("stint stopped");
  }
}
