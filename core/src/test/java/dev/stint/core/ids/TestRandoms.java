package dev.stint.core.ids;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Deterministic stand-ins for a {@link SecureRandom}, so tests give the same answer every run. */
final class TestRandoms {

  private TestRandoms() {}

  /** SHA1PRNG seeded before first use is a fixed sequence for a given seed. */
  static SecureRandom seeded(long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      return random;
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** Every byte 0, so every draw picks the first symbol of its alphabet. */
  static SecureRandom zeros() {
    return new SecureRandom() {
      private static final long serialVersionUID = 1L;

      @Override
      public void nextBytes(byte[] bytes) {
        java.util.Arrays.fill(bytes, (byte) 0);
      }
    };
  }

  /**
   * Fills every byte of the n-th call with the n-th value, repeating the last one: shows how many
   * calls a draw makes and which bytes it keeps.
   */
  static SecureRandom perCall(byte... values) {
    return new SecureRandom() {
      private static final long serialVersionUID = 1L;
      private int calls;

      @Override
      public void nextBytes(byte[] bytes) {
        java.util.Arrays.fill(bytes, values[Math.min(calls++, values.length - 1)]);
      }
    };
  }

  /**
   * Fills byte {@code i} of every call with {@code i + 1}, and records each call's length: shows
   * how many calls a draw makes and which bit of which byte names each symbol.
   */
  static final class Counting extends SecureRandom {
    private static final long serialVersionUID = 1L;
    final transient java.util.List<Integer> calls = new java.util.ArrayList<>();

    @Override
    public void nextBytes(byte[] bytes) {
      calls.add(bytes.length);
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) (i + 1);
      }
    }
  }
}
