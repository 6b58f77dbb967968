package dev.provision.cli;

public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("provision 0.1.0-SNAPSHOT");
  }
}
