# The verdict helpers every VM suite shares (POSIX sh; sourced, never run). Inside the VM
# the suites live at /suites/NAME and this folder at /suites/lib, so a suite sources it as
# "$here/../lib/check.sh"; Scripts/test adds both (`--add Tests/VM/lib:/suites/lib`).
# Each check prints one line, "ok   NAME" or "FAIL NAME[: DETAIL]", and `verdict` prints
# the "SUITE: N passed, N failed" line Scripts/test reads.
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok   $1"; }
# fail NAME [DETAIL]
fail() { failed=$((failed + 1)); echo "FAIL $1${2:+: $2}"; }
# check_eq NAME ACTUAL EXPECTED
check_eq() { if [ "$2" = "$3" ]; then ok "$1"; else fail "$1" "expected '$3', got '$2'"; fi; }

# verdict SUITE: the summary line; succeeds only if nothing failed and something passed
# (a suite whose checks all went missing proves nothing).
verdict() {
  echo "$1: $passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}
