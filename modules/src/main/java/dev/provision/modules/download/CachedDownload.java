package dev.provision.modules.download;

import java.nio.file.Path;

/** A download kept on the control node: the file in the cache, its digest and size. */
public record CachedDownload(Path file, Sha256 sha256, long size) {}
