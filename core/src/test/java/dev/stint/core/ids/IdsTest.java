package dev.stint.core.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class IdsTest {

  private static final int DRAWS = 2000;
  private final Ids ids = new Ids(TestRandoms.seeded(42));

  @Test
  void aRandomOfZerosPicksTheFirstSymbolEverywhere() {
    var zeros = new Ids(TestRandoms.zeros());

    assertThat(zeros.temporaryAccessKeyId()).isEqualTo("ASIAAAAAAAAAAAAAAAAA");
    assertThat(zeros.longTermAccessKeyId()).isEqualTo("AKIAAAAAAAAAAAAAAAAA");
    assertThat(zeros.secretAccessKey()).isEqualTo("A".repeat(40));
    assertThat(zeros.roleId()).isEqualTo("AROA" + "A".repeat(17));
    assertThat(zeros.userId()).isEqualTo("AIDA" + "A".repeat(17));
    assertThat(zeros.sessionId()).isEqualTo("A".repeat(22));
    assertThat(zeros.accountId()).isEqualTo("100000000000");
  }

  @Test
  void bytesAboveTheLastWholeMultipleOfTheAlphabetAreDroppedNotFolded() {
    // 36 symbols: bytes 252..255 would favour the first four; the first draw is all 255.
    var ids = new Ids(TestRandoms.perCall((byte) 255, (byte) 37));

    assertThat(ids.roleId()).isEqualTo("AROA" + "B".repeat(17));
    // 64 symbols divide 256: 255 is kept and names the last symbol.
    assertThat(new Ids(TestRandoms.perCall((byte) 255)).secretAccessKey())
        .isEqualTo("+".repeat(40));
  }

  @Test
  void alphabetsOfTwoToTheKSymbolsTakeKBitsACharacterFromOneCall() {
    var random = new TestRandoms.Counting();
    var ids = new Ids(random);

    // Known answers from RFC 4648 encoders (Python's base64): bytes 01..0a in base32, and 01..1e
    // in base64, whose alphabet is the secret's with its last two symbols swapped.
    assertThat(ids.temporaryAccessKeyId()).isEqualTo("ASIAAEBAGBAFAYDQQCIK");
    assertThat(ids.secretAccessKey()).isEqualTo("AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0e");
    assertThat(random.calls).containsExactly(10, 30);
  }

  @Test
  void aSessionsSecretAndIdComeFromOneCall() {
    var random = new TestRandoms.Counting();

    Ids.SessionSecrets fresh = new Ids(random).sessionSecrets();

    // Bytes 01..1e make the secret as above; 1f..2e in unpadded base64url make the session id.
    assertThat(fresh.secretAccessKey()).isEqualTo("AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0e");
    assertThat(fresh.sessionId()).isEqualTo("HyAhIiMkJSYnKCkqKywtLg");
    assertThat(random.calls).containsExactly(46);
    assertThat(fresh.toString()).isEqualTo("SessionSecrets[sessionId=HyAhIiMkJSYnKCkqKywtLg]");
  }

  @Test
  void sessionSecretsAreFreshAndUseTheirWholeAlphabets() {
    var drawn = java.util.stream.Stream.generate(ids::sessionSecrets).limit(DRAWS).toList();
    var secrets = drawn.stream().map(Ids.SessionSecrets::secretAccessKey).toList();
    var sessions = drawn.stream().map(Ids.SessionSecrets::sessionId).toList();

    assertThat(secrets).allMatch(IdShapes::isSecretAccessKey).doesNotHaveDuplicates();
    assertThat(sessions).allMatch(IdShapes::isSessionId).doesNotHaveDuplicates();
    assertEveryPositionCovers(secrets, 0, Ids.SECRET);
    assertBalanced(secrets, 0, Ids.SECRET);
  }

  @Test
  void temporaryAccessKeyIdsHaveTheirShapeAndUseTheWholeAlphabetAtEveryPosition() {
    var drawn = draw(ids::temporaryAccessKeyId);

    assertThat(drawn).allMatch(IdShapes::isTemporaryAccessKeyId).doesNotHaveDuplicates();
    assertEveryPositionCovers(drawn, 4, Ids.BASE32);
    assertBalanced(drawn, 4, Ids.BASE32);
  }

  @Test
  void longTermAccessKeyIdsHaveTheirShapeAndUseTheWholeAlphabetAtEveryPosition() {
    var drawn = draw(ids::longTermAccessKeyId);

    assertThat(drawn).allMatch(IdShapes::isLongTermAccessKeyId).doesNotHaveDuplicates();
    assertThat(drawn).noneMatch(IdShapes::isTemporaryAccessKeyId);
    assertEveryPositionCovers(drawn, 4, Ids.BASE32);
  }

  @Test
  void secretKeysHaveTheirShapeAndUseAllSixtyFourSymbols() {
    var drawn = draw(ids::secretAccessKey);

    assertThat(drawn).allMatch(IdShapes::isSecretAccessKey).doesNotHaveDuplicates();
    assertEveryPositionCovers(drawn, 0, Ids.SECRET);
    assertBalanced(drawn, 0, Ids.SECRET);
  }

  @Test
  void roleAndUserIdsHaveTheirShapes() {
    var roles = draw(ids::roleId);
    var users = draw(ids::userId);

    assertThat(roles).allMatch(IdShapes::isRoleId).doesNotHaveDuplicates();
    assertThat(users).allMatch(IdShapes::isUserId).doesNotHaveDuplicates();
    assertEveryPositionCovers(roles, 4, Ids.UPPER_ALNUM);
    assertEveryPositionCovers(users, 4, Ids.UPPER_ALNUM);
  }

  @Test
  void sessionIdsAreUrlSafeAndCarry128Bits() {
    var drawn = draw(ids::sessionId);

    assertThat(drawn).allMatch(IdShapes::isSessionId).doesNotHaveDuplicates();
    String urlSafe = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int position = 0; position < 21; position++) {
      assertThat(symbolsAt(drawn, position)).as("position %d", position).hasSize(64);
    }
    // 128 bits end two bits into the 22nd character.
    assertThat(symbolsAt(drawn, 21)).containsExactlyInAnyOrder('A', 'Q', 'g', 'w');
    assertThat(drawn.stream().flatMapToInt(String::chars).allMatch(c -> urlSafe.indexOf(c) >= 0))
        .isTrue();
  }

  @Test
  void accountIdsAreTwelveDigitsNeverStartingWithZero() {
    var drawn = draw(ids::accountId);

    assertThat(drawn).allMatch(IdShapes::isAccountId).doesNotHaveDuplicates();
    assertThat(symbolsAt(drawn, 0))
        .containsExactlyInAnyOrder('1', '2', '3', '4', '5', '6', '7', '8', '9');
    assertEveryPositionCovers(drawn, 1, "0123456789");
  }

  private static List<String> draw(Supplier<String> id) {
    return java.util.stream.Stream.generate(id).limit(DRAWS).toList();
  }

  private static Set<Character> symbolsAt(List<String> drawn, int position) {
    return drawn.stream().map(s -> s.charAt(position)).collect(Collectors.toSet());
  }

  private static void assertEveryPositionCovers(List<String> drawn, int from, String alphabet) {
    Set<Character> expected = new HashSet<>();
    alphabet.chars().forEach(c -> expected.add((char) c));
    for (int position = from; position < drawn.get(0).length(); position++) {
      assertThat(symbolsAt(drawn, position)).as("position %d", position).isEqualTo(expected);
    }
  }

  /** Each symbol within a quarter of its expected count over all random positions. */
  private static void assertBalanced(List<String> drawn, int from, String alphabet) {
    Map<Character, Integer> counts = new HashMap<>();
    int total = 0;
    for (String s : drawn) {
      for (int i = from; i < s.length(); i++) {
        counts.merge(s.charAt(i), 1, Integer::sum);
        total++;
      }
    }
    double mean = (double) total / alphabet.length();
    assertThat(counts).hasSize(alphabet.length());
    assertThat(counts.values()).allMatch(n -> Math.abs(n - mean) < mean / 4);
  }
}
