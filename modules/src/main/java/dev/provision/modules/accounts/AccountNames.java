package dev.provision.modules.accounts;

import dev.provision.module.ModuleException;
import java.util.regex.Pattern;

/** User and group names as useradd and groupadd accept them (and never an option or shell text). */
final class AccountNames {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}\\$?");

  private AccountNames() {}

  static String check(String what, String name) throws ModuleException {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new ModuleException(what + " `" + name + "` is not a valid name (letters, digits, _ . -, at most 32)");
    }
    return name;
  }
}
