# shellcheck shell=bash
# Fetching Debian's stock kernel and the reference ipvsadm into the cache.
# Sourced by Scripts/vm after vm-common.sh.

# apt-cache costs ~1 s here (its binary cache is disabled), so a name resolved
# once is reused until the package lists change (apt-get update touches them).
vm_lists_stamp() {
  stat -c '%n %Y' /var/lib/apt/lists/*_Packages* 2>/dev/null | vm_hash
}

# Resolves a virtual/meta package to the one real package it depends on whose
# name starts with PREFIX, e.g. linux-image-amd64 -> linux-image-6.1.0-56-amd64.
vm_resolve_dependency() {
  local meta=$1 prefix=$2
  apt-cache depends "$meta" 2>/dev/null |
    awk -v p="$prefix" '$1 == "Depends:" && index($2, p) == 1 { print $2; exit }'
}

# Prints the exact kernel package name, cached in $VM_CACHE/kernel.name.
vm_kernel_package() {
  local cache=$VM_CACHE/kernel.name stamp name
  stamp=$(vm_lists_stamp)
  if [[ -s $cache ]] && [[ $(sed -n 2p "$cache") == "$stamp" ]]; then
    sed -n 1p "$cache"
    return
  fi
  name=$(vm_resolve_dependency linux-image-amd64 linux-image-)
  if [[ -z $name ]]; then
    vm_apt_update_once
    stamp=$(vm_lists_stamp)
    name=$(vm_resolve_dependency linux-image-amd64 linux-image-)
  fi
  if [[ -z $name ]]; then
    # Offline with an old cache: keep using what we have.
    [[ -s $cache ]] || vm_die "cannot resolve the kernel package of linux-image-amd64"
    sed -n 1p "$cache"
    return
  fi
  printf '%s\n%s\n' "$name" "$stamp" >"$cache"
  printf '%s\n' "$name"
}

# Downloads exactly one named package into a fresh directory and prints the
# .deb's path. Retries once after apt-get update (stale lists give 404s).
vm_download_deb() {
  local pkg=$1 dir=$VM_CACHE/debs/$1
  local deb
  deb=$(find "$dir" -maxdepth 1 -name '*.deb' -print -quit 2>/dev/null || true)
  if [[ -n $deb ]]; then
    printf '%s\n' "$deb"
    return
  fi
  local tmp=$VM_CACHE/debs/.tmp-$pkg
  rm -rf "$tmp" && mkdir -p "$tmp"
  # apt drops to the _apt user to download; let it write here (no warning).
  chown _apt "$tmp" 2>/dev/null || true
  vm_log "downloading $pkg"
  if ! (cd "$tmp" && apt-get download -qq "$pkg" >&2 </dev/null); then
    vm_apt_update_once
    (cd "$tmp" && apt-get download -qq "$pkg" >&2 </dev/null) ||
      vm_die "apt-get download $pkg failed"
  fi
  rm -rf "$dir" && mv "$tmp" "$dir"
  find "$dir" -maxdepth 1 -name '*.deb' -print -quit
}

# Extracts a .deb once into $VM_CACHE/roots/NAME and prints that directory.
vm_extract_deb() {
  local deb=$1 name=$2 root=$VM_CACHE/roots/$2
  if [[ ! -e $root/.extracted || $(cat "$root/.extracted") != "$(basename "$deb")" ]]; then
    rm -rf "$root" && mkdir -p "$root"
    dpkg -x "$deb" "$root"
    basename "$deb" >"$root/.extracted"
  fi
  printf '%s\n' "$root"
}

# The reference ipvsadm is dynamically linked against libnl and popt: install
# its runtime dependencies on the host so ldd can find them to copy.
vm_ensure_deb_depends() {
  local deb=$1 depends
  depends=$(dpkg-deb -f "$deb" Depends)
  local -a pkgs
  mapfile -t pkgs < <(tr ',' '\n' <<<"$depends" | sed -E 's/[|].*//; s/\(.*\)//; s/:any//; s/[[:space:]]//g' |
    grep -v -e '^$' -e '^lsb-base$')
  vm_ensure_packages "${pkgs[@]}"
}
