#!/bin/sh
# /init of the test VM (busybox ash, PID 1). Copied into the base initramfs by
# Scripts/lib/vm-rootfs.sh. The per-run overlay archive supplies
# /vm/config (TOKEN=..., NO_IPVS=0|1) and /vm/payload (a shell script).
# The host finds the payload's output between two marker lines carrying the
# random TOKEN, so nothing else on the console can be mistaken for it.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root TERM=dumb

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
mkdir -p /run/vm
# Only emergencies reach the console: kernel chatter would split payload lines.
dmesg -n 1

# shellcheck source=/dev/null # written per run by Scripts/vm
. /vm/config

# A syslog, as on a real host: kmod's `modprobe -s` (which the reference
# ipvsadm runs when IPVS is missing) would otherwise write to the console.
syslogd -O /run/vm/syslog

# Module autoloading (the kernel runs the modprobe helper, e.g. for a genl
# family) writes its failures to the console, in the middle of the payload's
# output: send them to a log instead. An explicit `modprobe` is unaffected.
printf '#!/bin/sh\nexec /sbin/modprobe "$@" >>/run/vm/autoload.log 2>&1\n' >/run/vm-autoload
chmod 755 /run/vm-autoload
echo /run/vm-autoload >/proc/sys/kernel/modprobe

# Load modules in the dependency order computed on the host. Failures are
# expected for a few (crc32c-intel refuses under emulation) and are recorded
# in /run/vm/insmod.log for tests that care. busybox insmod, not kmod's: it
# is static, and kmod's dynamic start-up (libcrypto) costs ~0.1 s a module
# under emulation.
while read -r tag path; do
  if [ "$tag" = ipvs ] && [ "$NO_IPVS" = 1 ]; then
    # Deleted, not just skipped: the kernel would otherwise autoload ip_vs
    # through /sbin/modprobe when a program asks for the IPVS genl family.
    rm -f "$path"
    continue
  fi
  if ! busybox insmod "$path" >>/run/vm/insmod.log 2>&1; then
    echo "insmod failed: $path" >>/run/vm/insmod.log
  fi
done </etc/vm/modules.order
if [ "$NO_IPVS" = 1 ]; then
  # As on a kernel built without IPVS: modprobe ip_vs finds no such module.
  # The host ran depmod for that tree already (depmod here is slow).
  cp /etc/vm/no-ipvs/modules.* "/lib/modules/$(uname -r)/"
fi

busybox ip link set lo up
hostname lvsadm-vm
cd /

# A leading newline so the marker starts a line even after kernel output.
printf '\n%s\n' "@@LVSADM-VM-$TOKEN-BEGIN@@"
sh /vm/payload </dev/null 2>&1
rc=$?
# The newline before END is the host's to remove; it ends a partial last line.
printf '\n%s %s\n' "@@LVSADM-VM-$TOKEN-END@@" "$rc"
sync
poweroff -f
