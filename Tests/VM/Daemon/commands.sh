# Helpers of smoke.sh and connect.sh (sourced after ../lib/check.sh), whose checks are
# commands rather than strings to evaluate.

# check NAME COMMAND...: ok if COMMAND succeeds, else fail.
check() {
  name=$1
  shift
  if "$@"; then ok "$name"; else fail "$name"; fi
}

# eventually COMMAND...: waits up to 60 s (emulation is slow) for COMMAND to succeed, by
# the clock: a round of COMMAND can itself take a second on a loaded host.
eventually() {
  read -r _start _ </proc/uptime
  while :; do
    "$@" && return 0
    read -r _now _ </proc/uptime
    [ "$(echo "$_start $_now" | awk '{ print ($2 - $1 > 60) }')" = 1 ] && return 1
    sleep 0.2
  done
}
