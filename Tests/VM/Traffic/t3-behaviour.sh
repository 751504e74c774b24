# Per-server and per-service behaviour: weight 0, thresholds, persistence, one-packet
# scheduling.

test_weight_zero() {
  lvs -A -t 10.0.0.100:87 -s rr
  lvs -a -t 10.0.0.100:87 -r 192.168.10.11:80 -m
  lvs -a -t 10.0.0.100:87 -r 192.168.10.12:80 -m
  hold_to 1 10.0.0.100 87
  busy=$(actives | tr ' ' '\n' | grep '=1$' | cut -d= -f1)
  other=rs1; [ "$busy" = rs1 ] && other=rs2
  lvs -e -t 10.0.0.100:87 -r "192.168.10.1${busy#rs}:80" -m -w 0
  burst 4 http cl http://10.0.0.100:87/
  check_eq "weight 0: $busy takes no new connections" "$(dist)" "$other=4"
  check_eq "weight 0: the connection $busy held goes on" "$(ask_held 1)" "$busy"
}

test_thresholds() {
  # UDP: its entries expire after the 5 s set up in lib.sh, so the count falls again.
  lvs -A -u 10.0.0.100:54 -s rr
  lvs -a -u 10.0.0.100:54 -r 192.168.10.11:5353 -m -x 2 -y 1
  lvs -a -u 10.0.0.100:54 -r 192.168.10.12:5353 -m
  burst 4 udp cl 10.0.0.100 54
  check_eq "-x 2: rs1 takes connections up to its upper threshold" "$(dist)" "rs1=2 rs2=2"
  burst 4 udp cl 10.0.0.100 54
  check_eq "-x 2: at the threshold rs1 takes no new connections" "$(dist)" "rs2=4"
  # Wait (at most ~12 s) until rs1's connections have expired: below -y 1 it resumes.
  i=0
  while [ $i -lt 60 ] && [ "$(column 6 | tr ' ' '\n' | grep rs1=)" != rs1=0 ]; do
    i=$((i + 1))
    sleep 0.2
  done
  burst 4 udp cl 10.0.0.100 54
  check_eq "-y 1: below its lower threshold rs1 takes connections again" "$(dist)" "rs1=2 rs2=2"
}

test_persistence() {
  lvs -A -t 10.0.0.100:88 -s rr -p 60
  rs3 "-t 10.0.0.100:88" 80 -m
  from 10.0.0.21
  burst 6 http cl http://10.0.0.100:88/
  first=$(head -1 "$answers")
  check_eq "-p: one client stays on one server over 6 connections" "$(dist)" "$first=6"
  from 10.0.0.22
  burst 3 http cl http://10.0.0.100:88/
  check "-p: another client (another /32) is scheduled anew" '[ "$(dist)" != "$first=3" ] && [ "$(distinct)" = 1 ]' "$(dist), first client on $first"
}

test_persistence_netmask() {
  lvs -A -t 10.0.0.100:89 -s rr -p 60 -M 255.255.255.0
  rs3 "-t 10.0.0.100:89" 80 -m
  : >"$work/both"
  for s in 21 22 23; do
    from 10.0.0.$s
    burst 2 http cl http://10.0.0.100:89/
    cat "$answers" >>"$work/both"
  done
  check_eq "-M 255.255.255.0: three clients of one /24 share one server" "$(distinct "$work/both")" 1
}

test_one_packet() {
  # DR: the answers go straight to dc; with NAT the director could not translate them,
  # as one-packet entries are never looked up again.
  lvs -A -u 10.0.0.200:53 -s rr
  rs3 "-u 10.0.0.200:53" "" -g
  udp_one_socket dc 10.0.0.200 53 6 >"$answers"
  check_eq "without -o: 6 datagrams of one socket stay on one server" "$(distinct)" 1
  lvs -D -u 10.0.0.200:53
  lvs -A -u 10.0.0.200:53 -s rr -o
  rs3 "-u 10.0.0.200:53" "" -g
  udp_one_socket dc 10.0.0.200 53 6 >"$answers"
  check_eq "-o: 6 datagrams of one socket spread over 3 servers" "$(dist)" "rs1=2 rs2=2 rs3=2"
}
