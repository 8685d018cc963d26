package dev.stint.core.profile;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A file's text as lines that keep their own line ends, so an edit can put every untouched byte
 * back. Lines end where Python's universal newlines end them (LF, CRLF, or a lone CR), which keeps
 * our line numbers equal to configparser's. Immutable and thread-safe.
 */
record IniText(List<Line> lines) {

  /** Files larger than this are refused: a profile file is a few kilobytes. */
  static final long MAX_BYTES = 1024 * 1024;

  /** One line: its text without the line end, and the line end ("" for a last line without). */
  record Line(String text, String end) {}

  IniText {
    lines = List.copyOf(lines);
  }

  /** Decodes strictly as UTF-8, as the AWS CLI does under a UTF-8 locale. */
  static IniText decode(Path path, byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      throw new ProfileFileException.TooLarge(path, bytes.length, MAX_BYTES);
    }
    if (bytes.length >= 3
        && (bytes[0] & 0xff) == 0xef
        && (bytes[1] & 0xff) == 0xbb
        && (bytes[2] & 0xff) == 0xbf) {
      // configparser keeps the mark as part of the first line, which then is no section header.
      throw ProfileFileException.malformed(
          path, 1, "the file starts with a UTF-8 byte order mark, which the AWS CLI cannot read");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw ProfileFileException.malformed(path, lineOfFirstInvalidByte(bytes), "not UTF-8 text");
    }
    return split(text);
  }

  static IniText split(String text) {
    List<Line> lines = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        int end =
            (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') ? i + 2 : i + 1;
        lines.add(new Line(text.substring(start, i), text.substring(i, end)));
        start = end;
        i = end;
      } else {
        i++;
      }
    }
    if (start < text.length()) {
      lines.add(new Line(text.substring(start), ""));
    }
    return new IniText(lines);
  }

  String join() {
    StringBuilder out = new StringBuilder();
    for (Line line : lines) {
      out.append(line.text()).append(line.end());
    }
    return out.toString();
  }

  byte[] toBytes() {
    return join().getBytes(StandardCharsets.UTF_8);
  }

  /** The line end new lines get: the file's first one, or LF for a file that has none. */
  String newline() {
    for (Line line : lines) {
      if (!line.end().isEmpty()) {
        return line.end();
      }
    }
    return "\n";
  }

  private static int lineOfFirstInvalidByte(byte[] bytes) {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    var out = java.nio.CharBuffer.allocate(bytes.length + 1);
    decoder.decode(in, out, true);
    int bad = in.position();
    int line = 1;
    for (int i = 0; i < bad; i++) {
      if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bad || bytes[i + 1] != '\n'))) {
        line++;
      }
    }
    return line;
  }
}
