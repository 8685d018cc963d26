package dev.stint.cli;

import dev.stint.core.chain.SsoLogin;
import dev.stint.core.profile.ProfileFileEditor;
import dev.stint.core.profile.ProfileFiles;
import dev.stint.core.profile.Profiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stint configure sso}: writes an {@code [sso-session NAME]} section, signs in, and writes
 * profiles for the accounts and roles the sign-in opens, as {@code aws configure sso} does. Every
 * value an option does not give is asked for on standard input (an empty answer, or input that has
 * ended, takes the default in brackets), so it runs interactively or unattended. Every other byte
 * of the config file stays as it was. Not thread-safe (one per invocation).
 */
@Command(
    name = "sso",
    mixinStandardHelpOptions = true,
    description = {
      "Configure IAM Identity Center profiles, as `aws configure sso` does.",
      "Writes [sso-session NAME] (sso_start_url, sso_region, sso_registration_scopes), signs in"
          + " as `stint login` does, lists the accounts and roles the sign-in opens, and writes"
          + " a profile with sso_session, sso_account_id, sso_role_name, region and output: for"
          + " the account and role chosen (asked for when there are several), or with --all one"
          + " per account and role, named ROLE-ACCOUNT (the AWS CLI's default name).",
      "Values not given as options are asked for on standard input; an empty answer or ended"
          + " input takes the default in brackets.",
      "Example: stint configure sso --sso-session corp --start-url URL --region us-east-1"
          + " --all"
    })
final class ConfigureSsoCommand implements Callable<Integer> {

  private final Context context;

  @Spec CommandSpec spec;
  @Mixin LoginOptions login;

  @Option(
      names = "--profile",
      paramLabel = "PROFILE",
      description = "The profile to write (default: asked, ROLE-ACCOUNT).")
  String profile;

  @Option(names = "--sso-session", paramLabel = "NAME", description = "The sso-session's name.")
  String sessionName;

  @Option(
      names = "--start-url",
      paramLabel = "URL",
      description = "The portal's start URL, such as http://127.0.0.1:8080/start.")
  String startUrl;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "The Identity Center region (sso_region).")
  String region;

  @Option(
      names = "--registration-scopes",
      paramLabel = "SCOPES",
      description = "sso_registration_scopes, comma-separated (default: sso:account:access).")
  String scopes;

  @Option(
      names = "--all",
      description = "Write a profile ROLE-ACCOUNT for every account and role, without asking.")
  boolean all;

  @Option(names = "--account-id", paramLabel = "ID", description = "The account to use.")
  String accountId;

  @Option(names = "--role-name", paramLabel = "ROLE", description = "The role to use.")
  String roleName;

  @Option(
      names = "--default-region",
      paramLabel = "REGION",
      description = "The profiles' region (default: asked, the SSO region).")
  String defaultRegion;

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      description = "The profiles' output format (default: asked, json).")
  String output;

  ConfigureSsoCommand(Context context) {
    this.context = context;
  }

  /** A profile to write: its name (null until asked), account and role. */
  record Target(String profile, String accountId, String roleName) {}

  /** The AWS CLI's default profile name for an account and role. */
  static String defaultName(String roleName, String accountId) {
    return roleName + "-" + accountId;
  }

  @Override
  public Integer call() {
    if (all && (accountId != null || roleName != null || profile != null)) {
      throw new CommandException.Usage(
          "--all writes every account and role: it takes no --account-id, --role-name or"
              + " --profile");
    }
    Questions questions = new Questions(context, spec.commandLine().getErr());
    Path configFile = ProfileFiles.configFile(context.environment(), context.home());
    ProfileFileEditor editor = ProfileFileEditor.config(configFile);
    SsoLogin.Session session = writeSession(questions, configFile, editor);

    SsoLogin sso = LoginCommand.logins(context, Optional.empty());
    LoginCommand.signIn(sso, session, login, context, spec);

    List<Target> targets =
        all ? everything(sso, session) : List.of(chosen(sso, session, questions));
    String profileRegion =
        given(
            defaultRegion,
            () ->
                questions.ask(
                    "CLI default client Region",
                    Optional.of(session.region()),
                    "--default-region"));
    String format =
        given(
            output,
            () -> questions.ask("CLI default output format", Optional.of("json"), "--output"));
    if (!all) {
      Target only = targets.get(0);
      String named =
          given(
              profile,
              () ->
                  questions.ask(
                      "CLI profile name",
                      Optional.of(defaultName(only.roleName(), only.accountId())),
                      "--profile"));
      targets = List.of(new Target(named, only.accountId(), only.roleName()));
    }
    PrintWriter out = spec.commandLine().getOut();
    for (Target target : targets) {
      Map<String, String> values = new LinkedHashMap<>();
      values.put("sso_session", session.name().orElseThrow());
      values.put("sso_account_id", target.accountId());
      values.put("sso_role_name", target.roleName());
      values.put("region", profileRegion);
      values.put("output", format);
      try {
        editor.setAll(target.profile(), values);
      } catch (IllegalArgumentException e) {
        throw new CommandException.Usage(e.getMessage());
      }
      out.print(
          "Wrote profile "
              + target.profile()
              + " (account "
              + target.accountId()
              + ", role "
              + target.roleName()
              + ") to "
              + configFile
              + "\n");
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** Asks for what the options do not give and writes the {@code [sso-session NAME]} section. */
  private SsoLogin.Session writeSession(
      Questions questions, Path configFile, ProfileFileEditor editor) {
    Profiles existing = ProfileFiles.load(configFile, configFile.toAbsolutePath().getRoot());
    String name =
        given(
            sessionName,
            () -> questions.ask("SSO session name", Optional.empty(), "--sso-session"));
    Map<String, String> known =
        existing.ssoSession(name).map(Profiles.Section::properties).orElse(Map.of());
    String url =
        given(
            startUrl,
            () ->
                questions.ask(
                    "SSO start URL",
                    Optional.ofNullable(known.get("sso_start_url")),
                    "--start-url"));
    String ssoRegion =
        given(
            region,
            () ->
                questions.ask(
                    "SSO region", Optional.ofNullable(known.get("sso_region")), "--region"));
    String scopeText =
        given(
            scopes,
            () ->
                questions.ask(
                    "SSO registration scopes",
                    Optional.of(
                        known.getOrDefault("sso_registration_scopes", SsoLogin.DEFAULT_SCOPE)),
                    "--registration-scopes"));
    Map<String, String> section = new LinkedHashMap<>();
    section.put("sso_start_url", url);
    section.put("sso_region", ssoRegion);
    section.put("sso_registration_scopes", scopeText);
    try {
      editor.setSsoSession(name, section);
    } catch (IllegalArgumentException e) {
      throw new CommandException.Usage(e.getMessage());
    }
    return new SsoLogin.Session(
        url, ssoRegion, Optional.of(name), Optional.of(SsoLogin.Session.parseScopes(scopeText)));
  }

  private List<Target> everything(SsoLogin sso, SsoLogin.Session session) {
    List<Target> targets = new ArrayList<>();
    for (SsoLogin.Account account : accounts(sso, session)) {
      for (String role : sso.roles(session, account.accountId())) {
        targets.add(new Target(defaultName(role, account.accountId()), account.accountId(), role));
      }
    }
    if (targets.isEmpty()) {
      throw new CommandException.Config("The sign-in opens no role in any account.");
    }
    return targets;
  }

  private Target chosen(SsoLogin sso, SsoLogin.Session session, Questions questions) {
    List<SsoLogin.Account> accounts = accounts(sso, session);
    String account =
        pick(
            questions,
            "account",
            "--account-id",
            accountId,
            accounts,
            SsoLogin.Account::accountId,
            a -> a.accountId() + "  " + a.accountName() + " (" + a.emailAddress() + ")");
    List<String> roles = sso.roles(session, account);
    if (roles.isEmpty()) {
      throw new CommandException.Config("The sign-in opens no role in account " + account + ".");
    }
    String role =
        pick(questions, "role", "--role-name", roleName, roles, Function.identity(), r -> r);
    return new Target(null, account, role);
  }

  private static List<SsoLogin.Account> accounts(SsoLogin sso, SsoLogin.Session session) {
    List<SsoLogin.Account> accounts = sso.accounts(session);
    if (accounts.isEmpty()) {
      throw new CommandException.Config("No AWS accounts were found for this sign-in.");
    }
    return accounts;
  }

  /**
   * The choice among {@code choices}: the option's, the only one, or the one the person types (its
   * number or its id).
   */
  private static <T> String pick(
      Questions questions,
      String what,
      String option,
      String given,
      List<T> choices,
      Function<T, String> id,
      Function<T, String> shown) {
    List<String> ids = choices.stream().map(id).toList();
    if (given != null) {
      if (!ids.contains(given)) {
        throw new CommandException.Usage(
            option + " " + given + " is not one of the sign-in's: " + String.join(", ", ids));
      }
      return given;
    }
    if (ids.size() == 1) {
      questions.say("Using the only " + what + " available to you: " + ids.get(0));
      return ids.get(0);
    }
    questions.say("There are " + ids.size() + " " + what + "s available to you.");
    for (int i = 0; i < choices.size(); i++) {
      questions.say("  " + (i + 1) + ") " + shown.apply(choices.get(i)));
    }
    String answer =
        questions
            .line(
                what.substring(0, 1).toUpperCase(java.util.Locale.ROOT)
                    + what.substring(1)
                    + " [1-"
                    + ids.size()
                    + "]: ")
            .filter(a -> !a.isEmpty())
            .orElseThrow(
                () ->
                    new CommandException.Usage(
                        "several "
                            + what
                            + "s are available: choose one with "
                            + option
                            + " (or use --all)"));
    if (ids.contains(answer)) {
      return answer;
    }
    try {
      int index = Integer.parseInt(answer);
      if (index >= 1 && index <= ids.size()) {
        return ids.get(index - 1);
      }
    } catch (NumberFormatException e) {
      // not a number: fall through to the error
    }
    throw new CommandException.Usage("not one of the " + what + "s listed: " + answer);
  }

  private static String given(String option, java.util.function.Supplier<String> ask) {
    return option != null && !option.isEmpty() ? option : ask.get();
  }
}
