# Real servers for health checks (sourced by run.sh, POSIX sh, inside the micro-VM).
# Each listener is one busybox httpd in the foreground, in a real server's namespace, so
# its pid is known and it can be made to fail three ways and come back:
#   refuse NS PORT   killed: connections are refused (RST)
#   hang NS PORT     stopped (SIGSTOP): the kernel still completes handshakes into the
#                    listen backlog, but nothing ever answers (a hung server)
#   revive NS PORT   running again (restarted or SIGCONT), answering as before
# Every document root holds index.html ("rsN") and check.html ("ok rsN"), the page the
# HTTP checks ask for. Needs $work and nsh/page from the traffic suite's lib.sh.

# serve NS PORT: starts the listener (ip netns exec execs httpd, so $! is httpd itself).
serve() {
  _root=$work/www/$1-$2
  page "$_root" "$1"
  echo "ok $1" >"$_root/check.html"
  ip netns exec "$1" httpd -f -p "$2" -h "$_root" &
  echo $! >"$work/pid.$1.$2"
  # The port is listening once ss shows it: a check must not race the bind.
  _i=0
  while [ $_i -lt 50 ] && ! ip netns exec "$1" ss -Hltn "sport = :$2" | grep -q LISTEN; do
    _i=$((_i + 1))
    sleep 0.1
  done
}

refuse() {
  _pid=$(cat "$work/pid.$1.$2")
  # A stopped process gets SIGTERM only once continued.
  kill -CONT "$_pid" 2>/dev/null
  kill "$_pid" 2>/dev/null
  wait "$_pid" 2>/dev/null
  echo refused >"$work/state.$1.$2"
}

hang() {
  kill -STOP "$(cat "$work/pid.$1.$2")"
  echo hung >"$work/state.$1.$2"
}

revive() {
  if [ "$(cat "$work/state.$1.$2" 2>/dev/null)" = hung ]; then
    kill -CONT "$(cat "$work/pid.$1.$2")"
  else
    serve "$1" "$2"
  fi
  echo up >"$work/state.$1.$2"
}
