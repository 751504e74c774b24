# The reload suite's tables (sourced by run.sh): the state the rules file describes, the
# steps that change it, and the file written from it.
#
# Services that carry traffic (TCP port 80 on the director's VIPs, see ../Traffic/lib.sh):
#   nat   10.0.0.100  NAT (-m), three real servers
#   dr    10.0.0.200  DR (-g), three real servers, its client on the back segment
#   v101  10.0.0.101  NAT, removed by the step "remove"
#   v102  10.0.0.102  NAT, moved to v104 (10.0.0.104) by the step "move"
#   v103  10.0.0.103  NAT, added by the step "add"
# Real servers are rs1-rs3 by their first address (192.168.10.11-13) or their second
# (192.168.10.21-23): "every real server replaced" swaps one set for the other, and both
# answer. The bulk services (10.2.x.y:80, each with one real server, 172.16.x.y:8080 or
# 172.17.x.y:8080, which do not exist)
# carry no traffic: they make a reload as large as a big director's.

nat_rs="11 12 13"; nat_w="1 1 1"; nat_s=rr; nat_p=
dr_rs="11 12 13"; dr_w="1 1 1"; dr_s=rr; dr_p=
v101=yes; v102=102; v103=
# bulk: empty, a or b (which real servers the bulk services have); run.sh sets bulk_n.
bulk=

# The steps, in order; step_NAME changes the state for step NAME.
steps="replace replace-undrained weights scheduler persistence-on persistence-off add remove move bulk-add bulk-replace bulk-remove"
step_replace() { nat_rs="21 22 23"; dr_rs="21 22 23"; }
# The same, back, by an apply without --drain (run.sh).
step_replace_undrained() { nat_rs="11 12 13"; dr_rs="11 12 13"; }
step_weights() { nat_w="3 2 1"; dr_w="1 4 2"; }
step_scheduler() { nat_s=wlc; dr_s=wrr; }
step_persistence_on() { nat_p=30; dr_p=30; }
step_persistence_off() { nat_p=; dr_p=; }
step_add() { v103=yes; }
step_remove() { v101=; }
step_move() { v102=104; }
step_bulk_add() { bulk=a; }
# The services with traffic swap their real servers in the same apply as the bulk.
step_bulk_replace() { bulk=b; nat_rs="21 22 23"; dr_rs="21 22 23"; }
step_bulk_remove() { bulk=; }

# service VIP SCHEDULER PERSISTENCE METHOD OCTETS WEIGHTS: one service in the save format.
service() {
  echo "-A -t $1:80 -s $2${3:+ -p $3}"
  _w=$6
  for _o in $5; do
    echo "-a -t $1:80 -r 192.168.10.$_o:80 $4 -w ${_w%% *}"
    _w=${_w#* }
  done
}

# table: the rules file of the current state.
table() {
  service 10.0.0.100 "$nat_s" "$nat_p" -m "$nat_rs" "$nat_w"
  service 10.0.0.200 "$dr_s" "$dr_p" -g "$dr_rs" "$dr_w"
  [ -z "$v101" ] || service 10.0.0.101 rr "" -m "11 12 13" "1 1 1"
  service "10.0.0.$v102" rr "" -m "11 12 13" "1 1 1"
  [ -z "$v103" ] || service 10.0.0.103 rr "" -m "11 12 13" "1 1 1"
  [ -z "$bulk" ] || awk -v n="$bulk_n" -v net="$([ "$bulk" = a ] && echo 16 || echo 17)" 'BEGIN {
    for (i = 0; i < n; i++) {
      host = int(i / 250) "." (i % 250 + 1)
      print "-A -t 10.2." host ":80 -s wlc"
      print "-a -t 10.2." host ":80 -r 172." net "." host ":8080 -m -w 1"
    }
  }'
}
