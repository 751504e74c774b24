# JSON checks of the netns suite (sourced by run.sh, inside the micro-VM): lvsadm's
# --json documents of tables the reference ipvsadm built, read back from the real kernel,
# inside a namespace. The VM has no JSON tool, so documents are compared with the exact
# text they must be (Docs/json.md), or their lines are picked with grep and sed.

echo "== -S --json of a table built by ipvsadm"
ip netns add J
ip -n J link set lo up
ip netns exec J $ref -A -t 10.3.0.1:80 -s wlc -p 300 -M 255.255.255.0
ip netns exec J $ref -a -t 10.3.0.1:80 -r 10.3.0.11:8080 -m -w 2 -x 100 -y 10
ip netns exec J $ref -A -u [2001:db8::1]:53 -s sh -b sh-port
ip netns exec J $ref -a -u [2001:db8::1]:53 -r [2001:db8::11]:53 -i --tun-type gue --tun-port 6080 --tun-csum
ip netns exec J $ref -A -f 4000000000 -s rr
ip netns exec J $ref -a -f 4000000000 -r 10.3.0.12 -g
json_saved=$($lvsadm --netns J -S --json)
check_eq "-S --json status" "$?" 0
check_eq "-S --json is the documented document" "$json_saved" '{
  "version": 1,
  "document": "rules",
  "services": [
    {
      "family": "inet",
      "fwmark": 4000000000,
      "scheduler": "rr",
      "flags": [],
      "timeout": 0,
      "netmask": "255.255.255.255",
      "persistence_engine": null,
      "servers": [
        {
          "address": "10.3.0.12",
          "port": 0,
          "forwarding": "route",
          "weight": 1,
          "upper_threshold": 0,
          "lower_threshold": 0,
          "tunnel": {
            "type": "ipip",
            "port": 0,
            "flags": []
          }
        }
      ]
    },
    {
      "family": "inet",
      "protocol": "tcp",
      "address": "10.3.0.1",
      "port": 80,
      "scheduler": "wlc",
      "flags": [
        "persistent"
      ],
      "timeout": 300,
      "netmask": "255.255.255.0",
      "persistence_engine": null,
      "servers": [
        {
          "address": "10.3.0.11",
          "port": 8080,
          "forwarding": "masq",
          "weight": 2,
          "upper_threshold": 100,
          "lower_threshold": 10,
          "tunnel": {
            "type": "ipip",
            "port": 0,
            "flags": []
          }
        }
      ]
    },
    {
      "family": "inet6",
      "protocol": "udp",
      "address": "2001:db8::1",
      "port": 53,
      "scheduler": "sh",
      "flags": [
        "sh-port"
      ],
      "timeout": 0,
      "prefix_length": 128,
      "persistence_engine": null,
      "servers": [
        {
          "address": "2001:db8::11",
          "port": 53,
          "forwarding": "tunnel",
          "weight": 1,
          "upper_threshold": 0,
          "lower_threshold": 0,
          "tunnel": {
            "type": "gue",
            "port": 6080,
            "flags": [
              "checksum"
            ]
          }
        }
      ]
    }
  ]
}'
# The services come in the order of ipvsadm's own -S.
# ipvsadm prints marks of 2^31 and more negative (Docs/compatibility.md #4).
ref_order=$(saved J | awk '$1 == "-A" {
  if ($2 == "-f") { print ($3 < 0 ? $3 + 4294967296 : $3) } else { a = $3; sub(/:[0-9]+$/, "", a); gsub(/[][]/, "", a); print a }
}' | tr '\n' ' ')
json_order=$(echo "$json_saved" | sed -n 's/^      "fwmark": \([0-9]*\),/\1/p; s/^      "address": "\([^"]*\)",/\1/p' | tr '\n' ' ')
check_eq "-S --json order is ipvsadm's" "$json_order" "$ref_order"
check_eq "--json outside the namespace: the root's table" "$($lvsadm -S --json | grep -c '"address"')" \
  "$($ref -S -n | grep -c .)"

echo "== -L --json, --stats, --rate and -c against the kernel"
json_list=$($lvsadm --netns J -L --json)
check_eq "-L --json status" "$?" 0
check_eq "-L --json names the kernel" "$(echo "$json_list" | sed -n 4,7p)" '  "ipvs": {
    "version": "1.2.1",
    "connection_table_size": 4096
  },'
check_eq "-L --json: the flags ipvsadm set" "$(echo "$json_list" | grep -E '^        "[a-z-]*",?$' | tr -d ' \n')" \
  '"persistent""sh-port"'
check_eq "-L --json: connection counts per server" "$(echo "$json_list" | grep -c '^          "connections": {$')" 3
# The service A's local client connected to: its totals are the kernel's (ipvsadm
# --exact), once the kernel's estimator has summed them up (every 2 s).
sleep 3
stats=$($lvsadm --netns A -L -t 10.1.0.100:80 --stats --json)
json_totals=$(echo "$stats" | sed -n '/^      "stats": {/,/^      }/s/^        "[a-z_]*": \([0-9]*\),\{0,1\}$/\1/p' | tr '\n' ' ')
ref_totals=$(ip netns exec A $ref -L -t 10.1.0.100:80 --stats --exact -n | awk '$1 == "TCP" { print $3, $4, $5, $6, $7 " " }')
check_eq "--stats --json: service totals are ipvsadm's" "$json_totals" "$ref_totals"
json_conns=${json_totals%% *}
case $json_conns in
  [1-9]*) ok "--stats --json: the connection was counted" ;;
  *) fail "--stats --json: the connection was counted" "$stats" ;;
esac
rate=$($lvsadm --netns A -L --rate --json)
check_eq "--rate --json has rates" "$(echo "$rate" | grep -c '^      "rate": {$')" 2
conns=$($lvsadm --netns A -L -c -n --json)
check_eq "-L -c --json status" "$?" 0
check_eq "-L -c --json: the connection to the VIP" "$(echo "$conns" | grep -A1 '"virtual": {' | sed -n 2p)" \
  '        "address": "10.1.0.100",'
check_eq "-L -c --json: one entry per ipvsadm line" "$(echo "$conns" | grep -c '"virtual": {')" \
  "$(ip netns exec A $ref -L -c -n | tail -n +3 | wc -l)"
check_eq "-L --timeout --json" "$($lvsadm --netns J -L --timeout --json | sed -n 5,7p)" \
  "$(ip netns exec J $ref -L --timeout | sed 's/Timeout (tcp tcpfin udp): \([0-9]*\) \([0-9]*\) \([0-9]*\)/    "tcp": \1,\
    "tcp_fin": \2,\
    "udp": \3/')"

echo "== --json is refused where it does not belong, changing nothing"
check_rc "-A ... --json is refused" 2 $lvsadm --netns J -A -t 10.3.0.2:80 --json
check_rc "-C --json is refused" 2 $lvsadm --netns J -C --json
check_eq "... and J is unchanged" "$(saved J | wc -l)" 6
check_rc "-L of a missing service --json: status 1" 1 $lvsadm --netns J -L -t 10.3.0.9:80 --json
check_eq "... and prints no document" "$($lvsadm --netns J -L -t 10.3.0.9:80 --json 2>/dev/null)" ""
ip netns del J
