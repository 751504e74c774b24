# A real connection for the apply suite's drain checks, sourced by run.sh. The client is
# the VM itself, the real servers listen in namespace rs behind a veth; IPVS NATs the
# locally sent packets (LOCAL_OUT) to them. Service $vip:80 has real servers $rs:PORT.
vip=10.77.0.100
rs=192.168.77.2

# rs_network: the namespace and the veth, once.
rs_network() {
  [ -e /run/netns/rs ] && return 0
  ip netns add rs
  ip link add v0 type veth peer name v1
  ip link set v1 netns rs
  ip addr add 192.168.77.1/24 dev v0
  ip link set v0 up
  ip netns exec rs ip addr add $rs/24 dev v1
  ip netns exec rs ip link set v1 up
  ip netns exec rs ip link set lo up
  ip netns exec rs ip route add default via 192.168.77.1
  ip route add $vip/32 dev v0
}

# weight_of PORT / active_of PORT: of real server $rs:PORT, "" when it is not there.
weight_of() { /sbin/ipvsadm -L -n -t $vip:80 | awk -v a="$rs:$1" '$2 == a { print $4 }'; }
active_of() { /sbin/ipvsadm -L -n -t $vip:80 | awk -v a="$rs:$1" '$2 == a { print $5 }'; }
# until_true SECONDS CONDITION: polls every 0.2 s.
until_true() {
  _n=$(($1 * 5))
  while [ $_n -gt 0 ]; do
    eval "$2" && return 0
    sleep 0.2
    _n=$((_n - 1))
  done
  return 1
}
# hold: one connection to the VIP, open until release; lands on the only weighted server.
# Both ends read a fifo opened read-write, which never ends: nc closes at end of input.
hold() {
  rm -f "$work/fifo" "$work/fifo.rs"
  mkfifo "$work/fifo" "$work/fifo.rs"
  ip netns exec rs nc -l -p 8080 <>"$work/fifo.rs" >/dev/null 2>&1 &
  listener=$!
  sleep 0.5
  nc $vip 80 <>"$work/fifo" >/dev/null 2>&1 &
  client=$!
}
# held: hold, tried again (up to 3 times) until the connection is active on $rs:8080; a
# loaded VM can start the client before the listener.
held() {
  for _try in 1 2 3; do
    hold
    until_true 5 '[ "$(active_of 8080)" = 1 ]' && return 0
    release
  done
  return 1
}
release() {
  [ -n "${client:-}" ] || return 0
  kill $client $listener 2>/dev/null
  wait $client $listener 2>/dev/null
  client=
}
