package dev.stint.server.portal;

import dev.stint.server.policy.Policy;
import dev.stint.server.policy.PolicyException;
import dev.stint.server.store.Database;
import dev.stint.server.store.PermissionSet;
import dev.stint.server.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Permission sets: what a portal role may do and for how long. Changing one brings every role
 * provisioned from it in step at once (Identity Center asks for a separate "provision" step; the
 * portal does it for you). Names cannot change, since they are part of the role names. Thread-safe.
 */
public final class PermissionSets {
  /** Identity Center's default session duration. */
  public static final Duration DEFAULT_SESSION_DURATION = Duration.ofHours(1);

  private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{1,32}");

  private final Database db;
  private final Provisioner provisioner;
  private final Secrets secrets;
  private final PortalAudit audit;
  private final Clock clock;

  PermissionSets(
      Database db, Provisioner provisioner, Secrets secrets, PortalAudit audit, Clock clock) {
    this.db = db;
    this.provisioner = provisioner;
    this.secrets = secrets;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * What an administrator sets on a permission set. Immutable.
   *
   * @param description free text, or {@code null}
   * @param sessionDuration PT1H to PT12H
   * @param inlinePolicy a policy document, or {@code null}
   * @param managedPolicyArns ARNs of existing managed policies (AWS managed ones included)
   */
  public record Definition(
      String description,
      Duration sessionDuration,
      String inlinePolicy,
      List<String> managedPolicyArns) {
    public Definition {
      managedPolicyArns = List.copyOf(managedPolicyArns);
    }
  }

  /**
   * Reads an ISO-8601 session duration such as {@code PT8H}.
   *
   * @throws PortalException.Invalid when it does not parse or is outside PT1H..PT12H
   */
  public static Duration parseSessionDuration(String iso) {
    Duration d;
    try {
      d = Duration.parse(iso == null ? "" : iso.strip());
    } catch (DateTimeParseException e) {
      throw invalidDuration(iso);
    }
    checkDuration(d, iso);
    return d;
  }

  /**
   * @throws PortalException.Invalid for a bad name, duration, policy or unknown managed policy
   * @throws PortalException.AlreadyExists when the name is taken (without case)
   */
  public PermissionSet create(String name, Definition definition, Origin origin) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new PortalException.Invalid(
          "name",
          "The permission set name must be 1 to 32 letters, digits or characters of _+=,.@-.");
    }
    PermissionSet ps = build(secretsId(), name, definition, clock.instant());
    try {
      db.permissionSets().create(ps);
    } catch (StoreException.EntityAlreadyExists e) {
      throw new PortalException.AlreadyExists("permission set", name);
    }
    audit.success(origin, "CreatePermissionSet", ps.name(), details(ps));
    return ps;
  }

  /**
   * Replaces a permission set's definition and updates its provisioned roles.
   *
   * @throws PortalException.NotFound when there is no such permission set
   * @throws PortalException.Invalid for a bad duration, policy or unknown managed policy
   */
  public PermissionSet update(String permissionSetId, Definition definition, Origin origin) {
    PermissionSet old = require(permissionSetId);
    PermissionSet ps = build(old.id(), old.name(), definition, old.created());
    PermissionSet stored;
    try {
      stored = db.permissionSets().update(ps);
    } catch (StoreException.NoSuchEntity e) {
      throw new PortalException.NotFound("permission set", permissionSetId);
    }
    provisioner.update(stored);
    audit.success(origin, "UpdatePermissionSet", stored.name(), details(stored));
    return stored;
  }

  /**
   * @throws PortalException.NotFound when there is no such permission set
   * @throws PortalException.InUse while it is assigned anywhere
   */
  public void delete(String permissionSetId, Origin origin) {
    PermissionSet ps = require(permissionSetId);
    try {
      db.permissionSets().delete(permissionSetId);
    } catch (StoreException.DeleteConflict e) {
      throw new PortalException.InUse(
          "permission set", ps.name(), "remove its account assignments first.");
    } catch (StoreException.NoSuchEntity e) {
      throw new PortalException.NotFound("permission set", permissionSetId);
    }
    audit.success(origin, "DeletePermissionSet", ps.name(), null);
  }

  public Optional<PermissionSet> find(String permissionSetId) {
    return db.permissionSets().find(permissionSetId);
  }

  public Optional<PermissionSet> findByName(String name) {
    return db.permissionSets().findByName(name);
  }

  /** Every permission set, ordered by name. */
  public List<PermissionSet> list() {
    return db.permissionSets().list();
  }

  PermissionSet require(String permissionSetId) {
    return find(permissionSetId)
        .orElseThrow(() -> new PortalException.NotFound("permission set", permissionSetId));
  }

  private String secretsId() {
    return "ps-" + secrets.hex(8);
  }

  private PermissionSet build(String id, String name, Definition d, java.time.Instant created) {
    Duration duration =
        d.sessionDuration() == null ? DEFAULT_SESSION_DURATION : d.sessionDuration();
    checkDuration(duration, duration.toString());
    String inline =
        d.inlinePolicy() == null || d.inlinePolicy().isBlank() ? null : d.inlinePolicy();
    if (inline != null) {
      try {
        Policy.parse(inline, Policy.Kind.ROLE_INLINE);
      } catch (PolicyException e) {
        throw new PortalException.Invalid(
            "inlinePolicy", "The inline policy is not valid: " + e.getMessage());
      }
    }
    String description =
        d.description() == null || d.description().isBlank() ? null : d.description().strip();
    if (description != null && description.length() > 700) {
      throw new PortalException.Invalid(
          "description", "The description is longer than 700 characters.");
    }
    List<String> arns = d.managedPolicyArns().stream().map(String::strip).distinct().toList();
    if (arns.size() > PermissionSet.MAX_MANAGED_POLICIES) {
      throw new PortalException.Invalid(
          "managedPolicyArns",
          "A permission set can have at most "
              + PermissionSet.MAX_MANAGED_POLICIES
              + " managed policies.");
    }
    for (String arn : arns) {
      if (db.policies().find(arn).isEmpty()) {
        throw new PortalException.Invalid(
            "managedPolicyArns", "The managed policy " + arn + " does not exist.");
      }
    }
    return new PermissionSet(id, name, description, duration, inline, arns, created);
  }

  private static void checkDuration(Duration d, String given) {
    if (d.compareTo(PermissionSet.MIN_SESSION) < 0
        || d.compareTo(PermissionSet.MAX_SESSION) > 0
        || d.toSecondsPart() != 0
        || d.getNano() != 0) {
      throw invalidDuration(given);
    }
  }

  private static PortalException.Invalid invalidDuration(String given) {
    return new PortalException.Invalid(
        "sessionDuration",
        "The session duration '"
            + given
            + "' must be an ISO-8601 duration in whole minutes from PT1H to PT12H.");
  }

  private static String details(PermissionSet ps) {
    return "sessionDuration="
        + ps.sessionDuration()
        + " inlinePolicy="
        + (ps.inlinePolicy() != null)
        + " managedPolicies="
        + ps.managedPolicyArns();
  }
}
