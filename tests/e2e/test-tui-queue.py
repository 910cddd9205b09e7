# End-to-end: the needs queue and the agenda from the interface: report a
# need (territory, title, description), support it from another session,
# filter, sort, change its status as facilitator; add a tension, open its
# detail, and the facilitator's reordering (refused to a plain member).
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import (CTRL_S, DOWN, END, ENTER, HOME, Tui, cli, done_testing,
                    ok, setup_hub)

setup_hub()

z = Tui(["tui", "--member", "zinc", "--lang", "en"])
z.key("1")
ok(z.wait_for("No need here"), "the queue starts empty", z.text())
z.key("n")
ok(z.wait_for("Report a need") and "Alpes" in z.text(),
   "n opens the form, the member's territory first", z.text())
z.key(HOME)
z.key(ENTER)
z.key("Pas de réseau à Briançon")
z.key(ENTER)
z.key(DOWN)
z.key(ENTER)
ok(z.wait_for("Description (C-s confirms)"), "a longer text for the "
   "description", z.text())
z.key("La vallée est mal couverte.")
z.key(CTRL_S)
z.key(END)
z.key(ENTER)
ok(z.wait_for("Need #1 reported."), "Save reports the need", z.text())
ok(z.wait_for("Pas de réseau à Briançon"), "the queue lists it", z.text())
shown = cli("need", "show", "1")
ok("La vallée est mal couverte." in shown and "Alpes" in shown,
   "title, description and territory are stored", shown)

i = Tui(["tui", "--member", "irts", "--lang", "en"])
i.key("1")
ok(i.wait_for("Pas de réseau à Briançon"), "another session sees it",
   i.text())
i.key("s")
ok(i.wait_for("Supported: seen here too (#1)."), "s supports it", i.text())
ok(z.wait_for("  1/1   Alpes", 1.0), "the support count arrives live in the "
   "first session", z.text())
i.key("q")
i.wait_exit()
i.close()

z.key("\r")
ok(z.wait_for("La vallée est mal couverte."), "Enter opens the detail",
   z.text())
z.key("\x1b")
z.key("f")
ok(z.wait_for("Filter the needs"), "f opens the filters", z.text())
z.key(HOME)
z.key(ENTER)
z.key(HOME + DOWN + DOWN)
z.key(ENTER)
z.key(END)
z.key(ENTER)
ok(z.wait_for("Needs · qualified") and z.wait_for("No need here"),
   "filtered on qualified: none yet", z.text())
z.key("o")
ok(z.wait_for("Order: most supported."), "o changes the order", z.text())
z.key("f")
z.key(HOME)
z.key(ENTER)
z.key(HOME)
z.key(ENTER)
z.key(END)
z.key(ENTER)
ok(z.wait_for("Pas de réseau à Briançon"), "(none) shows all again",
   z.text())
z.key("t")
ok(z.wait_for("may not"), "a member may not change a need's status (refused "
   "before the list of statuses)",
   z.text())

f = Tui(["tui", "--member", "facil", "--lang", "en"])
f.key("1")
ok(f.wait_for("Pas de réseau à Briançon"), "the facilitator sees it",
   f.text())
f.key("t")
ok(f.wait_for("New status:"), "t asks for the status", f.text())
f.key("q")
ok(f.wait_for("Need #1: qualified."), "the facilitator qualifies it",
   f.text())

# The agenda.
z.key("2")
ok(z.wait_for("The agenda is empty"), "the agenda starts empty", z.text())
z.key("n")
ok(z.wait_for("Kind of tension:"), "n asks for the kind", z.text())
z.key("c")
ok(z.wait_for("New tension (chamber)"), "then opens the editor", z.text())
z.key("Accueillir un nouveau membre\rL'association Médias Sud demande.")
z.key(CTRL_S)
ok(z.wait_for("Tension #1 is on the agenda."), "C-s adds the tension",
   z.text())
cli("tension", "add", "--as", "urban", "--kind", "project", "--title",
    "Budget 2027")
ok(z.wait_for("Budget 2027", 1.0), "a tension added elsewhere arrives live",
   z.text())
z.key(DOWN)
z.key("K")
ok(z.wait_for("may not"), "a plain member may not reorder", z.text())
f.key("2")
ok(f.wait_for("Budget 2027"), "the facilitator sees the agenda", f.text())
f.key(DOWN)
f.key("K")
ok(f.wait_for("  1. project   Budget 2027"), "K moves the tension up",
   f.text())
ok(z.wait_for("  1. project   Budget 2027", 1.0), "the new order arrives "
   "live", z.text())
f.key("J")
ok(f.wait_for("  2. project   Budget 2027"), "J moves it down", f.text())
f.key("\x1bOH\r")
ok(f.wait_for("L'association Médias Sud demande."),
   "Enter opens the tension's detail", f.text())
ok("No proposal yet" in f.text(), "which says how to make a proposal",
   f.text())
for t in (z, f):
    t.key("q")
    t.wait_exit()
    t.close()
done_testing()
