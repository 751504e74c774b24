#!/bin/sh
# lvsadmd's HTTP view of the director, in the traffic suite's network (../Traffic/lib.sh):
# lvsadmd runs in the director's namespace, listening where its configuration's listen
# lines say (127.0.0.1:9531 and a Unix socket), names the service "shop front" and checks
# rs1-rs3 by HTTP; rs2's httpd is stopped, so rs2 is failed (weight 0).
#   - /metrics is scraped while a client's requests flow through 10.0.0.100:80, between
#     two scrapes lvsadm -L -n --stats --exact reads the same table: every counter of
#     every service and real server lvsadm prints must lie between the two scrapes' values
#     (the counters only grow); once the traffic has stopped and the counters are still,
#     the three reads must agree exactly, counter for counter.
#   - /metrics says rs2 is down and at weight 0, rs1 up, each with the service's name
#     label; the status page marks rs2's row down and names the service; /api/v1/health
#     names it; /api/v1/table is lvsadm -L -n --stats --json's document.
#   - requests lvsadmd must refuse (wrong method, path tricks, an oversized request
#     target or header, a malformed request line) get a 4xx and leave the table as it was;
#     drain and enable with the token; /api/v1/events has rs2's fall, and a long poll on
#     it returns when rs2 comes back.
#   - the Unix socket (unix-http.pl, perl's builtins: busybox has no Unix socket client):
#     mode 0600 and root's, no private directory left beside it; /metrics and
#     /api/v1/health over it; nobody (uid 65534) cannot connect; an action over it needs
#     the token as over TCP. A reload whose listen lines changed warns that a restart is
#     needed and keeps serving where it was.
# The scraped /metrics and status page are printed between "==== BEGIN NAME" and
# "==== END NAME" lines, for the host's checks (promtool, Chromium: Scripts/test-observe).
#
# Needs lvsadmd and lvsadm on PATH, bash, perl and the reference ipvsadm.
# Ends with "daemon-observe: N passed, N failed"; exits non-zero if anything failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../Traffic/lib.sh"

config() {
  cat <<CONF
defaults interval=500ms timeout=2s rise=1 fall=2 initial=up
-A -t 10.0.0.100:80 -s rr
-a -t 10.0.0.100:80 -r 192.168.10.11:80 -m -w 1
-a -t 10.0.0.100:80 -r 192.168.10.12:80 -m -w 2
-a -t 10.0.0.100:80 -r 192.168.10.13:80 -m -w 1
check -t 10.0.0.100:80 http path=/ body=rs
name -t 10.0.0.100:80 "shop front"
listen 127.0.0.1:9531
listen unix:$work/http.sock
CONF
}

# get PATH: the body lvsadmd serves at PATH (in the director's namespace).
get() { ip netns exec dir timeout 10 wget -q -O - "http://127.0.0.1:9531$1"; }

# raw TEXT: TEXT (printf's format: a % is written %%) sent as is on a new connection; the status line back
# ("HTTP/1.1 405 Method Not Allowed"), or "closed" when lvsadmd closed without one.
raw() {
  ip netns exec dir timeout 10 bash -c '
    exec 3<>/dev/tcp/127.0.0.1/9531 || exit 1
    printf "$1" >&3
    IFS= read -r line <&3 || line=closed
    echo "${line%"$(printf "\r")"}"' raw "$1"
}

# counters_of_metrics: "PROTOCOL SERVICE SERVER FIELD VALUE" for each kernel counter in
# /metrics read from stdin; SERVER is "-" for the service's own.
counters_of_metrics() {
  awk '
    function label(name) {
      if (match($0, name "=\"[^\"]*\"")) return substr($0, RSTART + length(name) + 2, RLENGTH - length(name) - 3)
      return "-"
    }
    /^lvs_(service|real_server)_[a-z_]*_total\{/ {
      metric = substr($0, 1, index($0, "{") - 1)
      sub(/^lvs_(service|real_server)_/, "", metric)
      sub(/_total$/, "", metric)
      print label("protocol"), label("service"), label("server"), metric, $NF
    }' | LC_ALL=C sort
}

# counters_of_lvsadm: the same from lvsadm -L -n --stats --exact on stdin.
counters_of_lvsadm() {
  awk 'NR > 3 {
      if ($1 == "->") { server = $2 } else { protocol = tolower($1); service = $2; server = "-" }
      print protocol, service, server, "connections", $3
      print protocol, service, server, "incoming_packets", $4
      print protocol, service, server, "outgoing_packets", $5
      print protocol, service, server, "incoming_bytes", $6
      print protocol, service, server, "outgoing_bytes", $7
    }' | LC_ALL=C sort
}

# between LOW MIDDLE HIGH: files of counters, each "KEY... VALUE" on the same keys; prints
# each key where MIDDLE is not within LOW..HIGH, or whose key is missing from one file.
between() {
  paste -d ' ' "$1" "$2" "$3" | awk '{
      key = $1 " " $2 " " $3 " " $4
      if ($6 " " $7 " " $8 " " $9 != key || $11 " " $12 " " $13 " " $14 != key) { print "keys differ: " $0; next }
      if ($10 + 0 < $5 + 0 || $10 + 0 > $15 + 0) print key ": " $5 " <= " $10 " <= " $15 " does not hold"
    }'
}

# The part of lib.sh's network this needs, alone (its whole setup takes the VM a while):
# dir (10.0.0.1, VIP 10.0.0.100; 192.168.10.1 on the back), cl (10.0.0.10), rs1-rs3
# (192.168.10.11-13, httpd :80 answering "rsN").
nss="dir cl rs1 rs2 rs3"
network() {
  rm -rf "$work"
  mkdir -p "$work"
  : >"$work/pids"
  for ns in $nss; do
    ip netns add "$ns"
    ip -n "$ns" link set lo up
  done
  for br in front back; do
    ip link add "$br" type bridge
    ip link set "$br" up
  done
  attach dir front eth0 10.0.0.1/24
  attach dir back eth1 192.168.10.1/24
  sysctl_set dir net/ipv4/ip_forward 1
  ip -n dir addr add 10.0.0.100/32 dev eth0
  attach cl front eth0 10.0.0.10/24
  for n in 1 2 3; do
    attach rs$n back eth0 192.168.10.1$n/24
    ip -n rs$n route add default via 192.168.10.1
    page "$work/www/rs$n" rs$n
    ip netns exec rs$n httpd -p 80 -h "$work/www/rs$n"
  done
}

# section NAME: a heading, with the seconds since the part began.
read -r began _ </proc/uptime
section() {
  read -r _up _ </proc/uptime
  echo "== $1 (at $(echo "$began $_up" | awk '{ printf "%.1f", $2 - $1 }') s)"
}

cleanup() {
  [ -z "$traffic" ] || { touch "$work/traffic.stop"; wait "$traffic"; }
  if [ -n "$daemon" ]; then
    kill -TERM "$daemon"
    wait "$daemon"
  fi
  teardown
}
traffic=
daemon=
trap cleanup EXIT

network
config >"$work/lvsadmd.conf"
(umask 077 && echo "t0ken-$$" >"$work/token")
lvsadmd --netns dir --config "$work/lvsadmd.conf" --state-file "$work/state" --socket "$work/lvsadmd.sock" \
  --token-file "$work/token" </dev/null >/dev/null 2>"$work/lvsadmd.log" &
daemon=$!
# rs2 fails: its httpd goes, the next check takes it to weight 0.
for p in $(ip netns pids rs2); do
  [ "$(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null)" = "httpd -p 80 -h $work/www/rs2 " ] && kill "$p"
done
i=0
until lvs -L -n | grep -q '192.168.10.12:80 *Masq *0 ' && lvs -L -n | grep -q '192.168.10.11:80 *Masq *1 '; do
  i=$((i + 1))
  [ $i -lt 300 ] || break
  sleep 0.1
done
check "rs2 is failed: weight 0 in the table" "lvs -L -n | grep -q '192.168.10.12:80 *Masq *0 '" "$(lvs -L -n)"

section "/metrics under traffic"
rm -f "$work/traffic.stop"
# Below lvsadmd and the servers (nice 10): the checks must not time out for want of CPU.
ip netns exec cl sh -c 'renice 10 -p $$ >/dev/null
  while [ ! -e "$0.stop" ]; do timeout 5 wget -q -O /dev/null http://10.0.0.100/; done' \
  "$work/traffic" </dev/null >/dev/null 2>&1 &
traffic=$!
sleep 1
first=
for round in 1 2 3; do
  get /metrics >"$work/m1" && lvs -L -n --stats --exact >"$work/l" && get /metrics >"$work/m2" || true
  counters_of_metrics <"$work/m1" >"$work/c1"
  counters_of_lvsadm <"$work/l" >"$work/cl"
  counters_of_metrics <"$work/m2" >"$work/c2"
  [ -n "$first" ] || { first=$work/first && cp "$work/c1" "$first"; }
  check "round $round: every counter lvsadm prints lies between two scrapes" \
    "[ -s '$work/cl' ] && [ -z \"\$(between '$work/c1' '$work/cl' '$work/c2')\" ]" \
    "$(between "$work/c1" "$work/cl" "$work/c2" | head -5)"
done
check "the traffic moved the counters from the first scrape to the last" "! cmp -s '$first' '$work/c2'"
echo "   $(wc -l <"$work/cl" | tr -d ' ') counters compared; the service's: $(grep ' - ' "$work/cl" | awk '{printf "%s=%s ", $4, $5}')"
touch "$work/traffic.stop"
wait "$traffic"
traffic=

section "/metrics with the traffic stopped"
# The last connections close within a second; then nothing moves the counters.
i=0
while :; do
  sleep 0.5
  get /metrics >"$work/m1" && lvs -L -n --stats --exact >"$work/l" && get /metrics >"$work/m2" || true
  counters_of_metrics <"$work/m1" >"$work/c1"
  counters_of_lvsadm <"$work/l" >"$work/cl"
  counters_of_metrics <"$work/m2" >"$work/c2"
  cmp -s "$work/c1" "$work/c2" && break
  i=$((i + 1))
  [ $i -lt 20 ] || break
done
check_eq "every counter, exactly as lvsadm -L -n --stats --exact prints it" "$(cat "$work/c1")" "$(cat "$work/cl")"

section "health in /metrics, the status page and the API"
get /metrics >"$work/metrics"
service='protocol="tcp",service="10.0.0.100:80",family="inet",scheduler="rr",name="shop front"'
rs2="$service"',server="192.168.10.12:80",forwarding="masq"'
rs1="$service"',server="192.168.10.11:80",forwarding="masq"'
check "the service's own series carry its name" "grep -qxF 'lvs_service_real_servers{$service} 3' '$work/metrics'"
check "rs2 down in /metrics" "grep -qxF 'lvs_real_server_health{$rs2,state=\"down\"} 1' '$work/metrics'"
check "rs2 at weight 0, configured 2" "grep -qxF 'lvs_real_server_weight{$rs2} 0' '$work/metrics' &&
  grep -qxF 'lvs_real_server_configured_weight{$rs2} 2' '$work/metrics'"
check "rs1 healthy" "grep -qxF 'lvs_real_server_healthy{$rs1} 1' '$work/metrics'"
check "rs2's failures counted as refused connections" \
  "grep -q '^lvsadmd_check_failures_total{check=\"http\",target=\"192.168.10.12:80\",reason=\"connection_refused\"} [1-9]' '$work/metrics'"
get / >"$work/status.html"
check "the status page marks rs2's row down" \
  "grep -q '<tr class=\"server down\" data-server=\"192.168.10.12:80\">' '$work/status.html'"
check "the status page names the service" \
  "grep -qF '<td>TCP  10.0.0.100:80 <span class=\"name\">shop front</span></td>' '$work/status.html'"
get /api/v1/health >"$work/health.json"
check_eq "/api/v1/health names the service of each of its 3 servers" \
  "$(grep -c '^      "name": "shop front",$' "$work/health.json")" 3
# Nothing sends now, but a connection entry that expires moves InActConn: the two reads
# are taken again (5 times at most) until they agree.
i=0
while :; do
  get /api/v1/table >"$work/table.json"
  lvs -L -n --stats --json >"$work/lvsadm.json"
  cmp -s "$work/table.json" "$work/lvsadm.json" && break
  i=$((i + 1))
  [ $i -lt 5 ] || break
done
check_eq "/api/v1/table is lvsadm -L -n --stats --json's document" "$(cat "$work/table.json")" "$(cat "$work/lvsadm.json")"

section "requests lvsadmd refuses"
before=$(ip netns exec dir ipvsadm -S -n)
long=$(printf '%0300d' 0)
big=$(printf '%020000d' 0)
# Each line: the status wanted, and the request (printf's format). One bash sends them all,
# each on a new connection: a program started per request would cost the VM seconds.
cat >"$work/requests" <<REQUESTS
405|POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n
405|DELETE /api/v1/table HTTP/1.1\r\nHost: x\r\n\r\n
405|PUT / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc
404|GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n
400|GET /../metrics HTTP/1.1\r\nHost: x\r\n\r\n
400|GET /%%2e%%2e/metrics HTTP/1.1\r\nHost: x\r\n\r\n
400|GET //metrics HTTP/1.1\r\nHost: x\r\n\r\n
400|GET /api/v1/./table HTTP/1.1\r\nHost: x\r\n\r\n
400|GET /metrics/.. HTTP/1.1\r\nHost: x\r\n\r\n
401|POST /api/v1/drain?server=192.168.10.12:80 HTTP/1.1\r\nHost: x\r\n\r\n
403|POST /api/v1/drain?server=192.168.10.12:80 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer wrong\r\n\r\n
413|POST /api/v1/drain?server=192.168.10.12:80 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nab
414|GET /$long HTTP/1.1\r\nHost: x\r\n\r\n
REQUESTS
ip netns exec dir timeout 60 bash -c '
  while IFS="|" read -r want request; do
    exec 3<>/dev/tcp/127.0.0.1/9531 || { echo "$want|closed|$request"; continue; }
    printf "$request" >&3
    IFS= read -r line <&3 || line=closed
    exec 3<&-
    echo "$want|${line%$(printf "\r")}|$request"
  done' <"$work/requests" >"$work/answers"
while IFS='|' read -r want got request; do
  name=$(printf '%s\n' "${request%%\\r*}" | cut -c 1-60)
  case $got in
    "HTTP/1.1 $want "*) ok "refused with $want: $name" ;;
    *) fail "refused with $want: $name" "got '$got'" ;;
  esac
done <"$work/answers"
check_eq "every request answered" "$(wc -l <"$work/answers" | tr -d ' ')" "$(wc -l <"$work/requests" | tr -d ' ')"
section "an oversized header, a malformed request line"
got=$(raw "GET /metrics HTTP/1.1\r\nHost: x\r\nX-Big: $big\r\n\r\n")
case $got in
  "HTTP/1.1 4"*|closed) ok "an oversized header is refused ($got)" ;;
  *) fail "an oversized header is refused" "got '$got'" ;;
esac
got=$(raw "NONSENSE\r\n\r\n")
case $got in
  "HTTP/1.1 4"*|closed) ok "a malformed request line is refused ($got)" ;;
  *) fail "a malformed request line is refused" "got '$got'" ;;
esac
check_eq "the table is as it was" "$(ip netns exec dir ipvsadm -S -n)" "$before"
check "lvsadmd still serves" "get /metrics | grep -q '^lvsadmd_uptime_seconds '"

section "the Unix socket"
sock=$work/http.sock
# over METHOD TARGET [HEADER...]: the response over the Unix socket, as root.
over() { ip netns exec dir perl "$here/unix-http.pl" "$sock" "$@"; }
check_eq "the socket: mode 600, root's" "$(stat -c '%a %u %F' "$sock" 2>&1)" "600 0 socket"
check_eq "no private directory left beside it" "$(ls -a "$work" | grep -c '^\.lvsadmd-http-')" 0
over GET /metrics >"$work/unix-metrics"
check "/metrics over the socket: 200, rs2 down, the name label" "head -n 1 '$work/unix-metrics' | grep -qx 'HTTP/1.1 200 OK' &&
  grep -qxF 'lvs_real_server_health{$rs2,state=\"down\"} 1' '$work/unix-metrics'" "$(head -n 3 "$work/unix-metrics")"
over GET /api/v1/health >"$work/unix-health"
check "/api/v1/health over the socket" "head -n 1 '$work/unix-health' | grep -qx 'HTTP/1.1 200 OK' &&
  grep -q '\"document\": \"health\"' '$work/unix-health'" "$(head -n 3 "$work/unix-health")"
got=$(AS_UID=65534 ip netns exec dir perl "$here/unix-http.pl" "$sock" GET /metrics 2>&1)
check_eq "another user (uid 65534) cannot connect" "$got" "connect: Permission denied"
drain='/api/v1/drain?server=192.168.10.11:80&service=tcp:10.0.0.100:80'
enable='/api/v1/enable?server=192.168.10.11:80&service=tcp:10.0.0.100:80'
check_eq "a drain over the socket without the token: 401" "$(over POST "$drain" | head -n 1)" \
  "HTTP/1.1 401 Unauthorized"
check_eq "with a wrong token: 403" "$(over POST "$drain" 'Authorization: Bearer wrong' | head -n 1)" \
  "HTTP/1.1 403 Forbidden"
check_eq "and the table is as it was" "$(ip netns exec dir ipvsadm -S -n)" "$before"
check_eq "with the token: 200" "$(over POST "$drain" "Authorization: Bearer $(cat "$work/token")" | head -n 1)" \
  "HTTP/1.1 200 OK"
check "rs1 drained: weight 0" "lvs -L -n | grep -q '192.168.10.11:80 *Masq *0 '" "$(lvs -L -n)"
check_eq "enable rs1 over the socket" \
  "$(over POST "$enable" "Authorization: Bearer $(cat "$work/token")" | head -n 1)" "HTTP/1.1 200 OK"
check "rs1 back at weight 1" "lvs -L -n | grep -q '192.168.10.11:80 *Masq *1 '" "$(lvs -L -n)"
# A reload whose listen lines changed: a warning, and HTTP stays where it was.
config | grep -v '^listen unix:' >"$work/lvsadmd.conf"
kill -HUP "$daemon"
i=0
until grep -q "listen lines changed" "$work/lvsadmd.log"; do
  i=$((i + 1))
  [ $i -lt 100 ] || break
  sleep 0.1
done
check "a reload that changes the listen lines warns that a restart is needed" \
  "grep -F 'listen lines changed (now 127.0.0.1:9531); HTTP stays on 127.0.0.1:9531, unix:$sock until lvsadmd is restarted' '$work/lvsadmd.log' | grep -q ' warning '" \
  "$(tail -n 3 "$work/lvsadmd.log")"
check "and the socket still answers" "over GET /metrics | head -n 1 | grep -qx 'HTTP/1.1 200 OK'"

section "actions with the token"
# action PATH: POST with the token; the status line back.
action() { raw "POST $1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer $(cat "$work/token")\r\n\r\n"; }
check_eq "drain rs1 of 10.0.0.100:80" "$(action '/api/v1/drain?server=192.168.10.11:80&service=tcp:10.0.0.100:80')" \
  "HTTP/1.1 200 OK"
check "rs1 at weight 0, in maintenance in /metrics" "lvs -L -n | grep -q '192.168.10.11:80 *Masq *0 ' &&
  get /metrics | grep -qxF 'lvs_real_server_maintenance{$rs1} 1'" "$(lvs -L -n)"
check_eq "a server lvsadmd does not manage is refused" "$(action '/api/v1/drain?server=192.168.10.99:80')" \
  "HTTP/1.1 409 Conflict"
check_eq "enable rs1" "$(action '/api/v1/enable?server=192.168.10.11:80&service=tcp:10.0.0.100:80')" "HTTP/1.1 200 OK"
check "rs1 back at weight 1" "lvs -L -n | grep -q '192.168.10.11:80 *Masq *1 '" "$(lvs -L -n)"
chmod 644 "$work/token"
check_eq "a token file others can read turns actions off" \
  "$(action '/api/v1/drain?server=192.168.10.11:80')" "HTTP/1.1 403 Forbidden"
check_eq "and the table is as it was" "$(ip netns exec dir ipvsadm -S -n)" "$before"

section "events: rs2's transitions, and a long poll"
get /api/v1/events >"$work/events.json"
check "/api/v1/events has rs2 going down" "grep -q '\"to\": \"down\"' '$work/events.json' &&
  grep -q '\"target\": \"192.168.10.12:80\"' '$work/events.json'" "$(cat "$work/events.json")"
cursor=$(sed -n 's/^  "cursor": \([0-9]*\),$/\1/p' "$work/events.json")
ip netns exec dir timeout 40 wget -q -O "$work/poll.json" "http://127.0.0.1:9531/api/v1/events?since=$cursor&wait=30" &
poll=$!
# The poll waits for the next transition: rs2's httpd comes back.
sleep 0.5
ip netns exec rs2 httpd -p 80 -h "$work/www/rs2"
wait "$poll"
check "the long poll returns rs2 coming up, and only that" "grep -q '\"to\": \"up\"' '$work/poll.json' &&
  ! grep -q '\"to\": \"down\"' '$work/poll.json' && grep -q '\"target\": \"192.168.10.12:80\"' '$work/poll.json'" \
  "$(cat "$work/poll.json" 2>&1)"

for name in metrics status.html; do
  echo "==== BEGIN $name"
  cat "$work/$name"
  echo "==== END $name"
done
verdict daemon-observe
