package dev.stint.server.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The QR encoder against an independent one (python3-qrcode's output, same text and mask), and its
 * PNG as the JDK's image reader decodes it.
 */
class QrCodeTest {
  record Case(String text, int mask, List<String> rows) {}

  private static List<Case> cases() throws IOException {
    List<String> lines;
    try (InputStream in = QrCodeTest.class.getResourceAsStream("qr-python-qrcode.txt")) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    var out = new ArrayList<Case>();
    String text = null;
    int mask = -1;
    var rows = new ArrayList<String>();
    for (String line : lines) {
      if (line.startsWith("# text: ")) {
        text = line.substring(8);
      } else if (line.startsWith("# version ")) {
        mask = Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1));
      } else if (line.isEmpty() && text != null) {
        out.add(new Case(text, mask, List.copyOf(rows)));
        rows.clear();
        text = null;
      } else if (!line.startsWith("#") || line.startsWith("##") || line.startsWith("#.")) {
        rows.add(line);
      }
    }
    if (text != null) {
      out.add(new Case(text, mask, List.copyOf(rows)));
    }
    return out;
  }

  private static List<String> rows(QrCode qr) {
    var out = new ArrayList<String>();
    for (int y = 0; y < qr.size(); y++) {
      var row = new StringBuilder();
      for (int x = 0; x < qr.size(); x++) {
        row.append(qr.dark(x, y) ? '#' : '.');
      }
      out.add(row.toString());
    }
    return out;
  }

  @Test
  void matrixEqualsAnIndependentEncodersForVersions1To10() throws IOException {
    List<Case> cases = cases();
    assertThat(cases).extracting(c -> c.rows().size()).containsExactly(21, 41, 57);
    for (Case c : cases) {
      assertThat(rows(QrCode.encode(c.text(), c.mask()))).as(c.text()).isEqualTo(c.rows());
    }
  }

  @Test
  void chosenMaskIsOneOfTheEightAndTheSymbolKeepsItsVersion() {
    String uri = "otpauth://totp/stint:alice@123456789012?secret=JBSWY3DPEHPK3PXP&issuer=stint";
    QrCode best = QrCode.encode(uri);
    boolean matchesSome = false;
    for (int mask = 0; mask < 8; mask++) {
      matchesSome |= rows(QrCode.encode(uri, mask)).equals(rows(best));
    }
    assertThat(matchesSome).isTrue();
    assertThat(best.size()).isEqualTo(QrCode.encode(uri, 0).size());
  }

  @Test
  void pngHoldsTheModulesScaledInsideAQuietZone() throws IOException {
    QrCode qr = QrCode.encode("stint", 3);
    byte[] png = qr.png(4, 4);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));

    assertThat(image.getWidth()).isEqualTo((21 + 8) * 4);
    assertThat(image.getHeight()).isEqualTo((21 + 8) * 4);
    for (int y = 0; y < 29; y++) {
      for (int x = 0; x < 29; x++) {
        boolean inside = x >= 4 && y >= 4 && x < 25 && y < 25;
        boolean dark = inside && qr.dark(x - 4, y - 4);
        for (int px : new int[] {x * 4, x * 4 + 3}) {
          for (int py : new int[] {y * 4, y * 4 + 3}) {
            int rgb = image.getRGB(px, py) & 0xffffff;
            assertThat(rgb).as("pixel %d,%d", px, py).isEqualTo(dark ? 0 : 0xffffff);
          }
        }
      }
    }
  }

  @Test
  void textBeyondVersion40IsRefused() {
    assertThatThrownBy(() -> QrCode.encode("x".repeat(2400)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("text of 2400 bytes does not fit a QR code");
    assertThat(QrCode.encode("x".repeat(2331)).size()).isEqualTo(177);
  }
}
