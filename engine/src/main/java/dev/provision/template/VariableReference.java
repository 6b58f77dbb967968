package dev.provision.template;

/**
 * One use of a root variable in template text: its name, its 0-based offset in the text, and
 * whether the use copes with an undefined value ({@code x is defined}, {@code x | default(..)}).
 */
public record VariableReference(String name, int offset, boolean guarded) {}
