# End-to-end on a real pty (pyte): the members pane is editable for admins
# (issue 16 item 1): add a member, set roles, territory and organisation,
# add a key pasted as its ssh-ed25519 line (the fingerprint shown as
# `ssh-keygen -l` shows it), remove it, disable; each asked, confirmed and
# journaled. A member without the role is refused and nothing changes.
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import (DOWN, ENTER, ESC, PASTE_BEGIN, PASTE_END, TMP, Tui, cli,
                    done_testing, ok, setup_hub)

CTRL_U = "\x15"
setup_hub()
cli("member", "add", "modo", "--name", "Mo Dératrice", "--role", "admin")
key = os.path.join(TMP, "lea_key")
subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C",
                "lea@portable", "-f", key], check=True,
               stdin=subprocess.DEVNULL)
line = open(key + ".pub").read().strip()
kl = subprocess.run(["ssh-keygen", "-l", "-f", key + ".pub"],
                    stdout=subprocess.PIPE, check=True).stdout.decode().split()
fp = kl[1]   # "256 SHA256:... lea@portable (ED25519)"

z = Tui(["tui", "--member", "zinc", "--lang", "en"])
z.wait_for("@zinc")
z.key("6")
z.wait_for("Members")
z.key("a")
ok(z.wait_for("Only admins change members."), "a member may not add one",
   z.text())
z.key("q")
z.wait_exit()
z.close()

a = Tui(["tui", "--member", "modo", "--lang", "en"])
a.wait_for("@modo")
a.key("6")
ok(a.wait_for("Members (10)"), "the admin's members pane", a.text())
a.key("a")
ok(a.wait_for("New member: login, a space, then the name"),
   "a asks login and name", a.text())
a.key("lea Léa Martin" + ENTER)
ok(a.wait_for("Add lea (Léa Martin) as a member?"), "and asks to confirm",
   a.text())
a.key("n")
ok(a.wait_for("Cancelled."), "no: nothing is added", a.text())
ok("lea" not in cli("member", "list"), "lea is not there")
a.key("a")
a.wait_for("New member")
a.key("lea Léa Martin" + ENTER)
a.wait_for("Add lea")
a.key("y")
ok(a.wait_for("Members (11)"), "yes: the member is added", a.text())
a.key(DOWN * 10)
a.settle()
a.key("r")
ok(a.wait_for("Roles of lea"), "r asks the roles", a.text())
a.key(CTRL_U + "member,facilitator" + ENTER)
ok(a.wait_for("Give lea the roles member, facilitator?"), "confirmed",
   a.text())
a.key("y")
ok(a.wait_for("Done: lea"), "the roles are set", a.text())
a.key("t")
ok(a.wait_for("Territory; organisation of lea"), "t asks both", a.text())
a.key(CTRL_U + "Alpes; Asso des Vallées" + ENTER)
a.wait_for("Set lea's territory")
a.key("y")
a.wait_for("Done: lea")
shown = json.loads(cli("member", "show", "lea", "--json"))
ok(shown.get("territory") == "Alpes" and
   shown.get("organisation") == "Asso des Vallées" and
   "facilitator" in json.dumps(shown.get("roles")),
   "roles, territory and organisation are stored", shown)
a.key("+")
ok(a.wait_for("Paste lea's public key"), "+ asks for the key line",
   a.text())
a.key(PASTE_BEGIN + line + PASTE_END + ENTER)
ok(a.wait_for("Add key 256 " + fp + " (ED25519) to lea?"),
   "the fingerprint is shown as ssh-keygen -l shows it", a.text())
a.key("y")
a.wait_for("Done: lea")
ok(fp in cli("member", "show", "lea"), "the key is stored")
a.key(ENTER)
ok(a.wait_for("1. " + fp), "the detail lists the key's fingerprint",
   a.text())
a.key(ESC)
a.settle()
a.key("-")
ok(a.wait_for("Remove which key of lea"), "- asks which key", a.text())
a.key("1" + ENTER)
a.wait_for("Remove key 1 of lea?")
a.key("y")
a.wait_for("Done: lea")
ok(fp not in cli("member", "show", "lea"), "the key is removed")
a.key("x")
ok(a.wait_for("Disable lea"), "x asks to confirm", a.text())
a.key("y")
a.wait_for("Done: lea")
ok("disabled" in cli("member", "show", "lea"), "lea is disabled")
a.key("q")
a.wait_exit()
a.close()
journal = [e["op"] for e in json.loads(cli("journal", "--json"))]
for op in ("member.add", "member.roles", "member.place", "member.key.add",
           "member.key.remove", "member.disable"):
    ok(op in journal, "journaled: " + op, journal)
text = cli("journal")
for what in ("member added", "roles changed", "place changed", "key added",
             "key removed", "member disabled"):
    ok(what in text, "the journal says it in words: " + what, text)
ok(cli("verify").strip().endswith("sound"), "verify is sound")
done_testing()
