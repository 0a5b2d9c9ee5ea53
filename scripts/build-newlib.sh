#!/bin/sh
# Build newlib (C library for the kernel and ring-3 programs) once, from
# Debian's newlib-source, into $1 (an install prefix under build/).
# The result is reused by every later `make`; `make distclean` removes it.
# Usage: build-newlib.sh PREFIX [kernel|user]. "kernel" (the default) is
# the freestanding higher-half build (-mcmodel=kernel, no red zone); "user"
# is for ring-3 programs linked low (-mcmodel=small, build/newlib-user).
set -eu
prefix=$(realpath -m "$1")
mode=${2:-kernel}
src_tar=/usr/src/newlib/newlib-3.3.0.tar.xz
work=$(realpath -m "$prefix-work")
[ -f "$src_tar" ] || { echo "build-newlib: $src_tar missing (make deps installs newlib-source)" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work"
tar -C "$work" -xJf "$src_tar"
gccinc=$(gcc -print-file-name=include)
case $mode in
kernel) model="-mcmodel=kernel -mno-red-zone" ;;
user) model="-mcmodel=small" ;;
*) echo "build-newlib: unknown mode '$mode' (kernel or user)" >&2; exit 1 ;;
esac
cflags="-O2 -g $model -ffreestanding -fno-pic -fno-pie -fno-stack-protector \
-fno-omit-frame-pointer -nostdinc -isystem $gccinc -w"
mkdir -p "$work/build"
cd "$work/build"
../newlib-salsa/configure --target=x86_64-elf --prefix="$prefix" \
	--disable-multilib --disable-libgloss --disable-newlib-supplied-syscalls \
	--disable-newlib-multithread --enable-newlib-nano-formatted-io=no \
	CC_FOR_TARGET=gcc AR_FOR_TARGET=ar RANLIB_FOR_TARGET=ranlib \
	AS_FOR_TARGET=as LD_FOR_TARGET=ld NM_FOR_TARGET=nm \
	CFLAGS_FOR_TARGET="$cflags" >"$work/configure.log" 2>&1
make -j"$(nproc)" all-target-newlib >"$work/build.log" 2>&1
make install-target-newlib >"$work/install.log" 2>&1
rm -rf "$work"
echo "newlib installed in $prefix"
