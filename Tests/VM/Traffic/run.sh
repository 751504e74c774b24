#!/bin/sh
# The traffic suite, run inside the micro-VM (see lib.sh for the network): real packets
# from client namespaces through a director programmed by lvsadm only, to real servers
# that say who they are. Every test_* function of the t-*.sh files runs in file order,
# each from an empty IPVS table.
#
# usage: run.sh [FILTER]   runs only the tests whose function name contains FILTER
# Ends with "traffic: N passed, N failed"; exits non-zero if anything failed.
set -u
here=$(dirname "$0")
filter=${1:-}
. "$here/lib.sh"
for f in "$here"/t[0-9]-*.sh; do . "$f"; done

setup
for t in $(grep -h -o '^test_[a-z0-9_]*' "$here"/t[0-9]-*.sh); do
  case $t in *"$filter"*) ;; *) continue ;; esac
  echo "== ${t#test_}"
  fresh
  $t
done
teardown

verdict traffic
