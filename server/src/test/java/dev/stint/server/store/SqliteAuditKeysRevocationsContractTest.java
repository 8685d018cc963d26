package dev.stint.server.store;

import java.nio.file.Path;

class SqliteAuditKeysRevocationsContractTest extends AuditKeysRevocationsContractTest {
  @Override
  TestDatabases.Opened openDatabase(Path tempDir) {
    return TestDatabases.sqlite(tempDir);
  }
}
