# End-to-end: two interfaces on one database. A position taken in one, or
# by the CLI, shows in the other within a second with no key pressed there;
# an idle interface sends no bytes; hostile text written straight into the
# store (escape, CSI, OSC, DCS, C1 and bidi controls; invalid UTF-8 is
# refused by the codec as a damaged record) leaves
# the other terminal intact, on screen and in the raw bytes.
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import (BIN, DB, DOWN, TMP, Tui, cli, done_testing, ok, setup_hub,
                    setup_round, wait_all)

setup_hub()
tension, prop = setup_round()

a = Tui(["tui", "--member", "zinc", "--lang", "en", "--proposal", prop])
b = Tui(["tui", "--member", "arsenic", "--lang", "en", "--proposal", prop])
ok(a.wait_for("1 approve 0 alert") and b.wait_for("1 approve 0 alert"),
   "both open on the proposal", a.text() + b.text())
a.settle(0.3)
b.settle(0.3)

# Idle: not one byte while nothing changes.
b.raw.clear()
b.pump(3.0)
ok(len(b.raw) == 0, "an idle interface sends 0 bytes in 3 s",
   repr(bytes(b.raw)))

a.send("a")
t0 = time.time()
seen = b.wait_for("2 approve 0 alert", timeout=1.0)
ok(seen, "a position taken in one session shows in the other within 1 s "
   "(%.2f s), no key pressed there" % (time.time() - t0), b.text())
ok((a.wait_for("Recorded.") and a.wait_for("Your position: approve")), "the first session confirms", a.text())

cli("position", prop, "withdraw", "--as", "camp")
took = wait_all([a, b], "1 withdraw", 1.0)
ok(None not in took, "a position taken by the CLI shows in both within 1 s "
   "(%s)" % ", ".join("never" if x is None else "%.2f s" % x for x in took),
   a.text() + "\n" + b.text())

# Hostile text. Build the helper against the objects of the binary tested.
objdir = os.path.dirname(os.path.realpath(BIN))
root = os.path.dirname(os.path.dirname(objdir))
objs = [os.path.join(objdir, f) for f in sorted(os.listdir(objdir))
        if f.endswith(".o") and f != "main.o"]
pc = subprocess.run(["pkg-config", "--cflags", "--libs", "ncursesw", "lmdb",
                     "msgpack", "libssh", "libcrypto"],
                    stdout=subprocess.PIPE).stdout.decode().split()
san = ["-fsanitize=address,undefined"] if "asan" in objdir else []
helper = os.path.join(TMP, "hostile-put")
r = subprocess.run(["cc", "-std=c11", "-D_GNU_SOURCE", "-I",
                    os.path.join(root, "src"), "-o", helper,
                    os.path.join(root, "tests/e2e/hostile-put.c")] + objs +
                   pc + san + ["-lutil"], stderr=subprocess.PIPE)
ok(r.returncode == 0, "the hostile-text helper builds", r.stderr.decode())

evil = (b"\x1b[2J\x1b[H\x1b[31mPWNED\x1b]0;owned title\x07"
        b"\x1b]52;c;c2VjcmV0\x07\x1bP+q544e\x1b\\\xc2\x9b31m"
        b"\xe2\x80\xaeevil\xe2\x80\xac\xe2\x81\xa6x\x07\x08\x7fend")
b.send("6")
ok(b.wait_for("Members (9)"), "the second session shows the members",
   b.text())
b.resize(200, 30)
b.settle(0.3)
before = len(b.raw)
p = subprocess.run([helper, DB, "member", "adrets", evil],
                   stderr=subprocess.PIPE)
ok(p.returncode == 0, "hostile member name written into the store",
   p.stderr.decode())
ok(b.wait_for("PWNED", timeout=1.5), "the new name arrives live", b.text())
b.send(DOWN * 4 + "\r")
ok(b.wait_for("end"), "its detail shows the whole name", b.text())
b.settle(0.3)
new = bytes(b.raw[before:])
row = [l for l in b.screen.display if "adrets" in l and "end" in l]
ok(len(row) == 1 and "^[[2J^[[H^[[31mPWNED^[]0;owned title^G" in row[0] and
   "^H^?end" in row[0], "control characters are shown as inert caret text",
   row)
ok("\ufffdevil\ufffd\ufffdx" in row[0], "bidi controls are shown as U+FFFD",
   row)
ok(b.line(0).startswith(" 1 ") and "@arsenic" in b.line(0),
   "the tab bar is intact", b.line(0))
ok(all("PWNED" not in l for l in b.screen.display if l not in row),
   "nothing is painted elsewhere", b.text())
y = b.screen.display.index(row[0])
x = row[0].index("PWNED")
ok([b.screen.buffer[y][x + i].fg for i in range(5)] != ["red"] * 5,
   "the attacker's colour is not applied",
   [b.screen.buffer[y][x + i].fg for i in range(5)])
ok(b.screen.title in ("", None) or "owned" not in b.screen.title,
   "the window title is untouched", b.screen.title)
for bad, what in ((b"\x1b]", "OSC"), (b"\x1bP", "DCS"), (b"\x1b[2J", "clear"),
                  (b"\xc2\x9b", "C1 CSI"), (b"\xe2\x80\xae", "bidi RLO"),
                  (b"\xe2\x81\xa6", "bidi LRI"), (b"\x07", "BEL"),
                  ):
    ok(bad not in new, "no %s reaches the terminal" % what, repr(new))

# A hostile tension title on the agenda, seen by the first session.
a.send("2")
ok(a.wait_for("Agenda (1)"), "the first session shows the agenda", a.text())
a.settle(0.3)
before = len(a.raw)
p = subprocess.run([helper, DB, "tension", tension,
                    b"\xe2\x80\xae\x1b[5mBudget\x1b[0m\x1b]8;;http://x\x07"],
                   stderr=subprocess.PIPE)
ok(p.returncode == 0, "hostile tension title written", p.stderr.decode())
ok(a.wait_for("Budget", timeout=1.5) and a.wait_for("^[[5m"),
   "the title arrives, inert", a.text())
new = bytes(a.raw[before:])
ok(b"\x1b]8" not in new and b"\x1b[5m" not in new and
   b"\xe2\x80\xae" not in new, "no hyperlink, blink or bidi bytes sent",
   repr(new))

a.send("q")
b.send("q")
ok(a.wait_exit() is not None and b.wait_exit() is not None,
   "both sessions quit")
a.close()
b.close()
done_testing()
