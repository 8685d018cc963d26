package dev.stint.core.chain;

import dev.stint.core.credentials.Credentials;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON entries the AWS CLI keeps in {@code ~/.aws/cli/cache}, built as botocore builds them:
 * for a role, the parsed STS answer in the service model's member order with {@code AccountId}
 * added to {@code Credentials} and a {@code ResponseMetadata} block; for IAM Identity Center, the
 * {@code ProviderType: sso} entry. Timestamps in {@code JSONFileCache}'s form ({@code ...UTC}) and
 * the SSO fetcher's ({@code ...Z}). Stateless and thread-safe.
 */
final class CacheEntries {

  private CacheEntries() {}

  static Map<String, Object> assumeRole(StsClient.AssumedRole answer) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("Credentials", credentials(answer));
    entry.put("AssumedRoleUser", assumedRoleUser(answer));
    putIfPresent(entry, "PackedPolicySize", answer.packedPolicySize());
    putIfPresent(entry, "SourceIdentity", answer.sourceIdentity());
    entry.put("ResponseMetadata", responseMetadata(answer));
    return entry;
  }

  static Map<String, Object> assumeRoleWithWebIdentity(StsClient.AssumedRole answer) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("Credentials", credentials(answer));
    putIfPresent(entry, "SubjectFromWebIdentityToken", answer.subjectFromWebIdentityToken());
    entry.put("AssumedRoleUser", assumedRoleUser(answer));
    putIfPresent(entry, "PackedPolicySize", answer.packedPolicySize());
    putIfPresent(entry, "Provider", answer.provider());
    putIfPresent(entry, "Audience", answer.audience());
    putIfPresent(entry, "SourceIdentity", answer.sourceIdentity());
    entry.put("ResponseMetadata", responseMetadata(answer));
    return entry;
  }

  static Map<String, Object> sso(Credentials credentials, String accountId) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("AccessKeyId", credentials.accessKeyId());
    values.put("SecretAccessKey", credentials.secretAccessKey());
    values.put("SessionToken", credentials.sessionToken());
    values.put("Expiration", Timestamps.zulu(credentials.expiration()));
    values.put("AccountId", accountId);
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("ProviderType", "sso");
    entry.put("Credentials", values);
    return entry;
  }

  private static Map<String, Object> credentials(StsClient.AssumedRole answer) {
    Credentials credentials = answer.credentials();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("AccessKeyId", credentials.accessKeyId());
    values.put("SecretAccessKey", credentials.secretAccessKey());
    values.put("SessionToken", credentials.sessionToken());
    values.put("Expiration", Timestamps.cacheFormat(credentials.expiration()));
    answer.accountId().ifPresent(account -> values.put("AccountId", account));
    return values;
  }

  private static Map<String, Object> assumedRoleUser(StsClient.AssumedRole answer) {
    Map<String, Object> user = new LinkedHashMap<>();
    putIfPresent(user, "AssumedRoleId", answer.assumedRoleId());
    putIfPresent(user, "Arn", answer.assumedRoleArn());
    return user;
  }

  private static Map<String, Object> responseMetadata(StsClient.AssumedRole answer) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    putIfPresent(metadata, "RequestId", answer.requestId());
    metadata.put("HTTPStatusCode", 200);
    metadata.put("HTTPHeaders", new TreeMap<>(answer.responseHeaders()));
    metadata.put("RetryAttempts", 0);
    return metadata;
  }

  private static void putIfPresent(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
