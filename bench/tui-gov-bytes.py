# bench/tui-gov-bytes.py: bytes the meeting side of the interface sends to
# an 80x24 terminal on a raw pty: the action-plan pane's first screen (the
# pane restored at login, and switching to it) on the demo hub, and taking
# a position without a reason in a plain live meeting, status-line message
# included. A benchmark: it reports figures against the budgets
# (first screen <= 2.5 KB, a position <= 150 B), it does not pass or fail.
# usage: CERCLE_BIN=build/release/cercle /usr/bin/python3 bench/tui-gov-bytes.py
import os
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "tests", "e2e"))
os.environ.setdefault("CERCLE_BIN", os.path.join(here, "..", "cercle"))
os.environ["CERCLE_BIN"] = os.path.abspath(os.environ["CERCLE_BIN"])
tmp = tempfile.mkdtemp(prefix="cercle-bench-")
os.environ["TEST_TMP"] = tmp
import tuilib  # noqa: E402  (reads the two variables above)


def report(what, n, budget):
    verdict = "" if budget is None else (
        " (budget %d: %s)" % (budget, "within" if n <= budget else "OVER"))
    print("%-58s %6d B%s" % (what, n, verdict))
    sys.stdout.flush()


# A plain live meeting: quorum present, one proposal on the current tension.
tuilib.setup_hub()
cli = tuilib.cli
cli("meeting", "open", "--as", "facil")
cli("meeting", "present", "facil", "urban", "irts", "zinc", "adrets",
    "--as", "facil")
cli("meeting", "review", "--as", "facil")
t0 = cli("tension", "add", "--as", "urban", "--kind", "project", "--title",
         "Budget des ateliers 2027").strip()
cli("meeting", "next", "--as", "facil")
prop = cli("proposal", "add", t0, "--as", "urban", "--text",
           "Parts égales entre les 4A.").strip()
cli("position", prop, "approve", "--as", "urban")
for lang, who in (("fr", "zinc"), ("en", "irts")):
    t = tuilib.Tui(["tui", "--member", who, "--lang", lang, "--proposal",
                    prop])
    t.settle(0.5)
    t.raw.clear()
    t.send("a")
    t.settle(0.5)
    report("position without a reason (approve), live meeting, %s" % lang,
           len(t.raw), 150)
    if "-v" in sys.argv:
        print(repr(bytes(t.raw)))
    t.raw.clear()
    t.send("r")
    t.settle(0.5)
    report("change to withdraw, live meeting, %s" % lang, len(t.raw), 150)
    if "-v" in sys.argv:
        print(repr(bytes(t.raw)))
    t.send("q")
    t.wait_exit()
    t.close()

# The demo hub: the action plan holds decisions and their actions.
tuilib.DB = os.path.join(tmp, "demo")
cli("demo")
for lang in ("fr", "en"):
    t = tuilib.Tui(["tui", "--member", "lea", "--lang", lang])
    t.settle(0.5)
    t.send("1")
    t.settle(0.5)
    t.raw.clear()
    t.send("5")
    t.settle(0.5)
    report("demo hub, switching to the action plan, %s" % lang, len(t.raw),
           None)
    t.send("q")
    t.wait_exit()
    t.close()
    # Restored at the next login: the action plan is the first screen.
    t = tuilib.Tui(["tui", "--member", "lea", "--lang", lang])
    t.settle(0.5)
    ok = "5 Actions" in t.text() or "5 Plan" in t.text() or \
        "Action plan" in t.text() or "Plan d'action" in t.text()
    report("demo hub, action plan as the first screen, %s%s" % (
        lang, "" if ok else " (NOT SHOWN)"), len(t.raw), 2560)
    t.send("q")
    t.wait_exit()
    t.close()
print("database and logs in %s" % tmp)
