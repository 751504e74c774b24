#compdef lvsadm ipvsadm
# zsh completion for lvsadm and ipvsadm: generated from lvsadm's grammar table (Completion.swift); do not edit

_lvsadm_services() {
    local program=$1 flag=$2
    shift 2
    "$program" "$@" -S -n 2>/dev/null | awk -v flag="$flag" '$1 == "-A" && $2 == flag { print $3 }'
}

_lvsadm() {
    local at=2
    [[ $words[2] == --netns ]] && at=4
    if (( CURRENT == at )); then
        compadd -- -A --add-service -E --edit-service -D --delete-service -C --clear -R --restore -S --save -a --add-server -e --edit-server -d --delete-server -L -l --list -Z --zero --set --start-daemon --stop-daemon -h --help -v --version apply diff --netns
        return
    fi
    case $words[CURRENT-1] in
        --netns) compadd -- $(ip netns list 2>/dev/null | awk '{print $1}'); return ;;
        -s|--scheduler) compadd -- rr wrr lc wlc lblc lblcr dh sh sed nq fo ovf mh; return ;;
        --tun-type) compadd -- ipip gue gre; return ;;
        --start-daemon|--stop-daemon) compadd -- master backup; return ;;
        -t|--tcp-service)
            case $words[at] in
                -E|--edit-service|-D|--delete-service|-a|--add-server|-e|--edit-server|-d|--delete-server|-L|-l|--list|-Z|--zero) compadd -- $(_lvsadm_services $words[1] -t ${words[2,at-1]}) ;;
            esac
            return ;;
        -u|--udp-service)
            case $words[at] in
                -E|--edit-service|-D|--delete-service|-a|--add-server|-e|--edit-server|-d|--delete-server|-L|-l|--list|-Z|--zero) compadd -- $(_lvsadm_services $words[1] -u ${words[2,at-1]}) ;;
            esac
            return ;;
        --sctp-service)
            case $words[at] in
                -E|--edit-service|-D|--delete-service|-a|--add-server|-e|--edit-server|-d|--delete-server|-L|-l|--list|-Z|--zero) compadd -- $(_lvsadm_services $words[1] --sctp-service ${words[2,at-1]}) ;;
            esac
            return ;;
        -f|--fwmark-service)
            case $words[at] in
                -E|--edit-service|-D|--delete-service|-a|--add-server|-e|--edit-server|-d|--delete-server|-L|-l|--list|-Z|--zero) compadd -- $(_lvsadm_services $words[1] -f ${words[2,at-1]}) ;;
            esac
            return ;;
    esac
    case $words[at] in
        -A|--add-service) compadd -- -t --tcp-service -u --udp-service --sctp-service -f --fwmark-service -6 --ipv6 -s --scheduler --pe -p --persistent -M --netmask -o --ops -b --sched-flags ;;
        -E|--edit-service) compadd -- -t --tcp-service -u --udp-service --sctp-service -f --fwmark-service -6 --ipv6 -s --scheduler --pe -p --persistent -M --netmask -o --ops -b --sched-flags ;;
        -D|--delete-service) compadd -- -t --tcp-service -u --udp-service --sctp-service -f --fwmark-service -6 --ipv6 ;;
        -C|--clear) compadd --  ;;
        -R|--restore) compadd --  ;;
        -S|--save) compadd -- -n --numeric --json ;;
        -a|--add-server) compadd -- -t --tcp-service -u --udp-service --sctp-service -f --fwmark-service -6 --ipv6 -r --real-server -g --gatewaying -i --ipip -m --masquerading --tun-type --tun-port --tun-nocsum --tun-csum --tun-remcsum -w --weight -x --u-threshold -y --l-threshold ;;
        -e|--edit-server) compadd -- -t --tcp-service -u --udp-service --sctp-service -f --fwmark-service -6 --ipv6 -r --real-server -g --gatewaying -i --ipip -m --masquerading --tun-type --tun-port --tun-nocsum --tun-csum --tun-remcsum -w --weight -x --u-threshold -y --l-threshold ;;
        -d|--delete-server) compadd -- -t --tcp-service -u --udp-service --sctp-service -f --fwmark-service -6 --ipv6 -r --real-server ;;
        -L|-l|--list) compadd -- -t --tcp-service -u --udp-service --sctp-service -f --fwmark-service -6 --ipv6 -c --connection --timeout --daemon --stats --rate -X --exact --thresholds --persistent-conn --tun-info --nosort --sort -n --numeric --syncid --json ;;
        -Z|--zero) compadd -- -t --tcp-service -u --udp-service --sctp-service -f --fwmark-service -6 --ipv6 ;;
        --set) compadd --  ;;
        --start-daemon) compadd -- --syncid --sync-maxlen --mcast-interface --mcast-group --mcast-port --mcast-ttl ;;
        --stop-daemon) compadd -- --syncid ;;
        apply) _files; compadd -- --dry-run --drain ;;
        diff) _files; compadd --  ;;
    esac
}

_lvsadm "$@"
