package dev.stint.server.store;

import java.nio.file.Path;

class PostgresPortalContractTest extends PortalContractTest {
  @Override
  TestDatabases.Opened openDatabase(Path tempDir) {
    return TestDatabases.postgres();
  }
}
