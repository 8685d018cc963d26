package dev.stint.server.web;

import dev.stint.core.credentials.Credentials;
import dev.stint.core.export.CredentialFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the credentials dialog shows for one role in one account: per shell the environment commands
 * (Option 1), the credentials-file profile {@code [ACCOUNTID_ROLENAME]} (Option 2), each value
 * alone (Option 3), and the expiry. The text is rendered by {@link CredentialFormat}, so the portal
 * quotes exactly as {@code stint export} does. Holds secrets: never log it; its {@code toString}
 * names the access key id only. Immutable and thread-safe.
 *
 * @param accountId the account the role is in
 * @param accountName the account's display name
 * @param roleName the role (permission set) name
 * @param profileName the profile section name, {@code ACCOUNTID_ROLENAME}
 * @param shells one tab per shell, macOS and Linux first
 * @param profileBlock the {@code [profile]} section for the shared credentials file
 * @param accessKeyId the temporary access key id
 * @param secretAccessKey the secret access key
 * @param sessionToken the session token
 * @param expiration when the credentials stop working
 * @param remaining how long they last from the time they were shown
 */
record CredentialsView(
    String accountId,
    String accountName,
    String roleName,
    String profileName,
    List<Shell> shells,
    String profileBlock,
    String accessKeyId,
    String secretAccessKey,
    String sessionToken,
    Instant expiration,
    Duration remaining) {

  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /**
   * One tab of the dialog.
   *
   * @param key the tab's id stem: {@code unix}, {@code cmd}, {@code powershell}
   * @param label the tab's label
   * @param commands the environment commands, correctly quoted for that shell
   * @param credentialsFile where the credentials file lives on that system
   */
  record Shell(String key, String label, String commands, String credentialsFile) {
    Shell {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(commands, "commands");
      Objects.requireNonNull(credentialsFile, "credentialsFile");
    }

    @Override
    public String toString() {
      return "Shell[" + key + "]";
    }
  }

  CredentialsView {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(accountName, "accountName");
    Objects.requireNonNull(roleName, "roleName");
    Objects.requireNonNull(profileName, "profileName");
    shells = List.copyOf(shells);
    Objects.requireNonNull(profileBlock, "profileBlock");
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    Objects.requireNonNull(sessionToken, "sessionToken");
    Objects.requireNonNull(expiration, "expiration");
    Objects.requireNonNull(remaining, "remaining");
  }

  /**
   * Renders temporary credentials for every shell.
   *
   * @param now the time the dialog is shown, for "expires in"
   * @throws IllegalArgumentException when the credentials have no session token or expiry
   * @throws dev.stint.core.export.UnrepresentableValueException when a value cannot be quoted
   */
  static CredentialsView of(
      String accountId, String accountName, String roleName, Credentials credentials, Instant now) {
    if (credentials.sessionToken() == null || credentials.expiration() == null) {
      throw new IllegalArgumentException(
          "portal credentials " + credentials.accessKeyId() + " are not temporary");
    }
    String profile = accountId + "_" + roleName;
    var options = CredentialFormat.Options.defaults();
    List<Shell> shells =
        List.of(
            new Shell(
                "unix",
                "macOS and Linux",
                CredentialFormat.ENV.render(credentials, options),
                "~/.aws/credentials"),
            new Shell(
                "cmd",
                "Windows (cmd)",
                CredentialFormat.WINDOWS_CMD.render(credentials, options),
                "%USERPROFILE%\\.aws\\credentials"),
            new Shell(
                "powershell",
                "PowerShell",
                CredentialFormat.POWERSHELL.render(credentials, options),
                "$HOME\\.aws\\credentials"));
    String block =
        CredentialFormat.INI.render(credentials, new CredentialFormat.Options(null, profile));
    return new CredentialsView(
        accountId,
        accountName,
        roleName,
        profile,
        shells,
        block,
        credentials.accessKeyId(),
        credentials.secretAccessKey(),
        credentials.sessionToken(),
        credentials.expiration(),
        Duration.between(now, credentials.expiration()));
  }

  /** The expiry as people read it: {@code 2030-01-02 03:04 UTC}. */
  String expiresShown() {
    return SHOWN.format(expiration);
  }

  /** The expiry for {@code <time datetime>}. */
  String expiresIso() {
    return expiration.toString();
  }

  /** "8 hours", "1 hour", "45 minutes": how long from when the dialog was shown. */
  String remainingShown() {
    long minutes = Math.max(0, (remaining.toSeconds() + 30) / 60);
    if (minutes >= 60 && minutes % 60 == 0) {
      long hours = minutes / 60;
      return hours + (hours == 1 ? " hour" : " hours");
    }
    if (minutes >= 60) {
      return (minutes / 60) + " h " + (minutes % 60) + " min";
    }
    return minutes + (minutes == 1 ? " minute" : " minutes");
  }

  @Override
  public String toString() {
    return "CredentialsView["
        + profileName
        + " key="
        + accessKeyId
        + " expires="
        + expiration
        + "]";
  }
}
