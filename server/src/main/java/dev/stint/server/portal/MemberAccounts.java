package dev.stint.server.portal;

import dev.stint.core.ids.Ids;
import dev.stint.server.policy.Policy;
import dev.stint.server.store.Account;
import dev.stint.server.store.CreateAccountRequest;
import dev.stint.server.store.Database;
import dev.stint.server.store.Page;
import dev.stint.server.store.PolicyAttachment;
import dev.stint.server.store.Role;
import dev.stint.server.store.StoreException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The organization's accounts: the management account and the member accounts it creates
 * (Organizations {@code CreateAccount}). A new account gets a role, {@code
 * OrganizationAccountAccessRole} unless another name is asked for, that trusts the management
 * account and has AdministratorAccess, as in AWS. Creation completes at once: the request is {@code
 * SUCCEEDED}, or {@code FAILED} with {@code EMAIL_ALREADY_EXISTS}. Thread-safe.
 */
public final class MemberAccounts {
  public static final String DEFAULT_ROLE_NAME = "OrganizationAccountAccessRole";
  private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");
  private static final Pattern NAME = Pattern.compile("[\\u0020-\\u007E]{1,50}");
  private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");

  private final Database db;
  private final PortalSettings settings;
  private final Ids ids;
  private final Secrets secrets;
  private final PortalAudit audit;
  private final Clock clock;

  MemberAccounts(
      Database db,
      PortalSettings settings,
      Ids ids,
      Secrets secrets,
      PortalAudit audit,
      Clock clock) {
    this.db = db;
    this.settings = settings;
    this.ids = ids;
    this.secrets = secrets;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Creates a member account and its access role.
   *
   * @param roleName the access role's name, or {@code null} for {@link #DEFAULT_ROLE_NAME}
   * @throws PortalException.Invalid for a name, email or role name outside Organizations' rules
   */
  public CreateAccountRequest create(String name, String email, String roleName, Origin origin) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new PortalException.Invalid(
          "accountName", "The account name must be 1 to 50 printable ASCII characters.");
    }
    if (email == null
        || email.length() < 6
        || email.length() > 64
        || !EMAIL.matcher(email).matches()) {
      throw new PortalException.Invalid("email", "The email address is not valid.");
    }
    String role = roleName == null ? DEFAULT_ROLE_NAME : roleName;
    if (!ROLE_NAME.matcher(role).matches()) {
      throw new PortalException.Invalid("roleName", "The role name is not valid.");
    }
    Account management = management();
    Instant now = clock.instant();
    String requestId = "car-" + secrets.hex(16);
    Account account = null;
    for (int attempt = 0; account == null; attempt++) {
      try {
        account = db.accounts().create(new Account(ids.accountId(), name, email, false, now));
      } catch (StoreException.EntityAlreadyExists e) {
        if (e.name().equals(email)) {
          var failed =
              new CreateAccountRequest(
                  requestId,
                  name,
                  CreateAccountRequest.State.FAILED,
                  now,
                  now,
                  null,
                  "EMAIL_ALREADY_EXISTS");
          db.organization().createRequest(failed);
          audit.denied(
              origin, "CreateAccount", null, "reason=EMAIL_ALREADY_EXISTS request=" + requestId);
          return failed;
        }
        if (attempt >= 3) {
          throw e;
        }
      }
    }
    String arn = "arn:aws:iam::" + account.id() + ":role/" + role;
    db.roles()
        .create(
            new Role(
                ids.roleId(),
                account.id(),
                role,
                "/",
                arn,
                trustPolicy(management.id()),
                null,
                Role.MIN_SESSION_SECONDS,
                now,
                Map.of()));
    db.policies()
        .attach(
            new PolicyAttachment(
                PolicyAttachment.PrincipalType.ROLE, arn, Policy.ADMINISTRATOR_ACCESS_ARN));
    var done =
        new CreateAccountRequest(
            requestId, name, CreateAccountRequest.State.SUCCEEDED, now, now, account.id(), null);
    db.organization().createRequest(done);
    audit.success(origin, "CreateAccount", arn(account), "request=" + requestId);
    return done;
  }

  /** A CreateAccount request by id. */
  public Optional<CreateAccountRequest> status(String requestId) {
    return db.organization().findRequest(requestId);
  }

  public Optional<Account> find(String accountId) {
    return db.accounts().find(accountId);
  }

  /**
   * Accounts ordered by id, after {@code marker} ({@code null} for the first page).
   *
   * @throws PortalException.Invalid for a marker this server did not hand out
   */
  public Page<Account> list(String marker, int maxItems) {
    try {
      return db.accounts().list(marker, maxItems);
    } catch (StoreException.InvalidMarker e) {
      throw new PortalException.Invalid("nextToken", "The next token is not valid.");
    }
  }

  /** The management account. */
  public Account management() {
    return db.accounts()
        .findManagement()
        .orElseThrow(() -> new IllegalStateException("no management account yet"));
  }

  /** {@code arn:aws:organizations::MGMT:account/o-.../ACCOUNT}. */
  public String arn(Account account) {
    return "arn:aws:organizations::"
        + management().id()
        + ":account/"
        + settings.organizationId()
        + "/"
        + account.id();
  }

  static String trustPolicy(String managementAccount) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
        + "{\"AWS\":\"arn:aws:iam::"
        + managementAccount
        + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
  }
}
