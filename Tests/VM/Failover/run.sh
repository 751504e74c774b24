#!/bin/sh
# The failover suite, inside the micro-VM booted with the peers archive (Debian's
# keepalived 2.2.7): two directors, each a namespace with its own IPVS table, its own
# lvsadmd (the same configuration on both) and its own `keepalived --vrrp`, which owns the
# VIP and switches the kernel's sync daemon (lvs_sync_daemon). Docs/two-directors.md says
# what each part shows and gives the figures.
#
#   cl 192.0.2.10 --- rt 192.0.2.1 / 10.0.0.1 --- lan bridge 10.0.0.0/24
#                                                   d1 10.0.0.2   director, priority 150
#                                                   d2 10.0.0.3   director, priority 100
#                                                   rs1-rs3 10.0.0.11-13, direct routing
#   VIP 10.0.0.100: :80 HTTP (rr, persistent), :7 and :9 a line echo (rr; mh for ECMP)
#
# Parts, in order (one boot; a filter runs a part alone: failover, control, ecmp):
#   failover  keepalived on d1 crashed (stopped, then SIGKILL), then d1's link taken
#             down; after each, d1 comes back and takes the VIP again (preemption). The
#             client holds one connection and opens new ones all along: d2 must own the
#             VIP within the bound, the held connection must go on with its real server,
#             new ones must succeed; the gaps are printed.
#   control   the same kill with no sync daemon: the held connection must break.
#   ecmp      rt spreads flows over both directors (multipath route, layer-4 hash), both
#             with mh; d1 withdrawn from the route: d1's flows must keep their servers.
# Ends with "failover: N passed, N failed"; exits non-zero if anything failed.
# Needs on PATH: keepalived, lvsadmd, lvsadm, vipclient; /usr/libexec/lvsadm/vrrp-notify.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/check.sh"
only=${1:-}
work=/tmp/failover
nss="cl rt d1 d2 rs1 rs2 rs3"
vip=10.0.0.100

# VRRP timing. A backup takes over when it has heard no advertisement for the master down
# interval, 3 x advert_int + skew, skew = (256 - priority) / 256 x advert_int: 3.61 s for
# d2 (priority 100). A takeover (and a preemption, which waits the same interval) must
# be seen within three of those, rounded up: a correctness bound with room for an
# emulated CPU shared by seven hosts, not the expected time (the figures are printed).
advert_int=1
bound_cs=$(( (3 * advert_int * 256 + (256 - 100) * advert_int) * 3 * 100 / 256 + 1 ))
interval_ms=200

check() { if eval "$2"; then ok "$1"; else fail "$1" "${3:-$2}"; fi; }
nsh() { _ns=$1; shift; ip netns exec "$_ns" sh -c "$*"; }
sysctl_set() { nsh "$1" "echo $3 >/proc/sys/$2"; }
now() { read -r _t _ </proc/uptime; now=${_t%.*}${_t#*.}; }
seconds() { printf '%d.%02d s' $(($1 / 100)) $(($1 % 100)); }
ms() { printf '%d.%03d s' $(($1 / 1000)) $(($1 % 1000)); }

# ---- network -------------------------------------------------------------------------

attach() {
  ip link add "$1-$2" type veth peer name "$2" netns "$1"
  ip link set "$1-$2" master lan up
  ip -n "$1" link set "$2" up
  ip -n "$1" addr add "$3" dev "$2"
}

setup() {
  rm -rf "$work"
  mkdir -p "$work"
  for ns in $nss; do
    ip netns add "$ns"
    ip -n "$ns" link set lo up
  done
  ip link add lan type bridge
  ip link set lan up
  ip link add eth0 netns cl type veth peer name up0 netns rt
  ip -n cl addr add 192.0.2.10/24 dev eth0
  ip -n cl link set eth0 up
  ip -n cl route add default via 192.0.2.1
  ip -n rt addr add 192.0.2.1/24 dev up0
  ip -n rt link set up0 up
  attach rt eth0 10.0.0.1/24
  sysctl_set rt net/ipv4/ip_forward 1
  for d in d1 d2; do
    attach $d eth0 10.0.0.$((1 + ${d#d}))/24
    mkdir -p $work/$d
    ip -n $d route add default via 10.0.0.1
  done
  # lvsadmd starts while the servers are set up: its start takes seconds of the emulated
  # CPU, and its checks decide the table (rise=1) once the servers answer.
  lvsadmd_conf >$work/lvsadmd.conf
  for d in d1 d2; do start_lvsadmd $d; done
  for n in 1 2 3; do
    rs=rs$n
    attach $rs eth0 10.0.0.1$n/24
    ip -n $rs route add default via 10.0.0.1
    # Direct routing: the VIP is local to the server, which must not answer ARP for it.
    ip -n $rs addr add $vip/32 dev lo
    sysctl_set $rs net/ipv4/conf/all/arp_ignore 1
    sysctl_set $rs net/ipv4/conf/all/arp_announce 2
    mkdir -p $work/www/$rs
    echo $rs >$work/www/$rs/index.html
    # rs3 serves no HTTP: lvsadmd on both directors must take it to weight 0.
    [ $n = 3 ] || ip netns exec $rs httpd -p 80 -h $work/www/$rs
    printf '#!/bin/sh\nwhile read -r line; do echo "%s $line"; done\n' $rs >$work/echo-$rs
    chmod +x $work/echo-$rs
    for port in 7 9; do ip netns exec $rs nc -ll -p $port -e $work/echo-$rs & done
  done
}

teardown() {
  for ns in $nss; do
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
  done
  sleep 0.2
  for ns in $nss; do ip netns del "$ns" 2>/dev/null; done
  ip link del lan 2>/dev/null
}

# ---- lvsadmd and keepalived --------------------------------------------------------------

lvsadmd_conf() {
  cat <<CONF
defaults interval=1s timeout=2s rise=1 fall=2 initial=up
-A -t $vip:80 -s rr -p 60
-a -t $vip:80 -r 10.0.0.11:80 -g
-a -t $vip:80 -r 10.0.0.12:80 -g
-a -t $vip:80 -r 10.0.0.13:80 -g
check -t $vip:80 http path=/ body=rs
-A -t $vip:7 -s rr
-a -t $vip:7 -r 10.0.0.11:7 -g
-a -t $vip:7 -r 10.0.0.12:7 -g
-a -t $vip:7 -r 10.0.0.13:7 -g
-A -t $vip:9 -s mh -b mh-port
-a -t $vip:9 -r 10.0.0.11:9 -g
-a -t $vip:9 -r 10.0.0.12:9 -g
-a -t $vip:9 -r 10.0.0.13:9 -g
CONF
}

# keepalived_conf DIRECTOR PRIORITY
keepalived_conf() {
  cat <<CONF
global_defs {
  router_id $1
  lvs_sync_daemon eth0 VI_1
}
vrrp_instance VI_1 {
  state BACKUP
  interface eth0
  virtual_router_id 51
  priority $2
  advert_int $advert_int
  virtual_ipaddress {
    $vip/24 dev eth0
  }
  notify "/usr/libexec/lvsadm/vrrp-notify --state-dir $work/$1 --log $work/$1/notify.log"
}
CONF
}

start_lvsadmd() {
  ip netns exec $1 lvsadmd --config $work/lvsadmd.conf --state-file $work/$1/state \
    --socket $work/$1/lvsadmd.sock </dev/null >/dev/null 2>$work/$1/lvsadmd.log &
}

start_keepalived() {
  ip netns exec $1 keepalived --vrrp --dont-fork --log-console -f $work/$1/keepalived.conf \
    -p $work/$1/keepalived.pid -r $work/$1/vrrp.pid </dev/null >>$work/$1/keepalived.log 2>&1 &
}
# crash_keepalived DIRECTOR: every keepalived process of the director (the parent and its
# VRRP child) stopped, then killed: a crash. Killed at once, the child would be told of
# its parent's death (SIGTERM) and shut down cleanly: a priority 0 advertisement, the VIP
# and the sync daemon removed, which is a handover, not a failure.
crash_keepalived() {
  _ps=$(keepalived_pids $1)
  [ -n "$_ps" ] || return 0
  kill -STOP $_ps
  kill -9 $_ps
  await_no_keepalived $1
}
keepalived_pids() {
  for _p in $(ip netns pids $1); do
    [ "$(cat /proc/$_p/comm 2>/dev/null)" = keepalived ] && echo $_p
  done
}
await_no_keepalived() {
  _i=0
  while [ $_i -lt 100 ] && [ -n "$(keepalived_pids $1)" ]; do _i=$((_i + 1)); sleep 0.1; done
}
# await_state DIRECTOR STATE...: waits (at most 30 s) until the director's notify hook
# has written one of the STATEs; sets $stated to when it was seen.
await_state() {
  _d=$1; shift
  _i=0
  while [ $_i -lt 300 ]; do
    for _s in "$@"; do
      if [ "$(cat $work/$_d/vrrp-VI_1 2>/dev/null)" = "$_s" ]; then now; stated=$now; return 0; fi
    done
    _i=$((_i + 1))
    sleep 0.1
  done
  now
  stated=$now
  return 1
}

# owns DIRECTOR: the VIP is on its eth0 (one program per poll: forks are what the polls
# cost on the emulated CPU that the directors share).
owns() {
  case $(ip -n $1 -4 -o addr show dev eth0 2>/dev/null) in
    *" $vip/"*) return 0 ;;
    *) return 1 ;;
  esac
}
# await_owner DIRECTOR OTHER: polls (0.1 s) until DIRECTOR holds the VIP and OTHER does
# not (OTHER "-": DIRECTOR alone decides), at most 30 s; sets $owned to the uptime
# (centiseconds) of the poll that saw it, and returns non-zero if it never did.
await_owner() {
  _i=0
  while [ $_i -lt 300 ]; do
    if owns $1 && { [ "$2" = - ] || ! owns $2; }; then
      now
      owned=$now
      return 0
    fi
    _i=$((_i + 1))
    sleep 0.1
  done
  now
  owned=$now
  return 1
}

daemons() { ip netns exec $1 lvsadm -L --daemon | sed 's/ (.*//' | paste -sd, -; }

# ---- the client ----------------------------------------------------------------------

start_client() {
  ip netns exec cl vipclient watch $vip 7 80 $interval_ms >$work/client.log 2>&1 &
  # Until the held connection has answered three times and new connections as well.
  _i=0
  while [ $_i -lt 100 ] && { [ "$(grep -c '^held .* ok ' $work/client.log)" -lt 3 ] ||
    [ "$(grep -c '^new .* ok ' $work/client.log)" -lt 3 ]; }; do
    _i=$((_i + 1))
    sleep 0.2
  done
}
stop_client() { for p in $(ip netns pids cl); do kill "$p" 2>/dev/null; done; sleep 0.2; }

# The client's log as seen from time FROM_MS to TO_MS (milliseconds since boot): lines of
# KIND (held, new) ending after FROM, and the last ok line before it.
# gap KIND FROM TO: the longest time between two ok answers, the last before FROM
# included: the outage the client saw.
gap() {
  awk -v kind=$1 -v from=$2 -v to=$3 '$1 == kind && $4 == "ok" && $3 <= to {
      if ($3 > from && last && $3 - last > g) g = $3 - last
      last = $3 } END { print g + 0 }' $work/client.log
}
# oks / fails KIND FROM TO: answers (failures) that ended (started) in the window.
oks() { awk -v kind=$1 -v from=$2 -v to=$3 '$1 == kind && $4 == "ok" && $3 > from && $3 <= to' $work/client.log | wc -l; }
fails_started_after() { awk -v kind=$1 -v from=$2 -v to=$3 '$1 == kind && $4 != "ok" && $2 >= from && $2 <= to' $work/client.log | wc -l; }
# servers KIND FROM TO: the servers that answered in the window, sorted, one a word.
servers() { awk -v kind=$1 -v from=$2 -v to=$3 '$1 == kind && $4 == "ok" && $3 > from && $3 <= to {print $5}' $work/client.log | sort -u | paste -sd' ' -; }
held_server() { awk '$1 == "held" && $4 == "ok" {s = $5} END {print s}' $work/client.log; }
held_port() { awk '$1 == "held" {p = $NF} END {print p}' $work/client.log; }
held_dead() { grep '^held .* dead ' $work/client.log; }
new_server() { awk '$1 == "new" && $4 == "ok" {s = $5} END {print s}' $work/client.log; }
now_ms() { now; echo $((now * 10)); }

# ---- parts ---------------------------------------------------------------------------

start_directors() {
  keepalived_conf d1 150 >$work/d1/keepalived.conf
  keepalived_conf d2 100 >$work/d2/keepalived.conf
  # On a director keepalived starts after lvsadmd is ready (the shipped drop-in), so that
  # it never claims the VIP with an empty table. Here both start at once, to spend the
  # seconds each takes to start on the emulated CPU side by side: no client runs before
  # both tables are checked below.
  for d in d1 d2; do start_keepalived $d; done
  now
  t0=$now
  await_owner d1 d2
  check "d1 (priority 150) owns the VIP, d2 does not" '[ $? = 0 ]' "$(ip -n d1 addr; ip -n d2 addr)"
  echo "   d1 took the VIP $(seconds $((owned - t0))) after both keepalived started"
  # Both lvsadmd see rs3 refuse two HTTP checks (fall=2) within seconds; the other
  # servers answer theirs (a 2 s timeout: the emulated CPU is shared by seven hosts).
  _i=0
  while [ $_i -lt 150 ] && ! { weight0 d1 && weight0 d2 &&
    [ "$(ip netns exec d1 lvsadm -S -n)" = "$(ip netns exec d2 lvsadm -S -n)" ]; }; do
    _i=$((_i + 1))
    sleep 0.2
  done
  check "lvsadmd on both directors quiesced rs3 (no HTTP)" 'weight0 d1 && weight0 d2' \
    "d1: $(ip netns exec d1 lvsadm -S -n | grep :80); d2: $(ip netns exec d2 lvsadm -S -n | grep :80)"
  check_eq "the backup's table is the master's" "$(ip netns exec d2 lvsadm -S -n)" "$(ip netns exec d1 lvsadm -S -n)"
  check_eq "the master runs the master sync daemon, the backup the backup one" \
    "$(daemons d1) / $(daemons d2)" "master sync daemon / backup sync daemon"
}
weight0() { ip netns exec $1 lvsadm -S -n | grep -q -- "-a -t $vip:80 -r 10.0.0.13:80 -g -w 0"; }

# synced_held DIRECTOR: the director knows the client's held connection, established.
synced_held() { ip netns exec $1 lvsadm -L -c -n | grep -q "ESTABLISHED 192\.0\.2\.10:$(held_port) "; }
await_synced_held() {
  _i=0
  while [ $_i -lt 50 ] && ! synced_held $1; do _i=$((_i + 1)); sleep 0.2; done
  synced_held $1
}

# observe PHASE EVENT_MS SERVER_HELD SERVER_NEW: after an outage that began at EVENT_MS
# and ended when the VIP was seen at its new owner ($owned), lets the client run until
# both its held and its new connections have answered since then (at most 15 s), and 2 s
# more, then checks and prints what it saw. After a link down the client's router still
# sends to the old director's address until its neighbour entry for the VIP is found
# dead and resolved again (unicast probes a second apart, then a broadcast that the new
# owner answers), and a connection that waits meanwhile retries its SYN after 1 s and 3 s:
# answers can come seconds after the VIP moved.
observe() {
  _own_ms=$((owned * 10))
  _i=0
  while [ $_i -lt 75 ] && { [ "$(oks held $_own_ms 999999999)" -eq 0 ] ||
    [ "$(oks new $_own_ms 999999999)" -eq 0 ]; }; do
    _i=$((_i + 1))
    sleep 0.2
  done
  sleep 2
  _to=$(now_ms)
  check_eq "$1: the held connection goes on with $3" "$(servers held $2 $_to)" "$3"
  check "$1: the held connection answered after the VIP moved" "[ $(oks held $_own_ms $_to) -gt 0 ]" "$(tail -5 $work/client.log)"
  check "$1: the held connection is alive" '[ -z "$(held_dead)" ]' "$(held_dead)"
  check "$1: new connections answered after the VIP moved" "[ $(oks new $_own_ms $_to) -gt 0 ]"
  check "$1: every new connection started after the VIP moved succeeded" \
    "[ $(fails_started_after new $_own_ms $_to) = 0 ]" \
    "$(awk -v from=$_own_ms '$1 == "new" && $4 != "ok" && $2 >= from' $work/client.log)"
  check_eq "$1: new connections keep to $4 (persistence template)" "$(servers new $_own_ms $_to)" "$4"
  echo "   $1: VIP moved after $(seconds $((owned - $2 / 10))); the client's longest gap: held $(ms "$(gap held $2 $_to)"), new $(ms "$(gap new $2 $_to)") (interval $interval_ms ms); new connections failed: $(fails_started_after new $2 $_to)"
  echo "   $1: sync daemons d1: $(daemons d1 | sed 's/^$/none/'); d2: $(daemons d2 | sed 's/^$/none/')"
}

# takeover PHASE ACTION UNDO: ACTION makes d1 fail, d2 must take over; UNDO brings d1 back,
# which must take the VIP again (preempt). The return is timed from when d1's keepalived
# is running again (its notify hook says BACKUP): starting keepalived takes seconds of
# the emulated CPU, which no VRRP setting governs.
takeover() {
  held=$(held_server)
  new=$(new_server)
  check "$1: d2 knows the held connection before the failure (synced)" "await_synced_held d2" \
    "port $(held_port); d2: $(ip netns exec d2 lvsadm -L -c -n)"
  event=$(now_ms)
  eval "$2"
  await_owner d2 -
  check "$1: d2 owns the VIP within $(seconds $bound_cs)" "[ $? = 0 ] && [ $((owned - event / 10)) -le $bound_cs ]" \
    "seen after $(seconds $((owned - event / 10)))"
  check "$1: d2's notify hook says MASTER" "await_state d2 MASTER" "$(cat $work/d2/vrrp-VI_1)"
  echo "   $1: d1 still holds the VIP: $(owns d1 && echo yes || echo no); d1's sync daemons: $(daemons d1 | sed 's/^$/none/')"
  observe "$1" $event $held $new
  rm -f $work/d1/vrrp-VI_1
  event=$(now_ms)
  eval "$3"
  await_state d1 BACKUP MASTER
  await_owner d1 d2
  check "$1, return: d1 takes the VIP back (preempts) within $(seconds $bound_cs) of running" \
    "[ $? = 0 ] && [ $((owned - stated)) -le $bound_cs ]" "seen $(seconds $((owned - stated))) after d1 said $(cat $work/d1/vrrp-VI_1)"
  echo "   $1, return: d1's keepalived BACKUP $(seconds $((stated - event / 10))) after the action, MASTER $(seconds $((owned - stated))) later"
  observe "$1, return" $event $held $new
}

part_failover() {
  start_client
  takeover "keepalived killed" "crash_keepalived d1" "start_keepalived d1"
  takeover "link down" "ip -n d1 link set eth0 down" "ip -n d1 link set eth0 up"
  stop_client
  tail -4 $work/d2/notify.log | sed 's/^/   d2 notify: /'
}

part_control() {
  for d in d1 d2; do
    ip netns exec $d lvsadm --stop-daemon master 2>/dev/null
    ip netns exec $d lvsadm --stop-daemon backup 2>/dev/null
  done
  check_eq "control: no sync daemon runs" "$(daemons d1)$(daemons d2)" ""
  start_client
  check "control: d2 does not know the held connection" "! synced_held d2"
  event=$(now_ms)
  crash_keepalived d1
  await_owner d2 -
  check "control: d2 owns the VIP within $(seconds $bound_cs)" "[ $? = 0 ] && [ $((owned - event / 10)) -le $bound_cs ]"
  # Until the held connection is dead and a new one started after the move is answered
  # (as the takeovers wait): the held one can die well before the first new one completes.
  _i=0
  while [ $_i -lt 75 ] && { [ -z "$(held_dead)" ] || [ "$(oks new $((owned * 10)) 999999999)" -eq 0 ]; }; do
    _i=$((_i + 1))
    sleep 0.2
  done
  check "control: without the sync daemon the held connection breaks" '[ -n "$(held_dead)" ]' \
    "$(tail -3 $work/client.log)"
  _to=$(now_ms)
  check "control: new connections answered after the VIP moved" "[ $(oks new $((owned * 10)) $_to) -gt 0 ]"
  echo "   control: $(held_dead | awk '{print "the held connection ended (" $5 ") " ($3 - '"$event"') " ms after the kill"}')"
  stop_client
}

# ECMP: no VRRP; the VIP on both directors' lo (not answered by ARP, as on the servers),
# rt routes it over both with a hash of addresses and ports. A director that receives a
# flow in its middle schedules it (sloppy_tcp=1), and mh with mh-port maps it to the
# server the other director chose.
part_ecmp() {
  for d in d1 d2; do
    crash_keepalived $d
    ip -n $d addr del $vip/24 dev eth0 2>/dev/null
    ip -n $d addr add $vip/32 dev lo
    sysctl_set $d net/ipv4/conf/all/arp_ignore 1
    sysctl_set $d net/ipv4/conf/all/arp_announce 2
    sysctl_set $d net/ipv4/vs/sloppy_tcp 1
  done
  sysctl_set rt net/ipv4/fib_multipath_hash_policy 1
  ip -n rt route replace $vip/32 nexthop via 10.0.0.2 nexthop via 10.0.0.3
  mkfifo $work/rounds
  ip netns exec cl vipclient many $vip 9 16 <$work/rounds >$work/many.log 2>&1 &
  exec 3>$work/rounds
  round before
  ports=$(awk '$1 == "before" && $3 != "dead" {print $2}' $work/many.log)
  on_d1=$(carried d1 $ports)
  on_d2=$(carried d2 $ports)
  check_eq "ecmp: 16 connections answered, each through one director" "$(answered before) $((on_d1 + on_d2))" "16 16"
  check "ecmp: both directors carry some" "[ $on_d1 -gt 0 ] && [ $on_d2 -gt 0 ]" "d1 $on_d1, d2 $on_d2"
  ip -n rt route replace $vip/32 via 10.0.0.3
  round after
  exec 3>&-
  kept=$(awk '$3 != "dead" && $2 != "done" { if ($1 == "before") s[$2] = $3; else if (s[$2] == $3) k++ } END {print k + 0}' $work/many.log)
  check_eq "ecmp: after d1's withdrawal every connection keeps its server" "$kept" 16
  echo "   ecmp: $on_d1 of 16 connections moved from d1 to d2; $kept of 16 kept their server ($((kept - on_d2)) of the $on_d1 moved)"
}
# carried DIRECTOR PORT...: how many of the client's ports the director has entries for
# on :9. The earlier parts' connections (to :7 and :80) linger in both tables, synced or
# closing, and may have used the same client ports.
carried() {
  _d=$1; shift
  ip netns exec $_d lvsadm -L -c -n >$work/conns.$_d
  for _p in "$@"; do
    awk -v s=192.0.2.10:$_p -v v=$vip:9 '$4 == s && $5 == v {f = 1} END {exit !f}' $work/conns.$_d && echo $_p
  done | wc -l
}
round() {
  echo $1 >&3
  _i=0
  while [ $_i -lt 150 ] && ! grep -q "^$1 done" $work/many.log; do _i=$((_i + 1)); sleep 0.2; done
}
answered() { awk -v r=$1 '$1 == r && $2 != "done" && $3 != "dead"' $work/many.log | wc -l; }

# ---- main ------------------------------------------------------------------------------

now
begin=$now
echo "failover: the takeover bound is $(seconds $bound_cs) (3 x (3 x advert_int + skew), advert_int $advert_int s)"
setup
start_directors
for part in failover control ecmp; do
  case ${only:-$part} in "$part") ;; *) continue ;; esac
  now
  echo "== $part ($(seconds $((now - begin))) into the suite)"
  part_$part
done
now
echo "   the suite took $(seconds $((now - begin))), $(seconds $begin) after boot"
teardown
verdict failover
