# bench/tui-bytes.py: bytes cercle's interface sends to an 80x24 terminal,
# against DESIGN.md's budgets: first screen <= 2.5 KB, taking a position
# and seeing the new tally <= 150 B, an idle minute 0 B. A benchmark: it
# reports figures, it does not pass or fail.
# usage: CERCLE_BIN=build/release/cercle /usr/bin/python3 bench/tui-bytes.py
#        [--idle SECONDS] (default 60)
import os
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "tests", "e2e"))
os.environ.setdefault("CERCLE_BIN", os.path.join(here, "..", "cercle"))
os.environ["CERCLE_BIN"] = os.path.abspath(os.environ["CERCLE_BIN"])
tmp = tempfile.mkdtemp(prefix="cercle-bench-")
os.environ["TEST_TMP"] = tmp
import tuilib  # noqa: E402  (reads the two variables above)

idle = 60.0
if "--idle" in sys.argv:
    idle = float(sys.argv[sys.argv.index("--idle") + 1])

tuilib.setup_hub()
tension, prop = tuilib.setup_round()
rows = []


def report(what, n, budget):
    verdict = "" if budget is None else (
        " (budget %d: %s)" % (budget, "within" if n <= budget else "OVER"))
    rows.append("%-52s %6d B%s" % (what, n, verdict))
    print(rows[-1])
    sys.stdout.flush()


for lang in ("fr", "en"):
    for mode, extra in (("", []), (" low-bandwidth", ["--low-bandwidth"])):
        t = tuilib.Tui(["tui", "--member", "zinc", "--lang", lang,
                        "--proposal", prop] + extra)
        t.settle(0.5)
        report("first screen, voting pane, %s%s" % (lang, mode), len(t.raw),
               2560)
        t.raw.clear()
        t.send("a")
        t.settle(0.5)
        report("approve and see the new tally, %s%s" % (lang, mode),
               len(t.raw), 150)
        t.raw.clear()
        t.send("r")
        t.settle(0.5)
        report("change to withdraw, %s%s" % (lang, mode), len(t.raw), 150)
        t.raw.clear()
        tuilib.cli("position", prop, "approve", "--as", "camp")
        t.settle(0.5)
        report("another member's position arrives, %s%s" % (lang, mode),
               len(t.raw), None)
        t.send("q")
        t.wait_exit()
        t.close()
        tuilib.cli("position", prop, "withdraw", "--as", "camp")

t = tuilib.Tui(["tui", "--member", "zinc", "--lang", "fr"])
t.settle(0.5)
report("first screen, agenda (default pane), fr", len(t.raw), 2560)
t.raw.clear()
start = time.time()
t.pump(idle)
report("idle for %.0f s" % (time.time() - start), len(t.raw), 0)
t.send("q")
t.wait_exit()
t.close()
# The demo hub: fuller screens.
tuilib.DB = os.path.join(tmp, "demo")
tuilib.cli("demo")
for key, what in (("", "agenda"), ("1", "needs queue"), ("3", "proposal"),
                  ("7", "journal")):
    t = tuilib.Tui(["tui", "--member", "lea", "--lang", "fr"])
    t.settle(0.5)
    if key:
        t.raw.clear()
        t.send(key)
        t.settle(0.5)
    report("demo hub, %s %s" % (what, "(first screen)" if not key else
                                "(switching to it)"), len(t.raw),
           2560 if not key else None)
    t.send("q")
    t.wait_exit()
    t.close()
# The rounds (8) and switch (9) panes on the demo hub: it has a closed
# round and its theme with two workstreams, and a round open today.
for key, what in (("8", "rounds"), ("9", "switch")):
    t = tuilib.Tui(["tui", "--member", "lea", "--lang", "fr"])
    t.settle(0.5)
    t.raw.clear()
    t.send(key)
    t.settle(0.5)
    report("demo hub, %s (switching to it)" % what, len(t.raw), None)
    t.send("q")
    t.wait_exit()
    t.close()
    t = tuilib.Tui(["tui", "--member", "lea", "--lang", "fr"])
    t.settle(0.5)
    report("demo hub, %s (first screen)" % what, len(t.raw), 2560)
    t.raw.clear()
    t.send("\r")
    t.settle(0.5)
    report("demo hub, %s: open the newest" % what, len(t.raw), None)
    # Points: the first one also brings "- take back" to the key hints
    # and the count of members who gave points.
    for n, label in ((1, "first point"), (2, "another point")):
        if key != "8" and n > 1:
            break
        t.raw.clear()
        t.send("+" if key == "8" else "s")
        t.settle(0.5)
        report("demo hub, %s: %s" % (what, label if key == "8" else
                                     "sign up"), len(t.raw), 150)
    t.send("q")
    t.wait_exit()
    t.close()
print("database and logs in %s" % tmp)
