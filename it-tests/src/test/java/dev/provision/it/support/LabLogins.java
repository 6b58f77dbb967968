package dev.provision.it.support;

import dev.provision.lab.ssh.LabHost;
import dev.provision.lab.ssh.SshLab;

/** Counts SSH logins the lab's sshd processes accepted, to prove that nothing connected. */
public final class LabLogins {

  private LabLogins() {}

  public static long count(SshLab lab) {
    long n = 0;
    for (LabHost host : lab.hosts()) {
      n += host.logText().lines().filter(l -> l.startsWith("Accepted publickey")).count();
    }
    return n;
  }
}
