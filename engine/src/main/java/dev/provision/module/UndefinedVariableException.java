package dev.provision.module;

/**
 * {@link HostContext#evaluate} failed only because a variable or key is undefined (Ansible's
 * {@code AnsibleUndefinedVariable}), which some modules answer themselves: {@code debug}'s
 * {@code var} prints "VARIABLE IS NOT DEFINED!", as in Ansible.
 */
public final class UndefinedVariableException extends ModuleException {

  public UndefinedVariableException(String message, Throwable cause) {
    super(message, cause);
  }
}
