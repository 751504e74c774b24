#!/bin/sh
# The health-check benchmark inside the micro-VM (Scripts/bench-health boots it): many
# real servers checked every second by Debian's keepalived (`keepalived --check`), and by
# lvsadmd when the VM has it, each measured the same way:
#   CPU per 1,000 checks   utime+stime of all the daemon's processes (/proc/PID/stat)
#                          over a window, divided by the checks the servers saw in it
#   peak RSS               VmHWM of each process (/proc/PID/status), summed
#   detection latency      one real server's listener killed: the time until the table
#                          shows its weight 0; then restarted: the time until it is back
#
#   reload                 lvsadmd's user and system CPU for `lvsadmd ctl reload` of a
#                          file of RELOAD_SERVICES services x 10 real servers: unchanged,
#                          with a comment added, and with one weight changed; and what
#                          each wrote to the table (nothing, nothing, one server)
#
#   connect paths          lvsadmd measured twice, its connect checks on its NIO event
#                          loop, then on its connect reactor (LVSADMD_CONNECT_CHECKS), and
#                          the ratio of their CPU per 1,000 checks
#
#   usage: health.sh TCP_SERVERS HTTP_SERVERS SECONDS RELOAD_SERVICES
#            [all|checks|lvsadmd|reload|connect-paths]
#
# Network: the daemon runs in namespace dir; every real server is an address of namespace
# rs, reached through one veth. rs routes 10.1.0.0/16 (TCP servers, port 80), 10.2.0.0/16
# (HTTP servers, port 8080) and 10.3.0.0/16 (the victim, port 81) to itself, so one
# listener process (/usr/local/bin/listener, Tests/VM/Bench/listener.c) serves them all
# and counts the connections; the victim has a listener of its own, to be killed alone.
set -u
tcp=${1:?TCP_SERVERS}
http=${2:?HTTP_SERVERS}
window=${3:?SECONDS}
reload_services=${4:?RELOAD_SERVICES}
part=${5:-all}
work=/tmp/bench-health
per_service=100 # real servers per virtual service
victim=10.3.0.1
victim_vip=10.0.1.1

setup() {
  rm -rf "$work" && mkdir -p "$work"
  ip netns add dir && ip netns add rs
  ip -n dir link set lo up && ip -n rs link set lo up
  ip link add veth-dir netns dir type veth peer name veth-rs netns rs
  ip -n dir addr add 192.168.20.1/24 dev veth-dir && ip -n dir link set veth-dir up
  ip -n rs addr add 192.168.20.2/24 dev veth-rs && ip -n rs link set veth-rs up
  for range in 10.1.0.0/16 10.2.0.0/16 10.3.0.0/16; do
    ip -n rs route add local $range dev lo
    ip -n dir route add $range via 192.168.20.2
  done
  # A check is a connection: the defaults (128 pending, 1024 files) are far too few.
  for ns in dir rs; do
    ip netns exec "$ns" sh -c 'echo 65535 >/proc/sys/net/core/somaxconn
      echo 65535 >/proc/sys/net/ipv4/tcp_max_syn_backlog
      echo "1024 65535" >/proc/sys/net/ipv4/ip_local_port_range
      echo 1 >/proc/sys/net/ipv4/tcp_tw_reuse'
  done
  ip netns exec rs listener "$work/counts" 80 8080 &
  listener_pid=$!
  start_victim
}

start_victim() {
  ip netns exec rs listener "$work/victim.counts" 81 &
  victim_pid=$!
}

# addr BASE I: the I-th address (from 0) of a range, avoiding .0 and .255.
addr() { echo "$1.$(($2 / 250)).$(($2 % 250 + 1))"; }

# The real servers, one "VIP PORT RIP RPORT CHECK" line each; the victim is the first
# TCP server of the first TCP service.
servers() {
  awk -v tcp="$tcp" -v http="$http" -v per="$per_service" -v victim="$victim" 'BEGIN {
    for (i = 0; i < tcp; i++) {
      rip = (i == 0) ? victim " 81" : sprintf("10.1.%d.%d 80", int(i / 250), i % 250 + 1)
      printf "10.0.1.%d 80 %s tcp\n", int(i / per) + 1, rip
    }
    for (i = 0; i < http; i++)
      printf "10.0.2.%d 8080 10.2.%d.%d 8080 http\n", int(i / per) + 1, int(i / 250), i % 250 + 1
  }'
}

# keepalived.conf for the servers: every second a TCP connect (10 s timeout) or an HTTP
# GET /check expecting 200; a failed check sets the weight to 0 at once (no retry), as
# ldirectord's quiescent=yes with failurecount=1 does.
keepalived_conf() {
  servers | awk '
    $1 != vip || $2 != vport {
      if (vip != "") print "}"
      vip = $1; vport = $2
      print "virtual_server " vip " " vport " {\n  delay_loop 1\n  lb_algo wrr\n  lb_kind NAT\n  protocol TCP"
    }
    {
      print "  real_server " $3 " " $4 " {\n    weight 1\n    inhibit_on_failure"
      if ($5 == "tcp") print "    TCP_CHECK {\n      connect_timeout 10\n      retry 0\n    }"
      else print "    HTTP_GET {\n      url {\n        path /check\n        status_code 200\n      }\n      connect_timeout 10\n      retry 0\n    }"
      print "  }"
    }
    END { if (vip != "") print "}" }'
}

# The same servers and checks in lvsadmd's own format (Docs/lvsadmd-config.md): a
# failure or a pass decides at once (keepalived's retry 0, no alpha: up at start).
lvsadmd_conf() {
  echo "defaults interval=1s timeout=10s rise=1 fall=1 initial=up"
  servers | awk '
    $1 != vip || $2 != vport {
      vip = $1; vport = $2
      print "-A -t " vip ":" vport " -s wrr"
      if ($5 == "tcp") print "check -t " vip ":" vport " connect"
      else print "check -t " vip ":" vport " http path=/check status=200"
    }
    { print "-a -t " vip ":" vport " -r " $3 ":" $4 " -m -w 1" }'
}

# ---- measurements -------------------------------------------------------------------

now_cs() { cut -d' ' -f1 /proc/uptime | tr -d .; }
seconds() { printf '%d.%02d' $(($1 / 100)) $(($1 % 100)); }

# cpu_ticks PID...: utime+stime of the processes, in clock ticks (100 a second).
cpu_ticks() {
  for _p in "$@"; do cut -d' ' -f14,15 "/proc/$_p/stat"; done | awk '{t += $1 + $2} END {print t + 0}'
}
# hwm_kb PID...: the sum of their peak resident sizes.
hwm_kb() {
  for _p in "$@"; do awk '$1 == "VmHWM:" {print $2}' "/proc/$_p/status"; done | awk '{t += $1} END {print t + 0}'
}
# checks: connections the servers have accepted so far.
checks() { awk '{t += $2} END {print t + 0}' "$work/counts"; }
# real_servers: how many real servers the table holds; weight0: how many at weight 0.
real_servers() { ip netns exec dir ipvsadm -L -n | grep -c -- '->.*Masq'; }
weight0() { ip netns exec dir ipvsadm -L -n | awk '$1 == "->" && $3 == "Masq" && $4 == 0' | wc -l; }
# victim_weight: the victim's weight in its service, or "none".
victim_weight() {
  _w=$(ip netns exec dir ipvsadm -L -n -t "$victim_vip:80" | awk -v v="$victim:81" '$2 == v {print $4}')
  echo "${_w:-none}"
}

# wait_until SECONDS COMMAND...: polls every 0.1 s; fails after SECONDS.
wait_until() {
  _limit=$(($(now_cs) + $1 * 100)); shift
  until "$@"; do
    [ "$(now_cs)" -ge "$_limit" ] && return 1
    sleep 0.1
  done
}
table_full() { [ "$(real_servers)" -ge $((tcp + http)) ]; }
victim_down() { [ "$(victim_weight)" = 0 ]; }
victim_up() { [ "$(victim_weight)" = 1 ]; }

# first_round: the servers have seen as many checks since the daemon started as there
# are real servers (started_checks: the count then).
first_round() { [ $(($(checks) - started_checks)) -ge $((tcp + http)) ]; }
round_or_gone() { first_round || gone "$@"; }
# gone PID...: one of the processes has ended (a zombie too: the shell has not waited for
# its own children yet).
gone() {
  for _p in "$@"; do
    [ "$(cut -d' ' -f3 "/proc/$_p/stat" 2>/dev/null)" = Z ] || kill -0 "$_p" 2>/dev/null || return 0
  done
  return 1
}

# measure NAME PIDS: the window and the victim, with the daemon running as PIDS (started
# at started_cs, when the servers had seen started_checks); prints the figures and keeps
# them as NAME.cpu (ms per 1,000 checks), NAME.rss and NAME.detect.
measure() {
  _name=$1; shift
  if ! wait_until 600 table_full; then
    echo "$_name: the table never held all $((tcp + http)) real servers ($(real_servers))"
    return 1
  fi
  echo "$_name: every real server in the table $(seconds $(($(now_cs) - started_cs))) s after start"
  # The window starts once the daemon checks at its pace: a round as many checks as
  # servers done (a daemon slow to start checking is not measured idle), then 5 s more.
  if ! wait_until 600 round_or_gone "$@" || gone "$@"; then
    echo "$_name: $(($(checks) - started_checks)) checks $(seconds $(($(now_cs) - started_cs))) s after start, for $((tcp + http)) real servers$(gone "$@" && echo '; the daemon has exited')"
    return 1
  fi
  echo "$_name: a round of checks done $(seconds $(($(now_cs) - started_cs))) s after start"
  sleep 5
  _c1=$(checks); _t1=$(cpu_ticks "$@"); _l1=$(cpu_ticks "$listener_pid"); _w1=$(now_cs)
  sleep "$window"
  _c2=$(checks); _t2=$(cpu_ticks "$@"); _l2=$(cpu_ticks "$listener_pid"); _w2=$(now_cs)
  _checks=$((_c2 - _c1)); _cpu_ms=$(((_t2 - _t1) * 10)); _wall=$((_w2 - _w1))
  echo "$_name: $_checks checks in $(seconds "$_wall") s ($((_checks * 100 / _wall)) a second; the servers ask for $((tcp + http)))"
  # Every server answers: a server at weight 0 is a check that did not finish in time,
  # i.e. a daemon that cannot keep up.
  echo "$_name: $(weight0) real servers at weight 0 at the end of the window (all are up)"
  # No check reached a server: nothing below would mean anything.
  [ "$_checks" -gt 0 ] || return 1
  echo "$_name: CPU $_cpu_ms ms, $((_cpu_ms * 1000 / _checks)) ms per 1,000 checks"
  echo $((_cpu_ms * 1000 / _checks)) >"$work/$_name.cpu"
  # The other end of the same connections, for scale: the emulated CPU's time (and the
  # host's load, which the guest counts as its own time) inflates both alike.
  echo "$_name: (the servers' listener: $(((_l2 - _l1) * 10 * 1000 / _checks)) ms per 1,000 connections)"
  _down=$(victim_weight)
  kill "$victim_pid"; wait "$victim_pid" 2>/dev/null
  # A daemon that cannot keep up checks each server less often than every second: the
  # bound allows for a round of several minutes.
  _k=$(now_cs)
  if wait_until 300 victim_down; then
    _detect=$(($(now_cs) - _k))
    echo "$_name: a killed server at weight 0 after $(seconds "$_detect") s (weight before: $_down)"
    echo "$_detect" >"$work/$_name.detect"
    start_victim
    _k=$(now_cs)
    if wait_until 300 victim_up; then
      echo "$_name: the server back at weight 1 after $(seconds $(($(now_cs) - _k))) s"
    else
      echo "$_name: the restarted server still at weight $(victim_weight) after 300 s"
    fi
  else
    echo "$_name: a killed server still at weight $(victim_weight) after 300 s"
    start_victim
  fi
  hwm_kb "$@" >"$work/$_name.rss"
  echo "$_name: peak RSS $(cat "$work/$_name.rss") kB (VmHWM, all its processes)"
}

# ---- the daemons ----------------------------------------------------------------------

run_keepalived() {
  keepalived_conf >"$work/keepalived.conf"
  echo "keepalived: $(grep -c real_server "$work/keepalived.conf") real servers in" \
    "$(grep -c virtual_server "$work/keepalived.conf") virtual services"
  ip netns exec dir ipvsadm -C
  started_cs=$(now_cs); started_checks=$(checks)
  # --check: only the checker subsystem (no VRRP); it runs as a child of the parent.
  ip netns exec dir keepalived --check --dont-fork --log-console -f "$work/keepalived.conf" \
    -p "$work/keepalived.pid" -c "$work/checkers.pid" >"$work/keepalived.log" 2>&1 &
  _parent=$!
  wait_until 60 test -s "$work/checkers.pid" || { echo "keepalived: no checker process"; tail "$work/keepalived.log"; return 1; }
  measure keepalived "$_parent" "$(cat "$work/checkers.pid")"
  kill "$_parent"; wait "$_parent" 2>/dev/null
}

# lvsadmd's half: the same measure(), run when the VM has lvsadmd (Scripts/bench-health
# adds it from the release build when there is one). run_lvsadmd [NAME [CONNECT_CHECKS]]:
# measured as NAME (default lvsadmd), with LVSADMD_CONNECT_CHECKS set to CONNECT_CHECKS
# (default empty: the reactor).
run_lvsadmd() {
  _name=${1:-lvsadmd}
  if ! command -v lvsadmd >/dev/null 2>&1; then
    echo "$_name: not run (no lvsadmd in the VM)"
    return 0
  fi
  lvsadmd_conf >"$work/lvsadmd.conf"
  ip netns exec dir ipvsadm -C
  started_cs=$(now_cs); started_checks=$(checks)
  ip netns exec dir env LVSADMD_CONNECT_CHECKS="${2:-}" lvsadmd --config "$work/lvsadmd.conf" \
    >"$work/$_name.log" 2>&1 &
  _pid=$!
  measure "$_name" "$_pid" || { echo "$_name: its log ends:"; tail -n 20 "$work/$_name.log"; }
  stop_daemon "$_name" "$_pid"
  # Every server but the victim is up: what made lvsadmd think otherwise, by kind of
  # check and failure, counted.
  sed -n 's/.*: up -> down (\([a-z-]*\) check): \([^(]*\).*/\1 check: \2/p' "$work/$_name.log" |
    sort | uniq -c | sort -rn | head -5 | sed "s/^ */$_name: servers marked down: /"
}

# stop_daemon NAME PID: SIGTERM to a daemon that still runs, and the time it takes to
# exit (SIGKILL after 60 s, and said so: a daemon that cannot stop is a finding, not a
# reason to hang the run); one that is gone already ended on its own while measured: its
# exit status, and the kernel's last words (an out-of-memory kill, a fault) say how.
stop_daemon() {
  if kill "$2" 2>/dev/null; then
    _k=$(now_cs)
    if wait_until 60 gone "$2"; then
      echo "$1: exited $(seconds $(($(now_cs) - _k))) s after SIGTERM"
    else
      echo "$1: still running 60 s after SIGTERM; killed"
      kill -9 "$2" 2>/dev/null
    fi
    wait "$2" 2>/dev/null
  else
    wait "$2" 2>/dev/null
    echo "$1: had exited on its own, status $? (above 128: killed by signal status-128)"
    dmesg | tail -n 5
  fi
}

# ratio WHAT FILE [A B]: A's figure (default lvsadmd) over B's (default keepalived), when
# both were measured.
ratio() {
  _a=${3:-lvsadmd}; _b=${4:-keepalived}
  [ -s "$work/$_b.$2" ] && [ -s "$work/$_a.$2" ] || return 0
  awk -v k="$(cat "$work/$_b.$2")" -v l="$(cat "$work/$_a.$2")" -v w="$1" -v n="$_a/$_b" \
    'BEGIN { if (k > 0) printf "ratio %s, %s: %.2f\n", n, w, l / k }'
}

# ---- reload ----------------------------------------------------------------------------

# reload_conf SERVICES: SERVICES virtual services (10.4.0.0/16, port 80) of 10 real servers
# each, every real server a distinct TCP check target that answers (the TCP and HTTP
# ports of 10.1.0.0/16), checked once an hour: the checks cost next to nothing while the
# reload is measured, and none fails, so no transition writes.
reload_conf() {
  echo "defaults interval=3600s timeout=10s rise=1 fall=1 initial=up"
  awk -v n="$1" 'BEGIN {
    for (i = 0; i < n; i++) {
      vip = sprintf("10.4.%d.%d:80", int(i / 250), i % 250 + 1)
      print "-A -t " vip " -s wrr"
      print "check -t " vip " connect"
      for (k = 0; k < 10; k++) {
        j = i * 10 + k; a = int(j / 2)
        printf "-a -t %s -r 10.1.%d.%d:%d -m -w 1\n", vip, int(a / 250), a % 250 + 1, (j % 2) ? 8080 : 80
      }
    }
  }'
}

# run_reload SERVICES: lvsadmd started on reload_conf SERVICES; once the table holds it
# all, three reloads (`lvsadmd ctl reload`), each measured by reload_once: the file
# unchanged; the file with a comment added (the same configuration in other bytes: read
# and compared again); and one real server's weight changed (a real change: one write).
run_reload() {
  _services=$1
  [ "$_services" -gt 0 ] || return 0
  if ! command -v lvsadmd >/dev/null 2>&1; then
    echo "reload: not run (no lvsadmd in the VM)"
    return 0
  fi
  ip netns exec dir ipvsadm -C
  reload_conf "$_services" >"$work/reload.conf"
  _sock=$work/reload.sock
  # Drift repair re-reads the whole table: an hour apart, so that a repair round does not
  # land inside the measured reload.
  _k=$(now_cs)
  ip netns exec dir lvsadmd --config "$work/reload.conf" --socket "$_sock" \
    --state-file "$work/reload.state" --drift-interval 3600 >"$work/reload.log" 2>&1 &
  _pid=$!
  # ctl answers once the table is read and written and the socket listens.
  _limit=$((_k + 1800 * 100))
  until lvsadmd --socket "$_sock" ctl status >/dev/null 2>&1; do
    if ! kill -0 "$_pid" 2>/dev/null || [ "$(now_cs)" -ge "$_limit" ]; then
      echo "reload: lvsadmd did not come up; its log ends:"; tail -n 20 "$work/reload.log"
      stop_daemon reload "$_pid"
      return 1
    fi
    sleep 2
  done
  _rs=$(ip netns exec dir ipvsadm -S -n | grep -c -- '^-a')
  echo "reload: lvsadmd up with $_services services, $_rs real servers in the table after $(seconds $(($(now_cs) - _k))) s"
  echo "reload: lvsadmd's memory then: $(awk '/^VmRSS/ {print $2 " kB"}' "/proc/$_pid/status") resident"
  sleep 5
  reload_once "the file unchanged"
  echo "# the same configuration" >>"$work/reload.conf"
  reload_once "a comment added"
  awk '!done && / -m -w 1$/ { sub(/ -m -w 1$/, " -m -w 2"); done = 1 } { print }' \
    "$work/reload.conf" >"$work/reload.edited" && mv "$work/reload.edited" "$work/reload.conf"
  reload_once "one weight changed"
  stop_daemon reload "$_pid"
}

# reload_once WHAT: one `lvsadmd ctl reload` of the daemon $_pid; prints its user and
# system CPU (lvsadmd's utime and stime across the command) and wall time, and what it
# wrote: ctl's answer names the changes of any write, the log has a "table:" line for
# each, and the table (ipvsadm -S -n) before and after is compared.
reload_once() {
  ip netns exec dir ipvsadm -S -n >"$work/reload.before"
  _writes=$(grep -c 'table: ' "$work/reload.log")
  _u1=$(cut -d' ' -f14 "/proc/$_pid/stat"); _s1=$(cut -d' ' -f15 "/proc/$_pid/stat"); _w1=$(now_cs)
  _answer=$(lvsadmd --socket "$_sock" ctl reload 2>&1)
  _u2=$(cut -d' ' -f14 "/proc/$_pid/stat"); _s2=$(cut -d' ' -f15 "/proc/$_pid/stat"); _w2=$(now_cs)
  echo "reload, $1: ctl reload answered \"$_answer\" after $(seconds $((_w2 - _w1))) s"
  echo "reload, $1: lvsadmd's CPU in it: user $(seconds $((_u2 - _u1))) s, system $(seconds $((_s2 - _s1))) s"
  echo "reload, $1: table writes logged during it: $(($(grep -c 'table: ' "$work/reload.log") - _writes))"
  ip netns exec dir ipvsadm -S -n >"$work/reload.after"
  if cmp -s "$work/reload.before" "$work/reload.after"; then
    echo "reload, $1: the table is the same after it"
  else
    # busybox diff writes the unified format: two header lines, then hunks whose changed
    # lines start with - or + (and a table line itself starts with -).
    echo "reload, $1: the table changed: $(diff -u "$work/reload.before" "$work/reload.after" | sed 1,2d | grep -c '^[-+]') lines differ"
  fi
  grep 'reloaded' "$work/reload.log" | tail -n 1
}

setup
if [ "$part" = connect-paths ]; then
  run_lvsadmd lvsadmd-event-loop event-loop
  run_lvsadmd lvsadmd-reactor reactor
  ratio "CPU per 1,000 checks" cpu lvsadmd-reactor lvsadmd-event-loop
  exit 0
fi
if [ "$part" != reload ]; then
  [ "$part" = lvsadmd ] || run_keepalived
  run_lvsadmd
  ratio "CPU per 1,000 checks" cpu
  ratio "peak RSS" rss
  ratio "detection latency" detect
fi
case $part in
  all | reload) run_reload "$reload_services" ;;
esac
