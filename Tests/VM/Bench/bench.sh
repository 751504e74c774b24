#!/bin/sh
# Benchmarks inside the micro-VM: the reference ipvsadm and lvsadm on the same kernel in
# the same run, so only ratios mean anything (emulation is slow, but evenly so).
# usage: bench.sh RUNS [SMALL_ONLY]   prints one line per case: medians, ratio, user, sys, RSS
set -u
runs=${1:-3}
small_only=${2:-}
ref=/sbin/ipvsadm
lvs=/usr/sbin/lvsadm
work=/tmp/bench
mkdir -p $work

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

# measure TOOL CMD...: one run as "elapsed user sys maxrss_kb", output discarded.
measure() {
  /usr/bin/time -f '%e %U %S %M' -o $work/t "$@" >/dev/null 2>$work/err </dev/null
  cat $work/t
}
measure_restore() { # measure_restore TOOL FILE
  $ref -C
  /usr/bin/time -f '%e %U %S %M' -o $work/t "$1" -R <"$2" >/dev/null 2>$work/err
  cat $work/t
}

# median of the first field of lines on stdin, with the user/sys/rss of that run
median() { sort -n | awk '{ line[NR] = $0 } END { print line[int((NR + 1) / 2)] }'; }

report() { # report NAME TARGET REF_LINE LVS_LINE
  echo "$3 $4" | awk -v name="$1" -v target="$2" '{
    ratio = ($1 > 0) ? $5 / $1 : 0
    verdict = (target == "-") ? "" : (ratio <= target ? "met" : "NOT met")
    printf "%-34s %9.3f %9.3f %7.2f %6s %-7s | %6.2f %6.2f %7d | %6.2f %6.2f %7d\n",
      name, $1, $5, ratio, target, verdict, $2, $3, $4, $6, $7, $8
  }'
}

header() {
  printf "%-34s %9s %9s %7s %6s %-7s | %-22s | %-22s\n" case ipvsadm lvsadm ratio target "" \
    "ipvsadm user sys rssKB" "lvsadm user sys rssKB"
}

bench_table() { # bench_table SERVICES DESTS
  s=$1; d=$2
  file=$work/rules-$s-$d
  rules "$s" "$d" "$file"
  lines=$(wc -l <"$file")
  for tool in $ref $lvs; do
    i=0; while [ $i -lt "$runs" ]; do i=$((i + 1)); measure_restore $tool "$file"; done | median >$work/$(basename $tool).R
  done
  report "-R $lines lines" 0.33 "$(cat $work/ipvsadm.R)" "$(cat $work/lvsadm.R)"
  # The restores above must have built the same table.
  $ref -C; $ref -R <"$file"; $ref -S -n >$work/ref.save
  $ref -C; $lvs -R <"$file"; $ref -S -n >$work/lvs.save
  cmp -s $work/ref.save $work/lvs.save || echo "WARNING: lvsadm -R built a different table"
  for listing in "-S -n" "-L -n"; do
    for tool in $ref $lvs; do
      i=0; while [ $i -lt "$runs" ]; do i=$((i + 1)); measure $tool $listing; done | median >$work/$(basename $tool).L
    done
    report "$listing of $lines lines" 0.5 "$(cat $work/ipvsadm.L)" "$(cat $work/lvsadm.L)"
  done
  # One -A on the loaded table: start-up dominates; 15 runs each.
  for tool in $ref $lvs; do
    i=0
    while [ $i -lt 15 ]; do
      i=$((i + 1))
      measure $tool -A -t 192.0.2.1:$((1000 + i)) -s rr
      $ref -D -t 192.0.2.1:$((1000 + i))
    done | median >$work/$(basename $tool).A
  done
  report "one -A on $lines lines" 0.5 "$(cat $work/ipvsadm.A)" "$(cat $work/lvsadm.A)"
}

# The first process after boot that asks for random bytes (the Swift runtime seeds its
# hashing) makes the kernel generate entropy first; do that before anything is measured.
head -c 1 /dev/random >/dev/null
echo "medians of $runs runs (one -A: 15) in seconds, ratio = lvsadm / ipvsadm"
header
bench_table 2000 5
[ -n "$small_only" ] || bench_table 10000 10
echo "bench: done"
