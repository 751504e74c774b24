#!/bin/sh
# The health suite, run inside the micro-VM booted with the peers archive: one failure
# sequence played against Debian's ldirectord, then against lvsadmd with the same
# configuration file, the IPVS table compared after every stage with the one recorded
# from ldirectord (expected/). See Docs/lvsadmd-ldirectord.md for what each stage shows.
#
# usage: run.sh [record]
#   (none)   both daemons (lvsadmd only if it is on PATH) against expected/
#   record   ldirectord only; prints each stage's settled table and every table seen on
#            the way, to write expected/ and the document from
# Ends with "health: N passed, N failed"; exits non-zero if anything failed. Needs
# ../Traffic/lib.sh beside this folder (its helpers: verdicts, attach, page, nsh), and
# ../lib/check.sh, which that sources.
set -u
here=$(cd "$(dirname "$0")" && pwd)
mode=${1:-compare}
. "$here/../Traffic/lib.sh"
. "$here/servers.sh"
work=/tmp/health
nss="dir rs1 rs2 rs3"

# How long a stage may take to reach its table (a bound, not the expected time; the
# document gives measured times: ldirectord's Perl takes up to a minute to start on a
# loaded emulated CPU, so the first stage has longer), and how long the table must then stay unchanged: two check rounds
# (interval 1 s + a 5 s timeout for a hung server) and a margin. Recording has no table
# to wait for, so it waits for the first change, then for quiet alone, longer.
start_bound=240
stage_bound=60
quiet=8
[ "$mode" = record ] && quiet=15

# ---- network -------------------------------------------------------------------------

# The director's namespace on a bridge with three real servers, each serving HTTP on
# :80 and :8080. A service outside the configuration (10.0.0.200:25) is in the table
# before the daemon starts: it shows what the daemon leaves alone.
setup() {
  rm -rf "$work"
  mkdir -p "$work"
  for ns in $nss; do
    ip netns add "$ns"
    ip -n "$ns" link set lo up
  done
  ip link add back type bridge
  ip link set back up
  attach dir back eth1 192.168.10.1/24
  for n in 1 2 3; do
    attach rs$n back eth0 192.168.10.1$n/24
    ip -n rs$n route add default via 192.168.10.1
  done
}

teardown() {
  for ns in $nss; do
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill -CONT "$p" 2>/dev/null; kill "$p" 2>/dev/null; done
  done
  sleep 0.2
  for ns in $nss; do ip netns del "$ns" 2>/dev/null; done
  ip link del back 2>/dev/null
}

# all_servers_up: every listener running, from any earlier state.
all_servers_up() {
  for n in 1 2 3; do
    for port in 80 8080; do
      [ "$(cat "$work/state.rs$n.$port" 2>/dev/null)" = up ] || revive rs$n $port
    done
  done
}

# ---- the table -------------------------------------------------------------------------

table() { ip netns exec dir ipvsadm -S -n | LC_ALL=C sort; }
now_cs() { cut -d' ' -f1 /proc/uptime | tr -d .; }

# settle STAGE [EXPECTED]: polls the table until it equals EXPECTED (when given; else until
# it has changed once, if $must_change is 1) and has not changed for $quiet seconds, or
# $bound seconds have passed. Writes the final table to
# $work/STAGE.table, every distinct table seen (with its time) to $work/STAGE.trace, and
# prints the seconds from the stage's start ($stage_t0, taken before its action: the
# daemon may react while the action is still going on; $work/before.table is the table
# then) to the table's last change.
settle() {
  _t0=$stage_t0
  _changed=$_t0
  table >"$work/$1.table"
  # Changed during the action already: its time is known only to be before now.
  cmp -s "$work/$1.table" "$work/before.table" || _changed=$(now_cs)
  printf '+%s\n%s\n' "$(seconds $(($(now_cs) - _t0)))" "$(cat "$work/$1.table")" >"$work/$1.trace"
  while :; do
    sleep 0.25
    _now=$(now_cs)
    table >"$work/now.table"
    if ! cmp -s "$work/now.table" "$work/$1.table"; then
      _changed=$_now
      mv "$work/now.table" "$work/$1.table"
      printf '+%s\n%s\n' "$(seconds $((_now - _t0)))" "$(cat "$work/$1.table")" >>"$work/$1.trace"
    fi
    [ $((_now - _t0)) -ge $((bound * 100)) ] && break
    if [ -n "${2:-}" ] && ! cmp -s "$work/$1.table" "$2"; then continue; fi
    [ -z "${2:-}" ] && [ "$must_change" = 1 ] && [ "$_changed" = "$_t0" ] && continue
    [ $((_now - _changed)) -ge $((quiet * 100)) ] && break
  done
  seconds $((_changed - _t0))
}

seconds() { printf '%d.%02ds' $(($1 / 100)) $(($1 % 100)); }

# ---- the sequence ------------------------------------------------------------------------

# The stages, in order: NAME, then what happens before the table is read.
stages="start rs1-refuses rs2-hangs tcp-all-down all-back reload stop"

stage_action() {
  case $1 in
    start) "start_$daemon" "$work/daemon.cf" ;;
    rs1-refuses) refuse rs1 80; refuse rs1 8080 ;;
    rs2-hangs) hang rs2 80; hang rs2 8080 ;;
    tcp-all-down) refuse rs2 8080 ;;
    all-back) all_servers_up ;;
    reload) cp "$here/health-edited.cf" "$work/daemon.cf"; kill -HUP "$pid" ;;
    stop) kill -TERM "$pid"; wait_exit ;;
  esac
}

# wait_exit: the daemon ends after SIGTERM (bounded): cleanstop happens before it exits.
wait_exit() {
  _i=0
  while [ $_i -lt $((bound * 4)) ] && kill -0 "$pid" 2>/dev/null; do
    _i=$((_i + 1))
    sleep 0.25
  done
  if kill -0 "$pid" 2>/dev/null; then
    fail "$daemon: exits on SIGTERM" "still running after ${bound} s"
    kill -KILL "$pid" 2>/dev/null
  else
    ok "$daemon: exits on SIGTERM"
  fi
  wait "$pid" 2>/dev/null
}

# stop_daemon: ends a daemon whose sequence was cut short, and its leftovers.
stop_daemon() {
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  ip netns exec dir ipvsadm -C
}

# The daemons, each started in the director's namespace in the foreground, with its output
# in $work/DAEMON.log; $pid is the daemon itself (ip netns exec execs it).
start_ldirectord() {
  ip netns exec dir ldirectord -d "$1" start >"$work/ldirectord.log" 2>&1 &
  pid=$!
}
start_lvsadmd() {
  ip netns exec dir lvsadmd --config "$1" >"$work/lvsadmd.log" 2>&1 &
  pid=$!
}

# sequence DAEMON: the whole failure sequence from a fresh table and servers, each stage's
# table compared with expected/ (or printed, when recording).
sequence() {
  daemon=$1
  echo "== $daemon"
  ip netns exec dir ipvsadm -C
  ip netns exec dir ipvsadm -A -t 10.0.0.200:25 -s rr
  all_servers_up
  cp "$here/health.cf" "$work/daemon.cf"
  _n=0
  for stage in $stages; do
    _n=$((_n + 1))
    bound=$stage_bound
    [ "$stage" = start ] && bound=$start_bound
    _name=$_n-$stage
    table >"$work/before.table"
    stage_t0=$(now_cs)
    stage_action "$stage"
    if [ "$mode" = record ]; then
      # Every stage changes the table, but the stop stage does it before settle looks.
      must_change=1
      [ "$stage" = stop ] && must_change=0
      _took=$(settle "$_name")
      echo "-- $_name: settled after $_took; tables seen:"
      cat "$work/$_name.trace"
      continue
    fi
    _took=$(settle "$_name" "$here/expected/$_name")
    if cmp -s "$work/$_name.table" "$here/expected/$_name"; then
      ok "$daemon: $_name (table after $_took)"
    else
      fail "$daemon: $_name" "table after ${bound} s differs from expected/$_name:
$(diff "$here/expected/$_name" "$work/$_name.table")
tables seen:
$(cat "$work/$_name.trace")"
      # Each stage starts from the one before: the rest would prove nothing, and would
      # each wait out the bound.
      [ "$stage" = stop ] || fail "$daemon: the stages after $_name" "not played"
      stop_daemon
      return
    fi
    if [ "$stage" != stop ] && ! kill -0 "$pid" 2>/dev/null; then
      fail "$daemon: running after $_name" "it exited; its log:
$(tail -n 20 "$work/$daemon.log")"
      stop_daemon
      return
    fi
  done
}

setup
sequence ldirectord
if [ "$mode" != record ]; then
  if command -v lvsadmd >/dev/null 2>&1; then
    sequence lvsadmd
  else
    # The comparison is the point of the suite: without lvsadmd it has not been made.
    fail "lvsadmd: in the VM" "not found, so its half of the comparison was not run (record mode plays ldirectord alone)"
  fi
fi
teardown

verdict health
