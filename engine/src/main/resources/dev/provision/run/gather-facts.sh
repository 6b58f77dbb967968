# Provision's fact gathering: one round trip, POSIX sh, reads only (no network traffic, nothing
# written). Each line is KEY=VALUE; a key that repeats (ipv4=, mount=...) is a list. FactGatherer
# turns the lines into Ansible's fact names. Missing tools or files leave their facts out.
echo "hostname=$(hostname -s 2>/dev/null || hostname 2>/dev/null || uname -n)"
# the fqdn as Python's socket.getfqdn(), which Ansible uses: the name's address looked up back, the
# first of its names with a dot, else its first name
fqdn_ip=$(getent hosts "$(uname -n)" 2>/dev/null | awk '{ print $1; exit }')
fqdn=$( [ -n "$fqdn_ip" ] && getent hosts "$fqdn_ip" 2>/dev/null | awk 'NR == 1 { for (i = 2; i <= NF; i++) if ($i ~ /\./) { print $i; exit } print $2; exit }')
echo "fqdn=${fqdn:-$(hostname -f 2>/dev/null || uname -n)}"
echo "nodename=$(uname -n)"
echo "system=$(uname -s)"
echo "kernel=$(uname -r)"
echo "kernel_version=$(uname -v)"
echo "architecture=$(uname -m)"
echo "userspace_bits=$(getconf LONG_BIT 2>/dev/null)"
echo "user_id=$(id -un)"
echo "user_uid=$(id -u)"
echo "user_gid=$(id -g)"
echo "real_user_id=$(id -ru)"
echo "real_group_id=$(id -rg)"
echo "user_dir=$HOME"
getent passwd "$(id -un)" 2>/dev/null | sed -n '1s/^/passwd=/p'
if [ -r /etc/os-release ]; then sed -n 's/^\([A-Z_]*\)=/os_\1=/p' /etc/os-release; fi
if [ -r /etc/debian_version ]; then read -r v < /etc/debian_version && echo "debian_version=$v"; fi
if command -v lsb_release >/dev/null 2>&1 || [ -r /etc/lsb-release ]; then echo "lsb=yes"; fi
if [ -r /etc/machine-id ]; then read -r v < /etc/machine-id && echo "machine_id=$v"; fi
for t in dnf yum apt-get zypper pacman apk; do command -v "$t" >/dev/null 2>&1 && echo "tool=$t"; done
if [ -r /proc/1/comm ]; then read -r v < /proc/1/comm && echo "init=$v"; fi
[ -d /run/systemd/system ] && echo "systemd_booted=yes"
[ -x /sbin/openrc ] && echo "openrc=yes"
[ -d /etc/init.d ] && echo "initd=yes"
if [ -r /proc/meminfo ]; then awk '/^(MemTotal|MemFree|Buffers|Cached|SwapTotal|SwapFree|SwapCached):/ { sub(":", "", $1); print "meminfo_" $1 "=" $2 }' /proc/meminfo; fi
if [ -r /proc/cpuinfo ]; then
  awk -F': *' '/^processor[ \t]*:/ { n = $2 } /^vendor_id[ \t]*:/ { v[n] = $2 } /^model name[ \t]*:/ { m[n] = $2 }
    /^physical id[ \t]*:/ { p[$2] = 1 } /^cpu cores[ \t]*:/ { c = $2 } /^siblings[ \t]*:/ { s = $2 }
    END { for (i in v) print "cpu=" i "\t" v[i] "\t" m[i]; np = 0; for (k in p) np++;
          print "cpu_sockets=" np; print "cpu_cores=" c; print "cpu_siblings=" s }' /proc/cpuinfo
fi
echo "nproc=$(nproc 2>/dev/null)"
if [ -r /proc/uptime ]; then read -r v _ < /proc/uptime && echo "uptime=$v"; fi
if [ -r /proc/loadavg ]; then read -r a b c _ < /proc/loadavg && echo "loadavg=$a $b $c"; fi
if [ -r /proc/cmdline ]; then read -r v < /proc/cmdline && echo "cmdline=$v"; fi
if [ -r /proc/sys/crypto/fips_enabled ]; then read -r v < /proc/sys/crypto/fips_enabled && echo "fips=$v"; fi
if [ -d /sys/fs/selinux ]; then echo "selinux=enabled"; if [ -r /sys/fs/selinux/enforce ]; then read -r v < /sys/fs/selinux/enforce && echo "selinux_enforce=$v"; fi; fi
[ -d /sys/kernel/security/apparmor ] && echo "apparmor=enabled"
for f in sys_vendor product_name product_version product_serial product_uuid bios_version bios_date bios_vendor board_vendor board_name chassis_vendor; do
  if [ -r "/sys/class/dmi/id/$f" ]; then read -r v < "/sys/class/dmi/id/$f" 2>/dev/null && echo "dmi_$f=$v"; fi
done
[ -f /.dockerenv ] && echo "container=docker"
[ -f /run/.containerenv ] && echo "container=podman"
if [ -r /proc/1/cgroup ]; then sed -n 's/.*\/\(docker\|lxc\|kubepods\|libpod\).*/container_cgroup=\1/p' /proc/1/cgroup | sed -n 1p; fi
grep -q '^flags.* hypervisor' /proc/cpuinfo 2>/dev/null && echo "hypervisor=yes"
if [ -r /etc/resolv.conf ]; then awk '$1 == "nameserver" { print "nameserver=" $2 } $1 == "search" || $1 == "domain" { for (i = 2; i <= NF; i++) print "search=" $i }' /etc/resolv.conf; fi
if [ -r /proc/net/route ]; then awk 'NR > 1 && $2 == "00000000" && $8 == "00000000" { print "route4=" $1 " " $3; exit }' /proc/net/route; fi
if [ -r /proc/net/ipv6_route ]; then awk '$1 == "00000000000000000000000000000000" && $2 == "00" && $10 != "lo" { print "route6=" $10 " " $5; exit }' /proc/net/ipv6_route; fi
for d in /sys/class/net/*; do
  [ -e "$d" ] || continue
  i=${d##*/} mac= mtu= state= type=
  read -r mac < "$d/address" 2>/dev/null
  read -r mtu < "$d/mtu" 2>/dev/null
  read -r state < "$d/operstate" 2>/dev/null
  read -r type < "$d/type" 2>/dev/null
  read -r flags < "$d/flags" 2>/dev/null
  echo "iface=$i	${mac:--}	${mtu:--}	${state:--}	${type:--}	${flags:--}"
done
if command -v ip >/dev/null 2>&1; then
  ip -o -4 addr show 2>/dev/null | awk '{ b = ""; for (i = 1; i < NF; i++) if ($i == "brd") b = $(i + 1); print "ipv4=" $2 " " $4 " " (b == "" ? "-" : b) }'
  ip -o -6 addr show 2>/dev/null | awk '{ s = "global"; for (i = 1; i < NF; i++) if ($i == "scope") s = $(i + 1); print "ipv6=" $2 " " $4 " " s }'
fi
for f in /etc/ssh/ssh_host_*_key.pub; do
  [ -r "$f" ] && read -r t k _ < "$f" && echo "hostkey=$t $k"
done
awk '$1 ~ /^\// || $1 ~ /:\// { if ($3 != "none") print "mount=" $1 "\t" $2 "\t" $3 "\t" $4 }' /proc/mounts 2>/dev/null
awk '($1 ~ /^\// || $1 ~ /:\//) && $3 != "none" { print $2 }' /proc/mounts 2>/dev/null | while read -r m; do
  p=$(printf '%b' "$m")
  s=$(timeout 10 stat -f -c '%s %S %b %f %a %c %d' "$p" 2>/dev/null) && echo "statfs=$s	$m"
done
date '+date_time=%Y %m %d %H %M %S %s %Z %z %A %w %W'
date -u '+date_time_utc=%Y-%m-%dT%H:%M:%S %N'
awk 'BEGIN { for (k in ENVIRON) { v = ENVIRON[k]; gsub(/\\/, "\\\\", v); gsub(/\n/, "\\n", v); print "env." k "=" v } }'
