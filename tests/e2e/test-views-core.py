# End-to-end: the read API's core views on every surface. A member is
# written one way (list, show, export; text and JSON agree; absent is
# null). A hidden round's positions stay hidden in the journal (CLI text
# and JSON, the journal pane) until it closes, even for an entry journaled
# with its kind (as an older cercle wrote "block on proposal N"), and no
# export shows a hidden count; after the close the journal shows it.
import csv
import io
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import BIN, DB, TMP, Tui, cli, done_testing, ok, setup_hub

setup_hub()

# ---- one member, one way ----
members = json.loads(cli("member", "list", "--json"))
same = True
for m in members:
    shown = json.loads(cli("member", "show", m["login"], "--json"))
    if shown != m:
        same = False
        print("#   list: %r\n#   show: %r" % (m, shown))
ok(same, "member list --json and member show --json write a member alike")
obs = [m for m in members if m["login"] == "obs"][0]
ok(obs["organisation"] is None and obs["territory"] is None,
   "absent organisation and territory are null, not \"\"", obs)
exp = {m["login"]: m for m in
       json.loads(cli("export", "--format", "json", "--what", "members"))}
ok(all(exp[m["login"]][k] == m[k] for m in members for k in exp[m["login"]]),
   "the export writes the same fields the same way", exp.get("obs"))
text = cli("member", "show", "urban")
ok("login:        urban" in text and "name:         Membre urban" in text
   and "organisation: urban" in text and "roles:        member" in text,
   "member show in text carries the same fields", text)
row = [l for l in cli("member", "list").splitlines()
       if l.startswith("obs ")]
ok(len(row) == 1 and " -  " in row[0] and "observer" in row[0],
   "member list in text: absent is '-'", row)
ok(cli("member", "show", "zinc", "--json") ==
   cli("member", "show", "zinc", "--json"), "member show is stable")

# ---- a hidden live round ----
t = cli("tension", "add", "--as", "urban", "--kind", "project", "--title",
        "Vote caché").strip()
cli("meeting", "open", "--as", "facil")
cli("meeting", "present", "urban", "irts", "zinc", "adrets", "arsenic",
    "camp", "--as", "facil")
cli("meeting", "review", "--as", "facil")
cli("meeting", "next", t, "--as", "facil")
p = cli("proposal", "add", t, "--as", "urban", "--text", "Acheter un "
        "camion.", "--hidden").strip()
cli("position", p, "block", "--as", "zinc", "--reason", "SECRETREASON")
cli("position", p, "approve", "--as", "irts")
cli("position", p, "approve", "--as", "urban")

# An entry journaled with the kind, as cercle wrote it before positions
# of hidden rounds were journaled without it.
pos = [e for e in json.loads(cli("journal", "--json"))
       if e["op"] == "position" and e["record"] == "position"]
irts_pos = pos[1]["id"]
objdir = os.path.dirname(os.path.realpath(BIN))
root = os.path.dirname(os.path.dirname(objdir))
objs = [os.path.join(objdir, f) for f in sorted(os.listdir(objdir))
        if f.endswith(".o") and f != "main.o"]
pc = subprocess.run(["pkg-config", "--cflags", "--libs", "ncursesw", "lmdb",
                     "msgpack", "libssh", "libcrypto"],
                    stdout=subprocess.PIPE).stdout.decode().split()
san = ["-fsanitize=address,undefined"] if "asan" in objdir else []
helper = os.path.join(TMP, "hostile-put")
r = subprocess.run(["cc", "-std=c11", "-D_GNU_SOURCE", "-I",
                    os.path.join(root, "src"), "-o", helper,
                    os.path.join(root, "tests/e2e/hostile-put.c")] + objs +
                   pc + san + ["-lutil"], stderr=subprocess.PIPE)
ok(r.returncode == 0, "the helper builds", r.stderr.decode())
legacy = "block on proposal %s" % p
r = subprocess.run([helper, DB, "position", str(irts_pos), legacy],
                   stderr=subprocess.PIPE)
ok(r.returncode == 0, "a position entry journaled with its kind",
   r.stderr.decode())
ok(json.loads(cli("journal", "--json", "--reverse", "--limit", "1"))[0]
   ["op"] == "position", "(the entry is the newest)")

KINDS = ("block on", "approve on", "alert on", "withdraw on", "SECRET",
         '"block"', '"approve"')
text = cli("journal")
js = cli("journal", "--json")
ok(not any(k in text for k in KINDS), "journal (text) shows no kind of the "
   "open hidden round", [l for l in text.splitlines() if "proposal" in l])
ok(not any(k in js for k in KINDS), "journal --json shows no kind either")
masked = [e for e in json.loads(js) if e["op"] == "position"]
ok(len(masked) == 4 and all(e["summary"] == "position on proposal %s "
   "(hidden until closed)" % p for e in masked),
   "each position entry says only 'position on proposal N'", masked)

leaks = []
for args in (["export", "--format", "json", "--what", "all", "--personal"],
             ["export", "--format", "csv", "--what", "decisions"],
             ["export", "--format", "csv", "--what", "actions"],
             ["export", "--format", "csv", "--what", "members"],
             ["export", "--format", "csv", "--what", "needs", "--personal"],
             ["export", "--format", "csv", "--what", "positions"],
             ["export", "--format", "json", "--what", "positions"],
             ["member", "show", "zinc", "--json"], ["member", "list"]):
    out = cli(*args)
    if any(k in out for k in KINDS) or '"blocks":1' in out:
        leaks.append(" ".join(args))
ok(not leaks, "no export or member view shows a hidden count: %s" %
   (leaks or "none"))

# The journal pane, on a real terminal.
z = Tui(["tui", "--member", "adrets", "--lang", "en"], cols=120, rows=30)
z.send("7")
ok(z.wait_for("position on proposal %s (hidden" % p), "the journal pane "
   "shows the positions without their kind", z.text())
ok(not any(k in z.text() for k in KINDS), "and no kind at all", z.text())
z.key("q")
z.wait_exit()
z.close()

# ---- after the close ----
close = cli("proposal", "close", p, "--as", "facil")
ok(close.strip().splitlines()[-1] == "retained", "the round closes", close)
text = cli("journal")
ok(legacy in text, "now the journal shows the entry as written", [
   l for l in text.splitlines() if "proposal %s" % p in l])
z = Tui(["tui", "--member", "adrets", "--lang", "en"], cols=120, rows=30)
z.send("7")
ok(z.wait_for(legacy), "and so does the journal pane", z.text())
z.key("q")
z.wait_exit()
z.close()
dec = list(csv.DictReader(io.StringIO(cli("export", "--format", "csv",
                                          "--what", "decisions"))))
ok(len(dec) == 1 and dec[0]["proposal"] == p, "the decision is exported "
   "once decided", dec)
ok(subprocess.run([BIN, "--db", DB, "verify", "--quiet"]).returncode == 0,
   "the chain still verifies (nothing stored was changed by reading)")

# ---- key hints follow the view's acts ----
cli("need", "add", "--as", "zinc", "--title", "Ateliers smartphone",
    "--territory", "Alpes")


def hints(login):
    t = Tui(["tui", "--member", login, "--lang", "en"], cols=120, rows=30)
    t.send("1")
    t.wait_for("Ateliers smartphone")
    t.settle()
    last = t.screen.display[-1]
    t.key("q")
    t.wait_exit()
    t.close()
    return last


h = hints("obs")
ok("support" not in h and " new " not in h and "filter" in h,
   "an observer is offered neither report nor support", h)
h = hints("irts")
ok("support" in h and " new " in h, "a member is offered both", h)
h = hints("zinc")
ok("support" not in h and " new " in h, "the reporter is not offered to "
   "support their own need", h)

done_testing()
