package dev.stint.server.iam;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A QR code (ISO/IEC 18004) of a text in byte mode at error correction level M, the smallest
 * version (1..40) that holds it, with the mask of least penalty; and its rendering as a
 * black-and-white PNG. Enough for the {@code otpauth://} URIs that authenticator apps scan. JDK
 * only. Public for the portal's MFA enrolment page. Immutable and thread-safe.
 */
public final class QrCode {
  // Per version 1..40 at level M: error correction codewords per block, and the number of blocks.
  private static final int[] EC_PER_BLOCK = {
    0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28,
    28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28
  };
  private static final int[] BLOCKS = {
    0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25,
    26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49
  };

  /** Level M's two format bits. */
  private static final int LEVEL_M = 0b00;

  private final int size;
  private final boolean[][] dark;

  private QrCode(boolean[][] dark) {
    this.size = dark.length;
    this.dark = dark;
  }

  /**
   * Encodes {@code text} as UTF-8 bytes.
   *
   * @throws IllegalArgumentException when it does not fit version 40
   */
  public static QrCode encode(String text) {
    return encode(text, -1);
  }

  /** As {@link #encode(String)} with a fixed mask 0..7, or -1 for the one of least penalty. */
  static QrCode encode(String text, int mask) {
    byte[] data = text.getBytes(StandardCharsets.UTF_8);
    for (int version = 1; version <= 40; version++) {
      int capacity = dataCodewords(version);
      int countBits = version <= 9 ? 8 : 16;
      if (4 + countBits + data.length * 8 <= capacity * 8) {
        return build(version, codewords(data, countBits, capacity), mask);
      }
    }
    throw new IllegalArgumentException("text of " + data.length + " bytes does not fit a QR code");
  }

  /** The number of modules on a side. */
  public int size() {
    return size;
  }

  /** Whether the module at column {@code x}, row {@code y} is dark. */
  public boolean dark(int x, int y) {
    return dark[y][x];
  }

  /**
   * A 1-bit grayscale PNG: each module {@code scale} pixels square, inside a light border of {@code
   * border} modules (the standard asks for four).
   */
  public byte[] png(int scale, int border) {
    int side = (size + 2 * border) * scale;
    int rowBytes = (side + 7) / 8;
    byte[] raw = new byte[side * (rowBytes + 1)];
    for (int py = 0; py < side; py++) {
      int base = py * (rowBytes + 1); // the row's filter byte stays 0: no filter
      for (int px = 0; px < side; px++) {
        int mx = px / scale - border;
        int my = py / scale - border;
        boolean black = mx >= 0 && my >= 0 && mx < size && my < size && dark[my][mx];
        if (!black) {
          raw[base + 1 + px / 8] |= (byte) (0x80 >>> (px % 8));
        }
      }
    }
    var deflater = new Deflater(Deflater.BEST_COMPRESSION);
    deflater.setInput(raw);
    deflater.finish();
    var zlib = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    while (!deflater.finished()) {
      zlib.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    var out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    chunk(
        out,
        "IHDR",
        ByteBuffer.allocate(13)
            .putInt(side)
            .putInt(side)
            .put((byte) 1) // bit depth
            .put((byte) 0) // grayscale
            .put((byte) 0) // deflate
            .put((byte) 0) // adaptive filtering, filter type per row
            .put((byte) 0) // not interlaced
            .array());
    chunk(out, "IDAT", zlib.toByteArray());
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    var crc = new CRC32();
    crc.update(name);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(name);
    out.writeBytes(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  // ---- data codewords --------------------------------------------------------------------

  /** Mode 0100 (bytes), the count, the bytes, a terminator, then pad codewords 0xEC 0x11. */
  private static byte[] codewords(byte[] data, int countBits, int capacity) {
    var bits = new Bits(capacity * 8);
    bits.append(0b0100, 4);
    bits.append(data.length, countBits);
    for (byte b : data) {
      bits.append(b & 0xff, 8);
    }
    bits.append(0, Math.min(4, capacity * 8 - bits.length));
    bits.append(0, (8 - bits.length % 8) % 8);
    for (int pad = 0xEC; bits.length < capacity * 8; pad ^= 0xEC ^ 0x11) {
      bits.append(pad, 8);
    }
    return bits.bytes();
  }

  /** A growing bit string, most significant bit first. */
  private static final class Bits {
    private final byte[] bytes;
    private int length;

    Bits(int capacityBits) {
      bytes = new byte[(capacityBits + 7) / 8];
    }

    void append(int value, int count) {
      for (int i = count - 1; i >= 0; i--) {
        if ((value >>> i & 1) != 0) {
          bytes[length / 8] |= (byte) (0x80 >>> (length % 8));
        }
        length++;
      }
    }

    byte[] bytes() {
      return bytes.clone();
    }
  }

  /** The modules left for data and error correction once every function pattern is drawn. */
  private static int rawModules(int version) {
    int side = 4 * version + 17;
    int modules = side * side;
    modules -= 3 * 64; // finder patterns with their separators
    modules -= 2 * (side - 16); // timing patterns between the finders
    modules -= 2 * 15 + 1; // two copies of the format information, and the dark module
    int align = version == 1 ? 0 : version / 7 + 2;
    if (align > 0) {
      int patterns = align * align - 3;
      modules -= patterns * 25;
      modules += 2 * (align - 2) * 5; // alignment patterns overlap the timing patterns there
    }
    if (version >= 7) {
      modules -= 2 * 18; // two copies of the version information
    }
    return modules;
  }

  private static int dataCodewords(int version) {
    return rawModules(version) / 8 - EC_PER_BLOCK[version] * BLOCKS[version];
  }

  // ---- error correction and interleaving --------------------------------------------------

  /** Splits the data into blocks, adds Reed-Solomon codewords, and interleaves them. */
  private static byte[] interleave(int version, byte[] data) {
    int blocks = BLOCKS[version];
    int ecLength = EC_PER_BLOCK[version];
    int total = rawModules(version) / 8;
    int shortLength = total / blocks;
    int shortBlocks = blocks - total % blocks;
    byte[] generator = generator(ecLength);
    byte[][] dataBlocks = new byte[blocks][];
    byte[][] ecBlocks = new byte[blocks][];
    int offset = 0;
    for (int i = 0; i < blocks; i++) {
      int length = shortLength - ecLength + (i < shortBlocks ? 0 : 1);
      dataBlocks[i] = java.util.Arrays.copyOfRange(data, offset, offset + length);
      ecBlocks[i] = remainder(dataBlocks[i], generator);
      offset += length;
    }
    var out = new ByteArrayOutputStream(total);
    for (int i = 0; i <= shortLength - ecLength; i++) {
      for (byte[] block : dataBlocks) {
        if (i < block.length) {
          out.write(block[i]);
        }
      }
    }
    for (int i = 0; i < ecLength; i++) {
      for (byte[] block : ecBlocks) {
        out.write(block[i]);
      }
    }
    return out.toByteArray();
  }

  /** The generator polynomial (x - a^0)(x - a^1)...(x - a^(degree-1)), leading 1 left out. */
  private static byte[] generator(int degree) {
    byte[] g = new byte[degree];
    g[degree - 1] = 1;
    int root = 1;
    for (int i = 0; i < degree; i++) {
      for (int j = 0; j < degree; j++) {
        g[j] = (byte) multiply(g[j] & 0xff, root);
        if (j + 1 < degree) {
          g[j] ^= g[j + 1];
        }
      }
      root = multiply(root, 2);
    }
    return g;
  }

  /** The remainder of data(x) * x^degree divided by the generator. */
  private static byte[] remainder(byte[] data, byte[] generator) {
    byte[] r = new byte[generator.length];
    for (byte b : data) {
      int factor = (b ^ r[0]) & 0xff;
      System.arraycopy(r, 1, r, 0, r.length - 1);
      r[r.length - 1] = 0;
      for (int i = 0; i < r.length; i++) {
        r[i] ^= (byte) multiply(generator[i] & 0xff, factor);
      }
    }
    return r;
  }

  /** Multiplication in GF(2^8) modulo x^8 + x^4 + x^3 + x^2 + 1. */
  private static int multiply(int x, int y) {
    int product = 0;
    for (int i = 7; i >= 0; i--) {
      product = (product << 1) ^ ((product >>> 7) * 0x11D);
      product ^= ((y >>> i) & 1) * x;
    }
    return product & 0xff;
  }

  // ---- the symbol --------------------------------------------------------------------------

  private static QrCode build(int version, byte[] data, int fixedMask) {
    byte[] all = interleave(version, data);
    int side = 4 * version + 17;
    var layout = new Layout(side);
    layout.functionPatterns(version);
    layout.placeData(all);
    boolean[][] best = null;
    int bestPenalty = Integer.MAX_VALUE;
    for (int mask = 0; mask < 8; mask++) {
      if (fixedMask >= 0 && mask != fixedMask) {
        continue;
      }
      boolean[][] candidate = layout.masked(mask);
      Layout.format(candidate, mask);
      int penalty = penalty(candidate);
      if (penalty < bestPenalty) {
        bestPenalty = penalty;
        best = candidate;
      }
    }
    return new QrCode(best);
  }

  /** The module grid while it is being drawn: colours, and which modules are function modules. */
  private static final class Layout {
    final int side;
    final boolean[][] dark;
    final boolean[][] function;

    Layout(int side) {
      this.side = side;
      this.dark = new boolean[side][side];
      this.function = new boolean[side][side];
    }

    void set(int x, int y, boolean isDark) {
      dark[y][x] = isDark;
      function[y][x] = true;
    }

    void functionPatterns(int version) {
      for (int i = 0; i < side; i++) {
        set(6, i, i % 2 == 0);
        set(i, 6, i % 2 == 0);
      }
      finder(3, 3);
      finder(side - 4, 3);
      finder(3, side - 4);
      int[] centres = alignmentCentres(version, side);
      for (int cy : centres) {
        for (int cx : centres) {
          boolean onFinder =
              (cx == 6 && cy == 6) || (cx == 6 && cy == side - 7) || (cx == side - 7 && cy == 6);
          if (!onFinder) {
            for (int dy = -2; dy <= 2; dy++) {
              for (int dx = -2; dx <= 2; dx++) {
                set(cx + dx, cy + dy, Math.max(Math.abs(dx), Math.abs(dy)) != 1);
              }
            }
          }
        }
      }
      // Reserve the format areas now; their bits depend on the mask.
      for (int i = 0; i < 9; i++) {
        function[8][i] = true;
        function[i][8] = true;
      }
      for (int i = 0; i < 8; i++) {
        function[8][side - 1 - i] = true;
        function[side - 1 - i][8] = true;
      }
      set(8, side - 8, true); // the dark module
      if (version >= 7) {
        int bits = version << 12 | bch(version, 0x1F25, 12);
        for (int i = 0; i < 18; i++) {
          boolean bit = (bits >>> i & 1) != 0;
          int a = side - 11 + i % 3;
          int b = i / 3;
          set(a, b, bit);
          set(b, a, bit);
        }
      }
    }

    /** A 7x7 finder centred at (cx, cy) with its light separator, clipped to the symbol. */
    private void finder(int cx, int cy) {
      for (int dy = -4; dy <= 4; dy++) {
        for (int dx = -4; dx <= 4; dx++) {
          int x = cx + dx;
          int y = cy + dy;
          if (x >= 0 && y >= 0 && x < side && y < side) {
            int ring = Math.max(Math.abs(dx), Math.abs(dy));
            set(x, y, ring != 2 && ring != 4);
          }
        }
      }
    }

    /** Data and error correction bits in the standard's two-column zigzag, from bottom right. */
    void placeData(byte[] codewords) {
      int bit = 0;
      int total = codewords.length * 8;
      boolean upward = true;
      for (int right = side - 1; right >= 1; right -= 2) {
        if (right == 6) {
          right = 5; // the vertical timing pattern takes a whole column
        }
        for (int step = 0; step < side; step++) {
          int y = upward ? side - 1 - step : step;
          for (int dx = 0; dx < 2; dx++) {
            int x = right - dx;
            if (!function[y][x] && bit < total) {
              dark[y][x] = (codewords[bit / 8] >>> (7 - bit % 8) & 1) != 0;
              bit++;
            }
          }
        }
        upward = !upward;
      }
    }

    /** A copy with data modules flipped where mask {@code mask}'s condition holds. */
    boolean[][] masked(int mask) {
      boolean[][] out = new boolean[side][];
      for (int y = 0; y < side; y++) {
        out[y] = dark[y].clone();
        for (int x = 0; x < side; x++) {
          if (!function[y][x] && flips(mask, x, y)) {
            out[y][x] = !out[y][x];
          }
        }
      }
      return out;
    }

    private static boolean flips(int mask, int x, int y) {
      return switch (mask) {
        case 0 -> (x + y) % 2 == 0;
        case 1 -> y % 2 == 0;
        case 2 -> x % 3 == 0;
        case 3 -> (x + y) % 3 == 0;
        case 4 -> (x / 3 + y / 2) % 2 == 0;
        case 5 -> x * y % 2 + x * y % 3 == 0;
        case 6 -> (x * y % 2 + x * y % 3) % 2 == 0;
        default -> ((x + y) % 2 + x * y % 3) % 2 == 0;
      };
    }

    /** Writes both copies of the 15 format bits (level, mask, BCH, XOR 101010000010010). */
    static void format(boolean[][] grid, int mask) {
      int side = grid.length;
      int data = LEVEL_M << 3 | mask;
      int bits = (data << 10 | bch(data, 0x537, 10)) ^ 0x5412;
      for (int i = 0; i < 15; i++) {
        boolean bit = (bits >>> i & 1) != 0;
        // First copy, around the top-left finder: bits 0..7 up column 8, 8..14 left along row 8.
        if (i < 6) {
          grid[i][8] = bit;
        } else if (i < 8) {
          grid[i + 1][8] = bit;
        } else if (i == 8) {
          grid[8][7] = bit;
        } else {
          grid[8][14 - i] = bit;
        }
        // Second copy: bits 0..7 along row 8 from the right, 8..14 up column 8 at the bottom.
        if (i < 8) {
          grid[8][side - 1 - i] = bit;
        } else {
          grid[side - 15 + i][8] = bit;
        }
      }
      grid[side - 8][8] = true;
    }

    /** The BCH remainder of {@code data} shifted left by {@code degree}, modulo {@code poly}. */
    private static int bch(int data, int poly, int degree) {
      int value = data << degree;
      for (int bit = 31 - Integer.numberOfLeadingZeros(value); bit >= degree; bit--) {
        if ((value >>> bit & 1) != 0) {
          value ^= poly << (bit - degree);
        }
      }
      return value;
    }
  }

  /**
   * Alignment pattern centres on each axis: 6, then evenly spaced (an even step) up to side - 7.
   * Version 32 is the standard's one exception to that rule.
   */
  private static int[] alignmentCentres(int version, int side) {
    if (version == 1) {
      return new int[0];
    }
    int count = version / 7 + 2;
    int step;
    if (version == 32) {
      step = 26;
    } else {
      int span = side - 13;
      step = (span + count - 2) / (count - 1);
      step += step % 2;
    }
    int[] centres = new int[count];
    centres[0] = 6;
    for (int i = count - 1, at = side - 7; i >= 1; i--, at -= step) {
      centres[i] = at;
    }
    return centres;
  }

  // ---- mask penalty (ISO/IEC 18004 7.8.3) ----------------------------------------------------

  private static int penalty(boolean[][] grid) {
    int side = grid.length;
    int score = 0;
    int darkCount = 0;
    for (int a = 0; a < side; a++) {
      score += lineScore(grid, a, true) + lineScore(grid, a, false);
    }
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        if (grid[y][x]) {
          darkCount++;
        }
        if (x + 1 < side
            && y + 1 < side
            && grid[y][x] == grid[y][x + 1]
            && grid[y][x] == grid[y + 1][x]
            && grid[y][x] == grid[y + 1][x + 1]) {
          score += 3;
        }
      }
    }
    int total = side * side;
    int deviation = Math.abs(darkCount * 100 / total - 50) / 5;
    return score + deviation * 10;
  }

  private static final boolean[] FINDER_LIKE = {
    true, false, true, true, true, false, true, false, false, false, false
  };

  /** Runs of five or more, and finder-like 1:1:3:1:1 patterns with four light modules aside. */
  private static int lineScore(boolean[][] grid, int line, boolean row) {
    int side = grid.length;
    int score = 0;
    int run = 1;
    for (int i = 1; i <= side; i++) {
      if (i < side && at(grid, line, i, row) == at(grid, line, i - 1, row)) {
        run++;
      } else {
        if (run >= 5) {
          score += 3 + run - 5;
        }
        run = 1;
      }
    }
    for (int i = 0; i + FINDER_LIKE.length <= side; i++) {
      boolean forward = true;
      boolean backward = true;
      for (int k = 0; k < FINDER_LIKE.length; k++) {
        boolean module = at(grid, line, i + k, row);
        forward &= module == FINDER_LIKE[k];
        backward &= module == FINDER_LIKE[FINDER_LIKE.length - 1 - k];
      }
      score += (forward ? 40 : 0) + (backward ? 40 : 0);
    }
    return score;
  }

  private static boolean at(boolean[][] grid, int line, int i, boolean row) {
    return row ? grid[line][i] : grid[i][line];
  }
}
