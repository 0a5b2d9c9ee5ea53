#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Packet tests (tier 60): boot bpfkern with two virtio-net ports on QEMU
datagram netdevs, inject Ethernet frames over UDP, and check what comes out
of each port against the attached XDP program's verdicts.

Each scenario boots the kernel with `xdp=PROG netwait=N`: the guest attaches
the built-in program PROG (kernel/net/bridge.c), prints "net: ready", waits
for N frames, prints its per-port counters and exits QEMU (status 33 when
every frame is accounted for). The host side sends, listens, and compares:
frames out of each port (bytes), the guest's counters, and the exit status.

Prints one line per check: ok NAME / not ok NAME reason.
Usage: nettest.py [--kernel build/bpfkern.bin] [--logs DIR] [--only NAME]
"""
import argparse
import os
import re
import select
import socket
import struct
import subprocess
import sys
import threading
import time

HOST = "127.0.0.1"
EXIT_PASS = 33
SRC = bytes.fromhex("020000000001")
DST = bytes.fromhex("020000000002")
ETHERTYPE = 0x88B5  # local experimental


def frame(seq, size=64, first=0x00, dst=DST, src=SRC):
    """size bytes: Ethernet header, first payload byte, a 4-byte seq, fill."""
    f = dst + src + struct.pack("!HBI", ETHERTYPE, first, seq)
    f += bytes((seq + i) & 0xFF for i in range(max(0, size - len(f))))
    return f[:size]


class Guest:
    """One boot of the kernel with two ports at UDP base..base+3."""

    def __init__(self, args, name, cmdline, iso=None, pcap=None, mem=None, nports=2,
                 initrd=None, console=False):
        self.name = name
        self.base = pick_ports()
        self.log = os.path.join(args.logs, "net-%s.log" % name)
        self.listeners = []
        if os.path.exists(self.log):
            os.unlink(self.log)  # a stale "net: ready" would start the test too early
        for port in (self.base + 1, self.base + 3)[:nports]:
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
            s.bind((HOST, port))
            self.listeners.append(s)
        self.tx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        netdevs = []
        for i in range(nports):
            local, remote = self.base + 2 * i, self.base + 2 * i + 1
            netdevs += ["-netdev", "dgram,id=n%d,local.type=inet,local.host=%s,local.port=%d,"
                        "remote.type=inet,remote.host=%s,remote.port=%d" % (i, HOST, local, HOST,
                                                                            remote),
                        "-device", "virtio-net-pci,netdev=n%d,disable-legacy=on" % i]
        cmd = ["timeout", str(args.timeout), "qemu-system-x86_64", "-cpu", "max", "-m", mem or os.environ.get("NETTEST_MEM", "16M"),
               "-display", "none", "-no-reboot", "-monitor", os.environ.get("NETTEST_MONITOR", "none"),
               "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
               "-serial", "stdio" if console else "file:" + self.log] + netdevs
        if iso:
            cmd += ["-cdrom", iso, "-boot", "d"]  # GRUB, multiboot2: cmdline is in its grub.cfg
        else:
            cmd += ["-kernel", args.kernel, "-append", cmdline]
        if initrd:
            cmd += ["-initrd", ",".join(initrd)]
        if pcap:
            cmd += ["-object", "filter-dump,id=f0,netdev=n0,file=" + pcap]
        pipe = subprocess.PIPE if console else subprocess.DEVNULL
        self.qemu = subprocess.Popen(cmd, stdin=pipe, stdout=pipe, stderr=subprocess.DEVNULL)
        self.out = {i: [] for i in range(nports)}
        if console:  # the serial line on QEMU's stdio: copied into the log as it comes
            self.console_log = open(self.log, "w")
            threading.Thread(target=self._read_console, daemon=True).start()

    def kill(self):
        """Stop the guest. self.qemu is timeout(1), which passes SIGTERM on to QEMU; a
        SIGKILL would end timeout alone and leave QEMU running for good."""
        self.qemu.terminate()
        try:
            self.qemu.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.qemu.kill()
            self.qemu.wait()

    def _read_console(self):
        while True:
            data = os.read(self.qemu.stdout.fileno(), 4096)
            if not data:
                break
            self.console_log.write(data.decode("latin-1").replace("\r", ""))
            self.console_log.flush()

    def command(self, line, timeout=30):
        """Type line at the console prompt; its output up to the next prompt (None: timeout)."""
        before = self.text().count("bpfkern> ")
        mark = len(self.text())
        self.qemu.stdin.write((line + "\n").encode())
        self.qemu.stdin.flush()
        end = time.time() + timeout
        while time.time() < end and self.qemu.poll() is None:
            text = self.text()
            if text.count("bpfkern> ") > before:
                out = text[mark:text.rindex("bpfkern> ")]
                return out.split("\n", 1)[1] if "\n" in out else ""
            time.sleep(0.05)
        return None

    def text(self):
        try:
            with open(self.log, errors="replace") as f:
                return f.read().replace("\r", "")
        except OSError:
            return ""

    def wait_ready(self, timeout=60, marker="net: ready"):
        end = time.time() + timeout
        while time.time() < end and self.qemu.poll() is None:
            if marker in self.text():
                return True
            time.sleep(0.05)
        return False

    def send(self, port, data):
        self.tx.sendto(data, (HOST, self.base + 2 * port))

    def collect(self, want=None, quiet=0.5):
        """Frames out of the ports until want in total have come or quiet seconds pass."""
        while want is None or sum(len(o) for o in self.out.values()) < want:
            ready, _, _ = select.select(self.listeners, [], [], quiet)
            if not ready:
                break
            for s in ready:
                self.out[self.listeners.index(s)].append(s.recv(65536))

    def finish(self):
        """Wait for QEMU to exit; returns (status, counters per port name)."""
        try:
            status = self.qemu.wait(timeout=180)
        except subprocess.TimeoutExpired:
            self.kill()
            status = -1
        self.collect(quiet=0.2)
        for s in self.listeners + [self.tx]:
            s.close()
        stats = {}
        for m in re.finditer(r"^net: (eth\d) (rx .*)$", self.text(), re.M):
            words = m.group(2).split()
            stats[m.group(1)] = {words[i]: int(words[i + 1]) for i in range(0, len(words) - 1, 2)}
        return status, stats


def pick_ports():
    """A base B with B..B+3 free on loopback (B+1, B+3 are ours, B, B+2 QEMU's)."""
    for attempt in range(50):
        base = 20000 + ((os.getpid() * 7 + attempt * 131) % 9000) * 4
        socks = []
        try:
            for p in range(base, base + 4):
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                socks.append(s)
                s.bind((HOST, p))
            return base
        except OSError:
            continue
        finally:
            for s in socks:
                s.close()
    raise SystemExit("no free UDP ports")


RESULTS = []


def check(name, cond, why=""):
    RESULTS.append(cond)
    print("ok net.%s" % name if cond else "not ok net.%s %s" % (name, why))


def expect_counters(name, stats, port, **want):
    got = stats.get(port)
    if got is None:
        check(name, False, "no counters for %s in the guest log" % port)
        return
    bad = ["%s=%d (want %d)" % (k, got.get(k, -1), v) for k, v in want.items() if got.get(k) != v]
    check(name, not bad, ", ".join(bad))


def run_simple(args, prog, frames, in_port, expect_out, name=None):
    """Boot with prog, send frames into in_port; expect_out(out) checks the output."""
    g = Guest(args, name or prog, "xdp=%s netwait=%d" % (prog, len(frames)))
    if not g.wait_ready():
        check("%s.boot" % prog, False, "no 'net: ready' (see %s)" % g.log)
        g.kill()
        return None, None
    for f in frames:
        g.send(in_port, f)
        time.sleep(0.002)
    g.collect(quiet=1.0)
    status, stats = g.finish()
    check("%s.exit" % prog, status == EXIT_PASS, "QEMU exit %d (see %s)" % (status, g.log))
    expect_out(g.out)
    return stats, g


def test_pass(args):
    frames = [frame(i, 60 + i * 7) for i in range(20)]

    def out_ok(out):
        check("pass.forwarded", out[1] == frames, "port 1 sent %d frames, %d match" %
              (len(out[1]), sum(a == b for a, b in zip(out[1], frames))))
        check("pass.not_reflected", not out[0], "%d frames came back out of port 0" % len(out[0]))
    stats, _ = run_simple(args, "pass", frames, 0, out_ok)
    if stats is not None:
        expect_counters("pass.counters_eth0", stats, "eth0", rx=20, **{"pass": 20, "errors": 0})
        expect_counters("pass.counters_eth1", stats, "eth1", rx=0, out=20, tx_dropped=0)


def test_drop(args):
    frames = [frame(i) for i in range(30)]

    def out_ok(out):
        check("drop.nothing_out", not out[0] and not out[1],
              "%d + %d frames came out" % (len(out[0]), len(out[1])))
    stats, _ = run_simple(args, "drop", frames, 0, out_ok)
    if stats is not None:
        expect_counters("drop.counters", stats, "eth0", rx=30, drop=30, out=0)


def test_tx(args):
    frames = [frame(i, 64 + i) for i in range(20)]
    swapped = [f[6:12] + f[0:6] + f[12:] for f in frames]

    def out_ok(out):
        check("tx.reflected_with_macs_swapped", out[0] == swapped,
              "port 0 sent %d frames, %d as expected" %
              (len(out[0]), sum(a == b for a, b in zip(out[0], swapped))))
        check("tx.not_forwarded", not out[1], "%d frames out of port 1" % len(out[1]))
    stats, _ = run_simple(args, "tx", frames, 0, out_ok)
    if stats is not None:
        expect_counters("tx.counters", stats, "eth0", rx=20, tx=20, out=20)


def test_redirect(args):
    frames = [frame(i) for i in range(20)]

    def out_ok(out):
        check("redirect.devmap_to_other_port", out[0] == frames,
              "port 0 sent %d frames (want 20, unchanged)" % len(out[0]))
    stats, _ = run_simple(args, "redirect", frames, 1, out_ok)
    if stats is not None:
        expect_counters("redirect.counters", stats, "eth1", rx=20, redirect=20,
                        redirect_errors=0)
        expect_counters("redirect.counters_out", stats, "eth0", out=20)


def test_adjust(args):
    """adjust_head on a real receive buffer (encapsulation into the headroom) and
    adjust_tail (a trim), both sent back out with XDP_TX."""
    frames = [frame(i, 60 + 10 * i) for i in range(10)]
    encapped = [f[:14] + f for f in frames]
    trimmed = [f[:-4] for f in frames]

    def encap_ok(out):
        check("encap.adjust_head_reflected", out[0] == encapped,
              "%d frames back, %d as expected" %
              (len(out[0]), sum(a == b for a, b in zip(out[0], encapped))))
    stats, _ = run_simple(args, "encap", frames, 0, encap_ok)
    if stats is not None:
        expect_counters("encap.counters", stats, "eth0", rx=10, tx=10)

    def trim_ok(out):
        check("trim.adjust_tail_reflected", out[0] == trimmed,
              "%d frames back, %d as expected" %
              (len(out[0]), sum(a == b for a, b in zip(out[0], trimmed))))
    stats, _ = run_simple(args, "trim", frames, 0, trim_ok)
    if stats is not None:
        expect_counters("trim.counters", stats, "eth0", rx=10, tx=10)


def test_meta(args):
    """Metadata in front of a real receive buffer: written, read back, copied into the frame."""
    frames = [frame(i, 64) for i in range(10)]
    marked = [f[:15] + struct.pack("<I", 0x4D455441) + f[19:] for f in frames]

    def meta_ok(out):
        check("meta.adjust_meta_round_trip", out[0] == marked,
              "%d frames back, %d as expected" %
              (len(out[0]), sum(a == b for a, b in zip(out[0], marked))))
    stats, _ = run_simple(args, "meta", frames, 0, meta_ok)
    if stats is not None:
        expect_counters("meta.counters", stats, "eth0", rx=10, tx=10)


def test_aborted(args):
    frames = [frame(i) for i in range(10)]

    def out_ok(out):
        check("aborted.nothing_out", not out[0] and not out[1], "frames came out")
    stats, g = run_simple(args, "aborted", frames, 0, out_ok)
    if stats is not None:
        expect_counters("aborted.counters", stats, "eth0", rx=10, aborted=10)
        # Rate-limited: one log line for ten frames sent within a second or so.
        n = g.text().count("XDP program aborted")
        check("aborted.logged_rate_limited", 1 <= n < 10, "%d log lines for 10 aborts" % n)


def test_malformed(args):
    """Runts and oversize frames are counted as errors; good frames around them pass."""
    sizes = [1, 5, 13, 14, 60, 1514, 1518, 1519, 1600, 3000, 60]
    frames = [frame(i, s) for i, s in enumerate(sizes)]
    good = [f for f in frames if 14 <= len(f) <= 1518]

    def out_ok(out):
        check("malformed.good_frames_pass", out[1] == good,
              "%d frames forwarded, want %d" % (len(out[1]), len(good)))
    stats, _ = run_simple(args, "pass", frames, 0, out_ok, "malformed")
    if stats is not None:
        expect_counters("malformed.errors_counted", stats, "eth0", rx=len(frames),
                        errors=len(frames) - len(good), **{"pass": len(good)})


def test_burst(args):
    """Every verdict at once (demux: frame[14] is the action, 5..255 invalid): every frame
    accounted for, on both sides, in windows so loopback never overflows."""
    count, window = args.burst, 64
    actions = [i % 7 for i in range(count)]  # 0..4 valid, 5, 6 not
    sizes = [60 + (i * 13) % 1400 for i in range(count)]
    runts = set(range(5, count, 97))
    # INTx through the PIC (nomsix): the path without MSI-X keeps a test of its own.
    g = Guest(args, "burst", "xdp=demux netwait=%d nomsix" % count)
    if not g.wait_ready():
        check("burst.boot", False, "no 'net: ready' (see %s)" % g.log)
        g.kill()
        return
    want = {0: 0, 1: 0}
    expect = {"aborted": 0, "drop": 0, "pass": 0, "tx": 0, "redirect": 0, "errors": 0}
    names = ["aborted", "drop", "pass", "tx", "redirect"]
    for start in range(0, count, window):
        for i in range(start, min(count, start + window)):
            if i in runts:
                g.send(0, frame(i, 10, actions[i])[:10])
                expect["errors"] += 1
                continue
            act = actions[i] if actions[i] <= 4 else 0
            expect[names[act]] += 1
            g.send(0, frame(i, sizes[i], actions[i]))
            if act == 2:
                want[1] += 1
            elif act == 3:
                want[0] += 1
        g.collect(want[0] + want[1], quiet=2.0)
    status, stats = g.finish()
    check("burst.exit", status == EXIT_PASS, "QEMU exit %d (see %s)" % (status, g.log))
    check("burst.out_counts", len(g.out[0]) == want[0] and len(g.out[1]) == want[1],
          "out %d/%d want %d/%d" % (len(g.out[0]), len(g.out[1]), want[0], want[1]))
    expect_counters("burst.every_frame_accounted", stats, "eth0", rx=count,
                    redirect_errors=expect["redirect"], **expect)
    # A lost receive interrupt (drivers/virtio.c, virtio_sync_device) shows here
    # first: the watchdog's poll hides it from every other check.
    expect_counters("burst.no_lost_interrupt", stats, "eth0", watchdog=0)
    check("burst.intx", re.search(r"^eth0: virtio-net .* irq \d+ ", g.text(), re.M) is not None,
          "nomsix: eth0 did not take a PIC line (see %s)" % g.log)


def test_flood(args):
    """Thousands of frames at once overrun the RX ring and loopback; afterwards the
    appliance must still forward (demux: the flood says DROP, the probes PASS)."""
    g = Guest(args, "flood", "xdp=demux netwait=4000000000")
    if not g.wait_ready():
        check("flood.boot", False, "no 'net: ready' (see %s)" % g.log)
        g.kill()
        return
    for i in range(5000):
        g.send(0, frame(i, 64 + i % 1400, 1))
    time.sleep(1.0)
    g.collect(quiet=0.5)
    probes = [frame(100000 + i, 100, 2) for i in range(10)]
    for f in probes:
        g.send(0, f)
        time.sleep(0.01)
    g.collect(want=len(probes), quiet=3.0)
    alive = g.qemu.poll() is None
    g.kill()
    for sk in g.listeners + [g.tx]:
        sk.close()
    check("flood.still_forwarding", alive and g.out[1] == probes,
          "alive %s, %d of 10 probes forwarded, %d flood frames out" %
          (alive, sum(f in probes for f in g.out[1]), len(g.out[1]) - len(probes)))
    check("flood.no_panic", "panic" not in g.text().lower(), "see %s" % g.log)


SUSTAINED_FRAMES = 30000
SUSTAINED_WINDOW = 128


def test_tx_sustained(args):
    """XDP_TX under a sustained load (tools/nettool_gen: 128 frames in flight, each new frame
    sent as soon as one comes back): every one of 30,000 frames must come back, with no 0.2 s
    pause in which nothing does. The XDP_TX stall (a port that stopped for good once its
    receive ring emptied into the transmit ring) failed this."""
    gen = os.path.join(os.path.dirname(args.kernel), "tools", "nettool_gen")
    if not os.path.exists(gen):
        check("tx_sustained.generator", False, "%s missing (make host-tools)" % gen)
        return
    g = Guest(args, "tx-sustained", "xdp=tx netwait=%d" % SUSTAINED_FRAMES)
    if not g.wait_ready():
        check("tx_sustained.boot", False, "no 'net: ready' (see %s)" % g.log)
        g.kill()
        return
    frames = "".join(frame(i, 60 + (i * 37) % 200).hex() + "\n" for i in range(256))
    sock = g.listeners[0]
    try:
        out = subprocess.run([gen, "--to", str(g.base), "--fd", str(sock.fileno()),
                              "--count", str(SUSTAINED_FRAMES), "--window",
                              str(SUSTAINED_WINDOW), "--seconds", "90"], input=frames, text=True,
                             capture_output=True, pass_fds=[sock.fileno()], timeout=120).stdout
    except subprocess.TimeoutExpired:
        out = ""
    m = re.search(r"stalls (\d+) sent (\d+) back (\d+)", out)
    status, stats = g.finish()
    check("tx_sustained.every_frame_back", m and int(m.group(3)) == SUSTAINED_FRAMES,
          "generator: %r" % out.strip())
    check("tx_sustained.no_stalls", m and m.group(1) == "0", "generator: %r" % out.strip())
    check("tx_sustained.exit", status == EXIT_PASS, "QEMU exit %d (see %s)" % (status, g.log))
    expect_counters("tx_sustained.counters", stats, "eth0", rx=SUSTAINED_FRAMES,
                    tx=SUSTAINED_FRAMES, tx_dropped=0, watchdog=0)
    check("tx_sustained.msix", re.search(r"^eth0: virtio-net .* msix vector \d+ ", g.text(), re.M)
          is not None, "eth0 did not take an MSI-X vector (see %s)" % g.log)


def relay_guest_checks(g, prefix):
    """The guest's own "ok user.NAME" lines (ring-3 tests) as checks of ours."""
    for m in re.finditer(r"^(ok|not ok) user\.(\S+)(.*)$", g.text(), re.M):
        check("%s.%s" % (prefix, m.group(2)), m.group(1) == "ok", m.group(3).strip())


LINK_FRAMES = 3000  # tests/user/t_net_link.c: NET_LINK_FRAMES


def test_link(args):
    """BPF_LINK_UPDATE under traffic (tests/user/t_net_link.c in ring 3): the guest swaps
    two marking XDP_TX programs as fast as it can while LINK_FRAMES frames arrive. Every
    frame comes back out of port 0 once, marked by exactly one program (bytes 14 and 15
    equal, 0xaa or 0xbb), none unmarked or forwarded (run without a program)."""
    g = Guest(args, "link", "utest=t_net_link xdp=none", mem="32M")
    if not g.wait_ready(marker="t_net_link: attached"):
        check("link.attached", False, "no 't_net_link: attached' (see %s)" % g.log)
        g.kill()
        return
    frames = [frame(i, 64 + i % 200) for i in range(LINK_FRAMES)]
    for start in range(0, LINK_FRAMES, 32):
        for f in frames[start:start + 32]:
            g.send(0, f)
        g.collect(min(LINK_FRAMES, start + 32), quiet=2.0)
    status, _ = g.finish()
    out = g.out[0]
    bad = 0
    # frame(): byte 14 is the first payload byte, 15..18 the seq (its top byte 0 here):
    # the programs overwrite 14 and 15, so the seq is read from 16..18.
    marks = {0xAA: 0, 0xBB: 0}
    for o in out:
        orig = None
        if len(o) >= 19:
            seq = struct.unpack("!I", b"\0" + o[16:19])[0]
            if seq < LINK_FRAMES:
                orig = frames[seq]
        if orig is None or o[14] != o[15] or o[14] not in marks or \
                o[:14] + o[16:] != orig[:14] + orig[16:]:
            bad += 1
            continue
        marks[o[14]] += 1
    check("link.every_frame_back_once", len(out) == LINK_FRAMES and
          len(set(o[16:19] for o in out)) == LINK_FRAMES,
          "%d frames back of %d (%d distinct)" % (len(out), LINK_FRAMES,
                                                  len(set(o[16:19] for o in out))))
    check("link.each_marked_by_one_program", bad == 0, "%d frames unmarked, mixed or changed" % bad)
    check("link.both_programs_seen", marks[0xAA] > 0 and marks[0xBB] > 0,
          "A marked %d, B marked %d" % (marks[0xAA], marks[0xBB]))
    check("link.none_forwarded_unrun", not g.out[1], "%d frames out of port 1" % len(g.out[1]))
    relay_guest_checks(g, "link")
    check("link.exit", status == EXIT_PASS, "QEMU exit %d (see %s)" % (status, g.log))


# tests/user/t_net_live.c: frames out per tag (byte 14) and port.
LIVE_OUT = {0: {1: 1000, 2: 2000}, 1: {3: 300, 4: 200}}


def live_frame(tag):
    f = DST + SRC + struct.pack("!HB", ETHERTYPE, tag)
    return f + bytes((i * 3 + tag) & 0xFF for i in range(15, 64))


def test_live(args):
    """BPF_PROG_TEST_RUN with BPF_F_TEST_XDP_LIVE_FRAMES (tests/user/t_net_live.c in ring 3):
    XDP_TX runs leave by eth0, PASS and bpf_redirect(2) runs by eth1, DROP runs nowhere;
    every frame arrives unchanged, as many as the runs' repeat."""
    g = Guest(args, "live", "utest=t_net_live xdp=none", mem="32M")
    want = sum(sum(v.values()) for v in LIVE_OUT.values())
    end = time.time() + 60
    while len(g.out[0]) + len(g.out[1]) < want and time.time() < end and g.qemu.poll() is None:
        g.collect(want, quiet=0.5)
    status, _ = g.finish()
    for port, tags in LIVE_OUT.items():
        for tag, n in tags.items():
            got = sum(1 for o in g.out[port] if o == live_frame(tag))
            check("live.port%d_tag%d_frames" % (port, tag), got == n,
                  "%d frames, want %d" % (got, n))
    expected = set(live_frame(t) for tags in LIVE_OUT.values() for t in tags)
    stray = sum(1 for p in (0, 1) for o in g.out[p] if o not in expected)
    check("live.no_stray_frames", stray == 0, "%d frames out that no TX/PASS/REDIRECT run sent"
          % stray)
    check("live.pass_not_on_eth0", not any(o == live_frame(3) for o in g.out[0]),
          "a PASS frame left by the ingress port")
    relay_guest_checks(g, "live")
    m = re.search(r"t_net_live: net_live.drop_rate .*", g.text())
    if m:
        print("# " + m.group(0))
    check("live.exit", status == EXIT_PASS, "QEMU exit %d (see %s)" % (status, g.log))


MGMT_IP = bytes([10, 0, 0, 2])
PEER_IP = bytes([10, 0, 0, 1])
GUEST_MAC = bytes.fromhex("525400123456")  # QEMU's default MAC for the first NIC


def inet_csum(data):
    """The Internet checksum (RFC 1071) of data."""
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def arp_request(target, sender_ip=PEER_IP):
    return (b"\xff" * 6 + SRC + struct.pack("!HHHBBH", 0x0806, 1, 0x0800, 6, 4, 1) + SRC +
            sender_ip + b"\0" * 6 + target + b"\0" * 18)


def ipv4_packet(dst, payload, proto=1, src=PEER_IP, bad_csum=False):
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 0x1234, 0x4000, 64, proto, 0,
                      src, dst)
    csum = inet_csum(hdr) ^ (0x5555 if bad_csum else 0)
    return hdr[:10] + struct.pack("!H", csum) + hdr[12:] + payload


def ping(dst, seq, size=56, dst_mac=GUEST_MAC, bad_csum=False):
    data = bytes((seq + i) & 0xFF for i in range(size))
    icmp = struct.pack("!BBHHH", 8, 0, 0, 0xBEEF, seq) + data
    icmp = icmp[:2] + struct.pack("!H", inet_csum(icmp)) + icmp[4:]
    return dst_mac + SRC + struct.pack("!H", 0x0800) + ipv4_packet(dst, icmp, bad_csum=bad_csum)


def check_echo_reply(name, req, rep):
    """rep answers echo request req: addresses swapped, type 0, same id/seq/data, checksums."""
    why = []
    if rep is None:
        check(name, False, "no reply")
        return
    if rep[0:6] != SRC or rep[6:12] != GUEST_MAC or rep[12:14] != b"\x08\x00":
        why.append("Ethernet header %s" % rep[:14].hex())
    ip, rip = req[14:], rep[14:]
    ihl = (rip[0] & 0xF) * 4
    if rip[12:16] != MGMT_IP or rip[16:20] != PEER_IP:
        why.append("addresses %s -> %s" % (rip[12:16].hex(), rip[16:20].hex()))
    if inet_csum(rip[:ihl]) != 0:
        why.append("bad IP header checksum")
    tot = struct.unpack("!H", rip[2:4])[0]
    icmp, ricmp = ip[20:tot], rip[ihl:tot]
    if inet_csum(ricmp) != 0:
        why.append("bad ICMP checksum")
    if ricmp[0] != 0 or ricmp[1] != 0 or ricmp[4:] != icmp[4:]:
        why.append("ICMP type %d code %d, id/seq/data %s" %
                   (ricmp[0], ricmp[1], "same" if ricmp[4:] == icmp[4:] else "changed"))
    check(name, not why, "; ".join(why))


def test_stack(args):
    """The single-port appliance's local stack (kernel/net/stack.c, default 10.0.0.2/24):
    ARP requests for its address answered, pings answered with the right checksums,
    nothing for other addresses, bad checksums, or other protocols."""
    frames = [arp_request(MGMT_IP), ping(MGMT_IP, 1), ping(MGMT_IP, 2, size=1000),
              arp_request(bytes([10, 0, 0, 9])), ping(bytes([10, 0, 0, 9]), 3),
              ping(MGMT_IP, 4, bad_csum=True),
              GUEST_MAC + SRC + b"\x08\x00" + ipv4_packet(MGMT_IP, b"\0" * 8, proto=17),
              ping(MGMT_IP, 5, size=0)]
    g = Guest(args, "stack", "xdp=pass netwait=%d" % len(frames), nports=1)
    if not g.wait_ready():
        check("stack.boot", False, "no 'net: ready' (see %s)" % g.log)
        g.kill()
        return
    for f in frames:
        g.send(0, f)
        time.sleep(0.01)
    g.collect(want=4, quiet=2.0)
    status, stats = g.finish()
    out = g.out[0]
    arp = [o for o in out if o[12:14] == b"\x08\x06"]
    pings = {struct.unpack("!H", o[40:42])[0]: o for o in out if o[12:14] == b"\x08\x00"}
    want_arp = (SRC + GUEST_MAC + struct.pack("!HHHBBH", 0x0806, 1, 0x0800, 6, 4, 2) + GUEST_MAC +
                MGMT_IP + SRC + PEER_IP)
    check("stack.arp_reply", len(arp) == 1 and arp[0][:42] == want_arp,
          "%d ARP frames out: %s" % (len(arp), arp[0][:42].hex() if arp else ""))
    check_echo_reply("stack.ping_reply", frames[1], pings.get(1))
    check_echo_reply("stack.ping_reply_1000_bytes", frames[2], pings.get(2))
    check_echo_reply("stack.ping_reply_no_data", frames[7], pings.get(5))
    check("stack.nothing_else_answered", len(out) == 4 and set(pings) == {1, 2, 5},
          "%d frames out (ping seqs %s)" % (len(out), sorted(pings)))
    check("stack.exit", status == EXIT_PASS, "QEMU exit %d (see %s)" % (status, g.log))
    expect_counters("stack.counters", stats, "eth0", rx=len(frames), local_replies=4,
                    **{"pass": len(frames), "pass_local": len(frames) - 4})
    check("stack.announced", "local stack at 10.0.0.2/24" in g.text(), "see %s" % g.log)


def test_stack_bridge(args):
    """mgmt= on the two-port bridge: the address answers on the port asked, everything
    else is still forwarded."""
    frames = [arp_request(bytes([10, 1, 0, 2]), sender_ip=bytes([10, 1, 0, 1])), frame(1),
              ping(MGMT_IP, 7)]  # 10.0.0.2 is not the address here: forwarded
    g = Guest(args, "stack-bridge", "xdp=pass mgmt=10.1.0.2/16 netwait=%d" % len(frames))
    if not g.wait_ready():
        check("stack_bridge.boot", False, "no 'net: ready' (see %s)" % g.log)
        g.kill()
        return
    for f in frames:
        g.send(1, f)
        time.sleep(0.01)
    g.collect(want=3, quiet=2.0)
    status, _ = g.finish()
    peer_mac = bytes.fromhex("525400123457")
    arp = [o for o in g.out[1] if o[12:14] == b"\x08\x06"]
    check("stack_bridge.arp_reply_on_asked_port", len(arp) == 1 and arp[0][6:12] == peer_mac and
          arp[0][28:32] == bytes([10, 1, 0, 2]), "%d ARP replies out of port 1" % len(arp))
    check("stack_bridge.others_forwarded", g.out[0] == [frames[1], frames[2]],
          "port 0 got %d frames" % len(g.out[0]))
    check("stack_bridge.exit", status == EXIT_PASS, "QEMU exit %d (see %s)" % (status, g.log))


FW_DENY_V4 = bytes([192, 0, 2, 0])  # /24
FW_DENY_V6 = bytes.fromhex("20010db8bad0") + bytes(10)  # /48


def fw_v4(src, seq):
    """An IPv4/UDP frame from src to 10.0.0.1 (seq in the IP id and the payload)."""
    udp = struct.pack("!HHHH", 4000, 5000, 8 + 16, 0) + struct.pack("!I", seq) * 4
    return DST + SRC + b"\x08\x00" + ipv4_packet(bytes([10, 0, 0, 1]), udp, proto=17, src=src)


def fw_v6(src, seq):
    """An IPv6/UDP frame from src to 2001:db8::1."""
    udp = struct.pack("!HHHH", 4000, 5000, 8 + 16, 0) + struct.pack("!I", seq) * 4
    ip6 = struct.pack("!IHBB", 0x60000000, len(udp), 17, 64) + src + \
        bytes.fromhex("20010db8000000000000000000000001")
    return DST + SRC + b"\x86\xdd" + ip6 + udp


def counter_packets(out):
    """Packets of a firewall counter from the console's map lookup output (raw bytes or BTF)."""
    if out is None:
        return None
    m = re.search(r'"packets": *(\d+)', out)
    if m:
        return int(m.group(1))
    m = re.search(r"value(?: \(CPU 00\))?: ((?:[0-9a-f]{2} ?){8})", out)
    if m:
        return int.from_bytes(bytes.fromhex(m.group(1).replace(" ", "")), "little")
    return None


def test_firewall_boot(args):
    """The appliance as make run boots it: init loads progs/firewall.bpf.o from a boot
    module and attaches it to eth0 (xdp=eth0:firewall.bpf.o:xdp_firewall), an init.rc
    module fills both deny lists through the console's map update. Denied IPv4 and IPv6
    sources are dropped, the rest bridged out of port 1; the counters and the deny
    entries' hit counts are read back over the serial console (bpf() from ring 3)."""
    obj = os.path.join(os.path.dirname(args.kernel), "progs", "firewall.bpf.o")
    if not os.path.exists(obj):
        check("firewall_boot.object", False, "%s missing (make)" % obj)
        return
    rcdir = os.path.join(args.logs, "net-fw")
    os.makedirs(rcdir, exist_ok=True)
    rc = os.path.join(rcdir, "init.rc")
    with open(rc, "w") as f:
        f.write("map update name deny_v4 key 24 0 0 0 %s value 0 0 0 0 0 0 0 0\n" %
                " ".join(str(b) for b in FW_DENY_V4))
        f.write("map update name deny_v6 key 48 0 0 0 %s value 0 0 0 0 0 0 0 0\n" %
                " ".join(str(b) for b in FW_DENY_V6))
    g = Guest(args, "firewall", "xdp=eth0:firewall.bpf.o:xdp_firewall", mem="32M",
              initrd=[obj, rc], console=True)
    if not g.wait_ready(marker="Type 'help' for commands.") or not g.wait_ready(
            timeout=5, marker="commands.\nbpfkern> "):
        check("firewall_boot.prompt", False, "no console prompt (see %s)" % g.log)
        g.kill()
        return
    check("firewall_boot.attached", "XDP program xdp_firewall of firewall.bpf.o attached"
          in g.text(), "no attach line from init (see %s)" % g.log)
    allowed_src = bytes([198, 51, 100, 7])
    denied_src = bytes([192, 0, 2, 99])
    a6 = bytes.fromhex("20010db8000100000000000000000007")
    d6 = bytes.fromhex("20010db8bad000000000000000000099")
    frames = [(fw_v4(allowed_src, i), True) for i in range(5)] + \
        [(fw_v4(denied_src, i), False) for i in range(4)] + \
        [(fw_v6(a6, i), True) for i in range(3)] + [(fw_v6(d6, i), False) for i in range(2)] + \
        [(arp_request(bytes([10, 0, 0, 9])), True)]
    for f, _ in frames:
        g.send(0, f)
        time.sleep(0.01)
    g.collect(want=sum(ok for _, ok in frames), quiet=2.0)
    allowed = [f for f, ok in frames if ok]
    check("firewall_boot.allowed_bridged", g.out[1] == allowed,
          "%d frames out of port 1, want the %d allowed" % (len(g.out[1]), len(allowed)))
    check("firewall_boot.denied_dropped", not g.out[0] and
          not any(f in g.out[1] for f, ok in frames if not ok), "a denied frame came out")
    want = [("pass", 0, 9), ("deny_v4", 1, 4), ("deny_v6", 2, 2), ("rate", 3, 0),
            ("malformed", 4, 0)]
    for name, idx, n in want:
        got = counter_packets(g.command("map lookup name action_stats key %d 0 0 0" % idx))
        check("firewall_boot.action_%s" % name, got == n, "%s packets, want %d" % (got, n))
    got = counter_packets(g.command("map lookup name proto_stats key 3 0 0 0"))  # V4_UDP
    check("firewall_boot.proto_v4_udp", got == 9, "%s packets, want 9" % got)
    out = g.command("map lookup name deny_v4 key 24 0 0 0 %s" % " ".join(str(b) for b in FW_DENY_V4))
    m = re.search(r"value: ((?:[0-9a-f]{2} ?){8})|\"value\": *(\d+)", out or "")
    hits = None
    if m and m.group(1):
        hits = int.from_bytes(bytes.fromhex(m.group(1).replace(" ", "")), "little")
    elif m:
        hits = int(m.group(2))
    check("firewall_boot.deny_v4_hits", hits == 4, "hits %s, want 4: %s" % (hits, out))
    g.kill()
    for sk in g.listeners + [g.tx]:
        sk.close()
    check("firewall_boot.no_panic", "panic" not in g.text().lower(), "see %s" % g.log)


def make_iso(args, cmdline):
    """A GRUB ISO of the kernel whose grub.cfg passes cmdline; None if grub-mkrescue fails."""
    top = os.path.join(args.logs, "net-iso")
    elf = os.path.join(os.path.dirname(args.kernel), "bpfkern.elf")
    iso = os.path.join(args.logs, "net-test.iso")
    os.makedirs(os.path.join(top, "boot", "grub"), exist_ok=True)
    subprocess.run(["objcopy", "--strip-debug", elf, os.path.join(top, "boot", "bpfkern.elf")],
                   check=False)
    with open("boot/grub.cfg") as f:
        cfg = f.read().replace("multiboot2 /boot/bpfkern.elf", "multiboot2 /boot/bpfkern.elf " +
                               cmdline)
    with open(os.path.join(top, "boot", "grub", "grub.cfg"), "w") as f:
        f.write(cfg)
    r = subprocess.run(["grub-mkrescue", "-o", iso, top], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
    return iso if r.returncode == 0 else None


def read_pcap(path):
    """The frames of a classic pcap file (QEMU's filter-dump), in order."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 24 or struct.unpack("<I", data[:4])[0] != 0xA1B2C3D4:
        return None
    frames, off = [], 24
    while off + 16 <= len(data):
        caplen = struct.unpack("<I", data[off + 8:off + 12])[0]
        frames.append(data[off + 16:off + 16 + caplen])
        off += 16 + caplen
    return frames


def test_grub_pcap(args):
    """The GRUB (multiboot2) boot path with the tx program, port 0 recorded by filter-dump:
    the capture holds each frame in and, after it, its reflection out."""
    frames = [frame(i, 64 + i) for i in range(8)]
    swapped = [f[6:12] + f[0:6] + f[12:] for f in frames]
    iso = make_iso(args, "xdp=tx netwait=%d" % len(frames))
    if not iso:
        check("grub.iso", False, "grub-mkrescue failed")
        return
    pcap = os.path.join(args.logs, "net-grub.pcap")
    if os.path.exists(pcap):
        os.unlink(pcap)
    g = Guest(args, "grub", "", iso=iso, pcap=pcap)
    if not g.wait_ready():
        check("grub.boot", False, "no 'net: ready' (see %s)" % g.log)
        g.kill()
        return
    for f in frames:
        g.send(0, f)
        time.sleep(0.002)
    g.collect(want=len(frames), quiet=2.0)
    status, stats = g.finish()
    check("grub.exit", status == EXIT_PASS, "QEMU exit %d (see %s)" % (status, g.log))
    check("grub.multiboot2", "multiboot2 from GRUB" in g.text(), "see %s" % g.log)
    check("grub.tx_reflected", g.out[0] == swapped, "%d frames back" % len(g.out[0]))
    captured = read_pcap(pcap)
    want = frames + swapped
    ok = captured is not None and sorted(captured) == sorted(want) and all(
        captured.index(o) > captured.index(i) for i, o in zip(frames, swapped))
    check("grub.pcap_in_and_out", ok, "capture: %s" %
          ("unreadable" if captured is None else "%d frames, want %d, each reply after its frame"
           % (len(captured), len(want))))


TESTS = {"pass": test_pass, "drop": test_drop, "tx": test_tx, "redirect": test_redirect, "adjust": test_adjust, "meta": test_meta,
         "aborted": test_aborted, "malformed": test_malformed, "burst": test_burst,
         "flood": test_flood, "tx_sustained": test_tx_sustained, "grub": test_grub_pcap, "link": test_link, "live": test_live,
         "stack": test_stack, "stack_bridge": test_stack_bridge, "firewall": test_firewall_boot}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kernel", default="build/bpfkern.bin")
    p.add_argument("--logs", default="build/test-logs")
    p.add_argument("--only", default=None)
    p.add_argument("--burst", type=int, default=100000)
    p.add_argument("--timeout", type=int, default=150)
    args = p.parse_args()
    os.makedirs(args.logs, exist_ok=True)
    for name, fn in TESTS.items():
        if args.only is None or args.only == name:
            fn(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
