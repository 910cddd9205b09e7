# End-to-end: drafts are saved as you type. A session killed outright (no
# chance to save on exit) or hung up loses nothing: the next login returns
# to the same pane with the reason editor and the draft. Pasted text (a
# bracketed paste) keeps its newlines and does not confirm the field.
import os
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import (CTRL_S, PASTE_BEGIN, PASTE_END, Tui, cli, done_testing,
                    ok, setup_hub, setup_round)

setup_hub()
tension, prop = setup_round()

t = Tui(["tui", "--member", "zinc", "--lang", "en", "--proposal", prop])
ok(t.wait_for("Proposal #" + prop), "opens on the proposal", t.text())
t.key("b")
ok(t.wait_for("Why do you block"), "the block editor opens", t.text())
t.key("Brouillon : ça coûte trop")
time.sleep(1.5)  # typing pauses: the draft is saved
t.pump(0.1)
os.kill(t.pid, signal.SIGKILL)
t.wait_exit()
t.close()
shown = cli("proposal", "show", prop)
ok("zinc" not in shown, "nothing was recorded as a position", shown)

t = Tui(["tui", "--member", "zinc", "--lang", "en"])
ok(t.wait_for("Why do you block proposal #" + prop),
   "after a kill, the next login reopens the same editor", t.text())
ok(t.wait_for("Brouillon : ça coûte trop"), "with the draft", t.text())
ok("Your draft is back" in t.text(), "and says so", t.text())

# A paste with newlines stays in the field; it does not confirm it.
t.key(PASTE_BEGIN + "\r\nligne collée\r\nencore" + PASTE_END)
ok(t.wait_for("ligne collée"), "a bracketed paste is inserted", t.text())
ok("Recorded" not in t.text(), "a pasted newline does not confirm",
   t.text())
time.sleep(1.2)
t.pump(0.1)
# Hang up: the pty master closes, as when an SSH connection drops.
os.close(t.fd)
end = time.time() + 5
while time.time() < end and t.alive():
    time.sleep(0.05)
ok(not t.alive(), "a hang-up ends the session")

t = Tui(["tui", "--member", "zinc", "--lang", "en"])
ok(t.wait_for("encore"), "after a hang-up the pasted draft is back",
   t.text())
t.key(CTRL_S)
ok((t.wait_for("Recorded.") and t.wait_for("Your position: block")), "confirming records the block", t.text())
shown = cli("proposal", "show", prop, "--json")
ok("Brouillon : ça coûte trop\\nligne collée\\nencore" in shown,
   "with the whole text", shown)
t.key("q")
t.wait_exit()
t.close()

t = Tui(["tui", "--member", "zinc", "--lang", "en"])
ok(t.wait_for("Proposal #" + prop), "the next login returns to the same "
   "pane", t.text())
ok("Why do you block" not in t.text(), "and the used draft is gone",
   t.text())
t.key("7")
ok(t.wait_for("zinc position taken block on proposal"),
   "the journal pane shows the position",
   t.text())
ok("interface saved" not in t.text(), "but not the saved drafts", t.text())
ok("interface saved" in cli("journal"), "which the full journal keeps")
ok('"op":"ui.state"' in cli("journal", "--json"), "as ui.state in the JSON")
t.key("q")
t.wait_exit()
t.close()
done_testing()
