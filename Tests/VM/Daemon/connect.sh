#!/bin/sh
# lvsadmd's connect checks from inside a network namespace (--netns dir): the director's
# namespace reaches the real server's over a veth, and the VM's own namespace has no
# route there, so a check whose socket were made outside dir would find every server
# unreachable. Every thread of lvsadmd must be in dir; an open port (IPv4 and IPv6) is up,
# a closed one down as refused, and a server that stops and starts again follows.
#   Scripts/vm run --add BIN/lvsadmd:/usr/local/bin/lvsadmd --add Tests/VM/Daemon:/suites/Daemon \
#     --add Tests/VM/lib:/suites/lib -- sh /suites/Daemon/connect.sh
set -u
. "$(dirname "$0")/../lib/check.sh"
. "$(dirname "$0")/commands.sh"
work=/tmp/daemon-connect
table() { ip netns exec dir ipvsadm -S -n; }
has() { table | grep -qxF -- "$1"; }
logged() { grep -qF -- "$1" "$work/lvsadmd.log"; }

rm -rf "$work" && mkdir -p "$work/www"
ip netns add dir && ip netns add rs
ip -n dir link set lo up && ip -n rs link set lo up
ip link add veth-dir netns dir type veth peer name veth-rs netns rs
ip -n dir addr add 192.168.30.1/24 dev veth-dir && ip -n dir addr add fd00:30::1/64 dev veth-dir nodad
ip -n rs addr add 192.168.30.11/24 dev veth-rs && ip -n rs addr add fd00:30::11/64 dev veth-rs nodad
ip -n dir link set veth-dir up && ip -n rs link set veth-rs up
echo up >"$work/www/index.html"
serve() { ip netns exec rs httpd -f -p 80 -h "$work/www" & server=$!; }
serve

cat >"$work/lvsadmd.conf" <<'CONF'
defaults interval=500ms timeout=2s rise=1 fall=1 initial=down
-A -t 10.0.0.100:80 -s rr
check -t 10.0.0.100:80 connect
-a -t 10.0.0.100:80 -r 192.168.30.11:80 -m -w 1
# Nothing listens on port 81: up at start, it must go down as refused.
-A -t 10.0.0.101:80 -s rr
check -t 10.0.0.101:80 connect initial=up
-a -t 10.0.0.101:80 -r 192.168.30.11:81 -m -w 1
-A -t [fd00:30::100]:80 -s rr
check -t [fd00:30::100]:80 connect
-a -t [fd00:30::100]:80 -r [fd00:30::11]:80 -m -w 1
CONF

check "the VM's own namespace has no route to the real server" sh -c '! ip route get 192.168.30.11 >/dev/null 2>&1'
lvsadmd --netns dir --config "$work/lvsadmd.conf" --state-file "$work/state" --socket "$work/lvsadmd.sock" \
  </dev/null >/dev/null 2>"$work/lvsadmd.log" &
daemon=$!

check "lvsadmd runs" eventually sh -c "ip netns exec dir ipvsadm -S -n | grep -q fd00:30::11"
check "an open IPv4 port in the namespace is up" eventually has "-a -t 10.0.0.100:80 -r 192.168.30.11:80 -m -w 1"
check "an open IPv6 port in the namespace is up" \
  eventually has "-a -t [fd00:30::100]:80 -r [fd00:30::11]:80 -m -w 1"
check "a closed port goes down" eventually has "-a -t 10.0.0.101:80 -r 192.168.30.11:81 -m -w 0"
check "as refused" logged "real server 192.168.30.11:81: up -> down (connect check): connection refused"
check "nothing was found unreachable" sh -c "! grep -q unreachable '$work/lvsadmd.log'"
# Every thread's network namespace, against dir's: the checks' own thread among them.
dir_ns=$(ip netns exec dir readlink /proc/self/ns/net)
threads=$(ls "/proc/$daemon/task" | wc -l)
outside=$(for t in /proc/$daemon/task/*; do readlink "$t/ns/net"; done | grep -cvxF "$dir_ns")
check "all $threads threads of lvsadmd are in dir" [ "$outside" -eq 0 ]

kill "$server"; wait "$server" 2>/dev/null
check "a server that stops goes down" eventually has "-a -t 10.0.0.100:80 -r 192.168.30.11:80 -m -w 0"
check "on IPv6 too" eventually has "-a -t [fd00:30::100]:80 -r [fd00:30::11]:80 -m -w 0"
serve
check "and comes back when it starts again" eventually has "-a -t 10.0.0.100:80 -r 192.168.30.11:80 -m -w 1"
check "on IPv6 too" eventually has "-a -t [fd00:30::100]:80 -r [fd00:30::11]:80 -m -w 1"

kill -TERM "$daemon"
wait "$daemon"
check "SIGTERM stops it with status 0" [ $? -eq 0 ]
kill "$server"
[ "$failed" -eq 0 ] || { echo "lvsadmd's log:"; cat "$work/lvsadmd.log"; }
verdict connect
