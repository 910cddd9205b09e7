# End-to-end: links that die silently. Each SSH client goes through a
# relay on loopback that can freeze (it stops carrying bytes but keeps
# both sockets open, as a dead mountain link does: no FIN, no reset).
#  1. A member whose link drops four times in a minute gets back in at
#     once (a new login takes over the oldest session whose peer does not
#     answer), with their newest draft; the older sessions, closing later,
#     never write their older drafts over it, nor bring back a draft the
#     member has since dropped.
#  2. Keepalives drop a silent peer (here 1 s x 2, so within about 3 s).
import os
import re
import select
import signal
import socket
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import (BIN, DB, TMP, Tui, cli, done_testing, env, ok, setup_hub,
                    setup_round)

ESC = "\x1b"
servers = []


def serve(*opts):
    log = os.path.join(TMP, "serve-%d.log" % len(servers))
    f = open(log, "w")
    p = subprocess.Popen([BIN, "--db", DB, "serve", "--listen",
                          "127.0.0.1:0"] + list(opts), stdout=f, stderr=f,
                         env=env())
    servers.append(p)
    for _ in range(100):
        m = re.search(r"listening on 127\.0\.0\.1:(\d+)", open(log).read())
        if m:
            return p, int(m.group(1)), log
        time.sleep(0.05)
    raise RuntimeError("cercle serve did not start: " + open(log).read())


def stop(p):
    if p.poll() is None:
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(15)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


class Relay:
    """One TCP connection carried to the server until freeze(); then
    nothing moves either way and nothing is closed."""

    def __init__(self, port):
        self.lsock = socket.socket()
        self.lsock.bind(("127.0.0.1", 0))
        self.lsock.listen(1)
        self.port = self.lsock.getsockname()[1]
        self.target = port
        self.frozen = threading.Event()
        self.done = threading.Event()
        self.socks = []
        threading.Thread(target=self.run, daemon=True).start()

    def run(self):
        self.lsock.settimeout(30)
        try:
            a, _ = self.lsock.accept()
        except OSError:
            return
        b = socket.create_connection(("127.0.0.1", self.target))
        self.socks = [a, b]
        peer = {a: b, b: a}
        while not self.done.is_set():
            if self.frozen.is_set():
                time.sleep(0.1)
                continue
            r, _, _ = select.select([a, b], [], [], 0.1)
            for s in r:
                try:
                    d = s.recv(65536)
                except OSError:
                    d = b""
                if not d:
                    self.done.set()
                    break
                peer[s].sendall(d)
        if not self.frozen.is_set():
            for s in self.socks:
                s.close()

    def freeze(self):
        self.frozen.set()

    def close(self):
        self.done.set()
        for s in self.socks + [self.lsock]:
            try:
                s.close()
            except OSError:
                pass


class SshTui(Tui):
    """The real ssh client in a pty, through a relay."""

    def __init__(self, port, key, cols=80, rows=24):
        import pty
        import pyte
        self.cols, self.rows = cols, rows
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        self.relay = Relay(port)
        args = ["ssh", "-F", "/dev/null", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR",
                "-o", "ServerAliveInterval=0",
                "-i", key, "-p", str(self.relay.port), "-tt",
                "m@127.0.0.1"]
        e = env()
        e["LANG"] = "C.UTF-8"
        pid, fd = pty.fork()
        if pid == 0:
            try:
                os.execvpe("ssh", args, e)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.status = None
        self.resize(cols, rows, signal_it=False)

    def drop(self):
        """The link dies silently; the member's ssh is gone."""
        self.relay.freeze()
        os.kill(self.pid, signal.SIGKILL)
        self.wait_exit(3)
        try:
            os.close(self.fd)
        except OSError:
            pass


def keygen(name):
    path = os.path.join(TMP, name)
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f",
                    path], check=True, stdin=subprocess.DEVNULL)
    return path


def wait_until(cond, timeout=10.0):
    end = time.time() + timeout
    while time.time() < end:
        if cond():
            return True
        time.sleep(0.1)
    return cond()


def sessions(log):
    """Session processes of zinc still open, from the log."""
    t = open(log).read()
    opened = set(re.findall(r"cercle\[(\d+)\]: [^ ]+ zinc: session \d+: "
                            r"interface", t))
    closed = set(re.findall(r"cercle\[(\d+)\]: [^ ]+ zinc: session closed",
                            t))
    return opened - closed


def flat(t):
    return re.sub(r"\s+", "", t.text())


def wait_flat(t, needle, timeout=3.0):
    """Wait for needle in the screen, ignoring line wraps and spaces."""
    needle = re.sub(r"\s+", "", needle)
    end = time.time() + timeout
    while time.time() < end:
        t.pump(0.05)
        if needle in flat(t):
            return True
    return needle in flat(t)


relays = []
try:
    setup_hub()
    tension, prop = setup_round()
    cli("member", "prefs", "--as", "zinc", "--lang", "en")
    kz = keygen("kzinc")
    cli("member", "key", "add", "zinc", open(kz + ".pub").read().strip())
    # Keepalives far apart: only the takeover can free a slot here.
    srv, port, log = serve("--keepalive", "600", "--max-per-member", "4")

    OLD = "Trop cher pour nous cette annee, voyons-42"      # 42 chars
    NEW = OLD + " : et la salle n'est pas libre avant mars-86"
    ok(len(OLD) == 42 and len(NEW) == 86, "drafts of 42 and 86 characters")

    a = SshTui(port, kz)
    relays.append(a.relay)
    ok(a.wait_for("Agenda", timeout=15), "session 1 opens", a.text())
    a.key("3")
    ok(a.wait_for("Proposal #" + prop), "on the proposal", a.text())
    a.key("b")
    ok(a.wait_for("Why do you block"), "the block editor opens", a.text())
    a.key(OLD)
    time.sleep(1.5)		# typing pauses: the draft is saved
    a.pump(0.1)
    a.drop()

    b = SshTui(port, kz)
    relays.append(b.relay)
    ok(b.wait_for("Why do you block", timeout=15), "session 2 reopens the "
       "editor", b.text())
    ok(wait_flat(b, OLD), "with the 42-character draft", b.text())
    b.key(NEW[42:])
    ok(wait_flat(b, NEW), "the member extends it to 86", b.text())
    time.sleep(1.5)
    b.pump(0.1)
    b.drop()

    for n in (3, 4):
        c = SshTui(port, kz)
        relays.append(c.relay)
        ok(wait_flat(c, NEW, timeout=15), "session %d has the newest "
           "draft" % n, c.text())
        c.drop()
    ok(len(sessions(log)) == 4, "four sessions with dead links hold the "
       "member's four places", sessions(log))

    t0 = time.time()
    e = SshTui(port, kz)
    relays.append(e.relay)
    got_in = e.wait_for("Why do you block", timeout=15)
    took = time.time() - t0
    ok(got_in, "a fifth login gets in (%.1f s) instead of 'already has 4 "
       "sessions open'" % took, e.text())
    print("# back in after four drops in %.1f s" % took)
    ok("already has" not in e.text(), "not refused", e.text())
    ok(wait_flat(e, NEW), "with the newest (86-character) draft",
       e.text())
    ok(wait_until(lambda: "took over session" in open(log).read(), 5),
       "the log says a silent session was taken over")
    # The first session leaves, saving its 42-character draft late.
    ok(wait_until(lambda: "replaced by a newer login" in open(log).read(),
                  10), "the replaced session closes")
    time.sleep(1)
    e.pump(0.2)
    local = Tui(["tui", "--member", "zinc", "--lang", "en"])
    ok(wait_flat(local, NEW, timeout=5), "after the old session closed "
       "(saving its 42-character draft), the stored draft is still the "
       "86-character one", local.text())
    local.key(ESC)
    local.key("q")
    local.wait_exit()
    local.close()

    # The member drops the draft in session 5; then every older session
    # closes (the server stops: each saves what it had).
    e.key(ESC)
    ok(e.wait_gone("Why do you block"), "the member cancels the draft",
       e.text())
    time.sleep(0.5)
    e.key("q")
    e.wait_exit(5)
    e.close()
    stop(srv)
    local = Tui(["tui", "--member", "zinc", "--lang", "en"])
    ok(local.wait_for("Proposal #" + prop, timeout=5), "the next login "
       "returns to the same pane", local.text())
    time.sleep(0.5)
    local.pump(0.2)
    ok("Why do you block" not in local.text(),
       "and the cancelled draft does not come back from the dead "
       "sessions", local.text())
    local.key("q")
    local.wait_exit()
    local.close()
    for r in relays:
        r.close()
    relays = []

    # The row comes back too (read from the '>' of the screen-reader mode).
    for i in range(3):
        cli("tension", "add", "--as", "zinc", "--kind", "project",
            "--title", "Ligne %d" % i)
    local = Tui(["tui", "--member", "zinc", "--lang", "en",
                 "--screen-reader"])
    local.wait_for("Proposal")
    local.key("2")
    ok(local.wait_for("Ligne 2"), "the agenda lists more tensions",
       local.text())
    local.key("\x1bOB")
    local.key("\x1bOB")
    local.settle()
    row = [r for r in local.screen.display if r.startswith(">")]
    local.key("q")
    local.wait_exit()
    local.close()
    local = Tui(["tui", "--member", "zinc", "--lang", "en",
                 "--screen-reader"])
    local.wait_for("Ligne 2")
    local.settle()
    again = [r for r in local.screen.display if r.startswith(">")]
    ok(row and again == row and "Ligne" in row[0], "the next login "
       "returns to the same row (%s)" % (row[0].strip() if row else "?"),
       (row, again))
    local.key("q")
    local.wait_exit()
    local.close()

    # 2. Keepalives drop a silent peer.
    srv, port, log = serve("--keepalive", "1", "--keepalive-max", "2")
    f = SshTui(port, kz)
    relays.append(f.relay)
    ok(f.wait_for("Agenda", timeout=15) or f.wait_for("Proposal"),
       "a session opens", f.text())
    t0 = time.time()
    f.drop()
    gone = wait_until(lambda: "peer not responding" in open(log).read(), 10)
    took = time.time() - t0
    ok(gone, "a silent peer is dropped by keepalives (%.1f s with 1 s x 2)"
       % took)
    ok(wait_until(lambda: not sessions(log), 5), "its session is closed",
       sessions(log))
    stop(srv)
finally:
    for r in relays:
        r.close()
    for p in servers:
        stop(p)
done_testing()
