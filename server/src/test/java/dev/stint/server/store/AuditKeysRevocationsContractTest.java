package dev.stint.server.store;

import static dev.stint.server.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The audit, token key and revocation contract, for every backend. */
abstract class AuditKeysRevocationsContractTest extends ContractTestBase {

  private static AuditEvent event(String id, int second, String actor, String action) {
    return new AuditEvent(
        id,
        T0.plusSeconds(second),
        "req-" + id,
        actor,
        action,
        "arn:aws:iam::123456789012:role/ops",
        "192.0.2.1",
        "sess-" + id,
        T0.plusSeconds(3600),
        AuditEvent.Outcome.SUCCESS,
        null);
  }

  @Test
  void auditEventsRoundTripEveryField() {
    AuditEvent full =
        new AuditEvent(
            "e1",
            T0,
            "req-1",
            "arn:aws:iam::123456789012:user/alice",
            "sts:AssumeRole",
            "arn:aws:iam::123456789012:role/ops",
            "203.0.113.9",
            "s-123",
            T0.plusSeconds(900),
            AuditEvent.Outcome.DENIED,
            "trust policy denied");
    AuditEvent sparse =
        new AuditEvent(
            "e2",
            T0.plusMillis(1),
            "req-2",
            "anon",
            "Login",
            null,
            null,
            null,
            null,
            AuditEvent.Outcome.ERROR,
            null);
    db.audit().append(full);
    db.audit().append(sparse);

    assertThat(db.audit().query(new AuditQuery(T0, T0.plusSeconds(1), null, null, 10)))
        .containsExactly(sparse, full);
    assertThatThrownBy(() -> db.audit().append(full))
        .isInstanceOf(StoreException.EntityAlreadyExists.class)
        .hasMessage("Audit event with name e1 already exists.");
  }

  @Test
  void copyInsertsNewEventsAndSkipsStoredOnesWithoutChangingThem() {
    AuditEvent stored = event("a", 0, "alice", "sts:AssumeRole");
    db.audit().append(stored);
    AuditEvent sameIdOtherFields = event("a", 5, "mallory", "iam:DeleteUser");
    AuditEvent fresh = event("b", 10, "bob", "sts:AssumeRole");

    db.audit().copy(List.of(List.of(sameIdOtherFields), List.of(fresh)).iterator());
    db.audit().copy(List.of(List.of(fresh)).iterator());

    assertThat(query(T0, T0.plusSeconds(60), null, null, 100)).containsExactly(fresh, stored);
  }

  @Test
  void manyEventsGoInWholeStatementsAndTheRestOneByOneEveryFieldKept() {
    // 75 events in batches of 40 and 35: a statement of 32 rows from each, the other 11 row by
    // row; three ids are already stored, one of them inside a 32-row statement.
    var events = new ArrayList<AuditEvent>();
    for (int i = 0; i < 75; i++) {
      events.add(
          i % 3 == 0
              ? event(String.format("m%02d", i), i, "alice", "sts:AssumeRole")
              : new AuditEvent(
                  String.format("m%02d", i),
                  T0.plusSeconds(i),
                  "req-" + i,
                  "bob",
                  "sts:GetSessionToken",
                  null,
                  null,
                  null,
                  null,
                  AuditEvent.Outcome.DENIED,
                  "row " + i));
    }
    var stored =
        List.of(
            event("m05", 900, "mallory", "iam:DeleteUser"),
            event("m39", 901, "mallory", "iam:DeleteUser"),
            event("m74", 902, "mallory", "iam:DeleteUser"));
    db.audit().appendAll(stored);

    db.audit().copy(List.of(events.subList(0, 40), events.subList(40, 75)).iterator());

    var expected = new ArrayList<>(events);
    expected.removeIf(e -> Set.of("m05", "m39", "m74").contains(e.id()));
    expected.addAll(stored);
    assertThat(query(T0, T0.plusSeconds(1000), null, null, 100))
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThatThrownBy(() -> db.audit().appendAll(events.subList(0, 33)))
        .isInstanceOf(StoreException.EntityAlreadyExists.class);
    assertThat(query(T0, T0.plusSeconds(1000), null, null, 100)).hasSize(75);
  }

  @Test
  void aCopyIsOneTransactionOverAllItsBatches() {
    AuditEvent first = event("a", 0, "alice", "sts:AssumeRole");
    Iterator<List<AuditEvent>> failsAtTheSecondBatch =
        new Iterator<>() {
          private int taken;

          @Override
          public boolean hasNext() {
            return true;
          }

          @Override
          public List<AuditEvent> next() {
            if (taken++ == 0) {
              return List.of(first);
            }
            throw new IllegalStateException("journal unreadable");
          }
        };

    assertThatThrownBy(() -> db.audit().copy(failsAtTheSecondBatch))
        .hasMessage("journal unreadable");

    assertThat(query(T0, T0.plusSeconds(60), null, null, 100)).isEmpty();
  }

  @Test
  void auditQueryFiltersByHalfOpenTimeRangeActorAndActionNewestFirstUpToTheLimit() {
    db.audit().append(event("a", 0, "alice", "sts:AssumeRole"));
    db.audit().append(event("b", 10, "bob", "sts:AssumeRole"));
    db.audit().append(event("c", 20, "alice", "iam:CreateUser"));
    db.audit().append(event("d", 30, "alice", "sts:AssumeRole"));

    assertThat(query(T0, T0.plusSeconds(30), null, null, 100))
        .extracting(AuditEvent::id)
        .containsExactly("c", "b", "a");
    assertThat(query(T0, T0.plusSeconds(31), "alice", null, 100))
        .extracting(AuditEvent::id)
        .containsExactly("d", "c", "a");
    assertThat(query(T0, T0.plusSeconds(31), "alice", "sts:AssumeRole", 100))
        .extracting(AuditEvent::id)
        .containsExactly("d", "a");
    assertThat(query(T0, T0.plusSeconds(31), null, "sts:AssumeRole", 2))
        .extracting(AuditEvent::id)
        .containsExactly("d", "b");
  }

  private java.util.List<AuditEvent> query(
      Instant from, Instant to, String actor, String action, int limit) {
    return db.audit().query(new AuditQuery(from, to, actor, action, limit));
  }

  @Test
  void tokenKeysRoundTripAndRetire() {
    TokenKey old = new TokenKey("k1", new byte[] {1, 2, 3}, T0, null);
    TokenKey current = new TokenKey("k2", new byte[] {4, 5, 6}, T0.plusSeconds(60), null);
    db.tokenKeys().add(current);
    db.tokenKeys().add(old);
    assertThat(db.tokenKeys().list()).containsExactly(old, current);
    assertThat(db.tokenKeys().find("k2").orElseThrow().wrappedKey()).containsExactly(4, 5, 6);

    db.tokenKeys().retireAfter("k1", T0.plusSeconds(7200));
    assertThat(db.tokenKeys().find("k1").orElseThrow().retireAfter())
        .isEqualTo(T0.plusSeconds(7200));
    assertThat(db.tokenKeys().deleteRetired(T0.plusSeconds(7200))).isZero();
    assertThat(db.tokenKeys().deleteRetired(T0.plusSeconds(7201))).isEqualTo(1);
    assertThat(db.tokenKeys().list()).containsExactly(current);

    assertThatThrownBy(() -> db.tokenKeys().add(current))
        .isInstanceOf(StoreException.EntityAlreadyExists.class)
        .hasMessage("Token key with name k2 already exists.");
    assertThatThrownBy(() -> db.tokenKeys().retireAfter("k9", T0))
        .isInstanceOf(StoreException.NoSuchEntity.class)
        .hasMessage("The token key with name k9 cannot be found.");
  }

  @Test
  void revocationsAreListedSinceAnInclusiveTimeAndPruned() {
    Revocation session = Revocation.ofSession("r1", "sess-1", T0);
    Revocation principal =
        Revocation.ofPrincipal(
            "r2", "arn:aws:iam::123456789012:role/ops", T0.plusSeconds(5), T0.plusSeconds(10));
    db.revocations().add(principal);
    db.revocations().add(session);

    assertThat(db.revocations().listSince(T0)).containsExactly(session, principal);
    assertThat(db.revocations().listSince(T0.plusSeconds(10))).containsExactly(principal);
    assertThat(db.revocations().listSince(T0.plusSeconds(11))).isEmpty();
    assertThatThrownBy(() -> db.revocations().add(session))
        .isInstanceOf(StoreException.EntityAlreadyExists.class)
        .hasMessage("Revocation with name r1 already exists.");

    assertThat(db.revocations().deleteCreatedBefore(T0.plusSeconds(10))).isEqualTo(1);
    assertThat(db.revocations().listSince(Instant.EPOCH)).containsExactly(principal);
  }
}
