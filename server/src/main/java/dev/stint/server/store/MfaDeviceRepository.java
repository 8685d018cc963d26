package dev.stint.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Virtual MFA devices (seeds as ciphertext only). Implementations are thread-safe. */
public interface MfaDeviceRepository {

  /**
   * Stores a device; pass one with no user, then {@link #enable} it.
   *
   * @throws StoreException.EntityAlreadyExists if the serial number is taken
   * @throws StoreException.NoSuchEntity if the account does not exist
   */
  void create(MfaDevice device);

  Optional<MfaDevice> find(String serialNumber);

  /** The devices enabled for a user, by serial number. */
  List<MfaDevice> listForUser(String userId);

  /** Every device of an account, enabled or not, by serial number (ListVirtualMFADevices). */
  List<MfaDevice> listForAccount(String accountId);

  /**
   * Binds the device to a user.
   *
   * @throws StoreException.NoSuchEntity if the device or the user does not exist
   * @throws StoreException.EntityAlreadyExists if the device is already enabled
   */
  void enable(String serialNumber, String userId, Instant enabled);

  /**
   * Unbinds the device from its user.
   *
   * @throws StoreException.NoSuchEntity if there is no such device
   */
  void deactivate(String serialNumber);

  /**
   * @throws StoreException.NoSuchEntity if there is no such device
   */
  void delete(String serialNumber);
}
