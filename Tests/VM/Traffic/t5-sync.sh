# Two directors: the kernel's sync daemon carries the master's connections to the backup,
# over the sync0 link between the two namespaces (each has its own IPVS table).

test_sync() {
  for d in dir dir2; do
    lvs_in $d -A -t 10.0.0.100:92 -s rr
    for n in 1 2 3; do lvs_in $d -a -t 10.0.0.100:92 -r 192.168.10.1$n:80 -m; done
  done
  lvs --start-daemon master --mcast-interface sync0
  lvs_in dir2 --start-daemon backup --mcast-interface sync0
  check "--daemon lists the master" 'lvs -L -n --daemon | grep -q "master sync daemon.*sync0"' "$(lvs -L -n --daemon)"
  check "--daemon lists the backup" 'lvs_in dir2 -L -n --daemon | grep -q "backup sync daemon.*sync0"' "$(lvs_in dir2 -L -n --daemon)"
  retransmitted=$(syn_retransmissions)
  burst 6 http cl http://10.0.0.100:92/
  # Each connection the master made is one scheduling decision: on a failure, its entries
  # and the client's SYN retransmissions say whether a connect was scheduled twice.
  check "6 requests through the master" '[ "$(dist)" = "rs1=2 rs2=2 rs3=2" ]' \
    "got '$(dist)' in the order $(tr '\n' ' ' <"$answers"); the client retransmitted \
$(($(syn_retransmissions) - retransmitted)) SYNs; the master's connections:
$(lvs -L -c -n)"
  # The master sends its buffer at the latest every 2 s: wait for the 6 (at most ~8 s).
  i=0
  while [ $i -lt 40 ] && [ "$(synced)" != 6 ]; do
    i=$((i + 1))
    sleep 0.2
  done
  check_eq "the backup's -L -c lists the 6 connections" "$(synced)" 6
  check_eq "the backup has them with the master's real servers" \
    "$(lvs_in dir2 -L -c -n | awk '$5 == "10.0.0.100:92" {print $6}' | sort | uniq -c | awk '{printf "%s ", $1}')" "2 2 2 "
  lvs --stop-daemon master
  lvs_in dir2 --stop-daemon backup
}

# syn_retransmissions: how many SYNs the client cl has sent again since boot.
syn_retransmissions() {
  ip netns exec cl awk '$1 == "TcpExt:" { if (!seen) { seen = split($0, names); next }
    for (k = 2; k <= NF; k++) if (names[k] == "TCPSynRetrans") print $k }' /proc/net/netstat
}

# synced: how many connections to 10.0.0.100:92 the backup knows.
synced() { lvs_in dir2 -L -c -n | grep -c ' 10\.0\.0\.100:92 '; }

# Failover: a persistent DR service on both directors, the backup fed by the master's sync
# daemon. dc holds one connection and makes requests through the master, then the VIP
# moves to the backup (dc routes it via 192.168.10.3): the held connection goes on to the
# same real server, and new connections persist to it, because the backup has the
# master's connection and persistence entries. The backup lists its servers in the
# opposite order, so on its own it would schedule dc's first connection elsewhere.
test_sync_failover() {
  lvs -A -t 10.0.0.200:80 -s rr -p 300
  lvs_in dir2 -A -t 10.0.0.200:80 -s rr -p 300
  for n in 1 2 3; do lvs -a -t 10.0.0.200:80 -r 192.168.10.1$n -g; done
  for n in 3 2 1; do lvs_in dir2 -a -t 10.0.0.200:80 -r 192.168.10.1$n -g; done
  # The master syncs an established TCP connection at its sync_threshold-th packet (3 of
  # every 50 by default); one held since its handshake has had 2 (SYN, ACK).
  sysctl_set dir net/ipv4/vs/sync_threshold "2 50"
  lvs --start-daemon master --mcast-interface sync0
  lvs_in dir2 --start-daemon backup --mcast-interface sync0
  hold dc 10.0.0.200 80
  wait_active 1 || fail "a held connection through the master" "active: $(actives)"
  burst 3 http dc http://10.0.0.200/
  first=$(head -1 "$answers")
  check_eq "-p: dc's requests through the master persist to one server" "$(dist)" "$first=3"
  # The held connection and the persistence template must both have reached the backup.
  i=0
  while [ $i -lt 40 ] && ! backup_has_template; do
    i=$((i + 1))
    sleep 0.2
  done
  check "the backup has the master's persistence entry for dc" backup_has_template "$(lvs_in dir2 -L -c -n)"
  ip -n dc route replace 10.0.0.200/32 via 192.168.10.3
  check_eq "after failover the held connection goes on to $first" "$(ask_held 1)" "$first"
  burst 3 http dc http://10.0.0.200/
  check_eq "after failover new requests persist to $first" "$(dist)" "$first=3"
  # The kernel folds its per-CPU counters together every 2 seconds.
  sleep 3
  check_eq "the 3 new connections went through the backup" \
    "$(lvs_in dir2 -L -n --stats | awk '$1 == "TCP" {print $3}')" 3
  ip -n dc route replace 10.0.0.200/32 via 192.168.10.1
  sysctl_set dir net/ipv4/vs/sync_threshold "3 50"
  lvs --stop-daemon master
  lvs_in dir2 --stop-daemon backup
}

# backup_has_template: the backup knows a persistence entry (client port 0) for dc.
backup_has_template() { lvs_in dir2 -L -c -n | grep -q '192\.168\.10\.2:0 *10\.0\.0\.200:80 '; }
