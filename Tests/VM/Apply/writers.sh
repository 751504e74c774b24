# The apply suite's `writers` section, sourced by run.sh: which write wins when apply and
# hand-typed lvsadm -a/-e/-d run at the same time (Docs/apply.md, "Other writers").
#
# Deterministic: a real drain holds apply between its two batches (the first batch
# written, the removals waiting for a held connection), and the hand-typed commands run
# in that window, after apply's read and around its writes:
#   - a write to something the plan does not touch survives;
#   - a write after apply's own write to the same thing wins (apply never reads again);
#   - a write before apply's later write to the same thing loses to it;
#   - a removal apply was about to make, made by hand first, is no error;
#   - diff then shows exactly the hand-typed differences;
#   - a second apply started meanwhile waits for the lock, then reads everything before
#     it and leaves exactly its own rules.
# Then a stream: two applies of different files and a loop of hand-typed writes to one
# service at once; both applies exit 0, the rest of the table is wholly one file's, and
# diff against that file shows nothing but the stream's service.

writers() {
/sbin/ipvsadm -C
rs_network
h=10.78.0.1:80
# Start: V with 8080 (the held connection), 8082, 8083; H with .1 (w 1), .2 (w 1).
start_writers() {
  /sbin/ipvsadm -C
  /sbin/ipvsadm -A -t $vip:80 -s rr
  /sbin/ipvsadm -a -t $vip:80 -r $rs:8080 -m -w 1
  for p in 8081 8082 8083; do /sbin/ipvsadm -a -t $vip:80 -r $rs:$p -m -w 0; done
  /sbin/ipvsadm -A -t $h -s rr
  /sbin/ipvsadm -a -t $h -r 10.78.1.1:80 -m -w 1
  /sbin/ipvsadm -a -t $h -r 10.78.1.2:80 -m -w 1
}
# C: V keeps 8081 only (8080, 8082 and 8083 drained); H's .2 raised to 3, .1 unchanged.
printf '%s\n' "-A -t $vip:80 -s rr" "-a -t $vip:80 -r $rs:8081 -m -w 1" "-A -t $h -s rr" \
  "-a -t $h -r 10.78.1.1:80 -m -w 1" "-a -t $h -r 10.78.1.2:80 -m -w 3" >"$work/wc"
# D: C and one more service.
{ cat "$work/wc"; echo "-A -t 10.79.0.1:80 -s wlc"; } >"$work/wd"
normalise "$work/wd" /sbin/ipvsadm

start_writers
held || fail "writers: a held connection is active" "active=$(active_of 8080)"
lvsadm apply --drain 60 "$work/wc" 2>"$work/wc.err" &
pc=$!
until_true 30 '[ "$(weight_of 8080)" = 0 ]'
check_eq "writers: apply's first batch is in, its removals wait" "$(weight_of 8080):$(weight_of 8081)" "0:1"
lvsadm -e -t $h -r 10.78.1.1:80 -m -w 7   # not in the plan
lvsadm -e -t $h -r 10.78.1.2:80 -m -w 9   # after apply's edit of it
lvsadm -a -t $h -r 10.78.1.5:80 -m -w 1   # new, not in the plan
lvsadm -e -t $vip:80 -r $rs:8082 -m -w 5  # before apply's removal of it
lvsadm -d -t $vip:80 -r $rs:8083          # apply's removal, made first by hand
check_eq "writers: the hand-typed commands ran meanwhile" "$(kill -0 $pc 2>/dev/null && echo running)" running
release
wait $pc
check_eq "writers: apply exits 0" "$?:$(cat "$work/wc.err")" "0:"
hw() { /sbin/ipvsadm -L -n -t $h | awk -v a="10.78.1.$1:80" '$2 == a { print $4 }'; }
check_eq "writers: a hand-typed write to what the plan does not touch survives" "$(hw 1):$(hw 5)" "7:1"
check_eq "writers: a hand-typed write after apply's write wins" "$(hw 2)" 9
check_eq "writers: apply's removal after a hand-typed edit wins" "$(weight_of 8082)" ""
check_eq "writers: a removal made by hand first is gone, no error" "$(weight_of 8083)" ""
check_eq "writers: diff shows exactly the hand-typed differences" "$(lvsadm diff "$work/wc" 2>/dev/null | tr '\n' ';')" \
  "-e -t $h -r 10.78.1.1:80 -m -w 1;-e -t $h -r 10.78.1.2:80 -m -w 3;-d -t $h -r 10.78.1.5:80;"

# A second apply during the drain waits for the lock, then reads what the hand-typed
# commands did and leaves exactly its own rules.
start_writers
held || fail "writers: a held connection is active again" "active=$(active_of 8080)"
lvsadm apply --drain 60 "$work/wc" 2>"$work/wc.err" &
pc=$!
until_true 30 '[ "$(weight_of 8080)" = 0 ]'
lvsadm apply "$work/wd" 2>"$work/wd.err" &
pd=$!
lvsadm -e -t $h -r 10.78.1.1:80 -m -w 7
lvsadm -a -t $h -r 10.78.1.5:80 -m -w 1
lvsadm -A -t 10.79.0.1:80 -s rr
sleep 2
check_eq "writers: the second apply waits for the lock" "$(kill -0 $pd 2>/dev/null && echo waiting):$(hw 1)" "waiting:7"
release
wait $pc
rc=$?
wait $pd
check_eq "writers: both applies exit 0" "$rc:$?:$(cat "$work/wc.err" "$work/wd.err")" "0:0:"
ref >"$work/now"
check_same "writers: the table is exactly the second apply's rules" "$work/now" "$work/wd.ref"

stream
}

# ---- two applies and a stream of hand-typed writes ------------------------------------

stream() {
s=10.88.0.1:80
gen 20 300 0.8 3 >"$work/se"
gen 21 300 0.8 3 >"$work/sc"
gen 22 300 0.8 3 >"$work/sd"
# Service S is in every file with the same real servers and other weights: each apply
# edits it, and the stream edits it and adds and removes a real server no file has.
for f in se:1 sc:2 sd:3; do
  printf '%s\n' "-A -t $s -s rr" "-a -t $s -r 10.88.1.1:80 -m -w ${f#*:}" "-a -t $s -r 10.88.1.2:80 -m -w ${f#*:}" \
    >>"$work/${f%:*}"
done
normalise "$work/sc" lvsadm
normalise "$work/sd" lvsadm
rest() { grep -v -e "$s" "$1"; }
for round in 1 2 3; do
  lvsadm apply "$work/se"
  rm -f "$work/stop"
  (
    i=0
    while [ ! -e "$work/stop" ]; do
      i=$((i + 1))
      lvsadm -e -t $s -r 10.88.1.1:80 -m -w $((i % 7 + 4)) 2>/dev/null
      lvsadm -a -t $s -r 10.88.1.9:80 -m -w 1 2>/dev/null
      lvsadm -d -t $s -r 10.88.1.9:80 2>/dev/null
    done
  ) &
  writer=$!
  lvsadm apply "$work/sc" 2>"$work/sc.err" &
  pc=$!
  lvsadm apply "$work/sd" 2>"$work/sd.err" &
  pd=$!
  wait $pc
  rc=$?
  wait $pd
  rd=$?
  touch "$work/stop"
  wait $writer
  check_eq "stream $round: both applies exit 0" "$rc $rd $(cat "$work/sc.err" "$work/sd.err")" "0 0 "
  ref >"$work/now"
  rest "$work/now" >"$work/now.rest"
  winner=
  for f in sc sd; do
    rest "$work/$f.ref" | cmp -s - "$work/now.rest" && winner=$f
  done
  check_eq "stream $round: the rest of the table is wholly one file's" "$([ -n "$winner" ] && echo yes)" yes
  [ -n "$winner" ] || continue
  check_eq "stream $round: diff against it shows only the stream's service" \
    "$(lvsadm diff "$work/$winner" 2>/dev/null | grep -v -c -e "$s")" 0
done
}
