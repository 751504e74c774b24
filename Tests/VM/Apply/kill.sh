# The apply suite's `killed` section, sourced by run.sh: `lvsadm apply` SIGKILLed at
# points spread over its run, on a table of 5,000 services (gen.awk) and a rules file
# that changes a lot of it (mutate.awk), without and with a real --drain.
#
# What a kill can leave: apply sends its plan in order, many requests per sendmsg, and
# the kernel carries out every request of a datagram inside that one system call; a
# SIGKILL takes effect when the call returns. So the table is always the start table
# plus a prefix of the plan, and planning again from it gives the rest: `diff` prints
# exactly a suffix of what `apply --dry-run` printed from the start. With --drain, the
# journal is written before the first write and diff reads it, so from then on the
# suffix is of `apply --dry-run --drain` (weight 0 first, the removals after). Without a
# journal, a drained apply has written nothing yet or finished.
#
# Each apply goes on from where the last one was killed (the next killed apply is "the
# next apply"); one that ends before its kill must have reached the target, and then the
# next ones go back the other way. After each kill: the lock is free; diff is that
# suffix, never longer than after the kill before; no service has fewer real servers of
# weight > 0 than it has at both ends (the kernel's /proc/net/ip_vs: so one weighted at
# both ends is never left with none); the journal is absent or holds the drained servers
# (exactly, until the removals begin) with one deadline. The last apply of each half
# runs to its end, and diff is then empty.
#
# APPLY_KILL_SERVICES (default 5000) and APPLY_KILL_POINTS (default 16 without a drain,
# and 6/7 of it with) make a smaller run for trying the section out.

# weighted: each service (as /proc/net/ip_vs names it) and its real servers of weight > 0.
# The file is copied with cat first: the kernel walks its table from the start for every
# read of the file, and awk's small reads made that walk quadratic (5.4 s against 2.5 s
# for cat and awk together on 9,000 services, in the VM).
weighted() {
  cat /proc/net/ip_vs >"$K.proc"
  awk '$1 == "->" { if (key != "" && $4 > 0) n[key]++; next }
    $1 ~ /^(TCP|UDP|FWM|SCTP)$/ { key = $1 " " $2; n[key] += 0 }
    END { for (k in n) print k, n[k] }' "$K.proc"
}
# missing A B: the lines of B that are not lines of A (a hash join: busybox grep -Fxvf
# compares every line with every pattern, seconds for a few thousand of each).
missing() { awk 'FILENAME == ARGV[1] { seen[$0]; next } !($0 in seen)' "$1" "$2"; }
# lock_free: no process holds an flock on the apply lock (/proc/locks names its inode).
lock_free() {
  [ -e /run/lvsadm.lock ] || return 0
  ! grep -q ":$(stat -c %i /run/lvsadm.lock) " /proc/locks
}
inode_of() { stat -c %i "$1" 2>/dev/null || echo none; }

# kill_plans FROM TO: with the table at FROM, the plans towards TO, without and with a
# drain, and the real servers a drain removes; and the weighted services of FROM.
kill_plans() {
  t0=$(now)
  lvsadm apply --dry-run "$K.$2" >"$K.$1$2.P" 2>/dev/null
  awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.2f\n", b - a }' >"$K.$1$2.O"
  lvsadm apply --dry-run --drain 5 "$K.$2" >"$K.$1$2.Pd" 2>/dev/null
  grep '^-d ' "$K.$1$2.Pd" | sort >"$K.$1$2.D"
  weighted >"$K.$1.w"
  echo "# killed: $1 -> $2: $(wc -l <"$K.$1$2.P") requests, $(wc -l <"$K.$1$2.D") real servers drained"
}

# kill_timed FROM TO: the whole apply FROM -> TO, unkilled; its run time in $K.FROMTO.T.
kill_timed() {
  t0=$(now)
  lvsadm apply "$K.$2"
  check_eq "killed: the unkilled apply $1 -> $2 exits 0" $? 0
  awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.2f\n", b - a }' >"$K.$1$2.T"
  out=$(lvsadm diff "$K.$2")
  check_eq "killed: then diff $2 is empty" "$?:$out" "0:"
  echo "# killed: apply $1 -> $2 takes $(cat "$K.$1$2.T") s"
}

# kill_at MODE FRACTION: the next apply (MODE drain: with --drain $drain_s) killed at a
# point of its expected run given by FRACTION, then the checks. Expected: reading and
# planning, timed as the dry run (they take as long as ever), then the writes of the
# measured run of the whole direction cut down to what is left, plus the drain time when
# a held connection makes it wait. The first fifth of the fractions falls in the reading
# (up to 90% of it: before any write), the rest in the first 85% of the writes and the
# wait (a later point mostly finds the apply ended): reading is about half of a run, and
# kills before the first write all test the same thing.
kill_at() {
  to=B
  [ "$cur" = B ] && to=A
  dir=$cur$to
  args=
  wait_s=0
  if [ "$1" = drain ]; then
    args="--drain $drain_s"
    [ "$dir" = AB ] && wait_s=$drain_s
  fi
  d=$(awk -v f="$2" -v t="$(cat "$K.$dir.T")" -v o="$(cat "$K.$dir.O")" -v n="$wait_s" \
    -v done="${last_done:-0}" -v total="$(wc -l <"$K.$dir.P")" -v same="${last_ref:+1}" 'BEGIN {
      w = t - o; if (w < 0) w = 0
      if (same && total > 0) w = w * (total - done) / total
      if (f < 0.2) printf "%.2f", f / 0.2 * 0.9 * o
      else printf "%.2f", o + (f - 0.2) / 0.8 * 0.85 * (w + n) }')
  before=$(inode_of "$journal")
  lvsadm apply $args "$K.$to" >/dev/null 2>"$K.err" &
  pid=$!
  sleep "$d"
  kill -9 $pid 2>/dev/null
  wait $pid
  rc=$?
  rounds=$((rounds + 1))
  name="killed $1 $rounds: $dir at $d s"
  problems=

  lock_free || problems="$problems; the lock is still held"
  lvsadm diff "$K.$to" >"$K.out" 2>/dev/null
  drc=$?
  left=$(wc -l <"$K.out")
  ref=$K.$dir.P
  [ -e "$journal" ] && ref=$K.$dir.Pd
  total=$(wc -l <"$ref")
  tail -n "$left" "$ref" | cmp -s - "$K.out" || problems="$problems; diff ($left lines) is not a suffix of $(basename "$ref")"
  [ "$drc" = "$([ "$left" -gt 0 ] && echo 1 || echo 0)" ] || problems="$problems; diff exits $drc with $left lines"
  [ "$ref" = "$last_ref" ] && [ "$left" -gt "$last_left" ] && problems="$problems; more left ($left) than after the kill before ($last_left)"

  weighted >"$K.now.w"
  awk 'FILENAME == ARGV[1] { a[$1 " " $2] = $3; next } FILENAME == ARGV[2] { b[$1 " " $2] = $3; next }
    { now[$1 " " $2] = $3 }
    END { for (k in a) if (k in b) { m = a[k] < b[k] ? a[k] : b[k]; if (now[k] + 0 < m) print k, now[k] + 0, m } }' \
    "$K.$cur.w" "$K.$to.w" "$K.now.w" >"$K.fewer"
  [ -s "$K.fewer" ] && problems="$problems; $(wc -l <"$K.fewer") services with fewer weighted real servers than at both ends, e.g. $(head -1 "$K.fewer") (now, fewest at the ends)"

  if [ -e "$journal" ]; then
    [ "$1" = drain ] || problems="$problems; a journal without --drain"
    # Every removal still to come is recorded, and nothing but drained servers; before
    # any removal, exactly the drained servers (an apply killed among the removals
    # leaves some recorded that are gone, and the next one records the rest).
    sed 1d "$journal" | cut -d' ' -f2- | sort >"$K.j"
    grep '^-d ' "$K.out" | sort >"$K.pending"
    [ -n "$(missing "$K.j" "$K.pending")" ] && problems="$problems; a removal to come is not in the journal"
    [ -n "$(missing "$K.$dir.D" "$K.j")" ] && problems="$problems; the journal holds a server not drained"
    [ "$((total - left))" -le "$((total - $(wc -l <"$K.$dir.D")))" ] && ! cmp -s "$K.j" "$K.$dir.D" &&
      problems="$problems; before the removals, the journal is not exactly the drained servers"
    deadline=$(sed 1d "$journal" | cut -d' ' -f1 | sort -u | tr '\n' ' ')
    [ -z "$first_deadline" ] && first_deadline=$deadline
    [ "$deadline" = "$first_deadline" ] || problems="$problems; deadline moved: $deadline, was $first_deadline"
  elif [ "$1" = drain ] && [ "$left" -ne 0 ] && [ "$left" -ne "$total" ]; then
    problems="$problems; no journal, but part of the drained plan done"
  fi

  # Where the kill landed, from what it left: how far the plan got, and whether this
  # apply wrote the journal (each save is a new file, renamed into place).
  done_now=$((total - left))
  progressed=yes
  if [ "$ref" = "$last_ref" ]; then
    [ "$done_now" -gt "$last_done" ] || progressed=no
  else
    [ "$done_now" -gt 0 ] || progressed=no
  fi
  wrote_journal=no
  [ -e "$journal" ] && [ "$(inode_of "$journal")" != "$before" ] && wrote_journal=yes
  first=$((total - $(wc -l <"$K.$dir.D")))
  if [ "$rc" = 0 ]; then
    phase="ended before the kill"
    [ "$left" = 0 ] || problems="$problems; exited 0 with work left"
    [ -e "$journal" ] && problems="$problems; exited 0 leaving the journal"
  elif [ "$rc" != 137 ]; then
    phase="failed"
    problems="$problems; exit status $rc: $(head -2 "$K.err" | tr '\n' ' ')"
  elif [ "$left" = 0 ]; then
    phase="after its last write"
  elif [ $progressed = no ] && [ $wrote_journal = no ]; then
    phase="before its first write"
  elif [ "$1" = nodrain ]; then
    phase="in the batch"
  elif [ "$done_now" -lt "$first" ]; then
    phase="in the first batch"
    [ $progressed = no ] && phase="journal written, before its first write"
  elif [ "$done_now" = "$first" ]; then
    phase="in the drain wait"
  else
    phase="in the removals after the drain"
  fi
  echo "$1: $phase" >>"$K.phases"

  if [ -z "$problems" ]; then
    ok "$name, $phase ($done_now of $total done)"
  else
    fail "$name, $phase ($done_now of $total done)" "${problems#; }"
  fi
  last_ref=$ref
  last_left=$left
  last_done=$done_now
  if [ "$rc" = 0 ] || [ "$left" = 0 ]; then
    # At the target (an apply killed after its last write may have left the journal,
    # which the next apply clears): the next ones go back.
    if [ "$rc" != 0 ]; then
      lvsadm apply "$K.$to"
      check_eq "killed $1 $rounds: the apply after it exits 0" $? 0
    fi
    cur=$to
    last_ref=
    first_deadline=
    [ "$1" = drain ] && [ "$cur" = A ] && hold_again
  fi
}

# hold_again: a fresh connection on $rs:8080, the server the drain towards B waits for.
hold_again() {
  release
  held || fail "killed: a held connection is active" "active=$(active_of 8080)"
}

# kill_converge MODE: the apply after the last kill runs to its end; diff is then empty.
kill_converge() {
  to=B
  [ "$cur" = B ] && to=A
  if [ -n "$last_ref" ]; then
    lvsadm apply "$K.$to"
    check_eq "killed $1: the next apply after the last kill exits 0" $? 0
    cur=$to
  fi
  out=$(lvsadm diff "$K.$cur")
  check_eq "killed $1: diff is then empty" "$?:$out" "0:"
  check_eq "killed $1: no journal is left" "$(ls "$journal" 2>/dev/null)" ""
  check_eq "killed $1: the lock is free" "$(lock_free && echo free)" free
}

# kill_points MODE COUNT STRIDE: COUNT fractions (i + 0.5) / COUNT, visited in the order
# i = j * STRIDE mod COUNT so that neighbouring kills fall far apart in the run.
kill_points() {
  awk -v k="$2" -v s="$3" 'BEGIN {
    x = k; y = s
    while (y > 0) { t = x % y; x = y; y = t }
    if (x != 1) s = 1   # a stride sharing a factor with COUNT would visit some points twice
    for (j = 0; j < k; j++) printf "%.4f\n", ((j * s) % k + 0.5) / k
  }'
}

killed() {
K=$work/k
/sbin/ipvsadm -C
rs_network
gen 41 "${APPLY_KILL_SERVICES:-5000}" 0.9 2 >"$K.base"
awk -v seed=43 -f "$here/mutate.awk" "$K.base" >"$K.changed"
{ cat "$K.base"; printf '%s\n' "-A -t $vip:80 -s rr" "-a -t $vip:80 -r $rs:8080 -m -w 1" "-a -t $vip:80 -r $rs:8081 -m -w 0"; } >"$K.A"
{ cat "$K.changed"; printf '%s\n' "-A -t $vip:80 -s rr" "-a -t $vip:80 -r $rs:8081 -m -w 1"; } >"$K.B"
lvsadm -R <"$K.A"
check_eq "killed: the table of $(grep -c '^-A' "$K.A") services is loaded" "$?:$(grep -c -E '^(TCP|UDP|FWM) ' /proc/net/ip_vs)" \
  "0:$(grep -c '^-A' "$K.A")"
kill_plans A B
kill_timed A B
kill_plans B A
kill_timed B A
cur=A
drain_s=$(awk -v t="$(cat "$K.AB.T")" 'BEGIN { print int(t) + 2 }')
rm -f "$K.phases"
rounds=0
last_ref=
first_deadline=
for f in $(kill_points nodrain "${APPLY_KILL_POINTS:-16}" 7); do kill_at nodrain "$f"; done
kill_converge nodrain
rounds=0
last_ref=
[ "$cur" = A ] && hold_again
for f in $(kill_points drain "$(((${APPLY_KILL_POINTS:-16} * 6 + 6) / 7))" 5); do kill_at drain "$f"; done
release
kill_converge drain
echo "# killed: where the kills landed (mode: phase):"
sort "$K.phases" | uniq -c | sed 's/^/#   /'
}
