# End-to-end: language (French by default, English by LANG or --lang),
# NO_COLOR, low-bandwidth mode (no colour, ASCII borders), the vi keymap,
# and a broken user keymap: reported as file:line, the defaults kept.
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import TMP, DOWN, Tui, cli, done_testing, ok, setup_hub, setup_round

setup_hub()
tension, prop = setup_round()
COLOUR = re.compile(rb"\x1b\[(?:[0-9;]*;)?(?:3[0-7]|4[0-7]|38;5|48;5|9[0-7])(?:;[0-9;]*)?m")


def run(args, env=None):
    return Tui(["tui", "--member", "zinc"] + args, extra_env=env)


# French by default (the tests run under LC_ALL=C.UTF-8 and no LANG).
t = run(["--proposal", prop])
ok(t.wait_for("Proposition n°" + prop), "French by default", t.text())
ok("a approuver" in t.line(23) and "q quitter" in t.line(23),
   "the voting keys in French in the status line", t.line(23))
ok("2 blocages rejettent ; 1 à ce jour" in t.text(),
   "the rule in French", t.text())
t.key("a")
ok((t.wait_for("Enregistré.") and any(
    l.startswith(" Votre position") and "approbation" in l
    for l in t.text().splitlines())), "the confirmation in French",
   t.text())
ok(t.wait_for("2 pour 0 alerte  0 retrait  1 blocage"), "the tally in French",
   t.text())
ok(COLOUR.search(bytes(t.raw)) is not None, "colours are used by default")
t.key("q")
t.wait_exit()
t.close()

t = run(["--proposal", prop], {"LANG": "en_GB.UTF-8"})
ok(t.wait_for("Proposal #" + prop), "English when LANG says so", t.text())
t.key("q")
t.wait_exit()
t.close()
t = run(["--proposal", prop, "--lang", "en"], {"LANG": "fr_FR.UTF-8"})
ok(t.wait_for("Proposal #" + prop), "--lang en wins over LANG", t.text())
t.key("q")
t.wait_exit()
t.close()
t = run(["--proposal", prop, "--lang", "fr"], {"LANG": "en_GB.UTF-8"})
ok(t.wait_for("Proposition n°" + prop), "--lang fr wins over LANG",
   t.text())
t.key("q")
t.wait_exit()
t.close()

# NO_COLOR: attributes only.
t = run(["--proposal", prop, "--lang", "en"], {"NO_COLOR": "1"})
ok(t.wait_for("Proposal #" + prop), "opens with NO_COLOR", t.text())
t.key("2")
t.key("3")
t.settle(0.3)
m = COLOUR.search(bytes(t.raw))
ok(m is None, "NO_COLOR: no colour sequence is sent",
   repr(bytes(t.raw)[max(0, m.start() - 40):m.end() + 40]) if m else None)
t.key("q")
t.wait_exit()
t.close()

# Low bandwidth: no colour, ASCII borders.
t = run(["--proposal", prop, "--lang", "en", "--low-bandwidth"])
ok(t.wait_for("Proposal #" + prop), "opens in low-bandwidth mode", t.text())
t.settle(0.3)
raw = bytes(t.raw)
ok(COLOUR.search(raw) is None, "low bandwidth: no colour sequence")
ok("\u2500".encode() not in raw and "-" * 40 in t.text(),
   "low bandwidth: ASCII borders", t.text())
t.key("q")
t.wait_exit()
t.close()

# The member's own preferences: low bandwidth and English.
cli("member", "prefs", "--as", "zinc", "--low-bandwidth", "on", "--lang",
    "en")
t = run(["--proposal", prop])
ok(t.wait_for("Proposal #" + prop), "the member's language preference "
   "applies", t.text())
t.settle(0.3)
ok(COLOUR.search(bytes(t.raw)) is None and "-" * 40 in t.text(),
   "and their low-bandwidth preference", t.text())
t.key("q")
t.wait_exit()
t.close()
cli("member", "prefs", "--as", "zinc", "--low-bandwidth", "off", "--lang",
    "fr")

# The bare console: an admin acting as themself, who takes no position.
t = Tui(["tui", "--lang", "en", "--proposal", prop])
ok(t.wait_for("console") and "The console takes no position." in t.text(),
   "without --member, the console acts and says it takes no position",
   t.text())
t.key("a")
ok(t.wait_for("may not") or t.wait_for("member"), "and a position from "
   "the console is refused", t.text())
t.key("q")
t.wait_exit()
t.close()

# The vi keymap: j moves down.
t = run(["--lang", "en", "--keymap", "vi"])
t.key("6")
ok(t.wait_for("Members (9)"), "opens with the vi keymap", t.text())
t.key("jj\r")
ok(t.wait_for("irts — Membre irts"), "j moves down in the vi keymap",
   t.text())
t.key("q")
t.wait_exit()
t.close()

# A broken user keymap: reported as file:line, defaults kept.
conf = os.path.join(TMP, "config", "cercle")
os.makedirs(conf, exist_ok=True)
with open(os.path.join(conf, "default.keys"), "w") as f:
    f.write("# mine\nbind vote a frobnicate\nbind vote A approve\n")
t = run(["--proposal", prop, "--lang", "en"])
ok(t.wait_for("default.keys:2: unknown action 'frobnicate'"),
   "a bad line of the user's keymap is shown as file:line", t.text())
t.key("r")
ok((t.wait_for("Recorded.") and t.wait_for("Your position: withdraw")), "the defaults stay", t.text())
t.key("A")
ok((t.wait_for("Recorded.") and t.wait_for("Your position: approve")), "the good lines of the user's file "
   "apply", t.text())
t.key("q")
t.wait_exit()
ok(b"default.keys:2: unknown action 'frobnicate'" in bytes(t.raw)[-400:],
   "and printed again on exit", repr(bytes(t.raw)[-400:]))
t.close()
done_testing()
