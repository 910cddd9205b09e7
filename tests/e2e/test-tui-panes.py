# End-to-end, in a real pty read through pyte: open the interface, visit
# every pane, take each of the four positions (reasons typed with accents
# and wide characters), the help overlay, and resizes to 60x20 and 200x60.
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import (CTRL_S, CTRL_W, DOWN, ESC, HOME, UP, Tui, cli,
                    done_testing, ok, setup_hub, setup_round)

setup_hub()
tension, prop = setup_round()

t = Tui(["tui", "--member", "zinc", "--lang", "en"])
ok(t.wait_for("Agenda (1)"), "opens on the agenda", t.text())
ok("Budget des ateliers 2027" in t.text(), "the tension is listed", t.text())
ok("@zinc" in t.line(0), "the tab bar names who is acting", t.line(0))

panes = [("1", "Needs ·"), ("2", "Agenda (1)"), ("3", "Proposal #" + prop),
         ("4", "No meeting is open"), ("5", "Action plan (0)"),
         ("6", "Members (9)"), ("7", "Journal"),
         ("8", "Prioritisation rounds (0)"),
         ("9", "Themes and Switch workstreams (0)")]
for key, title in panes:
    t.key(key)
    ok(t.wait_for(title), "key %s opens the pane showing '%s'" % (key, title),
       t.text())
t.key("0")
ok(t.wait_for("Indicators"), "key 0 opens tab 10, the indicators", t.text())
t.key("\t")
ok(t.wait_for("Needs ·"), "Tab goes round to the first pane", t.text())
t.key("6")
t.key(DOWN)
t.key("\r")
ok(t.wait_for("urban — Membre urban"), "Enter opens the selected member",
   t.text())
t.key("\x1b")
ok(t.wait_for("organisation"), "Escape goes back to the list", t.text())

# The voting pane: straight there, the tally against the rule.
t.key("3")
ok(t.wait_for("2 blocks reject; 1 so far"), "the tally states the rule",
   t.text())
ok("a approve" in t.line(t.rows - 1) and "b block" in t.line(t.rows - 1),
   "the voting keys are in the status line", t.line(t.rows - 1))

t.key("?")
ok(t.wait_for("Keys (any key closes)"), "? opens the help", t.text())
ok("approve" in t.text() and "withdraw (stand aside)" in t.text(),
   "the help lists the pane's keys from the keymap", t.text())
t.key(" ")
ok(t.wait_gone("Keys (any key closes)"), "any key closes the help")

t.key("a")
ok((t.wait_for("Recorded.") and t.wait_for("Your position: approve")), "a approves at once, and says so",
   t.text())
ok(t.wait_for("2 approve 0 alert"), "the tally counts it", t.text())
t.key("r")
ok((t.wait_for("Recorded.") and t.wait_for("Your position: withdraw")), "r withdraws at once", t.text())
ok(t.wait_for("1 approve 0 alert 1 withdraw"), "withdraw replaces approve",
   t.text())

t.key("v")
ok(t.wait_for("point of vigilance on proposal #" + prop),
   "v opens the reason editor", t.text())
t.key("Vigilance accentuée : éàçù — 山田")
ok(t.wait_for("Vigilance accentuée : éàçù — 山田"),
   "accents and wide characters are typed as shown", t.text())
t.key(CTRL_S)
ok((t.wait_for("Recorded.") and t.wait_for("Your position: alert")), "C-s records the alert", t.text())
ok(t.wait_for("alert      Vigilance accentuée"), "with its reason",
   t.text())
shown = cli("proposal", "show", prop)
ok("Vigilance accentuée : éàçù — 山田" in shown,
   "the reason is stored byte for byte", shown)

t.key("b")
ok(t.wait_for("Why do you block proposal #" + prop), "b opens the editor",
   t.text())
t.key("Coût élevé")
t.key(CTRL_W)
t.key("trop haut\rpour les Alpes")
ok(t.wait_for("pour les Alpes"), "Enter starts a new line in a reason",
   t.text())
t.key(UP + HOME)
t.key("Le ")
t.key(CTRL_S)
ok((t.wait_for("Recorded.") and t.wait_for("Your position: block")), "C-s records the block", t.text())
ok(t.wait_for("2 blocks reject; 2 so far"), "two blockers now", t.text())
shown = cli("proposal", "show", prop, "--json")
ok('"Le Coût trop haut\\npour les Alpes"' in shown,
   "delete-word, cursor moves and newline edited the reason", shown)

t.key("v")
t.key("abandonné")
t.key(ESC)
ok(t.wait_for("Cancelled."), "Escape cancels the editor", t.text())
ok("2 so far" in t.text(), "and records nothing", t.text())

# Resizes.
t.resize(60, 20)
t.settle(0.4)
ok("Proposal #" + prop in t.text(), "at 60x20 the pane is redrawn",
   t.text())
ok("Cancelled." in t.line(19), "the status line is on the last row at "
   "60x20", t.text())
ok(all(len(l.rstrip()) <= 60 for l in t.screen.display),
   "nothing is drawn past 60 columns")
t.resize(200, 60)
t.settle(0.4)
ok("Proposal #" + prop in t.text() and "Members (9)" in t.text(),
   "at 200x60 two panes are shown side by side", t.text())
t.resize(80, 24)
t.settle(0.4)
ok("Members (9)" not in t.text() and "Proposal #" in t.text(),
   "back to one pane at 80x24", t.text())

t.key("q")
st = t.wait_exit()
ok(st is not None and os.WIFEXITED(st) and os.WEXITSTATUS(st) == 0,
   "q quits with status 0", st)
raw = bytes(t.raw)
ok(b"\x1b[?2004l" in raw[-120:] and b"\x1b[?1049l" in raw[-120:],
   "the terminal is restored on exit (paste mode off, main screen)",
   repr(raw[-120:]))
t.close()

# The help of every pane, for a facilitator and admin in French at 80x24:
# it covers the whole width (nothing of the pane shows beside it) and no
# line of it is cut at the edge.
cli("member", "role", "facil", "member,facilitator,admin")
t = Tui(["tui", "--member", "facil", "--lang", "fr"])
t.wait_for("@facil")
bad = []
for k in "1234567890":
    t.key(k, settle=0.3)
    t.key("?", settle=0.3)
    if not t.wait_for("Touches (toute touche ferme)"):
        bad.append((k, "no help", t.text()))
        continue
    rows = t.text().splitlines()
    top = [i for i, l in enumerate(rows) if "Touches (toute touche" in l][0]
    cut = [l for l in rows[top:t.rows - 1] if l[-1:] != " "]
    if rows[top][:2] != " T" or cut:
        bad.append((k, cut, t.text()))
    t.key(" ", settle=0.2)
ok(not bad, "the help of each of the ten panes is as wide as the screen "
   "and no line of it is cut at 80 columns", bad[:1])
t.key("q")
t.wait_exit()
t.close()
done_testing()
