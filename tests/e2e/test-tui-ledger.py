# test-tui-ledger: the contribution ledger in the members pane (tab 6, key
# L) on the demo hub, in a real 80x24 pty read through pyte: every member's
# counts are those of `cercle ledger --json` (all time, then this year
# with L again, as `cercle ledger --from JAN-1`), the total line is their
# sum, it fits 80x24, scrolls, Esc goes back to the members; in French by
# default; the help overlay names the key.
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import DOWN, ESC, Tui, cli, done_testing, ok

os.environ["CERCLE_NOW"] = "1796630400"	# 2026-12-07
cli("demo")
allt = json.loads(cli("ledger", "--json"))
year = json.loads(cli("ledger", "--from", "2026-01-01", "--json"))
KEYS = ["needs", "supports", "meetings_room", "meetings_remote",
        "positions", "proposals", "workstreams", "actions_done"]


def rows_of(text):
    got = {}
    for line in text.splitlines()[2:]:
        f = line.split()
        if len(f) == 9 and all(x.isdigit() for x in f[1:]):
            got[f[0]] = [int(x) for x in f[1:]]
    return got


def want(ledger):
    return {r["login"]: [r[k] for k in KEYS] for r in ledger}


t = Tui(["tui", "--member", "lea", "--lang", "en"])
ok(t.wait_for("@lea"), "the interface opens", t.text())
t.key("6")
ok(t.wait_for("Members ("), "6 shows the members", t.text())
t.key("L")
ok(t.wait_for("Contributions, all time (%d members)" % len(allt)),
   "L opens the ledger of all time", t.text())
scr = t.text()
ok("needs" in t.line(2) or "needs" in scr.splitlines()[2], "its heads",
   scr)
got = rows_of(scr)
w = want(allt)
shown = [k for k in w if k in got]
ok(len(shown) >= min(len(w), 15),
   "the members on screen (%d of %d)" % (len(shown), len(w)), scr)
ok(all(got[k] == w[k] for k in shown),
   "each member's counts are those of cercle ledger --json", scr)
tot = [sum(r[k] for r in allt) for k in KEYS]
tline = [l for l in scr.splitlines() if l.split()[:1] == ["total"]]
ok(tline and [int(x) for x in tline[0].split()[1:]] == tot,
   "the total line sums every member", "\n".join(tline) + "\n" + str(tot))
ok(all(len(l.rstrip()) <= 80 for l in scr.splitlines()),
   "every line fits 80 columns", scr)
ok("ledger" in scr.splitlines()[-1] or "ledger" in scr,
   "the status line hints the key", scr.splitlines()[-1])
t.key("L")
ok(t.wait_for("Contributions in 2026"), "L again: this year", t.text())
got = rows_of(t.text())
w = want(year)
ok(all(got[k] == w[k] for k in w if k in got) and len(got) > 0,
   "this year's counts are those of cercle ledger --from 2026-01-01",
   t.text())
for _ in range(30):
    t.key(DOWN, settle=0.02)
t.settle()
ok(t.wait_for("Contributions in 2026"), "scrolling stays in the ledger",
   t.text())
t.key(ESC)
ok(t.wait_for("Members ("), "Esc goes back to the members", t.text())
ok("! to meet the facilitator (watch rule)" in t.line(1) and any(
   l.startswith("!") for l in t.text().splitlines()),
   "the members marked '!' by the watch rule: the title says what it means",
   t.text())
ok(t.wait_gone("Contributions"), "and the ledger is gone", t.text())
t.key("?")
ok(t.wait_for("contribution ledger"), "the help overlay names the ledger "
   "key", t.text())
t.close()

t = Tui(["tui", "--member", "lea", "--lang", "en"], cols=80, rows=12)
t.wait_for("@lea")
t.key("6")
t.key("L")
ok(t.wait_for("Contributions"), "a short terminal: the ledger opens",
   t.text())
ok(any(l.split()[:1] == ["total"] for l in t.text().splitlines()),
   "the total line stays in view", t.text())
t.close()

t = Tui(["tui", "--member", "lea", "--lang", "en", "--screen-reader"])
t.wait_for("@lea")
t.key("6")
t.key("L")
lea = [r for r in allt if r["login"] == "lea"][0]
ok(t.wait_for("lea \u2014 needs %d; supp. %d; room %d" % (lea["needs"],
   lea["supports"], lea["meetings_room"])), "with a screen reader, each "
   "count after its label", t.text())
t.close()

t = Tui(["tui", "--member", "lea"])
t.wait_for("@lea")
t.key("6")
t.key("L")
ok(t.wait_for("Contributions"), "in French by default", t.text())
ok(t.wait_for("besoins") or t.wait_for("membre"), "French heads", t.text())
t.close()
done_testing()
