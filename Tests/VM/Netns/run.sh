#!/bin/sh
# The network-namespace suite, run inside the micro-VM with lvsadm at /bin/lvsadm:
# `lvsadm --netns NAME` acts on that namespace's IPVS table and no other, for writes,
# listings, -L -c and -R; a namespace that cannot be entered changes nothing. The
# reference ipvsadm, run with `ip netns exec`, is the witness of each table.
#
# Ends with "netns: N passed, N failed"; exits non-zero if anything failed.
set -u
lvsadm=/bin/lvsadm
ref=/sbin/ipvsadm
. "$(dirname "$0")/../lib/check.sh"

# check_rc NAME EXPECTED-STATUS COMMAND...: the command's exit status.
check_rc() {
  _name=$1 _want=$2; shift 2
  _out=$("$@" 2>&1)
  _rc=$?
  if [ "$_rc" = "$_want" ]; then ok "$_name"; else fail "$_name" "status $_rc, wanted $_want: $_out"; fi
}

# saved NS: the table of namespace NS (or "root") as the reference ipvsadm saves it.
saved() {
  if [ "$1" = root ]; then $ref -S -n; else ip netns exec "$1" $ref -S -n; fi
}

nl='
'

# ---- setup: two namespaces with loopback up, and a witness service in the root ----------
ip netns add A
ip netns add B
ip -n A link set lo up
ip -n B link set lo up
$ref -C
$ref -A -t 10.9.0.1:80 -s rr
root_before=$(saved root)

echo "== writes go to the named namespace only"
check_rc "add service in A" 0 $lvsadm --netns A -A -t 10.1.0.1:80 -s rr
check_rc "add server in A (--netns=A)" 0 $lvsadm --netns=A -a -t 10.1.0.1:80 -r 10.1.0.11:80 -m -w 3
check_eq "A holds them" "$(saved A)" "-A -t 10.1.0.1:80 -s rr$nl-a -t 10.1.0.1:80 -r 10.1.0.11:80 -m -w 3"
check_eq "B is untouched" "$(saved B)" ""
check_eq "root is untouched" "$(saved root)" "$root_before"
check_rc "add service in B by path" 0 $lvsadm --netns /run/netns/B -A -u 10.2.0.1:53 -s wlc
check_eq "B holds its own" "$(saved B)" "-A -u 10.2.0.1:53 -s wlc"
check_eq "A still holds only its own" "$(saved A)" "-A -t 10.1.0.1:80 -s rr$nl-a -t 10.1.0.1:80 -r 10.1.0.11:80 -m -w 3"

echo "== listings read the named namespace"
check_eq "-L -n in A is ipvsadm's in A" "$($lvsadm --netns A -L -n)" "$(ip netns exec A $ref -L -n)"
check_eq "-S -n in B is ipvsadm's in B" "$($lvsadm --netns B -S -n)" "$(saved B)"
check_eq "without --netns: the root table" "$($lvsadm -S -n)" "$root_before"
check_eq "a /proc/PID/ns/net path works" "$($lvsadm --netns /proc/1/ns/net -S -n)" "$root_before"

echo "== -R and -C inside a namespace"
printf '%s\n' "-A -t 10.2.0.2:443 -s sh" "-a -t 10.2.0.2:443 -r 10.2.0.12 -g" | $lvsadm --netns B -R
check_eq "-R status in B" "$?" 0
check_eq "-R restored into B" "$(saved B)" \
  "-A -t 10.2.0.2:443 -s sh$nl-a -t 10.2.0.2:443 -r 10.2.0.12:443 -g -w 1$nl-A -u 10.2.0.1:53 -s wlc"
ip netns exec B $ref -A -t 10.2.0.3:80 -s rr
check_rc "-C in B" 0 $lvsadm --netns B -C
check_eq "B is empty" "$(saved B)" ""
check_eq "A kept its table" "$(saved A)" "-A -t 10.1.0.1:80 -s rr$nl-a -t 10.1.0.1:80 -r 10.1.0.11:80 -m -w 3"
check_eq "root kept its table" "$(saved root)" "$root_before"
# The wrappers are the same binary under other names: the prefix comes before them too.
ln -sf $lvsadm /tmp/lvsadm-save
ln -sf $lvsadm /tmp/lvsadm-restore
printf '%s\n' "# saved" "-A -t 10.2.0.5:80 -s rr" | /tmp/lvsadm-restore --netns B
check_eq "lvsadm-restore --netns B: status" "$?" 0
check_eq "lvsadm-restore --netns B: restored into B" "$(saved B)" "-A -t 10.2.0.5:80 -s rr"
check_eq "lvsadm-save --netns B -n" "$(/tmp/lvsadm-save --netns B -n)" "-A -t 10.2.0.5:80 -s rr"
check_eq "the wrappers left the root alone" "$(saved root)" "$root_before"

echo "== -L -c reads the namespace's connection table"
# A local client in A connects to a VIP in A served by A itself (local node): the
# connection entry exists only in A's /proc/net/ip_vs_conn. The client holds the
# connection open until the checks (here and in json.sh) are done: an established entry
# lives 15 minutes, so two reads of the table, one by each tool, see the same entries.
# (A refused connection's entry lives 10 s, and expired between the reads at times.)
ip -n A addr add 10.1.0.100/32 dev lo
ip netns exec A $ref -A -t 10.1.0.100:80 -s rr
ip netns exec A $ref -a -t 10.1.0.100:80 -r 10.1.0.100:8080 -g
# Direct routing keeps the service's port: the real server 10.1.0.100:8080 is reached on
# port 80, so that is where the server listens.
ip netns exec A timeout 120 nc -l -p 80 </dev/null >/dev/null 2>&1 &
held_server=$!
i=0
until ip netns exec A ss -ltn | grep -q ':80 ' || [ $i -ge 50 ]; do i=$((i + 1)); sleep 0.1; done
sleep 120 | ip netns exec A timeout 120 nc 10.1.0.100 80 >/dev/null 2>&1 &
held_client=$!
i=0
until ip netns exec A $ref -L -c -n | grep -q ESTABLISHED || [ $i -ge 50 ]; do i=$((i + 1)); sleep 0.1; done
conns_a=$($lvsadm --netns A -L -c -n)
case $conns_a in
  *"10.1.0.100:80 "*) ok "-L -c in A shows the connection" ;;
  *) fail "-L -c in A shows the connection" "$conns_a" ;;
esac
check_eq "-L -c in A has ipvsadm's lines" "$(echo "$conns_a" | wc -l)" "$(ip netns exec A $ref -L -c -n | wc -l)"
conns_root=$($lvsadm -L -c -n)
case $conns_root in
  *10.1.0.100*) fail "-L -c in the root does not" "$conns_root" ;;
  *) ok "-L -c in the root does not" ;;
esac

echo "== a namespace that cannot be entered changes nothing"
out=$($lvsadm --netns nosuch -C 2>&1)
check_eq "missing namespace: status 2" "$?" 2
check_eq "missing namespace: message" "$out" \
  'Cannot enter network namespace "nosuch" (/run/netns/nosuch): No such file or directory'
check_eq "missing namespace: root not cleared" "$(saved root)" "$root_before"
out=$($lvsadm --netns /etc/hosts -C 2>&1)
check_eq "not a namespace: status 2" "$?" 2
check_eq "not a namespace: message" "$out" 'Cannot enter network namespace "/etc/hosts" (/etc/hosts): not a network namespace'
check_eq "not a namespace: root not cleared" "$(saved root)" "$root_before"
check_rc "--netns without a name" 255 $lvsadm --netns
check_rc "--netns after the command is ipvsadm's unknown option" 255 $lvsadm -C --netns A
check_eq "... and cleared nothing" "$(saved A | wc -l)" 4

# JSON checks follow (json.sh), against the same kernel.
here=$(dirname "$0")
[ -f "$here/json.sh" ] && . "$here/json.sh"

kill $held_client $held_server 2>/dev/null
$ref -C
ip netns del A
ip netns del B
verdict netns
