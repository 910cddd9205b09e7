# bench/mountain.py: cercle over an emulated mountain link. The kernel here
# has no netem, so a user-space relay on loopback stands for the link: it
# paces each direction to BENCH_LINK_BPS bit/s (default 9600) and delays
# every byte by half of BENCH_LINK_RTT_MS (default 600) each way, and
# counts bytes and turns (a client flight after the server spoke: each
# costs at least one round trip). Measures, with the real OpenSSH client
# against `cercle serve`: the first screen (with and without compression),
# a position seen by the voter and by another member, a one-shot command,
# and getting back in after a silent drop until the draft is on screen
# (with and without the takeover of the dead session). Beside each figure,
# the floor: turns x RTT + the larger direction's bytes / rate. Figures,
# not pass/fail; only loopback; stops by itself.
import os
import select
import signal
import socket
import subprocess
import threading
import time

import sshlib as s

BPS = int(os.environ.get("BENCH_LINK_BPS", "9600"))
RTT = float(os.environ.get("BENCH_LINK_RTT_MS", "600")) / 1000.0
RATE = BPS / 8.0	# bytes per second, each way


class Link:
    """One TCP connection through the emulated link."""

    def __init__(self, port):
        self.ls = socket.socket()
        self.ls.bind(("127.0.0.1", 0))
        self.ls.listen(1)
        self.port = self.ls.getsockname()[1]
        self.target = port
        self.up = self.down = 0		# bytes client->server, server->client
        self.turns = 0
        self.last_dir = None
        self.frozen = False
        self.stop = False
        self.lock = threading.Lock()
        threading.Thread(target=self.run, daemon=True).start()

    def run(self):
        self.ls.settimeout(30)
        try:
            a, _ = self.ls.accept()
        except OSError:
            return
        b = socket.create_connection(("127.0.0.1", self.target))
        for x in (a, b):
            x.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.socks = (a, b)
        # Per direction: the time the line is free again, and what waits.
        q = {a: [], b: []}		# (deliver_at, data) to write to the key
        free = {a: 0.0, b: 0.0}
        peer = {a: b, b: a}
        while not self.stop:
            t = time.monotonic()
            timeout = 0.05
            for dst in q:
                if q[dst]:
                    timeout = min(timeout, max(q[dst][0][0] - t, 0))
            r, _, _ = select.select([a, b] if not self.frozen else [], [],
                                    [], timeout)
            if self.frozen:
                time.sleep(0.05)
                continue
            t = time.monotonic()
            for src in r:
                try:
                    d = src.recv(4096)
                except OSError:
                    d = b""
                if not d:
                    self.stop = True
                    break
                dst = peer[src]
                with self.lock:
                    if src is a:
                        self.up += len(d)
                        if self.last_dir != "up":
                            self.turns += 1
                        self.last_dir = "up"
                    else:
                        self.down += len(d)
                        self.last_dir = "down"
                # Serialised at RATE, then half a round trip in flight.
                start = max(t, free[dst])
                free[dst] = start + len(d) / RATE
                q[dst].append((free[dst] + RTT / 2, d))
            t = time.monotonic()
            for dst in q:
                while q[dst] and q[dst][0][0] <= t:
                    try:
                        dst.sendall(q[dst].pop(0)[1])
                    except OSError:
                        self.stop = True
        if not self.frozen:
            for x in (a, b):
                x.close()

    def freeze(self):
        self.frozen = True

    def counts(self):
        with self.lock:
            return self.up, self.down, self.turns

    def floor(self, counts=None):
        """Each turn waited for the other side's bytes: one round trip;
        the two directions are separate lines, so the larger one's bytes
        at the rate."""
        up, down, turns = counts or self.counts()
        return turns * RTT + max(up, down) / RATE


def link_floor(up, down, turns):
    return turns * RTT + max(up, down) / RATE


def ssh_through(link, key, compression, extra=()):
    argv = s.ssh_argv(link.port, key, compression=compression, extra=extra)
    return argv


def first_screen(port, key, compression):
    link = Link(port)
    t = s.Term(ssh_through(link, key, compression))
    start = t.t0
    seen = s.wait_for([t], "Agenda", 60)[0]
    up, down, turns = c = link.counts()
    s.settle([t], 1.0, 20)
    took = (seen - start) if seen else float("nan")
    tag = "zlib" if compression else "plain"
    s.figure("mountain.first_screen.%s" % tag, took, "s")
    s.figure("mountain.first_screen.%s.floor" % tag, link.floor(c), "s")
    s.figure("mountain.first_screen.%s.bytes_down" % tag, down, "B", "%d")
    s.figure("mountain.first_screen.%s.bytes_up" % tag, up, "B", "%d")
    s.figure("mountain.first_screen.%s.turns" % tag, turns, "", "%d")
    return t, link


def start_cap_one():
    """cercle serve with one place per member (the takeover path)."""
    import re
    log = os.path.join(s.TMP, "serve-cap.log")
    s._spawn([s.BIN, "--db", s.DB, "serve", "--listen", "127.0.0.1:0",
              "--host-key", os.path.join(s.TMP, "host_ed25519"),
              "--max-per-member", "1", "--keepalive", "600"], log)
    end = s.now() + 10
    while s.now() < end:
        with open(log) as f:
            m = re.search(r"listening on 127\.0\.0\.1:(\d+)", f.read())
        if m:
            return int(m.group(1))
        time.sleep(0.05)
    raise RuntimeError("cercle serve did not start: see " + log)


def vote(port, key, key2, prop):
    a, la = first_screen(port, key, True)
    b = s.Term(ssh_through(Link(port), key2, True))
    s.wait_for([b], "Agenda", 60)
    for x in (a, b):
        x.send("3")
    s.wait_for([a, b], "Proposal #" + prop, 30)
    s.settle([a, b], 1.0, 10)
    u0, d0, t0 = la.counts()
    key_at = []

    def press():
        key_at.append(s.now())
        a.send("a")
    seen = s.wait_for([a, b], "2 approve", 30, start=press)
    s.settle([a, b], 1.0, 10)
    u1, d1, t1 = la.counts()
    for who, when in (("voter", seen[0]), ("other", seen[1])):
        s.figure("mountain.vote.%s" % who, (when - key_at[0]) if when
                 else float("nan"), "s")
    # The voter's floor: the key up, the new tally down, one round trip.
    s.figure("mountain.vote.voter.floor", link_floor(u1 - u0, d1 - d0,
                                                     t1 - t0), "s")
    s.figure("mountain.vote.voter.bytes_down", d1 - d0, "B", "%d")
    s.figure("mountain.vote.voter.bytes_up", u1 - u0, "B", "%d")
    a.close()
    b.close()


def oneshot(port, key, prop):
    link = Link(port)
    argv = s.ssh_argv(link.port, key, compression=True)
    argv = [x for x in argv if x != "-tt"] + ["position", prop, "alert",
                                              "à revoir au printemps"]
    t0 = time.monotonic()
    p = subprocess.run(argv, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=s.env(), timeout=120)
    took = time.monotonic() - t0
    up, down, turns = link.counts()
    print("# one-shot: exit %d, %s" % (p.returncode,
                                       p.stdout.decode().strip()))
    s.figure("mountain.oneshot", took, "s")
    s.figure("mountain.oneshot.floor", link.floor(), "s")
    s.figure("mountain.oneshot.bytes_down", down, "B", "%d")
    s.figure("mountain.oneshot.bytes_up", up, "B", "%d")
    s.figure("mountain.oneshot.turns", turns, "", "%d")


def reconnect(port, key, prop, tag):
    la = Link(port)
    a = s.Term(ssh_through(la, key, True))
    s.wait_for([a], "Agenda", 60)
    a.send("3")
    s.wait_for([a], "Proposal #" + prop, 30)
    a.send("b")
    s.wait_for([a], "Why do you block", 30)
    a.send("trop cher pour la vallee")
    s.wait_for([a], "pour la vallee", 30)
    s.pump([a], 2.5)		# typing paused: the draft is saved
    la.freeze()			# the link dies without a word
    os.kill(a.pid, signal.SIGKILL)
    lb = Link(port)
    t0 = s.now()
    b = s.Term(ssh_through(lb, key, True))
    seen = s.wait_for([b], "pour la vallee", 60)[0]
    c = lb.counts()
    s.figure("mountain.%s" % tag, (seen - t0) if seen else float("nan"),
             "s")
    s.figure("mountain.%s.floor" % tag, lb.floor(c), "s")
    b.close()
    a.close()


def main():
    prop, key = s.setup_hub()
    key2 = os.path.join(s.TMP, "key2")
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f",
                    key2], check=True, stdin=subprocess.DEVNULL)
    with open(key2 + ".pub") as f:
        s.cli("member", "key", "add", "m2", f.read().strip())
    for m in ("m1", "m2"):
        s.cli("member", "prefs", "--as", m, "--lang", "en")
    print("# link: %d bit/s each way, %.0f ms round trip (user-space relay "
          "on loopback)" % (BPS, RTT * 1000))
    port = s.start_serve(20)
    t, _ = first_screen(port, key, False)
    t.close()
    vote(port, key, key2, prop)
    oneshot(port, key, prop)
    reconnect(port, key, prop, "reconnect")
    for p_ in list(s._procs):
        s.stop(p_)
    reconnect(start_cap_one(), key, prop, "reconnect_at_cap")


if __name__ == "__main__":
    main()
