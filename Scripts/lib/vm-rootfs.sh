# shellcheck shell=bash
# Building the VM's file tree: dynamic executables with their libraries,
# kernel modules in load order, and the base initramfs. Sourced by Scripts/vm.

# Kernel modules the tests may need. Names missing from the kernel are skipped.
# ip_vs and its schedulers/helpers are tagged "ipvs" so `run --no-ipvs` can
# leave them out; the rest builds multi-host topologies inside the VM
# (namespaces, veth, bridge, tunnels that real servers decapsulate, and the
# netfilter pieces an nft or iptables fwmark rule needs).
VM_MODULES=(
  ip_vs ip_vs_rr ip_vs_wrr ip_vs_lc ip_vs_wlc ip_vs_lblc ip_vs_lblcr ip_vs_dh
  ip_vs_sh ip_vs_sed ip_vs_nq ip_vs_fo ip_vs_ovf ip_vs_mh ip_vs_ftp ip_vs_pe_sip
  veth dummy bridge ipip ip_gre gre ip6_tunnel ip6_gre sit fou fou6
  nf_tables nft_meta nft_ct nft_chain_nat nft_nat nft_compat
  x_tables xt_mark iptable_mangle ip6table_mangle xt_conntrack
)

# Host programs copied into the VM next to busybox, where busybox's applets
# are missing or too limited (ip netns, tc qdiscs, nft rules, getent).
VM_HOST_TOOLS=(/usr/sbin/ip /usr/sbin/tc /usr/bin/ss /usr/sbin/nft /usr/bin/getent
  /usr/bin/dash /usr/bin/bash)

# Prints the libraries (and the loader) a dynamic ELF needs, one path a line.
# Prints nothing for a static executable; fails when a library is not found.
vm_elf_libraries() {
  local elf=$1 out
  out=$(LC_ALL=C ldd "$elf" 2>&1) || return 0 # "not a dynamic executable"
  if grep -q 'not found' <<<"$out"; then
    vm_die "ldd $elf: $(grep 'not found' <<<"$out" | tr -s ' \t' ' ')"
  fi
  awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' <<<"$out"
}

# vm_copy_elf ROOT SRC DEST: copies SRC to ROOT/DEST, then every library it
# needs at the same absolute path it has on the host.
vm_copy_elf() {
  local root=$1 src=$2 dest=$3 lib
  mkdir -p "$root/$(dirname "$dest")"
  cp -L "$src" "$root/$dest"
  while read -r lib; do
    [[ -e $root/$lib ]] && continue
    mkdir -p "$root/$(dirname "$lib")"
    cp -L "$lib" "$root/$lib"
  done < <(vm_elf_libraries "$src")
}

# vm_install_tool ROOT SRC DEST: like vm_copy_elf, and points busybox applet
# links of the same name at the real tool so /sbin/ip and /usr/sbin/ip agree.
vm_install_tool() {
  local root=$1 src=$2 dest=$3 name dir
  local -a shadowed=()
  name=$(basename "$dest")
  for dir in bin sbin usr/bin usr/sbin; do
    if [[ -L $root/$dir/$name ]]; then
      rm -f "$root/$dir/$name"
      shadowed+=("$dir")
    fi
  done
  vm_copy_elf "$root" "$src" "$dest"
  for dir in "${shadowed[@]}"; do
    [[ -e $root/$dir/$name ]] || ln -s "$dest" "$root/$dir/$name"
  done
}

# kmod replaces busybox's module applets: the reference ipvsadm runs
# `modprobe -s -k -- ip_vs` when IPVS is missing, and only kmod honours -s
# (errors to syslog, not stderr) as on a real system.
vm_install_kmod() {
  local root=$1 name dir
  vm_copy_elf "$root" "$(command -v kmod)" /bin/kmod
  for name in modprobe insmod rmmod lsmod modinfo depmod; do
    for dir in bin sbin usr/bin usr/sbin; do
      rm -f "$root/$dir/$name"
    done
    ln -s /bin/kmod "$root/sbin/$name"
  done
}

vm_install_busybox() {
  local root=$1 busybox applet
  busybox=$(dpkg -L busybox-static | grep -m1 -E '/bin/busybox$')
  mkdir -p "$root/bin" "$root/sbin" "$root/usr/bin" "$root/usr/sbin"
  cp -L "$busybox" "$root/bin/busybox"
  # --list-full prints each applet's conventional path, e.g. usr/sbin/httpd.
  while read -r applet; do
    [[ -e $root/$applet || -L $root/$applet ]] || ln -s /bin/busybox "$root/$applet"
  done < <("$root/bin/busybox" --list-full)
}

# vm_module_paths KROOT KVER MOD: the .ko files MOD needs, in load order.
vm_module_paths() {
  modprobe -d "$1" -S "$2" --show-depends "$3" 2>/dev/null | awk '$1 == "insmod" { print $2 }'
}

# Copies the wanted modules (decompressed: busybox insmod may lack xz/zstd)
# and writes /etc/vm/modules.order, lines of "ipvs|base PATH".
vm_install_modules() {
  local root=$1 kroot=$2 kver=$3 mod path rel dest tag
  [[ -e $kroot/lib/modules/$kver/modules.dep ]] || depmod -b "$kroot" "$kver"
  local -A seen=()
  local -a order=()
  for mod in "${VM_MODULES[@]}"; do
    if ! modprobe -d "$kroot" -S "$kver" --show-depends "$mod" >/dev/null 2>&1; then
      vm_log "module $mod: not in this kernel, skipped"
      continue
    fi
    while read -r path; do
      [[ -n ${seen[$path]:-} ]] && continue
      seen[$path]=1
      order+=("$path")
    done < <(vm_module_paths "$kroot" "$kver" "$mod")
  done
  mkdir -p "$root/etc/vm"
  : >"$root/etc/vm/modules.order"
  for path in "${order[@]}"; do
    rel=${path#"$kroot"/}
    rel=${rel%.xz}; rel=${rel%.zst}; rel=${rel%.gz}
    dest=$root/$rel
    mkdir -p "$(dirname "$dest")"
    case $path in
      *.xz) xz -dc "$path" >"$dest" ;;
      *.zst) zstd -qdc "$path" >"$dest" ;;
      *.gz) gzip -dc "$path" >"$dest" ;;
      *) cp "$path" "$dest" ;;
    esac
    tag=base
    mod=$(basename "$rel" .ko)
    if [[ $mod == ip_vs* ]] || vm_module_paths "$kroot" "$kver" "$mod" | grep -q '/ip_vs\.ko'; then
      tag=ipvs
    fi
    printf '%s /%s\n' "$tag" "$rel" >>"$root/etc/vm/modules.order"
  done
  # So modprobe and modinfo work inside for the modules we shipped.
  cp "$kroot/lib/modules/$kver/modules.builtin"* "$root/lib/modules/$kver/" 2>/dev/null || true
  sed "s|^[a-z]* /lib/modules/$kver/||" "$root/etc/vm/modules.order" >"$root/lib/modules/$kver/modules.order"
  depmod -b "$root" "$kver"
  vm_depmod_without_ipvs "$root" "$kver"
}

# The module index of the tree minus the ipvs-tagged modules, for
# `run --no-ipvs` (init copies it over the full one).
vm_depmod_without_ipvs() {
  local root=$1 kver=$2 tmp=$VM_CACHE/.no-ipvs path
  rm -rf "$tmp" && mkdir -p "$tmp/lib/modules"
  cp -a "$root/lib/modules/$kver" "$tmp/lib/modules/"
  while read -r _ path; do rm -f "$tmp/$path"; done < <(grep '^ipvs ' "$root/etc/vm/modules.order")
  grep -v '^ipvs ' "$root/etc/vm/modules.order" | sed "s|^[a-z]* /lib/modules/$kver/||" \
    >"$tmp/lib/modules/$kver/modules.order"
  depmod -b "$tmp" "$kver"
  mkdir -p "$root/etc/vm/no-ipvs"
  cp "$tmp/lib/modules/$kver"/modules.* "$root/etc/vm/no-ipvs/"
  rm -rf "$tmp"
}

# The fixed name tables the VM tests rely on. Keep in sync with
# Tests/VM/README.md.
vm_install_etc() {
  local root=$1
  mkdir -p "$root/etc" "$root/root" "$root/var"
  ln -sfn ../run "$root/var/run" # iproute2 keeps namespaces in /var/run/netns
  cp /etc/services "$root/etc/services"
  [[ -e /etc/protocols ]] && cp /etc/protocols "$root/etc/protocols"
  cat >"$root/etc/hosts" <<'HOSTS'
# Fixed names for the VM tests (documented in Tests/VM/README.md).
127.0.0.1	localhost
::1	localhost ip6-localhost ip6-loopback
10.0.0.1	web.example.test web
10.0.0.2	rs1.example.test rs1
10.0.0.3	rs2.example.test rs2
10.0.0.4	rs3.example.test rs3
2001:db8::1	web6.example.test web6
2001:db8::2	rs6.example.test rs6
HOSTS
  cat >"$root/etc/nsswitch.conf" <<'NSS'
passwd: files
group: files
hosts: files
networks: files
protocols: files
services: files
NSS
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  : >"$root/etc/resolv.conf"
}

# vm_build_base OUT KROOT KVER IPVSADM_ROOT: the whole base initramfs.
vm_build_base() {
  local out=$1 kroot=$2 kver=$3 iroot=$4 tool
  local root=$VM_CACHE/.staging
  rm -rf "$root" && mkdir -p "$root"
  mkdir -p "$root"/{proc,sys,dev,tmp,run,mnt,usr/local/bin,usr/local/sbin}
  vm_install_busybox "$root"
  vm_install_kmod "$root"
  vm_install_tool "$root" "$iroot/sbin/ipvsadm" /sbin/ipvsadm
  for tool in "${VM_HOST_TOOLS[@]}"; do
    if [[ -x $tool ]]; then
      vm_install_tool "$root" "$tool" "$tool"
    else
      vm_log "host tool $tool missing, not copied"
    fi
  done
  # /bin/sh is dash, not busybox: busybox ash runs its own applets before
  # searching PATH, so `ip netns` would reach the limited busybox ip.
  ln -sfn /usr/bin/dash "$root/bin/sh"
  vm_install_modules "$root" "$kroot" "$kver"
  vm_install_etc "$root"
  cp "$VM_LIB_DIR/vm-init.sh" "$root/init"
  chmod 755 "$root/init"
  # Kept beside the archive: run skips libraries the base already holds, and
  # the module order is handy when reading a failure.
  (cd "$root" && find . -mindepth 1 ! -type d | sed "s|^\.||") >"$VM_CACHE/base.files"
  cp "$root/etc/vm/modules.order" "$VM_CACHE/modules.order"
  vm_pack_cpio "$root" "$out.tmp"
  mv "$out.tmp" "$out"
  rm -rf "$root"
}

# vm_pack_cpio DIR OUT: a gzip'd newc archive owned by root, sorted for
# reproducibility. The kernel unpacks concatenations of these in order.
vm_pack_cpio() {
  (cd "$1" && find . -mindepth 1 | LC_ALL=C sort |
    cpio -o -H newc -R 0:0 --quiet) | gzip -1 >"$2"
}
