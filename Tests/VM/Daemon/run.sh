#!/bin/sh
# The daemon suite, run inside the micro-VM: smoke.sh (lvsadmd against the kernel, no
# traffic), traffic.sh (lvsadmd under real traffic, in the traffic suite's network),
# observe.sh (its HTTP view: /metrics against lvsadm under traffic, the status page, bad
# requests) and connect.sh (connect checks from inside --netns), in one boot, each in its
# own shell: they define helpers of the same names.
#   Scripts/vm run --add BIN/lvsadmd:/usr/local/bin/lvsadmd --add BIN/lvsadm:/usr/sbin/lvsadm \
#     --add /usr/bin/perl:/usr/bin/perl --add Tests/VM/Daemon:/suites/Daemon --add Tests/VM/Traffic:/suites/Traffic \
#     --add Tests/VM/lib:/suites/lib -- sh /suites/Daemon/run.sh [smoke|traffic|observe|connect]
# Ends with "daemon: N passed, N failed", the sum of the parts' verdicts; a part that
# ends without one counts as one failure.
set -u
here=$(dirname "$0")
. "$here/../lib/check.sh"
for part in smoke traffic observe connect; do
  case ${1:-$part} in "$part") ;; *) continue ;; esac
  echo "== $part"
  read -r began _ </proc/uptime
  sh "$here/$part.sh" 2>&1 | tee "/tmp/daemon-$part.out"
  read -r ended _ </proc/uptime
  echo "== $part took $(echo "$began $ended" | awk '{ printf "%.1f", $2 - $1 }') s"
  summary=$(grep -E ': [0-9]+ passed, [0-9]+ failed$' "/tmp/daemon-$part.out" | tail -1)
  if [ -z "$summary" ]; then
    fail "$part" "ended without its verdict"
    continue
  fi
  counts=${summary##*: }
  passed=$((passed + ${counts%% passed*}))
  failed=$((failed + $(echo "$counts" | sed -E 's/.* ([0-9]+) failed$/\1/')))
done
verdict daemon
