package dev.provision.module;

/** What the walker is doing: PLAN never changes anything; APPLY runs the planned actions. */
public enum Mode {
  PLAN,
  APPLY
}
