# Every scheduler against its definition, with real connections from cl (NAT to the
# servers' port 80). Held connections (hold_to) are what makes a server "busy" for the
# connection-counting schedulers: they stay ESTABLISHED until release.

test_rr() {
  # Weights do not matter to rr.
  lvs -A -t 10.0.0.100:80 -s rr
  lvs -a -t 10.0.0.100:80 -r 192.168.10.11:80 -m -w 1
  lvs -a -t 10.0.0.100:80 -r 192.168.10.12:80 -m -w 2
  lvs -a -t 10.0.0.100:80 -r 192.168.10.13:80 -m -w 3
  burst 12 http cl http://10.0.0.100/
  check_eq "rr: equal counts whatever the weights" "$(dist)" "rs1=4 rs2=4 rs3=4"
}

test_wrr() {
  lvs -A -t 10.0.0.100:80 -s wrr
  lvs -a -t 10.0.0.100:80 -r 192.168.10.11:80 -m -w 3
  lvs -a -t 10.0.0.100:80 -r 192.168.10.12:80 -m -w 2
  lvs -a -t 10.0.0.100:80 -r 192.168.10.13:80 -m -w 1
  burst 12 http cl http://10.0.0.100/
  check_eq "wrr: counts in the ratio of the weights 3:2:1" "$(dist)" "rs1=6 rs2=4 rs3=2"
}

test_sh() {
  lvs -A -t 10.0.0.100:83 -s sh
  rs3 "-t 10.0.0.100:83" 80 -m
  map_sources 83 3
  check_eq "sh: each source always gets the same server" "$(mixed)" 0
  check "sh: different sources spread over servers" '[ "$(mapped_servers)" -ge 2 ]' "$(cat "$work/map")"
}

test_dh() {
  mark_vips 90 1
  lvs -A -f 1 -s dh
  rs3 "-f 1" 80 -m
  map_dests 90 3
  check_eq "dh: each destination always gets the same server" "$(mixed)" 0
  check "dh: different destinations spread over servers" '[ "$(mapped_servers)" -ge 2 ]' "$(cat "$work/map")"
  unmark_vips
}

# lblc and lblcr: a destination stays on its server while that one is not overloaded,
# and new destinations go to the least connected server.
locality_test() {
  mark_vips 90 2
  lvs -A -f 2 -s "$1"
  rs3 "-f 2" 80 -m
  map_dests 90 3
  check_eq "$1: each destination keeps its server" "$(mixed)" 0
  check "$1: new destinations go to other (less loaded) servers" '[ "$(mapped_servers)" -ge 2 ]' "$(cat "$work/map")"
  unmark_vips
}
test_lblc() { locality_test lblc; }
test_lblcr() { locality_test lblcr; }

test_lc() {
  lvs -A -t 10.0.0.100:86 -s lc
  rs3 "-t 10.0.0.100:86" 80 -m
  hold_to 1 10.0.0.100 86
  hold_to 2 10.0.0.100 86
  idle=$(actives | tr ' ' '\n' | grep '=0$' | cut -d= -f1)
  check "lc: two held connections on two servers" '[ "$(echo $idle | wc -w)" = 1 ]' "active: $(actives)"
  burst 3 http cl http://10.0.0.100:86/
  check_eq "lc: new requests go to the server without active connections" "$(dist)" "$idle=3"
}

# weighted_holds SCHED N: holds N connections on a service with weights 1, 1, 3.
weighted_holds() {
  lvs -A -t 10.0.0.100:86 -s "$1"
  lvs -a -t 10.0.0.100:86 -r 192.168.10.11:80 -m -w 1
  lvs -a -t 10.0.0.100:86 -r 192.168.10.12:80 -m -w 1
  lvs -a -t 10.0.0.100:86 -r 192.168.10.13:80 -m -w 3
  _k=0
  while [ $_k -lt "$2" ]; do
    _k=$((_k + 1))
    hold_to $_k 10.0.0.100 86
  done
}

test_wlc() {
  # least active/weight: after 5 held connections, 1:1:3 whatever the ties chose
  weighted_holds wlc 5
  check_eq "wlc: 5 held connections in the ratio of the weights 1:1:3" "$(actives)" "rs1=1 rs2=1 rs3=3"
}

test_sed() {
  # least (active+1)/weight: the weight-3 server takes the first two (wlc would not)
  weighted_holds sed 2
  check_eq "sed: the first 2 held connections go to the weight-3 server" "$(actives)" "rs1=0 rs2=0 rs3=2"
}

test_nq() {
  # an idle server first, whatever its weight; then as sed
  weighted_holds nq 3
  check_eq "nq: 3 held connections, one on each idle server" "$(actives)" "rs1=1 rs2=1 rs3=1"
  hold_to 4 10.0.0.100 86
  check_eq "nq: with none idle, the 4th goes by (active+1)/weight" "$(actives)" "rs1=1 rs2=1 rs3=2"
}

test_fo() {
  lvs -A -t 10.0.0.100:80 -s fo
  lvs -a -t 10.0.0.100:80 -r 192.168.10.11:80 -m -w 1
  lvs -a -t 10.0.0.100:80 -r 192.168.10.12:80 -m -w 3
  lvs -a -t 10.0.0.100:80 -r 192.168.10.13:80 -m -w 2
  burst 6 http cl http://10.0.0.100/
  check_eq "fo: everything to the highest weight" "$(dist)" "rs2=6"
  lvs -e -t 10.0.0.100:80 -r 192.168.10.12:80 -m -w 0
  burst 6 http cl http://10.0.0.100/
  check_eq "fo: with it at weight 0, everything to the next highest" "$(dist)" "rs3=6"
}

test_ovf() {
  # the highest weight server until its active connections exceed its weight
  lvs -A -t 10.0.0.100:86 -s ovf
  lvs -a -t 10.0.0.100:86 -r 192.168.10.11:80 -m -w 1
  lvs -a -t 10.0.0.100:86 -r 192.168.10.12:80 -m -w 2
  for k in 1 2 3; do hold_to $k 10.0.0.100 86; done
  check_eq "ovf: the weight-2 server takes connections up to its threshold" "$(actives)" "rs1=0 rs2=3"
  hold_to 4 10.0.0.100 86
  check_eq "ovf: then it overflows to the next server" "$(actives)" "rs1=1 rs2=3"
}

test_mh() {
  lvs -A -t 10.0.0.100:84 -s mh
  rs3 "-t 10.0.0.100:84" 80 -m
  map_sources 84 2
  cp "$work/map" "$work/map.before"
  check_eq "mh: each source always gets the same server" "$(mixed)" 0
  check "mh: sources spread over servers" '[ "$(mapped_servers)" -ge 2 ]' "$(cat "$work/map")"
  gone=$(awk 'NR == 1 {print $2}' "$work/map")
  lvs -d -t 10.0.0.100:84 -r "192.168.10.1${gone#rs}:80"
  map_sources 84 2
  kept=$(awk -v gone="$gone" '$2 != gone' "$work/map.before")
  check_eq "mh: after removing $gone, its sources move, no other source does" \
    "$(awk -v gone="$gone" 'NR == FNR {was[$1] = $2; next} was[$1] != gone {print} was[$1] == gone && ($2 == gone || $2 == "mixed") {print "stuck", $0}' "$work/map.before" "$work/map")" "$kept"
}
