package dev.stint.cli;

import dev.stint.core.export.CredentialFormat;
import java.util.Arrays;
import java.util.Iterator;
import picocli.CommandLine;

/** {@code --format} values: the command-line names of {@link CredentialFormat}. Stateless. */
final class Formats {

  private Formats() {}

  /** Reads a format name; picocli reports an unknown one as a usage error, listing the names. */
  static final class Converter implements CommandLine.ITypeConverter<CredentialFormat> {
    @Override
    public CredentialFormat convert(String value) {
      try {
        return CredentialFormat.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** The names, for help and completion. */
  static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(CredentialFormat.values()).map(CredentialFormat::cliName).iterator();
    }
  }
}
