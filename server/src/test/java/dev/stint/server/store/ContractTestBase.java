package dev.stint.server.store;

import static dev.stint.server.store.Fixtures.ACCOUNT;
import static dev.stint.server.store.Fixtures.OTHER_ACCOUNT;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One database per test class (creating a PostgreSQL database per method is too slow for CI's two
 * cores); every test starts from empty tables holding two accounts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContractTestBase {

  private TestDatabases.Opened opened;
  Database db;

  /** The backend under test. */
  abstract TestDatabases.Opened openDatabase(Path tempDir);

  @BeforeAll
  void openOnce(@TempDir Path tempDir) {
    opened = openDatabase(tempDir);
    db = opened.database();
  }

  @BeforeEach
  void startFromTwoAccounts() {
    TestDatabases.truncate(db);
    db.accounts().create(Fixtures.account(ACCOUNT, true));
    db.accounts().create(Fixtures.account(OTHER_ACCOUNT, false));
  }

  @AfterAll
  void closeOnce() {
    if (opened != null) {
      opened.close();
    }
  }
}
