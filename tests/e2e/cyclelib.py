# tests/e2e/cyclelib.py: the cast of issue 10's walks (test-tui-cycle*.py):
# a facilitator, five members, a correspondent and a sage, each in their
# own 80x24 terminal; every status line any of them shows is recorded, to
# be checked whole (a message cut at the screen's edge ends with a mark).
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import DOWN, HOME, Tui, cli, ok

COLS, ROWS = 80, 24
CUT = ("\u2026", ">")		# the status line's mark of a cut message
MEMBERS = ("urban", "irts", "zinc", "adrets", "arsenic")
TERR = {"urban": "Aix-Marseille", "irts": "Avignon", "zinc": "Alpes",
        "adrets": "Alpes", "arsenic": "Aix-Marseille"}
SESSIONS = []
STATUS = {}			# status line -> the login that showed it first


def setup_cast():
    """The hub and its eight people: the only CLI before the walk."""
    cli("init", "--hub", "Hub du Sud")
    cli("member", "add", "facil", "--name", "Fa Cilitatrice", "--role",
        "member,facilitator", "--org", "Urban Prod", "--territory", "Alpes")
    for m in MEMBERS:
        cli("member", "add", m, "--name", "Membre " + m, "--role", "member",
            "--org", m, "--territory", TERR[m])
    cli("member", "add", "corr", "--name", "Corres Pondant", "--role",
        "correspondent", "--territory", "Azur")
    cli("member", "add", "sage", "--name", "Sa Ge", "--role", "sage")


class Term(Tui):
    """A person's terminal: every pump also drains the other terminals (a
    live update must never fill a pty nobody reads) and records the
    status line it shows."""

    def __init__(self, login, lang="en"):
        self.login = login
        args = ["tui", "--member", login]
        if lang:
            args += ["--lang", lang]
        super().__init__(args, cols=COLS, rows=ROWS)
        SESSIONS.append(self)

    def note(self):
        s = self.screen.display[self.rows - 1].rstrip()
        if s and s not in STATUS:
            STATUS[s] = self.login

    def pump(self, timeout=0.05):
        got = super().pump(timeout)
        self.note()
        for t in SESSIONS:
            if t is not self and t.status is None:
                if Tui.pump(t, 0):
                    t.note()
        return got

    def key(self, data, settle=0.08):
        super().key(data, settle)


def status(t):
    return t.line(t.rows - 1).rstrip()


def one_line(t, words, what):
    """A refusal or a message: on the status line, whole (not cut), and
    no editor or choice opened for it."""
    got = t.wait_for(words)
    line = status(t)
    ok(got and words in line and not line.endswith(CUT) and
       "Ctrl" not in t.text() and "C-s" not in t.text(),
       "%s: one line of %d columns" % (what, len(line)), t.text())


def select(t, needle, limit=30):
    """Move the list selection (Home, then Down) to the row holding
    needle; the selected row is drawn in reverse video."""
    t.key(HOME)
    for _ in range(limit):
        for y in range(1, t.rows - 1):
            if needle in t.line(y) and t.screen.buffer[y][2].reverse:
                return True
        t.key(DOWN, 0.05)
    return False


def check_status_lines(least):
    """Every status line seen, in every terminal, whole."""
    cut = [s for s in STATUS if s.endswith(CUT)]
    for s in sorted(STATUS, key=len, reverse=True)[:5]:
        print("# %2d  %s: %s" % (len(s), STATUS[s], s))
    ok(len(STATUS) >= least and not cut, "every one of the %d status lines "
       "seen fits 80 columns in one line" % len(STATUS),
       "\n".join("%s: %s" % (STATUS[s], s) for s in cut))


def close_all():
    for t in SESSIONS:
        t.key("q")
        t.wait_exit()
        t.close()
