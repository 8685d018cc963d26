package dev.stint.server.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets at rest (access key secrets, token keys, MFA seeds) under the master key:
 * AES-256-GCM with a random 96-bit nonce and the secret's purpose and id as associated data, so a
 * sealed value cannot be moved to another row or purpose. Layout: {@code 0x01 | nonce(12) |
 * ciphertext+tag}. Thread-safe.
 */
public final class SecretBox {
  private static final byte VERSION = 1;
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random;

  public SecretBox(byte[] masterKey, SecureRandom random) {
    Objects.requireNonNull(masterKey, "masterKey");
    if (masterKey.length != 32) {
      throw new IllegalArgumentException("master key must be 32 bytes, not " + masterKey.length);
    }
    this.key = new SecretKeySpec(masterKey.clone(), "AES");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Seals {@code secret} for {@code purpose} and {@code id} (e.g. "access-key", "AKIA..."). */
  public byte[] seal(String purpose, String id, byte[] secret) {
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad(purpose, id));
      byte[] sealed = cipher.doFinal(secret);
      return ByteBuffer.allocate(1 + NONCE + sealed.length)
          .put(VERSION)
          .put(nonce)
          .put(sealed)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  /**
   * Opens what {@link #seal} produced for the same purpose and id.
   *
   * @throws SealedSecretException when the value was altered, moved, or sealed under another key
   */
  public byte[] open(String purpose, String id, byte[] sealed) {
    if (sealed == null || sealed.length < 1 + NONCE + TAG_BITS / 8 || sealed[0] != VERSION) {
      throw new SealedSecretException(purpose, id);
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          key,
          new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(sealed, 1, 1 + NONCE)));
      cipher.updateAAD(aad(purpose, id));
      return cipher.doFinal(sealed, 1 + NONCE, sealed.length - 1 - NONCE);
    } catch (GeneralSecurityException e) {
      throw new SealedSecretException(purpose, id);
    }
  }

  private static byte[] aad(String purpose, String id) {
    return (purpose + "\0" + id).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "SecretBox[AES-256-GCM]";
  }

  /** A sealed secret does not open: altered, moved to another id, or another master key. */
  public static final class SealedSecretException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SealedSecretException(String purpose, String id) {
      super("sealed " + purpose + " secret of " + id + " does not open under this master key");
    }
  }
}
