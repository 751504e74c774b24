# shellcheck shell=bash
# `Scripts/vm run`: an overlay archive with the payload, one boot, and the
# payload's output and status extracted from the serial console log.

# Quotes each argument for a POSIX shell (busybox ash has no $'...').
vm_shell_quote() {
  local arg out=()
  for arg in "$@"; do
    out+=("'${arg//\'/\'\\\'\'}'")
  done
  printf '%s' "${out[*]}"
}

# Lines of the base archive, to avoid copying libraries it already holds.
declare -A VM_BASE_FILES=()
vm_load_base_files() {
  local f
  while read -r f; do VM_BASE_FILES[$f]=1; done <"$VM_CACHE/base.files"
}

vm_is_elf() { [[ -f $1 && $(head -c4 "$1" | od -An -c | tr -d ' ') == '177ELF' ]]; }

# vm_add ROOT SPEC: SPEC is HOSTPATH[:VMPATH]; VMPATH defaults to the absolute
# host path. Dynamic ELF files bring their libraries along.
vm_add() {
  local root=$1 spec=$2 host vm f
  host=${spec%%:*}
  if [[ $spec == *:* ]]; then vm=${spec#*:}; else vm=$(realpath -ms "$host"); fi
  [[ -e $host ]] || vm_die "--add $spec: $host does not exist"
  [[ $vm == /* ]] || vm_die "--add $spec: the VM path must be absolute"
  if [[ -d $host ]]; then
    mkdir -p "$root/$vm"
    cp -a "$host/." "$root/$vm/"
    while IFS= read -r -d '' f; do
      vm_is_elf "$f" && vm_copy_libraries "$root" "$f"
    done < <(find "$host" -type f -perm -u+x -print0)
  else
    mkdir -p "$root/$(dirname "$vm")"
    cp -L --preserve=mode "$host" "$root/$vm"
    vm_is_elf "$host" && vm_copy_libraries "$root" "$host"
  fi
  return 0
}

vm_copy_libraries() {
  local root=$1 elf=$2 lib
  while read -r lib; do
    [[ -e $root/$lib || -n ${VM_BASE_FILES[$lib]:-} ]] && continue
    mkdir -p "$root/$(dirname "$lib")"
    cp -L "$lib" "$root/$lib"
  done < <(vm_elf_libraries "$elf")
}

# vm_extract LOG TOKEN OUTFILE: writes the payload's output (\r removed) to
# OUTFILE and prints its exit status; fails when a marker is missing.
vm_extract() {
  perl -e '
    my ($log, $token, $outfile) = @ARGV;
    open(my $in, "<:raw", $log) or exit 2;
    local $/; my $s = <$in> // ""; $s =~ s/\r//g;
    my $begin = "\@\@LVSADM-VM-$token-BEGIN\@\@\n";
    my $end = "\n\@\@LVSADM-VM-$token-END\@\@ ";
    my $i = index($s, $begin); exit 2 if $i < 0; $i += length $begin;
    my $j = index($s, $end, $i); exit 3 if $j < 0;
    substr($s, $j + length $end) =~ /^(\d+)/ or exit 3;
    open(my $out, ">:raw", $outfile) or exit 4;
    print $out substr($s, $i, $j - $i); close $out;
    print "$1\n";' "$@"
}

vm_run_usage() {
  cat >&2 <<'USAGE'
usage: Scripts/vm run [--no-ipvs] [--with peers] [--timeout SECONDS] [--mem MB]
                      [--cpus N] [--add HOSTPATH[:VMPATH]]... -- COMMAND [ARGS...]
USAGE
  exit 2
}

vm_run() {
  local no_ipvs=0 timeout=${LVSADM_VM_TIMEOUT:-600} mem=1024 cpus=1
  local -a adds=() extras=()
  while [[ $# -gt 0 ]]; do
    case $1 in
      --no-ipvs) no_ipvs=1 ;;
      --with)
        [[ ${2:-} == peers ]] || vm_die "--with takes one archive name: peers"
        extras+=(peers); shift ;;
      --timeout) timeout=${2:?--timeout needs SECONDS}; shift ;;
      --mem) mem=${2:?--mem needs MB}; shift ;;
      --cpus) cpus=${2:?--cpus needs N}; shift ;;
      --add) adds+=("${2:?--add needs HOSTPATH[:VMPATH]}"); shift ;;
      --) shift; break ;;
      -h | --help) vm_run_usage ;;
      *) vm_log "unknown option $1"; vm_run_usage ;;
    esac
    shift
  done
  [[ $# -gt 0 ]] || vm_run_usage
  [[ $timeout =~ ^[0-9]+$ && $mem =~ ^[0-9]+$ && $cpus =~ ^[0-9]+$ ]] ||
    vm_die "--timeout, --mem and --cpus take whole numbers"

  vm_prepare
  local extra
  for extra in "${extras[@]}"; do "vm_prepare_$extra"; done

  local tmp
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/lvsadm-vm.XXXXXX")
  # shellcheck disable=SC2064 # expand now: $tmp is local
  trap "rm -rf '$tmp'" EXIT

  local token overlay=$tmp/overlay spec
  token=$(od -An -tx8 -N8 /dev/urandom | tr -d ' \n')
  mkdir -p "$overlay/vm"
  printf 'TOKEN=%s\nNO_IPVS=%s\n' "$token" "$no_ipvs" >"$overlay/vm/config"
  printf 'exec %s\n' "$(vm_shell_quote "$@")" >"$overlay/vm/payload"
  if [[ ${#adds[@]} -gt 0 ]]; then
    vm_load_base_files
    for spec in "${adds[@]}"; do vm_add "$overlay" "$spec"; done
  fi
  # Later archives add to earlier ones: the base, the optional extras, then this run's
  # payload. The payload is not compressed: it is packed for one boot, and the emulated
  # CPU inflates slowly (a debug lvsadmd with its Swift libraries, 177 MB, costs about
  # 8 s of the guest's boot to inflate, and as much host CPU to compress). The kernel
  # takes an uncompressed archive at a multiple of 4 bytes, and skips the zeros that pad
  # it there.
  {
    cat "$VM_CACHE/base.cpio.gz"
    for extra in "${extras[@]}"; do cat "$VM_CACHE/$extra.cpio.gz"; done
  } >"$tmp/initrd"
  head -c $(((4 - $(stat -c %s "$tmp/initrd") % 4) % 4)) /dev/zero >>"$tmp/initrd"
  (cd "$overlay" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) >>"$tmp/initrd"

  local log=$tmp/console.log qrc=0
  # no_timer_check: on a loaded host the emulated CPU can be too slow for the kernel's
  # boot-time check that the timer ticks through the IO-APIC, which then panics ("IO-APIC
  # + timer doesn't work!"); the timer works, the check is what fails.
  # No stdin at all (CI has none, and -nographic would read it): the console
  # goes to a file, the monitor is off, and stdin is /dev/null.
  timeout -k 10 "$timeout" qemu-system-x86_64 \
    -accel tcg -m "$mem" -smp "$cpus" -nodefaults -no-user-config \
    -display none -vga none -monitor none -serial "file:$log" \
    -no-reboot -nic none \
    -kernel "$VM_CACHE/vmlinuz" -initrd "$tmp/initrd" \
    -append "console=ttyS0 quiet panic=-1 no_timer_check" \
    </dev/null >"$tmp/qemu.out" 2>&1 || qrc=$?

  local status
  if status=$(vm_extract "$log" "$token" "$tmp/payload.out"); then
    cat "$tmp/payload.out"
    vm_keep_log "$log" "${LVSADM_VM_KEEP_LOG:-0}"
    trap - EXIT
    rm -rf "$tmp"
    return "$status"
  fi
  if [[ $qrc == 124 || $qrc == 137 ]]; then
    printf 'vm: error: the VM timed out after %s s (qemu killed)\n' "$timeout" >&2
  else
    printf 'vm: error: the VM ended without the payload end marker (qemu exit %s)\n' "$qrc" >&2
  fi
  if [[ -s $tmp/qemu.out ]]; then
    printf 'vm: qemu said:\n' >&2
    tail -n 20 "$tmp/qemu.out" >&2
  fi
  printf 'vm: last console lines:\n' >&2
  tr -d '\r' <"$log" 2>/dev/null | tail -n 40 >&2 || true
  vm_keep_log "$log" 1
  return 125
}

# Keeps the raw console log (with firmware and kernel output) for debugging.
vm_keep_log() {
  local log=$1 keep=$2 kept
  [[ $keep == 1 && -e $log ]] || return 0
  kept=$(mktemp "${TMPDIR:-/tmp}/lvsadm-vm-console.XXXXXX")
  cp "$log" "$kept"
  printf 'vm: raw console log kept at %s\n' "$kept" >&2
}
