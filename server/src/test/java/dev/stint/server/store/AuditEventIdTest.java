package dev.stint.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditEventIdTest {

  @Test
  void anIdIsAVersion7UuidCarryingTheMillisecondsOfItsTime() {
    Instant time = Instant.parse("2026-11-29T22:04:05.678Z");

    UUID id = UUID.fromString(AuditEvent.newId(time));

    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(time.toEpochMilli());
  }

  @Test
  void idsSortAsTheirTimesAndDoNotRepeatWithinOneMillisecond() {
    Instant time = Instant.parse("2026-11-29T22:04:05.678Z");

    String earlier = AuditEvent.newId(time);
    String later = AuditEvent.newId(time.plusMillis(1));
    var sameMillisecond = new HashSet<String>();
    for (int i = 0; i < 10_000; i++) {
      sameMillisecond.add(AuditEvent.newId(time));
    }

    assertThat(earlier).isLessThan(later);
    assertThat(sameMillisecond).hasSize(10_000);
  }
}
