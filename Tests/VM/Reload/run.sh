#!/bin/sh
# The reload suite, run inside the micro-VM: clients send requests without pause through
# NAT and DR services while the director is reloaded, step after step (rules.sh), to new
# rules files; every request is counted, per service and step.
#
#   usage: run.sh apply [--bulk N] [STEP...]    reloads by `lvsadm apply --drain 10 FILE`
#                                               (the step replace-undrained without --drain)
#          run.sh classic [--bulk N] [STEP...]  reloads as ipvsadm's init script does:
#                                               `lvsadm -C`, then `lvsadm -R < FILE`
# --bulk N: how many services without traffic the bulk steps hold (default 2000).
# STEP... measures only the steps named (the others are still reloaded, unmeasured, so
# each step starts from the same table as in a whole run). reqloop (the client) is at
# /usr/local/bin/reqloop, this folder's ../Traffic/lib.sh builds the network.
#
# Verdicts, for each step and each service with traffic:
#   - in the table before and after: no request failed (apply). The scheduler change is
#     the exception, counted and reported only: the kernel leaves a service without a
#     scheduler for a moment when IPVS_CMD_SET_SERVICE changes it (Docs/reload.md); and so
#     is replace-undrained: without --drain a request in flight to a removed real server
#     is cut, as the kernel drops a real server's connections with it;
#   - added: every request started after the reload succeeded, and there were some;
#   - removed: every request started after the reload failed;
#   - and the table equals the rules file after the reload (`lvsadm diff` says nothing).
# classic: the same, except that the failed requests of the services kept are the
# measurement: the check is that the classic reload dropped some (more than 0), which
# shows that the counting sees a reload that drops.
# Ends with "reload: N passed, N failed" (or "reload-classic: ...").
set -u
here=$(cd "$(dirname "$0")" && pwd)
mode=${1:-apply}
[ $# -gt 0 ] && shift
bulk_n=2000
if [ "${1:-}" = --bulk ]; then bulk_n=$2; shift 2; fi
only=" $* "
case $mode in
  apply) suite=reload ;;
  classic) suite=reload-classic ;;
  *) echo "usage: run.sh apply|classic [--bulk N] [STEP...]" >&2; exit 2 ;;
esac
. "$here/../Traffic/lib.sh"
. "$here/rules.sh"
export LVSADM_STATE_DIR=/tmp/reload-state

# Kernel warnings and errors reach the console, so a lockup or an oops shows in the
# suite's output with its stack trace; a soft lockup panics (and so ends the VM at once)
# instead of hanging until the VM's timeout.
dmesg -n 5
echo 1 >/proc/sys/kernel/softlockup_panic
echo 1 >/proc/sys/kernel/softlockup_all_cpu_backtrace 2>/dev/null

phase=$work/phase
rules=$work/rules
# The rates keep the VM's one CPU far from busy (each request forks an httpd): a saturated
# VM stretches every reload. The timeout is long because under emulation a reload of
# thousands of services can hold the VM's CPU in the kernel for many seconds, during
# which nothing else runs: a request delayed by that is not a request the reload lost.
# What a reload loses shows at once: a SYN IPVS cannot schedule is answered with an ICMP
# error (see icmp_ratelimit below), an empty VIP with a reset. A request that succeeded
# after a retransmission is counted as succeeded and reported beside (reqloop.c).
# The classic control's client gives up sooner: a NAT request whose connection the
# flush cut waits for an answer that never comes (the director forwards the server's
# packets untranslated once the connection is gone), and its failures are the
# measurement, not the verdict.
interval_main=50    # ms between requests to nat and dr
interval_other=250  # ms between requests to the other services
if [ "$mode" = classic ]; then timeout_ms=5000; else timeout_ms=30000; fi

now() { cut -d' ' -f1 /proc/uptime; }

# set_phase STEP PART: what the clients write beside each request they start from now on.
set_phase() {
  echo "$*" >"$phase.new"
  mv "$phase.new" "$phase"
}

# start_clients: one reqloop per service address, each writing $work/out.NAME; nat and
# v101-v104 from the front client cl, dr from dc on the back segment.
start_clients() {
  : >"$work/client-pids"
  ip netns exec cl reqloop 10.0.0.100 80 "$interval_main" "$timeout_ms" "$phase" >"$work/out.nat" &
  echo $! >>"$work/client-pids"
  ip netns exec dc reqloop 10.0.0.200 80 "$interval_main" "$timeout_ms" "$phase" >"$work/out.dr" &
  echo $! >>"$work/client-pids"
  for _v in 101 102 103 104; do
    ip netns exec cl reqloop 10.0.0.$_v 80 "$interval_other" "$timeout_ms" "$phase" >"$work/out.v$_v" &
    echo $! >>"$work/client-pids"
  done
}
stop_clients() {
  set_phase stop
  for _p in $(cat "$work/client-pids"); do wait "$_p"; done
}
names="nat dr v101 v102 v103 v104"
vip_of() { case $1 in nat) echo 10.0.0.100 ;; dr) echo 10.0.0.200 ;; *) echo "10.0.0.${1#v}" ;; esac; }

# count NAME STEP PARTS VERDICT: how many requests to NAME started in STEP during one of
# PARTS ("pre reload post") ended in VERDICT (ok or fail).
count() {
  awk -v step="$2" -v parts=" $3 " -v verdict="$4" \
    '$1 == step && index(parts, " " $2 " ") && $3 == verdict {n++} END {print n + 0}' "$work/out.$1"
}
# retransmitted NAME STEP: how many requests succeeded only after a retransmission.
retransmitted() {
  awk -v step="$2" '$1 == step && $3 == "ok" && $5 > 0 {n++} END {print n + 0}' "$work/out.$1"
}
# reasons NAME STEP: why its requests failed, "connect-refused=3 read-timeout=1".
reasons() {
  awk -v step="$2" '$1 == step && $3 == "fail" {print $4}' "$work/out.$1" |
    sort | uniq -c | awk '{printf "%s%s=%s", sep, $2, $1; sep = " "}'
}

# show_failures NAME STEP: the failed requests (5 at most), each with the director's
# entries for its client port, to tell a drop from a stall.
show_failures() {
  awk -v step="$2" '$1 == step && $3 == "fail"' "$work/out.$1" | head -5 | while read -r _l; do
    echo "     $_l"
    _port=${_l#*port=}
    ip netns exec dir lvsadm -L -c -n | grep ":${_port%% *} " | sed 's/^/       director: /'
  done
}

# in_table FILE NAME: the service of NAME is in the rules FILE.
in_table() { grep -q "^-A -t $(vip_of "$2"):80 " "$1"; }

# settle STEP BEFORE AFTER: waits until every service of either table has had at least
# 3 requests that started after the reload (at least 1.5 s, at most 60 s): under a busy
# host a fixed pause could end before the slower clients sent any.
settle() {
  sleep 1.5
  _t=0
  for _name in $names; do
    in_table "$2" "$_name" || in_table "$3" "$_name" || continue
    while [ "$(awk -v step="$1" '$1 == step && $2 == "post" {n++} END {print n + 0}' "$work/out.$_name")" -lt 3 ] &&
      [ $_t -lt 300 ]; do
      sleep 0.2
      _t=$((_t + 1))
    done
  done
}

# reload FILE STEP
reload() {
  if [ "$mode" = apply ] && [ "$2" = replace-undrained ]; then
    ip netns exec dir lvsadm apply "$1"
  elif [ "$mode" = apply ]; then
    ip netns exec dir lvsadm apply --drain 10 "$1"
  else
    ip netns exec dir lvsadm -C && ip netns exec dir lvsadm -R <"$1"
  fi
}

# ---- the network -----------------------------------------------------------------------
setup
# Second addresses: "every real server replaced" moves each service onto them.
for n in 1 2 3; do ip -n rs$n addr add 192.168.10.2$n/24 dev eth0; done
ip -n dir addr add 10.0.0.104/32 dev eth0
# The director answers every SYN it cannot schedule with an ICMP error (the client then
# fails at once): rate-limited, the rest would be dropped and the client's SYN
# retransmitted a second later, which can hide a short gap.
sysctl_set dir net/ipv4/icmp_ratelimit 0
# A packet of a connection whose real server is gone ends that connection (the client sees
# a reset) instead of being dropped until the client gives up: a connection a reload cut
# fails at once and does not hold its client for the whole timeout.
sysctl_set dir net/ipv4/vs/expire_nodest_conn 1

table >"$rules.0"
lvs apply "$rules.0" || fail "the first table is loaded"
start_clients
set_phase start pre
sleep 1

# ---- the steps -------------------------------------------------------------------------
kept_fail_total=0
scheduler_fail=0
undrained_fail=0
i=0
prev=$rules.0
for s in $steps; do
  i=$((i + 1))
  "step_$(echo "$s" | tr - _)"
  table >"$rules.$i"
  case $only in
    "  " | *" $s "*) ;;
    *)
      # A step left out still reloads its table, unmeasured, so the next starts from it.
      reload "$rules.$i" "$s" >/dev/null 2>&1 || fail "$s: the reload succeeds (unmeasured)"
      prev=$rules.$i
      continue
      ;;
  esac
  set_phase "$s" pre
  sleep 1
  set_phase "$s" reload
  t0=$(now)
  if ! out=$(reload "$rules.$i" "$s" 2>&1); then fail "$s: the reload succeeds" "$out"; fi
  t1=$(now)
  set_phase "$s" post
  settle "$s" "$prev" "$rules.$i"
  if ! out=$(ip netns exec dir lvsadm diff "$rules.$i" 2>&1); then
    fail "$s: the table equals the rules after the reload" "$(echo "$out" | head -3 | tr '\n' '|')"
  fi
  echo "== $s (at $(now) s): reload took $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}') s, $(wc -l <"$rules.$i") lines"
  for name in $names; do
    in_table "$prev" "$name" && before=1 || before=0
    in_table "$rules.$i" "$name" && after=1 || after=0
    ok_all=$(count "$name" "$s" "pre reload post" ok)
    fail_all=$(count "$name" "$s" "pre reload post" fail)
    ok_post=$(count "$name" "$s" post ok)
    fail_post=$(count "$name" "$s" post fail)
    why=$(reasons "$name" "$s")
    again=$(retransmitted "$name" "$s")
    [ "$again" -eq 0 ] || why="${why:+$why, }$again ok after a retransmission"
    case $before$after in
      11)
        echo "   $name kept: $ok_all ok, $fail_all failed${why:+ ($why)}"
        kept_fail_total=$((kept_fail_total + fail_all))
        if [ "$mode" = classic ]; then
          :   # measured only: the control's check is on the sum, at the end
        elif [ "$s" = scheduler ]; then
          scheduler_fail=$((scheduler_fail + fail_all))
          check "$s: $name answers across the scheduler change ($fail_all failed, reported)" '[ "$ok_post" -gt 0 ]'
        elif [ "$s" = replace-undrained ]; then
          undrained_fail=$((undrained_fail + fail_all))
          check "$s: $name answers across the replacement without --drain ($fail_all failed, reported)" \
            '[ "$ok_post" -gt 0 ]'
        else
          check "$s: $name, in the table before and after, failed no request of $((ok_all + fail_all))" \
            '[ "$fail_all" -eq 0 ] && [ "$ok_all" -gt 0 ]' "$fail_all failed ($why), $ok_all ok"
          [ "$fail_all" -eq 0 ] || show_failures "$name" "$s"
        fi
        ;;
      01)
        echo "   $name added: after the reload $ok_post ok, $fail_post failed"
        if [ "$mode" = classic ]; then
          # The control's client gives up after 5 s, which a stall of the host can outlast.
          check "$s: $name, added, answers after the reload" '[ "$ok_post" -gt 0 ]'
        else
          check "$s: $name, added, answers every request after the reload" \
            '[ "$fail_post" -eq 0 ] && [ "$ok_post" -gt 0 ]' "$fail_post failed, $ok_post ok"
        fi
        ;;
      10)
        echo "   $name removed: after the reload $ok_post ok, $fail_post failed"
        check "$s: $name, removed, answers no request after the reload" \
          '[ "$ok_post" -eq 0 ] && [ "$fail_post" -gt 0 ]' "$ok_post ok, $fail_post failed"
        ;;
    esac
  done
  prev=$rules.$i
done
stop_clients

echo "== failed requests of the services kept, all steps: $kept_fail_total"
if [ "$mode" = classic ]; then
  # The control: a reload that empties the table must show as failed requests.
  check "the classic reload (-C, then -R) dropped requests: $kept_fail_total (> 0)" '[ "$kept_fail_total" -gt 0 ]'
else
  echo "== failed requests across the scheduler change: $scheduler_fail"
  echo "== failed requests across the replacement without --drain: $undrained_fail"
fi
teardown
# Back to emergencies only: kernel lines must not split the verdict line.
dmesg -n 1
verdict "$suite"
