package dev.stint.core.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python's own {@code json.dumps} is the known answer for the writer, and its output (with and
 * without {@code ensure_ascii}) is fed back to the reader. Strings travel to Python as lists of
 * code points in plain ASCII, so no encoding on the way can bend them.
 */
class PythonJsonParityTest {

  /** Strings that make escapers go wrong. */
  private static final List<String> TRICKY =
      List.of(
          "",
          "plain",
          "quote\"inside",
          "back\\slash\\",
          "slash/ and \\/",
          controlCharacters(),
          "tab\tnewline\ncr\rff\fbs\b",
          "del\u007f nbsp\u00a0 e-acute\u00e9 u-umlaut\u00fc",
          "line sep\u2028para sep\u2029",
          "cjk \u4e2d\u6587 bom\ufeff last-bmp\uffff",
          "emoji \ud83d\ude00 and flag \ud83c\uddfa\ud83c\uddf8",
          "lone high \ud800 lone low \udc00",
          "'single' `back` $dollar !bang *star ;semi",
          "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY+==");

  private static String controlCharacters() {
    StringBuilder s = new StringBuilder();
    for (char c = 0; c < 0x20; c++) {
      s.append(c);
    }
    return s.toString();
  }

  @TempDir Path dir;

  @Test
  void stringsAreEscapedExactlyAsPythonEscapesThem() throws Exception {
    List<String> python =
        python(
            """
            import json, sys
            for arg in sys.argv[1:]:
                s = ''.join(chr(int(c)) for c in arg.split(',') if c)
                sys.stdout.write(json.dumps(s) + '\\n')
            """,
            TRICKY.stream().map(PythonJsonParityTest::codePoints).toList());

    for (int i = 0; i < TRICKY.size(); i++) {
      assertThat(Json.write(TRICKY.get(i), Json.Style.COMPACT))
          .as("string %d", i)
          .isEqualTo(python.get(i));
    }
  }

  @Test
  void everyStyleLaysOutAStructureAsPythonDoes() throws Exception {
    Map<String, Object> value = new LinkedHashMap<>();
    for (int i = 0; i < TRICKY.size(); i++) {
      value.put("k" + i, TRICKY.get(i));
    }
    value.put(TRICKY.get(4), List.of(TRICKY.get(2), List.of(), Map.of(), 1L, true));
    value.put("nested", Map.of("n", List.of(Map.of("x", -1L))));
    value.put("nothing", null);

    List<String> python =
        python(
            """
            import json, sys
            def s(arg):
                return ''.join(chr(int(c)) for c in arg.split(',') if c)
            strings = [s(a) for a in sys.argv[1:]]
            value = {}
            for i, t in enumerate(strings):
                value['k%d' % i] = t
            value[strings[4]] = [strings[2], [], {}, 1, True]
            value['nested'] = {'n': [{'x': -1}]}
            value['nothing'] = None
            for kw in [dict(separators=(',', ':')), {}, dict(indent=4), dict(indent=2)]:
                sys.stdout.write(json.dumps(value, **kw).replace('\\n', '\\\\N') + '\\n')
            """,
            TRICKY.stream().map(PythonJsonParityTest::codePoints).toList());

    Json.Style[] styles = {
      Json.Style.COMPACT, Json.Style.SPACED, Json.Style.INDENTED, Json.Style.INDENTED_2
    };
    for (int i = 0; i < styles.length; i++) {
      assertThat(Json.write(value, styles[i]))
          .as(styles[i].name())
          .isEqualTo(python.get(i).replace("\\N", "\n"));
    }
  }

  @Test
  void floatsArePrintedAsPythonsRepr() throws Exception {
    List<Double> values =
        new ArrayList<>(
            List.of(
                0.0,
                -0.0,
                1.0,
                -1.5,
                0.1,
                1.0 / 3,
                100.0,
                1e15,
                1e16,
                123456789.125,
                1234567890123456.7,
                12345678901234567.0,
                1e-4,
                1.5e-4,
                1e-5,
                Double.MIN_VALUE,
                2 * Double.MIN_VALUE,
                3 * Double.MIN_VALUE,
                Double.MIN_NORMAL,
                Double.MAX_VALUE,
                1e23,
                2e-323,
                9007199254740993.0,
                -2.5e-7,
                1.5e300));
    Random random = new Random(20240501L);
    while (values.size() < 4000) {
      double d =
          values.size() % 2 == 0
              ? Double.longBitsToDouble(random.nextLong())
              : random.nextInt(2_000_000) / Math.pow(10, random.nextInt(12));
      if (!Double.isNaN(d) && !Double.isInfinite(d)) {
        values.add(d);
      }
    }

    List<String> python =
        python(
            """
            import json, sys
            sys.stdout.write(json.dumps([float.fromhex(a) for a in sys.argv[1:]]) + '\\n')
            """,
            values.stream().map(Double::toHexString).toList());

    assertThat(Json.write(values, Json.Style.SPACED)).isEqualTo(python.get(0));
  }

  @Test
  void readsWhatPythonWritesWithAndWithoutEnsureAscii() throws Exception {
    List<String> python =
        python(
            """
            import json, sys
            strings = [''.join(chr(int(c)) for c in a.split(',') if c) for a in sys.argv[1:]]
            strings = [t for t in strings if not any(0xd800 <= ord(c) < 0xe000 for c in t)]
            sys.stdout.buffer.write((json.dumps(strings, indent=1) + '\\n').encode('ascii'))
            out = json.dumps({'s': strings}, ensure_ascii=False, separators=(',', ':'))
            sys.stdout.buffer.write(out.replace('\\n', '\\\\N').encode('utf-8') + b'\\n')
            """,
            TRICKY.stream().map(PythonJsonParityTest::codePoints).toList());

    List<String> wellFormed =
        TRICKY.stream()
            .filter(s -> s.codePoints().noneMatch(c -> c >= 0xd800 && c < 0xe000))
            .toList();
    // indent=1 output spans lines; the first element list is everything up to the object line.
    String ascii = String.join("\n", python.subList(0, python.size() - 1));
    assertThat(Json.read(ascii)).isEqualTo(wellFormed);
    assertThat(Json.readObject(python.get(python.size() - 1).replace("\\N", "\n")))
        .isEqualTo(Map.of("s", wellFormed));
  }

  private static String codePoints(String s) {
    return s.codePoints().mapToObj(Integer::toString).collect(Collectors.joining(","));
  }

  /** Runs python3 with the program and arguments; returns its stdout lines (UTF-8). */
  private List<String> python(String program, List<String> args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("python3", "-c", program));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    Path err = dir.resolve("stderr");
    builder.redirectError(err.toFile());
    Process process = builder.start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = process.waitFor();
    assertThat(code)
        .as("python3 must run; stderr: %s", Files.readString(err, StandardCharsets.UTF_8))
        .isZero();
    return List.of(out.split("\n", -1))
        .subList(0, (int) out.chars().filter(c -> c == '\n').count());
  }
}
