package dev.stint.core.sigv4;

import dev.stint.core.sigv4.HttpRequestParts.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the test suite's {@code request.txt} files into {@link HttpRequestParts}, the way an HTTP
 * server would hand them over.
 *
 * <p>Grammar: request = method SP target SP "HTTP/1.1" LF *(header LF) [LF body]; header = name ":"
 * OWS value OWS, continued by lines that start with a space or tab (obs-fold, which becomes one
 * space and the continuation line, as RFC 9112 lets a server do); target = path ["?" query]. The
 * path may hold spaces and raw UTF-8, so the target is everything between the first space and the
 * last.
 */
final class RawHttp {

  private RawHttp() {}

  static HttpRequestParts parse(String text) {
    int headEnd = text.indexOf("\n\n");
    String head = headEnd < 0 ? text : text.substring(0, headEnd);
    String body = headEnd < 0 ? "" : text.substring(headEnd + 2);
    String[] lines = head.split("\n", -1);

    String requestLine = lines[0];
    int firstSpace = requestLine.indexOf(' ');
    int lastSpace = requestLine.lastIndexOf(' ');
    if (firstSpace < 0 || lastSpace <= firstSpace || !requestLine.endsWith(" HTTP/1.1")) {
      throw new IllegalArgumentException("not a request line: " + requestLine);
    }
    String method = requestLine.substring(0, firstSpace);
    String target = requestLine.substring(firstSpace + 1, lastSpace);
    int question = target.indexOf('?');
    String path = question < 0 ? target : target.substring(0, question);
    String query = question < 0 ? null : target.substring(question + 1);

    List<String[]> fields = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        continue;
      }
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        String[] last = fields.get(fields.size() - 1);
        last[1] = last[1] + " " + line;
        continue;
      }
      int colon = line.indexOf(':');
      fields.add(new String[] {line.substring(0, colon), line.substring(colon + 1)});
    }
    List<Header> headers = new ArrayList<>();
    for (String[] field : fields) {
      headers.add(new Header(field[0], field[1].strip()));
    }
    return new HttpRequestParts(
        method, path, query, headers, body.getBytes(StandardCharsets.UTF_8));
  }
}
