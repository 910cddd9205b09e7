# End-to-end: the interface through `cercle serve` and the real OpenSSH
# client, in a pty read through pyte: the captured screen, a position taken
# over SSH, live updates between two SSH sessions, window changes reaching
# the interface, an idle session sending nothing, a dropped link leaving no
# process and the next login resuming the pane and the draft, and the idle
# timeout telling the client why.
import os
import pty
import re
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import (BIN, DB, TMP, Tui, cli, done_testing, env, ok, setup_hub,
                    setup_round)

servers = []


def serve(*opts):
    """Start cercle serve on a port the kernel picks; returns (proc, port,
    log path)."""
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
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def keygen(name):
    path = os.path.join(TMP, name)
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f",
                    path], check=True, stdin=subprocess.DEVNULL)
    return path


def procs(pattern):
    r = subprocess.run(["pgrep", "-f", "--", pattern],
                       stdout=subprocess.PIPE)
    return [int(x) for x in r.stdout.split()]


class SshTui(Tui):
    """The real ssh client in a pty of cols x rows, read through pyte."""

    def __init__(self, port, key, user="nobody", cols=80, rows=24):
        import pyte
        self.cols, self.rows = cols, rows
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        args = ["ssh", "-F", "/dev/null", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR",
                "-i", key, "-p", str(port), "-tt", user + "@127.0.0.1"]
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


def wait_until(cond, timeout=10.0):
    end = time.time() + timeout
    while time.time() < end:
        if cond():
            return True
        time.sleep(0.1)
    return cond()


try:
    setup_hub()
    tension, prop = setup_round()
    for m in ("zinc", "arsenic"):
        cli("member", "prefs", "--as", m, "--lang", "en")
    kz = keygen("kzinc")
    ka = keygen("karsenic")
    cli("member", "key", "add", "zinc", open(kz + ".pub").read().strip())
    cli("member", "key", "add", "arsenic", open(ka + ".pub").read().strip())
    srv, port, log = serve("--keepalive", "60")

    a = SshTui(port, kz)
    ok(a.wait_for("Agenda (1)", timeout=8), "the interface appears over "
       "SSH (captured screen)", a.text())
    ok("@zinc" in a.line(0), "as the member whose key it is, whatever the "
       "login name", a.line(0))
    ok("Budget des ateliers 2027" in a.text(), "showing the agenda",
       a.text())
    first = len(a.raw)
    print("# first screen over SSH at 80x24: %d bytes to the terminal"
          % first)
    a.settle(0.5)

    # Idle: not one byte while nothing changes (keepalive is 60 s).
    a.raw.clear()
    a.pump(3.0)
    ok(len(a.raw) == 0, "an idle session over SSH sends 0 bytes in 3 s",
       repr(bytes(a.raw)))

    # A position over SSH, then live in another SSH session.
    b = SshTui(port, ka, user="arsenic")
    ok(b.wait_for("Agenda (1)", timeout=8), "a second member logs in",
       b.text())
    a.key("3")
    b.key("3")
    ok(a.wait_for("Proposal #" + prop) and b.wait_for("Proposal #" + prop),
       "both open the proposal", a.text() + b.text())
    a.key("a")
    ok((a.wait_for("Recorded.") and a.wait_for("Your position: approve")), "zinc approves over SSH",
       a.text())
    ok(b.wait_for("2 approve 0 alert", timeout=2.0), "arsenic sees it "
       "without pressing a key", b.text())
    ok("zinc: approve" in cli("proposal", "show", prop),
       "the position is in the store (cercle proposal show)")
    b.key("q")
    st = b.wait_exit(5.0)
    ok(st is not None and os.WIFEXITED(st) and os.WEXITSTATUS(st) == 0,
       "q leaves the interface and ssh exits 0", st)

    # Window changes reach the interface on the server's pty.
    a.resize(200, 60)
    a.settle(0.5)
    ok("Proposal #" + prop in a.text() and "│ Agenda (1)" in a.text(),
       "at 200x60 (window-change) the interface shows two panes",
       a.text())
    a.resize(60, 20)
    a.settle(0.5)
    ok(all(len(l.rstrip()) <= 60 for l in a.screen.display) and
       a.line(19).strip() != "", "at 60x20 it redraws within 60 columns, "
       "status on the last row", a.text())
    a.resize(80, 24)
    a.settle(0.5)

    # A draft, then the link drops (the client is killed).
    a.key("b")
    ok(a.wait_for("Why do you block proposal #" + prop), "b opens the "
       "reason editor", a.text())
    a.key("Brouillon interrompu")
    ok(a.wait_for("Brouillon interrompu"), "a reason is being typed",
       a.text())
    time.sleep(1.5)     # the interface saves a draft when typing pauses
    tuis = procs("--db %s tui --member zinc" % DB)
    ok(len(tuis) == 1, "one interface process serves zinc", tuis)
    os.kill(a.pid, signal.SIGKILL)
    a.wait_exit(2.0)
    ok(wait_until(lambda: not procs("--db %s tui --member zinc" % DB)),
       "the dropped link leaves no interface process",
       procs("--db %s tui --member zinc" % DB))
    ok(wait_until(lambda: "zinc: session closed" in open(log).read()),
       "and the session process ends (logged)")
    a2 = SshTui(port, kz)
    ok(a2.wait_for("Your draft is back where you left it.", timeout=8),
       "the next login resumes the draft", a2.text())
    ok("Brouillon interrompu" in a2.text() and
       "Why do you block proposal #" + prop in a2.text(),
       "in the same pane, with the text typed", a2.text())
    a2.key("\x1b")
    a2.key("q")
    a2.wait_exit(5.0)
    stop(srv)
    ok(wait_until(lambda: not procs("--db %s " % DB)),
       "stopping the server leaves no process", procs("--db %s " % DB))

    # A stalled client (stopped: its kernel still ACKs, it reads nothing)
    # freezes nothing: the other session stays live while changes pile up
    # for the stalled one, and the stalled one is dropped as a dead peer.
    srv, port, log = serve("--keepalive", "1", "--keepalive-max", "3")
    a = SshTui(port, kz)
    b = SshTui(port, ka)
    ok(a.wait_for("@zinc", timeout=8) and b.wait_for("@arsenic", timeout=8),
       "two sessions on a server probing every second", a.text() + b.text())
    a.key("3")
    b.key("3")
    b.wait_for("Proposal #" + prop)
    os.kill(a.pid, signal.SIGSTOP)
    kinds = ["withdraw", "approve"]
    for i in range(12):
        cli("position", prop, kinds[i % 2], "--as", "irts")
        want = ("1 approve 0 alert 1 withdraw" if i % 2 == 0 else
                "2 approve 0 alert 0 withdraw")
        if not b.wait_for(want, timeout=1.5):
            break
    ok(want in b.text(), "the live session follows every change while the "
       "other client is stalled", b.text())
    ok(wait_until(lambda: "zinc: peer not responding" in open(log).read(),
                  timeout=12), "the stalled client is detected and dropped")
    ok(wait_until(lambda: not procs("--db %s tui --member zinc" % DB)),
       "with its interface", procs("--db %s tui --member zinc" % DB))
    os.kill(a.pid, signal.SIGCONT)
    a.close()
    b.key("q")
    b.wait_exit(5.0)
    stop(srv)

    # The idle timeout says why it disconnects.
    srv, port, log = serve("--idle-timeout", "2")
    c = SshTui(port, kz)
    ok(c.wait_for("@zinc", timeout=8), "a session on a server with "
       "--idle-timeout 2", c.text())
    st = c.wait_exit(10.0)
    ok(st is not None, "is closed after 2 s without input")
    # In the member's French; ASCII in the disconnect reason, which
    # OpenSSH's client would print with octal escapes otherwise.
    ok(b"inactif depuis 2 s, deconnexion" in bytes(c.raw),
       "and the client is told why, in French",
       repr(bytes(c.raw[-300:])))
    ok(b"\x1b[?1049l" in bytes(c.raw), "after the interface has left "
       "cleanly (the client's screen is restored)", repr(bytes(c.raw[-300:])))
    ok(wait_until(lambda: not procs("--db %s tui" % DB)),
       "leaving no interface process")
    stop(srv)
finally:
    for p in servers:
        stop(p)
reports = ""
for i in range(len(servers)):
    text = open(os.path.join(TMP, "serve-%d.log" % i)).read()
    if "Sanitizer" in text or "runtime error" in text:
        reports += text
ok(reports == "", "no sanitizer report from any server process", reports)
done_testing()
