package dev.stint.server.store;

import java.nio.file.Path;

class SqliteUserContractTest extends UserContractTest {
  @Override
  TestDatabases.Opened openDatabase(Path tempDir) {
    return TestDatabases.sqlite(tempDir);
  }
}
