# End-to-end: the facilitator runs a whole meeting from the console: opens
# it, marks presence up to the quorum, reviews the action plan, takes up a
# tension, watches the acks arrive, makes the proposal, closes the round,
# follows the action plan, records a concertation and closes the meeting.
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import (CTRL_S, DOWN, Tui, cli, done_testing, ok, setup_hub)

setup_hub()
tension = cli("tension", "add", "--as", "urban", "--kind", "project",
              "--title", "Budget des ateliers 2027").strip()
tension2 = cli("tension", "add", "--as", "irts", "--kind", "chamber",
               "--title", "Changer de local").strip()

t = Tui(["tui", "--member", "facil", "--lang", "en"])
t.key("4")
ok(t.wait_for("No meeting is open"), "the console says no meeting is open",
   t.text())
t.key("O")
ok(t.wait_for("Meeting open."), "O opens a meeting", t.text())
ok(t.wait_for("Present 0 of 7; quorum 5: not reached"),
   "presence and quorum are shown", t.text())
ok(t.wait_for("First item: review the action plan"),
   "the action plan review comes first", t.text())
t.key(" ")
for _ in range(3):
    t.key(DOWN + " ")
ok(t.wait_for("Present 4 of 7; quorum 5: not reached"),
   "Space marks members present in the room", t.text())
cli("meeting", "join", "--as", "camp")
ok(t.wait_for("Present 5 of 7; quorum 5: reached", 1.0),
   "a remote check-in arrives live and the quorum is reached", t.text())
ok("remote" in t.text() and "in the room" in t.text(),
   "room and remote presence are told apart", t.text())
t.key("R")
ok(t.wait_for("Action plan reviewed."), "R records the review", t.text())
t.key("t")
ok(t.wait_for("Tension #%s: Budget des ateliers 2027 — understood by 0 of 5"
              % tension), "t takes up the next tension", t.text())
t.key("k")
ok(t.wait_for("understood by 1 of 5"), "k acknowledges it", t.text())
cli("meeting", "ack", "--as", "urban")
ok(t.wait_for("understood by 2 of 5", 1.0), "another member's ack arrives "
   "live", t.text())

# The proposal, made from the agenda.
t.key("2")
ok(t.wait_for("Budget des ateliers 2027"), "the agenda lists it", t.text())
t.key("p")
ok(t.wait_for("Proposal on tension #" + tension), "p opens the proposal "
   "editor", t.text())
t.key("Parts égales entre les 4A.")
t.key(CTRL_S)
ok(t.wait_for("is open in the meeting."), "the proposal is live in the "
   "meeting", t.text())
ok(t.wait_for("Proposal #"), "and shown on the voting pane", t.text())
prop = t.text().split("Proposal #")[1].split(" ")[0]
t.key("a")
ok((t.wait_for("Recorded.") and t.wait_for("Your position: approve")), "the facilitator approves", t.text())
cli("position", prop, "approve", "--as", "urban")
cli("position", prop, "alert", "--reason", "Suivre la montagne.", "--as",
    "irts")
cli("position", prop, "withdraw", "--as", "zinc")
cli("position", prop, "block", "--reason", "Trop tôt.", "--as", "camp")
t.key("4")
ok(t.wait_for("Proposal #%s (open): 2 approve · 1 alert · 1 withdraw · 1 "
              "block" % prop), "the console shows the round", t.text())
ok(t.wait_for("2 blocks reject; 1 so far"), "and the rule", t.text())
t.key("c")
ok(t.wait_for("Round closed: retained."), "c closes the round: retained",
   t.text())
ok(t.wait_for("! to meet (1 blocks"), "the blocker is flagged by the watch "
   "rule", t.text())

# The action plan.
dec = cli("decision", "list", "--json")
did = dec.split('"id":')[1].split(",")[0]
cli("action", "add", did, "--as", "facil", "--owner", "zinc", "--title",
    "Écrire la convention")
t.key("5")
ok(t.wait_for("Écrire la convention"), "the action plan shows the action",
   t.text())
t.key("s")
ok(t.wait_for("New status:"), "s asks for the status", t.text())
t.key("d")
ok(t.wait_for("doing"), "d marks it as being done", t.text())
ok("doing" in cli("action", "list"), "as the CLI sees it")

# The concertation clears the watch flag.
t.key("4")
ok(t.wait_for("! to meet"), "back on the console", t.text())
rows = t.text().splitlines()
idx = [i for i, l in enumerate(rows) if l.startswith(" facil")][0]
target = [i for i, l in enumerate(rows) if "! to meet" in l][0]
t.key("\x1bOH")
for _ in range(target - idx):
    t.key(DOWN)
t.key("w")
ok(t.wait_for("Concertation with camp"), "w opens the concertation note",
   t.text())
t.key("Rencontre faite, réserve notée.")
t.key(CTRL_S)
ok(t.wait_for("Concertation with camp recorded."), "it is recorded",
   t.text())
ok(t.wait_gone("! to meet"), "and the flag is gone", t.text())
# A rejected round, adjourned with the blockers' agreement.
t.key("t")
ok(t.wait_for("Tension #%s: Changer de local" % tension2),
   "t takes up the second tension", t.text())
t.key("Q")
t.key("Quel budget ?")
t.key(CTRL_S)
ok(t.wait_for("Question recorded.") and t.wait_for("? facil: Quel budget ?"),
   "Q records a question, shown on the console", t.text())
p2 = cli("proposal", "add", tension2, "--as", "irts", "--text",
         "Déménager en mars.").strip()
z = Tui(["tui", "--member", "zinc", "--lang", "en", "--proposal", p2])
ok(z.wait_for("Proposal #" + p2), "a member opens the new proposal",
   z.text())
z.key("b")
z.key("Trop cher.")
z.key(CTRL_S)
ok((z.wait_for("Recorded.") and z.wait_for("Your position: block")), "and blocks it", z.text())
cli("position", p2, "block", "--reason", "Trop loin.", "--as", "urban")
ok(t.wait_for("2 blocks reject; 2 so far", 1.0), "the console sees both "
   "blocks live", t.text())
t.key("c")
ok(t.wait_for("Round closed: rejected"), "c closes it: rejected", t.text())
t.key("j")
ok(t.wait_for("agree"), "adjourning waits for the blockers' agreement",
   t.text())
cli("proposal", "ack", p2, "--as", "urban")
z.key("A")
ok(z.wait_for("Recorded: you agree to adjourn."), "A: a blocker agrees",
   z.text())
t.key("j")
ok(t.wait_for("Adjourned: back on the agenda."), "then j adjourns",
   t.text())
z.key("q")
z.wait_exit()
z.close()
t.key("C")
ok(t.wait_for("Close meeting #"), "C asks for a confirmation", t.text())
t.key("y")
ok(t.wait_for("Meeting closed."), "y closes the meeting", t.text())
t.key("q")
t.wait_exit()
t.close()
done_testing()
