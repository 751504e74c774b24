# Seeded random IPVS table in the save format, for the apply suite (busybox awk or mawk).
#   awk -v seed=S -v n=N -v p=P -v maxrs=M -f gen.awk
# Service i of 1..N is in the table with probability P; its identity depends on i only,
# so two seeds give overlapping tables (the same service with other settings, other real
# servers), which is what apply must edit in place. Each has up to M real servers. Every
# 20th is IPv6, every 5th of the others a firewall mark, then UDP and TCP.
BEGIN {
  srand(seed)
  split("rr wrr lc wlc lblc lblcr dh sh sed nq", scheds, " ")
  for (i = 1; i <= n; i++) {
    if (rand() >= p) continue
    x = int(i / 200); y = i % 200 + 1
    kind = i % 5
    v6 = (i % 20 == 3)
    if (v6) { svc = "-t [2001:db8:1::" i "]:80"; port = 80 }
    else if (kind == 0) { svc = "-f " i; port = 0 }
    else if (kind == 1) { svc = "-u 10.1." x "." y ":53"; port = 53 }
    else { port = 80 + i % 3; svc = "-t 10.1." x "." y ":" port }
    s = scheds[1 + int(rand() * 10)]
    line = "-A " svc " -s " s
    if (rand() < 0.3) {
      line = line " -p " (60 + int(rand() * 840))
      if (rand() < 0.3) line = line (v6 ? " -M 64" : " -M 255.255.255.0")
    }
    if (s == "sh" && rand() < 0.5) line = line " -b sh-port"
    print line
    count = 0
    for (j = 1; j <= 6 && count < maxrs; j++) {
      if (rand() >= 0.5) continue
      count++
      addr = v6 ? "[2001:db8:2:" i "::" j "]" : "172.16." (i % 250) "." (j + 1)
      w = int(rand() * 10)
      # ipvsadm takes a bracketed address only with a port.
      if (v6) addr = addr ":80"
      f = rand()
      if (f < 0.5) rs = "-r " (v6 ? substr(addr, 1, length(addr) - 3) : addr) ":8080 -m"
      else if (f < 0.8) rs = "-r " addr " -g"
      else if (f < 0.9) rs = "-r " addr " -i"
      else rs = "-r " addr " -i --tun-type gue --tun-port 6080 --tun-csum"
      rs = rs " -w " w
      if (rand() < 0.1) rs = rs " -x 100 -y 10"
      print "-a " svc " " rs
    }
  }
}
