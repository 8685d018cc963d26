package dev.stint.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.server.query.ApiException;
import dev.stint.server.store.AuditEvent;
import dev.stint.server.store.AuditQuery;
import dev.stint.server.store.Database;
import dev.stint.server.store.DatabaseConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  @TempDir Path dir;

  private static AuditEvent event(String id, Instant time) {
    return new AuditEvent(
        id,
        time,
        "req-" + id,
        "arn:aws:iam::123456789012:user/admin",
        "sts:GetSessionToken",
        "arn:aws:iam::123456789012:user/admin",
        "127.0.0.1",
        "session-" + id,
        time.plusSeconds(900),
        AuditEvent.Outcome.SUCCESS,
        "accessKeyId=ASIAEXAMPLE");
  }

  @Test
  void everyRecordReturnedFromIsCommittedEvenUnderConcurrentLoad() throws Exception {
    Instant t = Instant.parse("2026-11-29T12:00:00Z");
    try (Database db = Database.open(DatabaseConfig.dataDirectory(dir));
        AuditLog log = AuditLog.direct(db.audit());
        var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      var futures = new ArrayList<Future<?>>();
      for (int i = 0; i < 500; i++) {
        String id = UUID.randomUUID().toString();
        futures.add(pool.submit(() -> log.record(event(id, t))));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      var stored =
          db.audit().query(new AuditQuery(t.minusSeconds(1), t.plusSeconds(1), null, null, 1000));
      assertThat(stored).hasSize(500);
      assertThat(stored.get(0).action()).isEqualTo("sts:GetSessionToken");
    }
  }

  @Test
  void aRecordThatCannotBeCommittedFailsTheCaller() {
    Instant t = Instant.parse("2026-11-29T12:00:00Z");
    try (Database db = Database.open(DatabaseConfig.dataDirectory(dir));
        AuditLog log = AuditLog.direct(db.audit())) {
      log.record(event("same", t));
      assertThatThrownBy(() -> log.record(event("same", t)))
          .isInstanceOf(ApiException.Failed.class)
          .hasMessage("audit record not written");
      log.record(event("other", t));
      assertThat(
              db.audit().query(new AuditQuery(t.minusSeconds(1), t.plusSeconds(1), null, null, 10)))
          .extracting(AuditEvent::id)
          .containsExactlyInAnyOrder("same", "other");
    }
  }
}
