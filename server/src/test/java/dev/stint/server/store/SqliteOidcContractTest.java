package dev.stint.server.store;

import java.nio.file.Path;

class SqliteOidcContractTest extends OidcContractTest {
  @Override
  TestDatabases.Opened openDatabase(Path tempDir) {
    return TestDatabases.sqlite(tempDir);
  }
}
