package dev.stint.interop;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one string or number field out of the JSON the AWS CLI prints (flat enough for tests). */
final class Fields {
  private Fields() {}

  static String of(String json, String name) {
    Matcher m =
        Pattern.compile(
                "\"" + Pattern.quote(name) + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|(-?\\d+))")
            .matcher(json);
    if (!m.find()) {
      throw new AssertionError("no field " + name + " in:\n" + json);
    }
    return m.group(2) != null ? m.group(2).replace("\\/", "/") : m.group(3);
  }
}
