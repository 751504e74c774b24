#!/bin/sh
# Runs inside the micro-VM (Scripts/demo). Builds a small network of namespaces, programs
# it with lvsadm only, and sends real HTTP requests through the director:
#
#   client 10.0.0.2 --(veth)-- director 10.0.0.1, VIP 10.0.0.100 --(bridge 192.168.10.1/24)--
#       rs1 192.168.10.11, rs2 .12, rs3 .13   (NAT: replies return through the director)
#       rs4 .14, rs5 .15 with the DR VIP 10.0.0.200 on lo (direct routing)
set -eu
requests=${DEMO_REQUESTS:-12}

say() { printf '\n\033[1m%s\033[0m\n' "$*"; }

ip link set lo up
echo 1 >/proc/sys/net/ipv4/ip_forward

# The client and its link to the director.
ip netns add client
ip link add d0 type veth peer name c0
ip link set c0 netns client
ip addr add 10.0.0.1/24 dev d0
ip addr add 10.0.0.100/32 dev d0
ip link set d0 up
ip netns exec client ip addr add 10.0.0.2/24 dev c0
ip netns exec client ip link set c0 up
ip netns exec client ip link set lo up
# The DR VIP lives on the real servers; the client reaches it through the director.
ip netns exec client ip route add 10.0.0.200/32 via 10.0.0.1

# The real servers' segment: a bridge on the director, one namespace per server.
ip link add br0 type bridge
ip addr add 192.168.10.1/24 dev br0
ip link set br0 up
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
  # Replies go straight back to the client, not through IPVS.
  ip netns exec $ns ip route add 10.0.0.0/24 via 192.168.10.1
done
ip route add 10.0.0.200/32 dev br0 2>/dev/null || true

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

for vip in 10.0.0.100 10.0.0.200; do
  say "$requests requests from the client to $vip"
  : >/tmp/answers
  i=0
  while [ $i -lt "$requests" ]; do
    i=$((i + 1))
    answer=$(ip netns exec client wget -q -T 3 -O - "http://$vip/" 2>&1 || echo "no answer")
    echo "  request $i: $answer"
    echo "$answer" >>/tmp/answers
  done
  say "Distribution for $vip"
  sort /tmp/answers | uniq -c
done

say "lvsadm -L -n --stats"
lvsadm -L -n --stats
