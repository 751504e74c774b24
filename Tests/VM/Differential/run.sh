#!/bin/sh
# Differential test, run inside the micro-VM: every scenario is played twice on a freshly
# reset table, once with Debian's ipvsadm (/sbin/ipvsadm) and once with lvsadm installed
# under the name ipvsadm (so argv[0]-dependent text is comparable). For each command line
# the exit status, stdout and stderr must be identical, and so must the final kernel state
# as the reference tool lists it. A line ending in "#~ REASON" may have a different stderr
# (a deliberate, better message listed in Docs/compatibility.md); both must still be
# non-empty and everything else must match. A line ending in "#! ref=N lvs=M REASON" is
# one where ipvsadm is known wrong (Docs/compatibility.md): it passes only if the
# reference exits with status N there and lvsadm with status M (lvsadm with a message on
# stderr if M is not 0); its output is not compared, the final state still is. "ref=crash"
# is for a reference that overruns a buffer on the stack: what it jumps to depends on
# address-space randomisation, so it dies of SIGSEGV mostly and of SIGILL at times (4 of
# 60 runs in the VM); any of the signals of a corrupted process (status 128 + SIGILL,
# SIGABRT, SIGBUS or SIGSEGV) passes, a clean exit or another signal does not.
#
# usage: run.sh LVSADM_BINARY SCENARIO_DIR [FILTER [SHARD/SHARDS]]
# SHARD/SHARDS (e.g. 1/2) plays only every SHARDS-th scenario, starting with the SHARD-th,
# so that the corpus can be split over VMs running side by side.
# Scenario files (*.scn): "== name" starts a scenario; every following non-empty line is
# a shell command line, run in a subshell of its own; lines starting with "#" are
# comments.
set -u
. "$(dirname "$0")/../lib/check.sh"
lvsadm=$1
scenarios=$2
filter=${3:-}
shard=${4:-1/1}
shard_index=${shard%/*}
shard_count=${shard#*/}
work=/tmp/differential
rm -rf "$work"
mkdir -p "$work" /opt/lvsadm/bin
cp "$lvsadm" /opt/lvsadm/bin/ipvsadm
chmod +x /opt/lvsadm/bin/ipvsadm

# reset_table: the state every play starts from: no service, no sync daemon, the
# default timeouts. Each ipvsadm run costs a good part of a second in the emulated VM,
# and most scenarios touch neither daemons nor timeouts: those are reset only when the
# last play's final state (see play) shows them changed.
daemons_changed=yes
timeouts_changed=yes
default_timeouts="Timeout (tcp tcpfin udp): 900 120 300"
reset_table() {
  /sbin/ipvsadm -C
  if [ $daemons_changed = yes ]; then
    /sbin/ipvsadm --stop-daemon master 2>/dev/null
    /sbin/ipvsadm --stop-daemon backup 2>/dev/null
  fi
  [ $timeouts_changed = no ] || /sbin/ipvsadm --set 900 120 300
}

# expected_verdict ROLE RC LINE: for a "#!" line, the same words for both tools when each
# exits as the line says, else what this one did.
expected_verdict() {
  spec=${3##*"#! "}
  case $1 in
    reference) want=$(echo "$spec" | sed -n 's/^ref=\([0-9a-z]*\) .*/\1/p') ;;
    *) want=$(echo "$spec" | sed -n 's/^ref=[0-9a-z]* lvs=\([0-9]*\) .*/\1/p') ;;
  esac
  if [ "$want" = crash ]; then
    case $2 in 132|134|135|139) want=$2 ;; esac
  fi
  # lvsadm must say why it fails; the reference is known not to, at times.
  if [ -n "$want" ] && [ "$2" = "$want" ] && { [ "$1" = reference ] || [ "$want" = 0 ] || [ -s "$work/stderr" ]; }; then
    echo "each tool exited as expected: $spec"
  else
    echo "$1: rc=$2, expected ${want:-(no ref=N lvs=M in the line)}"
    echo "--- stdout"; cat "$work/stdout"
    echo "--- stderr"; cat "$work/stderr"
  fi
}

# play ROLE TOOL_DIR CMDS_FILE OUT: runs each line with TOOL_DIR first in PATH; records
# status, stdout and stderr of each line, then the final state read by the reference.
# A line's stdout and stderr are appended as they come, byte for byte, to OUT and to
# OUT.stderr (added to OUT at the end): copying them from files with cat would start two
# more programs per line, a good part of the corpus's time in the emulated VM.
# The timeouts and the sync daemons are part of that state, read after every lvsadm play;
# after the reference's, only if a line of the scenario says "set" or "daemon" (the
# reference changes them only when told to): otherwise they are as reset_table left
# them. A reference that changed them unasked would show as a difference, never hide
# one of lvsadm's.
play() {
  role=$1; dir=$2; cmds=$3; out=$4
  reset_table
  : >"$out"
  : >"$out.stderr"
  n=0
  while IFS= read -r line; do
    n=$((n + 1))
    # A subshell, not `sh -c`: starting a shell costs about as much as the command
    # itself in the emulated VM, twice per line of the corpus.
    case "$line" in
      *"#! "*)
        (PATH="$dir:/sbin:/usr/sbin:/bin:/usr/bin"; set +u; eval "$line") >"$work/stdout" 2>"$work/stderr" </dev/null
        rc=$?
        { echo "### $n: $line"; expected_verdict "$role" "$rc" "$line"; } >>"$out"
        ;;
      *"#~ "*)
        echo "### $n: $line" >>"$out"
        (PATH="$dir:/sbin:/usr/sbin:/bin:/usr/bin"; set +u; eval "$line") >>"$out" 2>"$work/stderr" </dev/null
        echo "--- rc=$?" >>"$out"
        if [ -s "$work/stderr" ]; then
          echo "### $n: (deliberately different, non-empty)" >>"$out.stderr"
        else
          echo "### $n: EMPTY" >>"$out.stderr"
        fi
        ;;
      *)
        echo "### $n: $line" >>"$out"
        echo "### $n" >>"$out.stderr"
        (PATH="$dir:/sbin:/usr/sbin:/bin:/usr/bin"; set +u; eval "$line") >>"$out" 2>>"$out.stderr" </dev/null
        echo "--- rc=$?" >>"$out"
        ;;
    esac
  done <"$cmds"
  {
    echo "### stderr of each line"
    cat "$out.stderr"
  } >>"$out"
  if [ "$role" = reference ] && ! grep -q -E 'set|daemon' "$cmds"; then
    timeouts=$default_timeouts
    daemons=
  else
    timeouts=$(/sbin/ipvsadm -L -n --timeout 2>&1)
    daemons=$(/sbin/ipvsadm -L -n --daemon 2>&1)
  fi
  {
    echo "### final state (reference ipvsadm)"
    /sbin/ipvsadm -S -n
    /sbin/ipvsadm -L -n --thresholds
    printf '%s\n' "$timeouts"
    [ -z "$daemons" ] || printf '%s\n' "$daemons"
  } >>"$out" 2>&1
  timeouts_changed=yes
  [ "$timeouts" = "$default_timeouts" ] && timeouts_changed=no
  daemons_changed=yes
  [ -z "$daemons" ] && daemons_changed=no
}

# Scenario names, in the order awk numbers them below (files in glob order).
for file in "$scenarios"/*.scn; do
  base=$(basename "$file" .scn)
  awk '/^== /{print substr($0, 4)}' "$file" | while IFS= read -r name; do echo "$base/$name"; done
done >"$work/names"

i=0
while IFS= read -r name; do
  i=$((i + 1))
  case "$name" in *"$filter"*) ;; *) continue ;; esac
  [ $(( (i - 1) % shard_count + 1 )) -eq "$shard_index" ] || continue
  cmds=$work/cmds.$i
  awk -v want="$i" '
    /^== / { k++; next }
    k == want && !/^#/ && !/^[ \t]*$/ { print }
  ' "$scenarios"/*.scn >"$cmds"
  play reference /sbin "$cmds" "$work/ref.$i"
  play lvsadm /opt/lvsadm/bin "$cmds" "$work/lvs.$i"
  if cmp -s "$work/ref.$i" "$work/lvs.$i"; then
    ok "$name"
  else
    fail "$name"
    diff -a -u "$work/ref.$i" "$work/lvs.$i" | sed 's/^/    /' | head -60
  fi
done <"$work/names"
verdict differential
