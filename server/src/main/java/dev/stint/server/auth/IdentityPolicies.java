package dev.stint.server.auth;

import dev.stint.server.policy.Policy;
import dev.stint.server.policy.PolicyException;
import dev.stint.server.store.Database;
import dev.stint.server.store.InlinePolicy;
import dev.stint.server.store.PolicyAttachment;
import dev.stint.server.store.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The permission policies and tags of IAM users and roles, read from the store and cached for a
 * short time so that authorizing a request rarely touches the database. A change made on this node
 * is seen at once ({@link #invalidate}); one made on another node within {@link #TTL}. Thread-safe.
 */
public final class IdentityPolicies {
  static final Duration TTL = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(IdentityPolicies.class);
  private static final int MAX_ENTRIES = 10_000;

  /** What a user or role is allowed, and its tags for {@code aws:PrincipalTag}. */
  public record Identity(List<Policy> policies, Map<String, String> tags) {
    public Identity {
      policies = List.copyOf(policies);
      tags = Map.copyOf(tags);
    }
  }

  private record Entry(Identity identity, Instant loaded) {}

  /** A role as AssumeRole needs it: the role and its parsed trust policy (null if unparseable). */
  public record TrustedRole(Role role, Policy trust) {}

  private record RoleEntry(TrustedRole role, Instant loaded) {}

  private final Database db;
  private final Clock clock;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();
  private final Map<String, RoleEntry> rolesByArn = new ConcurrentHashMap<>();

  public IdentityPolicies(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** The user's inline and attached policies, by user id; empty when the user is gone. */
  public Identity user(String userId) {
    return cached(
        "user:" + userId,
        () ->
            db.users()
                .findById(userId)
                .map(
                    u -> {
                      var policies = new ArrayList<Policy>();
                      for (InlinePolicy p : db.users().listPolicies(userId)) {
                        policies.add(parse(p.document(), Policy.Kind.USER_INLINE, u.arn()));
                      }
                      policies.addAll(attached(u.arn()));
                      return new Identity(policies, u.tags());
                    })
                .orElse(new Identity(List.of(), Map.of())));
  }

  /** The role's inline and attached policies, by role id; empty when the role is gone. */
  public Identity role(String roleId) {
    return cached(
        "role:" + roleId,
        () ->
            db.roles()
                .findById(roleId)
                .map(
                    r -> {
                      var policies = new ArrayList<Policy>();
                      for (InlinePolicy p : db.roles().listPolicies(roleId)) {
                        policies.add(parse(p.document(), Policy.Kind.ROLE_INLINE, r.arn()));
                      }
                      policies.addAll(attached(r.arn()));
                      return new Identity(policies, r.tags());
                    })
                .orElse(new Identity(List.of(), Map.of())));
  }

  /** A managed policy by ARN (the built-in AdministratorAccess included), for session policies. */
  public Optional<Policy> managed(String policyArn) {
    if (Policy.ADMINISTRATOR_ACCESS_ARN.equals(policyArn)) {
      return Optional.of(Policy.ADMINISTRATOR_ACCESS);
    }
    return db.policies()
        .find(policyArn)
        .map(p -> parse(p.document(), Policy.Kind.MANAGED, policyArn));
  }

  /**
   * The role with this exact ARN (path included) and its trust policy, cached like policies: the
   * hot path of AssumeRole reads no database. Absent roles are not cached.
   */
  public Optional<TrustedRole> roleByArn(String accountId, String name, String arn) {
    Instant now = clock.instant();
    RoleEntry e = rolesByArn.get(arn);
    if (e != null && e.loaded().plus(TTL).isAfter(now)) {
      return Optional.of(e.role());
    }
    Optional<Role> role = db.roles().findByName(accountId, name).filter(r -> r.arn().equals(arn));
    if (role.isEmpty()) {
      rolesByArn.remove(arn);
      return Optional.empty();
    }
    Policy trust;
    try {
      trust = Policy.parse(role.get().trustPolicy(), Policy.Kind.TRUST);
    } catch (PolicyException ex) {
      log.error("trust policy of {} does not parse; nobody may assume it", arn);
      trust = null;
    }
    var trusted = new TrustedRole(role.get(), trust);
    if (rolesByArn.size() >= MAX_ENTRIES) {
      rolesByArn.clear();
    }
    rolesByArn.put(arn, new RoleEntry(trusted, now));
    return Optional.of(trusted);
  }

  /** Forgets what is cached for a user or role id after a change on this node. */
  public void invalidate(String entityId) {
    cache.remove("user:" + entityId);
    cache.remove("role:" + entityId);
    rolesByArn.values().removeIf(e -> e.role().role().id().equals(entityId));
  }

  /** Forgets everything (a managed policy changed; it may be attached anywhere). */
  public void invalidateAll() {
    cache.clear();
    rolesByArn.clear();
  }

  private List<Policy> attached(String principalArn) {
    var out = new ArrayList<Policy>();
    for (PolicyAttachment a : db.policies().listAttached(principalArn)) {
      managed(a.policyArn()).ifPresent(out::add);
    }
    return out;
  }

  private Identity cached(String key, java.util.function.Supplier<Identity> load) {
    Instant now = clock.instant();
    Entry e = cache.get(key);
    if (e != null && e.loaded().plus(TTL).isAfter(now)) {
      return e.identity();
    }
    Identity identity = load.get();
    if (cache.size() >= MAX_ENTRIES) {
      cache.clear();
    }
    cache.put(key, new Entry(identity, now));
    return identity;
  }

  private static Policy parse(String document, Policy.Kind kind, String owner) {
    try {
      return Policy.parse(document, kind);
    } catch (PolicyException e) {
      // Stored documents were validated on the way in; one that no longer parses fails closed.
      log.error("policy of {} does not parse; denying everything: {}", owner, e.getMessage());
      return Policy.DENY_ALL;
    }
  }
}
