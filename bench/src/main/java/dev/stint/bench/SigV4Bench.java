package dev.stint.bench;

import dev.stint.core.credentials.Credentials;
import dev.stint.core.sigv4.HttpRequestParts;
import dev.stint.core.sigv4.HttpRequestParts.Header;
import dev.stint.core.sigv4.SigV4Exception;
import dev.stint.core.sigv4.SigV4Signer;
import dev.stint.core.sigv4.SigV4Verifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Verifying a typical signed STS request: {@code POST /} GetCallerIdentity with temporary
 * credentials (a session token of AWS's usual size), signing key cached and not, against a baseline
 * in the same run: the hashing no verifier can skip (one SHA-256 of the canonical request and one
 * HMAC-SHA256 of the string to sign, with digest and MAC already set up), and a bare HMAC-SHA256 of
 * the canonical request's bytes. The resolver hands back a prepared key, so this measures SigV4
 * only, not token decryption.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SigV4Bench {

  private static final Instant SIGNED_AT = Instant.parse("2026-01-01T00:10:00Z");
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  private HttpRequestParts request;
  private SigV4Verifier<String> cached;
  private SigV4Verifier<String> uncached;

  private byte[] canonicalRequest;
  private byte[] stringToSign;
  private MessageDigest sha256;
  private Mac signingMac;
  private Mac bareMac;

  @Setup
  public void setUp() throws GeneralSecurityException, SigV4Exception {
    String token = sessionToken(900);
    Credentials credentials = new Credentials("ASIAQEXAMPLE0000TEMP", SECRET, token, null);
    HttpRequestParts unsigned =
        new HttpRequestParts(
            "POST",
            "/",
            null,
            List.of(
                new Header("Host", "sts.amazonaws.com"),
                new Header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                new Header("User-Agent", "aws-cli/2.22.0 md/Botocore#1.35.0 os/linux"),
                new Header("Content-Length", "43")),
            "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8));
    SigV4Signer.Signed signed =
        SigV4Signer.sign(
            unsigned, credentials, SigV4Signer.Options.of("us-east-1", "sts", SIGNED_AT));
    request = signed.request();

    SigV4Verifier.Resolved<String> key = SigV4Verifier.Resolved.of(SECRET, "session");
    SigV4Verifier.Resolver<String> resolver = (accessKeyId, sessionToken) -> key;
    Clock clock = Clock.fixed(SIGNED_AT.plusSeconds(1), ZoneOffset.UTC);
    cached = SigV4Verifier.builder("sts", resolver).clock(clock).build();
    uncached = SigV4Verifier.builder("sts", resolver).clock(clock).signingKeyCacheSize(0).build();
    cached.verify(request);
    uncached.verify(request);

    canonicalRequest = signed.canonicalRequest().getBytes(StandardCharsets.UTF_8);
    stringToSign = signed.stringToSign().getBytes(StandardCharsets.UTF_8);
    sha256 = MessageDigest.getInstance("SHA-256");
    signingMac = Mac.getInstance("HmacSHA256");
    signingMac.init(new SecretKeySpec(signingKey("20260101"), "HmacSHA256"));
    bareMac = Mac.getInstance("HmacSHA256");
    bareMac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
  }

  /** The whole verification, signing key from the cache. */
  @Benchmark
  public SigV4Verifier.Verified<String> verifyCachedKey() throws SigV4Exception {
    return cached.verify(request);
  }

  /** The whole verification, deriving the signing key (four more HMACs) every time. */
  @Benchmark
  public SigV4Verifier.Verified<String> verifyUncachedKey() throws SigV4Exception {
    return uncached.verify(request);
  }

  /** Baseline: SHA-256 of the canonical request, then HMAC of the string to sign. */
  @Benchmark
  public int baselineUnavoidableHashing() {
    byte[] digest = sha256.digest(canonicalRequest);
    byte[] signature = signingMac.doFinal(stringToSign);
    return digest[0] + signature[0];
  }

  /** Baseline: one HMAC-SHA256 over the canonical request's bytes. */
  @Benchmark
  public byte[] baselineBareHmac() {
    return bareMac.doFinal(canonicalRequest);
  }

  private static String sessionToken(int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    Random random = new Random(42);
    StringBuilder token = new StringBuilder("IQoJb3JpZ2luX2Vj");
    while (token.length() < length) {
      token.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return token.toString();
  }

  private static byte[] signingKey(String date) throws GeneralSecurityException {
    byte[] key = ("AWS4" + SECRET).getBytes(StandardCharsets.UTF_8);
    for (String part : new String[] {date, "us-east-1", "sts", "aws4_request"}) {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      key = mac.doFinal(part.getBytes(StandardCharsets.UTF_8));
    }
    return key;
  }
}
