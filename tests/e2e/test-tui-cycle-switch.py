# End-to-end (issue 10, "Done when", the needs cycle to its end): the
# same cast as test-tui-cycle.py, eight terminals at 80x24 in real ptys,
# and no CLI command after the hub's set-up. The correspondent reports
# three needs with the form, members support them; the facilitator opens
# a prioritisation round over them in the rounds pane (8); the five
# members spread and take back their points, the budget left always in
# sight, the live ranking in the facilitator's terminal; the facilitator
# closes it and every terminal shows the ranking; in the switch pane (9)
# the facilitator makes a theme from the round's two best needs and opens
# a workstream; members, the correspondent and the sage sign up, seen
# live. Every act refused (a correspondent or a sage giving points, a
# member closing the round or making a theme, a second sign-up) is one
# whole line, as is every status line seen; the CLI, read-only, then
# finds the round's ranking, the theme and the sign-ups in the store.
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import (CTRL_S, DOWN, END, ENTER, ESC, HOME, TMP, cli,
                    done_testing, ok)
from cyclelib import (SESSIONS, Term, check_status_lines, close_all,
                      one_line, select, setup_cast, status)

os.chdir(TMP)
START = time.time()
setup_cast()
journal_before = len(json.loads(cli("journal", "--json")))

F = Term("facil")
U = Term("urban")
I = Term("irts")
Z = Term("zinc", lang=None)	# the hub's French
D = Term("adrets")
R = Term("arsenic")
C = Term("corr")
S = Term("sage", lang=None)	# French too
ok(all(t.wait_for("@" + t.login) for t in SESSIONS),
   "eight terminals at 80x24", "\n".join(t.text() for t in SESSIONS))
VOTERS = (U, I, Z, D, R)


def form_down(t, field):
    """To a form's field, from its first line."""
    t.key(HOME)
    for _ in range(field):
        t.key(DOWN, 0.05)


def form_text(t, field, text, confirm=ENTER):
    form_down(t, field)
    t.key(ENTER)
    t.key(text)
    t.key(confirm)


# ---- the correspondent reports three needs ----
NEEDS = ["Pas de réseau à Briançon", "Bus du soir vers Gap",
         "Médecin à Digne"]
C.key("1")
for i, title in enumerate(NEEDS, 1):
    C.key("n")
    C.wait_for("Report a need")
    C.key(HOME)
    C.key(ENTER)
    C.key(title)
    C.key(ENTER)
    C.key(END)
    C.key(ENTER)
    ok(C.wait_for("Need #%d reported." % i), "the correspondent reports "
       "need #%d with the form" % i, C.text())

# Members support them: #2 by two members, #1 by one.
for t, title in ((U, NEEDS[1]), (I, NEEDS[1]), (D, NEEDS[0])):
    t.key("1")
    t.wait_for(title)
    select(t, title)
    t.key("s")
    ok(t.wait_for("Supported: seen here too"), "%s supports %s"
       % (t.login, title), t.text())

# ---- the prioritisation round ----
U.key("8")
ok(U.wait_for("No prioritisation round yet"), "a member on the rounds pane "
   "(8): no round yet", U.text())
U.key("n")
one_line(U, "n: urban may not open a prioritisation round",
         "a member opening a round")
F.key("8")
F.key("n")
ok(F.wait_for("Open a prioritisation round"), "the facilitator opens the "
   "round's form (n, round-open)", F.text())
form_text(F, 0, "Priorités 2027")
form_down(F, 1)
F.key(ENTER)			# the needs: a set from the hub's list
F.key(HOME)
for _ in range(3):
    F.key(ENTER)
    F.key(DOWN, 0.05)
ok(F.wait_for("[x] #"), "the three needs are picked from the hub's list",
   F.text())
F.key(ESC)
F.key(END)
F.key(ENTER)
ok(F.wait_for("Round #1 opened."), "Save opens round #1", F.text())
ok(F.wait_for("Your points: 10 left of 10 (0 given)"), "the facilitator "
   "sees its budget", F.text())

for t in VOTERS:
    t.key("8")
    t.key(HOME)
    t.key(ENTER)
ok(all(t.wait_for("Priorités 2027") for t in VOTERS) and
   U.wait_for("Your points: 10 left of 10") and
   Z.wait_for("10 restants sur 10"),
   "the five members open it: 10 points each, the budget in sight",
   U.text() + Z.text())
C.key("8")
C.key(HOME)
C.key(ENTER)
ok(C.wait_for("10 points each (members vote)."), "the correspondent sees "
   "the round, not a ballot", C.text())
C.key("+")
one_line(C, "+: corr may not vote in a prioritisation round",
         "a correspondent giving a point")
S.key("8")
S.key(HOME)
S.key(ENTER)
S.wait_for("Priorités 2027")
S.key("+")
one_line(S, "+: sage ne peut pas", "a sage giving a point (French)")

# Each member: a need by its title, points given (dot-add) and taken
# back (dot-remove); the next waits until it sees the one before.
PLAN = [(U, NEEDS[1], 4, 0), (I, NEEDS[0], 3, 1), (Z, NEEDS[1], 3, 0),
        (D, NEEDS[2], 2, 0), (R, NEEDS[0], 5, 1)]
for n, (t, title, give, back) in enumerate(PLAN):
    if n:
        t.wait_for("%d member" % n)
    select(t, title)
    for _ in range(give):
        t.key("+", 0.05)
    for _ in range(back):
        t.key("-", 0.05)
    left, given = 10 - give + back, give - back
    words = ("%d restants sur 10 (%d donnés)" % (left, given)
             if t is Z else "Your points: %d left of 10 (%d given)"
             % (left, given))
    ok(t.wait_for(words), "%s gives %d to %s%s: %d left" % (
       t.login, give, title, " and takes %d back" % back if back else "",
       left), t.text())
select(I, NEEDS[2])
I.key("-")
one_line(I, "-: none of your points is on this item", "taking back where "
         "irts gave nothing")
ok(F.wait_for("5 members gave points"), "the facilitator's terminal "
   "follows: 5 members gave points", F.text())
rows = F.text().splitlines()
rank = {title: [l for l in rows if title in l] for title in NEEDS}
ok(all(rank.values()) and rank[NEEDS[1]][0].split()[:1] == ["1."] and
   rank[NEEDS[0]][0].split()[:1] == ["2."] and
   rank[NEEDS[1]][0].split()[2] == "7" and
   rank[NEEDS[0]][0].split()[2] == "6",
   "the live ranking: the bus 7 points first, the network 6 second",
   F.text())
U.key("c")
one_line(U, "c: urban may not close a prioritisation round",
         "a member closing the round")
F.key("c")
ok(F.wait_for("Close round #1 and rank it?"), "c asks to confirm",
   F.text())
F.key("y")
ok(F.wait_for("Round #1 closed: the ranking."), "y closes the round",
   F.text())
ok(all(t.wait_for("Closed: the ranking.") for t in (U, I, D, R)) and
   Z.wait_for("le classement. Vous avez donné"), "every member's terminal shows "
   "the ranking", R.text())
top = [l for l in R.text().splitlines() if l.split()[:1] == ["1."]]
ok(top and NEEDS[1] in top[0], "ranked first: %s" % NEEDS[1], R.text())
U.key("+")
one_line(U, "over", "a point on the closed round")

# ---- the Switch: a theme, a workstream, the sign-ups ----
U.key("9")
ok(U.wait_for("Themes and Switch workstreams (0)"), "the switch pane (9), "
   "empty", U.text())
U.key("n")
one_line(U, "n: urban may not make a theme", "a member making a theme")
F.key("9")
F.key("n")
ok(F.wait_for("Make a theme"), "the facilitator opens the theme's form "
   "(n, theme-add)", F.text())
form_text(F, 0, "Mobilité en montagne")
form_text(F, 1, "Un bus du soir." + ENTER + "Du réseau dans la vallée.",
          CTRL_S)
form_text(F, 2, "Switch Alpes")
form_down(F, 3)
F.key(ENTER)			# from round: (none), #1
F.key(HOME)
F.key(DOWN)
F.key(ENTER)
form_text(F, 4, "2")		# its two best needs
F.key(END)
F.key(ENTER)
ok(F.wait_for("Theme #1 made."), "Save makes theme #1", F.text())
ok(F.wait_for("Switch Alpes") and F.wait_for("Un bus du soir."),
   "the theme shows its Switch and specification", F.text())
F.key("w")
ok(F.wait_for("New workstream on theme #1"), "w asks the workstream's "
   "title (workstream-add)", F.text())
F.key("Navette solidaire")
F.key(ENTER)
ok(F.wait_for("Workstream #1 opened on theme #1."), "the workstream opens",
   F.text())
SIGN = (U, Z, C, S)
for t in SIGN:
    t.key("9")
    t.key(HOME)
    t.key(ENTER)
ok(all(t.wait_for("Navette solidaire") for t in SIGN), "members, the "
   "correspondent and the sage see the workstream live", C.text())
for n, t in enumerate(SIGN, 1):
    select(t, "Navette solidaire")
    t.key("s")
    ok(t.wait_for("Signed up for workstream #1.") if t not in (Z, S) else
       t.wait_for("Inscrit au chantier n°1."), "%s signs up (s, "
       "workstream-join)" % t.login, t.text())
    ok(F.wait_for("%d signed up" % n), "the facilitator's terminal "
       "follows: %d signed up" % n, F.text())
U.key("s")
one_line(U, "s: urban already signed up for workstream 1",
         "signing up twice")


def sweep(t, switch_keys="nws"):
    """Every key of the rounds and switch panes, in a list and in a
    round's or a theme's view: a refusal is one line naming its key;
    what opens is cancelled."""
    refusals = 0
    for pane, keys in (("8", "n+=-c"), ("9", switch_keys)):
        t.key(pane)
        for view in (0, 1):
            t.key(ESC if view == 0 else ENTER)
            for k in keys:
                t.key(k)
                line = status(t)
                if line.startswith("%s: " % k):
                    refusals += 1
                elif "C-s" in line or "Esc" in line or "chap" in line:
                    t.key(ESC)
    return refusals


n = sweep(C) + sweep(S) + sweep(D, "nw")	# adrets has not signed up
ok(n >= 20, "the correspondent, the sage and a member meet %d refusals on "
   "the rounds and switch panes, each one whole line naming its key" % n)
walk = time.time() - START
close_all()
check_status_lines(30)

# ---- the store, read by the CLI ----
r1 = json.loads(cli("round", "show", "1", "--json"))
pts = {x.get("need"): x.get("points") for x in r1.get("ranking", [])}
ok(r1.get("status") == "closed" and pts == {2: 7, 1: 6, 3: 2},
   "round 1: closed, ranked 7, 6, 2 points as given in the interface", r1)
th = json.loads(cli("theme", "show", "1", "--json"))
ok(th.get("title") == "Mobilité en montagne" and
   th.get("spec") == "Un bus du soir.\nDu réseau dans la vallée." and
   th.get("switch") == "Switch Alpes" and th.get("round") == 1 and
   sorted(th.get("needs", [])) == [1, 2], "theme 1: title, specification, "
   "Switch, round and its two best needs", th)
ws = th.get("workstreams", [])
ok(len(ws) == 1 and sorted(ws[0].get("members", [])) ==
   ["corr", "sage", "urban", "zinc"], "the workstream and its four "
   "sign-ups", th)
n2 = json.dumps(json.loads(cli("need", "show", "2", "--json")))
ok("urban" in n2 and "irts" in n2, "need 2 with its two supports", n2)
jr = json.loads(cli("journal", "--json"))[journal_before:]
ops = sorted(set(j.get("op") for j in jr))
actors = set(j.get("actor", "").split(":")[-1] for j in jr)
ok(actors <= set(t.login for t in SESSIONS) and
   {"need.add", "need.support", "workstream.join"} <= set(ops),
   "the journal: %d entries, each by one of the eight" % len(jr), ops)
ok(walk < 90, "the walk took %.0f s" % walk)
done_testing()
