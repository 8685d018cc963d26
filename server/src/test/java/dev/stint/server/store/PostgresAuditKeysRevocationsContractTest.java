package dev.stint.server.store;

import java.nio.file.Path;

class PostgresAuditKeysRevocationsContractTest extends AuditKeysRevocationsContractTest {
  @Override
  TestDatabases.Opened openDatabase(Path tempDir) {
    return TestDatabases.postgres();
  }
}
