# shellcheck shell=bash
# The optional "peers" archive: Debian's ldirectord and keepalived, the daemons
# lvsadmd is compared with, and what they need to run in the VM (Perl with the
# modules ldirectord uses, keepalived's shared libraries). It is ~10 MB and
# Perl costs boot time under emulation, so it is built once into the cache and
# appended only by `Scripts/vm run --with peers`; the base stays as it is.
# Sourced by Scripts/vm after vm-common.sh, vm-fetch.sh, vm-rootfs.sh, vm-run.sh.

# Packages whose Depends are not wanted on the host: ipvsadm is in the base
# already (from its own .deb), lsb-base is an empty transitional package.
VM_PEERS_SKIP_DEPENDS='^(ipvsadm|lsb-base)$'

# Files of Perl packages that no check needs: documentation, the C headers and
# module families for building and testing Perl code, the Asian character
# set tables of Encode, and perl's second name (a hard link). They are most
# of the size, and every megabyte costs boot time under emulation.
VM_PEERS_EXCLUDE='^/usr/share/(doc|man|lintian|doc-base)/|\.pod$|/CORE/|/perl/5\.[0-9.]+/(CPAN|ExtUtils|TAP|Test2|Module|pod)/|/Unicode/Collate|/Devel/PPPort|/Encode/(JP|KR|CN|TW)|^/usr/bin/perl5[0-9.]+$'

# vm_deb_depends DEB: the package names of DEB's Depends, first of each
# alternative, without version constraints or the skipped names, nor the
# virtual names an installed package provides (libnet-perl is perl): those
# are never "installed" themselves, and asking apt for them every run would
# cost an apt-get update each time.
vm_deb_depends() {
  local provided
  provided=$(dpkg-query -W -f='${db:Status-Status} ${Provides}\n' 2>/dev/null |
    awk '$1 == "installed" { $1 = ""; print }' | tr ',' '\n' |
    sed -E 's/\(.*\)//; s/:any//; s/[[:space:]]//g' | grep -v '^$' | sort -u)
  dpkg-deb -f "$1" Depends | tr ',' '\n' |
    sed -E 's/[|].*//; s/\(.*\)//; s/:any//; s/[[:space:]]//g' |
    grep -v -e '^$' | grep -v -E "$VM_PEERS_SKIP_DEPENDS" | grep -vxF -f <(printf '%s\n' "$provided") || true
}

# vm_perl_closure NAME...: the installed packages with "perl" in their name
# reachable from NAME... through Depends and Pre-Depends, on the host. Those
# are Perl itself and the modules; C libraries come in through ldd instead.
vm_perl_closure() {
  local -A seen=()
  local -a todo=("$@")
  local pkg dep deps
  while [[ ${#todo[@]} -gt 0 ]]; do
    pkg=${todo[0]}
    todo=("${todo[@]:1}")
    [[ -n ${seen[$pkg]:-} ]] && continue
    # A virtual name (libdigest-md5-perl, provided by perl) is not installed.
    deps=$(dpkg-query -W -f='${db:Status-Status} ${Depends},${Pre-Depends}\n' "$pkg" 2>/dev/null) || continue
    seen[$pkg]=1
    [[ $deps == "installed "* ]] || continue
    deps=${deps#installed }
    printf '%s\n' "$pkg"
    while read -r dep; do
      [[ $dep == *perl* && -z ${seen[$dep]:-} ]] && todo+=("$dep")
    done < <(tr ',' '\n' <<<"$deps" | sed -E 's/[|].*//; s/\(.*\)//; s/:any//; s/[[:space:]]//g' | grep -v '^$')
  done
}

# vm_peers_install_perl ROOT PKG...: the files of the Perl packages (symlinks
# kept as symlinks, so perl's version links like
# /usr/share/perl/5.36 -> 5.36.0 resolve), and the libraries of
# every ELF among them (perl itself, the XS modules).
vm_peers_install_perl() {
  local root=$1 list=$VM_CACHE/.peers-perl.files f
  shift
  dpkg -L "$@" | LC_ALL=C sort -u | grep -v -E "$VM_PEERS_EXCLUDE" |
    while IFS= read -r f; do
      # -L first: a link to a directory is a file to copy, not a directory.
      if [[ -L $f || -f $f ]]; then printf '%s\n' "${f#/}"; fi
    done >"$list"
  tar -C / --no-recursion -cf - -T "$list" | tar -C "$root" -xf -
  while IFS= read -r f; do
    [[ -L /$f ]] && continue
    vm_is_elf "/$f" && vm_copy_libraries "$root" "/$f"
  done <"$list"
  rm -f "$list"
}

# What the peers archive is made of: the two .debs, the host's Perl packages
# and keepalived's libraries (their versions), and this script.
vm_peers_key() {
  local ld_deb=$1 ka_deb=$2
  shift 2
  {
    basename "$ld_deb"
    basename "$ka_deb"
    cat "$VM_CACHE/base.key"
    local -a ka_depends
    mapfile -t ka_depends < <(vm_deb_depends "$ka_deb")
    dpkg-query -W -f='${Package} ${Version}\n' "$@" "${ka_depends[@]}" 2>/dev/null || true
    cat "$VM_LIB_DIR/vm-peers.sh"
  } | vm_hash
}

# Builds $VM_CACHE/peers.cpio.gz unless it is current. Needs the base (for
# the list of libraries it already holds).
vm_prepare_peers() {
  vm_lock
  local ld_deb ka_deb key root=$VM_CACHE/.peers-staging lroot kroot
  local -a perl_pkgs
  ld_deb=$(vm_download_deb ldirectord)
  ka_deb=$(vm_download_deb keepalived)
  # Working out the key takes seconds (dpkg-query over the Perl packages); as
  # long as no package on the host changed (dpkg's status file) nor the inputs
  # named here, the archive is current without it.
  local stamp
  stamp=$({ stat -c %Y /var/lib/dpkg/status; basename "$ld_deb"; basename "$ka_deb"
    cat "$VM_CACHE/base.key" "$VM_LIB_DIR/vm-peers.sh"; } | vm_hash)
  if [[ -s $VM_CACHE/peers.cpio.gz && -e $VM_CACHE/peers.stamp &&
    $(cat "$VM_CACHE/peers.stamp") == "$stamp" ]]; then
    vm_unlock
    return 0
  fi
  # The .debs' own dependencies (Perl modules, C libraries) come from the
  # host's apt, as the base does for ipvsadm's libraries: ldd and dpkg -L
  # then see them. ldirectord and keepalived themselves stay unpacked in the
  # cache, never installed on the host.
  local -a ld_depends ka_depends
  mapfile -t ld_depends < <(vm_deb_depends "$ld_deb")
  mapfile -t ka_depends < <(vm_deb_depends "$ka_deb")
  vm_ensure_packages "${ld_depends[@]}" "${ka_depends[@]}"
  mapfile -t perl_pkgs < <(vm_perl_closure "${ld_depends[@]}")
  key=$(vm_peers_key "$ld_deb" "$ka_deb" "${perl_pkgs[@]}")
  if [[ -s $VM_CACHE/peers.cpio.gz && -e $VM_CACHE/peers.key &&
    $(cat "$VM_CACHE/peers.key") == "$key" ]]; then
    printf '%s\n' "$stamp" >"$VM_CACHE/peers.stamp"
    vm_unlock
    return 0
  fi
  vm_log "building the peers archive (ldirectord, keepalived, ${#perl_pkgs[@]} Perl packages)"
  lroot=$(vm_extract_deb "$ld_deb" ldirectord)
  kroot=$(vm_extract_deb "$ka_deb" keepalived)
  vm_load_base_files
  rm -rf "$root" && mkdir -p "$root/usr/sbin" "$root/etc/ha.d" "$root/etc/keepalived"
  cp "$lroot/usr/sbin/ldirectord" "$root/usr/sbin/ldirectord"
  vm_copy_elf_beside_base "$root" "$kroot/usr/sbin/keepalived" /usr/sbin/keepalived
  vm_peers_install_perl "$root" "${perl_pkgs[@]}"
  rm -f "$VM_CACHE/peers.key" "$VM_CACHE/peers.stamp"
  vm_pack_cpio "$root" "$VM_CACHE/peers.cpio.gz.tmp"
  mv "$VM_CACHE/peers.cpio.gz.tmp" "$VM_CACHE/peers.cpio.gz"
  printf '%s\n' "$key" >"$VM_CACHE/peers.key"
  printf '%s\n' "$stamp" >"$VM_CACHE/peers.stamp"
  rm -rf "$root"
  vm_log "peers archive ready: $(du -h "$VM_CACHE/peers.cpio.gz" | cut -f1)"
  vm_unlock
}

# vm_copy_elf_beside_base ROOT SRC DEST: SRC at ROOT/DEST with the libraries
# the base does not hold already.
vm_copy_elf_beside_base() {
  local root=$1 src=$2 dest=$3
  mkdir -p "$root/$(dirname "$dest")"
  cp -L "$src" "$root/$dest"
  vm_copy_libraries "$root" "$src"
}
