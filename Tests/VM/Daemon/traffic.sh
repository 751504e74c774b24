#!/bin/sh
# lvsadmd under real traffic, in the traffic suite's network (../Traffic/lib.sh). lvsadmd
# runs in the director's namespace (--netns dir) and checks rs1-rs3 (httpd :80) by HTTP,
# while a client in cl asks for http://10.0.0.100/ over and over, each time on a new
# connection, and logs when each request started and what came back. Each event below
# has a detection time (from the event to the table's change, seen by polling the
# kernel's /proc/net/ip_vs), printed; the table is then compared whole with the
# reference ipvsadm -S -n; the requests that started after the change must all be
# answered, by exactly the servers the table then holds; those that started before it
# may fail, and are counted:
#   rs2's httpd stops (connections refused), and comes back;
#   rs2's httpd is stopped with SIGSTOP (handshakes still complete, nothing answers), and
#   comes back with SIGCONT;
#   every real server stops: the sorry server (the director's own httpd, :81) takes over;
#   rs1 comes back: the sorry server leaves; rs2 and rs3 come back;
#   SIGHUP with the same file, then with a file written differently that means the same:
#   no transition and no write logged, the table byte for byte as before, no request lost.
# Restarts, drift repair and a drain across a restart are smoke.sh's.
#
# Needs lvsadmd and lvsadm (lib.sh's setup) on PATH, and the reference ipvsadm.
# Ends with "daemon-traffic: N passed, N failed"; exits non-zero if anything failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../Traffic/lib.sh"

# The checks' timing (milliseconds), written into the configuration below. The timeout is
# what an answer may take on the VM's one emulated CPU, shared by lvsadmd (its debug build
# spends about 0.045 s of it on each HTTP check, and 0.07 s a second at rest), the servers,
# the client and the poll below, while the host runs other VMs: under CI's load the VM is
# busy about 85% of the time, and with a 1 s timeout healthy servers at times failed three
# checks in a row (the run prints how busy the VM was).
interval=1000
timeout=2000
rise=2
fall=3
# The latest a check can decide after an event: its first run that starts after the event
# starts within an interval; runs of one target never overlap, so each later run starts
# max(interval, timeout) after the one before; the deciding run (the rise-th or fall-th)
# ends within a timeout of its start. Each detection is printed beside it; it is not held
# to it: a timed assertion in an emulated CPU shared with the servers and the client would
# measure the host's load (Scripts/bench-health measures detection against its target).
# What is checked is that the table changes, and that no request fails after it does.
decides=$((interval + (rise > fall ? rise - 1 : fall - 1) * (interval > timeout ? interval : timeout) + timeout))
# How many requests after each change must all succeed (the client is given up to 30 s
# for them, after a request to a hung server that started before the change ends).
after=8

service="-A -t 10.0.0.100:80 -s rr"
sorry="-a -t 10.0.0.100:80 -r 10.0.0.1:81 -m -w 1"
# rs N WEIGHT: the table's line of rsN.
rs() { echo "-a -t 10.0.0.100:80 -r 192.168.10.1$1:80 -m -w $2"; }

# ms_as_seconds MS: "1.5s"-style text of MS milliseconds.
ms_as_seconds() { printf '%d.%03ds' $(($1 / 1000)) $(($1 % 1000)); }

config() {
  cat <<CONF
defaults interval=$(ms_as_seconds $interval) timeout=$(ms_as_seconds $timeout) rise=$rise fall=$fall initial=up
-A -t 10.0.0.100:80 -s rr
-a -t 10.0.0.100:80 -r 192.168.10.11:80 -m -w 1
-a -t 10.0.0.100:80 -r 192.168.10.12:80 -m -w 1
-a -t 10.0.0.100:80 -r 192.168.10.13:80 -m -w 1
check -t 10.0.0.100:80 http path=/ body=rs
sorry -t 10.0.0.100:80 -r 10.0.0.1:81 -m
CONF
}

# The same configuration written another way: long options, a service name for the port,
# the real servers in another order, the default weight and port left out, the timing on
# the check line in other units, the sorry server's defaults spelled out.
config_rewritten() {
  cat <<CONF
# The shop's front: rs1-rs3 behind 10.0.0.100.
--add-service --tcp-service 10.0.0.100:http --scheduler rr
-a -t 10.0.0.100:80 -r 192.168.10.13 -m
-a -t 10.0.0.100:80 -r 192.168.10.11:80 -m
--add-server --tcp-service 10.0.0.100:80 --real-server 192.168.10.12:80 --masquerading --weight 1

check -t 10.0.0.100:80 http path=/ body="rs" interval=${interval}ms timeout=${timeout}ms rise=$rise fall=$fall initial=up
sorry -t 10.0.0.100:80 -r 10.0.0.1:81 -m -w 1 quorum=1
CONF
}

# ---- time, table, log --------------------------------------------------------------------

# now: $now := centiseconds since boot.
now() {
  read -r _t _ </proc/uptime
  now=${_t%.*}${_t#*.}
}
seconds() { printf '%d.%02d s' $(($1 / 100)) $(($1 % 100)); }

table() { ip netns exec dir ipvsadm -S -n; }
sorted_table() { table | LC_ALL=C sort; }

# expect_table LINE...: the table, sorted, as the lines given (in any order).
expected_table() { printf '%s\n' "$@" | LC_ALL=C sort; }

# The kernel's own view of the table, /proc/net/ip_vs, as the poll below reads it: each
# real server as "ADDRESS:PORT/WEIGHT", in hexadecimal as the kernel writes them.
# at N WEIGHT: rsN (192.168.10.1N:80); sorry_at: the sorry server (10.0.0.1:81).
at() { printf 'C0A80A%02X:0050/%s' $((10 + $1)) "$2"; }
sorry_at=0A000001:0051/

# await CONDITION...: polls the table every 0.2 s (at most 30 s) until every CONDITION
# holds: "+SERVER/WEIGHT" (that real server, at that weight, is in it) or "!SERVER/" (that
# real server is not). Sets $seen to the uptime (centiseconds) read just after the read
# that showed it: the change happened before that. The loop runs in the director's
# namespace and reads /proc/net/ip_vs with the shell's read; the one program a poll
# starts is sleep (busybox, about 25 ms of the emulated CPU each time), so a poll every
# 0.2 s takes about a tenth of the CPU that lvsadmd's checks share with it (one every
# 0.05 s would take a third, at a priority above the checks').
# It runs at the highest priority, so that nothing in the VM delays it: a sleep that ends
# more than 0.05 s late means the host did not run the VM meanwhile, and $stalled is the
# sum of that lateness (centiseconds), time in which lvsadmd could not run either.
await() {
  _r=$(ip netns exec dir sh -c '
    renice -20 -p $$ >/dev/null
    i=0
    stalled=0
    read -r up _ </proc/uptime
    while [ $i -lt 150 ]; do
      t=" "
      while read -r arrow server method weight _; do
        [ "$arrow" = "->" ] && t="$t$server/$weight "
      done </proc/net/ip_vs
      last=${up%.*}${up#*.}
      read -r up _ </proc/uptime
      late=$((${up%.*}${up#*.} - last - 25))
      [ $late -gt 0 ] && stalled=$((stalled + late))
      all=1
      for c in "$@"; do
        case $c in
          +*) case $t in *" ${c#+} "*) ;; *) all=0 ;; esac ;;
          !*) case $t in *" ${c#!}"*) all=0 ;; esac ;;
        esac
      done
      if [ $all = 1 ]; then
        echo "${up%.*}${up#*.} $stalled"
        exit 0
      fi
      i=$((i + 1))
      sleep 0.2
    done
    exit 1' sh "$@")
  _rc=$?
  seen=${_r% *}
  stalled=${_r#* }
  return $_rc
}

log=$work/lvsadmd.log
# log_lines_since N: the daemon's log after its first N lines.
log_since() { tail -n "+$(($1 + 1))" "$log"; }
log_length() { wc -l <"$log" | tr -d ' '; }
# transitions_since N: the transitions logged after line N, "SERVER: FROM -> TO".
transitions_since() {
  log_since "$1" | grep -E ': (up|down|unknown) -> (up|down)' |
    sed -E 's/.* real server ([^ ]+): ([a-z]+) -> ([a-z]+).*/\1: \2 -> \3/'
}

# ---- the daemon and its servers ------------------------------------------------------

# Priorities. In the VM every host shares one emulated CPU, where on a network lvsadmd has
# the director's to itself and the client is another machine; the debug build of lvsadmd
# that Scripts/test uses needs about 0.07 s of it for each HTTP check, and each server
# must answer its checks within their timeout. So lvsadmd, the servers and this script
# run at the usual priority (its waits start no program), the client below them
# (nice 10), and await's poll above all (-20) to time the changes.
start_lvsadmd() {
  config >"$work/lvsadmd.conf"
  config_rewritten >"$work/rewritten.conf"
  check "the configuration is valid" "lvsadmd --config $work/lvsadmd.conf --check-config >/dev/null"
  check "and written another way" "lvsadmd --config $work/rewritten.conf --check-config >/dev/null"
  lvsadmd --netns dir --config "$work/lvsadmd.conf" --state-file "$work/state" \
    --socket "$work/lvsadmd.sock" </dev/null >/dev/null 2>"$log" &
  daemon=$!
}

# httpd_pids NS PORT: the httpd serving PORT in NS (lib.sh's setup started it, as a daemon),
# with the children it forked for the requests in progress: the same command line.
httpd_pids() {
  for _p in $(ip netns pids "$1"); do
    [ "$(tr '\0' ' ' 2>/dev/null <"/proc/$_p/cmdline")" = "httpd -p $2 -h $work/www/$1 " ] && echo "$_p"
  done
}
refuse() { for _p in $(httpd_pids "$1" 80); do kill "$_p" 2>/dev/null; done; }
serve() { ip netns exec "$1" httpd -p 80 -h "$work/www/$1"; }
# answering NS...: waits (30 s at most) until each server NS answers a request of its own
# from the director, and sets $event_at to when the last one did: a restarted server is
# back from then. A fresh httpd has at times missed its first request on the loaded
# emulated CPU (over a second), which is the server's time, not the check's.
answering() {
  for _ns in "$@"; do
    _i=0
    until [ "$(ip netns exec dir timeout 2 wget -q -O - "http://192.168.10.1${_ns#rs}/" 2>/dev/null)" = "$_ns" ]; do
      _i=$((_i + 1))
      [ $_i -lt 60 ] || { fail "$phase: $_ns answers after its restart" "no answer in 30 s"; break; }
      sleep 0.5
    done
  done
  now
  event_at=$now
  echo "   the server answers $(seconds $((event_at - phase_start))) after its restart"
}
# hang NS: every httpd process of NS's :80 stopped: the kernel still completes handshakes
# into the listener's queue, nothing reads a request or answers. unhang continues them.
hang() {
  httpd_pids "$1" 80 >"$work/hung.$1"
  for _p in $(cat "$work/hung.$1"); do kill -STOP "$_p" 2>/dev/null; done
}
unhang() { for _p in $(cat "$work/hung.$1"); do kill -CONT "$_p" 2>/dev/null; done; }

# ---- the client ----------------------------------------------------------------------

# start_client: in cl, one request after another (a new wget, so a new connection, each
# bounded to $client_timeout s) until $work/client.stop exists; one line each in
# $work/client: "START END ANSWER", uptime centiseconds and the page ("rs1"), or "none"
# and wget's message ("none" alone: no answer within the timeout).
# What a wrong table loses shows without the timeout's help: a refusing server resets at
# once, and a hung one never answers. The timeout only bounds how long a request to a hung
# server holds the client, so it is long: the client runs below lvsadmd and the servers
# (see start_lvsadmd), on an emulated CPU the host may not run for seconds, and a request
# slowed by that is not a request the table lost (the slowest answer of each phase is
# printed beside its count). Each request costs the emulated CPU about as much as a check
# (wget, and an httpd child on a server, which runs at the servers' priority): the pause
# between them keeps the client to a few a second, beside lvsadmd's three checks a second.
client_timeout=20
start_client() {
  rm -f "$work/client.stop"
  ip netns exec cl sh -c '
    renice 10 -p $$ >/dev/null
    while [ ! -e "$0.stop" ]; do
      read -r t0 _ </proc/uptime
      a=$(timeout "$1" wget -q -O - http://10.0.0.100/ 2>"$0.error") || a=
      read -r t1 _ </proc/uptime
      [ -n "$a" ] || a="none $(tr -s " \n" _ <"$0.error")"
      echo "${t0%.*}${t0#*.} ${t1%.*}${t1#*.} $a"
      sleep 0.2
    done >"$0"' "$work/client" "$client_timeout" </dev/null >/dev/null 2>&1 &
  client=$!
}
# requests_since CS: how many requests that started at CS or later have ended (in the
# shell: the waits below start no program, see priorities).
requests_since() {
  _n=0
  [ -e "$work/client" ] || { echo 0; return; }
  while read -r _t0 _; do [ "$_t0" -lt "$1" ] || _n=$((_n + 1)); done <"$work/client"
  echo "$_n"
}
stop_client() {
  touch "$work/client.stop"
  wait "$client"
  client=
}

# ---- phases --------------------------------------------------------------------------
# A phase is an event, the table's change it causes, and $after of traffic after it. Each
# is recorded in $work/phases as "NAME START CHANGE END SERVERS" (SERVERS: those that must
# answer, and no other, from CHANGE on; "+" between names) for requests() at the end.

# phase NAME: the phase begins, its event comes next.
phase() {
  phase=$1
  now
  phase_start=$now
  event_at=$now
}

# detected CONDITION...: waits (30 s at most) for the table's change (see await) and prints
# the detection time, from the event ($event_at) to the change.
detected() {
  if await "$@"; then
    _took=$((seen - event_at))
    ok "$phase: the table changes, $(seconds $_took) after the event (the checks decide within $(seconds $((decides / 10))); the VM was not run for $(seconds $stalled))"
  else
    now
    seen=$now
    fail "$phase: the table changes" "after 30 s: $(table)"
  fi
}

# settled SERVERS LINE...: the table is exactly the service and LINEs; the traffic goes on
# until $after requests have started after the change and ended (at most the client's
# timeout and 30 s); the phase is recorded.
settled() {
  _servers=$1
  shift
  check_eq "$phase: the table" "$(sorted_table)" "$(expected_table "$service" "$@")"
  _i=0
  while [ $_i -lt $(((client_timeout + 30) * 2)) ] && [ "$(requests_since "$seen")" -lt "$after" ]; do
    _i=$((_i + 1))
    sleep 0.5
  done
  now
  echo "$phase $phase_start $seen $now $_servers" | tr ' ' '\t' >>"$work/phases"
}

# requests: for each phase, the requests that started in it: those that started before the
# change (reported: they may fail), those after (none may fail, and exactly the phase's
# servers answer them: rr sends each a share).
requests() {
  while IFS="$(printf '\t')" read -r _name _start _change _end _servers; do
    _summary=$(awk -v start="$_start" -v change="$_change" -v end="$_end" '
      $1 >= start && $1 < end {
        if ($1 < change) { before++; if ($3 == "none") lost++ }
        else {
          after++
          if ($3 == "none") failed++
          else { seen[$3]++; if ($2 - $1 > slowest) slowest = $2 - $1 }
        }
      }
      END {
        n = 0; for (s in seen) names[++n] = s
        for (i = 2; i <= n; i++) for (j = i; j > 1 && names[j - 1] > names[j]; j--) {
          t = names[j]; names[j] = names[j - 1]; names[j - 1] = t }
        answered = ""; for (i = 1; i <= n; i++) answered = answered (i > 1 ? "+" : "") names[i]
        printf "%d %d %d %d %s %.2f\n", before, lost, after, failed, (n ? answered : "-"), slowest / 100
      }' "$work/client")
    set -- $_summary
    echo "   $_name: $1 requests before the change ($2 failed), $3 after ($4 failed), answered by $5 (the slowest in $6 s)"
    check "$_name: no failed request after the change" "[ $4 = 0 ]" "$(lost_after "$_change" "$_end")"
    check "$_name: $after requests after the change" "[ $3 -ge $after ]" "only $3"
    check_eq "$_name: answered by" "$5" "$_servers"
  done <"$work/phases"
}

# lost_after CHANGE END: the failed requests that started from CHANGE to END, each as
# when it started (from CHANGE) and how long it took.
lost_after() {
  awk -v change="$1" -v end="$2" '$1 >= change && $1 < end && $3 == "none" {
      printf "started +%.2f s, took %.2f s: %s; ", ($1 - change) / 100, ($2 - $1) / 100, $4 }' "$work/client"
}

# reloaded_since N: lvsadmd logged "reloaded:" after line N (in the shell).
reloaded_since() {
  _k=0
  while IFS= read -r _line; do
    _k=$((_k + 1))
    [ $_k -gt "$1" ] || continue
    case $_line in *"reloaded:"*) return 0 ;; esac
  done <"$log"
  return 1
}

# reload_phase NAME FILE-FUNCTION: SIGHUP with the file FILE-FUNCTION writes: reloaded, no
# transition, no write, the table as it was.
reload_phase() {
  "$2" >"$work/lvsadmd.conf"
  sorted_table >"$work/before-reload"
  _lines=$(log_length)
  phase "$1"
  kill -HUP "$daemon"
  _i=0
  while [ $_i -lt 300 ] && ! reloaded_since "$_lines"; do
    _i=$((_i + 1))
    sleep 0.1
  done
  now
  seen=$phase_start
  check "$1: reloaded" "log_since $_lines | grep -q 'reloaded:'" "no 'reloaded:' in the log: $(log_since "$_lines")"
  settled "rs1+rs2+rs3" "$(rs 1 1)" "$(rs 2 1)" "$(rs 3 1)"
  check_eq "$1: the table, byte for byte" "$(sorted_table)" "$(cat "$work/before-reload")"
  check_eq "$1: transitions logged" "$(transitions_since "$_lines")" ""
  check_eq "$1: writes logged" "$(log_since "$_lines" | grep 'table:')" ""
}

# ---- the run -------------------------------------------------------------------------

# cleanup: however the run ends, the client and lvsadmd end (either would keep the suite's
# output open), a stopped httpd goes on, and the network goes.
cleanup() {
  [ -z "$client" ] || stop_client
  if [ -n "$daemon" ]; then
    kill -TERM "$daemon"
    wait "$daemon"
  fi
  [ ! -e "$work/hung.rs2" ] || unhang rs2
  teardown
}
client=
daemon=
trap cleanup EXIT

setup
read -r _ user nice system idle iowait irq softirq _ </proc/stat
busy_at_start=$((user + nice + system + irq + softirq))
idle_at_start=$((idle + iowait))
now
run_start=$now
start_lvsadmd

echo "== start"
phase start
detected "+$(at 1 1)" "+$(at 2 1)" "+$(at 3 1)"
echo "   lvsadmd wrote its table $(seconds $((seen - phase_start))) after it was started"
start_client
settled "rs1+rs2+rs3" "$(rs 1 1)" "$(rs 2 1)" "$(rs 3 1)"

echo "== rs2 refuses"
phase rs2-refuses
refuse rs2
detected "+$(at 2 0)"
settled "rs1+rs3" "$(rs 1 1)" "$(rs 2 0)" "$(rs 3 1)"

echo "== rs2 comes back"
phase rs2-back
serve rs2
answering rs2
detected "+$(at 2 1)"
settled "rs1+rs2+rs3" "$(rs 1 1)" "$(rs 2 1)" "$(rs 3 1)"

echo "== rs2 hangs"
phase rs2-hangs
hang rs2
detected "+$(at 2 0)"
settled "rs1+rs3" "$(rs 1 1)" "$(rs 2 0)" "$(rs 3 1)"

echo "== rs2 answers again"
phase rs2-answers
unhang rs2
detected "+$(at 2 1)"
settled "rs1+rs2+rs3" "$(rs 1 1)" "$(rs 2 1)" "$(rs 3 1)"

echo "== every real server refuses"
phase all-down
refuse rs1
refuse rs2
refuse rs3
detected "+${sorry_at}1"
settled "dir" "$(rs 1 0)" "$(rs 2 0)" "$(rs 3 0)" "$sorry"

echo "== rs1 comes back"
phase rs1-back
serve rs1
answering rs1
detected "!$sorry_at"
settled "rs1" "$(rs 1 1)" "$(rs 2 0)" "$(rs 3 0)"

echo "== rs2 and rs3 come back"
phase rs2-rs3-back
serve rs2
serve rs3
answering rs2 rs3
detected "+$(at 2 1)" "+$(at 3 1)"
settled "rs1+rs2+rs3" "$(rs 1 1)" "$(rs 2 1)" "$(rs 3 1)"

echo "== SIGHUP, the same file"
reload_phase reload-same config
echo "== SIGHUP, the same configuration written another way"
reload_phase reload-rewritten config_rewritten

# How busy the VM was: lvsadmd's CPU, and the whole VM's, over the run. Read beside a
# failure: an emulated CPU busy near all the time delays every check.
read -r _ _ _ _ _ _ _ _ _ _ _ _ _ utime stime _ <"/proc/$daemon/stat"
read -r _ user nice system idle iowait irq softirq _ </proc/stat
now
busy=$((user + nice + system + irq + softirq - busy_at_start))
total=$((busy + idle + iowait - idle_at_start))
echo "   in $(seconds $((now - run_start))), lvsadmd used $(seconds $((utime + stime))) of CPU; the VM was busy $((100 * busy / total))% of the time"
stop_client
kill -TERM "$daemon"
wait "$daemon"
daemon=

echo "== the requests of each phase"
requests
echo "== the transitions logged"
# One per event and server: a healthy server that flapped under load would show here, with
# the failure that decided it.
log_since 0 | grep -E ': (up|down|unknown) -> (up|down)' | sed 's/^/   /'
check_eq "only the events' transitions" "$(transitions_since 0 | LC_ALL=C sort | uniq -c | sed 's/^ *//')" "$(printf '%s\n' \
  "1 192.168.10.11:80: down -> up" "1 192.168.10.11:80: up -> down" \
  "3 192.168.10.12:80: down -> up" "3 192.168.10.12:80: up -> down" \
  "1 192.168.10.13:80: down -> up" "1 192.168.10.13:80: up -> down")"

# What lvsadmd said, whole, when anything failed: its checks' failures and its writes.
if [ "$failed" -gt 0 ]; then
  echo "== lvsadmd's log"
  sed 's/^/   /' "$log"
fi

verdict daemon-traffic
