#!/usr/bin/env bash
# The life of lvsadm's packages on a director, played with dpkg in a copy-on-write root
# over this machine's own (run by Tests/Package/check inside `unshare --mount`, so the
# mounts and every write vanish with it). First without systemd: the maintainer scripts
# take their SysV path (update-rc.d, invoke-rc.d) and enable the units with
# deb-systemd-helper, whose links are checked; then again as where systemd runs, through
# deb-systemd-invoke. Both invoke-rc.d and deb-systemd-invoke ask the root's policy-rc.d,
# which logs each request and refuses it, as in any chroot, so the checks see which
# services the scripts start and stop, and nothing runs.
#   lifecycle.sh WORK    # WORK/debs: the packages; prints "package: N passed, N failed"
set -uo pipefail
work=$1
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }
expect() { if eval "$2"; then ok "$1"; else fail "$1"; fi; }

r=$work/root
mkdir -p "$work/upper" "$work/overlay-work" "$r"
# A /run of its own: no trace of a running systemd, whatever the machine runs.
if ! { mount --make-rprivate / &&
  mount -t overlay overlay -o "lowerdir=/,upperdir=$work/upper,workdir=$work/overlay-work" "$r" &&
  mount --rbind /dev "$r/dev" && mount -t proc proc "$r/proc" &&
  mount -t tmpfs tmpfs "$r/run" && mount -t tmpfs tmpfs "$r/tmp"; }; then
  echo "FAIL the root (an overlay of /) mounts"
  echo "package: 0 passed, 1 failed"
  exit 1
fi
# dpkg's database, copied into the root while no apt or dpkg runs on the machine (their
# locks held, as they hold them), so that the copy is whole and an apt run meanwhile
# (another suite's ensure-packages) changes nothing under the root's feet.
python3 - "$r" <<'SNAPSHOT'
import fcntl, signal, subprocess, sys
signal.alarm(600)
locks = [open(path, "a") for path in ("/var/lib/dpkg/lock-frontend", "/var/lib/dpkg/lock")]
for lock in locks:
    fcntl.lockf(lock, fcntl.LOCK_EX)
sys.exit(subprocess.call(["cp", "-a", "/var/lib/dpkg/.", sys.argv[1] + "/var/lib/dpkg/"]))
SNAPSHOT
# man-db's trigger rebuilds its index after each dpkg run: seconds the checks do not need.
rm -f "$r/var/lib/man-db/auto-update"
mkdir -p "$r/debs" && cp "$work"/debs/*.deb "$r/debs/"
cat >"$r/usr/sbin/policy-rc.d" <<'POLICY'
#!/bin/sh
echo "$*" >>/var/log/policy-rc.d.calls
exit 101
POLICY
chmod 0755 "$r/usr/sbin/policy-rc.d"
: >"$r/var/log/policy-rc.d.calls"

in_root() { chroot "$r" "$@"; }
dpkg_in_root() { in_root env DEBIAN_FRONTEND=noninteractive dpkg "$@" </dev/null >>"$work/dpkg.log" 2>&1; }
status() { in_root dpkg-query -W -f='${Status}' "$1" 2>/dev/null; }
forgotten() { case "$(status "$1")" in "" | "unknown ok not-installed") ;; *) return 1 ;; esac; }
version() { in_root dpkg-query -W -f='${Version}' "$1" 2>/dev/null; }
# The requests for NAME's service since the last look, as "ACTION;" each.
requests() {
  local calls=$r/var/log/policy-rc.d.calls
  # invoke-rc.d writes "(start)" where the runlevel's links would not start the service;
  # this root has no runlevel.
  sed 's/^--quiet //; s/[()]//g' "$calls" | awk -v name="$1" '$1 == name {printf "%s;", $2}'
}
forget_requests() { : >"$r/var/log/policy-rc.d.calls"; }
# The conffiles dpkg recorded for the packages, one line.
conffiles() {
  for package in "$@"; do in_root dpkg-query -W -f='${Conffiles}\n' "$package"; done \
    | awk 'NF {print $1}' | sort | tr '\n' ' '
}
enabled_in_systemd() { [ -L "$r/etc/systemd/system/multi-user.target.wants/$1.service" ]; }
sysv_start_link() { compgen -G "$r/etc/rc2.d/S[0-9][0-9]$1" >/dev/null; }
sysv_stop_link() { compgen -G "$r/etc/rc2.d/K[0-9][0-9]$1" >/dev/null; }

# The root starts from this machine's packages: those the checks install go first.
dpkg_in_root -P --force-depends ldirectord ipvsadm lvsadmd lvsadm needs-ipvsadm
expect "the root starts without ldirectord, ipvsadm or lvsadm" \
  'forgotten ldirectord && forgotten ipvsadm && forgotten lvsadm && forgotten lvsadmd'

# --- A director running Debian's ipvsadm moves to lvsadm.
new_lvsadm=$(ls "$r"/debs/lvsadm_*_amd64.deb)
new_lvsadmd=$(ls "$r"/debs/lvsadmd_*_amd64.deb)
dpkg_in_root -i /debs/ipvsadm.deb
expect "Debian's ipvsadm installs in the root" '[ "$(status ipvsadm)" = "install ok installed" ]'
forget_requests
dpkg_in_root -i /debs/lvsadm-older.deb /debs/lvsadmd-older.deb
expect "lvsadm and lvsadmd install, taking ipvsadm's place (removed, its conffiles kept)" \
  '[ "$(status lvsadm)" = "install ok installed" ] && [ "$(status lvsadmd)" = "install ok installed" ] &&
   [[ $(status ipvsadm) == *" ok config-files" ]]'
expect "ipvsadm, ipvsadm-save and ipvsadm-restore are still lvsadm's after ipvsadm's removal" \
  '[ "$(readlink "$r/sbin/ipvsadm")" = /usr/sbin/lvsadm ] &&
   [ "$(readlink "$r/sbin/ipvsadm-save")" = /usr/sbin/lvsadm ] &&
   [ "$(readlink "$r/sbin/ipvsadm-restore")" = /usr/sbin/lvsadm ]'
expect "the installed binary runs under both names (/sbin/ipvsadm -v, lvsadm -v)" \
  '[ "$(in_root /sbin/ipvsadm -v)" = "ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)" ] &&
   [ "$(in_root lvsadm -v)" = "lvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)" ]'

# A package that depends on ipvsadm, as ldirectord does, is satisfied by lvsadm.
mkdir -p "$work/needs/DEBIAN"
printf '%s\n' 'Package: needs-ipvsadm' 'Version: 1' 'Architecture: all' \
  'Maintainer: test <test@localhost>' 'Depends: ipvsadm (>= 1:1.26)' 'Description: test' \
  ' needs ipvsadm' >"$work/needs/DEBIAN/control"
dpkg-deb --root-owner-group --build "$work/needs" "$r/debs/needs-ipvsadm.deb" >/dev/null
dpkg_in_root -i /debs/needs-ipvsadm.deb
expect "a package depending on ipvsadm (>= 1:1.26) installs beside lvsadm" \
  '[ "$(status needs-ipvsadm)" = "install ok installed" ]'
dpkg_in_root -P needs-ipvsadm

# --- What the first installation leaves.
expect "binaries, names, man pages, completions, units and boot scripts are in place" \
  '[ -x "$r/usr/sbin/lvsadm" ] && [ -x "$r/usr/sbin/lvsadmd" ] && [ -L "$r/usr/sbin/lvsadm-save" ] &&
   [ -x "$r/usr/libexec/lvsadm/lvsadm-boot" ] && [ -x "$r/etc/init.d/lvsadm" ] && [ -x "$r/etc/init.d/lvsadmd" ] &&
   [ -f "$r/lib/systemd/system/lvsadm.service" ] && [ -f "$r/lib/systemd/system/lvsadmd.service" ] &&
   [ -f "$r/usr/share/man/man8/lvsadm.8.gz" ] && [ -f "$r/usr/share/man/man8/lvsadmd.8.gz" ] &&
   [ -f "$r/usr/share/man/man8/ipvsadm.8.gz" ] && [ -f "$r/usr/share/bash-completion/completions/ipvsadm" ] &&
   [ -f "$r/usr/share/doc/lvsadm/copyright" ] && [ -f "$r/usr/share/doc/lvsadmd/changelog.Debian.gz" ]'
expect "lvsadmd brings the glue for two directors: notify hook, keepalived drop-in, examples" \
  '[ -x "$r/usr/libexec/lvsadm/vrrp-notify" ] && [ -f "$r/lib/systemd/system/keepalived.service.d/lvsadmd.conf" ] &&
   [ -f "$r/usr/share/doc/lvsadmd/examples/keepalived.conf" ] && [ -f "$r/usr/share/doc/lvsadmd/examples/lvsadmd.conf" ]'
expect "dpkg lists the files under /etc, and only those, as conffiles" \
  '[ "$(conffiles lvsadm lvsadmd)" = "/etc/default/lvsadm /etc/default/lvsadmd /etc/init.d/lvsadm /etc/init.d/lvsadmd " ]'
expect "lvsadm is enabled (SysV start links, systemd wants link) and started once" \
  'sysv_start_link lvsadm && enabled_in_systemd lvsadm && [ "$(requests lvsadm)" = "start;" ]'
expect "lvsadmd, which has no configuration yet, is neither enabled nor started" \
  '! sysv_start_link lvsadmd && sysv_stop_link lvsadmd && ! enabled_in_systemd lvsadmd &&
   [ -z "$(requests lvsadmd)" ]'
forget_requests
expect "/etc/init.d/lvsadm stop succeeds when nothing runs (else removal fails on SysV)" \
  'in_root /etc/init.d/lvsadm stop >/dev/null 2>&1'
expect "/etc/init.d/lvsadmd stop succeeds when lvsadmd does not run (else removal fails on SysV)" \
  'in_root /etc/init.d/lvsadmd stop >/dev/null 2>&1'

# --- The administrator edits lvsadm's defaults and enables lvsadmd; then the upgrade.
echo 'SAVE_ON_STOP="true"  # the administrator' >>"$r/etc/default/lvsadm"
# shellcheck disable=SC2034 # read by the checks, which expect evaluates
edited=$(cat "$r/etc/default/lvsadm")
in_root update-rc.d lvsadmd enable >/dev/null 2>&1
in_root deb-systemd-helper enable lvsadmd.service >/dev/null 2>&1
expect "lvsadmd is enabled by the administrator" 'sysv_start_link lvsadmd && enabled_in_systemd lvsadmd'
dpkg_in_root -i "${new_lvsadm#"$r"}" "${new_lvsadmd#"$r"}"
expect "the upgrade to the new version completes without a question" \
  '[ "$(status lvsadm)" = "install ok installed" ] && [ "$(status lvsadmd)" = "install ok installed" ] &&
   [[ $(version lvsadm) != *~older ]] && [[ $(version lvsadmd) != *~older ]]'
expect "the administrator's /etc/default/lvsadm is kept" '[ "$(cat "$r/etc/default/lvsadm")" = "$edited" ]'
expect "the untouched /etc/default/lvsadmd becomes the new version's" \
  '! grep -q "as the older version shipped it" "$r/etc/default/lvsadmd" && [ -s "$r/etc/default/lvsadmd" ]'
expect "the upgrade neither stops nor restarts lvsadm (a restart would clear the table)" \
  '[ -z "$(requests lvsadm)" ]'
expect "both stay enabled as they were" \
  'sysv_start_link lvsadm && enabled_in_systemd lvsadm && sysv_start_link lvsadmd && enabled_in_systemd lvsadmd'

# --- Removal.
mkdir -p "$r/var/lib/lvsadmd" && echo state >"$r/var/lib/lvsadmd/state"
forget_requests
dpkg_in_root -r lvsadmd lvsadm
expect "removal stops both services" '[ "$(requests lvsadm)" = "stop;" ] && [ "$(requests lvsadmd)" = "stop;" ]'
expect "removal takes the programs, units and man pages" \
  '[ ! -e "$r/usr/sbin/lvsadm" ] && [ ! -L "$r/sbin/ipvsadm" ] && [ ! -e "$r/usr/sbin/lvsadmd" ] &&
   [ ! -e "$r/lib/systemd/system/lvsadm.service" ] && [ ! -e "$r/usr/share/man/man8/lvsadm.8.gz" ] &&
   [ ! -e "$r/usr/libexec/lvsadm" ] && [ ! -e "$r/lib/systemd/system/keepalived.service.d" ]'
expect "removal keeps the conffiles, the edited one as edited, the init scripts no longer executable" \
  '[ "$(cat "$r/etc/default/lvsadm")" = "$edited" ] && [ -f "$r/etc/default/lvsadmd" ] &&
   [ -f "$r/etc/init.d/lvsadm" ] && [ ! -x "$r/etc/init.d/lvsadm" ] && [ ! -x "$r/etc/init.d/lvsadmd" ] &&
   [ "$(status lvsadm)" = "deinstall ok config-files" ]'

# --- Purge.
dpkg_in_root -P lvsadmd lvsadm
expect "purge takes the conffiles, the SysV links, the systemd links and lvsadmd's state" \
  '[ ! -e "$r/etc/default/lvsadm" ] && [ ! -e "$r/etc/init.d/lvsadm" ] && [ ! -e "$r/etc/default/lvsadmd" ] &&
   ! compgen -G "$r/etc/rc?.d/[SK][0-9][0-9]lvsadm*" >/dev/null &&
   [ ! -L "$r/etc/systemd/system/multi-user.target.wants/lvsadm.service" ] &&
   [ ! -L "$r/etc/systemd/system/multi-user.target.wants/lvsadmd.service" ] && [ ! -e "$r/var/lib/lvsadmd" ]'
expect "dpkg no longer knows either package" 'forgotten lvsadm && forgotten lvsadmd'

# --- The same life where systemd runs (its directory in /run is what the scripts and
# the helpers look for): deb-systemd-invoke asks policy-rc.d too, as "NAME.service
# ACTION". invoke-rc.d asks it before it skips a service that has a unit of its own
# (--skip-systemd-native), so its requests, which a real systemd would skip, are not
# looked at here.
mkdir -p "$r/run/systemd/system"
forget_requests
dpkg_in_root -i /debs/lvsadm-older.deb /debs/lvsadmd-older.deb
expect "under systemd, installation starts lvsadm.service and not lvsadmd.service" \
  '[ "$(requests lvsadm.service)" = "start;" ] && [ -z "$(requests lvsadmd.service)" ] &&
   [ "$(status lvsadm)" = "install ok installed" ] && [ "$(status lvsadmd)" = "install ok installed" ]'
in_root deb-systemd-helper enable lvsadmd.service >/dev/null 2>&1
forget_requests
dpkg_in_root -i "${new_lvsadm#"$r"}" "${new_lvsadmd#"$r"}"
expect "under systemd, the upgrade restarts lvsadmd only if it runs and only starts lvsadm (a no-op when active)" \
  '[ "$(requests lvsadmd.service)" = "try-restart;" ] && [ "$(requests lvsadm.service)" = "start;" ]'
forget_requests
dpkg_in_root -P lvsadmd lvsadm
expect "under systemd, removal stops both units, and purge forgets both packages" \
  '[ "$(requests lvsadm.service)" = "stop;" ] && [ "$(requests lvsadmd.service)" = "stop;" ] &&
   forgotten lvsadm && forgotten lvsadmd'

if [ "$failed" -gt 0 ]; then echo "--- dpkg's output"; cat "$work/dpkg.log"; fi
echo "package: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
