package dev.stint.server.iam;

import dev.stint.core.ids.Ids;
import dev.stint.server.audit.AuditLog;
import dev.stint.server.auth.Authorizer;
import dev.stint.server.auth.IdentityPolicies;
import dev.stint.server.keys.SecretBox;
import dev.stint.server.password.PasswordHasher;
import dev.stint.server.query.QueryAction;
import dev.stint.server.query.QueryCall;
import dev.stint.server.query.QueryService;
import dev.stint.server.query.Xml;
import dev.stint.server.store.AuditEvent;
import dev.stint.server.store.Database;
import dev.stint.server.sts.AccessKeyIds;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The IAM query API subset, version 2010-05-08, signed for service {@code iam}: users, access keys,
 * login profiles, roles, inline and managed policies, and virtual MFA devices, with IAM's shapes,
 * messages and error codes (botocore's {@code iam} model). Every action authorizes the caller by
 * the IAM policy language. Thread-safe.
 */
public final class IamService {
  public static final String VERSION = "2010-05-08";
  public static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";
  public static final String SIGNING_NAME = "iam";

  private IamService() {}

  /**
   * The service with every action wired.
   *
   * @param forgetKey tells the authenticator to drop a long-term key it may have cached, once the
   *     key is deactivated or deleted
   */
  public static QueryService create(
      Database db,
      Authorizer authorizer,
      IdentityPolicies identities,
      SecretBox box,
      Ids ids,
      AccessKeyIds keyIds,
      PasswordHasher passwords,
      SecureRandom random,
      Consumer<String> forgetKey,
      AuditLog audit) {
    var iam = new Iam(db, authorizer, identities);
    Map<String, QueryAction> actions = new HashMap<>();
    new UserActions(iam, ids).register(actions);
    new AccessKeyActions(iam, ids, keyIds, box, forgetKey).register(actions);
    new LoginProfileActions(iam, passwords).register(actions);
    new RoleActions(iam, ids).register(actions);
    new InlinePolicyActions(iam).register(actions);
    new ManagedPolicyActions(iam).register(actions);
    new MfaActions(iam, box, random).register(actions);
    actions.replaceAll((name, action) -> readOnly(name) ? action : audited(action, audit));
    return new QueryService(VERSION, NAMESPACE, SIGNING_NAME, actions, Set.of());
  }

  private static boolean readOnly(String action) {
    return action.startsWith("Get") || action.startsWith("List");
  }

  /** Every change is audited once it succeeded: who, what, on which entity, from where. */
  private static QueryAction audited(QueryAction action, AuditLog audit) {
    return call -> {
      Xml.Body body = action.handle(call);
      audit.record(
          new AuditEvent(
              AuditEvent.newId(call.now()),
              call.now(),
              call.requestId(),
              call.signer().arn(),
              "iam:" + call.action(),
              target(call),
              call.sourceIp(),
              call.signer().session().map(s -> s.sessionId()).orElse(null),
              null,
              AuditEvent.Outcome.SUCCESS,
              null));
      return body;
    };
  }

  private static String target(QueryCall call) {
    for (String name :
        new String[] {
          "UserName", "RoleName", "PolicyArn", "SerialNumber", "VirtualMFADeviceName", "PolicyName"
        }) {
      var value = call.params().get(name);
      if (value.isPresent()) {
        return name + "=" + value.get();
      }
    }
    return call.signer().arn();
  }
}
