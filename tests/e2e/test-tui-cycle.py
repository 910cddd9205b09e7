# End-to-end (issue 10, "Done when"): a facilitator, five members, a
# correspondent and a sage, each in their own terminal at 80x24 (real
# ptys), run a needs cycle and two meetings from the review to the minutes
# with no CLI command after the hub's set-up. The correspondent reports a
# need with the form, a member supports it, a tension is linked to it from
# the agenda; meeting 1: check-in (room and remote), quorum, the review, the
# tension taken up, a proposal, the four positions from the vote pane, the
# decision with its alert and the lone block on record, two actions (owner
# picked, due date typed), the meeting closed after a confirmation; meeting
# 2: the review lists the open actions (overdue first), the vote pane
# follows the facilitator's new proposal, two blocks reject it, it goes to
# the sages and the sage answers in the interface, a member is marked as
# left, the meeting closes after a confirmation, its minutes are shown and
# saved to a file. Every status line seen in any terminal fits the 80
# columns in one line (a cut one ends with the interface's mark); the CLI,
# read-only, then finds every act in the store.
# The prioritisation round and the Switch sign-up: test-tui-cycle-switch.py.
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import (CTRL_S, DOWN, END, ENTER, ESC, HOME, TMP, Tui, cli,
                    done_testing, ok)
from cyclelib import (CUT, SESSIONS, Term, check_status_lines,
                      close_all, one_line, select, setup_cast, status)

os.chdir(TMP)
START = time.time()

# ---- the set-up: the CLI, once ----
setup_cast()
journal_before = len(json.loads(cli("journal", "--json")))


def rows_with(t, needle):
    return [i for i, l in enumerate(t.text().splitlines()) if needle in l]


F = Term("facil")
U = Term("urban")
I = Term("irts")
Z = Term("zinc", lang=None)	# the hub's French
D = Term("adrets")
R = Term("arsenic")
C = Term("corr")
S = Term("sage", lang=None)	# French too
ok(all(t.wait_for("@" + t.login) for t in SESSIONS),
   "eight terminals at 80x24: a facilitator, five members, a correspondent "
   "and a sage", "\n".join(t.text() for t in SESSIONS))
for t in SESSIONS:
    t.settle(0.1)

# ---- the needs cycle: report, support, link ----
C.key("1")
C.key("n")
ok(C.wait_for("Report a need") and "Azur" in C.text(),
   "the correspondent opens the need form (n), their territory offered",
   C.text())
C.key(HOME)
C.key(ENTER)
C.key("Pas de réseau à Briançon")
C.key(ENTER)
C.key(DOWN)
C.key(ENTER)
C.key("La vallée est mal couverte.")
C.key(CTRL_S)
C.wait_for("La vallée est mal couverte.")
C.key(END)
C.key(ENTER)
ok(C.wait_for("Need #1 reported."), "the correspondent reports the need",
   C.text())
C.key("3")
C.key("a")
one_line(C, "a: ", "a correspondent taking a position")

U.key("1")
ok(U.wait_for("Pas de réseau à Briançon"), "a member sees the new need "
   "live", U.text())
select(U, "Pas de réseau")
U.key("s")
ok(U.wait_for("Supported: seen here too (#1)."), "the member supports it "
   "(s)", U.text())
U.key("s")
one_line(U, "s: ", "supporting it twice")
F.key("1")
F.wait_for("Pas de réseau")
select(F, "Pas de réseau")
F.key("t")
F.wait_for("New status:")
line = status(F)
ok("q qualified" in line and "x archived" in line and "s in a" not in line
   and "a addressed" not in line and not line.endswith(CUT),
   "t offers only where the reported need may go, in one line", line)
F.key(ESC)

I.key("2")
I.key("n")
ok(I.wait_for("Kind of tension"), "a member adds a tension from the "
   "agenda (n)", I.text())
I.key("p")
I.key("Couverture réseau en montagne" + ENTER +
      "Les vallées signalent des zones blanches.")
I.key(CTRL_S)
ok(I.wait_for("Couverture réseau en montagne"), "the tension is on the "
   "agenda", I.text())
select(I, "Couverture réseau")
I.key("L")
ok(I.wait_for("Needs of tension #1"), "L asks for the needs (need-link)",
   I.text())
I.key("1")
I.key(ENTER)
ok(I.wait_for("linked to 1 need"), "the tension is linked to the need",
   I.text())
D.key("2")
D.wait_for("Couverture réseau")
select(D, "Couverture réseau")
D.key("L")
one_line(D, "L: only the tension's author", "another member linking it")
D.key("n")
D.wait_for("Kind of tension")
D.key("c")
D.key("Changer de local" + ENTER + "Le bail finit en juin.")
D.key(CTRL_S)
ok(D.wait_for("Changer de local"), "a second tension, for the next meeting",
   D.text())

# ---- meeting 1: opening, presence, quorum, review ----
for t in (U, I, Z, R):
    t.key("4")
ok(U.wait_for("No meeting is open"), "members wait on the meeting pane",
   U.text())
U.key("O")
one_line(U, "O: ", "a member opening a meeting")
Z.key("O")
one_line(Z, "O: ", "the same in French")
F.key("4")
F.key("O")
ok(F.wait_for("Meeting open."), "the facilitator opens meeting 1 (O)",
   F.text())
ok(F.wait_for("0 open actions"), "its first item is the review: no open "
   "action yet", F.text())
for t in (U, I):
    t.key("i")
Z.key("i")
ok(U.wait_for("You are checked in.") and I.wait_for("You are checked in.")
   and Z.wait_for("Vous"), "three members check in remotely (i)",
   U.text() + Z.text())
for who in (" facil ", " adrets ", " arsenic "):
    select(F, who)
    F.key(" ")
ok(F.wait_for("Present 6 of 6; quorum 4: reached"), "the facilitator marks "
   "three in the room: the quorum is shown reached", F.text())
ok("remote" in F.text() and "in the room" in F.text(), "room and remote "
   "told apart", F.text())
F.key("R")
ok(F.wait_for("Action plan reviewed."), "the review is recorded (R)",
   F.text())
F.key("t")
ok(F.wait_for("Couverture réseau en montagne — understood by 0 of 6"),
   "the tension linked to the need is taken up from the agenda (t)",
   F.text())
for t in (U, Z, R):
    t.key("k")
ok(F.wait_for("understood by 3 of 6"), "acknowledgements arrive live",
   F.text())
# A proposal on a tension not taken up is refused before any editor.
D.key(HOME)
select(D, "Changer de local")
D.key("p")
one_line(D, "p: tension 2 is not taken up in meeting 1",
         "a proposal on the tension not taken up")
Z.key("2")
Z.wait_for("Changer de local")
select(Z, "Changer de local")
Z.key("p")
one_line(Z, "p: tension 2 non prise en réunion 1", "the same in French")
select(Z, "Couverture réseau")
Z.key("L")
one_line(Z, "L: seuls l'auteur ou le facilitateur", "linking another's "
         "tension, in French")
Z.key("4")

# ---- the proposal and the four positions from the vote pane ----
for t in (U, Z, D, R):
    t.key("3")
ok(U.wait_for("No proposal yet") and D.wait_for("No proposal yet"),
   "members wait on the vote pane", U.text())
I.key("2")
select(I, "Couverture réseau")
I.key("p")
ok(I.wait_for("Proposal on tension #1"), "the tension's author proposes "
   "from the agenda (p)", I.text())
I.key("Un relais mobile par vallée, financé à parts égales.")
I.key(CTRL_S)
ok(I.wait_for("is open in the meeting."), "the proposal is live", I.text())
ok(all(t.wait_for("Un relais mobile par vallée") for t in (U, Z, D, R)),
   "every member waiting on the vote pane sees it, no key pressed",
   U.text())
p1 = U.text().split("Proposal #")[1].split(" ")[0]
U.key("a")
ok(U.wait_for("Your position: approve"), "urban approves (a)", U.text())
I.key("3")
I.key("v")
ok(I.wait_for("point of vigilance"), "alert asks for the point of "
   "vigilance", I.text())
I.key("Vérifier la couverture de Névache.")
I.key(CTRL_S)
ok(I.wait_for("Your position: alert"), "irts alerts (v)", I.text())
Z.key("r")
ok(Z.wait_for("retrait"), "zinc withdraws (r), in French", Z.text())
D.key("b")
D.wait_for("#" + p1)
D.key("Le coût par vallée est sous-estimé.")
D.key(CTRL_S)
ok(D.wait_for("Your position: block"), "adrets blocks (b) with a reason",
   D.text())
R.key("a")
ok(R.wait_for("Your position: approve"), "arsenic approves", R.text())
S.key("3")
S.key("a")
one_line(S, "a: sage ne peut pas prendre position", "the sage taking a "
         "position (French)")
F.key("4")
ok(F.wait_for("2 approve · 1 alert · 1 withdraw · 1 block"), "the console "
   "shows the tally live", F.text())
U.key("4")
U.key("c")
one_line(U, "c: ", "a member closing the round")
Z.key("4")
Z.key("c")
one_line(Z, "c: ", "the same in French")
Z.key("3")
F.key("c")
ok(F.wait_for("Round closed: retained."), "the round closes: retained",
   F.text())
ok(R.wait_for("is closed: retained"), "a member on the vote pane is told",
   R.text())
R.key("b")
one_line(R, "closed", "a position on the closed round")
ok(R.wait_for("Decision #") and R.wait_for("Blocks on record") and
   R.wait_for("Le coût par vallée est sous-estimé.") and
   R.wait_for("Vérifier la couverture de Névache."),
   "the decision text keeps the alert, the lone block is on record",
   R.text())

# ---- actions on the decision ----
F.key("5")
ok(F.wait_for("Un relais mobile"), "the action plan lists the decision",
   F.text())
select(F, "Un relais mobile")
F.key(ENTER)
ok(F.wait_for("Blocks on record") and F.wait_for("Vérifier la couverture"),
   "Enter shows the decision whole", F.text())


def add_action(title, owner_index, due, owner):
    F.key("n")
    ok(F.wait_for("New action for decision"), "n asks the title (%s)"
       % title, F.text())
    F.key(title)
    F.key(CTRL_S)
    ok(F.wait_for("Owner of"), "then the owner, from the members", F.text())
    F.key(HOME)
    for _ in range(owner_index):
        F.key(DOWN, 0.05)
    F.key(ENTER)
    ok(F.wait_for("Due date, as"), "then the due date", F.text())
    F.key(due)
    F.key(CTRL_S)
    ok(F.wait_for("added to decision") and F.wait_for("for " + owner),
       "the action is added, owned by %s" % owner, F.text())


# The owners offered: facil, urban, irts, zinc, adrets, arsenic, ...
add_action("Chiffrer les relais", 2, "2099-03-01", "irts")
F.key("n")
F.wait_for("New action for decision")
F.key("Demander les devis")
F.key(CTRL_S)
F.wait_for("Owner of")
F.key(HOME)
for _ in range(3):
    F.key(DOWN, 0.05)
F.key(ENTER)
F.wait_for("Due date, as")
F.key("2020-01-10x")
F.key(CTRL_S)
one_line(F, "is not a date", "a wrong date")
F.key("\x7f")
F.key(CTRL_S)
ok(F.wait_for("added to decision") and F.wait_for("for zinc"),
   "a second action, already late, owned by zinc", F.text())
F.key(ESC)
ok(F.wait_for("Chiffrer les relais") and F.wait_for("Demander les devis"),
   "the plan shows both", F.text())
U.key("5")
U.wait_for("Demander les devis")
select(U, "Demander les devis")
U.key("s")
one_line(U, "only the owner (zinc) or the facilitator",
         "a member changing another's action")

# ---- meeting 1 closes ----
F.key("4")
F.key("C")
ok(F.wait_for("Close meeting #1?"), "C asks for a confirmation", F.text())
F.key("y")
ok(F.wait_for("Meeting closed."), "y closes meeting 1", F.text())

# ---- meeting 2: the review lists the open actions, overdue first ----
F.key("O")
ok(F.wait_for("Meeting open."), "the facilitator opens meeting 2", F.text())
ok(F.wait_for("2 open actions:"), "the review lists the open actions",
   F.text())
late, due = rows_with(F, "Demander les devis"), rows_with(F, "Chiffrer")
lines = F.text().splitlines()
ok(late and due and late[0] < due[0] and "!" in lines[late[0]] and
   "!" not in lines[due[0]], "overdue first, marked by a sign", F.text())
for t in (U, I, R):
    t.key("4")
    t.key("i")
Z.key("4")
Z.key("i")
ok(Z.wait_for("Vous"), "members check in again", Z.text())
for who in (" facil ", " adrets "):
    select(F, who)
    F.key(" ")
ok(F.wait_for("Present 6 of 6; quorum 4: reached"), "quorum reached",
   F.text())
F.key("R")
ok(F.wait_for("Action plan reviewed."), "the review is recorded", F.text())
F.key("t")
ok(F.wait_for("Changer de local — understood"), "the second tension is "
   "taken up", F.text())

# The vote pane follows the facilitator's new proposal.
for t in (U, I, Z, D, R):
    t.key("3")
ok(U.wait_for("No proposal yet"), "nothing of meeting 1 shows on the vote "
   "pane", U.text())
F.key("2")
select(F, "Changer de local")
F.key("p")
ok(F.wait_for("Proposal on tension #2"), "the facilitator proposes (p)",
   F.text())
F.key("Déménager à la Friche en juin.")
F.key(CTRL_S)
ok(F.wait_for("is open in the meeting."), "the facilitator's proposal is "
   "live", F.text())
ok(all(t.wait_for("Déménager à la Friche en juin.") for t in (U, I, Z, D, R)),
   "every member's vote pane follows it", R.text())
p2 = R.text().split("Proposal #")[1].split(" ")[0]
for t in (U, I):
    t.key("a")
D.key("b")
D.wait_for("#" + p2)
D.key("Trop loin des Alpes.")
D.key(CTRL_S)
R.key("b")
R.wait_for("#" + p2)
R.key("Le loyer double.")
R.key(CTRL_S)
ok(D.wait_for("Your position: block") and R.wait_for("Your position: block"),
   "two members block", D.text() + R.text())
F.key("4")
ok(F.wait_for("2 blocks reject; 2 so far"), "the console sees both",
   F.text())
F.key("c")
ok(F.wait_for("Round closed: rejected"), "two blocks reject it", F.text())
F.key("j")
one_line(F, "proposal 2: waiting for adrets, arsenic to agree to adjourn",
         "adjourning before the blockers agree")
Z.key("A")
one_line(Z, "A: zinc n'a pas bloqué la proposition 2", "agreeing to adjourn "
         "without having blocked, in French")
U.key("4")
U.key("x")
one_line(U, "x: ", "a member sending it to the sages")
F.key("x")
ok(F.wait_for("Sent to the sages."), "the facilitator sends it to the "
   "sages (x)", F.text())

# ---- the sage answers, in the interface ----
U.key("3")
U.wait_for("Déménager")
U.key("y")
one_line(U, "y: ", "a member answering for the sages")
S.key(HOME)
ok(S.wait_for("Déménager à la Friche en juin.") and
   S.wait_for("envoyée aux sages"), "the sage sees the escalated proposal",
   S.text())
S.key("y")
ok(S.wait_for("La réponse des sages sur la proposition"), "y opens the sages' answer",
   S.text())
S.key("Garder le local actuel, revoir en mars.")
S.key(CTRL_S)
ok(S.wait_for("est consignée"), "the sages' answer is recorded", S.text())

# ---- every refusal the correspondent and the sage meet, one line each ----
SWEEP = {"2": "nKJpLF", "3": "avrbeA[]uyF", "4": "O iRtkQcjxCwavrbuLs",
         "5": "sneF"}


def sweep(t):
    """Every key of the agenda, vote, meeting and action panes: a refusal
    is one line naming its key; what opens (an editor, a choice) is
    cancelled."""
    refusals = 0
    for pane, keys in SWEEP.items():
        t.key(pane)
        for k in keys:
            t.key(k)
            line = status(t)
            if line.startswith(("%s: " % k, "Space: ")):
                refusals += 1
            elif "C-s" in line or "Esc" in line or "chap" in line:
                t.key(ESC)
    return refusals


n = sweep(C) + sweep(S)
ok(n >= 30, "the correspondent and the sage meet %d refusals, each in one "
   "line naming its key" % n)

# ---- a member leaves, the meeting closes, the minutes ----
select(F, " arsenic ")
F.key("L")
ok(F.wait_for("arsenic has left the meeting."), "the facilitator marks a "
   "member as having left (L)", F.text())
ok(F.wait_for("Present 5 of 6"), "the console counts them gone", F.text())
F.key("C")
ok(F.wait_for("Close meeting #2?"), "C asks for a confirmation", F.text())
F.key("n")
ok(F.wait_for("The meeting stays open."), "n keeps it open", F.text())
F.key("C")
F.wait_for("Close meeting #2?")
F.key("y")
ok(F.wait_for("Meeting closed."), "y closes meeting 2", F.text())
F.key("m")
ok(F.wait_for("Minutes of meeting number"), "m asks which meeting",
   F.text())
F.key(CTRL_S)
ok(F.wait_for("Minutes of meeting #2"), "the minutes are shown", F.text())
F.key(END)
F.key(HOME)
F.key("s")
ok(F.wait_for("minutes-2.md"), "s offers a file name", F.text())
F.key(CTRL_S)
ok(F.wait_for("saved to minutes-2.md"), "the minutes are saved", F.text())

walk = time.time() - START

# A message wider than the screen is cut with a mark, so a cut shows.
N = Tui(["tui", "--member", "urban", "--lang", "en"], cols=40, rows=24)
N.key("4")
N.key("O")
N.wait_for("O: ")
line = status(N)
ok(line.endswith(CUT) and len(line) == 40 and line.startswith("O: "),
   "at 40 columns a longer message ends with the mark of a cut", N.text())
N.resize(30, 24)
N.key("1")
N.key("F")
N.wait_for("Flag which text?")
line = status(N)
ok(line.endswith(CUT) and "t title" in line and len(line) == 30,
   "at 30 columns a choice that does not fit ends with the mark too",
   N.text())
N.key(ESC)
N.close()
close_all()
check_status_lines(40)

# ---- the store, read by the CLI ----
path = os.path.join(TMP, "minutes-2.md")
body = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
ok(body and body == cli("minutes", "2"), "the file is `cercle minutes 2`",
   body[:2000])
ok("En salle : facil, adrets" in body.replace("\u00a0", " ") and
   "arsenic, départ de la salle" in body and "**EN RETARD** #2" in body and
   "Garder le local actuel" in body and "Trop loin des Alpes." in body,
   "it holds the presence, who left, the late action, the blocks and the "
   "sages' answer", body[:3000])
n = json.loads(cli("need", "show", "1", "--json"))
ok(n.get("title") == "Pas de réseau à Briançon" and
   n.get("territory") == "Azur" and "urban" in json.dumps(n),
   "the need, reported by corr in Azur, supported by urban", n)
tj = json.loads(cli("tension", "show", "1", "--json"))
ok(tj.get("needs") == [1], "the tension is linked to need #1", tj)
ps1 = cli("proposal", "show", p1)
ok("retained" in ps1 and "Vérifier la couverture de Névache." in ps1 and
   "Le coût par vallée est sous-estimé." in ps1, "proposal %s: retained, "
   "its alert and its block" % p1, ps1)
ps2 = cli("proposal", "show", p2)
ok(json.loads(cli("proposal", "show", p2, "--json")).get("status") ==
   "escalated" and "sent to the sages" in ps2 and
   "Garder le local actuel" in ps2,
   "proposal %s: rejected, sent to the sages, with the sages' answer" % p2, ps2)
dec = json.loads(cli("decision", "list", "--json"))
dl = dec if isinstance(dec, list) else dec.get("decisions", [])
ok(len(dl) == 1 and "Vérifier la couverture de Névache." in json.dumps(
    dl[0], ensure_ascii=False), "one decision, its text with the alert",
   dec)
acts = json.loads(cli("action", "list", "--json"))
al = acts if isinstance(acts, list) else acts.get("actions", [])
got = sorted((a.get("title"), a.get("owner"), str(a.get("due"))[:10])
             for a in al)
ok(got == [("Chiffrer les relais", "irts", "2099-03-01"),
           ("Demander les devis", "zinc", "2020-01-10")],
   "two actions, with the owners picked and the dates typed", acts)
jr = json.loads(cli("journal", "--json"))[journal_before:]
ops = set(j.get("op") for j in jr)
actors = set(j.get("actor", "").split(":")[-1] for j in jr)
ok(len(jr) >= 30 and actors <= set(t.login for t in SESSIONS),
   "the journal holds the walk's %d entries, each by one of the eight "
   "(%s)" % (len(jr), " ".join(sorted(actors))), sorted(ops))
ok(walk < 90, "the walk took %.0f s" % walk)
done_testing()
