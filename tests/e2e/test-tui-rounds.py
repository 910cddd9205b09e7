# End-to-end: prioritisation and the Switch in the interface (issue 10,
# item 5), each person in their own 80x24 pty read through pyte: a
# facilitator opens a dot-voting round in the rounds pane, two members
# spread and take back points seeing their budget left, the facilitator's
# terminal follows the live ranking; a hidden round shows no count until
# it is closed, then its ranking; a member without the role is refused at
# once, in one line; then in the switch pane a theme is made from the
# round's best needs, a workstream opened, a member signs up, and the CLI
# agrees. The first screen of both panes is measured (reported only).
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import (CTRL_S, DOWN, ENTER, ESC, HOME, END, Tui, cli,
                    done_testing, ok, setup_hub)

setup_hub()
titles = ["Pas de réseau à Briançon", "Bus du soir vers Gap",
          "Médecin à Digne", "Salle pour les jeunes"]
for t in titles:
    cli("need", "add", "--as", "corr", "--title", t, "--territory", "Azur")


def item_line(t, title):
    """The pane's row of an item, by its title."""
    for l in t.text().splitlines():
        if title in l:
            return l
    return ""


def cols(line):
    """rank, yours, all of an item row (the words before '#')."""
    head = line.split("#")[0].split()
    return head


def form_text(t, field_down, text, multi=False):
    """From the form's first line: go down to a text field and type it."""
    t.key(HOME)
    for _ in range(field_down):
        t.key(DOWN, 0.05)
    t.key(ENTER)
    t.key(text)
    t.key(CTRL_S if multi else ENTER)


def form_set(t, field_down, picks):
    """Open a set (or list) field and take the values at these offsets."""
    t.key(HOME)
    for _ in range(field_down):
        t.key(DOWN, 0.05)
    t.key(ENTER)
    t.key(HOME)
    at = 0
    for k in picks:
        for _ in range(k - at):
            t.key(DOWN, 0.05)
        at = k
        t.key(ENTER)


# ---- the facilitator opens a round over the four needs ----
f = Tui(["tui", "--member", "facil", "--lang", "en"])
ok(f.wait_for("@facil"), "the facilitator's interface opens", f.text())
ok(" 8 " in f.line(0) and " 9 " in f.line(0), "the tab bar shows tabs 8 "
   "and 9", f.line(0))
f.key("8")
ok(f.wait_for("Prioritisation rounds (0)") and
   f.wait_for("No prioritisation round yet"), "key 8 opens the rounds pane, "
   "empty", f.text())
ok("new round" in f.line(23), "the facilitator is offered n new round",
   f.line(23))
f.key("n")
ok(f.wait_for("Open a prioritisation round") and "Points each" in f.text(),
   "n opens the round's form", f.text())
form_text(f, 0, "Priorités 2027")
form_set(f, 1, [0, 1, 2, 3])
ok(f.wait_for("[x] #"), "the needs are taken from the hub's list", f.text())
f.key(ESC)
ok(f.wait_for("Salle pour les jeunes"), "the four needs are in the form",
   f.text())
f.key(END)
f.key(ENTER)
ok(f.wait_for("Round #1 opened."), "Save opens round #1", f.text())
ok(f.wait_for("Your points: 10 left of 10 (0 given)"),
   "the facilitator sees the round and their budget", f.text())
r1 = json.loads(cli("round", "show", "1", "--json"))
ok(r1["title"] == "Priorités 2027" and len(r1["needs"]) == 4 and
   r1["budget"] == 10 and r1["status"] == "open",
   "the CLI shows the round as opened", r1)

# ---- two members spread and take back points ----
urban = Tui(["tui", "--member", "urban", "--lang", "en"])
irts = Tui(["tui", "--member", "irts", "--lang", "en"])
for m, t in (("urban", urban), ("irts", irts)):
    t.wait_for("@" + m)
    t.key("8")
    ok(t.wait_for("Priorités 2027"), "%s sees the round in the list" % m,
       t.text())
    ok("new round" not in t.line(23), "%s is not offered n new round" % m,
       t.line(23))
    t.key(ENTER)
    ok(t.wait_for("Your points: 10 left of 10"), "%s opens it: 10 points "
       "left" % m, t.text())
# urban: three points on the first need, then one back.
for _ in range(3):
    urban.key("+")
ok(urban.wait_for("Your points: 7 left of 10 (3 given)"),
   "urban gives three points: 7 left", urban.text())
urban.key("-")
ok(urban.wait_for("Your points: 8 left of 10 (2 given)"),
   "and takes one back: 8 left", urban.text())
# irts: four points on the second need.
irts.key(DOWN)
for _ in range(4):
    irts.key("+")
ok(irts.wait_for("Your points: 6 left of 10 (4 given)"),
   "irts gives four points to another need: 6 left", irts.text())
irts.key("-", 0.1)
irts.key("+", 0.1)
ok(irts.wait_for("Your points: 6 left of 10 (4 given)"),
   "irts takes one back and gives it again", irts.text())
# Nothing to take back where none of yours is.
irts.key(DOWN)
irts.key("-")
ok(irts.wait_for("-: none of your points is on this item"),
   "- where irts gave nothing is refused at once", irts.line(23))

# ---- the facilitator's terminal: the live ranking ----
ok(f.wait_for("2 members gave points"), "the facilitator's terminal "
   "follows: 2 members gave points", f.text())
rows = [l for l in f.text().splitlines() if "#" in l and "Round" not in l]
ranked = {}
for l in rows:
    c = cols(l)
    if len(c) == 3:
        ranked[c[0]] = c[2]
ok(ranked.get("1.") == "4" and ranked.get("2.") == "2",
   "the live ranking: 4 points first, 2 points second", "\n".join(rows))
ok("rank" in f.text() and "yours" in f.text() and "all" in f.text(),
   "the columns are named", f.text())

# ---- a hidden round ----
f.key(ESC)
f.key("n")
f.wait_for("Open a prioritisation round")
form_text(f, 0, "Vote caché")
form_set(f, 1, [0, 1])
f.key(ESC)
form_set(f, 4, [1])
ok(f.wait_for("yes: nothing is shown until the close"),
   "the round is made hidden", f.text())
f.key(END)
f.key(ENTER)
ok(f.wait_for("Round #2 opened."), "the hidden round #2 opens", f.text())
ok(f.wait_for("Hidden round: nobody sees the points until the close."),
   "its pane says nothing is shown", f.text())
for t in (urban, irts):
    t.key(ESC)
    t.key(HOME)
    t.wait_for("Vote caché")
    t.key(ENTER)
    t.wait_for("Your points: 10 left of 10")
for _ in range(5):
    urban.key("+", 0.1)
irts.key(DOWN)
for _ in range(3):
    irts.key("+", 0.1)
ok(urban.wait_for("Your points: 5 left of 10 (5 given)") and
   irts.wait_for("Your points: 7 left of 10 (3 given)"),
   "in a hidden round each sees their own budget", urban.text())
f.settle(0.5)
hid = f.text()
ok("gave points" not in hid and "rank" not in hid,
   "the facilitator sees no count of the hidden round", hid)
item_rows = [l for l in hid.splitlines() if "#" in l and "Round" not in l]
ok(item_rows and all(cols(l) == ["0"] for l in item_rows),
   "each item row shows only the facilitator's own 0, no total",
   "\n".join(item_rows))
ok(all("5" not in cols(l) for l in irts.text().splitlines()
       if "#" in l and "Round" not in l),
   "irts does not see urban's 5 points", irts.text())
show = json.loads(cli("round", "show", "2", "--json"))
ok(show["ranking"] == [], "the CLI shows no ranking of the open hidden "
   "round either", show)

# ---- refusals: at once, in one line naming the reason ----
urban.key("c")
ok(urban.wait_for("c: urban may not close a prioritisation round (needs "
   "the role facilitator)"), "a member's c is refused before anything, "
   "with the reason", urban.line(23))
ok(len(urban.line(23).rstrip()) <= 80 and
   urban.line(23).rstrip().endswith(")"), "the refusal fits one 80-column "
   "line", urban.line(23))
urban.key(ESC)
urban.key("n")
ok(urban.wait_for("n: urban may not open a prioritisation round (needs the "
   "role facilitator)"), "a member's n is refused at once, no form opens",
   urban.line(23))
ok("Open a prioritisation round" not in urban.text(), "no form opened",
   urban.text())
urban.key(ENTER)
obs = Tui(["tui", "--member", "obs", "--lang", "en"])
obs.wait_for("@obs")
obs.key("8")
obs.wait_for("Vote caché")
obs.key(ENTER)
ok(obs.wait_for("10 points each (members vote)."), "an observer sees the "
   "budget, not a ballot", obs.text())
ok("give" not in obs.line(23), "an observer is not offered + give",
   obs.line(23))
obs.key("+")
ok(obs.wait_for("+: obs may not vote in a prioritisation round (needs the "
   "role member)"), "an observer's + is refused at once with the reason",
   obs.line(23))

# ---- the facilitator closes the hidden round: now the ranking ----
f.key("c")
ok(f.wait_for("Close round #2 and rank it?"), "c asks to confirm",
   f.line(23))
f.key("y")
ok(f.wait_for("Round #2 closed: the ranking."), "y closes the round",
   f.text())
show = json.loads(cli("round", "show", "2", "--json"))
ok([r["points"] for r in show["ranking"]][:2] == [5, 3],
   "the CLI ranks 5 then 3 points", show)
ok(f.wait_for("Closed: the ranking."), "the pane shows the ranking",
   f.text())
rows = [cols(l) for l in f.text().splitlines() if "#" in l and
        "Round" not in l]
ok(rows[:2] == [["1.", "0", "5"], ["2.", "0", "3"]],
   "ranked as the CLI: 5 then 3 points", rows)
ok(obs.wait_for("1.") and "5" in obs.text(), "the observer's terminal "
   "follows: the ranking once closed", obs.text())
obs.close()

# ---- round 1 closes, a theme from its two best needs ----
f.key(ESC)
ok(f.wait_for("Prioritisation rounds (2)"), "Escape goes back to the list",
   f.text())
f.key(END)
f.key("c")
ok(f.wait_for("Close round #1 and rank it?"), "c on the list's round #1 asks "
   "to confirm", f.line(23))
f.key("n")
ok(f.wait_for("Cancelled."), "n keeps it open", f.line(23))
ok(json.loads(cli("round", "show", "1", "--json"))["status"] == "open",
   "the round is still open", "")
f.key("c")
f.key("y")
ok(f.wait_for("Round #1 closed: the ranking."), "c then y closes round #1 "
   "from the list", f.text())
rk1 = json.loads(cli("round", "show", "1", "--json"))["ranking"]
top = [r["need"] for r in rk1][:2]
lines = [l for l in f.text().splitlines() if "#" in l and
         "Round" not in l][:2]
shown = [cols(l) for l in lines]
ok([(c[0], c[-1]) for c in shown] == [("1.", str(rk1[0]["points"])),
                                      ("2.", str(rk1[1]["points"]))],
   "the closed round's ranking is the CLI's", (shown, rk1))
ok([int(l.split("#")[1].split()[0]) for l in lines] == top,
   "with the CLI's two best needs, in order", (lines, top))
f.key("9")
ok(f.wait_for("Themes and Switch workstreams (0)"), "key 9 opens the switch "
   "pane, empty", f.text())
ok("new theme" in f.line(23), "the facilitator is offered n new theme",
   f.line(23))
f.key("n")
ok(f.wait_for("Make a theme") and "Specification" in f.text(),
   "n opens the theme's form", f.text())
form_text(f, 0, "Mobilité en montagne")
form_text(f, 1, "Un bus du soir.\rDu réseau dans la vallée.", multi=True)
form_text(f, 2, "Switch Alpes")
# From round: (none), #2, #1 (newest first): #1 is the third line.
form_set(f, 3, [2])
form_text(f, 4, "2")
f.key(END)
f.key(ENTER)
ok(f.wait_for("Theme #1 made."), "Save makes theme #1", f.text())
ok(f.wait_for("Switch Alpes") and f.wait_for("Un bus du soir."),
   "the theme is shown with its Switch and specification", f.text())
f.key("w")
ok(f.wait_for("New workstream on theme #1"), "w asks the workstream's title",
   f.text())
f.key("Navette solidaire")
f.key(ENTER)
ok(f.wait_for("Workstream #1 opened on theme #1."), "the workstream opens",
   f.text())
ok(f.wait_for("0 signed up"), "nobody signed up yet", f.text())

urban.key("9")
ok(urban.wait_for("Mobilité en montagne"), "urban sees the theme", urban.text())
ok("new theme" not in urban.line(23), "urban is not offered n new theme",
   urban.line(23))
urban.key("n")
ok(urban.wait_for("n: urban may not make a theme (needs the role "
   "facilitator)"), "a member's n is refused at once", urban.line(23))
urban.key(ENTER)
ok(urban.wait_for("Navette solidaire"), "urban opens the theme: its "
   "workstream", urban.text())
ok("sign up" in urban.line(23), "urban is offered s sign up",
   urban.line(23))
urban.key("s")
ok(urban.wait_for("Signed up for workstream #1."), "s signs urban up",
   urban.text())
ok(urban.wait_for("1 signed up: urban"), "the row says who signed up",
   urban.text())
urban.key("s")
ok(urban.wait_for("s: urban already signed up for workstream 1"),
   "signing up twice is refused at once", urban.line(23))
ok(f.wait_for("1 signed up: urban"), "the facilitator's terminal follows",
   f.text())

th = json.loads(cli("theme", "show", "1", "--json"))
ok(th["title"] == "Mobilité en montagne" and
   th["spec"] == "Un bus du soir.\nDu réseau dans la vallée." and
   th["switch"] == "Switch Alpes" and th["round"] == 1 and
   sorted(th["needs"]) == sorted(top),
   "cercle theme show agrees: title, spec, Switch, round, its two best "
   "needs", th)
ok(th["workstreams"] == [{"id": 1, "title": "Navette solidaire",
                          "members": ["urban"]}],
   "and the workstream with urban signed up", th)
for t in (f, urban, irts):
    t.close()

# ---- ? lists the new keys, the viewer's only ----
f = Tui(["tui", "--member", "facil", "--lang", "en"])
f.wait_for("@facil")
f.key("8")
f.key("?")
ok(f.wait_for("open a prioritisation round") and
   "give one of your points" in f.text() and
   "close the prioritisation round" in f.text(),
   "? in the rounds pane lists round-open, dot-add, round-close", f.text())
f.key(ESC)
f.key("9")
f.key("?")
ok(f.wait_for("make a theme") and "open a workstream" in f.text() and
   "sign up for the selected workstream" in f.text(),
   "? in the switch pane lists theme-add, workstream-add, workstream-join",
   f.text())
f.close()
m = Tui(["tui", "--member", "zinc", "--lang", "en"])
m.wait_for("@zinc")
m.key("8")
m.key("?")
m.settle()
ok("give one of your points" in m.text() and
   "open a prioritisation round" not in m.text(),
   "a member's ? lists dot-add, not the facilitator's round-open", m.text())
m.close()

# ---- French ----
fr = Tui(["tui", "--member", "urban"])
fr.wait_for("@urban")
fr.key("8")
fr.key(HOME)
ok(fr.wait_for("Priorisations"), "in French the pane is Priorisations",
   fr.text())
fr.key(ENTER)
fr.key("c")
ok(fr.wait_for("c: urban ne peut pas clore une priorisation"),
   "the refusal is in French", fr.line(23))
fr.key("9")
fr.wait_for("Mobilité en montagne")
fr.key(ENTER)
ok(fr.wait_for("1 inscrit\u00a0: urban") and "Cahier des charges" in
   fr.text(), "the switch pane speaks French", fr.text())
fr.close()

# ---- with a screen reader: rows read as sentences ----
sr = Tui(["tui", "--member", "irts", "--lang", "en", "--screen-reader"])
sr.wait_for("@irts")
sr.key("8")
ok(sr.wait_for("round 2, closed, hidden, over needs, 2 items, 10 points "
   "each: Vote caché"), "screen reader: a round's row is a sentence",
   sr.text())
sr.key(HOME)
sr.key(ENTER)
ok(sr.wait_for("; rank 1; yours 0; all 5"), "an item reads its rank, the "
   "viewer's points and all points after their labels", sr.text())
sr.key("9")
sr.key(ENTER)
ok(sr.wait_for("workstream 1: Navette solidaire  (1 signed up: urban)"),
   "a workstream's row reads who signed up", sr.text())
sr.close()

# ---- the first screen of both panes at 80x24 (reported, not asserted) ----
for key, name in (("8", "rounds"), ("9", "switch")):
    t = Tui(["tui", "--member", "zinc", "--lang", "en"])
    t.wait_for("@zinc")
    t.key(key, 0.3)
    t.key("q")
    t.wait_exit()
    t.close()
    # The next session opens on the pane saved: its whole first screen.
    t = Tui(["tui", "--member", "zinc", "--lang", "en"])
    t.settle(0.5)
    n = len(t.raw)
    ok(n > 0, "first screen of the %s pane at 80x24: %d bytes (budget 2560)"
       % (name, n))
    t.raw.clear()
    t.key(ENTER, 0.5)
    ok(len(t.raw) > 0, "opening the newest line of the %s pane: %d bytes"
       % (name, len(t.raw)))
    t.raw.clear()
    t.key("-" if key == "8" else "s", 0.5)
    ok(len(t.raw) > 0, "then %s: %d bytes" % (
       "- refused (nothing to take back)" if key == "8" else
       "s signs up (the row and the status line)", len(t.raw)))
    t.close()

done_testing()
