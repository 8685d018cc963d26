package dev.stint.core.token;

import dev.stint.core.token.SessionClaims.PrincipalType;
import dev.stint.core.token.SessionClaims.Tag;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The plaintext of a version 1 session token: {@link SessionClaims} in a compact binary form.
 * Stateless and thread-safe.
 *
 * <pre>
 * claims    = u8 principal-type-code
 *             str secret-access-key  str account-id  str principal-arn  str entity-arn
 *             str entity-id  opt session-name  opt source-identity
 *             i64 issued-at  i64 expires-at          ; epoch seconds
 *             u8 flags [i64 mfa-authenticated-at]    ; flags bit 0: MFA, and the time follows
 *             i32 chain-depth  str session-id
 *             packed
 * packed    = u8 n *(str key str value)              ; tags
 *             u8 n *str                              ; transitive tag keys
 *             opt session-policy
 *             u8 n *str                              ; policy ARNs
 * str       = u16 length, UTF-8 bytes                ; big-endian lengths and numbers
 * opt       = str, where length 0 means absent       ; claims never hold an empty optional string
 * </pre>
 *
 * The packed part is what {@link SessionTokenCodec#packedPolicySize} measures: its strings and
 * their length prefixes, not its three count bytes.
 */
final class ClaimsFormat {

  private static final int MFA = 1;

  private ClaimsFormat() {}

  static byte[] write(SessionClaims c) {
    var out = new Writer(256 + packedBytes(c));
    out.u8(c.principalType().code);
    out.str(c.secretAccessKey());
    out.str(c.accountId());
    out.str(c.principalArn());
    out.str(c.entityArn());
    out.str(c.entityId());
    out.opt(c.sessionName());
    out.opt(c.sourceIdentity());
    out.i64(c.issuedAt().getEpochSecond());
    out.i64(c.expiresAt().getEpochSecond());
    out.u8(c.mfaAuthenticated() ? MFA : 0);
    if (c.mfaAuthenticated()) {
      out.i64(c.mfaAuthenticatedAt().getEpochSecond());
    }
    out.i32(c.chainDepth());
    out.str(c.sessionId());
    out.u8(c.tags().size());
    for (Tag tag : c.tags()) {
      out.str(tag.key());
      out.str(tag.value());
    }
    out.u8(c.transitiveTagKeys().size());
    for (String key : c.transitiveTagKeys()) {
      out.str(key);
    }
    out.opt(c.sessionPolicy());
    out.u8(c.policyArns().size());
    for (String arn : c.policyArns()) {
      out.str(arn);
    }
    return out.toByteArray();
  }

  /**
   * Reads claims from {@code in}, which must hold exactly one claims record and nothing after it.
   *
   * @throws IllegalArgumentException if the bytes do not read back as valid claims
   */
  static SessionClaims read(ByteBuffer in) {
    try {
      PrincipalType type = PrincipalType.ofCode(u8(in));
      String secret = str(in);
      String account = str(in);
      String principalArn = str(in);
      String entityArn = str(in);
      String entityId = str(in);
      String sessionName = opt(in);
      String sourceIdentity = opt(in);
      Instant issuedAt = Instant.ofEpochSecond(in.getLong());
      Instant expiresAt = Instant.ofEpochSecond(in.getLong());
      int flags = u8(in);
      if ((flags & ~MFA) != 0) {
        throw new IllegalArgumentException("unknown flags " + flags);
      }
      boolean mfa = (flags & MFA) != 0;
      Instant mfaAt = mfa ? Instant.ofEpochSecond(in.getLong()) : null;
      int chainDepth = in.getInt();
      String sessionId = str(in);
      int tagCount = u8(in);
      var tags = new ArrayList<Tag>(tagCount);
      for (int i = 0; i < tagCount; i++) {
        tags.add(new Tag(str(in), str(in)));
      }
      List<String> transitive = strs(in);
      String sessionPolicy = opt(in);
      List<String> policyArns = strs(in);
      if (in.hasRemaining()) {
        throw new IllegalArgumentException(in.remaining() + " bytes after the claims");
      }
      return new SessionClaims(
          secret,
          type,
          account,
          principalArn,
          entityArn,
          entityId,
          sessionName,
          sourceIdentity,
          issuedAt,
          expiresAt,
          mfa,
          mfaAt,
          tags,
          transitive,
          sessionPolicy,
          policyArns,
          chainDepth,
          sessionId);
    } catch (java.nio.BufferUnderflowException e) {
      throw new IllegalArgumentException("claims end early", e);
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("claims hold a time out of range", e);
    }
  }

  /** The bytes the packed part's strings take, length prefixes included. */
  static int packedBytes(SessionClaims c) {
    int n = 0;
    for (Tag tag : c.tags()) {
      n += 2 + utf8Length(tag.key()) + 2 + utf8Length(tag.value());
    }
    for (String key : c.transitiveTagKeys()) {
      n += 2 + utf8Length(key);
    }
    if (c.sessionPolicy() != null) {
      n += 2 + utf8Length(c.sessionPolicy());
    }
    for (String arn : c.policyArns()) {
      n += 2 + utf8Length(arn);
    }
    return n;
  }

  static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4; // with its low surrogate; claims validation admits no unpaired ones
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  private static int u8(ByteBuffer in) {
    return in.get() & 0xff;
  }

  private static List<String> strs(ByteBuffer in) {
    int count = u8(in);
    var out = new ArrayList<String>(count);
    for (int i = 0; i < count; i++) {
      out.add(str(in));
    }
    return out;
  }

  private static String opt(ByteBuffer in) {
    String s = str(in);
    return s.isEmpty() ? null : s;
  }

  private static String str(ByteBuffer in) {
    int length = in.getShort() & 0xffff;
    if (length > in.remaining()) {
      throw new IllegalArgumentException("a string of " + length + " bytes runs past the end");
    }
    int start = in.position();
    in.position(start + length);
    byte[] array = in.array();
    int from = in.arrayOffset() + start;
    boolean ascii = true;
    for (int i = from; i < from + length; i++) {
      ascii &= array[i] >= 0;
    }
    if (ascii) {
      return new String(array, from, length, StandardCharsets.ISO_8859_1);
    }
    try {
      // Strict, unlike new String(bytes, UTF_8), which would replace bad bytes silently.
      return StandardCharsets.UTF_8
          .newDecoder()
          .decode(ByteBuffer.wrap(array, from, length))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("a string is not UTF-8", e);
    }
  }

  /** A growable big-endian byte sink; never throws, unlike DataOutputStream's IOException. */
  private static final class Writer {
    private byte[] buf;
    private int size;

    Writer(int capacity) {
      buf = new byte[capacity];
    }

    void u8(int v) {
      ensure(1);
      buf[size++] = (byte) v;
    }

    void i32(int v) {
      ensure(4);
      for (int shift = 24; shift >= 0; shift -= 8) {
        buf[size++] = (byte) (v >>> shift);
      }
    }

    void i64(long v) {
      ensure(8);
      for (int shift = 56; shift >= 0; shift -= 8) {
        buf[size++] = (byte) (v >>> shift);
      }
    }

    void opt(String s) {
      str(s == null ? "" : s);
    }

    void str(String s) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      if (bytes.length > 0xffff) {
        throw new IllegalArgumentException("a string of " + bytes.length + " bytes is too long");
      }
      ensure(2 + bytes.length);
      buf[size++] = (byte) (bytes.length >>> 8);
      buf[size++] = (byte) bytes.length;
      System.arraycopy(bytes, 0, buf, size, bytes.length);
      size += bytes.length;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
      if (size + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
      }
    }
  }
}
