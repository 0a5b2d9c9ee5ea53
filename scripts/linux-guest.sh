#!/bin/sh
# The Linux guest that make bench measures bpfkern against (issues 5 and 7):
# Debian 12's own kernel (linux-image-amd64's 6.1 image) and an initramfs
# whose /init is tools/linuxguest (static, glibc), with the virtio-net
# modules and their dependencies. Nothing is installed: the packages are
# fetched with `apt-get download` and unpacked with `dpkg-deb -x`.
#
# Usage: scripts/linux-guest.sh       (BUILD from the environment; default build)
# Result, cached in $BUILD/linux-guest/ (rebuilt when init or this script changes):
#   vmlinuz        the kernel (boot it with -kernel, console=ttyS0)
#   initramfs.gz   cpio newc, gzip: /init, /modules/NN-NAME.ko (load order), /dev/console,
#                  /firewall.bpf.o (from $BUILD/progs, when it is built)
#   version        the Debian package it came from
# With LINUX_GUEST_BUSYBOX=1, busybox-static's /bin/busybox is added (bench=shell).
# Exit status 0 when both files exist; otherwise 1 and one line on stderr saying why.
set -eu
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
out=$BUILD/linux-guest
init=$out/init
fwobj=$BUILD/progs/firewall.bpf.o
# virtio-net, the PCI transport, the bridge; every dependency is found from .modinfo.
WANT="virtio_pci virtio_net bridge"

fail() {
	echo "linux-guest: $*" >&2
	exit 1
}

make -s "BUILD=$BUILD" "$init" >/dev/null || fail "cannot build $init"
[ -f "$fwobj" ] || make -s "BUILD=$BUILD" "$fwobj" >/dev/null 2>&1 || true
if [ -s "$out/vmlinuz" ] && [ -s "$out/initramfs.gz" ] && [ "$out/initramfs.gz" -nt "$init" ] &&
	[ "$out/initramfs.gz" -nt "$0" ] && { [ ! -f "$fwobj" ] || [ "$out/initramfs.gz" -nt "$fwobj" ]; }; then
	exit 0
fi
mkdir -p "$out/debs"

# The versioned image package linux-image-amd64 depends on (linux-image-6.1.0-N-amd64).
pkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
	awk '$1 == "Depends:" && $2 ~ /^linux-image-[0-9]/ { print $2; exit }')
[ -n "$pkg" ] || fail "apt-cache cannot resolve linux-image-amd64 (no Debian package lists?)"
pkgs="$pkg"
[ "${LINUX_GUEST_BUSYBOX:-0}" = 0 ] || pkgs="$pkgs busybox-static"
for p in $pkgs; do
	ls "$out/debs/${p}_"*.deb >/dev/null 2>&1 && continue
	(cd "$out/debs" && apt-get download "$p" >download.log 2>&1) ||
		fail "apt-get download $p failed (no network?): $(tail -n 1 "$out/debs/download.log")"
done
rm -rf "$out/root"
mkdir -p "$out/root"
for deb in "$out"/debs/*.deb; do
	case $deb in
	*busybox*) [ "${LINUX_GUEST_BUSYBOX:-0}" != 0 ] || continue ;;
	esac
	dpkg-deb -x "$deb" "$out/root"
done
cp "$out/root"/boot/vmlinuz-* "$out/vmlinuz"
echo "$pkg $(ls "$out"/debs/"$pkg"_*.deb | sed 's|.*_\(.*\)_.*|\1|')" >"$out/version"

# Modules: WANT and their depends= (from each .ko's .modinfo), dependencies
# first, as /modules/NN-NAME.ko; .ko.xz/.ko.zst are decompressed on the host.
# Built-in ones (modules.builtin) need nothing.
moddir=$(ls -d "$out"/root/lib/modules/* | head -n 1)
rm -rf "$out/initramfs" && mkdir -p "$out/initramfs/modules"
python3 - "$moddir" "$out/initramfs/modules" $WANT <<'PY' || fail "module dependencies: see above"
import os, struct, subprocess, sys

moddir, dest, want = sys.argv[1], sys.argv[2], sys.argv[3:]
paths = {}
for top, _, files in os.walk(os.path.join(moddir, "kernel")):
    for f in files:
        if ".ko" in f:
            paths[f.split(".ko")[0].replace("-", "_")] = os.path.join(top, f)
builtin = open(os.path.join(moddir, "modules.builtin")).read().replace("-", "_")
order = []


def content(path):
    """The module's ELF, decompressed on the host when shipped compressed."""
    if path.endswith(".xz"):
        return subprocess.run(["xz", "-dc", path], check=True, capture_output=True).stdout
    if path.endswith(".zst"):
        return subprocess.run(["zstd", "-qdc", path], check=True, capture_output=True).stdout
    return open(path, "rb").read()


def depends(elf):
    """The depends= list of the module's .modinfo section (ELF64 little-endian)."""
    shoff, = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", elf, 0x3A)
    sections = [struct.unpack_from("<IIQQQQ", elf, shoff + i * shentsize) for i in range(shnum)]
    strtab = sections[shstrndx][4]
    for name, _, _, _, offset, size in sections:
        if elf[strtab + name:].startswith(b".modinfo\0"):
            for field in elf[offset:offset + size].split(b"\0"):
                if field.startswith(b"depends="):
                    return [d for d in field[8:].decode().split(",") if d]
    return []


def add(name):
    name = name.replace("-", "_")
    if name in [n for n, _ in order] or "/%s.ko" % name in builtin:
        return
    if name not in paths:
        sys.exit("linux-guest: module %s is not in the package" % name)
    elf = content(paths[name])
    for d in depends(elf):
        add(d)
    order.append((name, elf))


for w in want:
    add(w)
for i, (name, elf) in enumerate(order):
    with open(os.path.join(dest, "%02d-%s.ko" % (i + 1, name)), "wb") as f:
        f.write(elf)
PY
cp "$init" "$out/initramfs/init"
[ ! -f "$fwobj" ] || cp "$fwobj" "$out/initramfs/firewall.bpf.o"
[ "${LINUX_GUEST_BUSYBOX:-0}" = 0 ] || install -D "$out/root/bin/busybox" \
	"$out/initramfs/bin/busybox"

# cpio newc by hand (no root needed for /dev/console), gzip without a timestamp.
python3 - "$out/initramfs" "$out/initramfs.gz" <<'PY'
import gzip, os, stat, sys

src, dst = sys.argv[1], sys.argv[2]
out, ino = [], [1]

def entry(name, mode, data=b"", rdev=(0, 0)):
    name = name.encode() + b"\0"
    hdr = b"070701" + b"".join(b"%08X" % v for v in (
        ino[0], mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1], len(name), 0))
    ino[0] += 1
    rec = hdr + name
    rec += b"\0" * (-len(rec) % 4) + data
    out.append(rec + b"\0" * (-len(rec) % 4))

entry("dev", stat.S_IFDIR | 0o755)
entry("dev/console", stat.S_IFCHR | 0o600, rdev=(5, 1))
for top, dirs, files in os.walk(src):
    dirs.sort()
    for d in dirs:
        entry(os.path.relpath(os.path.join(top, d), src), stat.S_IFDIR | 0o755)
    for f in sorted(files):
        p = os.path.join(top, f)
        with open(p, "rb") as fh:
            entry(os.path.relpath(p, src), stat.S_IFREG | (os.stat(p).st_mode & 0o777), fh.read())
entry("TRAILER!!!", 0)
with open(dst, "wb") as fh:
    fh.write(gzip.compress(b"".join(out), 9, mtime=0))
PY
rm -rf "$out/root"
echo "linux-guest: $(cat "$out/version"), modules: $(ls "$out/initramfs/modules" | tr '\n' ' ')"
