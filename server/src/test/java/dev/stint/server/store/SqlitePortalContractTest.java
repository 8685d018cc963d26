package dev.stint.server.store;

import java.nio.file.Path;

class SqlitePortalContractTest extends PortalContractTest {
  @Override
  TestDatabases.Opened openDatabase(Path tempDir) {
    return TestDatabases.sqlite(tempDir);
  }
}
