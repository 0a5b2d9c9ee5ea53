#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""make bench, the guest rows: bpfkern beside a Linux guest (Debian 12's 6.1
kernel, scripts/linux-guest.sh) under the same QEMU, with the same flags
(-cpu max, one CPU, TCG, two virtio-net ports on datagram netdevs) and the
same traffic generator, in the same run. Only -m and the boot files differ.

  bench.py guest   (scripts/bench-guest.sh)
      syscall   getpid and bpf(MAP_LOOKUP_ELEM) round trips in guest TSC
                cycles (ours: tests/user/b_syscall, Linux: bench=syscall)
      live      BPF_PROG_TEST_RUN with BPF_F_TEST_XDP_LIVE_FRAMES, frames/s
                (ours: tests/user/b_live, Linux: bench=live)
  bench.py net     (scripts/bench-net.sh)
      end to end frames/s (UDP -> datagram netdev -> virtio-net -> XDP ->
                virtio-net -> UDP) with a window of frames in flight:
        xdp_drop  demux program: 63 of 64 frames say XDP_DROP, every 64th
                  XDP_TX (the probe that tells the sender the 64 were consumed)
        xdp_tx    every frame reflected with its MACs swapped
        firewall  progs/firewall.bpf.o with 10,000 deny prefixes (n/a until
                  both guests can load it)
        bridge    ours only: XDP_PASS forwards to the other port
      boot      QEMU start to userspace and to the first frame the XDP_TX
                program reflects (a frame sent every millisecond from the start)
      memory    the smallest -m (MiB) with which the guest reflects a frame

Each figure is the median of ROUNDS; rows are appended to build/bench.tsv
(name, ours, baseline, baseline_value, unit, ratio = ours / baseline).
Timings are measurements, never assertions: nothing here fails a build.
"""
import os
import re
import select
import socket
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nettest  # noqa: E402

BUILD = os.environ.get("BUILD", "build")
KERNEL = os.environ.get("KERNEL", os.path.join(BUILD, "bpfkern.bin"))
LOGS = os.environ.get("LOGS", os.path.join(BUILD, "test-logs"))
LINUX = os.path.join(BUILD, "linux-guest")
LINUX_WHY = os.environ.get("LINUX_GUEST_WHY", "")  # why the Linux guest is missing, if it is
SECONDS = float(os.environ.get("NET_BENCH_SECONDS", "3"))
KINDS = os.environ.get("NET_BENCH_KINDS", "ours,linux").split(",")  # which guests to boot
ROUNDS = int(os.environ.get("NET_BENCH_ROUNDS", "3"))
MEM = {"ours": os.environ.get("NET_BENCH_MEM", "16M"),
       "linux": os.environ.get("LINUX_GUEST_MEM", "256M")}
BASELINE = "linux-6.1-guest"
# Frames in flight: 256 64-byte datagrams fill a default socket receive buffer
# (208 KiB) exactly, and QEMU's overflowed now and then, losing frames.
WINDOW = 224
# The text each guest prints when it reaches user space, and when a bench mode is over.
USERSPACE = {"ours": "init: hello from ring 3", "linux": "guest: userspace"}
DONE = {"ours": "init: exit status", "linux": "guest: done"}


def linux_ready():
    """Whether the Linux guest's kernel and initramfs are built; else set the reason."""
    global LINUX_WHY
    if all(os.path.exists(os.path.join(LINUX, f)) for f in ("vmlinuz", "initramfs.gz")):
        return True
    LINUX_WHY = LINUX_WHY or "no %s/vmlinuz (scripts/linux-guest.sh)" % LINUX
    return False


class Vm:
    """One boot of a guest ("ours" or "linux") with two ports at UDP base..base+3;
    args is our kernel command line or the Linux guest's bench= mode."""

    def __init__(self, kind, args, name, mem=None, initrd=None):
        self.kind = kind
        self.base = nettest.pick_ports()
        self.log = os.path.join(LOGS, "bench-%s-%s.log" % (kind, name))
        open(self.log, "w").close()  # no stale "net: ready"
        self.listeners = []
        for port in (self.base + 1, self.base + 3):
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
            s.bind((nettest.HOST, port))
            self.listeners.append(s)
        self.tx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        cmd = ["qemu-system-x86_64", "-cpu", "max", "-smp", "1", "-m", mem or MEM[kind],
               "-display", "none", "-no-reboot", "-monitor", "none",
               "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", "-serial", "file:" + self.log]
        for i in range(2):
            local, remote = self.base + 2 * i, self.base + 2 * i + 1
            cmd += ["-netdev", "dgram,id=n%d,local.type=inet,local.host=%s,local.port=%d,"
                    "remote.type=inet,remote.host=%s,remote.port=%d" %
                    (i, nettest.HOST, local, nettest.HOST, remote),
                    "-device", "virtio-net-pci,netdev=n%d,disable-legacy=on" % i]
        if kind == "ours":
            cmd += ["-kernel", KERNEL, "-append", args]
            if initrd:
                cmd += ["-initrd", ",".join(initrd)]
        else:
            cmd += ["-kernel", os.path.join(LINUX, "vmlinuz"),
                    "-initrd", os.path.join(LINUX, "initramfs.gz"),
                    "-append", "console=ttyS0 quiet panic=-1 ipv6.disable=1 bench=" + args]
        self.start = time.time()
        self.qemu = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)

    def text(self):
        with open(self.log, errors="replace") as f:
            return f.read().replace("\r", "")

    def wait_for(self, what, timeout=90):
        """Whether the console printed what within timeout seconds (False if QEMU exits)."""
        end = time.time() + timeout
        while time.time() < end:
            if what in self.text():
                return True
            if self.qemu.poll() is not None:
                return what in self.text()
            time.sleep(0.05)
        return False

    def send(self, port, data):
        self.tx.sendto(data, (nettest.HOST, self.base + 2 * port))

    def stop(self):
        self.qemu.kill()
        self.qemu.wait()
        for s in self.listeners + [self.tx]:
            s.close()


def guest_lines(kind, args, name, initrd=None):
    """Boot ROUNDS times for a bench mode that prints "bench NAME VALUE" lines
    and ends; returns {NAME: the median VALUE, or the text of the last line
    when it is not a number (a reason)}."""
    seen = {}
    for _ in range(ROUNDS):
        vm = Vm(kind, args, name, None, initrd)
        vm.wait_for(DONE[kind], timeout=180)
        vm.stop()
        for m in re.finditer(r"^bench (\S+) (.*)$", vm.text(), re.M):
            seen.setdefault(m.group(1), []).append(m.group(2).strip())
    out = {}
    for key, values in seen.items():
        nums = [float(v) for v in values if re.fullmatch(r"[0-9.]+", v)]
        out[key] = "%.0f" % statistics.median(nums) if nums else values[-1]
    return out


GEN = os.path.join(BUILD, "tools", "nettool_gen")


def window_rate(vm, frames, stride, out_port):
    """Frames/s into port 0 over SECONDS, at most WINDOW unconfirmed in flight,
    driven by tools/nettool_gen.c (sendmmsg/recvmmsg; the same for both guests).
    A frame counts when its output (1 per stride) comes back; after 0.2 s with
    nothing back, the frames in flight are written off (lost) and sending resumes
    (at most 10 times). Returns (frames/s, how many times that happened)."""
    sock = vm.listeners[out_port]
    cmd = [GEN, "--to", str(vm.base), "--fd", str(sock.fileno()), "--seconds", str(SECONDS),
           "--stride", str(stride), "--window", str(WINDOW)]
    out = subprocess.run(cmd, input="".join(f.hex() + "\n" for f in frames), text=True,
                         capture_output=True, pass_fds=[sock.fileno()]).stdout
    m = re.search(r"rate (\d+) stalls (\d+)", out)
    if not m:
        print("  %s: no result line: %r" % (GEN, out))
        return 0, 0
    return float(m.group(1)), int(m.group(2))


FW_OBJECT = os.path.join(BUILD, "progs", "firewall.bpf.o")
FW_PREFIXES = 10000  # tools/linuxguest/firewall.h FW_BENCH_PREFIXES: the same list
FW_SRC = bytes([198, 51, 100, 7])  # in none of the deny prefixes


def fw_prefix(i):
    """The i-th deny prefix, as tools/linuxguest/firewall.c writes them: 172.(16 + i/256).(i%256).0/24."""
    return bytes([172, 16 + (i >> 8), i & 255, 0])


def fw_rc():
    """An init.rc for our console: FW_PREFIXES map updates into deny_v4; its path
    (the module's file name is what init looks for in /boot)."""
    os.makedirs(os.path.join(LOGS, "bench-fw"), exist_ok=True)
    path = os.path.join(LOGS, "bench-fw", "init.rc")
    with open(path, "w") as f:
        for i in range(FW_PREFIXES):
            f.write("map update name deny_v4 key 24 0 0 0 %s value 0 0 0 0 0 0 0 0\n" %
                    " ".join(str(b) for b in fw_prefix(i)))
    return path


class Case:
    """One end-to-end case: how each guest boots for it, the frames, the output port."""

    def __init__(self, name, ours, linux, stride=1, out_port=0, frames=None):
        self.name, self.ours, self.linux = name, ours, linux
        self.stride, self.out_port = stride, out_port
        if frames:
            self.frames = frames
        elif stride == 1:
            self.frames = [nettest.frame(i, 64) for i in range(64)]
        else:
            self.frames = [nettest.frame(i, 64, 3 if i % stride == stride - 1 else 1)
                           for i in range(stride * 4)]

    def boot(self, kind):
        """The guest booted for this case, once it is ready for frames; None (reported) if not."""
        initrd, ready = None, "net: ready"
        if kind == "linux":
            args = self.linux
        elif self.name == "firewall":
            # C's boot path: init loads the object and attaches it, then runs init.rc.
            args, initrd = "xdp=eth0:firewall.bpf.o:xdp_firewall", [FW_OBJECT, fw_rc()]
            ready = "key 24 0 0 0 %s value" % " ".join(str(b) for b in fw_prefix(FW_PREFIXES - 1))
        else:
            args = self.ours + " netwait=4000000000"
        vm = Vm(kind, args, "e2e-" + self.name, "32M" if initrd else None, initrd)
        ok = vm.wait_for(ready, timeout=180)
        end = time.time() + 30
        while ok and initrd:  # the console's banner after the last update: init.rc is done
            text = vm.text()
            if text.rfind("Type 'help' for commands.") > text.rfind(ready):
                break
            ok = time.time() < end and vm.qemu.poll() is None
            time.sleep(0.05)
        if not ok:
            print("  %s %s: not ready (see %s)" % (kind, args, vm.log))
            vm.stop()
            return None
        return vm


CASES = [Case("xdp_drop", "xdp=demux", "xdp:drop", stride=64),
         Case("xdp_tx", "xdp=tx", "xdp:tx"),
         Case("firewall", None, "xdp:firewall", out_port=1,
              frames=[nettest.fw_v4(FW_SRC, i) for i in range(64)]),
         Case("bridge", "xdp=pass", "xdp:pass", out_port=1)]


def e2e(kind, case):
    """(median frames/s, stalls) of ROUNDS boots, one SECONDS window each (a
    fresh boot per round: a guest that wedges under load spoils one round, not
    all); frames/s None when nothing came back."""
    rates, stalls = [], 0
    for _ in range(ROUNDS):
        vm = case.boot(kind)
        if vm:
            rate, n = window_rate(vm, case.frames, case.stride, case.out_port)
            rates.append(rate)
            stalls += n
            vm.stop()
    return (statistics.median(rates) if any(rates) else None), stalls


def first_reflection(kind, mem=None, timeout=60):
    """Boot with the XDP_TX program, a frame into port 0 every millisecond from
    the start: (seconds to userspace, seconds to the first reflected frame,
    whether the guest was still up (no kernel panic) a second after it);
    the times None when they did not happen within timeout."""
    vm = Vm(kind, "xdp=tx" if kind == "ours" else "xdp:tx", "boot", mem)
    sock, seq, user, took = vm.listeners[0], 0, None, None
    while took is None and time.time() - vm.start < timeout and vm.qemu.poll() is None:
        vm.send(0, nettest.frame(seq, 64))
        seq += 1
        if seq % 20 == 0:
            text = vm.text()
            if user is None and USERSPACE[kind] in text:
                user = time.time() - vm.start
            if "Kernel panic" in text:
                break
        if select.select([sock], [], [], 0.001)[0]:
            if sock.recv(65536)[:6] == nettest.SRC:  # reflected: the MACs swapped
                took = time.time() - vm.start
    settle = time.time() + (1 if took is not None else 0)
    while time.time() < settle:  # userspace may come after the first frame; a panic too
        if user is None and USERSPACE[kind] in vm.text():
            user = time.time() - vm.start
        time.sleep(0.005)
    alive = took is not None and vm.qemu.poll() is None and "Kernel panic" not in vm.text()
    vm.stop()
    return user, took, alive


def runs_with(kind, mib):
    """Whether the guest, given -m MIB, reaches user space, reflects a frame and stays up."""
    user, _, alive = first_reflection(kind, "%dM" % mib, 20 if kind == "ours" else 90)
    return user is not None and alive


def smallest_mem(kind, lo, hi, step):
    """The smallest -m (MiB, lo + a multiple of step, at most hi) with which the
    guest runs the appliance (runs_with); None when even hi does not."""
    if not runs_with(kind, hi):
        return None
    while hi - lo > step:  # invariant: hi runs; lo does not (or is the untried floor)
        mid = lo + (hi - lo) // 2 // step * step
        if runs_with(kind, mid):
            hi = mid
        else:
            lo = mid
    return lo if lo < hi and runs_with(kind, lo) else hi


def bracketed_mem(kind, narrow, wide, step):
    """smallest_mem in the narrow bracket around what the guest needed when
    measured (15 and 88 MiB), or in the wide one when the answer is not inside."""
    mib = smallest_mem(kind, narrow[0], narrow[1], step)
    if mib is None or mib == narrow[0]:
        mib = smallest_mem(kind, wide[0], wide[1], step)
    return mib


class Table:
    """Rows printed as they come and kept for build/bench.tsv."""

    def __init__(self, title):
        self.rows = []
        print("%-34s %12s %12s %7s" % (title, "ours", BASELINE, "ratio"))

    def add(self, name, ours, linux, unit, why=""):
        fmt = lambda v: "n/a" if v is None else "%.0f" % v  # noqa: E731
        ratio = "%.3f" % (ours / linux) if ours is not None and linux else ""
        print("%-34s %12s %12s %7s %s" % (name + " (" + unit + ")", fmt(ours), fmt(linux),
                                          ratio or "-", ("  " + why) if why else ""))
        if ours is not None:
            self.rows.append("%s\t%.0f\t%s\t%s\t%s\t%s\n" % (
                name, ours, BASELINE if linux else "none", fmt(linux) if linux else "", unit,
                ratio))

    def write(self):
        tsv = os.path.join(BUILD, "bench.tsv")
        new = not os.path.exists(tsv) or os.path.getsize(tsv) == 0
        with open(tsv, "a") as f:
            if new:
                f.write("name\tours\tbaseline\tbaseline_value\tunit\tratio\n")
            f.writelines(self.rows)


def number(lines, key):
    try:
        return float(lines.get(key, "").split()[0])
    except (ValueError, IndexError):
        return None


def bench_guest(have_linux):
    """Syscall round trips and live frames, ours beside the Linux guest."""
    t = Table("guest (median of each guest's own runs)")
    ours = guest_lines("ours", "utest=b_syscall", "syscall")
    lin = guest_lines("linux", "syscall", "syscall") if have_linux else {}
    for key in ("getpid_cycles", "bpf_map_lookup_cycles"):
        t.add("syscall_" + key, number(ours, key), number(lin, key), "cycles")
    # b_live loads /boot/firewall.bpf.o (a boot module) itself when it is there.
    ours = guest_lines("ours", "utest=b_live", "live",
                       [FW_OBJECT] if os.path.exists(FW_OBJECT) else None)
    lin = guest_lines("linux", "live", "live") if have_linux else {}
    for prog in ("drop", "tx", "pass", "firewall"):
        key = "live_%s_fps" % prog
        why = ""
        if number(ours, key) is None:
            why = "ours: " + (ours.get(key) or "no line from b_live")
        if number(lin, key) is None and have_linux:
            why += " linux: " + (lin.get(key) or "no line (see the bench-linux-live log)")
        t.add("live_xdp_%s_fps" % prog, number(ours, key), number(lin, key), "frames/s", why)
    t.write()


def bench_net(have_linux):
    """End-to-end frames/s, boot to the first reflected frame, smallest -m."""
    t = Table("packets end to end")
    only = os.environ.get("NET_BENCH_CASES")  # e.g. "xdp_drop,xdp_tx": just those, no boot rows
    for case in CASES:
        if only and case.name not in only.split(","):
            continue
        why = ""
        if case.name == "firewall" and not os.path.exists(FW_OBJECT):
            t.add("net_e2e_firewall_fps", None, None, "frames/s", "%s not built" % FW_OBJECT)
            continue
        ours, ours_stalls = e2e("ours", case) if "ours" in KINDS else (None, 0)
        lin, lin_stalls = e2e("linux", case) if have_linux and "linux" in KINDS else (None, 0)
        if ours_stalls or lin_stalls:
            why = "stalls (0.2 s with nothing back): ours %d, linux %d" % (ours_stalls, lin_stalls)
        t.add("net_e2e_%s_fps" % case.name, ours, lin, "frames/s", why)
    if only:
        t.write()
        return
    boots = {"ours": [], "linux": []}
    for kind in boots:
        if kind == "linux" and not have_linux:
            continue
        boots[kind] = [first_reflection(kind) for _ in range(ROUNDS)]

    def med(kind, i):
        v = [b[i] for b in boots[kind] if b[i] is not None]
        return statistics.median(v) * 1000 if v else None
    t.add("net_boot_to_userspace_ms", med("ours", 0), med("linux", 0), "ms")
    t.add("net_boot_to_first_forwarded_frame_ms", med("ours", 1), med("linux", 1), "ms")
    ours = bracketed_mem("ours", (8, 24), (2, 128), 1)
    lin = bracketed_mem("linux", (64, 128), (32, 1024), 8) if have_linux else None
    t.add("net_smallest_mem_mib", ours, lin, "MiB")
    t.write()


def main():
    os.makedirs(LOGS, exist_ok=True)
    have_linux = linux_ready()
    if not have_linux:
        print("Linux guest: n/a (%s)" % LINUX_WHY)
    if len(sys.argv) > 1 and sys.argv[1] == "guest":
        bench_guest(have_linux)
    else:
        bench_net(have_linux)
    return 0


if __name__ == "__main__":
    sys.exit(main())
