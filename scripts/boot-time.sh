#!/bin/sh
# Measure the wall time from starting QEMU to the kernel's "bpfkern: ready"
# line, for both boot paths (-kernel build/bpfkern.bin: multiboot1; the GRUB
# ISO: multiboot2), as the median of N runs. A measurement, not a test.
# Usage: scripts/boot-time.sh [RUNS]   (BUILD, QEMU_MEM from the environment)
# Output: one line per path, "boot-<path>-to-ready<TAB>seconds<TAB>runs".
set -eu
cd "$(dirname "$0")/.." || exit 1
exec python3 - "${BUILD:-build}" "${1:-7}" "${QEMU_MEM:-128M}" <<'PY'
import statistics, subprocess, sys, time

build, runs, mem = sys.argv[1], int(sys.argv[2]), sys.argv[3]
base = ["qemu-system-x86_64", "-cpu", "max", "-m", mem, "-display", "none",
        "-no-reboot", "-monitor", "none", "-serial", "stdio"]

def once(args):
    start = time.monotonic()
    p = subprocess.Popen(base + args, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
    seen, took = b"", None
    while took is None:
        chunk = p.stdout.read1(4096)
        if not chunk:
            break
        seen += chunk
        if b"bpfkern: ready" in seen:
            took = time.monotonic() - start
    p.kill()
    p.wait()
    return took

for name, args in (("mb1", ["-kernel", build + "/bpfkern.bin"]),
                   ("mb2", ["-cdrom", build + "/bpfkern.iso"])):
    times = [t for t in (once(args) for _ in range(runs)) if t is not None]
    if not times:
        print("boot-%s-to-ready\tfailed\t0" % name)
        continue
    print("boot-%s-to-ready\t%.3f\t%d" % (name, statistics.median(times), len(times)))
PY
