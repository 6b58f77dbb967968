/**
 * {@code get_url}: a file from an http(s) URL onto hosts, idempotent by SHA-256.
 *
 * <p>The virtctl step of the KubeVirt guide. The architecture comes from a variable, since
 * KubeVirt names assets with Go's names ({@code amd64}, {@code arm64}), not {@code uname -m}'s:
 *
 * <pre>
 * # group_vars/all.yaml
 * kubevirt_goarch: "{{ 'arm64' if ansible_architecture == 'aarch64' else 'amd64' }}"
 * # tasks
 * - file: {path: ~/.local/bin, state: directory, mode: "0755"}
 * - get_url:
 *     url: "{{ kubevirt_mirror }}/{{ kubevirt_version }}/virtctl-{{ kubevirt_version }}-linux-{{ kubevirt_goarch }}"
 *     dest: ~/.local/bin/virtctl
 *     mode: "0755"
 *     # checksum: sha256:...   (KubeVirt publishes none; pin one if you want)
 * - file: {src: ~/.local/bin/virtctl, dest: ~/.local/bin/kubectl-virt, state: link}
 * </pre>
 *
 * <p>Decisions: the parent directory is never created (as Ansible's get_url; the plan notes it,
 * apply fails naming host and path). {@code ~} is the login user's home ({@code ansible_user_dir}
 * when set, else the host's {@code $HOME}, or {@code SUDO_USER}'s under sudo). A dest that is a
 * directory is refused (no file name is derived from the URL). TLS is always verified; the
 * control node's cache is {@link dev.provision.modules.download.DownloadCache#defaultDir()}.
 * Header values are marked secret; a URL's query is left out of messages.
 */
package dev.provision.modules.download;
