# End-to-end: a hidden round shows each member only their own position and
# how many answered, until it closes; the supporter amends the proposal from
# the interface and every version stays readable ([ and ]).
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import CTRL_S, Tui, cli, done_testing, ok, setup_hub

setup_hub()
t1 = cli("tension", "add", "--as", "urban", "--kind", "position", "--title",
         "Tribune commune").strip()
hid = cli("proposal", "add", t1, "--as", "urban", "--text",
          "Signer la tribune.", "--closes", "2099-01-01", "--hidden").strip()
cli("position", hid, "block", "--reason", "Secret de vote.", "--as", "irts")

z = Tui(["tui", "--member", "zinc", "--lang", "en", "--proposal", hid])
ok(z.wait_for("hidden round"), "the round says it is hidden", z.text())
ok(z.wait_for("1 of 7 members answered; positions hidden until the round "
              "closes"), "only how many answered is shown", z.text())
row = [l for l in z.screen.display if l.startswith(" irts")]
ok(row == [" irts         hidden until closed" + " " * 47] and
   "Secret de vote." not in z.text(),
   "another member's position and reason are hidden", z.text())
z.key("v")
z.key("Attention au calendrier.")
z.key(CTRL_S)
ok((z.wait_for("Recorded.") and z.wait_for("Your position: alert")), "a position is taken", z.text())
ok(z.wait_for("alert      Attention au calendrier."), "one's own position "
   "is shown", z.text())
ok(z.wait_for("2 of 7 members answered"), "the count moves", z.text())
z.key("q")
z.wait_exit()
z.close()

# Amending: the supporter edits the current text into a new version.
t2 = cli("tension", "add", "--as", "urban", "--kind", "project", "--title",
         "Budget").strip()
p = cli("proposal", "add", t2, "--as", "urban", "--text", "Version un.",
        "--closes", "2099-01-01").strip()
cli("position", p, "approve", "--as", "irts")
u = Tui(["tui", "--member", "urban", "--lang", "en", "--proposal", p])
ok(u.wait_for("version 1/1"), "the supporter sees version 1", u.text())
u.key("e")
ok(u.wait_for("New version of the proposal") and "Version un." in u.text(),
   "e opens the editor on the current text", u.text())
u.key("\x17deux, revue.")
u.key(CTRL_S)
ok(u.wait_for("New version recorded."), "C-s records version 2", u.text())
ok(u.wait_for("version 2/2") and "Version deux, revue." in u.text(),
   "version 2 is shown", u.text())
ok(u.wait_for("approve (v1)"), "a position on version 1 is marked so",
   u.text())
u.key("[")
ok(u.wait_for("version 1/2") and "Version un." in u.text(),
   "[ shows version 1", u.text())
u.key("]")
ok(u.wait_for("version 2/2"), "] back to the current version", u.text())
u.key("q")
u.wait_exit()
u.close()
done_testing()
