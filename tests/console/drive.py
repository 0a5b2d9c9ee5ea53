#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Drive the appliance console over QEMU's serial line (stdin/stdout pipes).

Usage: drive.py [--name PREFIX] [--port PORT] [--log FILE] SCRIPT -- QEMU-COMMAND...

SCRIPT is a list of commands and the checks on their output:
  > COMMAND      type COMMAND at the prompt; its output runs to the next prompt
                 (\\b and \\x7f in COMMAND: the backspace and delete keys)
  > @boot        (first) the boot, up to the interactive console's first prompt
  > @frames N    send N Ethernet frames (UDP datagrams) to 127.0.0.1:PORT, the
                 guest's eth0 (QEMU -netdev dgram); no output, no test line
  > @fuzz N SEED  N random commands made of the console's words: each must
                 get its prompt back and none may crash the console
  > halt         power off: checked by QEMU's exit
  = TEXT         some output line equals TEXT (tabs as \\t)
  ~ REGEX        some output line matches REGEX (re.search)
  ! REGEX        no output line matches REGEX
Every command prints one line: "ok PREFIX: COMMAND" or "not ok PREFIX: COMMAND
why". A command that does not reach its prompt within the timeout ends the run.
"""
import os
import random
import re
import select
import socket
import struct
import subprocess
import sys
import time

PROMPT = "bpfkern> "
BANNER = "Type 'help' for commands."
TIMEOUT = float(os.environ.get("CONSOLE_TIMEOUT", "60"))


def parse_script(path):
    """[(command, [(kind, text)])] from the script file."""
    steps = []
    with open(path) as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            kind, text = line[0], line[2:]
            if kind == ">":
                steps.append((text, []))
            elif kind in "=~!" and steps:
                steps[-1][1].append((kind, text.replace("\\t", "\t")))
            else:
                raise SystemExit("drive.py: %s: bad line: %s" % (path, line))
    return steps


class Guest:
    def __init__(self, argv, log):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        self.buf = ""
        self.log = log

    def read_until(self, pred, timeout):
        """Read until pred(buffer) holds; True, or False on timeout or exit."""
        end = time.time() + timeout
        while not pred(self.buf):
            left = end - time.time()
            if left <= 0:
                return False
            r, _, _ = select.select([self.proc.stdout], [], [], left)
            if not r:
                continue
            data = os.read(self.proc.stdout.fileno(), 4096)
            if not data:
                return False
            text = data.decode("latin-1").replace("\r", "")
            self.log.write(text)
            self.log.flush()
            self.buf += text
        return True

    def send(self, line):
        self.proc.stdin.write((line + "\n").encode())
        self.proc.stdin.flush()

    def take(self, upto):
        out, self.buf = self.buf[:upto], self.buf[upto:]
        return out


def udp_frame(i):
    """An Ethernet/IPv4/UDP frame from 10.0.0.2 to 10.0.0.1, port 1000 + i."""
    payload = b"bpfkern console test"
    udp = struct.pack("!HHHH", 40000, 1000 + i, 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), i, 0, 64, 17, 0,
                     bytes([10, 0, 0, 2]), bytes([10, 0, 0, 1]))
    csum = sum(struct.unpack("!10H", ip))
    csum = (csum & 0xFFFF) + (csum >> 16)
    ip = ip[:10] + struct.pack("!H", ~csum & 0xFFFF) + ip[12:]
    eth = bytes.fromhex("525400123456") + bytes.fromhex("020000000002") + b"\x08\x00"
    return eth + ip + udp


def check(output, checks):
    """The first failed check's description, or None."""
    lines = output.split("\n")
    for kind, text in checks:
        if kind == "=" and text not in lines:
            return "no line '%s'" % text
        if kind == "~" and not any(re.search(text, l) for l in lines):
            return "no line matching /%s/" % text
        if kind == "!" and any(re.search(text, l) for l in lines):
            return "a line matches /%s/" % text
    return None


def report(prefix, command, why, output):
    if why is None:
        print("ok %s: %s" % (prefix, command))
        return
    shown = " | ".join(output.strip("\n").split("\n")[-8:])
    print("not ok %s: %s %s (output: %s)" % (prefix, command, why, shown[:600]))


FUZZ_WORDS = ("prog map link net pin stats log load ls cat help mem uptime list show dump "
              "xlated jited lookup update delete attach detach replace xdp dev eth0 eth1 "
              "id name pinned key value hex any exist noexist on off 0 1 2 3 7 255 256 -1 "
              "0x10 0xfffffffff ff zz fw_config deny_v4 xdp_firewall /sys/fs/bpf/fw "
              "/sys/fs/bpf/firewall/maps/deny_v4 /sys/fs/bpf /proc/net/xdp /boot / "
              "firewall.bpf.o # '' \\").split()


def fuzz(guest, count, seed, prefix):
    """count random commands from FUZZ_WORDS: each must reach the prompt, none may kill the console."""
    rnd = random.Random(seed)
    for i in range(count):
        words = [rnd.choice(FUZZ_WORDS) for _ in range(rnd.randint(1, 12))]
        if rnd.random() < 0.05:
            words.append("x" * rnd.randint(100, 600))
        line = " ".join(words)
        guest.send(line)
        done = guest.read_until(lambda b: b.endswith("\n" + PROMPT), TIMEOUT)
        output = guest.take(len(guest.buf))
        bad = re.search(r"segfault|killed by signal|Kernel panic|Exception", output)
        if not done or bad:
            report(prefix, "fuzz %d commands (seed %d)" % (count, seed),
                   "command %d '%s': %s" % (i, line[:200], "no prompt" if not done else
                                            bad.group(0)), output)
            return False
    report(prefix, "fuzz %d commands (seed %d)" % (count, seed), None, "")
    return True


def run_step(guest, command, checks, port, prefix):
    """One step; False when the run cannot go on."""
    if command == "@boot":
        done = guest.read_until(lambda b: BANNER in b and b.endswith(PROMPT), TIMEOUT)
        output = guest.take(len(guest.buf))
        report(prefix, "boot to the console", None if done else "no prompt", output)
        if done:
            report(prefix, "boot checks", check(output, checks), output)
        return done
    if command.startswith("@fuzz "):
        return fuzz(guest, int(command.split()[1]), int(command.split()[2]), prefix)
    if command.startswith("@frames "):
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        for i in range(int(command.split()[1])):
            sock.sendto(udp_frame(i), ("127.0.0.1", port))
        sock.close()
        time.sleep(1)
        return True
    guest.send(command.replace("\\b", "\b").replace("\\x7f", "\x7f"))
    if command in ("halt", "reboot"):
        try:
            guest.proc.wait(TIMEOUT)
            why = None
        except subprocess.TimeoutExpired:
            why = "QEMU still runs"
        report(prefix, command, why, guest.buf)
        return False
    # The echo of the command, its output, the next prompt.
    done = guest.read_until(lambda b: b.endswith("\n" + PROMPT), TIMEOUT)
    output = guest.take(len(guest.buf))
    output = output[:-len(PROMPT)] if done else output
    first_nl = output.find("\n")
    body = output[first_nl + 1:] if first_nl >= 0 else ""
    report(prefix, command, check(body, checks) if done else "no prompt after it", body)
    return done


def main():
    args = sys.argv[1:]
    prefix, port, log = "console", 0, "/dev/null"
    while args and args[0].startswith("--"):
        opt, val = args[0], args[1]
        args = args[2:]
        if opt == "--name":
            prefix = val
        elif opt == "--port":
            port = int(val)
        elif opt == "--log":
            log = val
    if len(args) < 3 or args[1] != "--":
        raise SystemExit(__doc__)
    steps = parse_script(args[0])
    with open(log, "w") as logf:
        guest = Guest(args[2:], logf)
        try:
            for i, (command, checks) in enumerate(steps):
                if run_step(guest, command, checks, port, prefix):
                    continue
                for later, _ in steps[i + 1:]:
                    if not later.startswith("@frames"):
                        print("not ok %s: %s not run: the console is gone" % (prefix, later))
                break
        finally:
            if guest.proc.poll() is None:
                guest.proc.kill()
            guest.proc.wait()


if __name__ == "__main__":
    main()
