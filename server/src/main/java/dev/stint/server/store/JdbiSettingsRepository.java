package dev.stint.server.store;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link SettingsRepository} in portable SQL (upserts SQLite and PostgreSQL share). Thread-safe.
 */
final class JdbiSettingsRepository implements SettingsRepository {

  private final Jdbi jdbi;

  JdbiSettingsRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Optional<String> get(String name) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT value FROM settings WHERE name = :name")
                .bind("name", name)
                .mapTo(String.class)
                .findOne());
  }

  @Override
  public void put(String name, String value) {
    Checks.text(name, "setting name", 128);
    Checks.text(value, "setting value", Checks.MAX_TEXT);
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "INSERT INTO settings (name, value) VALUES (:name, :value)"
                        + " ON CONFLICT (name) DO UPDATE SET value = excluded.value")
                .bind("name", name)
                .bind("value", value)
                .execute());
  }

  @Override
  public String putIfAbsent(String name, String value) {
    Checks.text(name, "setting name", 128);
    Checks.text(value, "setting value", Checks.MAX_TEXT);
    return jdbi.inTransaction(
        handle -> {
          handle
              .createUpdate(
                  "INSERT INTO settings (name, value) VALUES (:name, :value)"
                      + " ON CONFLICT (name) DO NOTHING")
              .bind("name", name)
              .bind("value", value)
              .execute();
          return handle
              .createQuery("SELECT value FROM settings WHERE name = :name")
              .bind("name", name)
              .mapTo(String.class)
              .one();
        });
  }
}
