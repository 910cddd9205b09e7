# tests/e2e/tuilib.py: drive the real cercle interface in a pseudo-terminal
# and read the screen through pyte, counting every byte the program sends.
# Used by tests/e2e/test-tui-*.py and bench/tui-bytes.py.
import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time

import pyte

BIN = os.environ.get("CERCLE_BIN", "cercle")
TMP = os.environ.get("TEST_TMP") or os.getcwd()
DB = os.path.join(TMP, "db")

_n = 0
_failed = 0


def ok(cond, desc, detail=None):
    global _n, _failed
    _n += 1
    if cond:
        print("ok %d - %s" % (_n, desc))
    else:
        _failed += 1
        print("not ok %d - %s" % (_n, desc))
        if detail:
            for line in str(detail).splitlines()[:40]:
                print("#   " + line)
    sys.stdout.flush()
    return cond


def done_testing():
    print("1..%d" % _n)
    sys.exit(1 if _failed else 0)


def env():
    e = dict(os.environ)
    e.update({"LC_ALL": "C.UTF-8", "TZ": "UTC", "TERM": "xterm-256color",
              "XDG_CONFIG_HOME": os.path.join(TMP, "config")})
    for k in ("LANG", "LANGUAGE", "LC_MESSAGES", "NO_COLOR", "CERCLE_DB"):
        e.pop(k, None)
    return e


def cli(*args, check=True):
    """Run the cercle CLI on the test database; returns stdout."""
    # The CLI's messages are read in English here, as in lib.sh (the
    # interface, run by Tui, speaks the hub's French).
    e = env()
    e["LC_MESSAGES"] = "en_US.UTF-8"
    p = subprocess.run([BIN, "--db", DB] + list(args), env=e,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if check and p.returncode != 0:
        raise RuntimeError("cercle %s: %s" % (" ".join(args),
                                              p.stderr.decode()))
    return p.stdout.decode()


def setup_hub():
    """The founding six, a facilitator, a correspondent, an observer."""
    cli("init", "--hub", "Hub du Sud")
    cli("member", "add", "facil", "--name", "Fa Cilitatrice", "--role",
        "member,facilitator", "--org", "Urban Prod", "--territory", "Alpes")
    for m in ("urban", "irts", "zinc", "adrets", "arsenic", "camp"):
        cli("member", "add", m, "--name", "Membre " + m, "--role", "member",
            "--org", m, "--territory", "Alpes")
    cli("member", "add", "corr", "--name", "Corres Pondant", "--role",
        "correspondent", "--territory", "Azur")
    cli("member", "add", "obs", "--name", "Ob Servateur", "--role",
        "observer")


def setup_round():
    """A tension with an open electronic proposal and two positions."""
    t = cli("tension", "add", "--as", "urban", "--kind", "project",
            "--title", "Budget des ateliers 2027", "--description",
            "Répartir le budget entre les quatre territoires.").strip()
    p = cli("proposal", "add", t, "--as", "urban", "--text",
            "Parts égales entre les 4A, réserve de 10 % pour la montagne.",
            "--closes", "2099-01-01").strip()
    cli("position", p, "approve", "--as", "irts")
    cli("position", p, "block", "--reason", "Réserve trop faible.",
        "--as", "adrets")
    return t, p


class RepScreen(pyte.Screen):
    """pyte 0.8 lacks what ncurses sends with xterm's terminfo: REP (CSI Ps
    b) repeats the last character drawn; SU and SD (CSI Ps S, CSI Ps T)
    scroll the region, for its scrolling optimisation."""

    _last = " "

    def draw(self, data):
        if data:
            self._last = data[-1]
        super().draw(data)

    def repeat_last(self, count=1, *args, **kwargs):
        self.draw(self._last * max(count or 1, 1))

    def _scroll(self, count, up):
        top, bottom = (self.margins.top, self.margins.bottom) \
            if self.margins else (0, self.lines - 1)
        x, y = self.cursor.x, self.cursor.y
        for _ in range(max(count or 1, 1)):
            self.cursor.y = bottom if up else top
            if up:
                self.index()
            else:
                self.reverse_index()
        self.cursor.x, self.cursor.y = x, y

    def scroll_up(self, count=1, *args, **kwargs):
        self._scroll(count, True)

    def scroll_down(self, count=1, *args, **kwargs):
        self._scroll(count, False)


class RepStream(pyte.ByteStream):
    csi = dict(pyte.ByteStream.csi, b="repeat_last", S="scroll_up",
               T="scroll_down")


class Tui:
    """One cercle interface in a pty of cols x rows."""

    def __init__(self, args, cols=80, rows=24, extra_env=None):
        self.cols, self.rows = cols, rows
        self.screen = RepScreen(cols, rows)
        self.stream = RepStream(self.screen)
        self.raw = bytearray()
        pid, fd = pty.fork()
        if pid == 0:
            e = env()
            if extra_env:
                e.update(extra_env)
            try:
                os.execve(BIN, [BIN, "--db", DB] + list(args), e)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.status = None
        self.resize(cols, rows, signal_it=False)

    def resize(self, cols, rows, signal_it=True):
        self.cols, self.rows = cols, rows
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ,
                    struct.pack("HHHH", rows, cols, 0, 0))
        self.screen.resize(rows, cols)
        if signal_it:
            # The kernel signals the foreground group; be sure anyway.
            try:
                os.kill(self.pid, signal.SIGWINCH)
            except ProcessLookupError:
                pass

    def pump(self, timeout=0.05):
        """Read what is there (waiting up to timeout); returns bytes."""
        got = bytearray()
        end = time.time() + timeout
        while True:
            left = end - time.time()
            r, _, _ = select.select([self.fd], [], [], max(left, 0))
            if not r:
                break
            try:
                b = os.read(self.fd, 65536)
            except OSError:
                break
            if not b:
                break
            got += b
            # Keep reading while more comes quickly.
            end = max(end, time.time() + 0.02)
        if got:
            self.raw += got
            self.stream.feed(bytes(got))
        return bytes(got)

    def text(self):
        return "\n".join(self.screen.display)

    def line(self, y):
        return self.screen.display[y]

    def wait_for(self, needle, timeout=3.0):
        end = time.time() + timeout
        while time.time() < end:
            self.pump(0.05)
            if needle in self.text():
                return True
        return needle in self.text()

    def wait_gone(self, needle, timeout=3.0):
        end = time.time() + timeout
        while time.time() < end:
            self.pump(0.05)
            if needle not in self.text():
                return True
        return False

    def settle(self, quiet=0.3, limit=5.0):
        """Read until nothing arrives for `quiet` seconds."""
        end = time.time() + limit
        while time.time() < end:
            if not self.pump(quiet):
                return

    def send(self, data):
        if isinstance(data, str):
            data = data.encode("utf-8")
        os.write(self.fd, data)

    def key(self, data, settle=0.15):
        self.send(data)
        self.settle(settle)

    def alive(self):
        if self.status is not None:
            return False
        pid, st = os.waitpid(self.pid, os.WNOHANG)
        if pid == 0:
            return True
        self.status = st
        return False

    def wait_exit(self, timeout=5.0):
        end = time.time() + timeout
        while time.time() < end:
            self.pump(0.05)
            if not self.alive():
                return self.status
        return None

    def close(self):
        if self.alive():
            try:
                os.kill(self.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            self.wait_exit(3.0)
        if self.alive():
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        try:
            os.close(self.fd)
        except OSError:
            pass


def wait_all(tuis, needle, timeout=1.0):
    """Pump every session together until each shows needle; returns the
    seconds each took (None for those that never did)."""
    start = time.time()
    took = [None] * len(tuis)
    while time.time() - start < timeout and None in took:
        for i, t in enumerate(tuis):
            if took[i] is None:
                t.pump(0.01)
                if needle in t.text():
                    took[i] = time.time() - start
    return took


# Keys as a terminal sends them.
ESC = "\x1b"
ENTER = "\r"
# Cursor keys in keypad-transmit mode (what curses asks the terminal for).
UP, DOWN = "\x1bOA", "\x1bOB"
LEFT, RIGHT = "\x1bOD", "\x1bOC"
HOME, END = "\x1bOH", "\x1bOF"
CTRL_S, CTRL_W = "\x13", "\x17"
PASTE_BEGIN, PASTE_END = "\x1b[200~", "\x1b[201~"
