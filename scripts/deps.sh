#!/bin/sh
# Install the Debian packages that building, running and testing bpfkern need,
# when one is missing: apt-get as root, else through sudo, else print the exact
# command and stop. Called first by `make run` and `make test`.
set -eu
PKGS="gcc make binutils clang llvm clang-format qemu-system-x86 grub-pc-bin grub-common \
xorriso mtools newlib-source libbpf-dev linux-libc-dev python3"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "deps: installing:$missing"
if [ "$(id -u)" = 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	SUDO="sudo"
else
	echo "deps: these Debian packages are missing:$missing" >&2
	echo "deps: install them with:" >&2
	echo "  sudo apt-get update && sudo apt-get install -y$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
