package dev.stint.server.mfa;

import dev.stint.server.auth.Caller;
import dev.stint.server.keys.SecretBox;
import dev.stint.server.store.Database;
import dev.stint.server.store.MfaDevice;
import dev.stint.server.sts.MfaCheck;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Virtual MFA devices: seeds sealed under the master key, codes checked per RFC 6238 with one step
 * of tolerance either side, and each code accepted once per device on this node (a replayed code is
 * refused). Thread-safe.
 */
public final class MfaDevices implements MfaCheck {
  /** The {@link SecretBox} purpose of MFA seeds. */
  public static final String SEED_PURPOSE = "mfa-seed";

  private static final int WINDOW = 1;

  private final Database db;
  private final SecretBox box;
  private final Map<String, Long> lastStep = new ConcurrentHashMap<>();

  public MfaDevices(Database db, SecretBox box) {
    this.db = db;
    this.box = box;
  }

  @Override
  public boolean verify(Caller caller, String serialNumber, String tokenCode, Instant now) {
    if (caller.kind() != Caller.Kind.USER && caller.kind() != Caller.Kind.USER_SESSION) {
      return false;
    }
    Optional<MfaDevice> device = db.mfaDevices().find(serialNumber);
    if (device.isEmpty()
        || device.get().enabled() == null
        || !caller.entityId().equals(device.get().userId())) {
      return false;
    }
    return accept(device.get(), tokenCode, now);
  }

  /** Checks a code for a device whose owner is already known (portal sign-in). */
  public boolean accept(MfaDevice device, String tokenCode, Instant now) {
    byte[] seed = box.open(SEED_PURPOSE, device.serialNumber(), device.seedCiphertext());
    try {
      long step = Totp.match(seed, tokenCode, Totp.step(now), WINDOW);
      if (step < 0) {
        return false;
      }
      boolean[] fresh = {false};
      lastStep.compute(
          device.serialNumber(),
          (serial, last) -> {
            if (last != null && last >= step) {
              return last;
            }
            fresh[0] = true;
            return step;
          });
      return fresh[0];
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /** Whether two consecutive codes fit the seed now (EnableMFADevice's check). */
  public static boolean consecutive(byte[] seed, String code1, String code2, Instant now) {
    long step = Totp.match(seed, code1, Totp.step(now), 10);
    return step >= 0 && Totp.match(seed, code2, step + 1, 0) == step + 1;
  }
}
