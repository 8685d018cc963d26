package dev.stint.server.iam;

import static dev.stint.server.iam.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.server.mfa.Totp;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AssignmentStatusType;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

/** Virtual MFA devices: a seed shown once, enabled with two consecutive codes computed from it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MfaApiTest {
  private IamServer server;
  private IamClient iam;
  private String account;

  @BeforeAll
  void start(@TempDir Path dir) {
    server = IamServer.start(dir);
    iam = server.admin();
    account = server.account();
  }

  @AfterAll
  void stop() {
    if (server != null) {
      iam.close();
      server.close();
    }
  }

  /** RFC 4648 base32, the alphabet authenticator apps read. */
  private static byte[] base32(String text) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    var out = new java.io.ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char c : text.toCharArray()) {
      buffer = buffer << 5 | alphabet.indexOf(c);
      bits += 5;
      if (bits >= 8) {
        out.write(buffer >>> (bits - 8) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }

  private VirtualMFADevice create(String name) {
    return iam.createVirtualMFADevice(r -> r.virtualMFADeviceName(name)).virtualMFADevice();
  }

  @Test
  void deviceIsEnabledWithTwoConsecutiveCodesFromItsSeed() throws IOException {
    iam.createUser(r -> r.userName("olga"));
    VirtualMFADevice device = create("olga-phone");
    String serial = "arn:aws:iam::" + account + ":mfa/olga-phone";
    assertThat(device.serialNumber()).isEqualTo(serial);
    String seedText = device.base32StringSeed().asUtf8String();
    assertThat(seedText).matches("[A-Z2-7]{32}");
    BufferedImage qr = ImageIO.read(new ByteArrayInputStream(device.qrCodePNG().asByteArray()));
    assertThat(qr.getWidth()).isEqualTo(qr.getHeight()).isGreaterThan(100);

    assertAwsError(
        () ->
            iam.enableMFADevice(
                r ->
                    r.userName("olga")
                        .serialNumber(serial)
                        .authenticationCode1("000000")
                        .authenticationCode2("000000")),
        403,
        "InvalidAuthenticationCode",
        "Authentication code for device is not valid.");

    byte[] seed = base32(seedText);
    long step = Totp.step(Instant.now());
    iam.enableMFADevice(
        r ->
            r.userName("olga")
                .serialNumber(serial)
                .authenticationCode1(Totp.code(seed, step))
                .authenticationCode2(Totp.code(seed, step + 1)));

    assertThat(iam.listMFADevices(r -> r.userName("olga")).mfaDevices())
        .extracting(MFADevice::userName, MFADevice::serialNumber)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("olga", serial));
    VirtualMFADevice listed =
        iam.listVirtualMFADevices(r -> r.assignmentStatus(AssignmentStatusType.ASSIGNED))
            .virtualMFADevices()
            .get(0);
    assertThat(listed.serialNumber()).isEqualTo(serial);
    assertThat(listed.user().userName()).isEqualTo("olga");
    assertThat(listed.enableDate()).isNotNull();
    assertThat(listed.base32StringSeed()).isNull();

    assertAwsError(
        () -> iam.deleteVirtualMFADevice(r -> r.serialNumber(serial)),
        409,
        "DeleteConflict",
        "MFA Device is still in use");
    assertAwsError(
        () -> iam.deleteUser(r -> r.userName("olga")),
        409,
        "DeleteConflict",
        "Cannot delete entity, must remove MFA devices first.");

    iam.deactivateMFADevice(r -> r.userName("olga").serialNumber(serial));
    assertThat(iam.listMFADevices(r -> r.userName("olga")).mfaDevices()).isEmpty();
    assertThat(
            iam.listVirtualMFADevices(r -> r.assignmentStatus(AssignmentStatusType.UNASSIGNED))
                .virtualMFADevices())
        .extracting(VirtualMFADevice::serialNumber)
        .contains(serial);
    iam.deleteVirtualMFADevice(r -> r.serialNumber(serial));
    iam.deleteUser(r -> r.userName("olga"));
    assertAwsError(
        () -> iam.deleteVirtualMFADevice(r -> r.serialNumber(serial)),
        404,
        "NoSuchEntity",
        "VirtualMFADevice with serial number " + serial + " doesn't exist.");
  }

  @Test
  void aNameTakenIsEntityAlreadyExists() {
    create("shared");
    assertAwsError(
        () -> create("shared"),
        409,
        "EntityAlreadyExists",
        "MFADevice entity at the same path and name already exists.");
  }

  @Test
  void anMfaSessionMayCallIamWhereAPlainSessionMayNot() {
    VirtualMFADevice device = create("admin-phone");
    byte[] seed = base32(device.base32StringSeed().asUtf8String());
    long step = Totp.step(Instant.now());
    iam.enableMFADevice(
        r ->
            r.userName("admin")
                .serialNumber(device.serialNumber())
                .authenticationCode1(Totp.code(seed, step - 1))
                .authenticationCode2(Totp.code(seed, step)));
    var session =
        server
            .adminSts()
            .getSessionToken(
                r ->
                    r.serialNumber(device.serialNumber())
                        .tokenCode(Totp.code(seed, Totp.step(Instant.now()))))
            .credentials();
    try (IamClient mfa =
        server.iam(session.accessKeyId(), session.secretAccessKey(), session.sessionToken())) {
      assertThat(mfa.getUser().user().userName()).isEqualTo("admin");
    }
    iam.deactivateMFADevice(r -> r.serialNumber(device.serialNumber()));
  }
}
