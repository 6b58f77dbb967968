package dev.provision.modules.virt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The verdict over parsed checks: which FAILs are allowed, and what to register and report. */
record ValidationResult(
    List<ValidationCheck> checks,
    List<ValidationCheck> failed,
    List<ValidationCheck> allowedFailures,
    List<ValidationCheck> warnings,
    List<ValidationCheck> unrecognised,
    int exitCode,
    String stderr) {

  static ValidationResult of(List<ValidationCheck> checks, List<String> allow, int exitCode, String stderr) {
    List<ValidationCheck> failed = new ArrayList<>();
    List<ValidationCheck> allowed = new ArrayList<>();
    List<ValidationCheck> warnings = new ArrayList<>();
    List<ValidationCheck> unknown = new ArrayList<>();
    for (ValidationCheck c : checks) {
      switch (c.level()) {
        case FAIL -> (allow.stream().anyMatch(c::matches) ? allowed : failed).add(c);
        case WARN -> warnings.add(c);
        case UNKNOWN -> unknown.add(c);
        default -> { }
      }
    }
    return new ValidationResult(checks, failed, allowed, warnings, unknown, exitCode, stderr);
  }

  /**
   * No FAIL outside {@code allow}. A non-zero exit with no FAIL line passes (older libvirt exits 1
   * on a WARN), unless some line could not be read: then it may have been a FAIL.
   */
  boolean passed() {
    return failed.isEmpty() && (exitCode == 0 || unrecognised.isEmpty());
  }

  String failureMessage() {
    if (!failed.isEmpty()) {
      return "virt-host-validate: " + failed.size() + " check" + (failed.size() == 1 ? "" : "s")
          + " failed: " + describe(failed)
          + "; list a check under `allow:` if this host may run without it" + warningsSuffix();
    }
    return "virt-host-validate exited " + exitCode + " and printed lines this module cannot read: "
        + describe(unrecognised) + "; try `locale: C`";
  }

  String summary() {
    long passes = checks.stream().filter(c -> c.level() == CheckLevel.PASS).count();
    StringBuilder s = new StringBuilder(checks.size() + " checks, " + passes + " passed");
    if (!allowedFailures.isEmpty()) {
      s.append("; allowed failures: ").append(describe(allowedFailures));
    }
    if (!unrecognised.isEmpty()) {
      s.append("; unrecognised lines: ").append(describe(unrecognised));
    }
    return s + warningsSuffix();
  }

  private String warningsSuffix() {
    return warnings.isEmpty() ? "" : "; warnings: " + describe(warnings);
  }

  private static String describe(List<ValidationCheck> checks) {
    return String.join("; ", checks.stream().map(ValidationCheck::describe).toList());
  }

  /** What {@code register} sees. */
  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("passed", passed());
    m.put("checks", maps(checks));
    // Every FAIL, allowed or not: a play can still act on an allowed one (turn on emulation).
    m.put("failed_checks", maps(checks.stream().filter(c -> c.level() == CheckLevel.FAIL).toList()));
    m.put("allowed_failures", maps(allowedFailures));
    m.put("warnings", maps(warnings));
    m.put("rc", exitCode);
    m.put("stderr", stderr);
    return m;
  }

  private static List<Map<String, Object>> maps(List<ValidationCheck> checks) {
    return checks.stream().map(ValidationCheck::toMap).toList();
  }
}
