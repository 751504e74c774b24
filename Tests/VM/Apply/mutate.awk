# A changed copy of a rules file in the save format that gen.awk writes, for the apply
# suite's kill section (busybox awk or mawk).
#   awk -v seed=S -f mutate.awk RULES
# Per service: 4% removed, 4% followed by a new one (fwmark 100000+), 10% a scheduler
# changed; per real server: 15% replaced by another address (the last IPv4 byte or IPv6
# group + 100), 15% a weight raised or lowered.
BEGIN { srand(seed) }
/^-A/ {
  dropped = rand() < 0.04
  if (dropped) next
  if (rand() < 0.1 && $0 !~ / -b /) {
    for (f = 1; f < NF; f++) if ($f == "-s") { $(f + 1) = ($(f + 1) == "wlc" ? "rr" : "wlc"); break }
  }
  print
  added = rand() < 0.04
  next
}
/^-a/ {
  if (dropped) next
  r = rand()
  for (f = 1; f < NF; f++) {
    if ($f == "-r" && r < 0.15) $(f + 1) = other($(f + 1))
    if ($f == "-w" && r >= 0.15 && r < 0.3) $(f + 1) = ($(f + 1) + 1 + int(rand() * 8)) % 10
  }
  print
  if (added) {
    print "-A -f " (100000 + NR) " -s rr"
    print "-a -f " (100000 + NR) " -r 172.17." (NR % 250) ".1 -g -w " (1 + int(rand() * 9))
    added = 0
  }
  next
}
{ print }
# other(ADDRESS): the same kind of address, another host.
function other(a,    head, tail) {
  if (a ~ /^\[/) {
    # [2001:db8:2:i::j]:80
    head = substr(a, 1, index(a, "::") + 1)
    tail = substr(a, index(a, "]"))
    return head (substr(a, index(a, "::") + 2, index(a, "]") - index(a, "::") - 2) + 100) tail
  }
  # a.b.c.d[:port]
  split(a, part, ".")
  tail = index(part[4], ":") ? substr(part[4], index(part[4], ":")) : ""
  return part[1] "." part[2] "." part[3] "." (part[4] + 100) tail
}
