package dev.stint.cli;

import dev.stint.core.chain.AwsCallException;
import dev.stint.core.chain.CredentialException;
import dev.stint.core.chain.SsoLoginException;
import dev.stint.core.export.UnrepresentableValueException;
import dev.stint.core.profile.ProfileFileException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every exit status of {@code stint}, and the one place exceptions become them. docs/client.md
 * prints this table; keep them together.
 *
 * <table>
 *   <caption>Exit statuses</caption>
 *   <tr><th>status</th><th>meaning</th></tr>
 *   <tr><td>0</td><td>success</td></tr>
 *   <tr><td>1</td><td>internal error: a bug in stint (the stack trace follows the message)</td></tr>
 *   <tr><td>2</td><td>usage: unknown option, missing or malformed argument, input that cannot be
 *       imported</td></tr>
 *   <tr><td>3</td><td>configuration: no credentials found, profile not found, malformed shared
 *       file, a cache file the file system refuses, contradictory profile settings, MFA code or
 *       SSO sign-in needed, a value the output format cannot carry</td></tr>
 *   <tr><td>4</td><td>service: STS or IAM Identity Center answered with an error, or a
 *       {@code credential_process} failed</td></tr>
 *   <tr><td>5</td><td>unreachable: a service could not be reached in time</td></tr>
 *   <tr><td>6</td><td>refused: {@code stint exec} inside {@code stint exec} without
 *       {@code --allow-nesting}, {@code credential-process} recursion, or an IAM Identity Center
 *       sign-in that was denied, expired before approval, or answered another request</td></tr>
 *   <tr><td>126, 127</td><td>{@code stint exec}: the command cannot be run, or is not found</td></tr>
 *   <tr><td>128+n</td><td>{@code stint exec}: the command was killed by signal n</td></tr>
 *   <tr><td>other</td><td>{@code stint exec}: the command's own exit status</td></tr>
 * </table>
 */
final class ExitCodes {

  static final int OK = 0;
  static final int SOFTWARE = 1;
  static final int USAGE = 2;
  static final int CONFIG = 3;
  static final int SERVICE = 4;
  static final int UNREACHABLE = 5;
  static final int REFUSED = 6;
  static final int CANNOT_EXECUTE = 126;
  static final int NOT_FOUND = 127;

  /** The table as help pages print it: status, then what it means. */
  static final Map<String, String> DESCRIPTIONS = descriptions();

  private ExitCodes() {}

  private static Map<String, String> descriptions() {
    Map<String, String> table = new LinkedHashMap<>();
    table.put("0", "success");
    table.put("1", "internal error (a bug in stint)");
    table.put("2", "usage: bad option, argument or input");
    table.put("3", "configuration: no credentials, profile not found, malformed file, ...");
    table.put("4", "service: STS or SSO said no, or a credential_process failed");
    table.put("5", "unreachable: a service did not answer in time");
    table.put("6", "refused: nested exec, process recursion, sign-in denied or expired");
    table.put("126/127", "exec: the command cannot be run / is not found");
    table.put("128+n", "exec: the command was killed by signal n");
    return Collections.unmodifiableMap(table);
  }

  /** The status for a failure; {@link #SOFTWARE} for anything not expected. */
  static int of(Throwable failure) {
    return switch (failure) {
      case CredentialException.CallFailed call ->
          call.call() instanceof AwsCallException.Unreachable ? UNREACHABLE : SERVICE;
      case CredentialException.RetrievalFailed retrieval -> SERVICE;
      case CredentialException credentials -> CONFIG;
      case AwsCallException.Unreachable unreachable -> UNREACHABLE;
      case AwsCallException.ServiceError error -> SERVICE;
      case ProfileFileException file -> CONFIG;
      case UnrepresentableValueException value -> CONFIG;
      case CommandException.Refused refused -> REFUSED;
      case CommandException.Config config -> CONFIG;
      case SsoLoginException login -> REFUSED;
      // A cache or config file stint cannot write or read: the machine's setup, not a bug.
      case UncheckedIOException io when io.getCause() instanceof FileSystemException -> CONFIG;
      case CommandException.Usage usage -> USAGE;
      default -> SOFTWARE;
    };
  }

  /** Whether the failure is one stint expects and explains in its message alone. */
  static boolean expected(Throwable failure) {
    return of(failure) != SOFTWARE;
  }
}
