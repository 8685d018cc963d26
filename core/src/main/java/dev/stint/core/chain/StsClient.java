package dev.stint.core.chain;

import dev.stint.core.credentials.Credentials;
import dev.stint.core.internal.http.HttpTransport;
import dev.stint.core.internal.xml.XmlElement;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A small client for the STS query API: AssumeRole and GetCallerIdentity signed with SigV4 (service
 * {@code sts}), AssumeRoleWithWebIdentity unsigned, each a form POST to the endpoint's root whose
 * XML answer is read with StAX. Errors become {@link AwsCallException}s whose messages are the AWS
 * CLI's. Immutable and thread-safe.
 */
public final class StsClient {

  private static final String VERSION = "2011-06-15";

  /**
   * The AssumeRole parameters the chain and {@code stint assume-role} use; {@code null} means
   * absent.
   *
   * @param roleArn the role to assume
   * @param roleSessionName the session name (2 to 64 characters of {@code [\w+=,.@-]})
   * @param durationSeconds how long the credentials last, or null for the role's default
   * @param externalId the external id the trust policy asks for, or null
   * @param serialNumber the MFA device, or null
   * @param tokenCode the MFA code, or null
   * @param policy an inline session policy (JSON), or null
   * @param sourceIdentity a source identity, or null
   */
  public record AssumeRoleRequest(
      String roleArn,
      String roleSessionName,
      Integer durationSeconds,
      String externalId,
      String serialNumber,
      String tokenCode,
      String policy,
      String sourceIdentity) {
    public AssumeRoleRequest {
      Objects.requireNonNull(roleArn, "roleArn");
      Objects.requireNonNull(roleSessionName, "roleSessionName");
    }

    /** Just the role and the session name. */
    public static AssumeRoleRequest of(String roleArn, String roleSessionName) {
      return new AssumeRoleRequest(roleArn, roleSessionName, null, null, null, null, null, null);
    }

    @Override
    public String toString() {
      return "AssumeRoleRequest[roleArn=" + roleArn + ", roleSessionName=" + roleSessionName + "]";
    }
  }

  /**
   * AssumeRoleWithWebIdentity parameters.
   *
   * @param roleArn the role to assume
   * @param roleSessionName the session name
   * @param webIdentityToken the OIDC token (a secret: never printed)
   * @param durationSeconds how long the credentials last, or null for the role's default
   */
  public record WebIdentityRequest(
      String roleArn, String roleSessionName, String webIdentityToken, Integer durationSeconds) {
    public WebIdentityRequest {
      Objects.requireNonNull(roleArn, "roleArn");
      Objects.requireNonNull(roleSessionName, "roleSessionName");
      Objects.requireNonNull(webIdentityToken, "webIdentityToken");
    }

    @Override
    public String toString() {
      return "WebIdentityRequest[roleArn=" + roleArn + ", roleSessionName=" + roleSessionName + "]";
    }
  }

  /**
   * What AssumeRole or AssumeRoleWithWebIdentity returned.
   *
   * @param credentials the temporary credentials, with their expiry
   * @param assumedRoleArn {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}
   * @param assumedRoleId {@code AROA...:SESSION}
   * @param packedPolicySize the packed policy size percentage, or null
   * @param sourceIdentity the source identity, or null
   * @param subjectFromWebIdentityToken web identity only: the token's subject, or null
   * @param provider web identity only: the token's issuer, or null
   * @param audience web identity only: the token's audience, or null
   * @param requestId STS's request id, or null
   * @param responseHeaders the response's headers, lower-case names, first values
   */
  public record AssumedRole(
      Credentials credentials,
      String assumedRoleArn,
      String assumedRoleId,
      Integer packedPolicySize,
      String sourceIdentity,
      String subjectFromWebIdentityToken,
      String provider,
      String audience,
      String requestId,
      Map<String, String> responseHeaders) {
    public AssumedRole {
      Objects.requireNonNull(credentials, "credentials");
      responseHeaders = Map.copyOf(responseHeaders);
    }

    /** The account id inside {@link #assumedRoleArn}, if it is an ARN. */
    public Optional<String> accountId() {
      if (assumedRoleArn == null) {
        return Optional.empty();
      }
      String[] parts = assumedRoleArn.split(":", 6);
      return parts.length == 6 && parts[0].equals("arn") && !parts[4].isEmpty()
          ? Optional.of(parts[4])
          : Optional.empty();
    }

    @Override
    public String toString() {
      return "AssumedRole[" + assumedRoleArn + ", " + credentials + "]";
    }
  }

  /**
   * What GetCallerIdentity returned.
   *
   * @param userId the caller's unique id
   * @param account the 12-digit account id
   * @param arn the caller's ARN
   */
  public record CallerIdentity(String userId, String account, String arn) {}

  private final HttpTransport transport;
  private final URI endpoint;
  private final String signingRegion;
  private final Clock clock;
  private final Duration timeout;
  private final RequestSigner signer;

  StsClient(
      HttpTransport transport,
      URI endpoint,
      String signingRegion,
      Clock clock,
      Duration timeout,
      RequestSigner signer) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.signingRegion = Objects.requireNonNull(signingRegion, "signingRegion");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.signer = Objects.requireNonNull(signer, "signer");
  }

  /**
   * A client for the STS endpoint {@code endpoint}, signing for {@code signingRegion}.
   *
   * @param timeout the bound on connecting and on each whole call
   */
  public static StsClient create(
      URI endpoint, String signingRegion, Clock clock, Duration timeout) {
    return new StsClient(
        HttpTransport.create(timeout), endpoint, signingRegion, clock, timeout, Signing.sigV4());
  }

  /** AssumeRole, signed with {@code caller}. */
  public AssumedRole assumeRole(Credentials caller, AssumeRoleRequest request) {
    Objects.requireNonNull(caller, "caller");
    List<Map.Entry<String, String>> parameters = parameters("AssumeRole");
    add(parameters, "RoleArn", request.roleArn());
    add(parameters, "RoleSessionName", request.roleSessionName());
    add(parameters, "DurationSeconds", request.durationSeconds());
    add(parameters, "ExternalId", request.externalId());
    add(parameters, "SerialNumber", request.serialNumber());
    add(parameters, "TokenCode", request.tokenCode());
    add(parameters, "Policy", request.policy());
    add(parameters, "SourceIdentity", request.sourceIdentity());
    Answer answer = call("AssumeRole", parameters, caller);
    return assumed(answer, "AssumeRoleResult");
  }

  /** AssumeRoleWithWebIdentity, unsigned: the token is the authentication. */
  public AssumedRole assumeRoleWithWebIdentity(WebIdentityRequest request) {
    List<Map.Entry<String, String>> parameters = parameters("AssumeRoleWithWebIdentity");
    add(parameters, "RoleArn", request.roleArn());
    add(parameters, "RoleSessionName", request.roleSessionName());
    add(parameters, "WebIdentityToken", request.webIdentityToken());
    add(parameters, "DurationSeconds", request.durationSeconds());
    Answer answer = call("AssumeRoleWithWebIdentity", parameters, null);
    return assumed(answer, "AssumeRoleWithWebIdentityResult");
  }

  /** GetCallerIdentity, signed with {@code caller}. */
  public CallerIdentity getCallerIdentity(Credentials caller) {
    Objects.requireNonNull(caller, "caller");
    Answer answer = call("GetCallerIdentity", parameters("GetCallerIdentity"), caller);
    XmlElement result = answer.root.child("GetCallerIdentityResult").orElse(answer.root);
    return new CallerIdentity(
        result.textAt("UserId").orElse(null),
        result.textAt("Account").orElse(null),
        result.textAt("Arn").orElse(null));
  }

  private record Answer(XmlElement root, HttpTransport.Response response) {}

  private Answer call(
      String operation, List<Map.Entry<String, String>> parameters, Credentials caller) {
    byte[] body = Calls.form(parameters).getBytes(StandardCharsets.UTF_8);
    URI uri = Calls.resolve(endpoint, "/", null);
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(Map.entry("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"));
    List<Map.Entry<String, String>> toSend = new ArrayList<>(headers);
    if (caller != null) {
      List<Map.Entry<String, String>> signing = new ArrayList<>(headers);
      signing.add(Map.entry("Host", hostHeader(uri)));
      Instant now = clock.instant();
      toSend.addAll(signer.sign("POST", uri, signing, body, caller, signingRegion, "sts", now));
    }
    HttpTransport.Response response =
        Calls.send(
            transport, operation, new HttpTransport.Request("POST", uri, toSend, body, timeout));
    XmlElement root;
    try {
      root = XmlElement.parse(response.text());
    } catch (XmlElement.XmlParseException e) {
      throw new AwsCallException.ServiceError(
          operation,
          String.valueOf(response.status()),
          response.status() / 100 == 2 ? "the answer is not XML" : reason(response.status()),
          response.status(),
          response.header("x-amzn-RequestId").orElse(null));
    }
    if (response.status() / 100 != 2 || root.name().equals("ErrorResponse")) {
      XmlElement error = root.child("Error").orElse(root);
      throw new AwsCallException.ServiceError(
          operation,
          error.textAt("Code").orElse(String.valueOf(response.status())),
          error.textAt("Message").orElse(""),
          response.status(),
          root.textAt("RequestId").or(() -> response.header("x-amzn-RequestId")).orElse(null));
    }
    return new Answer(root, response);
  }

  private AssumedRole assumed(Answer answer, String resultName) {
    XmlElement result = answer.root.child(resultName).orElse(answer.root);
    XmlElement credentials =
        result.child("Credentials").orElseThrow(() -> malformed(resultName, "has no Credentials"));
    String expiration = credentials.textAt("Expiration").orElse(null);
    Instant expiry =
        Timestamps.parse(expiration)
            .orElseThrow(() -> malformed(resultName, "has no readable Expiration"));
    Credentials temporary =
        new Credentials(
            credentials
                .textAt("AccessKeyId")
                .orElseThrow(() -> malformed(resultName, "has no AccessKeyId")),
            credentials
                .textAt("SecretAccessKey")
                .orElseThrow(() -> malformed(resultName, "has no SecretAccessKey")),
            credentials.textAt("SessionToken").orElse(null),
            expiry);
    Map<String, String> headers = new LinkedHashMap<>();
    answer.response.headers().forEach((name, values) -> headers.put(name, values.get(0)));
    return new AssumedRole(
        temporary,
        result.textAt("AssumedRoleUser", "Arn").orElse(null),
        result.textAt("AssumedRoleUser", "AssumedRoleId").orElse(null),
        result.textAt("PackedPolicySize").map(StsClient::integer).orElse(null),
        result.textAt("SourceIdentity").orElse(null),
        result.textAt("SubjectFromWebIdentityToken").orElse(null),
        result.textAt("Provider").orElse(null),
        result.textAt("Audience").orElse(null),
        answer.root.textAt("ResponseMetadata", "RequestId").orElse(null),
        headers);
  }

  private static Integer integer(String text) {
    try {
      return Integer.valueOf(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static AwsCallException.ServiceError malformed(String resultName, String what) {
    String operation = resultName.substring(0, resultName.length() - "Result".length());
    return new AwsCallException.ServiceError(
        operation, "MalformedResponse", "the " + resultName + " " + what, 200, null);
  }

  private static List<Map.Entry<String, String>> parameters(String action) {
    List<Map.Entry<String, String>> parameters = new ArrayList<>();
    parameters.add(Map.entry("Action", action));
    parameters.add(Map.entry("Version", VERSION));
    return parameters;
  }

  private static void add(List<Map.Entry<String, String>> parameters, String name, Object value) {
    if (value != null) {
      parameters.add(Map.entry(name, value.toString()));
    }
  }

  /** What the JDK client sends as Host: the host, and the port when the URI has one. */
  static String hostHeader(URI uri) {
    String host = uri.getHost();
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return uri.getPort() == -1 ? host : host + ":" + uri.getPort();
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "";
    };
  }

  @Override
  public String toString() {
    return "StsClient[" + endpoint + ", " + signingRegion + "]";
  }
}
