package dev.provision.template;

/** A template could not be rendered: a syntax error or an undefined variable, named in the message. */
public final class TemplateException extends Exception {

  private final boolean undefined;

  public TemplateException(String message) {
    this(message, null, false);
  }

  public TemplateException(String message, Throwable cause) {
    this(message, cause, false);
  }

  private TemplateException(String message, Throwable cause, boolean undefined) {
    super(message, cause);
    this.undefined = undefined;
  }

  /** An undefined variable or a missing key: what Ansible's {@code AnsibleUndefinedVariable} is. */
  static TemplateException undefined(String message) {
    return new TemplateException(message, null, true);
  }

  /** Whether the template failed only because a variable or key is undefined. */
  public boolean isUndefined() {
    return undefined;
  }
}
