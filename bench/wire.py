# bench/wire.py: bytes cercle's interface costs at 80x24, on a pty and
# over SSH (cercle serve on 127.0.0.1) with and without compression: the
# first screen, the voting pane, taking a position and seeing the tally,
# another member's position arriving, scrolling the needs list one line
# and one page, an idle BENCH_IDLE_SECONDS (default 60). Compared with
# DESIGN.md's budgets (first screen <= 2.5 KB, a position and its tally
# <= 150 B, an idle minute 0 B) and with the minimum: the bytes of the
# cells that changed on the screen (pyte), before any cursor motion.
# On the pty: the bytes the terminal reads. Over SSH: the bytes the
# client's TCP socket received (the kernel's count, `ss -ti`), encryption,
# MACs, window adjustments and keepalives included; the first screen
# there includes the key exchange and authentication. Figures only.
# Usage: CERCLE_BIN=... /usr/bin/python3 bench/wire.py
import os
import re
import subprocess

import sshlib as s

IDLE = float(os.environ.get("BENCH_IDLE_SECONDS", "60"))
BUDGET = {"first_screen": 2560, "position": 150, "idle": 0}


def sock_bytes(pid):
    """(received, sent) by the TCP socket of ssh process pid."""
    out = subprocess.run(["ss", "-tinpH"], stdout=subprocess.PIPE,
                         text=True).stdout
    for entry in re.split(r"\n(?=\S)", out):
        if "pid=%d," % pid in entry:
            r = re.search(r"bytes_received:(\d+)", entry)
            w = re.search(r"bytes_sent:(\d+)", entry)
            return (int(r.group(1)) if r else 0, int(w.group(1)) if w else 0)
    return (0, 0)


def cells(t):
    """The screen as a list of (char, attributes) per cell."""
    out = []
    for y in range(t.screen.lines):
        row = t.screen.buffer[y]
        for x in range(t.screen.columns):
            c = row[x]
            out.append((c.data, c.fg, c.bg, c.bold, c.reverse, c.underscore))
    return out


def changed_bytes(before, after):
    """The minimum: UTF-8 bytes of every cell that differs and is not
    blank afterwards (erasing a run costs a few bytes with EL or ECH:
    counted as nothing here; attributes neither), so a floor."""
    n = 0
    for a, b in zip(before, after):
        if a != b and (b[0] or " ") != " ":
            n += len(b[0].encode())
    return n


class Probe:
    def __init__(self, name, term, ssh):
        self.name, self.t, self.ssh = name, term, ssh

    def count(self):
        if self.ssh:
            return sock_bytes(self.t.pid)[0]
        return self.t.raw


rows = []


def step(p, what, action, wait=0.6):
    # What the other sessions were sent meanwhile is read first.
    s.settle([q.t for q in probes], 0.2, 10)
    before_cells = cells(p.t)
    before = p.count()
    if action is not None:
        action()
    s.settle([p.t], wait, 10)
    n = p.count() - before
    m = changed_bytes(before_cells, cells(p.t))
    s.figure("wire.%s.%s" % (p.name, what), n, "B", "%d")
    if not p.ssh:
        s.figure("wire.%s.%s_min" % (p.name, what), m, "B", "%d")
    rows.append((p.name, what, n, m if not p.ssh else None,
                 BUDGET.get(what)))


p_id, key = s.setup_hub()
for i in range(1, 61):
    s.cli("need", "add", "--as", "m2", "--title", "Besoin d'essai %d" % i,
          "--territory", "Alpes")
port = s.start_serve(max_sessions=8)
probes = []
positions = ["a", "r", "a"]
others = ["approve", "withdraw", "approve"]
for k, (name, argv, ssh) in enumerate((
        ("pty", [s.BIN, "--db", s.DB, "tui", "--member", "m1"], False),
        ("ssh", s.ssh_argv(port, key, compression=False), True),
        ("ssh_zlib", s.ssh_argv(port, key, compression=True), True))):
    if ssh:
        # The key exchange and authentication alone (ssh -N: no
        # session), to tell them from the first screen.
        h = s.Term(argv[:-1] + ["-N", argv[-1]], screen=False)
        s.pump([h], 1.5)
        hs = sock_bytes(h.pid)[0]
        h.close()
        s.figure("wire.%s.handshake" % name, hs, "B", "%d")
        rows.append((name, "handshake", hs, None, None))
    t = s.Term(argv)
    p = Probe(name, t, ssh)
    probes.append(p)
    blank = cells(t)
    s.settle([t], 0.6, 20)
    n = p.count()
    s.figure("wire.%s.first_screen" % name, n, "B", "%d")
    m = changed_bytes(blank, cells(t))
    if not ssh:
        s.figure("wire.%s.first_screen_min" % name, m, "B", "%d")
    rows.append((name, "first_screen", n, m if not ssh else None,
                 BUDGET["first_screen"]))
    if ssh:
        s.figure("wire.%s.first_screen_after_auth" % name, n - hs, "B",
                 "%d")
        rows.append((name, "first_screen_after_auth", n - hs, None,
                     BUDGET["first_screen"]))
    step(p, "vote_pane", lambda: t.send("3"))
    step(p, "position", lambda: t.send(positions[k]))
    step(p, "other_position", lambda: s.cli(
        "position", p_id, others[k], "--as", "m5"))
    step(p, "needs_pane", lambda: t.send("1"))
    # Down to the last visible row, then one more (one line of scroll),
    # then a page.
    # (ncurses turns keypad transmit on: the cursor keys send ESC O B.)
    for _ in range(30):
        t.send("\x1bOB")
    s.settle([t], 0.6, 10)
    step(p, "scroll_line", lambda: t.send("\x1bOB"))
    step(p, "scroll_page", lambda: t.send("\x1b[6~"))
    step(p, "back_to_vote_pane", lambda: t.send("3"))

# Idle: every session at once, each on the voting pane.
s.settle([p.t for p in probes], 1.0, 20)
before = [p.count() for p in probes]
s.pump([p.t for p in probes], IDLE)
for p, b in zip(probes, before):
    n = p.count() - b
    s.figure("wire.%s.idle_%ds" % (p.name, IDLE), n, "B", "%d")
    rows.append((p.name, "idle", n, 0 if not p.ssh else None,
                 BUDGET["idle"]))
for p in probes:
    p.t.close()

print()
print("Bytes on the wire at 80x24 (pty: what the terminal reads; ssh: what "
      "the client's socket received; idle: %d s)" % IDLE)
names = [p.name for p in probes]
whats = []
for r in rows:
    if r[1] not in whats:
        whats.append(r[1])
print("%-20s %10s %10s %10s %10s %8s" % ("", "pty", "ssh", "ssh_zlib",
                                         "minimum", "budget"))
for w in whats:
    v = {r[0]: r for r in rows if r[1] == w}
    mn = v.get("pty", (None, None, None, None))[3]
    b = BUDGET.get(w)
    print("%-20s %10s %10s %10s %10s %8s" % (
        w, *[str(v[n][2]) if n in v else "-" for n in names],
        "-" if mn is None else str(mn), "-" if b is None else str(b)))
print("(first_screen over SSH includes the key exchange and "
      "authentication, which handshake measures alone (ssh -N); minimum: "
      "UTF-8 bytes of the cells changed and not blank, a floor)")
