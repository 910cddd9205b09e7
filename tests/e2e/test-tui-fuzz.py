# End-to-end fuzz: random keystrokes (keys of every keymap, UTF-8, escape
# sequences, pastes) and resizes for a bounded time, against a running
# interface while the CLI changes the data. It must not crash (run it
# under `make check SANITIZE=1` for ASan and UBSan), and must still quit.
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import Tui, cli, done_testing, ok, setup_hub, setup_round

SECONDS = float(os.environ.get("TUI_FUZZ_SECONDS", "20"))
seed = int(os.environ.get("TUI_FUZZ_SEED", str(int(time.time()))))
rng = random.Random(seed)
print("# seed %d, %g s" % (seed, SECONDS))

setup_hub()
tension, prop = setup_round()
cli("need", "add", "--as", "zinc", "--title", "Accès au wifi", "--territory",
    "Alpes", check=False)

KEYS = (list("1234567?qavrbnspfokKJtOR ijcxCwe[]|\t\r") +
        ["\x1b", "\x1bOA", "\x1bOB", "\x1bOC", "\x1bOD", "\x1bOH", "\x1bOF",
         "\x1b[5~", "\x1b[6~", "\x1b[3~", "\x7f", "\x08", "\x17", "\x13",
         "\x0b", "\x15", "\x01", "\x05", "\x0c", "\x07", "\x1bb", "\x1bf",
         "\x1b[1;5D", "\x1b[Z", "\x1b[200~", "\x1b[201~", "\x1b[99;99R",
         "é", "ç", "山", "🙂", "\u202e", "\x9b", "\xff", "e\u0301",
         "\x1b]0;x\x07", "\x1b[", "\x1bO"])
SIZES = [(80, 24), (60, 20), (200, 60), (20, 5), (10, 3), (1, 1),
         (132, 43), (40, 100)]

# Quit keys are replaced by q-less noise so the run lasts its time.
QUITS = {"q", "\x03"}

t = Tui(["tui", "--member", "facil", "--lang", "en"])
ok(t.wait_for("Agenda"), "the interface starts", t.text())
end = time.time() + SECONDS
n_keys = n_resizes = n_cli = 0
alive = True
while time.time() < end:
    r = rng.random()
    if r < 0.05:
        c, rows = rng.choice(SIZES)
        t.resize(c, rows)
        n_resizes += 1
    elif r < 0.07:
        cli("position", prop, rng.choice(["approve", "withdraw"]), "--as",
            rng.choice(["irts", "camp", "arsenic"]), check=False)
        n_cli += 1
    else:
        k = rng.choice(KEYS)
        if k in QUITS:
            continue
        try:
            t.send(k.encode("utf-8", "surrogatepass") if k != "\xff"
                   else b"\xff")
        except OSError:
            break
        n_keys += 1
    t.pump(0.005)
    if not t.alive():
        alive = False
        break
ok(alive, "no crash after %d keys, %d resizes, %d CLI changes (seed %d)"
   % (n_keys, n_resizes, n_cli, seed), t.status)
if alive:
    t.resize(80, 24)
    # Leave any editor, chooser or help, then quit.
    for _ in range(4):
        t.key("\x1b")
    t.key("q")
    st = t.wait_exit(10)
    ok(st is not None and os.WIFEXITED(st) and os.WEXITSTATUS(st) == 0,
       "it still quits cleanly", "%r\n%s" % (st, t.text()))
t.close()
out = cli("verify")
ok("sound" in out, "the database is sound afterwards", out)
done_testing()
