package dev.stint.server.store;

import java.nio.file.Path;

class SqliteRolePolicyContractTest extends RolePolicyContractTest {
  @Override
  TestDatabases.Opened openDatabase(Path tempDir) {
    return TestDatabases.sqlite(tempDir);
  }
}
