package dev.stint.server.store;

import java.nio.file.Path;

class PostgresUserContractTest extends UserContractTest {
  @Override
  TestDatabases.Opened openDatabase(Path tempDir) {
    return TestDatabases.postgres();
  }
}
