package dev.stint.server.iam;

import static dev.stint.server.query.ApiException.rejected;

import dev.stint.server.keys.SecretBox;
import dev.stint.server.mfa.MfaDevices;
import dev.stint.server.mfa.Totp;
import dev.stint.server.query.ErrorCode;
import dev.stint.server.query.QueryAction;
import dev.stint.server.query.QueryCall;
import dev.stint.server.query.Validator;
import dev.stint.server.query.Xml;
import dev.stint.server.store.MfaDevice;
import dev.stint.server.store.Page;
import dev.stint.server.store.StoreException;
import dev.stint.server.store.User;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Virtual MFA devices: CreateVirtualMFADevice (a fresh TOTP seed, shown once as base32 text and as
 * a QR code of its {@code otpauth://} URI, stored sealed), EnableMFADevice (two consecutive codes),
 * DeactivateMFADevice, ListMFADevices, ListVirtualMFADevices and DeleteVirtualMFADevice.
 * Thread-safe.
 */
final class MfaActions {
  /** RFC 4226 recommends 160 bits, what HMAC-SHA1 takes without padding. */
  static final int SEED_BYTES = 20;

  static final String ISSUER = "stint";
  private static final int MAX_SERIAL = 256;

  private final Iam iam;
  private final SecretBox box;
  private final SecureRandom random;

  MfaActions(Iam iam, SecretBox box, SecureRandom random) {
    this.iam = iam;
    this.box = box;
    this.random = random;
  }

  void register(Map<String, QueryAction> actions) {
    actions.put("CreateVirtualMFADevice", this::createVirtualMfaDevice);
    actions.put("EnableMFADevice", this::enableMfaDevice);
    actions.put("DeactivateMFADevice", this::deactivateMfaDevice);
    actions.put("ListMFADevices", this::listMfaDevices);
    actions.put("ListVirtualMFADevices", this::listVirtualMfaDevices);
    actions.put("DeleteVirtualMFADevice", this::deleteVirtualMfaDevice);
  }

  Xml.Body createVirtualMfaDevice(QueryCall call) {
    Validator v = call.validator();
    String path = v.optional("Path", IamShapes.PATH).orElse("/");
    String name = v.required("VirtualMFADeviceName", IamShapes.VIRTUAL_MFA_DEVICE_NAME);
    Tags.Requested requested = Tags.read(call, v, false);
    v.check();
    requested.get();
    String account = iam.account(call);
    String serial = Iam.mfaArn(account, path, name);
    if (serial.length() > MAX_SERIAL) {
      throw rejected(
          ErrorCode.INVALID_INPUT,
          "The serial number of the device would be longer than " + MAX_SERIAL + " characters.");
    }
    iam.authorize(call, "iam:CreateVirtualMFADevice", serial);
    byte[] seed = new byte[SEED_BYTES];
    random.nextBytes(seed);
    String base32 = Totp.base32(seed);
    try {
      var device =
          new MfaDevice(
              serial,
              account,
              null,
              box.seal(MfaDevices.SEED_PURPOSE, serial, seed),
              call.now(),
              null);
      iam.db.mfaDevices().create(device);
    } catch (StoreException.EntityAlreadyExists e) {
      throw rejected(
          ErrorCode.ENTITY_ALREADY_EXISTS,
          "MFADevice entity at the same path and name already exists.");
    } catch (StoreException e) {
      throw IamErrors.from(e);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
    byte[] png = QrCode.encode(otpauth(name, account, base32)).png(4, 4);
    Base64.Encoder b64 = Base64.getEncoder();
    // Both members are blobs in the model: base64 on the wire, the seed's base32 text inside.
    return xml ->
        xml.element(
            "VirtualMFADevice",
            x ->
                x.element("SerialNumber", serial)
                    .element(
                        "Base32StringSeed",
                        b64.encodeToString(base32.getBytes(StandardCharsets.US_ASCII)))
                    .element("QRCodePNG", b64.encodeToString(png)));
  }

  Xml.Body enableMfaDevice(QueryCall call) {
    Validator v = call.validator();
    String name = v.required("UserName", IamShapes.EXISTING_USER_NAME);
    String serial = v.required("SerialNumber", IamShapes.SERIAL_NUMBER);
    String code1 = v.required("AuthenticationCode1", IamShapes.AUTHENTICATION_CODE);
    String code2 = v.required("AuthenticationCode2", IamShapes.AUTHENTICATION_CODE);
    v.check();
    User user = iam.user(call, name, "iam:EnableMFADevice");
    MfaDevice device = device(serial, user.accountId());
    if (device.userId() != null) {
      throw rejected(ErrorCode.ENTITY_ALREADY_EXISTS, "MFA Device is already in use.");
    }
    byte[] seed = box.open(MfaDevices.SEED_PURPOSE, serial, device.seedCiphertext());
    boolean valid;
    try {
      valid = MfaDevices.consecutive(seed, code1, code2, call.now());
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
    if (!valid) {
      throw rejected(
          ErrorCode.INVALID_AUTHENTICATION_CODE, "Authentication code for device is not valid.");
    }
    try {
      iam.db.mfaDevices().enable(serial, user.id(), call.now());
    } catch (StoreException.EntityAlreadyExists e) {
      throw rejected(ErrorCode.ENTITY_ALREADY_EXISTS, "MFA Device is already in use.");
    } catch (StoreException e) {
      throw IamErrors.from(e);
    }
    return null;
  }

  Xml.Body deactivateMfaDevice(QueryCall call) {
    Validator v = call.validator();
    Optional<String> name = v.optional("UserName", IamShapes.EXISTING_USER_NAME);
    String serial = v.required("SerialNumber", IamShapes.SERIAL_NUMBER);
    v.check();
    User user = iam.userOrSelf(call, name, "iam:DeactivateMFADevice");
    MfaDevice device = device(serial, user.accountId());
    if (!user.id().equals(device.userId())) {
      throw IamErrors.noSuchMfaDevice(serial);
    }
    try {
      iam.db.mfaDevices().deactivate(serial);
    } catch (StoreException e) {
      throw IamErrors.from(e);
    }
    return null;
  }

  Xml.Body listMfaDevices(QueryCall call) {
    Validator v = call.validator();
    Optional<String> name = v.optional("UserName", IamShapes.EXISTING_USER_NAME);
    Paging paging = Paging.read(v);
    v.check();
    User user = iam.userOrSelf(call, name, "iam:ListMFADevices");
    Page<MfaDevice> page =
        paging.page(iam.db.mfaDevices().listForUser(user.id()), MfaDevice::serialNumber);
    return Paging.list(
        "MFADevices",
        page,
        (m, d) ->
            m.element("UserName", user.name())
                .element("SerialNumber", d.serialNumber())
                .element("EnableDate", d.enabled()));
  }

  Xml.Body listVirtualMfaDevices(QueryCall call) {
    Validator v = call.validator();
    String status =
        Iam.optionalEnum(call, v, "AssignmentStatus", List.of("Assigned", "Unassigned", "Any"))
            .orElse("Any");
    Paging paging = Paging.read(v);
    v.check();
    String account = iam.account(call);
    iam.authorize(call, "iam:ListVirtualMFADevices", "*");
    List<MfaDevice> devices =
        iam.db.mfaDevices().listForAccount(account).stream()
            .filter(
                d ->
                    switch (status) {
                      case "Assigned" -> d.userId() != null;
                      case "Unassigned" -> d.userId() == null;
                      default -> true;
                    })
            .toList();
    Page<MfaDevice> page = paging.page(devices, MfaDevice::serialNumber);
    Map<String, User> users = new HashMap<>();
    for (MfaDevice d : page.items()) {
      if (d.userId() != null) {
        iam.db.users().findById(d.userId()).ifPresent(u -> users.put(d.userId(), u));
      }
    }
    return Paging.list(
        "VirtualMFADevices",
        page,
        (m, d) -> {
          m.element("SerialNumber", d.serialNumber());
          User user = d.userId() == null ? null : users.get(d.userId());
          if (user != null) {
            m.element("User", u -> IamXml.user(u, user, false));
          }
          m.element("EnableDate", d.enabled());
        });
  }

  Xml.Body deleteVirtualMfaDevice(QueryCall call) {
    Validator v = call.validator();
    String serial = v.required("SerialNumber", IamShapes.SERIAL_NUMBER);
    v.check();
    String account = iam.account(call);
    iam.authorize(call, "iam:DeleteVirtualMFADevice", serial);
    MfaDevice device = device(serial, account);
    if (device.userId() != null) {
      throw rejected(ErrorCode.DELETE_CONFLICT, "MFA Device is still in use");
    }
    try {
      iam.db.mfaDevices().delete(serial);
    } catch (StoreException e) {
      throw IamErrors.from(e);
    }
    return null;
  }

  private MfaDevice device(String serial, String account) {
    return iam.db
        .mfaDevices()
        .find(serial)
        .filter(d -> d.accountId().equals(account))
        .orElseThrow(() -> IamErrors.noSuchMfaDevice(serial));
  }

  /**
   * The key URI authenticator apps read (Google Authenticator's {@code otpauth} format): label
   * {@code ISSUER:NAME@ACCOUNT}, the base32 secret, and the issuer again as a parameter.
   */
  static String otpauth(String deviceName, String account, String base32) {
    String label = enc(ISSUER) + ":" + enc(deviceName + "@" + account);
    return "otpauth://totp/" + label + "?secret=" + base32 + "&issuer=" + enc(ISSUER);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
