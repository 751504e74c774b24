# Library of the traffic suite (sourced by run.sh, POSIX sh / dash, inside the micro-VM).
#
# Topology: every host is a network namespace; two bridges in the VM's own namespace are
# the switches, so nothing but the hosts below ever holds an address.
#
#   front bridge 10.0.0.0/24, 2001:db8:f::/64
#     dir  10.0.0.1   the director; NAT VIP 10.0.0.100 (+ .101-.103 for fwmark/dh),
#                     DR/tunnel VIP 10.0.0.200, IPv6 VIP 2001:db8:f::100
#     cl   10.0.0.10  the client; extra source addresses 10.0.0.21-26 (see from)
#   back bridge 192.168.10.0/24, 2001:db8:b::/64
#     dir  192.168.10.1    the real servers' gateway: NAT replies pass through it
#     rs1-rs3 .11-.13      httpd :80 ("rsN") and :8080 ("rsN-8080"), a TCP echo :7
#                          (answers "rsN LINE"), a UDP responder,
#                          VIP 10.0.0.200 on lo with ARP suppressed (DR), tunl0/gre0 up
#                          and a GUE receive port (tunnelling)
#     dc   192.168.10.2    the DR/tunnel client: their replies go straight to it from
#                          the VIP, so it must share the servers' segment
#   sync link 10.9.9.0/24: dir 10.9.9.1 -- dir2 10.9.9.2 (second director, sync backup;
#                          also on the back segment as 192.168.10.3 with the DR VIP)

work=/tmp/traffic
answers=$work/answers
nss="dir dir2 cl dc rs1 rs2 rs3"

# ---- verdicts ------------------------------------------------------------------------

# ok, fail, check_eq, verdict; $here is the sourcing suite's folder, beside ../lib.
. "$here/../lib/check.sh"

# check NAME CONDITION [DETAIL]: CONDITION is evaluated by the shell.
check() {
  if eval "$2"; then ok "$1"; else fail "$1" "${3:-$2}"; fi
}

# ---- lvsadm in the director --------------------------------------------------------

# lvs ARGS...: lvsadm in the director's namespace (IPVS tables are per namespace). A
# failing command is a failed check: the test after it would prove nothing.
lvs() { lvs_in dir "$@"; }
lvs_in() {
  _ns=$1; shift
  if ! _out=$(ip netns exec "$_ns" lvsadm "$@" 2>&1); then
    fail "lvsadm $* (in $_ns)" "$_out"
    return 1
  fi
  [ -z "$_out" ] || printf '%s\n' "$_out"
}

# server name of a real server address: 192.168.10.1N -> rsN, 10.0.0.1 -> dir
name_of() {
  case $1 in
    192.168.10.1?) echo "rs${1#192.168.10.1}" ;;
    10.0.0.1) echo dir ;;
    *) echo "$1" ;;
  esac
}

# column COL: "rsN=value ..." of one column of the real-server lines of `lvsadm -L -n`
# (5 = ActiveConn, 6 = InActConn, 4 = Weight), sorted by name; for the only service.
column() {
  lvs -L -n | awk -v col="$1" '$1 == "->" && $2 ~ /^[0-9]/ {
      addr = $2; sub(/:[0-9]+$/, "", addr)
      if (addr ~ /^192\.168\.10\.1[0-9]$/) addr = "rs" substr(addr, 13)
      print addr "=" $col }' | sort | tr '\n' ' ' | sed 's/ $//'
}
actives() { column 5; }

# wait_active N: waits (at most ~6 s) until the service counts N active connections:
# a held connection is only "active" once its handshake went through the director.
wait_active() {
  _i=0
  while [ $_i -lt 30 ]; do
    _sum=$(actives | tr ' ' '\n' | awk -F= '{s += $2} END {print s + 0}')
    [ "$_sum" -ge "$1" ] && return 0
    _i=$((_i + 1))
    sleep 0.2
  done
  return 1
}

# ---- requests ------------------------------------------------------------------------

# http NS URL: the body of one answer ("rs1", ...), or "none".
# (busybox-static wget crashes with -T: timeout bounds the request instead.)
http() {
  _a=$(ip netns exec "$1" timeout 5 wget -q -O - "$2" 2>/dev/null) || _a=
  echo "${_a:-none}"
}

# echo_tcp NS HOST PORT: one line over a new TCP connection to the echo service; prints the
# server's name if the line came back intact after it, else what came back (or "none").
echo_tcp() {
  _line="hello-$$-$(cut -d' ' -f1 /proc/uptime)"
  _a=$(echo "$_line" | ip netns exec "$1" timeout 5 nc "$2" "$3" 2>/dev/null) || _a=
  case $_a in
    "rs"?" $_line") echo "${_a%% *}" ;;
    *) echo "${_a:-none}" ;;
  esac
}

# udp NS HOST PORT: one datagram from a fresh socket (a new source port, so a new IPVS
# connection); prints the responder's 3-byte answer ("rs1") or "none".
udp() {
  _a=$(ip netns exec "$1" timeout 3 bash -c \
    'exec 3<>/dev/udp/$0/$1; printf "???" >&3; dd bs=64 count=1 <&3 2>/dev/null' "$2" "$3") || _a=
  echo "${_a:-none}"
}

# udp_one_socket NS HOST PORT N: N datagrams from one socket (one source port), one
# answer per line.
udp_one_socket() {
  ip netns exec "$1" timeout 20 bash -c '
    exec 3<>/dev/udp/$0/$1
    i=0
    while [ $i -lt $2 ]; do
      i=$((i + 1))
      printf "???" >&3
      a=$(timeout 3 dd bs=64 count=1 <&3 2>/dev/null)
      echo "${a:-none}"
    done' "$2" "$3" "$4"
}

# burst N COMMAND [ARGS...]: runs the request COMMAND N times; the answers, one a line,
# go to $answers.
burst() {
  _n=$1; shift
  : >"$answers"
  _i=0
  while [ $_i -lt "$_n" ]; do
    _i=$((_i + 1))
    "$@" >>"$answers"
  done
}

# dist [FILE]: the distribution of answers, "rs1=4 rs2=4 rs3=4" (sorted by name).
dist() {
  sort "${1:-$answers}" | uniq -c | awk '{printf "%s%s=%s", sep, $2, $1; sep = " "} END {print ""}'
}

# distinct [FILE]: how many different servers answered.
distinct() { sort -u "${1:-$answers}" | wc -l | tr -d ' '; }

# from ADDR: the client cl sends from ADDR (one of its addresses) to the front segment.
from() {
  ip -n cl route replace 10.0.0.0/24 dev eth0 proto kernel scope link src "$1"
}

# ---- held connections ----------------------------------------------------------------
# hold NS HOST PORT: opens a TCP connection to an httpd and keeps it open: nc reads a
# fifo that nobody writes yet (httpd waits for the request). timeout bounds its life even
# if a test dies before release. The pid goes to $work/pids; the number of the hold
# (counted from 1 in each test) is in $held.
held=0
hold() {
  held=$((held + 1))
  mkfifo "$work/hold.$held"
  ip netns exec "$1" timeout 60 nc "$2" "$3" <>"$work/hold.$held" >"$work/held.$held" 2>&1 &
  echo $! >>"$work/pids"
}

# ask_held K: sends the HTTP request over held connection K and prints the body of the
# answer (the server that has held it all along), or "none".
ask_held() {
  # Opening a fifo blocks until it has a reader: bounded, in case nc is gone.
  timeout 5 sh -c 'printf "GET / HTTP/1.0\r\n\r\n" >"$0"' "$work/hold.$1"
  _i=0
  while [ $_i -lt 25 ] && ! grep -q '^rs' "$work/held.$1"; do
    _i=$((_i + 1))
    sleep 0.2
  done
  _a=$(grep '^rs' "$work/held.$1" | tail -1)
  echo "${_a:-none}"
}

# release: ends every held connection; the next hold is number 1 again.
release() {
  held=0
  rm -f "$work"/hold.* "$work"/held.*
  [ -s "$work/pids" ] || return 0
  for _p in $(cat "$work/pids"); do kill "$_p" 2>/dev/null; done
  for _p in $(cat "$work/pids"); do wait "$_p" 2>/dev/null; done
  : >"$work/pids"
}

# fresh: the state every test starts from: an empty IPVS table, an empty connection
# table, the client's primary source address, no held connections.
#
# The connection table must be empty too. An entry outlives its service (a DR or tunnel
# connection sits in FIN_WAIT for 2 minutes, as the director never sees the server's
# FIN), and a real server deleted with its service is revived from the kernel's trash
# when the next test adds it again, entries and all. A new connection whose source port
# happens to match such an entry then goes to that entry's server without a scheduling
# decision, and a round-robin count comes out 1/2/3 instead of 2/2/2. With
# expire_nodest_conn (set in setup), the kernel drops every entry whose server was
# deleted shortly after the -C.
fresh() {
  release
  lvs -C
  lvs_in dir2 -C
  _i=0
  while [ $_i -lt 50 ] && [ -n "$(connections dir)$(connections dir2)" ]; do
    _i=$((_i + 1))
    sleep 0.1
  done
  [ -z "$(connections dir)$(connections dir2)" ] ||
    fail "the connection table is empty after -C" "$(lvs -L -c -n; lvs_in dir2 -L -c -n)"
  from 10.0.0.10
}

# connections NS: the entries of NS's connection table, or nothing.
connections() { lvs_in "$1" -L -c -n | sed 1,2d; }

# ---- topology ------------------------------------------------------------------------

# nsh NS COMMAND...: runs a shell command line in NS.
nsh() { _ns=$1; shift; ip netns exec "$_ns" sh -c "$*"; }

# attach NS BRIDGE IFNAME ADDR4 [ADDR6]: a veth from BRIDGE into NS, addressed.
attach() {
  ip link add "$1-$3" type veth peer name "$3" netns "$1"
  ip link set "$1-$3" master "$2" up
  ip -n "$1" link set "$3" up
  ip -n "$1" addr add "$4" dev "$3"
  # nodad: the address is usable at once, no duplicate detection to wait for
  [ -z "${5:-}" ] || ip -n "$1" addr add "$5" dev "$3" nodad
}

# sysctl_set NS KEY VALUE: writes /proc/sys/KEY (slashes) in NS.
sysctl_set() { nsh "$1" "echo $3 >/proc/sys/$2"; }

# page DIR TEXT: an httpd document root whose index says TEXT.
page() { mkdir -p "$1" && echo "$2" >"$1/index.html"; }

# udp_responder NS ADDR PORT ID: the kernel of NS answers every UDP datagram to
# ADDR:PORT with the same datagram, its first 3 bytes replaced by ID ("rs1"). busybox-static
# has no UDP server (its nc lacks -u), so nftables turns the request around before
# routing: destination := source, source := ADDR, ports swapped; the checksum is zeroed
# (legal in IPv4) so the rewritten payload needs none. The real server then forwards the
# turned packet like a router (ip_forward, accept_local: its source is a local address).
udp_responder() {
  _hex=$(printf %s "$4" | od -An -tx1 | tr -d ' \n')
  ip netns exec "$1" nft add rule ip reflect pre ip daddr "$2" udp dport "$3" \
    notrack udp checksum set 0 ip daddr set ip saddr ip saddr set "$2" \
    udp dport set udp sport udp sport set "$3" "@th,64,24" set "0x$_hex"
}

setup() {
  rm -rf "$work"
  mkdir -p "$work"
  : >"$work/pids"
  for ns in $nss; do
    ip netns add "$ns"
    ip -n "$ns" link set lo up
  done
  for br in front back; do
    ip link add "$br" type bridge
    ip link set "$br" up
  done

  attach dir front eth0 10.0.0.1/24 2001:db8:f::1/64
  attach dir back eth1 192.168.10.1/24 2001:db8:b::1/64
  sysctl_set dir net/ipv4/ip_forward 1
  sysctl_set dir net/ipv6/conf/all/forwarding 1
  # The VIPs are the director's own addresses: IPVS takes packets that arrive for them.
  for vip in 10.0.0.100 10.0.0.101 10.0.0.102 10.0.0.103 10.0.0.200; do
    ip -n dir addr add $vip/32 dev eth0
  done
  ip -n dir addr add 2001:db8:f::100/128 dev eth0 nodad
  page "$work/www/dir" dir
  ip netns exec dir httpd -p 81 -h "$work/www/dir"

  attach cl front eth0 10.0.0.10/24 2001:db8:f::10/64
  for n in 21 22 23 24 25 26; do ip -n cl addr add 10.0.0.$n/24 dev eth0; done
  ip -n cl -6 route add default via 2001:db8:f::1

  attach dc back eth0 192.168.10.2/24
  ip -n dc route add 10.0.0.200/32 via 192.168.10.1

  for n in 1 2 3; do
    rs=rs$n
    attach $rs back eth0 192.168.10.1$n/24 2001:db8:b::1$n/64
    ip -n $rs route add default via 192.168.10.1
    ip -n $rs -6 route add default via 2001:db8:b::1
    page "$work/www/$rs" $rs
    page "$work/www/$rs-8080" $rs-8080
    ip netns exec $rs httpd -p 80 -h "$work/www/$rs"
    ip netns exec $rs httpd -p 8080 -h "$work/www/$rs-8080"
    # TCP echo on :7: each connection gets its line back, after the server's name.
    printf '#!/bin/sh\nread -r line\necho "%s $line"\n' $rs >"$work/echo-$rs"
    chmod +x "$work/echo-$rs"
    ip netns exec $rs nc -ll -p 7 -e "$work/echo-$rs" &
    # Direct routing and tunnels: the VIP is local, but only the director answers ARP.
    ip -n $rs addr add 10.0.0.200/32 dev lo
    sysctl_set $rs net/ipv4/conf/all/arp_ignore 1
    sysctl_set $rs net/ipv4/conf/all/arp_announce 2
    # Tunnels: the per-namespace fallback devices decapsulate IPIP (tunl0) and GRE (gre0);
    # the GUE receive port hands its payload to the IPIP handler.
    ip -n $rs link set tunl0 up
    ip -n $rs link set gre0 up
    ip -n $rs fou add port 6080 gue
    # The UDP responder turns requests around and routes them (see udp_responder).
    sysctl_set $rs net/ipv4/ip_forward 1
    sysctl_set $rs net/ipv4/conf/all/accept_local 1
    sysctl_set $rs net/ipv4/conf/all/send_redirects 0
    ip netns exec $rs nft add table ip reflect
    ip netns exec $rs nft add chain ip reflect pre '{ type filter hook prerouting priority raw; }'
    udp_responder $rs 192.168.10.1$n 5353 $rs   # NAT: VIP:53 is translated to RIP:5353
    udp_responder $rs 10.0.0.200 53 $rs         # DR and tunnels: the VIP itself
  done

  # The second director (connection sync), on its own link to the first, and on the back
  # segment with the DR VIP too: dc fails over to it by routing the VIP via 192.168.10.3.
  ip link add sync0 netns dir type veth peer name sync0 netns dir2
  ip -n dir addr add 10.9.9.1/24 dev sync0
  ip -n dir link set sync0 up
  ip -n dir2 addr add 10.9.9.2/24 dev sync0
  ip -n dir2 link set sync0 up
  attach dir2 back eth1 192.168.10.3/24
  ip -n dir2 addr add 10.0.0.200/32 dev eth1

  # UDP entries of the connection table (the -x/-y test waits for them to expire) live
  # 5 s instead of 300 s; 0 keeps the TCP timeouts.
  lvs --set 0 0 5
  # See fresh: each test starts with no connection entries.
  for d in dir dir2; do sysctl_set $d net/ipv4/vs/expire_nodest_conn 1; done
}

# teardown: ends every process started in the suite's namespaces, then the namespaces.
teardown() {
  release
  for ns in $nss; do
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill "$p" 2>/dev/null; done
  done
  sleep 0.2
  for ns in $nss; do ip netns del "$ns" 2>/dev/null; done
  ip link del front 2>/dev/null
  ip link del back 2>/dev/null
}

# ---- services ------------------------------------------------------------------------

# rs3 SVC RPORT [OPTIONS...]: adds rs1, rs2 and rs3 on RPORT (empty for the service's
# port) to the service SVC ("-t 10.0.0.100:80"), each with OPTIONS (method, weight...).
rs3() {
  _svc=$1; _port=$2; shift 2
  for _n in 1 2 3; do
    # shellcheck disable=SC2086
    lvs -a $_svc -r "192.168.10.1$_n${_port:+:$_port}" "$@"
  done
}

# mark_vips PORT MARK: the director's nft marks TCP to 10.0.0.100-103:PORT with MARK, so
# one firewall-mark service sees four destination addresses (for dh, lblc, lblcr).
mark_vips() {
  ip netns exec dir nft add table ip lvsmark
  ip netns exec dir nft add chain ip lvsmark pre '{ type filter hook prerouting priority mangle; }'
  ip netns exec dir nft add rule ip lvsmark pre ip daddr 10.0.0.100-10.0.0.103 tcp dport "$1" meta mark set "$2"
}
unmark_vips() { ip netns exec dir nft delete table ip lvsmark; }

# map_sources PORT N: N requests to 10.0.0.100:PORT from each source address 10.0.0.21-26;
# writes "SOURCE SERVER" lines to $work/map (SERVER is "mixed" if more than one answered).
map_sources() {
  : >"$work/map"
  for _s in 21 22 23 24 25 26; do
    from 10.0.0.$_s
    burst "$2" http cl "http://10.0.0.100:$1/"
    if [ "$(distinct)" = 1 ]; then echo "$_s $(head -1 "$answers")"; else echo "$_s mixed"; fi >>"$work/map"
  done
  from 10.0.0.10
}

# map_dests PORT N: N requests to each of 10.0.0.100-103:PORT; "DEST SERVER" lines to
# $work/map as map_sources.
map_dests() {
  : >"$work/map"
  for _d in 100 101 102 103; do
    burst "$2" http cl "http://10.0.0.$_d:$1/"
    if [ "$(distinct)" = 1 ]; then echo "$_d $(head -1 "$answers")"; else echo "$_d mixed"; fi >>"$work/map"
  done
}

# mapped_servers: how many different servers the map holds; mixed: lines without one server.
mapped_servers() { awk '{print $2}' "$work/map" | sort -u | wc -l | tr -d ' '; }
mixed() { grep -c mixed "$work/map"; }

# hold_to N HOST PORT: holds connections from cl until N are active in total.
hold_to() {
  hold cl "$2" "$3"
  wait_active "$1" || fail "connection $1 held to $2:$3" "active: $(actives)"
}
