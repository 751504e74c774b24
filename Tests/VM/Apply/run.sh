#!/bin/sh
# The apply suite: `lvsadm apply` and `lvsadm diff` against the real kernel, judged by the
# reference ipvsadm. Runs inside the micro-VM with lvsadm at /bin/lvsadm and this folder
# at /apply (see Tests/VM/README.md); ends with "apply: N passed, N failed".
#   usage: sh run.sh [roundtrips|inplace|failure|settings|churn|concurrency|drain|writers|killed]...
#   (default: all but killed, which Scripts/test runs as a suite of its own)
#   - seeded random tables (one of 2,000 services): apply A, then B, the table equals B as
#     `/sbin/ipvsadm -S -n` reads it; diff of B against itself is empty with status 0;
#     diff of A, fed to the reference `ipvsadm -R`, gives A back; the -S --json document
#     of a table, applied after a change, gives the table back;
#   - in place: a scheduler or weight change keeps the real servers' kernel order;
#   - injected failure: an unknown scheduler in the middle of a big change leaves the
#     table (and the timeouts) byte-identical, and names the line; also with --drain and
#     with a drain left unfinished (the journal as it was);
#   - timeouts and a sync daemon in the rules are set, and a changed daemon restarted;
#   - reads under a writer: diff and apply never act on a torn dump;
#   - concurrency: two applies started together end in one of the two states, wholly;
#   - drain: weight 0 first, deletion once the held connection ends; a drain killed
#     midway is finished by the next apply; the lock holds other applies meanwhile;
#   - writers (writers.sh): which write wins between apply and hand-typed -a/-e/-d, made
#     deterministic by a drain that holds apply between its batches; two applies and a
#     stream of hand-typed writes at once;
#   - killed (kill.sh): apply SIGKILLed at 30 points of its run on 5,000 services, with
#     and without a drain: diff is then exactly the rest of the plan, no service is left
#     without a weighted real server, the lock is free, the journal is right, and the
#     next apply finishes the work.
set -u
here=$(cd "$(dirname "$0")" && pwd)
work=/tmp/apply
rm -rf "$work"
mkdir -p "$work"
export LVSADM_STATE_DIR="$work/state"
journal=$LVSADM_STATE_DIR/drain
. "$here/../lib/check.sh"
# check_same NAME FILE1 FILE2: byte-identical files (a few differing lines shown if not).
check_same() {
  if cmp -s "$2" "$3"; then ok "$1"; else fail "$1" "$(diff "$2" "$3" | head -6 | tr '\n' '|')"; fi
}

ref() { /sbin/ipvsadm -S -n; }
. "$here/connection.sh"
. "$here/kill.sh"
. "$here/writers.sh"
gen() { awk -v seed="$1" -v n="$2" -v p="$3" -v maxrs="$4" -f "$here/gen.awk"; }
now() { cut -d' ' -f1 /proc/uptime; }

# normalise FILE RESTORER: FILE as the kernel keeps it, read by the reference ipvsadm
# (FILE.ref) and by lvsadm (FILE.lref, which keeps thresholds). RESTORER loads it into
# an empty table: /sbin/ipvsadm for small files, lvsadm for the big one (ipvsadm -R
# takes a socket per line).
normalise() {
  /sbin/ipvsadm -C
  if ! $2 -R <"$1"; then fail "$2 -R accepts $(basename "$1")"; fi
  ref >"$1.ref"
  lvsadm -S -n >"$1.lref"
  /sbin/ipvsadm -C
}

# ---- round trips on random tables -----------------------------------------------------

# roundtrip NAME SEED_A SEED_B SERVICES P MAXRS RESTORER
roundtrip() {
  name=$1
  a=$work/$name.A
  b=$work/$name.B
  gen "$2" "$4" "$5" "$6" >"$a"
  gen "$3" "$4" "$5" "$6" >"$b"
  normalise "$a" "$7"
  normalise "$b" "$7"
  echo "# $name: A $(grep -c '^-A' "$a.ref") services, $(wc -l <"$a") lines; B $(grep -c '^-A' "$b.ref") services"
  t0=$(now)
  lvsadm apply "$a"
  check_eq "$name: apply A exits 0" $? 0
  ref >"$work/now"
  check_same "$name: table is A (ipvsadm -S -n)" "$work/now" "$a.ref"
  t1=$(now)
  lvsadm apply "$b"
  check_eq "$name: apply B exits 0" $? 0
  t2=$(now)
  echo "# $name: apply A ${t0}->${t1}, apply B ->${t2} (uptime s)"
  ref >"$work/now"
  check_same "$name: table is B (ipvsadm -S -n)" "$work/now" "$b.ref"
  lvsadm -S -n >"$work/now"
  check_same "$name: table is B (lvsadm -S -n, with thresholds)" "$work/now" "$b.lref"
  out=$(lvsadm diff "$b")
  check_eq "$name: diff B B exits 0" $? 0
  check_eq "$name: diff B B prints nothing" "$out" ""
  out=$(lvsadm diff - <"$b.lref")
  check_eq "$name: diff of lvsadm -S -n output is empty" "$?:$out" "0:"
  lvsadm diff "$a" >"$work/diff"
  check_eq "$name: diff B A exits 1" $? 1
  /sbin/ipvsadm -R <"$work/diff"
  check_eq "$name: reference ipvsadm -R accepts the diff" $? 0
  ref >"$work/now"
  check_same "$name: diff B A through ipvsadm -R gives A" "$work/now" "$a.ref"
  [ "$name" = big ] || json_roundtrip "$name" "$b" "$a.ref"
}

# json_roundtrip NAME OTHER_RULES EXPECTED_REF: the table's -S --json document, applied
# after OTHER_RULES, brings the table back (save and apply round-trip through JSON).
json_roundtrip() {
  lvsadm -S --json >"$work/json"
  lvsadm apply "$2"
  lvsadm diff "$work/json" >/dev/null
  check_eq "$1: diff of the saved JSON document exits 1 after a change" $? 1
  lvsadm apply "$work/json"
  check_eq "$1: apply of the saved JSON document exits 0" $? 0
  ref >"$work/now"
  check_same "$1: the JSON document gives the table back (ipvsadm -S -n)" "$work/now" "$3"
  out=$(lvsadm diff "$work/json")
  check_eq "$1: diff of the JSON document against its own table is empty" "$?:$out" "0:"
}

roundtrips() {
/sbin/ipvsadm -C
roundtrip small1 1 2 60 0.7 4 /sbin/ipvsadm
roundtrip small2 3 4 60 0.5 6 /sbin/ipvsadm
roundtrip small3 5 6 30 1.0 2 /sbin/ipvsadm
roundtrip big 7 8 2000 0.9 3 lvsadm
}

# ---- in place -----------------------------------------------------------------------

inplace() {
/sbin/ipvsadm -C
/sbin/ipvsadm -A -t 10.5.0.1:80 -s rr
for h in 1 2 3; do /sbin/ipvsadm -a -t 10.5.0.1:80 -r 10.5.1.$h:8080 -m -w 1; done
order() { /sbin/ipvsadm -L -n --nosort | awk '$1 == "->" && $2 ~ /^10/ { printf "%s/%s ", $2, $4 }'; }
before=$(order)
printf '%s\n' "-A -t 10.5.0.1:80 -s wlc" "-a -t 10.5.0.1:80 -r 10.5.1.1:8080 -m -w 1" \
  "-a -t 10.5.0.1:80 -r 10.5.1.2:8080 -m -w 7" "-a -t 10.5.0.1:80 -r 10.5.1.3:8080 -m -w 1" >"$work/inplace"
lvsadm apply "$work/inplace"
check_eq "in place: apply exits 0" $? 0
check_eq "in place: real servers keep their kernel order, weight changed" "$(order)" \
  "$(echo "$before" | sed 's|10.5.1.2:8080/1|10.5.1.2:8080/7|')"
check_eq "in place: scheduler changed" "$(ref | head -1)" "-A -t 10.5.0.1:80 -s wlc"
}

# ---- injected failure ----------------------------------------------------------------

failure() {
/sbin/ipvsadm -C
gen 11 600 0.7 3 >"$work/f0"
lvsadm apply "$work/f0"
check_eq "failure: setting up exits 0" $? 0
ref >"$work/before"
/sbin/ipvsadm -L --timeout >"$work/before.timeouts"
gen 12 600 0.7 3 >"$work/f1"
mid=$(($(wc -l <"$work/f1") / 2))
# The bad service goes before an -A line, so that the -a lines around it stay with theirs.
mid=$(awk -v m="$mid" 'NR >= m && /^-A/ { print NR; exit }' "$work/f1")
{ echo "--set 111 22 33"; awk -v m="$mid" 'NR == m { print "-A -t 10.99.0.1:80 -s nosuch" } { print }' "$work/f1"; } \
  >"$work/f1.bad"
bad=$((mid + 1))
echo "# failure: $(wc -l <"$work/f1.bad") lines, the bad one is line $bad"
lvsadm apply "$work/f1.bad" 2>"$work/err"
check_eq "failure: apply exits 1" $? 1
check_eq "failure: the message names the line" "$(head -1 "$work/err")" \
  "line $bad: Scheduler or persistence engine not found"
ref >"$work/after"
check_same "failure: the table is byte-identical to before" "$work/after" "$work/before"
/sbin/ipvsadm -L --timeout >"$work/after.timeouts"
check_same "failure: the timeouts are as before" "$work/after.timeouts" "$work/before.timeouts"
out=$(lvsadm diff "$work/f0")
check_eq "failure: diff against the old state is empty" "$?:$out" "0:"

# The same with --drain (its weight-0 edits are in the batch too), and with a drain left
# unfinished by an earlier apply: all or nothing, and the journal as it was.
lvsadm -S -n >"$work/before.l"
lvsadm apply --drain 30 "$work/f1.bad" 2>"$work/err"
check_eq "failure --drain: apply exits 1, naming the line" "$?:$(head -1 "$work/err")" \
  "1:line $bad: Scheduler or persistence engine not found"
ref >"$work/after"
check_same "failure --drain: the table is byte-identical to before (ipvsadm -S -n)" "$work/after" "$work/before"
lvsadm -S -n >"$work/after.l"
check_same "failure --drain: the table is byte-identical to before (lvsadm -S -n)" "$work/after.l" "$work/before.l"
check_eq "failure --drain: no journal is left" "$(ls "$journal" 2>/dev/null)" ""
removed=$(lvsadm diff "$work/f1" 2>/dev/null | grep -m 1 '^-d ')
mkdir -p "$LVSADM_STATE_DIR"
printf '# lvsadm drain journal\n%s %s\n' $(($(date +%s) + 600)) "$removed" >"$journal"
cp "$journal" "$work/journal.before"
lvsadm apply "$work/f1.bad" 2>"$work/err"
check_eq "failure, a drain unfinished: apply exits 1" $? 1
ref >"$work/after"
check_same "failure, a drain unfinished: the table is byte-identical to before" "$work/after" "$work/before"
check_same "failure, a drain unfinished: the journal is as it was" "$journal" "$work/journal.before"
rm -f "$journal"
}

# ---- timeouts and daemons -----------------------------------------------------------

settings() {
/sbin/ipvsadm -C
ip link add lvsd0 type dummy
ip link set lvsd0 up
ip addr add 10.8.0.1/24 dev lvsd0
rules="-A -t 10.6.0.1:80 -s rr"
printf '%s\n' "$rules" "--set 100 20 30" "--start-daemon master --mcast-interface lvsd0 --syncid 5" >"$work/s1"
lvsadm apply "$work/s1"
check_eq "settings: apply exits 0" $? 0
check_eq "settings: timeouts set" "$(/sbin/ipvsadm -L --timeout)" "Timeout (tcp tcpfin udp): 100 20 30"
check_eq "settings: daemon started" "$(/sbin/ipvsadm -L --daemon | cut -d, -f1-2)" \
  "master sync daemon (mcast=lvsd0, syncid=5"
out=$(lvsadm diff "$work/s1")
check_eq "settings: diff is then empty" "$?:$out" "0:"
sleep 1 # let the sync thread run before it is stopped (see compatibility.md #10)
printf '%s\n' "$rules" "--set 0 0 40" "--start-daemon master --mcast-interface lvsd0 --syncid 6" >"$work/s2"
check_eq "settings: diff restarts the daemon" "$(lvsadm diff "$work/s2" | tr '\n' ';')" \
  "--set 0 0 40;--stop-daemon master;--start-daemon master --mcast-interface lvsd0 --syncid 6;"
lvsadm apply "$work/s2"
check_eq "settings: second apply exits 0" $? 0
check_eq "settings: a 0 leaves a timeout as it is" "$(/sbin/ipvsadm -L --timeout)" "Timeout (tcp tcpfin udp): 100 20 40"
check_eq "settings: daemon restarted" "$(/sbin/ipvsadm -L --daemon | cut -d, -f1-2)" \
  "master sync daemon (mcast=lvsd0, syncid=6"
sleep 1
/sbin/ipvsadm --stop-daemon master
}

# ---- reads while someone else writes -------------------------------------------------
# A health checker keeps moving one weight, and a service Y keeps coming and going, while
# diff and apply read a 2,000-service table (a dump of many parts, resumed by index).

churn() {
gen 31 2000 0.9 2 >"$work/k"
printf '%s\n' "-A -t 10.66.0.1:80 -s rr" "-a -t 10.66.0.1:80 -r 10.66.1.1:80 -m -w 1" >>"$work/k"
normalise "$work/k" lvsadm
lvsadm -R <"$work/k"
rm -f "$work/stop"
(
  i=0
  while [ ! -e "$work/stop" ]; do
    i=$((i + 1))
    /sbin/ipvsadm -e -t 10.66.0.1:80 -r 10.66.1.1:80 -m -w $((i % 5 + 2))
    # Y comes or goes every 8th round (~3 s): reads must sometimes fit in between.
    case $((i % 16)) in
      0) /sbin/ipvsadm -A -t 10.66.0.2:80 ;;
      8) /sbin/ipvsadm -D -t 10.66.0.2:80 ;;
    esac
    sleep 0.3
  done
) &
writer=$!
readable=0
spurious=0
for n in 1 2 3 4 5; do
  lvsadm diff "$work/k" >"$work/churn.out" 2>"$work/churn.err"
  rc=$?
  case $rc in
    0 | 1)
      readable=$((readable + 1))
      spurious=$((spurious + $(grep -v -e '^-e -t 10.66.0.1:80 -r 10.66.1.1:80 ' -e '^-D -t 10.66.0.2:80$' "$work/churn.out" | wc -l)))
      ;;
    2) grep -q 'kept changing' "$work/churn.err" || spurious=$((spurious + 1)) ;;
    *) spurious=$((spurious + 1)) ;;
  esac
done
check_eq "churn: diff never shows a change nobody made ($readable of 5 reads agreed)" "$spurious" 0
check_eq "churn: reads agree often enough to work" "$([ $readable -ge 2 ] && echo yes)" yes
lvsadm apply "$work/k" 2>"$work/churn.err"
rc=$?
touch "$work/stop"
wait $writer
ref | grep -v -e '10\.66\.0\.[12]:80' >"$work/now"
grep -v -e '10\.66\.0\.[12]:80' "$work/k.ref" >"$work/k.ref.rest"
if [ $rc = 2 ] && grep -q 'kept changing' "$work/churn.err"; then
  ok "churn: apply meanwhile gave up on a table that kept changing, touching nothing"
  lvsadm apply "$work/k"
else
  check_eq "churn: apply exits 0 meanwhile" "$rc:$(cat "$work/churn.err")" "0:"
fi
check_same "churn: the rest of the table is as asked" "$work/now" "$work/k.ref.rest"
lvsadm apply "$work/k"
out=$(lvsadm diff "$work/k")
check_eq "churn: once quiet, apply leaves nothing to do" "$?:$out" "0:"
}

# ---- concurrency ---------------------------------------------------------------------

concurrency() {
gen 20 500 0.8 3 >"$work/e"
gen 21 500 0.8 3 >"$work/c"
gen 22 500 0.8 3 >"$work/d"
normalise "$work/c" lvsadm
normalise "$work/d" lvsadm
for round in 1 2 3; do
  lvsadm apply "$work/e"
  LVSADM_LOCK_FILE=${APPLY_LOCK_C:-/run/lvsadm.lock} lvsadm apply "$work/c" 2>"$work/c.err" &
  pc=$!
  LVSADM_LOCK_FILE=${APPLY_LOCK_D:-/run/lvsadm.lock} lvsadm apply "$work/d" 2>"$work/d.err" &
  pd=$!
  wait $pc
  rc=$?
  wait $pd
  check_eq "concurrency $round: both applies exit 0" "$rc $?" "0 0"
  ref >"$work/now"
  if cmp -s "$work/now" "$work/c.ref" || cmp -s "$work/now" "$work/d.ref"; then
    ok "concurrency $round: the table is wholly one of the two"
  else
    fail "concurrency $round: the table is a mixture" \
      "$(diff "$work/now" "$work/c.ref" | wc -l) lines off C, $(diff "$work/now" "$work/d.ref" | wc -l) off D"
  fi
done
}

# ---- drain ---------------------------------------------------------------------------
# A real connection (connection.sh) held on the server being drained.

drain() {
/sbin/ipvsadm -C
rs_network

start_table() {
  /sbin/ipvsadm -C
  /sbin/ipvsadm -A -t $vip:80 -s rr
  /sbin/ipvsadm -a -t $vip:80 -r $rs:8080 -m -w 1
  /sbin/ipvsadm -a -t $vip:80 -r $rs:8081 -m -w 0
}
printf '%s\n' "-A -t $vip:80 -s rr" "-a -t $vip:80 -r $rs:8081 -m -w 1" >"$work/drained"
cp "$work/drained" "$work/drained3"
echo "-a -t $vip:80 -r $rs:8082 -m -w 1" >>"$work/drained3"

start_table
hold
if until_true 10 '[ "$(active_of 8080)" = 1 ]'; then ok "drain: a held connection is active"; else
  fail "drain: a held connection is active" "active=$(active_of 8080)"; fi
t0=$(now)
lvsadm apply --drain 60 "$work/drained" 2>"$work/drain.err" &
pa=$!
until_true 20 '[ "$(weight_of 8080)" = 0 ]'
check_eq "drain: first the server goes to weight 0 (and the other up)" "$(weight_of 8080) $(weight_of 8081)" "0 1"
check_eq "drain: the drain is recorded" "$(grep -c -- "-d -t $vip:80 -r $rs:8080" "$journal" 2>/dev/null)" 1
# Another apply waits for the lock while the drain runs.
lvsadm apply "$work/drained3" &
pb=$!
sleep 2
check_eq "drain: a second apply waits for the lock" "$(weight_of 8082)" ""
check_eq "drain: still there while the connection lasts" "$(weight_of 8080)" 0
release
wait $pa
check_eq "drain: apply exits 0 once the connection ended" "$?:$(cat "$work/drain.err")" "0:"
t1=$(now)
echo "# drain: took ${t0} -> ${t1} (uptime s) of a 60 s limit"
check_eq "drain: well before its 60 s limit" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print (b - a < 45) }')" 1
wait $pb
check_eq "drain: the waiting apply then ran" "$?:$(weight_of 8082)" "0:1"
check_eq "drain: the drained server is gone" "$(weight_of 8080)" ""
check_eq "drain: the record is gone" "$(ls "$journal" 2>/dev/null)" ""

# A drain killed midway: the next apply (without --drain) finishes it.
start_table
hold
until_true 10 '[ "$(active_of 8080)" = 1 ]'
lvsadm apply --drain 5 "$work/drained" &
pa=$!
until_true 20 '[ "$(weight_of 8080)" = 0 ]'
kill -9 $pa
wait $pa 2>/dev/null
check_eq "crash: the server was left at weight 0, recorded" "$(weight_of 8080):$(grep -c -- "-r $rs:8080" "$journal")" "0:1"
lvsadm apply "$work/drained"
check_eq "crash: the next apply exits 0" $? 0
check_eq "crash: it deleted the server at the recorded deadline" "$(weight_of 8080)" ""
check_eq "crash: the record is gone" "$(ls "$journal" 2>/dev/null)" ""
release
}

# Sections named as arguments (default: all). APPLY_LOCK_C / APPLY_LOCK_D give the two
# concurrent applies their own lock files, to see the concurrency check catch a mixture.
for section in ${*:-roundtrips inplace failure settings churn concurrency drain writers}; do
  $section
done

verdict apply
