#!/bin/sh
# One "boot" of a director inside the micro-VM, then its "shutdown", through the installed
# boot script (/etc/init.d/lvsadm). Phase 1 starts from the rules in /etc/lvsadm.rules,
# checks the table and the sync daemon, adds a real server and shuts down, which saves the
# table. Phase 2 boots from that saved file and checks the change is back.
# usage: boot.sh 1|2   (prints "ok"/"FAIL" lines; phase 1 ends by printing the saved rules)
set -u
phase=$1
. "$(dirname "$0")/../lib/check.sh"
check() { # check NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then ok "$1"; else fail "$1" "$(printf '\n  expected: %s\n  actual:   %s' "$2" "$3")"; fi
}
ip link set dummy0 up
ip addr add 10.7.0.1/24 dev dummy0
mkdir -p /etc/default
cat >/etc/default/lvsadm <<'CONF'
AUTO="true"
DAEMON="master"
IFACE="dummy0"
SYNCID="7"
SAVE_ON_STOP="true"
CONF

/etc/init.d/lvsadm start
check "phase $phase: start exits 0" 0 $?
state=$(lvsadm -S -n | tr '\n' ';')
if [ "$phase" = 1 ]; then
  check "boot restores the rules file" "-A -t 10.0.0.1:80 -s rr;-a -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 1;" "$state"
else
  check "second boot restores the saved change" \
    "-A -t 10.0.0.1:80 -s rr;-a -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 1;-a -t 10.0.0.1:80 -r 10.0.1.2:80 -m -w 3 -x 100;" "$state"
fi
sleep 1  # let the sync thread run before it is stopped
check "phase $phase: master daemon started as configured" \
  "master sync daemon (mcast=dummy0, syncid=7" "$(lvsadm -L --daemon | cut -d, -f1-2)"

# lvsadmd through its SysV init script and Debian's start-stop-daemon, on a service of its
# own (no check: its real servers are always up). It leaves its table at stop, which the
# saved rules below must not hold, so that service goes before the lvsadm stop.
lvsadmd_checks() {
  mkdir -p /var/lib /var/log
  printf '%s\n' '-A -t 10.0.0.3:80 -s rr' '-a -t 10.0.0.3:80 -r 10.0.1.3:80 -m -w 2' >/etc/lvsadmd.conf
  svc() { lvsadm -S -n | grep -F ' -t 10.0.0.3:80 ' | tr '\n' ';'; }
  # eventually EXPECTED: waits (30 s at most: emulation is slow) for the service to be it.
  eventually() {
    _i=0
    while [ "$(svc)" != "$1" ] && [ $_i -lt 120 ]; do sleep 0.25; _i=$((_i + 1)); done
    svc
  }
  /etc/init.d/lvsadmd start
  check "lvsadmd: start exits 0" 0 $?
  check "lvsadmd: start puts the configured service in the table" \
    "-A -t 10.0.0.3:80 -s rr;-a -t 10.0.0.3:80 -r 10.0.1.3:80 -m -w 2;" \
    "$(eventually "-A -t 10.0.0.3:80 -s rr;-a -t 10.0.0.3:80 -r 10.0.1.3:80 -m -w 2;")"
  check "lvsadmd: status says it runs" "0 lvsadmd is running" "$(out=$(/etc/init.d/lvsadmd status); echo "$? $out")"
  pid=$(cat /run/lvsadmd.pid)
  check "lvsadmd: a second start keeps the running one" "0 $pid" "$(/etc/init.d/lvsadmd start >/dev/null; echo "$? $(cat /run/lvsadmd.pid)")"
  echo '-a -t 10.0.0.3:80 -r 10.0.1.4:80 -m -w 1' >>/etc/lvsadmd.conf
  /etc/init.d/lvsadmd reload
  check "lvsadmd: reload exits 0" 0 $?
  check "lvsadmd: reload adds the new real server" \
    "-A -t 10.0.0.3:80 -s rr;-a -t 10.0.0.3:80 -r 10.0.1.3:80 -m -w 2;-a -t 10.0.0.3:80 -r 10.0.1.4:80 -m -w 1;" \
    "$(eventually "-A -t 10.0.0.3:80 -s rr;-a -t 10.0.0.3:80 -r 10.0.1.3:80 -m -w 2;-a -t 10.0.0.3:80 -r 10.0.1.4:80 -m -w 1;")"
  before=$(svc)
  echo 'bogus' >>/etc/lvsadmd.conf
  msg=$(/etc/init.d/lvsadmd reload 2>&1)
  rc=$?
  check "lvsadmd: reload of a bad file exits non-zero and names its line" "yes" \
    "$([ $rc -ne 0 ] && echo "$msg" | grep -q '/etc/lvsadmd.conf:4:' && echo yes || echo "no ($rc: $msg)")"
  sleep 1
  check "lvsadmd: and the daemon runs on with the table as it was" "$pid $before" "$(cat /run/lvsadmd.pid) $(svc)"
  sed -i '$d' /etc/lvsadmd.conf
  /etc/init.d/lvsadmd stop
  check "lvsadmd: stop exits 0" 0 $?
  # start-stop-daemon returns once the process no longer runs lvsadmd (its /proc exe link
  # is gone, early in the kernel's exit); the rest of the exit follows. Gone, or a zombie:
  # the VM's first process, which inherits it, need not reap it, and may at any moment,
  # so the state comes from one read of /proc/PID/stat (none: gone).
  lvsadmd_state() {
    _stat=$(cat /proc/$pid/stat 2>/dev/null) || { echo gone; return; }
    case $_stat in
      *") Z "*) echo gone ;;
      *) set -- ${_stat#*) } && echo "running: state $1 in $(cat /proc/$pid/wchan 2>/dev/null)" ;;
    esac
  }
  _i=0
  while [ "$(lvsadmd_state)" != gone ] && [ $_i -lt 20 ]; do sleep 0.25; _i=$((_i + 1)); done
  check "lvsadmd: the process is gone" gone "$(lvsadmd_state)"
  check "lvsadmd: status says it does not run, status 3" "3 lvsadmd is not running" "$(out=$(/etc/init.d/lvsadmd status); echo "$? $out")"
  check "lvsadmd: stop leaves its table" "$before" "$(svc)"
  check "lvsadmd: its log holds its start" yes "$(grep -q . /var/log/lvsadmd.log && echo yes || echo no)"
  /etc/init.d/lvsadmd stop
  check "lvsadmd: stop when stopped exits 0" 0 $?
  lvsadm -D -t 10.0.0.3:80
}

if [ "$phase" = 1 ]; then
  lvsadmd_checks
  lvsadm -a -t 10.0.0.1:80 -r 10.0.1.2:80 -m -w 3 -x 100
  /etc/init.d/lvsadm stop
  check "stop exits 0" 0 $?
  check "stop stops the daemon" "" "$(lvsadm -L --daemon)"
  check "stop clears the table (AUTO)" "" "$(lvsadm -S -n)"
  check "stop saved the table" 3 "$(grep -c '^-' /etc/lvsadm.rules)"
  echo "--- saved rules"
  cat /etc/lvsadm.rules
  echo "--- end"
else
  /etc/init.d/lvsadm reload
  check "reload keeps the table" "$state" "$(lvsadm -S -n | tr '\n' ';')"
  # reload applies the difference: an edited weight changes in place (the servers keep
  # their kernel order, which a delete and re-add would turn round), and a rules file with
  # a failing line leaves the table as it was.
  order=$(lvsadm -L -n --nosort | awk '$1 == "->" && $2 ~ /^10/ {printf "%s ", $2}')
  cp /etc/lvsadm.rules /tmp/rules.saved
  sed -i 's/-r 10.0.1.1:80 -m -w 1/-r 10.0.1.1:80 -m -w 4/' /etc/lvsadm.rules
  /etc/init.d/lvsadm reload
  check "reload exits 0" 0 $?
  check "reload edits a changed weight" "4" "$(lvsadm -S -n | grep 10.0.1.1 | sed 's/.*-w //')"
  check "reload edits in place (kernel order kept)" "$order" \
    "$(lvsadm -L -n --nosort | awk '$1 == "->" && $2 ~ /^10/ {printf "%s ", $2}')"
  before=$(lvsadm -S -n | tr '\n' ';')
  printf '%s\n' '-A -t 10.0.0.2:80 -s rr' '-A -t 10.0.0.3:80 -s nosuch' >>/etc/lvsadm.rules
  /etc/init.d/lvsadm reload 2>/dev/null
  rc=$?
  check "reload with a failing line exits non-zero" yes "$([ $rc -ne 0 ] && echo yes || echo "no ($rc)")"
  check "reload with a failing line leaves the table as it was" "$before" "$(lvsadm -S -n | tr '\n' ';')"
  cp /tmp/rules.saved /etc/lvsadm.rules
  /etc/init.d/lvsadm reload
  check "reload of the first rules brings them back" "$state" "$(lvsadm -S -n | tr '\n' ';')"
  # DRAIN: the reload drains what the rules file removes (apply --drain); a value that
  # is not a number of seconds is refused before anything is written.
  printf '#!/bin/sh\necho "$*" >>/tmp/lvsadm-args\nexec lvsadm "$@"\n' >/tmp/lvsadm-logged
  chmod +x /tmp/lvsadm-logged
  lvsadm -a -t 10.0.0.1:80 -r 10.0.1.9:80 -m
  echo 'DRAIN="2"' >>/etc/default/lvsadm
  LVSADM=/tmp/lvsadm-logged /etc/init.d/lvsadm reload
  check "reload with DRAIN exits 0" 0 $?
  check "reload with DRAIN runs apply --drain" "apply --drain 2 /etc/lvsadm.rules" "$(grep '^apply' /tmp/lvsadm-args)"
  check "reload with DRAIN removes the real server the file does not have" "$state" "$(lvsadm -S -n | tr '\n' ';')"
  lvsadm -a -t 10.0.0.1:80 -r 10.0.1.9:80 -m
  before=$(lvsadm -S -n | tr '\n' ';')
  echo 'DRAIN="soon"' >>/etc/default/lvsadm
  msg=$(/etc/init.d/lvsadm reload 2>&1)
  rc=$?
  check "reload with DRAIN=soon exits non-zero and names it" "yes: lvsadm: DRAIN=soon in /etc/default/lvsadm is not a whole number of seconds" \
    "$([ $rc -ne 0 ] && echo yes || echo "no ($rc)"): $msg"
  check "reload with DRAIN=soon leaves the table as it was" "$before" "$(lvsadm -S -n | tr '\n' ';')"
  sed -i '/^DRAIN=/d' /etc/default/lvsadm
  lvsadm -d -t 10.0.0.1:80 -r 10.0.1.9:80
  check "status lists the table" 6 "$(/etc/init.d/lvsadm status | wc -l)"
  check "rate shows the rate listing" "Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS" \
    "$(/etc/init.d/lvsadm rate | sed -n 2p)"
  lvsadm -D -t 10.0.0.1:80
  /etc/init.d/lvsadm load
  check "load brings the rules file back" "$state" "$(lvsadm -S -n | tr '\n' ';')"
  lvsadm -e -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 9
  /etc/init.d/lvsadm save >/dev/null
  /etc/init.d/lvsadm restart
  check "save then restart keeps the change" "9" "$(lvsadm -S -n | grep 10.0.1.1 | sed 's/.*-w //')"
  check "restart leaves the master daemon running" "master sync daemon (mcast=dummy0, syncid=7" \
    "$(lvsadm -L --daemon | cut -d, -f1-2)"
  state=$(lvsadm -S -n | tr '\n' ';')
  # The save and restore names of the installed binary.
  check "lvsadm-save -n is lvsadm -S -n" "$state" "$(lvsadm-save -n | tr '\n' ';')"
  lvsadm -A -u 10.0.0.9:53
  printf '# comment\n-A -t 10.0.0.5:80 -s sh\n' | lvsadm-restore
  check "lvsadm-restore clears, skips comments, restores" "-A -t 10.0.0.5:80 -s sh;" "$(lvsadm -S -n | tr '\n' ';')"
fi
echo "director-boot-$phase: $passed passed, $failed failed"
