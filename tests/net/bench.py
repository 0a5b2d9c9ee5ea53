#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""make bench, packet rows: frames per second through the appliance end to
end (UDP -> QEMU datagram netdev -> virtio-net -> XDP -> virtio-net -> UDP),
under TCG, with a window of frames in flight so loopback never drops any.

  xdp_drop  demux program: 63 of 64 frames say XDP_DROP, every 64th says
            XDP_TX (the probe that tells the sender the 64 were consumed)
  xdp_tx    tx program: every frame reflected with its MACs swapped
  bridge    pass program: every frame forwarded to the other port

Each is measured ROUNDS times for SECONDS; the median is printed and appended
to build/bench.tsv. The baseline column is the Linux 6.1 guest figure the
issue recorded on these machines (not measured in this run: no Linux guest
image is built here yet), so the ratio is indicative only. Last, the time from
starting QEMU to the first frame the bridge forwards (QEMU's own start-up
included), beside the Linux guest's recorded boot to userspace.
"""
import os
import select
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nettest  # noqa: E402

SECONDS = float(os.environ.get("NET_BENCH_SECONDS", "3"))
ROUNDS = int(os.environ.get("NET_BENCH_ROUNDS", "3"))
WINDOW = 256
# (name, program, stride: one output frame per stride inputs, output port, recorded Linux fps)
CASES = [("xdp_drop", "demux", 64, 0, 73000), ("xdp_tx", "tx", 1, 0, 41000),
         ("bridge", "pass", 1, 1, None)]


class Args:
    kernel = os.environ.get("KERNEL", "build/bpfkern.bin")
    logs = os.environ.get("LOGS", "build/test-logs")
    timeout = 60


def one_round(prog, stride, out_port):
    g = nettest.Guest(Args, "bench-" + prog, "xdp=%s netwait=4000000000" % prog)
    if not g.wait_ready():
        g.qemu.kill()
        return None
    frames = [nettest.frame(i, 64, 3 if (i % stride) == stride - 1 else 1)
              for i in range(stride * 4)]
    if stride == 1:
        frames = [nettest.frame(i, 64) for i in range(64)]
    sock = g.listeners[out_port]
    sent = back = 0
    start = time.time()
    while time.time() - start < SECONDS:
        while sent - back * stride < WINDOW:
            g.send(0, frames[sent % len(frames)])
            sent += 1
        ready, _, _ = select.select([sock], [], [], 1.0)
        if not ready:
            break  # a stall: report what got through
        while True:
            try:
                sock.recv(65536, os.MSG_DONTWAIT if hasattr(os, "MSG_DONTWAIT") else 0x40)
            except BlockingIOError:
                break
            back += 1
    elapsed = time.time() - start
    g.qemu.kill()
    g.qemu.wait()
    for s in g.listeners + [g.tx]:
        s.close()
    return back * stride / elapsed


def boot_to_first_frame():
    """Seconds from starting QEMU (-kernel) to the first frame forwarded by the bridge,
    a frame sent into port 0 every millisecond from the start."""
    t0 = time.time()
    g = nettest.Guest(Args, "bench-boot", "xdp=pass netwait=4000000000")
    sock = g.listeners[1]
    seq = 0
    took = None
    while time.time() - t0 < 30:
        g.send(0, nettest.frame(seq, 64))
        seq += 1
        ready, _, _ = select.select([sock], [], [], 0.001)
        if ready:
            took = time.time() - t0
            break
    g.qemu.kill()
    g.qemu.wait()
    for s in g.listeners + [g.tx]:
        s.close()
    return took


def main():
    os.makedirs(Args.logs, exist_ok=True)
    tsv = os.path.join(os.path.dirname(Args.kernel) or ".", "bench.tsv")
    new = not os.path.exists(tsv) or os.path.getsize(tsv) == 0
    rows = []
    print("%-22s %12s %12s %7s" % ("packets (frames/s)", "ours", "linux-6.1*", "ratio"))
    for name, prog, stride, out_port, linux in CASES:
        rates = [r for r in (one_round(prog, stride, out_port) for _ in range(ROUNDS)) if r]
        if not rates:
            print("%-22s %12s" % (name, "failed"))
            continue
        fps = statistics.median(rates)
        ratio = "%.2f" % (fps / linux) if linux else "-"
        print("%-22s %12.0f %12s %7s" % (name, fps, linux or "-", ratio))
        # frames/s: higher is better, so the ratio is ours / baseline as DESIGN.md asks.
        rows.append("net_e2e_%s_fps\t%.0f\t%s\t%s\tframes/s\t%s\n" %
                    (name, fps, "linux-6.1-guest-recorded" if linux else "none",
                     linux or "", ratio if linux else ""))
    boots = [b for b in (boot_to_first_frame() for _ in range(ROUNDS)) if b]
    if boots:
        ms = statistics.median(boots) * 1000
        print("%-22s %12.0f %12s %7.3f" % ("boot->1st frame (ms)", ms, 5800, ms / 5800))
        rows.append("net_boot_to_first_forwarded_frame_ms\t%.0f\t"
                    "linux-6.1-guest-boot-to-userspace-recorded\t5800\tms\t%.3f\n" %
                    (ms, ms / 5800))
    with open(tsv, "a") as f:
        if new:
            f.write("name\tours\tbaseline\tbaseline_value\tunit\tratio\n")
        f.writelines(rows)
    print("* the Linux guest figures are the ones issue 7 recorded, not this run's")
    return 0


if __name__ == "__main__":
    sys.exit(main())
