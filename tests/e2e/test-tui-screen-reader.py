# End-to-end: the screen-reader mode, on a real pty read through pyte.
# After every key the terminal's cursor is on the focused row (screen
# readers and braille displays follow it), the row is marked ">" in text;
# no box-drawing character is on the screen; one pane at a time even on
# a wide terminal; no colour. Also as a member's own preference.
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import Tui, cli, done_testing, ok, setup_hub, setup_round

DOWN, UP = "\x1bOB", "\x1bOA"	# application cursor keys (keypad mode)


def box_chars(t):
    return [ch for row in t.screen.display for ch in row
            if 0x2500 <= ord(ch) <= 0x257f]


def cursor_on_focus(t):
    """The cursor's row is the one marked '>' (and the only one)."""
    y = t.screen.cursor.y
    marked = [i for i, row in enumerate(t.screen.display)
              if row.startswith(">")]
    return marked == [y] and t.screen.cursor.x == 0, (y, marked)


def coloured(t):
    for row in t.screen.buffer.values():
        for ch in row.values():
            if ch.fg != "default" or ch.bg != "default":
                return True
    return False


setup_hub()
tension, prop = setup_round()
for i in range(4):
    cli("tension", "add", "--as", "zinc", "--kind", "project", "--title",
        "Tension numéro %d" % i)
cli("need", "add", "--as", "corr", "--title", "Wifi public", "--territory",
    "Azur")
cli("need", "add", "--as", "corr", "--title", "Ateliers smartphone",
    "--territory", "Azur")

t = Tui(["tui", "--member", "zinc", "--lang", "en", "--screen-reader"],
        cols=120, rows=30)
ok(t.wait_for("Agenda"), "the interface starts in screen-reader mode",
   t.text())
t.settle()
good, why = cursor_on_focus(t)
ok(good, "at start the cursor is on the focused row, marked '>'", why)
# Nothing redrawn but what changed: moving the focus one row sends a
# small part of the first screen (the marker, the cursor, the row).
first = len(t.raw)
before = list(t.screen.display)
t.raw.clear()
t.key(DOWN, settle=0.3)
moved = len(t.raw)
changed = [i for i, row in enumerate(t.screen.display) if row != before[i]]
ok(0 < moved and moved * 2 < first and b"\x1b[2J" not in t.raw
   and b"\x1b[J" not in t.raw, "one move sends %d B, not the screen again "
   "(%d B)" % (moved, first), repr(bytes(t.raw)))
# The hints line (the last row) follows the selection: from urban's
# tension to zinc's, zinc may link it to needs (L).
focus_rows = [i for i in changed if i != t.rows - 1]
ok(len(focus_rows) == 2 and (len(changed) == 2 or
   "L link needs" in t.screen.display[t.rows - 1]),
   "and only the two rows whose focus changed differ, and the hints "
   "(rows %s)" % changed)
keys = [DOWN, DOWN, DOWN, UP, "1", DOWN, UP, "2", DOWN, DOWN, "3", DOWN,
        "6", DOWN, DOWN, "7", DOWN, "2", UP]
bad = []
rows = set()
for k in keys:
    t.key(k, settle=0.25)
    good, why = cursor_on_focus(t)
    rows.add(t.screen.cursor.y)
    if not good:
        bad.append((repr(k), why, t.text()))
ok(not bad, "after each of %d keys the cursor is on the focused row"
   % len(keys), bad[:2])
ok(len(rows) >= 3, "and the focus did move (the cursor visited rows %s)"
   % sorted(rows))
ok(not box_chars(t), "no box-drawing character on the screen",
   box_chars(t)[:10])
ok(not coloured(t), "no colour: meaning is in the text")
# An empty pane has nothing to focus: the cursor is on its message.
t.key("4", settle=0.4)
y = t.screen.cursor.y
ok("No meeting is open" in t.line(y) and t.screen.cursor.x == 0,
   "on an empty pane the cursor is on its message (row %d)" % y, t.text())
# Linear rows: labels before values, marks said in words.
t.key("2", settle=0.4)
ok("1. project: Budget des ateliers 2027; in process; by urban"
   in t.text() and "\u25b6" not in t.text(),
   "an agenda row reads as a sentence (its status in words, no mark)",
   t.text())
t.key("6", settle=0.4)
ok(" facil \u2014 name Fa Cilitatrice; organisation Urban Prod; roles "
   "member, facilitator" in t.text() and " corr \u2014 name Corres Pondant; roles "
   "correspondent" in t.text(), "a member row gives each value after its "
   "label (an empty one left out)", t.text())
ok("login" not in t.text(), "and no column headings", t.text())
t.key("1", settle=0.3)
ok("Needs" in t.text() and "Agenda (" not in t.text(),
   "one pane at a time on a 120-column terminal", t.text())
ok(" \u2014 Ateliers smartphone; reported; Azur; 0 supports in 1 territory"
   in t.text() and "sup/ter" not in t.text(),
   "a need row reads as a sentence (plurals right), no column headings",
   t.text())
# Status messages on one fixed line: the last row, and the cursor stays
# on the focused row (a reader is not sent elsewhere to hear it).
t.key("3", settle=0.4)
t.key("a")
ok(t.wait_for("Recorded: approve."), "a position in screen-reader mode",
   t.text())
t.settle()
ok("adrets \u2014 block; reason: R\u00e9serve trop faible." in t.text()
   and " irts \u2014 approve" in t.text(),
   "a position reads as a sentence, its reason after its label", t.text())
at = [i for i, row in enumerate(t.screen.display)
      if "Recorded: approve." in row]
ok(at == [t.rows - 1], "its message is on the status line, the last row "
   "(rows %s)" % at, t.text())
good, why = cursor_on_focus(t)
ok(good, "and the cursor is still on the focused row", why)
t.key("1", settle=0.3)
t.key("q")
t.wait_exit()
t.close()

# Without the mode, the same screen has lines (the test can tell).
t = Tui(["tui", "--member", "zinc", "--lang", "en"], cols=120, rows=30)
ok(t.wait_for("@zinc"), "the usual interface")
t.settle()
t.key("3", settle=0.4)
ok(box_chars(t), "draws box-drawing lines on the vote pane (so the check "
   "above means something)", t.text())
ok(coloured(t), "and colour")
t.key("q")
t.wait_exit()
t.close()

# In French, by default.
t = Tui(["tui", "--member", "zinc", "--screen-reader"], cols=120, rows=30)
t.wait_for("Ordre du jour")
t.key("2", settle=0.4)
ok(t.wait_for("1. projet\u00a0: Budget des ateliers 2027\u00a0;"),
   "in French the rows follow French typography", t.text())
t.key("6", settle=0.4)
ok("facil \u2014 nom Fa Cilitatrice\u00a0; organisation Urban Prod\u00a0; "
   "rôles" in t.text(), "the member rows too", t.text())
t.key("1", settle=0.4)
ok(" \u2014 Ateliers smartphone\u00a0; signalé\u00a0; Azur\u00a0; 0 soutien "
   "dans 1 territoire" in t.text(), "and the need rows, with French "
   "plurals", t.text())
t.key("q")
t.wait_exit()
t.close()

# A member's own preference.
cli("member", "access", "--as", "irts", "--screen-reader", "on")
t = Tui(["tui", "--member", "irts", "--lang", "en"], cols=120, rows=30)
ok(t.wait_for("Agenda"), "irts logs in")
t.settle()
t.key(DOWN, settle=0.3)
good, why = cursor_on_focus(t)
ok(good and not box_chars(t), "with the preference on, the screen-reader "
   "mode is on", (why, t.text()))
t.key("q")
t.wait_exit()
t.close()
done_testing()
