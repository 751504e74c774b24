#!/bin/sh
# Runs inside the micro-VM (Scripts/demo). Builds a small network of namespaces, programs
# it with lvsadm only, and sends real HTTP requests through the director:
#
#   client 10.0.0.2 --(veth)-- director 10.0.0.1, VIPs 10.0.0.100 and 10.0.0.200
#                                 |
#            bridge 192.168.10.1/24 (the director) -- dclient 192.168.10.2
#       rs1 192.168.10.11, rs2 .12, rs3 .13   NAT: replies return through the director
#       rs4 .14, rs5 .15 with VIP 10.0.0.200 on lo: direct routing, the director only
#       rewrites the destination MAC and the servers answer dclient straight from the VIP
set -eu
requests=${DEMO_REQUESTS:-12}
# Headings are bold only when Scripts/demo says its output is a terminal (its first
# argument `bold`): the VM's console cannot tell, and a log or pipe should get no escapes.
if [ "${1:-}" = bold ]; then
  say() { printf '\n\033[1m%s\033[0m\n' "$*"; }
else
  say() { printf '\n%s\n' "$*"; }
fi

ip link set lo up
echo 1 >/proc/sys/net/ipv4/ip_forward

# The client and its link to the director.
ip netns add client
ip link add d0 type veth peer name c0
ip link set c0 netns client
ip addr add 10.0.0.1/24 dev d0
# Both VIPs are the director's own addresses: IPVS takes packets that arrive for them.
ip addr add 10.0.0.100/32 dev d0
ip addr add 10.0.0.200/32 dev d0
ip link set d0 up
ip netns exec client ip addr add 10.0.0.2/24 dev c0
ip netns exec client ip link set c0 up
ip netns exec client ip link set lo up

# The real servers' segment: a bridge on the director, one namespace per server.
ip link add br0 type bridge
ip addr add 192.168.10.1/24 dev br0
ip link set br0 up
# dclient shares the real servers' segment, as DR needs: the answers bypass the director.
ip netns add dclient
ip link add vdclient type veth peer name eth0 netns dclient
ip link set vdclient master br0 up
ip netns exec dclient ip addr add 192.168.10.2/24 dev eth0
ip netns exec dclient ip link set eth0 up
ip netns exec dclient ip link set lo up
ip netns exec dclient ip route add 10.0.0.200/32 via 192.168.10.1
for n in 1 2 3 4 5; do
  ns=rs$n
  ip netns add $ns
  ip link add v$ns type veth peer name eth0 netns $ns
  ip link set v$ns master br0 up
  ip netns exec $ns ip addr add 192.168.10.1$n/24 dev eth0
  ip netns exec $ns ip link set eth0 up
  ip netns exec $ns ip link set lo up
  ip netns exec $ns ip route add default via 192.168.10.1
  mkdir -p /srv/$ns
  echo "hello from $ns (192.168.10.1$n)" >/srv/$ns/index.html
  ip netns exec $ns httpd -p 80 -h /srv/$ns
done
# Direct routing: rs4 and rs5 accept the VIP locally but never answer ARP for it.
for ns in rs4 rs5; do
  ip netns exec $ns ip addr add 10.0.0.200/32 dev lo
  ip netns exec $ns sh -c 'echo 1 >/proc/sys/net/ipv4/conf/all/arp_ignore; echo 2 >/proc/sys/net/ipv4/conf/all/arp_announce'
done

say "Programming the table with lvsadm"
set -x
lvsadm -A -t 10.0.0.100:80 -s rr
lvsadm -a -t 10.0.0.100:80 -r 192.168.10.11:80 -m
lvsadm -a -t 10.0.0.100:80 -r 192.168.10.12:80 -m
lvsadm -a -t 10.0.0.100:80 -r 192.168.10.13:80 -m -w 1
lvsadm -A -t 10.0.0.200:80 -s wrr
lvsadm -a -t 10.0.0.200:80 -r 192.168.10.14:80 -g -w 3
lvsadm -a -t 10.0.0.200:80 -r 192.168.10.15:80 -g -w 1
set +x
lvsadm -L -n

for target in client:10.0.0.100 dclient:10.0.0.200; do
  from=${target%%:*}
  vip=${target#*:}
  say "$requests requests from $from to $vip"
  : >/tmp/answers
  i=0
  while [ $i -lt "$requests" ]; do
    i=$((i + 1))
    # (busybox-static wget crashes with -T; timeout bounds a request instead)
    answer=$(ip netns exec "$from" timeout 5 wget -q -O - "http://$vip/" 2>/dev/null) || answer="no answer"
    echo "  request $i: $answer"
    echo "$answer" >>/tmp/answers
  done
  say "Distribution for $vip"
  sort /tmp/answers | uniq -c
done

# The kernel folds its per-CPU counters together every two seconds.
sleep 3
say "lvsadm -L -n --stats"
lvsadm -L -n --stats

# Beyond ipvsadm: keep the table equal to a rules file. The saved rules with one weight
# changed become one in-place edit; the counters above survive it.
lvsadm -S -n | sed 's/-r 192.168.10.15:80 -g -w 1/-r 192.168.10.15:80 -g -w 2/' >/tmp/rules
say "lvsadm diff /tmp/rules (the saved rules, rs5 weighted 2)"
lvsadm diff /tmp/rules || true   # exits 1: there is a change, as diff(1) does
say "lvsadm apply /tmp/rules, then the table"
lvsadm apply /tmp/rules && lvsadm -L -n -t 10.0.0.200:80 && lvsadm -L -n --stats -t 10.0.0.200:80

# lvsadmd: health checks keep the NAT service true to its real servers. It takes the table
# as it finds it (no flush), checks each real server every second, and writes only when a
# server changes state.
if command -v lvsadmd >/dev/null 2>&1; then
  say "lvsadmd keeps 10.0.0.100:80 true to its real servers (a connect check every second)"
  cat >/tmp/lvsadmd.conf <<'CONF'
defaults interval=1s timeout=1s rise=2 fall=1 initial=as-found
-A -t 10.0.0.100:80 -s rr
-a -t 10.0.0.100:80 -r 192.168.10.11:80 -m -w 1
-a -t 10.0.0.100:80 -r 192.168.10.12:80 -m -w 1
-a -t 10.0.0.100:80 -r 192.168.10.13:80 -m -w 1
check -t 10.0.0.100:80 connect
CONF
  cat /tmp/lvsadmd.conf
  mkdir -p /tmp/lvsadmd
  lvsadmd --config /tmp/lvsadmd.conf --state-file /tmp/lvsadmd/state --socket /tmp/lvsadmd.sock 2>/tmp/lvsadmd.log &
  daemon=$!
  sleep 3
  # A client asks every 0.3 s meanwhile; each answer (or its absence) is one line.
  (
    while :; do
      answer=$(ip netns exec client timeout 2 wget -q -O - http://10.0.0.100/ 2>/dev/null) || answer="no answer"
      echo "$(cut -d' ' -f1 /proc/uptime) $answer"
      sleep 0.3
    done
  ) >/tmp/traffic &
  client=$!
  sleep 3
  say "rs2's web server stops"
  for p in $(ip netns pids rs2); do kill "$p"; done
  sleep 4
  lvsadm -L -n -t 10.0.0.100:80
  say "rs2's web server comes back"
  ip netns exec rs2 httpd -p 80 -h /srv/rs2
  sleep 5
  lvsadm -L -n -t 10.0.0.100:80
  kill "$client"
  say "lvsadmd's log: one line per transition and per write"
  grep -v '^$' /tmp/lvsadmd.log || true
  say "The client's $(wc -l </tmp/traffic) requests meanwhile, by answer"
  cut -d' ' -f2- /tmp/traffic | sort | uniq -c
  kill "$daemon"
  wait "$daemon" 2>/dev/null || true
  say "lvsadmd stopped (SIGTERM); the table stays as it was"
  lvsadm -L -n -t 10.0.0.100:80
fi
