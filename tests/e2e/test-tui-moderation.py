# End-to-end on a real pty (pyte): the moderation queue in the interface
# (issue 16 item 5). A member flags a need's description from the needs
# pane (F, which text, one reason line); an admin (a member holding the
# admin role, as over SSH) sees it first in the moderation view of the
# members pane (M), redacts it (X, a reason line) or dismisses another
# (D, confirmed); both are journaled. A member without the role sees no
# queue.
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import DOWN, ESC, Tui, cli, done_testing, ok, setup_hub

setup_hub()
cli("member", "add", "modo", "--name", "Mo Dératrice", "--role", "admin")
cli("need", "add", "--as", "urban", "--title", "Cantine solidaire",
    "--territory", "Alpes", "--description",
    "Appeler Mme Zyskowicz au 0699887766")
cli("need", "add", "--as", "urban", "--title", "Vélos partagés",
    "--territory", "Alpes")

t = Tui(["tui", "--member", "zinc", "--lang", "en"])
t.wait_for("@zinc")
t.key("1")
ok(t.wait_for("Cantine solidaire"), "the needs pane lists the need", t.text())
t.key(DOWN)  # newest first: need 1 is the second row
t.key("F")
ok(t.wait_for("Flag which text?"), "F asks which text to flag", t.text())
t.key("d")
ok(t.wait_for("Why flag this text"), "then one reason line", t.text())
t.key("un numéro de téléphone\r")
ok(t.wait_for("the admins will see it"), "the flag is recorded", t.text())
t.key("6")
ok(t.wait_for("Members"), "the members pane", t.text())
ok("texts flagged" not in t.text(), "a member sees no moderation notice",
   t.text())
t.key("M")
t.settle()
ok("Moderation:" not in t.text(), "nor the queue", t.text())
t.key("q")
t.wait_exit()
t.close()

flags = json.loads(cli("flags", "--json"))
ok(len(flags) == 1 and flags[0]["by"] == "zinc" and
   flags[0]["field"] == "description", "the flag is in the queue", flags)
cli("flag", "need", "2", "title", "--reason", "doublon", "--as", "camp")

a = Tui(["tui", "--member", "modo", "--lang", "en"])
a.wait_for("@modo")
a.key("6")
ok(a.wait_for("texts flagged"), "an admin's members pane says texts are "
   "flagged", a.text())
a.key("M")
ok(a.wait_for("Moderation: 2 open"), "M shows the moderation queue",
   a.text())
scr = a.text()
ok(scr.find("un numéro") < scr.find("doublon"),
   "the oldest flag first", scr)
ok("0699887766" in scr, "with the flagged text as it is now", scr)
a.key("X")
ok(a.wait_for("Redact need #1 description"), "X asks the reason", a.text())
a.key("téléphone\r")
ok(a.wait_for("text redacted"), "the text is redacted", a.text())
ok(a.wait_for("Moderation: 1 open, 1 closed"), "the queue follows",
   a.text())
shown = cli("need", "show", "1")
ok("0699887766" not in shown and "[retiré par modo" in shown,
   "the need holds the marker", shown)
# The open flag is listed first again; dismiss it, confirmed.
a.key("D")
ok(a.wait_for("Dismiss flag #2"), "D asks to confirm", a.text())
a.key("y")
ok(a.wait_for("the text stays"), "the flag is dismissed", a.text())
ok(a.wait_for("Moderation: 0 open, 2 closed"), "nothing open", a.text())
a.key(ESC)
ok(a.wait_gone("Moderation:"), "Escape goes back to the members", a.text())
a.key("q")
a.wait_exit()
a.close()
ok("Vélos partagés" in cli("need", "show", "2"), "a dismissed flag keeps "
   "the text")
# An admin also redacts directly from the needs pane (X), no flag needed.
a = Tui(["tui", "--member", "modo", "--lang", "en"])
a.wait_for("@modo")
a.key("1")
ok(a.wait_for("Vélos partagés"), "the admin's needs pane", a.text())
a.key("X")
ok(a.wait_for("Redact which text?"), "X asks which text", a.text())
a.key("t")
ok(a.wait_for("Redact need #2 title"), "then the reason", a.text())
a.key("nom propre" + "\r")
ok(a.wait_for("Redacted: need #2 title."), "redacted", a.text())
ok(a.wait_gone("Vélos partagés"), "the list shows the marker at once",
   a.text())
a.key("q")
a.wait_exit()
a.close()
ok("Vélos partagés" not in cli("need", "show", "2"), "the title is gone")
z = Tui(["tui", "--member", "zinc", "--lang", "en"])
z.wait_for("@zinc")
z.key("1")
z.wait_for("Needs")
z.key("X")
z.settle()
ok("Redact which text?" not in z.text(), "a member has no redact key",
   z.text())
z.key("q")
z.wait_exit()
z.close()
# The agenda flags a tension's text too.
cli("tension", "add", "--as", "irts", "--kind", "project", "--title",
    "Budget de M. Brzęczyszczykiewicz")
z = Tui(["tui", "--member", "zinc", "--lang", "en"])
z.wait_for("@zinc")
z.key("2")
ok(z.wait_for("Brzęczyszczykiewicz"), "the agenda lists the tension",
   z.text())
z.key("F")
ok(z.wait_for("Flag which text?"), "F in the agenda asks which text",
   z.text())
z.key("t")
z.wait_for("Why flag this text")
z.key("un nom" + "\r")
ok(z.wait_for("the admins will see it"), "the tension is flagged",
   z.text())
z.key("q")
z.wait_exit()
z.close()
flags = json.loads(cli("flags", "--json"))
ok(any(f["record"] == "tension" and f["field"] == "title" for f in flags),
   "the queue holds the tension's title", flags)
journal = cli("journal")
ok("report dismissed" in journal and "flag 1: text redacted: téléphone"
   in journal, "both are journaled", journal)
ok(cli("verify").strip().endswith("sound"), "verify is sound")
done_testing()
