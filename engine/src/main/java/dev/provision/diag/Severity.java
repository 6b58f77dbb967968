package dev.provision.diag;

public enum Severity {
  ERROR,
  WARNING
}
