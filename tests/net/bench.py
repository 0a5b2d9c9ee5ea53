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
ROUNDS = int(os.environ.get("NET_BENCH_ROUNDS", "3"))
MEM = {"ours": os.environ.get("NET_BENCH_MEM", "16M"),
       "linux": os.environ.get("LINUX_GUEST_MEM", "256M")}
BASELINE = "linux-6.1-guest"
WINDOW = 256
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

    def __init__(self, kind, args, name, mem=None):
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


def guest_lines(kind, args, name):
    """Boot ROUNDS times for a bench mode that prints "bench NAME VALUE" lines
    and ends; returns {NAME: the median VALUE, or the text of the last line
    when it is not a number (a reason)}."""
    seen = {}
    for _ in range(ROUNDS):
        vm = Vm(kind, args, name)
        vm.wait_for(DONE[kind], timeout=180)
        vm.stop()
        for m in re.finditer(r"^bench (\S+) (.*)$", vm.text(), re.M):
            seen.setdefault(m.group(1), []).append(m.group(2).strip())
    out = {}
    for key, values in seen.items():
        nums = [float(v) for v in values if re.fullmatch(r"[0-9.]+", v)]
        out[key] = "%.0f" % statistics.median(nums) if nums else values[-1]
    return out


def drain(sock):
    n = 0
    while True:
        try:
            sock.recv(65536, socket.MSG_DONTWAIT)
        except BlockingIOError:
            return n
        n += 1


def window_rate(vm, frames, stride, out_port):
    """Frames/s into port 0 over SECONDS, at most WINDOW unconfirmed in flight.
    A frame counts when its output (1 per stride) comes back; after 0.2 s with
    nothing back, the frames in flight are written off (lost) and sending resumes
    (at most 10 times). Returns (frames/s, how many times that happened)."""
    sock = vm.listeners[out_port]
    sent = back = stalls = 0
    start = time.time()
    while time.time() - start < SECONDS and stalls < 10:
        while sent - back * stride < WINDOW:
            vm.send(0, frames[sent % len(frames)])
            sent += 1
        if not select.select([sock], [], [], 0.2)[0]:
            stalls += 1
            sent = back * stride
            continue
        back += drain(sock)
    return back * stride / (time.time() - start), stalls


# (row name, our command line, the Linux guest's bench mode, stride, output port)
E2E = [("xdp_drop", "xdp=demux", "xdp:drop", 64, 0),
       ("xdp_tx", "xdp=tx", "xdp:tx", 1, 0),
       ("firewall", None, None, 1, 0),
       ("bridge", "xdp=pass", None, 1, 1)]
FIREWALL_WHY = ("the firewall with 10,000 prefixes needs progs/firewall.bpf.o on both guests "
                "(ours: C's xdp=eth0:firewall.bpf.o:xdp_firewall boot path and an init.rc "
                "of map updates): not wired yet")


def e2e(kind, args, stride, out_port):
    """(median frames/s, stalls) of ROUNDS boots, one SECONDS window each (a
    fresh boot per round: a guest that wedges under load spoils one round, not
    all); frames/s None when nothing came back."""
    if stride == 1:
        frames = [nettest.frame(i, 64) for i in range(64)]
    else:
        frames = [nettest.frame(i, 64, 3 if i % stride == stride - 1 else 1)
                  for i in range(stride * 4)]
    rates, stalls = [], 0
    for _ in range(ROUNDS):
        vm = Vm(kind, args + (" netwait=4000000000" if kind == "ours" else ""), "e2e")
        if vm.wait_for("net: ready"):
            rate, n = window_rate(vm, frames, stride, out_port)
            rates.append(rate)
            stalls += n
        else:
            print("  %s %s: no 'net: ready' (see %s)" % (kind, args, vm.log))
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
    ours = guest_lines("ours", "utest=b_live", "live")
    lin = guest_lines("linux", "live", "live") if have_linux else {}
    for prog in ("drop", "tx", "firewall"):
        key = "live_%s_fps" % prog
        why = ""
        if number(ours, key) is None:
            why = "ours: " + (ours.get(key) or "no line from b_live")
        if prog == "firewall":
            why = FIREWALL_WHY
        t.add("live_xdp_%s_fps" % prog, number(ours, key), number(lin, key), "frames/s", why)
    t.write()


def bench_net(have_linux):
    """End-to-end frames/s, boot to the first reflected frame, smallest -m."""
    t = Table("packets end to end")
    for name, ours_args, linux_args, stride, out_port in E2E:
        if ours_args is None:
            t.add("net_e2e_%s_fps" % name, None, None, "frames/s", FIREWALL_WHY)
            continue
        ours, ours_stalls = e2e("ours", ours_args, stride, out_port)
        lin, lin_stalls = (e2e("linux", linux_args, stride, out_port)
                           if have_linux and linux_args else (None, 0))
        why = ""
        if ours_stalls or lin_stalls:
            why = "stalls (0.2 s with nothing back): ours %d, linux %d" % (ours_stalls, lin_stalls)
        t.add("net_e2e_%s_fps" % name, ours, lin, "frames/s", why)
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
    ours = smallest_mem("ours", 2, 64, 1)
    lin = smallest_mem("linux", 32, 512, 8) if have_linux else None
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
