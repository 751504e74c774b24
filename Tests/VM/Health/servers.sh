# Real servers for health checks (sourced by run.sh, POSIX sh, inside the micro-VM).
# Each port of a real server is one listening process in the server's namespace, whose
# pid is in $work/pid.NS.PORT, and which can be made to fail two ways and come back:
#   refuse NS PORT   nothing listens: connections are refused (RST)
#   hang NS PORT     a listener that never accepts: the kernel completes every handshake
#                    into its queue (4096 deep, so a check every second for the longest
#                    stage never fills it), and nothing ever answers
#   revive NS PORT   busybox httpd serving again
# (Stopping httpd with SIGSTOP would hang it too, but its queue is 9 deep: after ten
# checks new handshakes fail, and the server would turn from hung into unreachable at
# a time that depends on how often the daemon checks.)
# Every document root holds index.html ("rsN") and check.html ("ok rsN"), the page the
# HTTP checks ask for. Needs $work and page from the traffic suite's lib.sh, and perl
# (the peers archive) for the hung listener.

# serve NS PORT: starts httpd in the foreground (ip netns exec execs it, so $! is httpd).
serve() {
  _root=$work/www/$1-$2
  page "$_root" "$1"
  echo "ok $1" >"$_root/check.html"
  ip netns exec "$1" httpd -f -p "$2" -h "$_root" &
  echo $! >"$work/pid.$1.$2"
  listening "$1" "$2"
  echo up >"$work/state.$1.$2"
}

# listening NS PORT: waits (at most 5 s) until the port listens: a check must not race
# the bind.
listening() {
  _i=0
  while [ $_i -lt 50 ] && ! ip netns exec "$1" ss -Hltn "sport = :$2" | grep -q LISTEN; do
    _i=$((_i + 1))
    sleep 0.1
  done
}

# stop_listener NS PORT: ends the port's current process, whatever it is.
stop_listener() {
  _pid=$(cat "$work/pid.$1.$2" 2>/dev/null) || return 0
  kill "$_pid" 2>/dev/null
  wait "$_pid" 2>/dev/null
  rm -f "$work/pid.$1.$2"
}

refuse() {
  stop_listener "$1" "$2"
  echo refused >"$work/state.$1.$2"
}

# hang NS PORT: the never-accepting listener is started first and retries its bind every
# 10 ms, so the port is refused for a few milliseconds only, not for Perl's start-up.
hang() {
  _ready=$work/ready.$1.$2
  rm -f "$_ready"
  ip netns exec "$1" perl -MIO::Socket::INET -e '
    open(my $f, ">", $ARGV[1]) and close($f);
    my $s;
    select(undef, undef, undef, 0.01)
      until $s = IO::Socket::INET->new(LocalPort => $ARGV[0], Listen => 4096, ReuseAddr => 1);
    sleep;' "$2" "$_ready" &
  _hung=$!
  _i=0
  while [ $_i -lt 100 ] && [ ! -e "$_ready" ]; do
    _i=$((_i + 1))
    sleep 0.1
  done
  stop_listener "$1" "$2"
  echo $_hung >"$work/pid.$1.$2"
  listening "$1" "$2"
  echo hung >"$work/state.$1.$2"
}

revive() {
  stop_listener "$1" "$2"
  serve "$1" "$2"
}
