# Forwarding methods, each with TCP (httpd) and UDP (the nft responder): rr over three
# servers must give every server the same share, which only happens if every packet
# reached its server and every answer came back to the client.

test_nat_tcp() {
  lvs -A -t 10.0.0.100:80 -s rr
  rs3 "-t 10.0.0.100:80" 80 -m
  burst 12 http cl http://10.0.0.100/
  check_eq "NAT TCP: 12 requests, rr over 3 servers" "$(dist)" "rs1=4 rs2=4 rs3=4"
}

test_nat_tcp_port_translation() {
  # Service port 82, real servers on 8080 (whose pages say "rsN-8080").
  lvs -A -t 10.0.0.100:82 -s rr
  rs3 "-t 10.0.0.100:82" 8080 -m
  burst 6 http cl http://10.0.0.100:82/
  check_eq "NAT TCP port translation 82 -> 8080" "$(dist)" "rs1-8080=2 rs2-8080=2 rs3-8080=2"
}

test_nat_tcp_echo() {
  # The echo servers give the line back after their name: the data went both ways.
  lvs -A -t 10.0.0.100:7 -s rr
  rs3 "-t 10.0.0.100:7" 7 -m
  burst 6 echo_tcp cl 10.0.0.100 7
  check_eq "NAT TCP echo: 6 lines echoed intact, rr over 3 servers" "$(dist)" "rs1=2 rs2=2 rs3=2"
}

test_nat_udp_port_translation() {
  # The NAT responders listen on 5353 only: an answer proves the port was translated.
  lvs -A -u 10.0.0.100:53 -s rr
  rs3 "-u 10.0.0.100:53" 5353 -m
  burst 6 udp cl 10.0.0.100 53
  check_eq "NAT UDP 53 -> 5353: 6 datagrams, rr over 3 servers" "$(dist)" "rs1=2 rs2=2 rs3=2"
}

# vip_test NAME METHOD...: TCP and UDP services on the DR/tunnel VIP 10.0.0.200 with the
# three servers forwarded by METHOD, 6 requests each from dc.
vip_test() {
  _name=$1; shift
  lvs -A -t 10.0.0.200:80 -s rr
  rs3 "-t 10.0.0.200:80" "" "$@"
  lvs -A -u 10.0.0.200:53 -s rr
  rs3 "-u 10.0.0.200:53" "" "$@"
  burst 6 http dc http://10.0.0.200/
  check "$_name TCP: 6 requests, rr over 3 servers" '[ "$(dist)" = "rs1=2 rs2=2 rs3=2" ]' \
    "got '$(dist)' in the order $(tr '\n' ' ' <"$answers"); the director's connections:
$(lvs -L -c -n)"
  burst 6 udp dc 10.0.0.200 53
  # Each datagram comes from a new socket and should be one scheduling decision: on a
  # failure, the director's connection entries say which source port went where.
  check "$_name UDP: 6 datagrams, rr over 3 servers" '[ "$(dist)" = "rs1=2 rs2=2 rs3=2" ]' \
    "got '$(dist)' in the order $(tr '\n' ' ' <"$answers"); the director's connections:
$(lvs -L -c -n)"
}

test_dr() { vip_test "DR" -g; }
test_tunnel_ipip() { vip_test "tunnel IPIP" -i; }
test_tunnel_gue() { vip_test "tunnel GUE" -i --tun-type gue --tun-port 6080; }
test_tunnel_gre() { vip_test "tunnel GRE" -i --tun-type gre; }

test_fwmark() {
  # 10.0.0.103:90 is no service: only the nft mark rule makes IPVS take it.
  ip netns exec dir nft add table ip lvsmark
  ip netns exec dir nft add chain ip lvsmark pre '{ type filter hook prerouting priority mangle; }'
  ip netns exec dir nft add rule ip lvsmark pre ip daddr 10.0.0.103 tcp dport 90 meta mark set 7
  lvs -A -f 7 -s rr
  rs3 "-f 7" 80 -m
  burst 6 http cl http://10.0.0.103:90/
  check_eq "fwmark service fed by an nft mark rule: rr over 3 servers" "$(dist)" "rs1=2 rs2=2 rs3=2"
  ip netns exec dir nft delete table ip lvsmark
}

test_ipv6() {
  lvs -A -t "[2001:db8:f::100]:80" -s rr
  for n in 1 2 3; do lvs -a -t "[2001:db8:f::100]:80" -r "[2001:db8:b::1$n]:80" -m; done
  burst 6 http cl "http://[2001:db8:f::100]/"
  check_eq "IPv6 NAT TCP: rr over 3 servers" "$(dist)" "rs1=2 rs2=2 rs3=2"
}

test_local_node() {
  # The director's own httpd on :81 is a real server (local node) beside rs1.
  lvs -A -t 10.0.0.100:81 -s rr
  lvs -a -t 10.0.0.100:81 -r 10.0.0.1:81 -m
  lvs -a -t 10.0.0.100:81 -r 192.168.10.11:80 -m
  burst 6 http cl http://10.0.0.100:81/
  check_eq "local node: the director serves itself, rr with rs1" "$(dist)" "dir=3 rs1=3"
}
