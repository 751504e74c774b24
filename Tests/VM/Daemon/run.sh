#!/bin/sh
# The daemon suite, run inside the micro-VM: smoke.sh (lvsadmd against the kernel, no
# traffic) and traffic.sh (lvsadmd under real traffic, in the traffic suite's network), in
# one boot, each in its own shell: they define helpers of the same names.
#   Scripts/vm run --add BIN/lvsadmd:/usr/local/bin/lvsadmd --add BIN/lvsadm:/usr/sbin/lvsadm \
#     --add Tests/VM/Daemon:/suites/Daemon --add Tests/VM/Traffic:/suites/Traffic \
#     --add Tests/VM/lib:/suites/lib -- sh /suites/Daemon/run.sh [smoke|traffic]
# Ends with "daemon: N passed, N failed", the sum of both parts' verdicts; a part that
# ends without one counts as one failure.
set -u
here=$(dirname "$0")
. "$here/../lib/check.sh"
for part in smoke traffic; do
  case ${1:-$part} in "$part") ;; *) continue ;; esac
  echo "== $part"
  sh "$here/$part.sh" 2>&1 | tee "/tmp/daemon-$part.out"
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
