package dev.provision.lab.layout;

/** One lab host: its inventory name, its loopback address (sshd on port 22) and its group. */
public record LabHostSpec(String name, String address, String group) {}
