package dev.stint.server.store;

import java.nio.file.Path;

class PostgresOidcContractTest extends OidcContractTest {
  @Override
  TestDatabases.Opened openDatabase(Path tempDir) {
    return TestDatabases.postgres();
  }
}
