# End-to-end: what is typed reaches the field whole (issue 10, item 8): a
# paste holding Latin-1 or broken UTF-8 bytes loses only those bytes, and
# the status line says how many were refused; the editor wraps between
# words, never inside one.
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import (CTRL_S, ENTER, PASTE_BEGIN, PASTE_END, Tui, cli,
                    done_testing, ok, setup_hub)

setup_hub()
u = Tui(["tui", "--member", "urban", "--lang", "en"])
u.key("2")
u.wait_for("agenda")
u.key("n")
u.key("p")
ok(u.wait_for("New tension (project)"), "the tension editor is open",
   u.text())
u.send(PASTE_BEGIN.encode() + b"Local caf\xe9 " + b"\xc3\xa9t\xc3\xa9 "
       b"apr\xe8s la fin" + PASTE_END.encode())
u.settle(0.5)
ok(u.wait_for("Local caf été aprs la fin"), "the rest of the paste is kept",
   u.text())
ok("2 bytes refused: not UTF-8 (the first 0xE9)" in u.text(),
   "the status line says what was refused", u.text())
# Typed (no bracketed paste): a lone bad byte among keys.
u.send(b" \xff!")
u.settle(0.5)
ok(u.wait_for("la fin !") and "1 byte refused" in u.text(),
   "a bad byte typed is refused and said, the next key kept", u.text())
u.key(ENTER)
words = ("Nous voulons accueillir les associations de quartier dans un "
         "local partagé ouvert tous les soirs de la semaine avec une "
         "permanence numérique et des ateliers pour les familles")
u.key(words)
u.settle(0.5)
lines = [l for l in u.text().splitlines()]
body = [l.strip() for l in lines if l.startswith(" ") and
        any(w in l for w in ("Nous", "local", "permanence", "familles",
                             "semaine"))]
vocab = set(words.split())
cut = [w for l in body for w in l.split() if w not in vocab and
       "Local" not in l]
ok(len(body) >= 2 and not cut, "the description wraps between words",
   "\n".join(lines) + "\ncut: %r" % cut)
u.key(CTRL_S)
ok(u.wait_for("is on the agenda"), "the tension is added", u.text())
t = json.loads(cli("tension", "show", "1", "--json"))
ok(t["title"] == "Local caf été aprs la fin !", "the CLI has the title "
   "without the refused bytes", t)
ok(t["description"] == words, "and the description whole", t)
u.close()
done_testing()
