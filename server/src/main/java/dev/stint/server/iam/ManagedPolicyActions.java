package dev.stint.server.iam;

import static dev.stint.server.query.ApiException.rejected;

import dev.stint.server.auth.Authorizer;
import dev.stint.server.policy.Policy;
import dev.stint.server.query.ErrorCode;
import dev.stint.server.query.QueryAction;
import dev.stint.server.query.QueryCall;
import dev.stint.server.query.Shape;
import dev.stint.server.query.Validator;
import dev.stint.server.query.Xml;
import dev.stint.server.store.ManagedPolicy;
import dev.stint.server.store.Page;
import dev.stint.server.store.PolicyAttachment;
import dev.stint.server.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Managed policies and their attachments: CreatePolicy, GetPolicy, ListPolicies, DeletePolicy,
 * GetPolicyVersion (one default version, {@code v1}), and Attach, Detach and ListAttached for users
 * and roles. The AWS-managed {@code AdministratorAccess} is built in. Thread-safe.
 */
final class ManagedPolicyActions {
  static final int POLICY_SIZE_QUOTA = 6144;
  static final int MAX_ATTACHED = 10;
  static final String VERSION_ID = "v1";

  /** A managed policy as IAM describes it, customer-managed or built in. */
  record View(
      String arn,
      String name,
      String path,
      String id,
      String document,
      Instant created,
      String description) {}

  /**
   * AWS's {@code AdministratorAccess}, with the id, dates and description AWS gives it, so that
   * tools that look it up see what they see in AWS.
   */
  static final View ADMINISTRATOR_ACCESS =
      new View(
          Policy.ADMINISTRATOR_ACCESS_ARN,
          "AdministratorAccess",
          "/",
          "ANPAIWMBCKSKIEE64ZLYK",
          Policy.ADMINISTRATOR_ACCESS.document(),
          Instant.parse("2015-02-06T18:39:46Z"),
          "Provides full access to AWS services and resources.");

  static final List<View> BUILT_IN = List.of(ADMINISTRATOR_ACCESS);

  private final Iam iam;

  ManagedPolicyActions(Iam iam) {
    this.iam = iam;
  }

  void register(Map<String, QueryAction> actions) {
    actions.put("CreatePolicy", this::createPolicy);
    actions.put("GetPolicy", this::getPolicy);
    actions.put("ListPolicies", this::listPolicies);
    actions.put("DeletePolicy", this::deletePolicy);
    actions.put("GetPolicyVersion", this::getPolicyVersion);
    for (Attacher owner :
        List.of(
            new Attacher(PolicyOwner.Kind.USER, IamShapes.USER_NAME, "PoliciesPerUser"),
            new Attacher(PolicyOwner.Kind.ROLE, IamShapes.ROLE_NAME, "PoliciesPerRole"))) {
      String word = owner.kind().word();
      actions.put("Attach" + word + "Policy", call -> attach(call, owner));
      actions.put("Detach" + word + "Policy", call -> detach(call, owner));
      actions.put("ListAttached" + word + "Policies", call -> listAttached(call, owner));
    }
  }

  Xml.Body createPolicy(QueryCall call) {
    Validator v = call.validator();
    String name = v.required("PolicyName", IamShapes.POLICY_NAME);
    String path = v.optional("Path", IamShapes.POLICY_PATH).orElse("/");
    String document = v.required("PolicyDocument", IamShapes.POLICY_DOCUMENT);
    v.optional("Description", IamShapes.POLICY_DESCRIPTION);
    Tags.Requested requested = Tags.read(call, v, false);
    v.check();
    requested.get();
    String account = iam.account(call);
    String arn = Iam.policyArn(account, path, name);
    iam.authorize(call, "iam:CreatePolicy", arn);
    Documents.parse(
        document, Policy.Kind.MANAGED, () -> IamErrors.quota("PolicySize", POLICY_SIZE_QUOTA));
    var policy = new ManagedPolicy(arn, account, name, path, document, call.now());
    try {
      iam.db.policies().create(policy);
    } catch (StoreException.EntityAlreadyExists e) {
      throw rejected(
          ErrorCode.ENTITY_ALREADY_EXISTS,
          "A policy called " + name + " already exists. Duplicate names are not allowed.");
    } catch (StoreException e) {
      throw IamErrors.from(e);
    }
    View view = view(policy);
    return xml -> xml.element("Policy", x -> write(x, view, 0, false));
  }

  Xml.Body getPolicy(QueryCall call) {
    Validator v = call.validator();
    String arn = v.required("PolicyArn", IamShapes.ARN);
    v.check();
    String account = iam.account(call);
    iam.authorize(call, "iam:GetPolicy", arn);
    View view = find(arn, account).orElseThrow(() -> IamErrors.noSuchPolicy(arn));
    int attached = attachmentCount(arn, account);
    return xml -> xml.element("Policy", x -> write(x, view, attached, true));
  }

  Xml.Body listPolicies(QueryCall call) {
    Validator v = call.validator();
    String scope = Iam.optionalEnum(call, v, "Scope", List.of("All", "AWS", "Local")).orElse("All");
    boolean onlyAttached = Iam.optionalBoolean(call, v, "OnlyAttached").orElse(false);
    String prefix = v.optional("PathPrefix", IamShapes.POLICY_PATH).orElse("/");
    Paging paging = Paging.read(v);
    v.check();
    String account = iam.account(call);
    iam.authorize(call, "iam:ListPolicies", "*");
    var all = new ArrayList<View>();
    if (!scope.equals("Local")) {
      all.addAll(BUILT_IN);
    }
    if (!scope.equals("AWS")) {
      String marker = null;
      do {
        Page<ManagedPolicy> page;
        try {
          page = iam.db.policies().list(account, null, marker, Page.MAX_ITEMS);
        } catch (StoreException e) {
          throw IamErrors.from(e);
        }
        page.items().forEach(p -> all.add(view(p)));
        marker = page.nextMarker();
      } while (marker != null);
    }
    record Listed(View view, int attached) {}
    var listed = new ArrayList<Listed>();
    for (View p : all) {
      if (!p.path().startsWith(prefix)) {
        continue;
      }
      int attached = attachmentCount(p.arn(), account);
      if (!onlyAttached || attached > 0) {
        listed.add(new Listed(p, attached));
      }
    }
    Page<Listed> page =
        paging.page(listed, l -> l.view().name().toLowerCase(Locale.ROOT) + "\n" + l.view().arn());
    return Paging.list("Policies", page, (m, l) -> write(m, l.view(), l.attached(), false));
  }

  Xml.Body deletePolicy(QueryCall call) {
    Validator v = call.validator();
    String arn = v.required("PolicyArn", IamShapes.ARN);
    v.check();
    String account = iam.account(call);
    iam.authorize(call, "iam:DeletePolicy", arn);
    if (builtIn(arn).isPresent()) {
      // AWS-managed policies belong to AWS; no account may delete them.
      throw rejected(
          ErrorCode.ACCESS_DENIED,
          Authorizer.notAuthorized(iam.caller(call), "iam:DeletePolicy", arn));
    }
    find(arn, account).orElseThrow(() -> IamErrors.noSuchPolicy(arn));
    try {
      iam.db.policies().delete(arn);
    } catch (StoreException e) {
      throw IamErrors.from(e);
    }
    iam.changedAll();
    return null;
  }

  Xml.Body getPolicyVersion(QueryCall call) {
    Validator v = call.validator();
    String arn = v.required("PolicyArn", IamShapes.ARN);
    String versionId = v.required("VersionId", IamShapes.POLICY_VERSION_ID);
    v.check();
    String account = iam.account(call);
    iam.authorize(call, "iam:GetPolicyVersion", arn);
    View view = find(arn, account).orElseThrow(() -> IamErrors.noSuchPolicy(arn));
    if (!versionId.equals(VERSION_ID)) {
      throw IamErrors.noSuchPolicyVersion(arn, versionId);
    }
    return xml ->
        xml.element(
            "PolicyVersion",
            x ->
                x.element("Document", IamXml.encode(view.document()))
                    .element("VersionId", VERSION_ID)
                    .element("IsDefaultVersion", true)
                    .element("CreateDate", view.created()));
  }

  /**
   * Users or roles as the principals of attachments.
   *
   * @param nameShape the shape of {@code UserName} or {@code RoleName} in these actions
   * @param quota the name of the quota on attachments per principal
   */
  private record Attacher(PolicyOwner.Kind kind, Shape nameShape, String quota) {}

  private Xml.Body attach(QueryCall call, Attacher owner) {
    Validator v = call.validator();
    String name = v.required(owner.kind().nameParameter(), owner.nameShape());
    String arn = v.required("PolicyArn", IamShapes.ARN);
    v.check();
    PolicyOwner principal =
        owner
            .kind()
            .modify(iam, call, name, "iam:Attach" + owner.kind().word() + "Policy", policyKey(arn));
    attach(
        owner.kind().principalType(), principal.arn(), principal.accountId(), arn, owner.quota());
    iam.changed(principal.id());
    return null;
  }

  private Xml.Body detach(QueryCall call, Attacher owner) {
    Validator v = call.validator();
    String name = v.required(owner.kind().nameParameter(), owner.nameShape());
    String arn = v.required("PolicyArn", IamShapes.ARN);
    v.check();
    PolicyOwner principal =
        owner
            .kind()
            .modify(iam, call, name, "iam:Detach" + owner.kind().word() + "Policy", policyKey(arn));
    detach(owner.kind().principalType(), principal.arn(), arn);
    iam.changed(principal.id());
    return null;
  }

  private Xml.Body listAttached(QueryCall call, Attacher owner) {
    Validator v = call.validator();
    String name = v.required(owner.kind().nameParameter(), owner.nameShape());
    String prefix = v.optional("PathPrefix", IamShapes.POLICY_PATH).orElse("/");
    Paging paging = Paging.read(v);
    v.check();
    PolicyOwner principal =
        owner
            .kind()
            .read(iam, call, name, "iam:ListAttached" + owner.kind().word() + "Policies", Map.of());
    return attached(principal.arn(), prefix, paging);
  }

  private void attach(
      PolicyAttachment.PrincipalType type,
      String principalArn,
      String account,
      String policyArn,
      String quota) {
    View view = find(policyArn, account).orElseThrow(() -> IamErrors.notAttachable(policyArn));
    List<PolicyAttachment> current = iam.db.policies().listAttached(principalArn);
    boolean already = current.stream().anyMatch(a -> a.policyArn().equals(policyArn));
    if (!already && current.size() >= MAX_ATTACHED) {
      throw IamErrors.quota(quota, MAX_ATTACHED);
    }
    if (builtIn(policyArn).isPresent()) {
      store(view);
    }
    try {
      iam.db.policies().attach(new PolicyAttachment(type, principalArn, policyArn));
    } catch (StoreException.NoSuchEntity e) {
      throw IamErrors.notAttachable(policyArn);
    } catch (StoreException e) {
      throw IamErrors.from(e);
    }
  }

  private void detach(PolicyAttachment.PrincipalType type, String principalArn, String policyArn) {
    try {
      iam.db.policies().detach(new PolicyAttachment(type, principalArn, policyArn));
    } catch (StoreException.NoSuchEntity e) {
      throw IamErrors.noSuchPolicy(policyArn);
    } catch (StoreException e) {
      throw IamErrors.from(e);
    }
  }

  private Xml.Body attached(String principalArn, String prefix, Paging paging) {
    List<String> arns =
        iam.db.policies().listAttached(principalArn).stream()
            .map(PolicyAttachment::policyArn)
            .filter(a -> path(a).startsWith(prefix))
            .toList();
    Page<String> page = paging.page(arns, a -> a);
    return Paging.list(
        "AttachedPolicies",
        page,
        (m, a) -> m.element("PolicyName", name(a)).element("PolicyArn", a));
  }

  /**
   * The built-in AWS-managed policy rows exist in the store only once something is attached to them
   * (attachments refer to a stored policy).
   */
  private void store(View view) {
    if (iam.db.policies().find(view.arn()).isPresent()) {
      return;
    }
    try {
      iam.db
          .policies()
          .create(
              new ManagedPolicy(
                  view.arn(), "aws", view.name(), view.path(), view.document(), view.created()));
    } catch (StoreException.EntityAlreadyExists e) {
      // Stored concurrently: what was needed.
    }
  }

  private Optional<View> find(String arn, String account) {
    Optional<View> builtIn = builtIn(arn);
    if (builtIn.isPresent()) {
      return builtIn;
    }
    return iam.db.policies().find(arn).filter(p -> p.accountId().equals(account)).map(this::view);
  }

  private static Optional<View> builtIn(String arn) {
    return BUILT_IN.stream().filter(p -> p.arn().equals(arn)).findFirst();
  }

  /** How many users and roles of the account have the policy attached. */
  private int attachmentCount(String arn, String account) {
    String inAccount = ":" + account + ":";
    return (int)
        iam.db.policies().listEntities(arn).stream()
            .filter(a -> a.principalArn().contains(inAccount))
            .count();
  }

  private View view(ManagedPolicy p) {
    return new View(p.arn(), p.name(), p.path(), policyId(p), p.document(), p.created(), null);
  }

  /**
   * The members of a {@code Policy}; GetPolicy adds the description. Policies have one version
   * here, so the update date is the creation date.
   */
  private static void write(Xml xml, View view, int attached, boolean withDescription) {
    xml.element("PolicyName", view.name())
        .element("PolicyId", view.id())
        .element("Arn", view.arn())
        .element("Path", view.path())
        .element("DefaultVersionId", VERSION_ID)
        .element("AttachmentCount", attached)
        .element("PermissionsBoundaryUsageCount", 0)
        .element("IsAttachable", true);
    if (withDescription) {
      xml.element("Description", view.description());
    }
    xml.element("CreateDate", view.created()).element("UpdateDate", view.created());
  }

  private static Map<String, List<String>> policyKey(String policyArn) {
    return Map.of("iam:PolicyARN", List.of(policyArn));
  }

  /** {@code /path/} of {@code arn:aws:iam::ACCOUNT:policy/path/NAME}. */
  static String path(String policyArn) {
    int start = policyArn.indexOf(":policy/");
    int end = policyArn.lastIndexOf('/');
    return start < 0 ? "/" : policyArn.substring(start + 7, end + 1);
  }

  static String name(String policyArn) {
    return policyArn.substring(policyArn.lastIndexOf('/') + 1);
  }

  /**
   * A stable {@code ANPA...} id for a stored policy, derived from its ARN and creation time: the
   * store keeps no id for policies, and AWS's ids are opaque to callers.
   */
  static String policyId(ManagedPolicy p) {
    byte[] digest;
    try {
      digest =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  (p.arn() + "\n" + p.created().toEpochMilli()).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    var id = new StringBuilder("ANPA");
    for (int i = 0; i < 17; i++) {
      id.append(alphabet.charAt((digest[i] & 0xff) % alphabet.length()));
    }
    return id.toString();
  }
}
