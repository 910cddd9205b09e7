# End-to-end: the theme's colours reach the screen. Each element is drawn
# in its own colours (not only the borders): approve, alert, block and
# the title are told apart by colour, and the high-contrast theme draws
# differently from the default one. Read cell by cell through pyte.
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import Tui, done_testing, ok, setup_hub, setup_round

setup_hub()
tension, prop = setup_round()


def cell_of(t, word):
    """(fg, bg) of the first cell of word on screen, or None."""
    for y, line in enumerate(t.screen.display):
        x = line.find(word)
        if x >= 0:
            c = t.screen.buffer[y][x]
            return c.fg, c.bg
    return None


def open_vote(theme):
    t = Tui(["tui", "--member", "zinc", "--lang", "en", "--proposal",
             prop, "--theme", theme], extra_env={"TERM": "xterm-256color"})
    ok(t.wait_for("Proposal #" + prop), "opens with the %s theme" % theme,
       t.text())
    t.settle(0.3)
    return t


t = open_vote("default")
tally = t.text()
approve = cell_of(t, "1 approve")
block = cell_of(t, "1 block")
ok(approve is not None and approve[0] == "green",
   "default: the approvals are drawn green", (approve, tally))
ok(block is not None and block[0] == "red",
   "default: the blocks are drawn red", (block, tally))
title = cell_of(t, "Proposal #")
ok(title is not None and title[0] == "cyan", "default: the title is cyan",
   title)
t.key("q")
t.wait_exit()
t.close()

t = open_vote("high-contrast")
hc_block = cell_of(t, "1 block")
hc_title = cell_of(t, "Proposal #")
ok(hc_block is not None and hc_block != block,
   "high-contrast draws the blocks otherwise than default",
   (hc_block, block))
ok(hc_title is not None and hc_title[1] == "black",
   "high-contrast: the title is on black", hc_title)
t.key("q")
t.wait_exit()
t.close()
done_testing()
