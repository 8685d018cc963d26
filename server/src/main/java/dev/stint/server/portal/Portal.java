package dev.stint.server.portal;

import dev.stint.core.ids.Ids;
import dev.stint.server.audit.AuditLog;
import dev.stint.server.auth.IdentityPolicies;
import dev.stint.server.keys.SecretBox;
import dev.stint.server.mfa.MfaDevices;
import dev.stint.server.password.PasswordHasher;
import dev.stint.server.policy.PolicyEvaluator;
import dev.stint.server.store.Database;
import dev.stint.server.sts.Issuer;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The access portal's services, built once by the composition root and shared by the web pages, the
 * Identity Center portal and OIDC APIs, and the Organizations API. Thread-safe, as is every service
 * it hands out.
 */
public final class Portal {
  private final PortalSettings settings;
  private final PortalSessions sessions;
  private final SignIn signIn;
  private final PortalUsers users;
  private final Groups groups;
  private final PermissionSets permissionSets;
  private final Assignments assignments;
  private final Directory directory;
  private final PortalCredentials credentials;
  private final OidcClients oidcClients;
  private final DeviceAuthorizations devices;
  private final PkceAuthorizations pkce;
  private final OidcTokens tokens;
  private final MemberAccounts accounts;
  private final AuditTrail auditTrail;
  private final Administration administration;

  private Portal(
      PortalSettings settings,
      PortalSessions sessions,
      SignIn signIn,
      PortalUsers users,
      Groups groups,
      PermissionSets permissionSets,
      Assignments assignments,
      Directory directory,
      PortalCredentials credentials,
      OidcClients oidcClients,
      DeviceAuthorizations devices,
      PkceAuthorizations pkce,
      OidcTokens tokens,
      MemberAccounts accounts,
      AuditTrail auditTrail,
      Administration administration) {
    this.settings = settings;
    this.sessions = sessions;
    this.signIn = signIn;
    this.users = users;
    this.groups = groups;
    this.permissionSets = permissionSets;
    this.assignments = assignments;
    this.directory = directory;
    this.credentials = credentials;
    this.oidcClients = oidcClients;
    this.devices = devices;
    this.pkce = pkce;
    this.tokens = tokens;
    this.accounts = accounts;
    this.auditTrail = auditTrail;
    this.administration = administration;
  }

  /** Builds every service over one store. */
  public static Portal create(
      Database db,
      Issuer issuer,
      IdentityPolicies identities,
      MfaDevices mfa,
      SecretBox box,
      PasswordHasher passwords,
      AuditLog auditLog,
      Ids ids,
      SecureRandom random,
      Clock clock) {
    var secrets = new Secrets(random);
    var audit = new PortalAudit(auditLog, clock);
    var settings = new PortalSettings(db, secrets, audit);
    var sessions = new PortalSessions(db, settings, secrets, clock);
    var provisioner = new Provisioner(db, identities, ids, secrets, clock);
    var permissionSets = new PermissionSets(db, provisioner, secrets, audit, clock);
    var directory = new Directory(db);
    var clients = new OidcClients(db, secrets, clock);
    var devices = new DeviceAuthorizations(db, clients, secrets, audit, clock);
    var pkce = new PkceAuthorizations(db, clients, secrets, audit, clock);
    return new Portal(
        settings,
        sessions,
        new SignIn(db, sessions, mfa, box, passwords, random, audit, clock),
        new PortalUsers(db, passwords, identities, ids, audit, clock),
        new Groups(db, secrets, audit, clock),
        permissionSets,
        new Assignments(db, provisioner, permissionSets, audit, clock),
        directory,
        new PortalCredentials(db, directory, provisioner, issuer, clock),
        clients,
        devices,
        pkce,
        new OidcTokens(db, clients, devices, pkce, settings, secrets, audit, clock),
        new MemberAccounts(db, settings, ids, secrets, audit, clock),
        new AuditTrail(auditLog),
        new Administration(db, identities, new PolicyEvaluator(clock), clock));
  }

  public PortalSettings settings() {
    return settings;
  }

  public PortalSessions sessions() {
    return sessions;
  }

  public SignIn signIn() {
    return signIn;
  }

  public PortalUsers users() {
    return users;
  }

  public Groups groups() {
    return groups;
  }

  public PermissionSets permissionSets() {
    return permissionSets;
  }

  public Assignments assignments() {
    return assignments;
  }

  public Directory directory() {
    return directory;
  }

  public PortalCredentials credentials() {
    return credentials;
  }

  public OidcClients oidcClients() {
    return oidcClients;
  }

  public DeviceAuthorizations devices() {
    return devices;
  }

  public PkceAuthorizations pkce() {
    return pkce;
  }

  public OidcTokens tokens() {
    return tokens;
  }

  public MemberAccounts accounts() {
    return accounts;
  }

  /** Who may use which area of the administration. */
  public Administration administration() {
    return administration;
  }

  public AuditTrail auditTrail() {
    return auditTrail;
  }

  /** Deletes expired sessions, tokens, codes and clients; for the maintenance thread. */
  public void prune() {
    sessions.prune();
    tokens.prune();
  }
}
