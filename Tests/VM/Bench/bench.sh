#!/bin/sh
# Benchmarks inside the micro-VM: the reference ipvsadm and lvsadm on the same kernel in
# the same run, so only ratios mean anything (emulation is slow, but evenly so).
# usage: bench.sh RUNS LARGE_RUNS [SMALL_ONLY]   prints one line per case: medians, ratio,
# user, sys, RSS; then whether every lvsadm -R and apply exited 0 without error output.
set -u
runs=${1:-3}
large_runs=${2:-$runs}
small_only=${3:-}
ref=/sbin/ipvsadm
lvs=/usr/sbin/lvsadm
work=/tmp/bench
mkdir -p $work
# apply takes a lock and keeps a drain journal; both in the scratch folder
export LVSADM_LOCK_FILE=$work/lock LVSADM_STATE_DIR=$work/state

# rules SERVICES DESTS FILE: SERVICES TCP services with DESTS NAT real servers each.
rules() {
  awk -v s="$1" -v d="$2" 'BEGIN {
    for (i = 0; i < s; i++) {
      vip = sprintf("10.%d.%d.%d:80", 100 + int(i / 65536), int(i / 256) % 256, i % 256)
      printf "-A -t %s -s wlc\n", vip
      for (j = 1; j <= d; j++) printf "-a -t %s -r 172.%d.%d.%d:8080 -m -w %d\n", vip, 16 + j, int(i / 256) % 256, i % 256, j
    }
  }' >"$3"
}

# Every table is built in a network namespace of its own, never after a flush: the kernel
# keeps a flushed table's real servers in a trash list for a minute or two and walks it on
# every add (ip_vs_trash_get_dest), so a -R after -C would measure mostly the kernel's
# ip_vs_add_dest, and the 110,000-line one would grow quadratically. A restore
# onto a fresh table is also what a director does at boot.
TIMEFMT='%e %U %S %M %x'

# fresh NS: a new, empty namespace NS with lo up (without a local address the kernel has
# no local routing table and refuses every real server: "address not unicast"); drop NS: flush it (cheaply, while we wait) and delete it
fresh() {
  ip netns add "$1"
  ip netns exec "$1" ip link set lo up
}
drop() {
  ip netns exec "$1" $ref -C
  ip netns del "$1"
  sleep 1  # let the namespace's cleanup run before the next measurement
}

# measure NS TOOL ARGS...: one run in NS as "elapsed user sys maxrss_kb status errbytes",
# output discarded. GNU time writes a "Command exited with non-zero status" line first on
# failure, hence the last line.
measure() {
  ns=$1; shift
  ip netns exec "$ns" /usr/bin/time -f "$TIMEFMT" -o $work/t "$@" >/dev/null 2>$work/err </dev/null
  echo "$(tail -n 1 $work/t) $(wc -c <$work/err)"
}
measure_restore() { # measure_restore TOOL FILE: -R of FILE into a fresh namespace; its -S -n kept
  fresh r
  ip netns exec r /usr/bin/time -f "$TIMEFMT" -o $work/t "$1" -R <"$2" >/dev/null 2>$work/err
  echo "$(tail -n 1 $work/t) $(wc -c <$work/err)"
  ip netns exec r $ref -S -n >$work/$(basename "$1").save
  drop r
}
measure_apply_empty() { # measure_apply_empty FILE: lvsadm apply FILE onto a fresh namespace
  fresh r
  measure r $lvs apply "$1"
  drop r
}
measure_apply_weights() { # measure_apply_weights NS CHANGED ORIGINAL: apply CHANGED, then undo
  measure "$1" $lvs apply "$2"
  ip netns exec "$1" $lvs -S -n >$work/applied.save
  ip netns exec "$1" $lvs apply "$3" >/dev/null
}

# repeat N CMD...: N measurements, one per line
repeat() {
  n=$1; shift
  i=0; while [ $i -lt "$n" ]; do i=$((i + 1)); "$@"; done
}

# pair N FILE_A FILE_B 'COMMAND A' 'COMMAND B': N measurements of each, taken in turns
# (A, B, A, B...) so that a change in the host's load over the minutes of a case falls on
# both alike; one tool's runs after the other's let a busy minute land on one side only.
pair() {
  pair_i=0
  : >"$2"
  : >"$3"
  while [ $pair_i -lt "$1" ]; do
    pair_i=$((pair_i + 1))
    eval "$4" >>"$2"
    eval "$5" >>"$3"
  done
}

# median of the first field of lines on stdin, with the rest of that run's line
median() { sort -n | awk '{ line[NR] = $0 } END { print line[int((NR + 1) / 2)] }'; }

report() { # report NAME TARGET REF_LINE LVS_LINE (each line: elapsed user sys rss ...)
  echo "$(echo "$3" | cut -d' ' -f1-4) $(echo "$4" | cut -d' ' -f1-4)" | awk -v name="$1" -v target="$2" '{
    ratio = ($1 > 0) ? $5 / $1 : 0
    verdict = (target == "-") ? "" : (ratio <= target ? "met" : "NOT met")
    printf "%-34s %9.3f %9.3f %7.2f %6s %-7s | %6.2f %6.2f %7d | %6.2f %6.2f %7d\n",
      name, $1, $5, ratio, target, verdict, $2, $3, $4, $6, $7, $8
  }'
}

# report_apply NAME TARGET REF_NAME REF_LINE LVS_LINE: ipvsadm has no apply; the ratio
# is to a reference time of the same run (REF_NAME), the user/sys/rss are lvsadm's.
report_apply() {
  echo "$(echo "$4" | cut -d' ' -f1) $(echo "$5" | cut -d' ' -f1-4)" | awk -v name="$1" -v target="$2" -v ref="$3" '{
    ratio = ($1 > 0) ? $2 / $1 : 0
    verdict = (target == "-") ? "" : (ratio <= target ? "met" : "NOT met")
    printf "%-34s %9s %9.3f %7.2f %6s %-7s | %-22s | %6.2f %6.2f %7d\n",
      name, "-", $2, ratio, target, verdict, "ratio to " ref " " $1 " s", $3, $4, $5
  }'
}

# check NAME FILE: every measured lvsadm run in FILE exited 0 and wrote no error output
check() {
  awk -v name="$2" '$5 != 0 || $6 != 0 { bad++ } END {
    printf "check: %s: %d run(s), %s\n", name, NR, bad ? bad " with a non-zero exit or error output" : "all exit 0, no error output"
  }' "$1"
}

header() {
  printf "%-34s %9s %9s %7s %6s %-7s | %-22s | %-22s\n" case ipvsadm lvsadm ratio target "" \
    "ipvsadm user sys rssKB" "lvsadm user sys rssKB"
}

# weights_changed IN OUT: every 100th real server line with its weight plus 100
weights_changed() {
  awk '/^-a / { n++; if (n % 100 == 0) { $NF = $NF + 100 } } { print }' "$1" >"$2"
}

bench_table() { # bench_table SERVICES DESTS RUNS
  s=$1; d=$2; n=$3
  file=$work/rules-$s-$d
  rules "$s" "$d" "$file"
  lines=$(wc -l <"$file")
  pair "$n" $work/ipvsadm.R.all $work/lvsadm.R.all "measure_restore $ref $file" "measure_restore $lvs $file"
  median <$work/ipvsadm.R.all >$work/ipvsadm.R
  median <$work/lvsadm.R.all >$work/lvsadm.R
  report "-R $lines lines" 0.33 "$(cat $work/ipvsadm.R)" "$(cat $work/lvsadm.R)"
  # The last restore of each tool must have built the same table.
  cmp -s $work/ipvsadm.save $work/lvsadm.save || echo "WARNING: lvsadm -R built a different table"
  # The listings, one -A and apply run against one table, built once.
  fresh t
  ip netns exec t $lvs -R <"$file"
  for listing in "-S -n" "-L -n"; do
    pair "$n" $work/ipvsadm.L.all $work/lvsadm.L.all "measure t $ref $listing" "measure t $lvs $listing"
    report "$listing of $lines lines" 0.5 "$(median <$work/ipvsadm.L.all)" "$(median <$work/lvsadm.L.all)"
  done
  # One -A on the loaded table: start-up dominates; 15 runs each.
  for tool in $ref $lvs; do
    i=0
    while [ $i -lt 15 ]; do
      i=$((i + 1))
      measure t $tool -A -t 192.0.2.1:$((1000 + i)) -s rr
      ip netns exec t $ref -D -t 192.0.2.1:$((1000 + i))
    done | median >$work/$(basename $tool).A
  done
  report "one -A on $lines lines" 0.5 "$(cat $work/ipvsadm.A)" "$(cat $work/lvsadm.A)"
  # apply, which ipvsadm has not: unchanged (target: one lvsadm -S -n of this run), with 1%
  # of the weights changed (compared with -S -n too), onto an empty table (with ipvsadm -R).
  # The unchanged apply takes turns with lvsadm -S -n, its reference.
  weights_changed "$file" $work/weights-$s-$d
  pair "$n" $work/apply.same.all $work/lvsadm.S.all "measure t $lvs apply $file" "measure t $lvs -S -n"
  median <$work/lvsadm.S.all >$work/lvsadm.S
  repeat "$n" measure_apply_weights t $work/weights-$s-$d "$file" >$work/apply.weights.all
  drop t
  fresh w
  ip netns exec w $ref -R <$work/weights-$s-$d
  ip netns exec w $ref -S -n >$work/weights.save
  drop w
  cmp -s $work/applied.save $work/weights.save || echo "WARNING: apply of the changed weights built a different table"
  repeat "$n" measure_apply_empty "$file" >$work/apply.empty.all
  report_apply "apply $lines lines, unchanged" 1.0 "lvsadm -S -n" "$(cat $work/lvsadm.S)" "$(median <$work/apply.same.all)"
  report_apply "apply $lines lines, 1% weights" - "lvsadm -S -n" "$(cat $work/lvsadm.S)" "$(median <$work/apply.weights.all)"
  report_apply "apply $lines lines onto empty" - "ipvsadm -R" "$(cat $work/ipvsadm.R)" "$(median <$work/apply.empty.all)"
  check $work/lvsadm.R.all "lvsadm -R of $lines lines"
  cat $work/apply.same.all $work/apply.empty.all $work/apply.weights.all >$work/apply.all
  check $work/apply.all "lvsadm apply of $lines lines"
}

# The first process after boot that asks for random bytes (the Swift runtime seeds its
# hashing) makes the kernel generate entropy first; do that before anything is measured.
head -c 1 /dev/random >/dev/null
echo "medians of $runs runs (one -A: 15; the 10,000 x 10 table: $large_runs) in seconds, ratio = lvsadm / ipvsadm"
header
bench_table 2000 5 "$runs"
[ -n "$small_only" ] || bench_table 10000 10 "$large_runs"
echo "bench: done"
