package dev.provision.template;

/** A template could not be rendered: a syntax error or an undefined variable, named in the message. */
public final class TemplateException extends Exception {

  public TemplateException(String message) {
    super(message);
  }

  public TemplateException(String message, Throwable cause) {
    super(message, cause);
  }
}
