package dev.provision.modules.files;

/** A file on the host: its stat, its SHA-256 (regular files) and its text, null when too large. */
public record RemoteFile(PathStat stat, String sha256, String content) {}
