# Observability agrees with the traffic: after a known number of requests, the counters,
# the estimated rates, the connection columns and the connection table say what was sent.

# stat_conns ADDR:PORT: the Conns column of that service or real server in --stats.
stat_conns() {
  lvs -L -n --stats -t 10.0.0.100:91 | awk -v a="$1" '$1 == a || $2 == a {print $3; exit}'
}

test_observability() {
  lvs -A -t 10.0.0.100:91 -s rr
  rs3 "-t 10.0.0.100:91" 80 -m
  burst 12 http cl http://10.0.0.100:91/
  check_eq "the 12 requests were answered" "$(dist)" "rs1=4 rs2=4 rs3=4"
  # The kernel folds its per-CPU counters together every 2 seconds.
  sleep 3
  check_eq "--stats: the service counts 12 connections" "$(stat_conns 10.0.0.100:91)" 12
  check_eq "--stats: each real server counts 4" \
    "$(stat_conns 192.168.10.11:80) $(stat_conns 192.168.10.12:80) $(stat_conns 192.168.10.13:80)" "4 4 4"
  check_eq "ActiveConn: none, the requests are over" "$(column 5)" "rs1=0 rs2=0 rs3=0"
  check_eq "InActConn: the 12 closed connections, 4 each" "$(column 6)" "rs1=4 rs2=4 rs3=4"
  check_eq "-L -c: 12 entries for the service, from the client" \
    "$(lvs -L -c -n | grep -c '10\.0\.0\.10:[0-9]* *10\.0\.0\.100:91 ')" 12
  check_eq "-L -c: 4 entries for each real server" \
    "$(lvs -L -c -n | awk '$5 == "10.0.0.100:91" {print $6}' | sort | uniq -c | awk '{printf "%s ", $1}')" "4 4 4 "
  check "--rate: the service's estimated packet rate is not zero after the burst" \
    '[ "$(service_rate 4)" -gt 0 ]' "$(lvs -L -n --rate)"
  lvs -Z -t 10.0.0.100:91
  check_eq "-Z: the service's counter is zero" "$(stat_conns 10.0.0.100:91)" 0
  check_eq "-Z: the real servers' counters are zero" \
    "$(stat_conns 192.168.10.11:80) $(stat_conns 192.168.10.12:80) $(stat_conns 192.168.10.13:80)" "0 0 0"
  check_eq "-Z: the service's estimated rates (CPS, InPPS) are zero" "$(service_rate 3) $(service_rate 4)" "0 0"
}

# service_rate COL: a column of the service's --rate line (3 = CPS, 4 = InPPS).
service_rate() { lvs -L -n --rate -t 10.0.0.100:91 | awk -v c="$1" '$1 == "TCP" {print $c; exit}'; }
