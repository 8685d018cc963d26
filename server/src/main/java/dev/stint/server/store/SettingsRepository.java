package dev.stint.server.store;

import java.util.Optional;

/** Named settings as text. Implementations are thread-safe. */
public interface SettingsRepository {

  Optional<String> get(String name);

  /** Stores a value, replacing any. */
  void put(String name, String value);

  /**
   * Stores a value unless one is there; returns the value stored afterwards (this one, or the one
   * that was there). Safe when several nodes race: exactly one value wins.
   */
  String putIfAbsent(String name, String value);
}
