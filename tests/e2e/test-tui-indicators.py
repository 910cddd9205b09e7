# test-tui-indicators: the indicators pane (tab 10, key 0) on the demo hub
# in a real 80x24 pty read through pyte: its figures are those of `cercle
# indicators`, rounds step back and forth and to all, the heat tables and
# the bar chart fit 80 columns and read in monochrome and in ASCII.
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import DOWN, HOME, Tui, cli, done_testing, ok

os.environ["CERCLE_NOW"] = "1796630400"	# 2026-12-07: round 2026-B6
cli("demo")
cur = json.loads(cli("indicators", "--round", "2026-B6", "--json"))
b5 = json.loads(cli("indicators", "--round", "2026-B5", "--json"))
allr = json.loads(cli("indicators", "--json"))

t = Tui(["tui", "--member", "lea", "--lang", "en"])
ok(t.wait_for("@lea"), "the interface opens", t.text())
ok(" 10 " in t.line(0), "the tab bar shows tab 10", t.line(0))
t.key("0")
ok(t.wait_for("Round 2026-B6"), "key 0 opens the indicators on the current "
   "round", t.text())
head = "Round 2026-B6: %d needs, %d supports (%+d from 2026-B5)" % (
    cur["needs"], cur["supports"], cur["needs"] - cur["prev_needs"])
ok(head in t.text(), "its totals are those of cercle indicators", t.text())
# One category line: the sum over territories, as the CLI's cells say.
cats = {}
for c in cur["cells"]:
    cats[c["category"]] = cats.get(c["category"], 0) + c["needs"]
name, n = max(((k, v) for k, v in cats.items() if k), key=lambda x: x[1])
line = [l for l in t.text().splitlines() if l.startswith(name[:20])]
ok(line and line[0].split()[-2] == str(n),
   "the row of '%s' totals %d needs" % (name, n), "\n".join(line))
ok(all(len(l.rstrip()) <= 80 for l in t.text().splitlines()),
   "every line fits 80 columns", t.text())
ok("total" in t.text() and "change" in t.text(), "total and change columns",
   t.text())
ok(any(ch in t.text() for ch in "░▒▓█"), "heat cells are shaded", t.text())
t.key("[")
ok(t.wait_for("Round 2026-B5: %d needs" % b5["needs"]),
   "[ steps back to the previous round, with its figures", t.text())
t.key("]")
ok(t.wait_for("Round 2026-B6"), "] steps forward again", t.text())
t.key("]")
ok(t.wait_for("Round 2026-B6"), "and not past the current round", t.text())
t.key("a")
ok(t.wait_for("Every round: %d needs, %d supports" % (allr["needs"],
   allr["supports"])), "a shows every round", t.text())
for _ in range(40):
    t.key(DOWN, settle=0.02)
ok(t.wait_for("Needs seen in most territories"), "scrolling reaches the "
   "needs seen in most territories", t.text())
top = allr["top"][0]
ok(t.wait_for("#%-5d" % top["id"]), "the first of them is #%d" % top["id"],
   t.text())
t.close()

t = Tui(["tui", "--member", "lea", "--lang", "en", "--low-bandwidth"],
        extra_env={"NO_COLOR": "1"})
t.wait_for("@lea")
t.key("0")
t.key(HOME)	# the last session left the cursor down the pane
ok(t.wait_for("Round 2026-B6"), "low bandwidth, no colour: the pane opens",
   t.text())
ok(not any(ch in t.text() for ch in "░▒▓█") and
   any(ch in t.text() for ch in ".:#@"), "ASCII shades instead of blocks",
   t.text())
t.close()

t = Tui(["tui", "--member", "lea"])
t.wait_for("@lea")
t.key("0")
t.key(HOME)
ok(t.wait_for("Indicateurs"), "in French by default", t.text())
ok(t.wait_for("Campagne 2026-B6"), "the round line in French", t.text())
t.close()
done_testing()
