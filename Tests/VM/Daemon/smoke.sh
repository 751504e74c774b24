#!/bin/sh
# lvsadmd against the real kernel (run inside the micro-VM, lvsadmd on PATH, the reference
# ipvsadm as the oracle): it keeps the table it finds and writes nothing, repairs a real
# server deleted by hand, drains through the control socket, reloads on SIGHUP, leaves
# the table at SIGTERM, and keeps the drain across a restart through its state file.
# No probe is needed: the servers have no check, so they are always up.
#   Scripts/vm run --add BIN/lvsadmd:/usr/local/bin/lvsadmd --add Tests/VM/Daemon:/suites/Daemon \
#     --add Tests/VM/lib:/suites/lib -- sh /suites/Daemon/smoke.sh
set -u
. "$(dirname "$0")/../lib/check.sh"
. "$(dirname "$0")/commands.sh"
table() { ipvsadm -S -n; }
has() { table | grep -qxF -- "$1"; }
lacks() { ! has "$1"; }
logged() { grep -qF -- "$1" /tmp/lvsadmd.log; }
socket=/tmp/lvsadmd.sock
ctl() { lvsadmd --socket "$socket" ctl "$@"; }
start() {
  : >/tmp/lvsadmd.log
  lvsadmd --config /tmp/lvsadmd.conf --state-file /tmp/lib/state --socket "$socket" \
    --drift-interval 1 2>/tmp/lvsadmd.log &
  pid=$!
  eventually ctl status >/dev/null 2>&1
}

ipvsadm -A -t 10.0.0.100:80 -s wlc
ipvsadm -a -t 10.0.0.100:80 -r 10.0.0.11:80 -m -w 2
ipvsadm -a -t 10.0.0.100:80 -r 10.0.0.12:80 -m -w 1
# Not in the configuration: lvsadmd must never touch it.
ipvsadm -A -t 10.0.0.200:80 -s rr
ipvsadm -a -t 10.0.0.200:80 -r 10.0.0.21:80 -m -w 5
cat >/tmp/lvsadmd.conf <<'CONF'
-A -t 10.0.0.100:80 -s wlc
-a -t 10.0.0.100:80 -r 10.0.0.11:80 -m -w 2
-a -t 10.0.0.100:80 -r 10.0.0.12:80 -m -w 1
CONF
table >/tmp/found

check "check-config accepts the file" lvsadmd --config /tmp/lvsadmd.conf --check-config
start
check "starts and answers on the control socket" ctl status
check "keeps the found table" sh -c 'ipvsadm -S -n | cmp -s - /tmp/found'
check "writes nothing at start" sh -c '! grep -q "table:" /tmp/lvsadmd.log'

ipvsadm -d -t 10.0.0.100:80 -r 10.0.0.12:80
check "repairs a real server deleted by hand" eventually has "-a -t 10.0.0.100:80 -r 10.0.0.12:80 -m -w 1"
check "logs the repair" logged "repaired drift: -a -t 10.0.0.100:80 -r 10.0.0.12:80 -m -w 1"
ipvsadm -e -t 10.0.0.200:80 -r 10.0.0.21:80 -m -w 7
sleep 3
check "leaves an unmanaged service as edited" has "-a -t 10.0.0.200:80 -r 10.0.0.21:80 -m -w 7"

check "maintenance on through ctl" ctl maintenance on 10.0.0.11
check "drains to weight 0" has "-a -t 10.0.0.100:80 -r 10.0.0.11:80 -m -w 0"
check "refuses a server it does not manage" sh -c "! lvsadmd --socket $socket ctl maintenance on 10.0.0.77 2>/dev/null"

cat >>/tmp/lvsadmd.conf <<'CONF'
-A -t 10.0.0.100:25 -s rr
-a -t 10.0.0.100:25 -r 10.0.0.31:25 -m
CONF
kill -HUP "$pid"
check "SIGHUP adds the new service" eventually has "-a -t 10.0.0.100:25 -r 10.0.0.31:25 -m -w 1"
echo "bogus" >>/tmp/lvsadmd.conf
check "a reload with an error is refused" sh -c "! lvsadmd --socket $socket ctl reload >/dev/null 2>&1"
check "and logged with its line" logged "/tmp/lvsadmd.conf:6: unknown line 'bogus'"
sed -i '$d' /tmp/lvsadmd.conf

table >/tmp/before-stop
kill -TERM "$pid"
wait "$pid"
status=$?
check "SIGTERM stops with status 0" [ "$status" -eq 0 ]
check "stop leaves the table" sh -c 'ipvsadm -S -n | cmp -s - /tmp/before-stop'
check "the control socket is gone" [ ! -e "$socket" ]
check "the state file holds the drain" grep -qx "maintenance host 10.0.0.11" /tmp/lib/state

start
check "a restart writes nothing" sh -c '! grep -q "table:" /tmp/lvsadmd.log'
check "and keeps the drain" sh -c "lvsadmd --socket $socket ctl status | grep -q '10.0.0.11:80 .*maintenance'"
kill -TERM "$pid"
wait "$pid"

verdict daemon-smoke
