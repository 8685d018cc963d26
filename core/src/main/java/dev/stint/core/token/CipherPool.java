package dev.stint.core.token;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.crypto.Cipher;

/**
 * Idle {@link Cipher}s of one transformation, for reuse. Making a cipher ({@code
 * Cipher.getInstance}) and expanding its key on the first {@code init} cost more than sealing a
 * token's few hundred bytes; a cipher is not thread-safe, and a per-thread cache keeps nothing on
 * virtual threads. So a caller takes a cipher, initialises it (every use starts with {@code init},
 * which resets it), uses it once and gives it back; a cipher whose use failed is not given back.
 * Holds at most {@link #SLOTS} idle ciphers; more are made when all are taken. Lock-free and
 * thread-safe.
 */
final class CipherPool {
  static final int SLOTS = 16;

  private final String transformation;
  private final Provider provider;
  private final AtomicReferenceArray<Cipher> idle = new AtomicReferenceArray<>(SLOTS);

  CipherPool(String transformation, Provider provider) {
    this.transformation = transformation;
    this.provider = provider;
  }

  /** An idle cipher, or a new one; the caller must {@code init} it. */
  Cipher take() throws GeneralSecurityException {
    for (int i = 0; i < SLOTS; i++) {
      if (idle.get(i) != null) {
        Cipher cipher = idle.getAndSet(i, null);
        if (cipher != null) {
          return cipher;
        }
      }
    }
    return Cipher.getInstance(transformation, provider);
  }

  /** Gives back a cipher whose last use succeeded; dropped when every slot is full. */
  void give(Cipher cipher) {
    for (int i = 0; i < SLOTS; i++) {
      if (idle.get(i) == null && idle.compareAndSet(i, null, cipher)) {
        return;
      }
    }
  }
}
