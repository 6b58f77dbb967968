package dev.provision.template;

/**
 * A syntax problem in template text, found without rendering: what is wrong, where (0-based offset
 * into the text, so a caller can point into its source line), and a hint (may be null).
 */
public record TemplateProblem(String message, int offset, String hint) {}
