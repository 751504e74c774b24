# shellcheck shell=bash
# Shared helpers for Scripts/vm: paths, messages, locking and host packages.
# Sourced, never executed: the caller has already set `set -euo pipefail`.

# Everything is derived from this file's location so a fresh clone anywhere
# works; the cache lives in the repository's git-ignored .cache/.
VM_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
VM_REPO_ROOT=$(cd "$VM_LIB_DIR/../.." && pwd)
VM_CACHE=${LVSADM_VM_CACHE:-$VM_REPO_ROOT/.cache/vm}

# Host packages the tooling itself uses. qemu boots the VM; busybox-static is
# the VM's userland; cpio/gzip pack it; kmod computes module order; netbase
# gives /etc/services and /etc/protocols; iproute2 and nftables are copied into
# the VM (busybox `ip` has no netns, and a mark rule needs nft); libc-bin
# gives ldd; util-linux gives flock; perl-base parses the console log.
# shellcheck disable=SC2034 # used by Scripts/vm
VM_HOST_PACKAGES=(qemu-system-x86 busybox-static cpio gzip kmod netbase
  iproute2 nftables libc-bin util-linux perl-base coreutils xz-utils zstd)

vm_log() { printf 'vm: %s\n' "$*" >&2; }
vm_die() { printf 'vm: error: %s\n' "$*" >&2; exit 125; }

# Serialise cache writers: two runs started at once must not both rebuild.
vm_lock() {
  mkdir -p "$VM_CACHE"
  exec {VM_LOCK_FD}>"$VM_CACHE/.lock"
  flock "$VM_LOCK_FD"
}

vm_unlock() { exec {VM_LOCK_FD}>&-; }

# Prints the packages of "$@" that are not installed (one per line).
vm_missing_packages() {
  # One dpkg-query for all: unknown packages print nothing (and an error we drop).
  local installed
  installed=$(dpkg-query -W -f='${db:Status-Status} ${Package}\n' "$@" 2>/dev/null |
    awk '$1 == "installed" { print $2 }' || true)
  local pkg
  for pkg in "$@"; do
    grep -qxF -- "${pkg%%:*}" <<<"$installed" || printf '%s\n' "$pkg"
  done
}

# apt-get update is slow and needs the network: run it at most once per
# invocation, and only when something is actually missing.
VM_APT_UPDATED=0
vm_apt_update_once() {
  if [[ $VM_APT_UPDATED == 0 ]]; then
    vm_log "apt-get update"
    apt-get update -qq -o DPkg::Lock::Timeout=300 >&2 || vm_die "apt-get update failed"
    VM_APT_UPDATED=1
  fi
}

vm_ensure_packages() {
  local missing
  mapfile -t missing < <(vm_missing_packages "$@")
  [[ ${#missing[@]} == 0 ]] && return 0
  vm_apt_update_once
  vm_log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 \
    "${missing[@]}" >&2 </dev/null || vm_die "apt-get install ${missing[*]} failed"
}

# A short hash of stdin, for cache keys.
vm_hash() { sha256sum | cut -c1-16; }
