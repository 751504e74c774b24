# bash completion for lvsadm and ipvsadm: generated from lvsadm's grammar table (Completion.swift); do not edit
_lvsadm_services() {
    local program=$1 flag=$2
    shift 2
    "$program" "$@" -S -n 2>/dev/null | awk -v flag="$flag" '$1 == "-A" && $2 == flag { print $3 }'
}

_lvsadm() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} at=1
    [ "${COMP_WORDS[1]}" = --netns ] && at=3
    if [ "$COMP_CWORD" -eq "$at" ]; then
        COMPREPLY=($(compgen -W "-A --add-service -E --edit-service -D --delete-service -C --clear -R --restore -S --save -a --add-server -e --edit-server -d --delete-server -L -l --list -Z --zero --set --start-daemon --stop-daemon -h --help -v --version apply diff --netns" -- "$cur"))
        return
    fi
    case "$prev" in
        --netns) COMPREPLY=($(compgen -W "$(ip netns list 2>/dev/null | awk '{print $1}')" -- "$cur")); return ;;
        -s|--scheduler) COMPREPLY=($(compgen -W "rr wrr lc wlc lblc lblcr dh sh sed nq fo ovf mh" -- "$cur")); return ;;
        --tun-type) COMPREPLY=($(compgen -W "ipip gue gre" -- "$cur")); return ;;
        --start-daemon|--stop-daemon) COMPREPLY=($(compgen -W "master backup" -- "$cur")); return ;;
        -t|--tcp-service)
            case "${COMP_WORDS[at]}" in
                -E|--edit-service|-D|--delete-service|-a|--add-server|-e|--edit-server|-d|--delete-server|-L|-l|--list|-Z|--zero) COMPREPLY=($(compgen -W "$(_lvsadm_services "${COMP_WORDS[0]}" -t "${COMP_WORDS[@]:1:at-1}")" -- "$cur")) ;;
            esac
            return ;;
        -u|--udp-service)
            case "${COMP_WORDS[at]}" in
                -E|--edit-service|-D|--delete-service|-a|--add-server|-e|--edit-server|-d|--delete-server|-L|-l|--list|-Z|--zero) COMPREPLY=($(compgen -W "$(_lvsadm_services "${COMP_WORDS[0]}" -u "${COMP_WORDS[@]:1:at-1}")" -- "$cur")) ;;
            esac
            return ;;
        --sctp-service)
            case "${COMP_WORDS[at]}" in
                -E|--edit-service|-D|--delete-service|-a|--add-server|-e|--edit-server|-d|--delete-server|-L|-l|--list|-Z|--zero) COMPREPLY=($(compgen -W "$(_lvsadm_services "${COMP_WORDS[0]}" --sctp-service "${COMP_WORDS[@]:1:at-1}")" -- "$cur")) ;;
            esac
            return ;;
        -f|--fwmark-service)
            case "${COMP_WORDS[at]}" in
                -E|--edit-service|-D|--delete-service|-a|--add-server|-e|--edit-server|-d|--delete-server|-L|-l|--list|-Z|--zero) COMPREPLY=($(compgen -W "$(_lvsadm_services "${COMP_WORDS[0]}" -f "${COMP_WORDS[@]:1:at-1}")" -- "$cur")) ;;
            esac
            return ;;
    esac
    case "${COMP_WORDS[at]}" in
        -A|--add-service) COMPREPLY=($(compgen -W "-t --tcp-service -u --udp-service --sctp-service -f --fwmark-service -6 --ipv6 -s --scheduler --pe -p --persistent -M --netmask -o --ops -b --sched-flags" -- "$cur")) ;;
        -E|--edit-service) COMPREPLY=($(compgen -W "-t --tcp-service -u --udp-service --sctp-service -f --fwmark-service -6 --ipv6 -s --scheduler --pe -p --persistent -M --netmask -o --ops -b --sched-flags" -- "$cur")) ;;
        -D|--delete-service) COMPREPLY=($(compgen -W "-t --tcp-service -u --udp-service --sctp-service -f --fwmark-service -6 --ipv6" -- "$cur")) ;;
        -C|--clear) COMPREPLY=($(compgen -W "" -- "$cur")) ;;
        -R|--restore) COMPREPLY=($(compgen -W "" -- "$cur")) ;;
        -S|--save) COMPREPLY=($(compgen -W "-n --numeric --json" -- "$cur")) ;;
        -a|--add-server) COMPREPLY=($(compgen -W "-t --tcp-service -u --udp-service --sctp-service -f --fwmark-service -6 --ipv6 -r --real-server -g --gatewaying -i --ipip -m --masquerading --tun-type --tun-port --tun-nocsum --tun-csum --tun-remcsum -w --weight -x --u-threshold -y --l-threshold" -- "$cur")) ;;
        -e|--edit-server) COMPREPLY=($(compgen -W "-t --tcp-service -u --udp-service --sctp-service -f --fwmark-service -6 --ipv6 -r --real-server -g --gatewaying -i --ipip -m --masquerading --tun-type --tun-port --tun-nocsum --tun-csum --tun-remcsum -w --weight -x --u-threshold -y --l-threshold" -- "$cur")) ;;
        -d|--delete-server) COMPREPLY=($(compgen -W "-t --tcp-service -u --udp-service --sctp-service -f --fwmark-service -6 --ipv6 -r --real-server" -- "$cur")) ;;
        -L|-l|--list) COMPREPLY=($(compgen -W "-t --tcp-service -u --udp-service --sctp-service -f --fwmark-service -6 --ipv6 -c --connection --timeout --daemon --stats --rate -X --exact --thresholds --persistent-conn --tun-info --nosort --sort -n --numeric --syncid --json" -- "$cur")) ;;
        -Z|--zero) COMPREPLY=($(compgen -W "-t --tcp-service -u --udp-service --sctp-service -f --fwmark-service -6 --ipv6" -- "$cur")) ;;
        --set) COMPREPLY=($(compgen -W "" -- "$cur")) ;;
        --start-daemon) COMPREPLY=($(compgen -W "--syncid --sync-maxlen --mcast-interface --mcast-group --mcast-port --mcast-ttl" -- "$cur")) ;;
        --stop-daemon) COMPREPLY=($(compgen -W "--syncid" -- "$cur")) ;;
        apply) COMPREPLY=($(compgen -f -W "--dry-run --drain" -- "$cur")) ;;
        diff) COMPREPLY=($(compgen -f -W "" -- "$cur")) ;;
    esac
}
complete -F _lvsadm lvsadm ipvsadm
