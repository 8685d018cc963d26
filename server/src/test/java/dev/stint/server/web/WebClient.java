package dev.stint.server.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a screen for the portal: keeps cookies, does not follow redirects (tests look
 * at them), posts forms and finds their anti-forgery token in the page. Not thread-safe.
 */
final class WebClient {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  private final String origin;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http;
  private final Map<String, String> extraHeaders = new LinkedHashMap<>();

  WebClient(String origin) {
    this.origin = origin;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Sends this header with every request from now on. */
  WebClient header(String name, String value) {
    extraHeaders.put(name, value);
    return this;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    var request = HttpRequest.newBuilder(URI.create(origin + path)).GET();
    extraHeaders.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, Map<String, String> form)
      throws IOException, InterruptedException {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    var request =
        HttpRequest.newBuilder(URI.create(origin + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    extraHeaders.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Loads {@code page}, then posts {@code form} to {@code action} with the page's token. */
  HttpResponse<String> submit(String page, String action, Map<String, String> form)
      throws IOException, InterruptedException {
    String token = csrf(get(page).body());
    var withToken = new LinkedHashMap<>(form);
    withToken.put("csrf", token);
    return post(action, withToken);
  }

  /** The anti-forgery token of the first form in a page. */
  static String csrf(String html) {
    Matcher m = CSRF.matcher(html);
    if (!m.find()) {
      throw new AssertionError("no CSRF token in the page:\n" + html);
    }
    return m.group(1);
  }

  Optional<String> cookie(String name) {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(name))
        .map(HttpCookie::getValue)
        .findFirst();
  }

  /** Plants a cookie as another site's script or a network attacker might try to. */
  void setCookie(String name, String value) {
    var cookie = new HttpCookie(name, value);
    cookie.setPath("/");
    cookie.setVersion(0);
    cookies.getCookieStore().add(URI.create(origin), cookie);
  }

  void dropCookie(String name) {
    var store = cookies.getCookieStore();
    store.getCookies().stream()
        .filter(c -> c.getName().equals(name))
        .toList()
        .forEach(c -> store.remove(URI.create(origin), c));
  }
}
