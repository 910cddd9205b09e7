# The journal pane in French (issue 12): each op as a French phrase and
# each record type as a French word, no op token; in screen-reader mode
# each row reads as a French sentence.
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import Tui, done_testing, ok, setup_hub, setup_round

setup_hub()
tension, prop = setup_round()

t = Tui(["tui", "--member", "zinc", "--lang", "fr"])
t.key("7")
ok(t.wait_for("position prise"), "the pane shows 'position prise'", t.text())
ok("sur la proposition " + prop in t.text(),
   "a generated summary reads in French", t.text())
ok("on proposal" not in t.text() and
   not any(w in t.text() for w in ("member.add", "proposal.add", "tension.add")),
   "no English op token or summary", t.text())
t.close()

t = Tui(["tui", "--member", "zinc", "--lang", "fr", "--screen-reader"])
t.key("7")
ok(t.wait_for("entrée "), "screen reader: rows read as sentences",
   t.text())
ok("\u00a0: position prise par " in t.text(), "the sentence is French",
   t.text())
t.close()
done_testing()
