package dev.stint.interop;

import dev.stint.core.ids.Ids;
import dev.stint.core.token.SessionTokenCodec;
import dev.stint.server.audit.AuditLog;
import dev.stint.server.auth.IdentityPolicies;
import dev.stint.server.keys.MasterKeyFile;
import dev.stint.server.keys.SecretBox;
import dev.stint.server.keys.TokenKeys;
import dev.stint.server.mfa.MfaDevices;
import dev.stint.server.password.PasswordHasher;
import dev.stint.server.portal.Origin;
import dev.stint.server.portal.Portal;
import dev.stint.server.store.Database;
import dev.stint.server.store.DatabaseConfig;
import dev.stint.server.sts.AccessKeyIds;
import dev.stint.server.sts.Issuer;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * The portal's services over a running server's data directory, from the test's own process: what
 * an administrator and a signed-in person do through the web pages (create a user and a permission
 * set, assign it, approve a device code), done directly. The server sees every change at once,
 * since the portal reads the store on every call. Not for issuing credentials: those come from the
 * server under test.
 */
final class PortalSideChannel implements AutoCloseable {
  static final Origin ORIGIN =
      new Origin("arn:aws:iam::000000000000:user/interop", "interop", "127.0.0.1");

  private final Database db;
  private final AuditLog audit;
  private final Portal portal;

  private PortalSideChannel(Database db, AuditLog audit, Portal portal) {
    this.db = db;
    this.audit = audit;
    this.portal = portal;
  }

  static PortalSideChannel open(Path dataDir) throws IOException {
    var random = new SecureRandom();
    Clock clock = Clock.systemUTC();
    Database db = Database.open(DatabaseConfig.dataDirectory(dataDir));
    var box = new SecretBox(MasterKeyFile.loadOrCreate(dataDir, random), random);
    var keys = TokenKeys.open(db.tokenKeys(), box, clock, random, Duration.ofDays(1));
    var audit = AuditLog.direct(db.audit());
    var ids = new Ids(random);
    var issuer =
        new Issuer(
            new SessionTokenCodec(keys.ring(), random), ids, new AccessKeyIds(random), audit);
    var portal =
        Portal.create(
            db,
            issuer,
            new IdentityPolicies(db, clock),
            new MfaDevices(db, box),
            box,
            new PasswordHasher(random),
            audit,
            ids,
            random,
            clock);
    return new PortalSideChannel(db, audit, portal);
  }

  Portal portal() {
    return portal;
  }

  @Override
  public void close() {
    audit.close();
    db.close();
  }
}
