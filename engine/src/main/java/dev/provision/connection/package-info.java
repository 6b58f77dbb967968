/**
 * Running shell commands on hosts.
 *
 * <ul>
 *   <li>{@link dev.provision.connection.DefaultConnectionFactory} opens a {@link
 *       dev.provision.connection.LocalConnection} (commons-exec) for {@code ansible_connection:
 *       local} and a {@link dev.provision.connection.SshConnection} (sshj) otherwise. Keep one
 *       open connection per host; an ssh connection reconnects on the next command if it was lost.
 *   <li>Every command runs as {@code /bin/sh -c}; {@code become} goes through {@code sudo -n}, or
 *       {@code sudo -S} with the password as the first stdin line, unless the user is already root.
 *   <li>A command timeout kills the command's whole process tree and throws {@link
 *       dev.provision.connection.ConnectionException} of kind TIMEOUT.
 *   <li>{@link dev.provision.connection.Shell} quotes words for a command line and {@link
 *       dev.provision.connection.Shlex} splits one into words; {@link
 *       dev.provision.connection.Durations} reads and writes durations. Host files (stat, atomic
 *       writes, mode and owner) are the modules' {@code files} package.
 *   <li>Host keys are checked by {@code dev.provision.connection.hostkey} against an OpenSSH
 *       known_hosts file, strictly unless accept-new is on.
 * </ul>
 */
package dev.provision.connection;
