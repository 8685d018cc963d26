package dev.stint.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.server.portal.PermissionSets;
import dev.stint.server.store.Account;
import dev.stint.server.store.Assignment;
import dev.stint.server.store.Group;
import dev.stint.server.store.PermissionSet;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The administration lists fifty to a page, driven over HTTP: each list in more than one page, both
 * pages' contents in the list's order, and the Next and Previous links (which keep the filters).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminListPagingTest {
  private static final Pattern NEXT = Pattern.compile("<a href=\"([^\"]*)\" rel=\"next\">Next</a>");
  private static final Pattern PREVIOUS =
      Pattern.compile("<a href=\"([^\"]*)\" rel=\"prev\">Previous</a>");

  private PortalServer portal;
  private WebClient admin;
  private List<Group> groups;
  private PermissionSet firstSet;
  private List<String> memberAccounts;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    portal = PortalServer.start(dir, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    admin = portal.admin();
    try (IamClient iam = iam()) {
      for (int i = 0; i < 60; i++) {
        String name = "user-%02d".formatted(i);
        iam.createUser(r -> r.userName(name));
      }
    }
    groups = new ArrayList<>();
    for (int i = 0; i < 55; i++) {
      // A second apart, so that the audit log's newest-first order is creation order reversed.
      portal.clock.advance(Duration.ofSeconds(1));
      groups.add(
          portal
              .portal()
              .groups()
              .create("group-%02d".formatted(i), null, PortalServer.origin(null)));
    }
    for (int i = 0; i < 52; i++) {
      PermissionSet set =
          portal
              .portal()
              .permissionSets()
              .create(
                  "Set-%02d".formatted(i),
                  new PermissionSets.Definition(null, Duration.ofHours(1), null, List.of()),
                  PortalServer.origin(null));
      if (i == 0) {
        firstSet = set;
      }
    }
    memberAccounts = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      memberAccounts.add(
          portal.memberAccount("acct-%02d".formatted(i), "acct-%02d@example.com".formatted(i)));
    }
    for (Group g : groups) {
      portal
          .portal()
          .assignments()
          .assign(
              Assignment.PrincipalType.GROUP,
              g.id(),
              memberAccounts.get(0),
              firstSet.id(),
              PortalServer.origin(null));
    }
  }

  @AfterAll
  void stop() {
    if (portal != null) {
      portal.close();
    }
  }

  private IamClient iam() {
    return IamClient.builder()
        .endpointOverride(URI.create(portal.origin()))
        .region(Region.US_EAST_1)
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    portal.admin.get("aws_access_key_id"),
                    portal.admin.get("aws_secret_access_key"))))
        .build();
  }

  private String page(String path) throws Exception {
    HttpResponse<String> response = admin.get(path);
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }

  private static List<String> all(Pattern pattern, String html) {
    var out = new ArrayList<String>();
    Matcher m = pattern.matcher(html);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** The href of a page link, as a browser reads the attribute. */
  private static Optional<String> link(Pattern pattern, String html) {
    Matcher m = pattern.matcher(html);
    return m.find() ? Optional.of(m.group(1).replace("&amp;", "&")) : Optional.empty();
  }

  private static List<String> names(String format, int from, int to) {
    return IntStream.range(from, to).mapToObj(format::formatted).toList();
  }

  /** Checks a list of two pages: the first page's items, its links, then the second page's. */
  private void assertTwoPages(
      String path,
      String label,
      Pattern item,
      List<String> first,
      List<String> second,
      String firstRange,
      String secondRange)
      throws Exception {
    String one = page(path);
    assertThat(all(item, one)).isEqualTo(first);
    assertThat(one)
        .contains("<nav class=\"pager\" aria-label=\"" + label + "\">")
        .contains("<li>Page 1: " + firstRange + "</li>")
        .doesNotContain("rel=\"prev\"");
    String next = link(NEXT, one).orElseThrow();
    assertThat(next).isEqualTo(path + "?page=2");

    String two = page(next);
    assertThat(all(item, two)).isEqualTo(second);
    assertThat(two).contains("<li>Page 2: " + secondRange + "</li>").doesNotContain("rel=\"next\"");
    assertThat(link(PREVIOUS, two)).hasValue(path);
  }

  @Test
  void usersArePagedByName() throws Exception {
    var first = new ArrayList<String>(List.of("admin"));
    first.addAll(names("user-%02d", 0, 49));
    assertTwoPages(
        "/admin/users",
        "Pages of users",
        Pattern.compile("<td><a href=\"/admin/users/AIDA[A-Z0-9]+\">([^<]+)</a></td>"),
        first,
        names("user-%02d", 49, 60),
        "1 to 50",
        "51 to 61");
  }

  @Test
  void groupsArePagedByName() throws Exception {
    assertTwoPages(
        "/admin/groups",
        "Pages of groups",
        Pattern.compile("<td><a href=\"/admin/groups/[^\"]+\">([^<]+)</a></td>"),
        names("group-%02d", 0, 50),
        names("group-%02d", 50, 55),
        "1 to 50",
        "51 to 55");
  }

  @Test
  void permissionSetsArePagedByName() throws Exception {
    assertTwoPages(
        "/admin/permission-sets",
        "Pages of permission sets",
        Pattern.compile("<td><a href=\"/admin/permission-sets/ps-[0-9a-f]+\">([^<]+)</a></td>"),
        names("Set-%02d", 0, 50),
        names("Set-%02d", 50, 52),
        "1 to 50",
        "51 to 52");
  }

  @Test
  void accountsArePagedById() throws Exception {
    List<String> ids =
        portal.portal().accounts().list(null, 1000).items().stream()
            .map(Account::id)
            .sorted()
            .toList();
    assertThat(ids).hasSize(52).containsAll(memberAccounts).contains(portal.managementAccount());
    assertTwoPages(
        "/admin/accounts",
        "Pages of accounts",
        Pattern.compile("<td><code>(\\d{12})</code></td>"),
        ids.subList(0, 50),
        ids.subList(50, 52),
        "1 to 50",
        "51 to 52");
  }

  @Test
  void assignmentsArePagedByAccountPermissionSetAndPrincipal() throws Exception {
    List<String> byGroupId =
        groups.stream().sorted(Comparator.comparing(Group::id)).map(Group::name).toList();
    assertTwoPages(
        "/admin/assignments",
        "Pages of assignments",
        Pattern.compile("<td>(group-\\d\\d) <span class=\"badge\">group</span></td>"),
        byGroupId.subList(0, 50),
        byGroupId.subList(50, 55),
        "1 to 50",
        "51 to 55");
  }

  @Test
  void theAuditLogIsPagedNewestFirstAndItsLinksKeepTheFilter() throws Exception {
    Pattern created = Pattern.compile("<td>portal:CreateGroup</td>\\s*<td><code>([^<]+)</code>");
    String one = page("/admin/audit?action=portal%3ACreateGroup");
    List<String> newestFirst = names("group-%02d", 0, 55).reversed();
    assertThat(all(created, one)).isEqualTo(newestFirst.subList(0, 50));
    assertThat(one)
        .contains("<caption>Events 1 to 50, newest first</caption>")
        .contains("<nav class=\"pager\" aria-label=\"Pages of the audit log\">")
        .doesNotContain("rel=\"prev\"");
    String next = link(NEXT, one).orElseThrow();
    assertThat(next)
        .matches(
            "/admin/audit\\?from=\\d{4}-\\d\\d-\\d\\dT\\d\\d%3A\\d\\d"
                + "&to=\\d{4}-\\d\\d-\\d\\dT\\d\\d%3A\\d\\d&action=portal%3ACreateGroup&page=2");

    // Events after the first page was shown do not shift the pages: the links keep its range.
    portal.clock.advance(Duration.ofMinutes(2));
    Group late = portal.portal().groups().create("group-late", null, PortalServer.origin(null));
    portal.portal().groups().delete(late.id(), PortalServer.origin(null));

    String two = page(next);
    assertThat(all(created, two)).isEqualTo(newestFirst.subList(50, 55));
    assertThat(two)
        .contains("<caption>Events 51 to 55, newest first</caption>")
        .contains("<li>Page 2: 51 to 55</li>")
        .doesNotContain("rel=\"next\"");
    String previous = link(PREVIOUS, two).orElseThrow();
    assertThat(previous).isEqualTo(next.replace("&page=2", ""));
    assertThat(all(created, page(previous))).isEqualTo(newestFirst.subList(0, 50));
  }

  @Test
  void aListOfOnePageHasNoPageLinks() throws Exception {
    String one = page("/admin/audit?action=portal%3ACreateAccount&actor=nobody");
    assertThat(one).contains("<caption>0 events, newest first</caption>").doesNotContain("pager");
  }

  @Test
  void pageNumbersAreWholeNumbersFromOneAndAPagePastTheEndIsEmpty() throws Exception {
    for (String bad : List.of("0", "-1", "two", "99999999999")) {
      var refused = admin.get("/admin/groups?page=" + bad);
      assertThat(refused.statusCode()).as(bad).isEqualTo(400);
      assertThat(refused.body()).contains("The page number must be a whole number from 1.");
    }
    String past = page("/admin/groups?page=3");
    assertThat(past)
        .contains("No groups on this page.")
        .contains("<li>Page 3</li>")
        .contains("<a href=\"/admin/groups?page=2\" rel=\"prev\">Previous</a>");
    var tooDeep = admin.get("/admin/audit?page=200");
    assertThat(tooDeep.statusCode()).isEqualTo(400);
    assertThat(tooDeep.body())
        .contains(
            "Only the newest 9950 events of a filter can be paged through: narrow the time range"
                + " to see older ones.");
  }
}
