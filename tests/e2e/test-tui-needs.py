# End-to-end: the needs, whole, from the interface (issue 10, item 4): a
# correspondent reports a need with every field picked from the hub's
# lists, edits it, links a good practice; the filters combine; a tension
# is linked to needs from the agenda; the CLI confirms each.
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import (CTRL_S, DOWN, END, ENTER, ESC, HOME, UP, Tui, cli,
                    done_testing, ok, setup_hub)

setup_hub()


def need(i):
    return json.loads(cli("need", "show", str(i), "--json"))


def pick(t, field_down, value_down):
    """From the form's first line: go down to a field, open its list,
    go down to a value, take it."""
    t.key(HOME)
    for _ in range(field_down):
        t.key(DOWN, 0.05)
    t.key(ENTER)
    t.key(HOME)
    for _ in range(value_down):
        t.key(DOWN, 0.05)
    t.key(ENTER)


c = Tui(["tui", "--member", "corr", "--lang", "en"], cols=100, rows=30)
c.key("1")
ok(c.wait_for("No need here"), "the queue starts empty", c.text())
ok(c.wait_for("status") and "territory" in c.text() and "title" in c.text(),
   "the list has column headers", c.text())
c.key("n")
ok(c.wait_for("Report a need") and "Collection round" in c.text(),
   "n opens the form with every field", c.text())
ok("Azur" in c.text(), "the reporter's territory is offered first",
   c.text())
# Title.
c.key(HOME)
c.key(ENTER)
c.key("Pas de réseau à Briançon")
c.key(ENTER)
ok(c.wait_for("Pas de réseau à Briançon"), "the title is typed", c.text())
# Description (a longer text: C-s confirms).
c.key(DOWN)
c.key(ENTER)
c.key("La vallée est mal couverte.")
c.key(CTRL_S)
ok(c.wait_for("La vallée est mal couverte."), "the description is typed",
   c.text())
# Territory: the list from the hub (Alpes, Avignon, Azur, ...): (none) is
# not offered for a required field, so HOME is the first territory.
pick(c, 2, 1)
terr = [l for l in c.text().splitlines() if "Territory" in l]
ok(terr and "Alpes" in terr[0], "the territory is picked from the list",
   c.text())
# Category: (none) first, then the hub's categories.
pick(c, 3, 8)
ok(c.wait_for("santé"), "the category is picked (santé)", c.text())
pick(c, 4, 3)
ok(c.wait_for("senior"), "the public is picked (senior)", c.text())
pick(c, 5, 5)
ok(c.wait_for("focus group"), "the source is picked (focus group)",
   c.text())
rline = [l for l in c.text().splitlines() if "Collection round" in l]
c.key(END)
c.key(ENTER)
ok(c.wait_for("Need #1 reported."), "Save reports the need", c.text())
n = need(1)
ok(n.get("title") == "Pas de réseau à Briançon" and
   n.get("description") == "La vallée est mal couverte." and
   n.get("territory") == "Alpes" and n.get("category") == "santé" and
   n.get("public") == "senior" and n.get("source") == "focus group" and
   n.get("round"), "the CLI shows every field as typed and picked", n)

# A second need, other fields, for the filters.
c.key("n")
c.wait_for("Report a need")
c.key(HOME)
c.key(ENTER)
c.key("Formulaires en ligne trop durs")
c.key(ENTER)
pick(c, 3, 10)
c.key(END)
c.key(ENTER)
ok(c.wait_for("Need #2 reported."), "a second need, in Azur", c.text())
ok(need(2).get("territory") == "Azur", "its territory is the reporter's",
   need(2))

# Edit the first: e opens the form with its values.
c.key(HOME)
c.wait_for("Pas de réseau")
rows = c.text()
# Select need #1 (the newest is first).
c.key(DOWN)
c.key("e")
ok(c.wait_for("Edit need #1") and "santé" in c.text(),
   "e opens the form with the need's values", c.text())
c.key(HOME)
c.key(ENTER)
c.key("\x15")  # C-u: kill to start of line
c.key("Pas de réseau à Briançon ni à Névache")
c.key(ENTER)
pick(c, 4, 0)  # public: (none)
c.key(END)
c.key(ENTER)
ok(c.wait_for("Need #1 saved."), "the edit is saved", c.text())
n = need(1)
ok(n.get("title") == "Pas de réseau à Briançon ni à Névache" and
   not n.get("public") and n.get("category") == "santé",
   "the CLI shows the new title and the cleared public", n)

# A good practice.
c.key("P")
ok(c.wait_for("Good practice for need #1"), "P asks for the practice",
   c.text())
c.key("https://example.org/zones-blanches")
c.key(ENTER)
ok(c.wait_for("Good practice linked to need #1."), "the practice is linked",
   c.text())
ok("https://example.org/zones-blanches" in json.dumps(need(1)),
   "the CLI lists the practice", need(1))

# Filters combined: territory Alpes and category santé: #1 only.
c.key("f")
ok(c.wait_for("Filter the needs"), "f opens the filters", c.text())
pick(c, 1, 2)   # territory: (none), Aix-Marseille, Alpes
pick(c, 2, 8)   # category: (none), ..., santé
c.key(END)
c.key(ENTER)
ok(c.wait_for("Filters applied.") and "Alpes · santé" in c.text(),
   "the filters combine and show in the title", c.text())
ok("Névache" in c.text() and "Formulaires" not in c.text(),
   "only the need matching both is listed", c.text())
cl = cli("need", "list", "--territory", "Alpes", "--category", "santé")
ok("Névache" in cl and "Formulaires" not in cl, "the CLI agrees", cl)
c.key("f")
c.wait_for("Filter the needs")
pick(c, 1, 0)   # territory: any
pick(c, 2, 10)  # category: administration en ligne
c.key(END)
c.key(ENTER)
ok(c.wait_for("Formulaires") and "Névache" not in c.text(),
   "another filter: only the other need", c.text())

# A plain observer may not report: refused before any form opens.
o = Tui(["tui", "--member", "obs", "--lang", "en"])
o.key("1")
o.wait_for("Needs")
o.key("n")
o.settle()
ok("Report a need" not in o.text(), "an observer gets no form", o.text())
o.close()

# The agenda: a tension by a member, linked to both needs.
t = cli("tension", "add", "--as", "urban", "--kind", "project", "--title",
        "Couverture réseau en montagne").strip()
u = Tui(["tui", "--member", "urban", "--lang", "en"])
u.key("2")
ok(u.wait_for("Couverture réseau"), "the tension is on the agenda", u.text())
u.key("L")
ok(u.wait_for("Needs of tension #%s" % t), "L asks for the needs", u.text())
u.key("1 2")
u.key(ENTER)
ok(u.wait_for("linked to 2 needs"), "the tension is linked", u.text())
tj = json.loads(cli("tension", "show", t, "--json"))
ok(sorted(tj.get("needs", [])) == [1, 2], "the CLI shows the links", tj)
u.key(ENTER)
ok(u.wait_for("From the needs: #1 #2"), "the detail lists the needs",
   u.text())
u.close()
z = Tui(["tui", "--member", "zinc", "--lang", "en"])
z.key("2")
z.wait_for("Couverture réseau")
z.key("L")
z.settle()
ok("Needs of tension" not in z.text() and "author" in z.text(),
   "another member is refused before typing", z.text())
z.close()
c.close()
done_testing()
