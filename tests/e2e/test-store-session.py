# End-to-end: the store's faults as a member sees them in the interface
# (issue 13, defects 4 and 6). A writer stopped inside its transaction:
# the waiting interface says on its status line who holds the write lock,
# then goes on when it resumes. data.mdb truncated under the session: it
# ends with exit 3 and one line that says so, not a silent SIGBUS.
import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import (BIN, DB, TMP, Tui, done_testing, ok, setup_hub,
                    setup_round)

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
objdir = os.path.dirname(os.path.realpath(BIN))
objs = [os.path.join(objdir, f) for f in sorted(os.listdir(objdir))
        if f.endswith(".o") and f != "main.o"]
pc = subprocess.run(["pkg-config", "--cflags", "--libs", "ncursesw", "lmdb",
                     "msgpack", "libssh", "libcrypto"],
                    stdout=subprocess.PIPE).stdout.decode().split()
san = ["-fsanitize=address,undefined"] if "asan" in objdir else []
helper = os.path.join(TMP, "store-session")
r = subprocess.run(["cc", "-std=c11", "-D_GNU_SOURCE", "-I",
                    os.path.join(root, "src"), "-o", helper,
                    os.path.join(here, "store-session.c")] + objs + pc + san +
                   ["-lutil"], stderr=subprocess.PIPE)
ok(r.returncode == 0, "the session helper builds", r.stderr.decode())

setup_hub()
tension, prop = setup_round()
# Wide enough for the whole notice: login, process, operation, command.
a = Tui(["tui", "--member", "zinc", "--lang", "en", "--proposal", prop],
        cols=200)
ok(a.wait_for("1 approve 0 alert", timeout=5), "the interface opens on the "
   "proposal", a.text())
a.settle(0.3)

# A writer stops itself inside its write transaction.
w = subprocess.Popen([helper, DB, "stopwrite", "irts"])
for _ in range(200):
    st = open("/proc/%d/stat" % w.pid).read().rsplit(")", 1)[1].split()[0]
    if st == "T":
        break
    time.sleep(0.05)
ok(st == "T", "the other writer is stopped inside its transaction")
# Approving is a write.
a.send("a")
ok(a.wait_for("waiting for the write lock", timeout=15),
   "the interface says it waits for the write lock", a.text())
ok("irts (process %d, STOPPED, test.stop" % w.pid in a.text(),
   "... and names who holds it: login, process, operation", a.text())
ok(any("waiting for the write lock" in l and "store-session" in l
       for l in a.text().split("\n")),
   "... and its command, on the same status line", a.text())
os.kill(w.pid, signal.SIGCONT)
w.wait()
ok(a.wait_gone("waiting for the write lock", timeout=10),
   "the notice goes when the writer resumes", a.text())
ok(a.wait_for("2 approve", timeout=5), "and the position is taken",
   a.text())
ok(a.alive(), "the interface is still running")

# data.mdb cut to a third under the session.
size = os.path.getsize(os.path.join(DB, "data.mdb"))
os.truncate(os.path.join(DB, "data.mdb"), size // 3)
a.send("5")
st = a.wait_exit(10)
ok(st is not None and os.WIFEXITED(st) and os.WEXITSTATUS(st) == 3,
   "the session ends with exit 3 (status %r)" % (st,), a.text())
lines = [l for l in a.text().splitlines() if "cercle:" in l]
ok(len(lines) == 1 and "is truncat" in lines[0],
   "... and one line that says the file is truncated", a.text())
a.close()
done_testing()
