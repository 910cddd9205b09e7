# End-to-end: a whole meeting in the interface, each person in their own
# terminal, with no CLI command after the hub's set-up: the facilitator
# opens it, members check in, the review lists the open actions (overdue
# first), a tension and a proposal are made from the agenda, positions are
# taken, the round closes retained with a lone block on record, an action
# is added with an owner picked from the members and a due date typed as
# the language writes it, edited, its status changed; unanimity is set on
# a second round, which is escalated and answered by a sage; members leave;
# the meeting closes after a confirmation; its minutes are shown and saved
# to a file. Members are not shown the facilitator's keys, and every act
# they may not take is refused in one line, before anything is typed.
import os
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import (CTRL_S, DOWN, ENTER, ESC, HOME, TMP, Tui, cli,
                    done_testing, ok, setup_hub)

os.chdir(TMP)
setup_hub()
cli("member", "add", "sage", "--name", "Sa Ge", "--role", "sage")
# The set-up: a past meeting whose decision left two open actions, one of
# them late.
cli("meeting", "open", "--as", "facil")
cli("meeting", "present", "facil", "urban", "irts", "zinc", "adrets",
    "--as", "facil")
cli("meeting", "review", "--as", "facil")
t0 = cli("tension", "add", "--as", "urban", "--kind", "project", "--title",
         "Local partagé").strip()
cli("meeting", "next", "--as", "facil")
p0 = cli("proposal", "add", t0, "--as", "urban", "--text",
         "Louer le local.").strip()
for m in ("facil", "urban", "irts", "zinc", "adrets"):
    cli("position", p0, "approve", "--as", m)
cli("proposal", "close", p0, "--as", "facil")
cli("action", "add", "1", "--as", "facil", "--owner", "irts", "--title",
    "Signer le bail", "--due", "2099-03-01")
cli("action", "add", "1", "--as", "facil", "--owner", "zinc", "--title",
    "Payer la caution", "--due", "2020-01-10")
cli("meeting", "close", "--as", "facil")


def status(t):
    return t.line(t.rows - 1).rstrip()


def refused(t, words, what):
    """The act is refused in one line naming the reason, no editor or
    choice opened, and the line fits 80 columns."""
    got = t.wait_for(words)
    line = status(t)
    ok(got and words in line and len(line) < 80 and
       "Ctrl" not in t.text() and "C-s" not in t.text(),
       "%s: refused in one line of %d columns before anything is typed"
       % (what, len(line)), t.text())


def select(t, needle, limit=40):
    """Move the list selection (Home, then Down) to the row holding
    needle; the selected row is drawn in reverse video."""
    t.key(HOME)
    for _ in range(limit):
        for y in range(2, t.rows - 1):
            line = t.line(y)
            if needle in line and t.screen.buffer[y][1].reverse:
                return True
        t.key(DOWN)
    return False


F = Tui(["tui", "--member", "facil", "--lang", "en"])
U = Tui(["tui", "--member", "urban", "--lang", "en"])
I = Tui(["tui", "--member", "irts", "--lang", "en"])
Z = Tui(["tui", "--member", "zinc"])		# French: dates as 15/01/2027
S = Tui(["tui", "--member", "sage", "--lang", "en"])
everyone = [F, U, I, Z, S]
for t in everyone:
    t.settle()

# ---- opening, presence, the review ----
F.key("4")
F.key("O")
ok(F.wait_for("Meeting open."), "the facilitator opens the meeting (O)",
   F.text())
ok(F.wait_for("2 open actions:"), "the review step lists the open actions",
   F.text())
rows = F.text().splitlines()
late = [i for i, l in enumerate(rows) if "Payer la caution" in l]
due = [i for i, l in enumerate(rows) if "Signer le bail" in l]
ok(late and due and late[0] < due[0] and "!" in rows[late[0]] and
   "!" not in rows[due[0]], "overdue first, marked by a sign", F.text())
if late:
    x = rows[late[0]].index("!")
    c = F.screen.buffer[late[0]][x]
    ok(c.fg == "red", "and by the theme's colour for late (%s)" % c.fg)

for t in (U, I, Z):
    t.key("4")
    t.key("i")
ok(U.wait_for("You are checked in.") and I.wait_for("You are checked in.")
   and Z.wait_for("Vous"), "three members check in from their terminals",
   U.text() + Z.text())
select(F, " facil ")
F.key(" ")		# in the room
select(F, " adrets ")
F.key(" ")
ok(F.wait_for("Present 5 of 7; quorum 5: reached"), "the facilitator marks "
   "the room present: quorum reached", F.text())

# A member is not shown the facilitator's keys, and is refused before
# anything happens.
U.key("?")
U.wait_for("Keys")
help_u = U.text()
U.key("x")
F.key("?")
F.wait_for("Keys")
help_f = F.text()
F.key("x")
ok("close the meeting" not in help_u and "open a meeting" not in help_u and
   "require unanimity" not in help_u and "check in" in help_u,
   "the help a member sees leaves out the facilitator's keys", help_u)
ok("close the meeting" in help_f and "open a meeting" in help_f,
   "the facilitator's help lists them", help_f)
hints_u = status(U)
ok(" C " not in hints_u + " " and "reviewed" not in hints_u,
   "nor do a member's key hints offer them", hints_u)
U.key("C")
refused(U, "may not close a meeting", "a member closing the meeting")
U.key("R")
refused(U, "may not record the action-plan review", "a member reviewing")
U.key("u")
refused(U, "No proposal in the meeting yet.", "unanimity before any round")

F.key("R")
ok(F.wait_for("Action plan reviewed."), "R records the review", F.text())

# ---- a tension and a proposal, from the agenda ----
I.key("3")
ok(I.wait_for("No proposal yet"), "a member waits on the vote pane",
   I.text())
U.key("2")
U.key("n")
ok(U.wait_for("Kind of tension"), "n on the agenda asks the kind", U.text())
U.key("p")
U.key("Budget des ateliers" + ENTER + "Répartir entre les territoires.")
U.key(CTRL_S)
ok(U.wait_for("Budget des ateliers"), "a member adds a tension", U.text())
F.key("t")
ok(F.wait_for("Budget des ateliers — understood by 0 of 5"),
   "the facilitator takes it up (t)", F.text())
for t in (U, Z):
    t.key("4")
    t.key("k")
ok(F.wait_for("understood by 2 of 5"), "members acknowledge it (k), seen "
   "live on the console", F.text())
U.key("2")
U.key(HOME)
U.key("p")
ok(U.wait_for("Proposal on tension"), "p opens the proposal editor",
   U.text())
U.key("Parts égales entre les territoires.")
U.key(CTRL_S)
ok(U.wait_for("is open in the meeting."), "the proposal is live", U.text())
ok(I.wait_for("Parts égales entre les territoires.", 3.0),
   "the member waiting on the vote pane sees it with no key pressed",
   I.text())
p1 = I.text().split("Proposal #")[1].split(" ")[0]

# A member who opened this round explicitly (pinned) will be told when the
# meeting goes on to another.
A = Tui(["tui", "--member", "arsenic", "--lang", "en", "--proposal", p1])
ok(A.wait_for("Proposal #" + p1), "another member opens the round by "
   "number", A.text())

# ---- positions, from four terminals ----
U.key("3")
U.key("a")
ok((U.wait_for("Recorded.") and U.wait_for("Your position: approve")), "approve (a)", U.text())
I.key("v")
ok(I.wait_for("point of vigilance"), "alert asks for the point of "
   "vigilance", I.text())
I.key("Suivre la montagne.")
I.key(CTRL_S)
ok((I.wait_for("Recorded.") and I.wait_for("Your position: alert")), "alert with its reason", I.text())
Z.key("3")
Z.key("b")
Z.wait_for("#" + p1)
Z.key("Trop tôt pour trancher.")
Z.key(CTRL_S)
ok(Z.wait_for("bloc"), "a lone block with its reason (French terminal)",
   Z.text())
F.key("a")
ok((F.wait_for("Recorded.") and F.wait_for("Your position: approve")), "the facilitator approves from the "
   "console", F.text())
F.key("4")
ok(F.wait_for("2 approve · 1 alert · 0 withdraw · 1 block"), "the console "
   "shows the tally", F.text())
F.key("c")
ok(F.wait_for("Round closed: retained."), "the round closes: retained",
   F.text())
ok(I.wait_for("is closed: retained"), "a member on the vote pane is told "
   "the round closed", I.text())
I.key("r")
refused(I, "closed", "a position on the closed round")

# ---- the decision and its action ----
ok(U.wait_for("Decision #") and U.wait_for("Blocks on record") and
   U.wait_for("Trop tôt pour trancher.") and
   U.wait_for("- irts: Suivre la montagne."),
   "the retained proposal shows the decision: text, alerts and the lone "
   "block on record", U.text())
F.key("5")
ok(F.wait_for("Parts égales"), "the action plan lists the new decision",
   F.text())
F.key(HOME)
F.key(ENTER)
ok(F.wait_for("Blocks on record") and F.wait_for("Suivre la montagne."),
   "Enter shows the decision whole, with alerts and the block", F.text())
F.key("n")
ok(F.wait_for("New action for decision"), "n asks the new action's title",
   F.text())
F.key("Écrire la convention")
F.key(CTRL_S)
ok(F.wait_for("Owner of"), "then the owner, picked from the members",
   F.text())
for _ in range(3):
    F.key(DOWN)	# facil, urban, irts, zinc
F.key(ENTER)
ok(F.wait_for("Due date, as"), "then the due date, with an example",
   F.text())
F.key("2027-01-15x")
F.key(CTRL_S)
ok(F.wait_for("is not a date"), "a wrong date is refused in one line",
   F.text())
F.key("\x7f")
F.key(CTRL_S)
ok(F.wait_for("added to decision") and F.wait_for("for zinc"),
   "the action is added, owned by zinc", F.text())
F.key(ESC)
ok(F.wait_for("Écrire la convention") and F.wait_for("2027-01-15"),
   "the plan shows it with its due date", F.text())

# Its owner edits it (French date) and changes its status.
Z.key("5")
ok(Z.wait_for("Écrire la convention"), "the owner sees it", Z.text())
select(Z, "Écrire la convention")
Z.key("e")
ok(Z.wait_for("Action n°3"), "e edits it: the title first", Z.text())
Z.key(CTRL_S)
Z.wait_for("Propriétaire")
Z.key(ENTER)
ok(Z.wait_for("15/01/2027"), "the due date is offered as French writes it",
   Z.text())
Z.key("\x15")	# C-u: kill to the start
Z.key("20/02/2027")
Z.key(CTRL_S)
ok(Z.wait_for("20/02/2027"), "a French date typed as 20/02/2027 is "
   "taken", Z.text())
Z.key("s")
Z.wait_for(":")
Z.key("d")
ok(Z.wait_for("en cours"), "its status changed (s, d)", Z.text())
ok(F.wait_for("doing") and F.wait_for("2027-02-20"), "the facilitator sees "
   "both changes live", F.text())
U.key("5")
U.wait_for("Écrire la convention")
select(U, "Écrire la convention")
U.key("e")
refused(U, "only the owner (zinc) or the facilitator",
        "a member editing another's action")
U.key("s")
refused(U, "only the owner (zinc) or the facilitator",
        "a member changing another's status")

# ---- a second round: unanimity, escalation, the sages' answer ----
Z.key("3")
I.key("2")
I.key("n")
I.key("c")
I.key("Changer de local" + ENTER + "Le bail finit en juin.")
I.key(CTRL_S)
ok(I.wait_for("Changer de local"), "a second tension", I.text())
F.key("4")
F.key("t")
ok(F.wait_for("Changer de local — understood"), "taken up", F.text())
I.key("2")
select(I, "Changer de local")
I.key("p")
I.key("Déménager en juin.")
I.key(CTRL_S)
ok(I.wait_for("is open in the meeting."), "a second proposal", I.text())
ok(A.wait_for("The meeting is on proposal #"), "the member pinned on the "
   "first round is told, with one key", A.text())
A.key(ENTER)
ok(A.wait_for("Déménager en juin."), "Enter goes to the new round",
   A.text())
ok(Z.wait_for("Déménager en juin."), "a member on the vote pane follows "
   "the meeting to the new round", Z.text())
F.key("u")
ok(F.wait_for("Unanimity required"), "the facilitator sets unanimity on "
   "the open round (u)", F.text())
ok(Z.wait_for("unanimit"), "the vote pane says unanimity is required",
   Z.text())
Z.key("b")
Z.key("Trop loin.")
Z.key(CTRL_S)
I.key("3")
I.key("a")
F.key("c")
ok(F.wait_for("Round closed: rejected"), "one block rejects it", F.text())
F.key("x")
ok(F.wait_for("Sent to the sages."), "the facilitator escalates it (x)",
   F.text())
U.key("3")
U.key("y")
refused(U, "sage", "a member answering for the sages")

# ---- leaving, closing ----
select(F, " adrets ")
F.key("L")
ok(F.wait_for("adrets has left the meeting."), "the facilitator marks a "
   "member as having left (L)", F.text())
Z.key("4")
Z.key("L")
ok(Z.wait_for("quitté"), "a member leaves themself (L)", Z.text())
ok(F.wait_for("Present 3 of 7"), "the console counts them gone", F.text())
U.key("4")
U.key("C")
refused(U, "may not close a meeting", "a member closing (again)")
Z.key("C")
refused(Z, "ne peut pas clore une réunion", "the same refusal in French")
Z.key("s")
refused(Z, "Affichez d'abord le compte rendu (m)", "saving before the "
        "minutes are shown, in French")
F.key("C")
ok(F.wait_for("Close meeting #"), "C asks for a confirmation", F.text())
F.key("n")
ok(F.wait_for("The meeting stays open."), "n keeps it open", F.text())
F.key("C")
F.wait_for("Close meeting #")
F.key("y")
ok(F.wait_for("Meeting closed."), "y closes it", F.text())

# ---- the sages answer, after the meeting ----
S.key("3")
ok(S.wait_for("Déménager en juin.") and S.wait_for("sent to the sages"),
   "the sage sees the escalated proposal", S.text())
S.key("y")
ok(S.wait_for("The sages' answer on proposal"), "y opens the sages' answer",
   S.text())
S.key("Chercher un local plus proche, revoir en mars.")
S.key(CTRL_S)
ok(S.wait_for("is recorded"), "the sages' answer is recorded", S.text())

# ---- the minutes ----
F.key("m")
ok(F.wait_for("Minutes of meeting number"), "m asks which meeting (the last "
   "one offered)", F.text())
F.key(CTRL_S)
ok(F.wait_for("Minutes of meeting #2"), "the minutes are shown", F.text())
F.key("s")
ok(F.wait_for("minutes-2.md"), "s offers a file name", F.text())
F.key(CTRL_S)
ok(F.wait_for("saved to minutes-2.md"), "the minutes are saved", F.text())
path = os.path.join(TMP, "minutes-2.md")
body = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
ok("Parts égales entre les territoires." in body and
   "Écrire la convention" in body and "Suivre la montagne." in body and
   "Déménager en juin." in body and "unanimité requise" in body and
   "Chercher un local plus proche" in body,
   "the file holds the decision, its action, the alert, the second round "
   "with its unanimity and the sages' answer", body[:3000])
F.key("s")
F.key(CTRL_S)
refused(F, "exists", "saving over an existing file from a member session")
F.key(ESC)
F.key("s")
F.key("\x15../evil.md")
F.key(CTRL_S)
refused(F, "without '/'", "a path outside the directory")
F.key(ESC)
ok(not os.path.exists(os.path.join(os.path.dirname(TMP), "evil.md")),
   "nothing written outside")

# ---- nothing of this meeting leaks into the next ----
F.key(ESC)
F.key("O")
ok(F.wait_for("Meeting open."), "a new meeting opens", F.text())
ok(F.wait_for("No tension taken up"), "with no tension taken up",
   F.text())
ok(I.wait_for("No proposal yet", 3.0), "the vote pane shows no proposal of "
   "the last meeting", I.text())

# An action's edit, cut by a dropped line, comes back with its due date.
Z.key("5")
select(Z, "Écrire la convention")
Z.key("e")
Z.wait_for("Action n°3")
Z.key(" (signée)")
time.sleep(1.5)		# the draft is saved after a 0.7 s pause
Z.settle()
os.kill(Z.pid, signal.SIGKILL)
Z.close()
Z = Tui(["tui", "--member", "zinc"])
ok(Z.wait_for("Écrire la convention (signée)") and Z.wait_for("Action n°3"),
   "a draft of an action's edit is back at the next login", Z.text())
Z.key(CTRL_S)
Z.wait_for("Propriétaire")
Z.key(ENTER)
ok(Z.wait_for("20/02/2027"), "with the action's due date offered, not "
   "an empty one", Z.text())
Z.key(CTRL_S)
ok(Z.wait_for("Écrire la convention (signée)") and Z.wait_for("modifiée"),
   "and it is recorded", Z.text())
everyone[3] = Z

for t in everyone + [A]:
    t.key("q")
    t.wait_exit()
    t.close()

# Screen reader: an action reads as one sentence, "late" said in words.
R = Tui(["tui", "--member", "irts", "--lang", "en", "--screen-reader"])
R.wait_for("@irts") or R.wait_for("Agenda")
R.key("5", settle=0.4)
ok(" #2 \u2014 Payer la caution; to do; due 2020-01-10; by zinc; late"
   in R.text() and " #1 \u2014 Signer le bail; to do; due 2099-03-01; by "
   "irts" in R.text() and "#1 \u2014 Signer le bail; to do; due 2099-03-01;"
   " by irts; late" not in R.text(),
   "screen reader: an action row is a sentence, only the late one says so",
   R.text())
R.key("q")
R.wait_exit()
R.close()
done_testing()
