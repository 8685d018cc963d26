package dev.stint.server.store;

import java.nio.file.Path;

class PostgresRolePolicyContractTest extends RolePolicyContractTest {
  @Override
  TestDatabases.Opened openDatabase(Path tempDir) {
    return TestDatabases.postgres();
  }
}
