package dev.stint.core.token;

import static dev.stint.core.token.Fixtures.KEY_CREATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenKeyRingTest {

  private static final Duration MAX_LIFETIME = Duration.ofHours(36);
  private static final Instant ROTATED = Instant.parse("2026-03-01T00:00:00Z");

  @Test
  void aGeneratedRingHasOneCurrentKey() {
    var ring = TokenKeyRing.generate(KEY_CREATED, Fixtures.seeded(1));

    assertThat(ring.keys()).containsExactly(ring.current());
    assertThat(ring.current().id()).matches("[a-z2-7]{8}");
    assertThat(ring.current().createdAt()).isEqualTo(KEY_CREATED);
    assertThat(ring.current().retireAfter()).isNull();
    assertThat(ring.find(ring.current().id())).contains(ring.current());
    assertThat(ring.find("nope")).isEmpty();
  }

  @Test
  void rotationMakesTheNewKeyCurrentAndRetiresTheOldAfterTheLongestLifetime() {
    var ring = new TokenKeyRing(List.of(Fixtures.key("k1")));

    TokenKey fresh = ring.rotate(ROTATED, MAX_LIFETIME, Fixtures.seeded(1));

    assertThat(ring.current()).isEqualTo(fresh);
    assertThat(fresh.createdAt()).isEqualTo(ROTATED);
    assertThat(fresh.retireAfter()).isNull();
    assertThat(ring.keys())
        .containsExactly(
            Fixtures.key("k1").retiringAfter(Instant.parse("2026-03-02T12:00:00Z")), fresh);
    assertThat(ring.find("k1").orElseThrow().retireAfter()).isEqualTo("2026-03-02T12:00:00Z");
  }

  @Test
  void aSecondRotationLeavesEarlierRetirementsAlone() {
    var ring = new TokenKeyRing(List.of(Fixtures.key("k1")));
    TokenKey second = ring.rotate(ROTATED, MAX_LIFETIME, Fixtures.seeded(1));
    TokenKey third =
        ring.rotate(ROTATED.plus(Duration.ofDays(1)), MAX_LIFETIME, Fixtures.seeded(2));

    assertThat(ring.keys())
        .extracting(TokenKey::id, TokenKey::retireAfter)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("k1", Instant.parse("2026-03-02T12:00:00Z")),
            org.assertj.core.groups.Tuple.tuple(second.id(), Instant.parse("2026-03-03T12:00:00Z")),
            org.assertj.core.groups.Tuple.tuple(third.id(), null));
    assertThat(ring.current()).isEqualTo(third);
  }

  @Test
  void rotationRefusesAClockThatWentBackAndANonPositiveLifetime() {
    var ring = new TokenKeyRing(List.of(Fixtures.key("k1")));

    assertThatThrownBy(
            () -> ring.rotate(KEY_CREATED.minusSeconds(1), MAX_LIFETIME, Fixtures.seeded(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cannot rotate at 2025-12-31T23:59:59Z: the current key k1 was created later, at"
                + " 2026-01-01T00:00:00Z");
    assertThatThrownBy(() -> ring.rotate(ROTATED, Duration.ZERO, Fixtures.seeded(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxCredentialLifetime PT0S must be positive");
    assertThat(ring.keys()).containsExactly(Fixtures.key("k1"));
  }

  @Test
  void rotatingTwiceAtTheSameInstantStillMakesTheNewestKeyCurrent() {
    var ring = new TokenKeyRing(List.of(Fixtures.key("k1")));

    TokenKey fresh = ring.rotate(KEY_CREATED, MAX_LIFETIME, Fixtures.seeded(1));

    assertThat(ring.current()).isEqualTo(fresh);
  }

  @Test
  void pruneDropsOnlyKeysPastTheirRetirementAndReturnsThem() {
    var ring = new TokenKeyRing(List.of(Fixtures.key("k1")));
    TokenKey fresh = ring.rotate(ROTATED, MAX_LIFETIME, Fixtures.seeded(1));
    Instant retirement = Instant.parse("2026-03-02T12:00:00Z");

    assertThat(ring.prune(retirement)).isEmpty();
    assertThat(ring.keys()).hasSize(2);

    assertThat(ring.prune(retirement.plusSeconds(1)))
        .containsExactly(Fixtures.key("k1").retiringAfter(retirement));
    assertThat(ring.keys()).containsExactly(fresh);
    assertThat(ring.find("k1")).isEmpty();
  }

  @Test
  void pruneNeverDropsTheCurrentKey() {
    var retired = Fixtures.key("k1").retiringAfter(KEY_CREATED);
    var ring = new TokenKeyRing(List.of(retired));

    assertThat(ring.prune(Instant.MAX)).isEmpty();
    assertThat(ring.current()).isEqualTo(retired);
  }

  @Test
  void replaceLoadsKeysNewestLastWhateverTheirOrder() {
    var ring = new TokenKeyRing(List.of(Fixtures.key("k1")));
    var older = new TokenKey("old", Fixtures.keyBytes(), KEY_CREATED.minusSeconds(60), KEY_CREATED);
    var newer = new TokenKey("new", Fixtures.keyBytes(), KEY_CREATED.plusSeconds(60), null);

    ring.replace(List.of(newer, older));

    assertThat(ring.keys()).containsExactly(older, newer);
    assertThat(ring.current()).isEqualTo(newer);
    assertThat(ring.find("k1")).isEmpty();
  }

  @Test
  void ofKeysCreatedAtTheSameInstantTheLaterInTheListIsCurrent() {
    var ring = new TokenKeyRing(List.of(Fixtures.key("a"), Fixtures.key("b")));

    assertThat(ring.current().id()).isEqualTo("b");
  }

  @Test
  void aRingIsNeverEmptyAndItsIdsAreUnique() {
    var ring = new TokenKeyRing(List.of(Fixtures.key("k1")));

    assertThatThrownBy(() -> ring.replace(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a token key ring needs at least one key");
    assertThatThrownBy(() -> new TokenKeyRing(List.of(Fixtures.key("k1"), Fixtures.key("k1"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("token key id k1 appears twice");
    assertThat(ring.keys()).containsExactly(Fixtures.key("k1"));
  }

  @Test
  void toStringRedactsEveryKey() {
    var ring = new TokenKeyRing(List.of(Fixtures.key("k1")));

    assertThat(ring)
        .hasToString(
            "TokenKeyRing[TokenKey[id=k1, key=<redacted>, createdAt=2026-01-01T00:00:00Z,"
                + " retireAfter=null]]");
  }
}
