package dev.stint.core.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Where a canonical request is written: kept as text, for the signer, which shows every stage; or
 * hashed as it is written, for the verifier, which needs only the hash and would otherwise copy a
 * request carrying a session token three times over. Both see the same pieces in the same order, so
 * both hash the same UTF-8 bytes. Not thread-safe: one per canonical request.
 */
abstract sealed class CanonicalOut permits CanonicalOut.Text, CanonicalOut.Hashed {

  abstract CanonicalOut add(String s);

  abstract CanonicalOut add(String s, int from, int to);

  abstract CanonicalOut add(char c);

  /** The canonical request as text. */
  static final class Text extends CanonicalOut {
    private final StringBuilder text;

    Text(int capacity) {
      this.text = new StringBuilder(capacity);
    }

    @Override
    CanonicalOut add(String s) {
      text.append(s);
      return this;
    }

    @Override
    CanonicalOut add(String s, int from, int to) {
      text.append(s, from, to);
      return this;
    }

    @Override
    CanonicalOut add(char c) {
      text.append(c);
      return this;
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }

  /**
   * The canonical request's SHA-256. Short pieces gather in a buffer; a long one (a session token)
   * goes to the digest directly.
   */
  static final class Hashed extends CanonicalOut {
    private static final int DIRECT = 256;

    private final MessageDigest digest = Crypto.sha256();
    private final StringBuilder pending = new StringBuilder(512);

    @Override
    CanonicalOut add(String s) {
      if (s.length() >= DIRECT) {
        flush();
        digest.update(s.getBytes(StandardCharsets.UTF_8));
      } else {
        pending.append(s);
      }
      return this;
    }

    @Override
    CanonicalOut add(String s, int from, int to) {
      pending.append(s, from, to);
      return this;
    }

    @Override
    CanonicalOut add(char c) {
      pending.append(c);
      return this;
    }

    byte[] sha256() {
      flush();
      return digest.digest();
    }

    private void flush() {
      if (!pending.isEmpty()) {
        digest.update(pending.toString().getBytes(StandardCharsets.UTF_8));
        pending.setLength(0);
      }
    }
  }
}
