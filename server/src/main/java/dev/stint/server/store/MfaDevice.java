package dev.stint.server.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A virtual MFA device: its serial number (the device ARN), the account it belongs to, the TOTP
 * seed as ciphertext, and, once enabled, the user it is bound to and when. Immutable and
 * thread-safe: the seed is copied in and out and never printed.
 */
public record MfaDevice(
    String serialNumber,
    String accountId,
    String userId,
    byte[] seedCiphertext,
    Instant created,
    Instant enabled) {

  public MfaDevice {
    Checks.text(serialNumber, "serial number", Checks.MAX_ARN);
    Checks.matching(accountId, Checks.ACCOUNT_ID, "account id");
    if (userId != null) {
      Checks.matching(userId, Checks.USER_ID, "user id");
    }
    seedCiphertext = Checks.secret(seedCiphertext, "seed ciphertext");
    created = Checks.millis(created, "created");
    enabled = Checks.optionalMillis(enabled);
    if ((userId == null) != (enabled == null)) {
      throw new IllegalArgumentException(
          "MFA device " + serialNumber + " must have both a user and an enabled time, or neither");
    }
  }

  @Override
  public byte[] seedCiphertext() {
    return seedCiphertext.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MfaDevice that
        && serialNumber.equals(that.serialNumber)
        && accountId.equals(that.accountId)
        && Objects.equals(userId, that.userId)
        && Arrays.equals(seedCiphertext, that.seedCiphertext)
        && created.equals(that.created)
        && Objects.equals(enabled, that.enabled);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        serialNumber, accountId, userId, Arrays.hashCode(seedCiphertext), created, enabled);
  }

  @Override
  public String toString() {
    return "MfaDevice[serialNumber="
        + serialNumber
        + ", accountId="
        + accountId
        + ", userId="
        + userId
        + ", seedCiphertext=<redacted>, created="
        + created
        + ", enabled="
        + enabled
        + "]";
  }
}
