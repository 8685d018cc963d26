package dev.stint.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs the image's python3 (with botocore) or AWS CLI for the parity tests. A missing tool fails
 * the test, never skips it: the whole point of those tests is the comparison.
 */
final class Python {

  record Result(int exitCode, String stdout, String stderr) {}

  private Python() {}

  static Result run(List<String> command, Path workDir, Map<String, String> environment)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
    builder.environment().put("HOME", workDir.toString());
    builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new AssertionError(command.get(0) + " is needed for this test and did not start", e);
    }
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    int code = process.waitFor();
    return new Result(
        code, new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  /** Runs a Python program and insists that it worked. */
  static String python(String program, Path workDir, List<String> args)
      throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("python3", "-c", program));
    command.addAll(args);
    Result result = run(command, workDir, Map.of());
    assertThat(result.exitCode())
        .as("python3 with botocore must be installed; stderr: %s", result.stderr())
        .isZero();
    return result.stdout();
  }

  /** The same JSON text Python's {@code json.dumps(value, sort_keys=True)} prints. */
  static String json(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    switch (value) {
      case String s -> {
        out.append('"');
        for (char c : s.toCharArray()) {
          switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            default -> {
              if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
              } else {
                out.append(c);
              }
            }
          }
        }
        out.append('"');
      }
      case Map<?, ?> map -> {
        out.append('{');
        String separator = "";
        for (Object key : new java.util.TreeMap<>(map).keySet()) {
          out.append(separator);
          write(key, out);
          out.append(": ");
          write(map.get(key), out);
          separator = ", ";
        }
        out.append('}');
      }
      case List<?> list -> {
        out.append('[');
        String separator = "";
        for (Object item : list) {
          out.append(separator);
          write(item, out);
          separator = ", ";
        }
        out.append(']');
      }
      default -> throw new IllegalArgumentException("cannot write " + value.getClass());
    }
  }
}
