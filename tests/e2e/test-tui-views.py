# End-to-end: every surface shows the hub's views, so the same figures for
# the same viewer. A hidden round shows no counts anywhere (proposal show
# in text and JSON, meeting show, the minutes, the meeting and voting
# panes) until it closes; the quorum of the meeting pane, meeting show
# (text and JSON) and the minutes agree after present members are
# disabled, stripped of the member role, enabled again, and when members
# leave the room or check out and in again.
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import Tui, cli, done_testing, ok, setup_hub

setup_hub()
cli("config", "lang", "en")  # the minutes are in the hub's language
cli("meeting", "open", "--as", "facil")
cli("meeting", "present", "facil", "urban", "irts", "zinc", "adrets",
    "arsenic", "--as", "facil")
cli("meeting", "review", "--as", "facil")
t = cli("tension", "add", "--as", "urban", "--kind", "position", "--title",
        "Tribune commune").strip()
cli("meeting", "next", t, "--as", "facil")
p = cli("proposal", "add", t, "--as", "urban", "--text", "Signer.",
        "--hidden").strip()
cli("position", p, "block", "--reason", "Secret de vote.", "--as", "irts")
cli("position", p, "approve", "--as", "zinc")

COUNTS = re.compile(r"\b[0-9]+ (approve|alert|withdraw|block)\b")

# ---- the hidden round, on every surface ----
out = cli("proposal", "show", p)
ok("tally:     hidden until closed (2 answered)" in out and
   not COUNTS.search(out) and "Secret de vote." not in out and
   "if closed now" not in out, "proposal show: no count while hidden", out)
js = json.loads(cli("proposal", "show", p, "--json"))
ok(js["tally"] is None and js["answered"] == 2 and
   all(x.get("hidden") for x in js["positions"]),
   "proposal show --json: no tally, every position hidden", js)
mine = json.loads(cli("proposal", "show", p, "--json", "--as", "irts"))
own = [x for x in mine["positions"] if x["member"] == "irts"]
ok(mine["tally"] is None and own and own[0]["position"] == "block" and
   all(x.get("hidden") for x in mine["positions"] if x["member"] != "irts"),
   "a member sees their own position only", mine)
for fmt in ([], ["--json"], ["--csv"]):
    out = cli("proposal", "list", *fmt)
    ok(p in out and not COUNTS.search(out) and
       not re.search(r'"(approve|alert|withdraw|block)s?": *[0-9]', out) and
       "Secret de vote." not in out,
       "proposal list %s: no count while hidden" % " ".join(fmt), out)
out = cli("journal")
ok("Secret de vote." not in out and not re.search(
   r"\b(approve|block) on proposal", out), "journal: no kind, no reason",
   out)
out = cli("meeting", "show")
ok(not COUNTS.search(out), "meeting show: no count", out)
out = cli("meeting", "show", "--json")
ok(not re.search(r'"(approve|block|tally)"', out),
   "meeting show --json: no count", out)
out = cli("minutes", "1")
ok("- hidden until closed" in out and not COUNTS.search(out) and
   "Secret de vote." not in out, "minutes: no count", out)
mj = json.loads(cli("minutes", "1", "--format", "json"))
ok(mj["tensions"][0]["proposals"][0]["positions"] is None,
   "minutes JSON: positions null", mj)

f = Tui(["tui", "--member", "facil", "--lang", "en"])
f.key("4")
ok(f.wait_for("Proposal #%s (open): 2 answered; positions hidden until "
              "the round closes" % p), "meeting pane: how many answered",
   f.text())
ok(not COUNTS.search(f.text()) and "blocks reject" not in f.text(),
   "meeting pane: no count while hidden (it printed the tally)", f.text())
f.key("q")
f.wait_exit()
f.close()

v = Tui(["tui", "--member", "adrets", "--lang", "en", "--proposal", p])
ok(v.wait_for("2 of 7 members answered; positions hidden"),
   "voting pane: how many answered", v.text())
ok(not COUNTS.search(v.text()) and "Secret de vote." not in v.text(),
   "voting pane: no count, no reason", v.text())
v.key("q")
v.wait_exit()
v.close()

# ---- closed: the veil lifts everywhere ----
cli("proposal", "close", p, "--as", "facil")
out = cli("proposal", "show", p)
ok("1 approve, 0 alert, 0 withdraw, 1 block" in out,
   "proposal show: the tally once closed", out)
f = Tui(["tui", "--member", "facil", "--lang", "en"])
f.key("4")
ok(f.wait_for("1 approve · 0 alert · 0 withdraw · 1 block"),
   "meeting pane: the tally once closed", f.text())


# ---- one quorum on every surface ----
def quorum_everywhere(desc, present, members, needed):
    reached = present >= needed
    word = "reached" if reached else "not reached"
    js = json.loads(cli("meeting", "show", "--json"))
    ok((js["present"], js["members"], js["needed"], js["quorum_reached"]) ==
       (present, members, needed, reached),
       "meeting show --json: %d of %d, %d needed (%s)" %
       (present, members, needed, desc), js)
    out = cli("meeting", "show")
    ok("quorum:      %d of %d present, %d needed (%s)" %
       (present, members, needed, word) in out,
       "meeting show: the same (%s)" % desc, out)
    out = cli("minutes", "1")
    ok("Quorum: %d of %d present, %d needed (%s)." %
       (present, members, needed, word) in out,
       "minutes: the same (%s)" % desc, out)
    ok(f.wait_for("Present %d of %d; quorum %d: %s" %
                  (present, members, needed, word)),
       "meeting pane: the same (%s)" % desc, f.text())


quorum_everywhere("six of seven present", 6, 7, 5)
for m in ("zinc", "adrets", "arsenic"):
    cli("member", "disable", m)
quorum_everywhere("three present members disabled", 3, 4, 3)
cli("member", "disable", "urban")
quorum_everywhere("and one more", 2, 3, 2)
cli("member", "role", "irts", "observer")
quorum_everywhere("a present member is no longer a member", 1, 2, 2)
cli("member", "role", "irts", "member")
for m in ("zinc", "adrets", "arsenic", "urban"):
    cli("member", "enable", m)
quorum_everywhere("enabled again", 6, 7, 5)
cli("meeting", "leave", "zinc", "--as", "facil")
quorum_everywhere("a present member left the room", 5, 7, 5)
cli("meeting", "leave", "--as", "adrets")
quorum_everywhere("a remote member checked out", 4, 7, 5)
cli("meeting", "join", "--as", "adrets")
quorum_everywhere("and checked in again", 5, 7, 5)
f.key("q")
f.wait_exit()
f.close()
done_testing()
