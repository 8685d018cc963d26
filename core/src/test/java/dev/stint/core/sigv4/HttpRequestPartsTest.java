package dev.stint.core.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.stint.core.sigv4.HttpRequestParts.Header;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpRequestPartsTest {

  @Test
  void theBodyAndHeadersAreCopiedInAndOut() {
    byte[] body = {1, 2, 3};
    List<Header> headers = new ArrayList<>(List.of(new Header("Host", "h")));
    HttpRequestParts request = new HttpRequestParts("POST", "/", null, headers, body);
    body[0] = 9;
    headers.add(new Header("X", "y"));
    request.body()[1] = 9;

    assertThat(request.body()).containsExactly(1, 2, 3);
    assertThat(request.bodyLength()).isEqualTo(3);
    assertThat(request.headers()).hasSize(1);
    assertThat(new HttpRequestParts("GET", "/", null, List.of(), null).body()).isEmpty();
  }

  @Test
  void headersAreFoundWhateverTheirCaseAndKeepTheirOrder() {
    HttpRequestParts request =
        HttpRequestParts.of(
            "GET",
            "/",
            List.of(new Header("X-A", "1"), new Header("Host", "h"), new Header("x-a", "2")));

    assertThat(request.headerValues("x-A")).containsExactly("1", "2");
    assertThat(request.header("HOST")).contains("h");
    assertThat(request.header("missing")).isEmpty();
  }

  @Test
  void equalityComparesBodyBytes() {
    HttpRequestParts a = new HttpRequestParts("GET", "/", "q", List.of(), new byte[] {1});
    HttpRequestParts b = new HttpRequestParts("GET", "/", "q", List.of(), new byte[] {1});

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(b.withBody(new byte[] {2}));
  }

  @Test
  void toStringShowsNoHeaderValueNorQuery() {
    HttpRequestParts request =
        new HttpRequestParts(
            "GET",
            "/p",
            "X-Amz-Security-Token=secret-ish",
            List.of(new Header("X-Amz-Security-Token", "secret-ish")),
            new byte[] {1, 2});

    assertThat(request)
        .hasToString(
            "HttpRequestParts[GET /p?<query>, headers=[X-Amz-Security-Token], body=2 bytes]");
    assertThat(request.headers().get(0)).hasToString("Header[X-Amz-Security-Token]");
  }

  @Test
  void refusesWhatCannotBeOnTheWire() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HttpRequestParts.of("GET", "p", List.of()))
        .withMessage("path must start with '/'");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HttpRequestParts.of("G ET", "/", List.of()))
        .withMessage("method is not an HTTP token: G ET");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new HttpRequestParts("GET", "/", "a=1\r\nX: y", List.of(), null))
        .withMessage("query holds a character not allowed there");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Header("X-A", "1\r\nX-B: 2"))
        .withMessage("value of header X-A has a line break");
    for (String value : List.of("\n", "a\rb", "x".repeat(900) + "\0", "\0" + "x".repeat(900))) {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> new Header("X-A", value))
          .withMessage("value of header X-A has a line break");
    }
    assertThat(new Header("X-A", "\t tab and \u00e9, kept").value())
        .isEqualTo("\t tab and \u00e9, kept");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Header("X A", "1"))
        .withMessage("header name is not an HTTP token: X A");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Header("", "1"))
        .withMessage("header name is empty");
  }
}
