package dev.provision.modules.virt;

import dev.provision.connection.ConnectionException;
import dev.provision.module.HostContext;
import dev.provision.module.Module;
import dev.provision.module.ModuleException;
import dev.provision.module.Param;
import dev.provision.module.ParamSchema;
import dev.provision.module.Params;
import dev.provision.module.Plan;
import dev.provision.modules.packages.OsFamily;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code host_validate}: runs virt-host-validate (read-only, so always a no-op plan whose result
 * holds the parsed checks) and fails the task on any FAIL not listed in {@code allow}. Pass or
 * fail is decided from the parsed lines, not the exit code, whose meaning changed between libvirt
 * versions (older ones exit 1 on a WARN).
 *
 * <p>By default the command runs in the host's own locale, so hints come out in the operator's
 * language as in the guide; the parser reads every language libvirt ships. {@code locale: C}
 * forces English.
 */
public final class HostValidateModule implements Module {

  private static final Pattern LOCALE = Pattern.compile("[A-Za-z0-9_.@-]+");
  private static final ParamSchema SCHEMA = ParamSchema.builder()
      .summary("Runs virt-host-validate and fails on any FAIL that `allow` does not list.")
      .note("Read-only: always a no-op plan, whose result holds the parsed checks. Pass or fail is decided from the"
          + " parsed lines, in any language libvirt ships, not from the exit code, whose meaning changed between"
          + " libvirt versions.")
      .returns("checks", "every check: hypervisor, name, level (PASS, WARN, FAIL), hint")
      .returns("passed", "whether no FAIL is left once `allow` is applied")
      .returns("failed_checks", "the FAILs not allowed")
      .returns("allowed_failures", "the FAILs that `allow` lets through")
      .returns("warnings", "the WARNs")
      .example("""
              - name: validate the host for KVM (emulation allowed)
                host_validate:
                  hypervisor: qemu
                  allow: [hardware virtualization]
                become: true
              """)
      .param(Param.string("hypervisor").choices("qemu", "lxc", "bhyve")
          .describedAs("validate one hypervisor only; default: all that libvirt knows"))
      .param(Param.list("allow").describedAs("checks that may FAIL: names or parts of names, any case"))
      .param(Param.string("locale").describedAs("run with this LC_ALL (e.g. C); default: the host's"))
      .freeForm("hypervisor")
      .build();

  @Override
  public String name() {
    return "host_validate";
  }

  @Override
  public ParamSchema schema() {
    return SCHEMA;
  }

  @Override
  public Plan plan(Params params, HostContext host) throws ModuleException, ConnectionException {
    String locale = params.optString("locale").orElse(null);
    if (locale != null && !LOCALE.matcher(locale).matches()) {
      throw new ModuleException("`" + locale + "` is not a locale name (like C, C.UTF-8 or ja_JP.UTF-8)");
    }
    ValidateRun.Output out = host.fact(new ValidateRun(params.optString("hypervisor").orElse(null), locale));
    if (out.missing()) {
      throw missing(out.family().or(() -> OsFamily.fromVars(host.vars())));
    }
    List<ValidationCheck> checks = ValidateOutputParser.parse(out.stdout());
    ValidationResult result = ValidationResult.of(checks, params.strings("allow"), out.exitCode(), out.stderr());
    if (checks.isEmpty() && out.exitCode() != 0) {
      throw new ModuleException("virt-host-validate exited " + out.exitCode() + " without checking anything: "
          + out.stderr().strip(), result.toMap());
    }
    if (!result.passed()) {
      throw new ModuleException(result.failureMessage(), result.toMap());
    }
    return Plan.noop(result.summary(), result.toMap());
  }

  private static ModuleException missing(Optional<OsFamily> family) {
    String which = family
        .map(f -> "on " + f.ansibleName() + " hosts it comes with package " + f.libvirtClientPackage())
        .orElse("it comes with package libvirt-clients (Debian, Ubuntu) or libvirt-client (Fedora, RHEL)");
    String pkg = family.map(OsFamily::libvirtClientPackage).orElse("libvirt-client");
    return new ModuleException("virt-host-validate is not installed: " + which
        + "; install it first, e.g. a `package: name=" + pkg + "` task");
  }
}
