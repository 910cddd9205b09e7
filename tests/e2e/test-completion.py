# End-to-end: bash completion (contrib/cercle.bash, installed by `make
# install`), typed with TAB in a real bash on a pty, read through pyte:
# command words, options, option values from the usage line and from the
# hub's configuration, logins, and ids of needs, proposals, actions; the
# same in French and in English (completion reads --json, not the
# screen's words). Bash without the bash-completion package, as on a
# fresh Debian 12.
import os
import pty
import shutil
import subprocess

from tuilib import (BIN, TMP, RepScreen, RepStream, Tui, done_testing, env,
                    ok)

HERE = os.path.dirname(os.path.abspath(__file__))
COMP = os.path.join(HERE, "..", "..", "contrib", "cercle.bash")
DEMO = os.path.join(TMP, "demo")
bindir = os.path.join(TMP, "bin")
os.makedirs(bindir, exist_ok=True)
os.symlink(os.path.abspath(BIN), os.path.join(bindir, "cercle"))
subprocess.run([BIN, "--db", DEMO, "demo"], env=env(), check=True,
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class Shell(Tui):
    """An interactive bash (no rc files) in a pty of 100 x 30."""

    def __init__(self, lang):
        self.cols, self.rows = 100, 30
        self.screen = RepScreen(self.cols, self.rows)
        self.stream = RepStream(self.screen)
        self.raw = bytearray()
        pid, fd = pty.fork()
        if pid == 0:
            e = env()
            e.update(PATH=bindir + ":" + e.get("PATH", "/usr/bin:/bin"),
                     PS1="$ ", INPUTRC="/dev/null")
            if lang:
                e["LC_MESSAGES"] = lang
            try:
                os.execve(shutil.which("bash"),
                          ["bash", "--norc", "--noprofile", "-i"], e)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.status = None
        self.resize(self.cols, self.rows, signal_it=False)
        self.key(". %s\r" % COMP, settle=0.3)
        self.key("clear\r", settle=0.3)

    def complete(self, typed, tabs=1):
        """Type typed, press TAB tabs times; the screen's text."""
        self.key("\x03", settle=0.2)            # a fresh line
        self.key("clear\r", settle=0.2)
        self.send(typed)
        for _ in range(tabs):
            self.key("\t", settle=0.6)
        self.settle(0.4)
        return self.text()


cases = [
    ("need sh", 1, lambda s: "cercle --db %s need show " % DEMO in s,
     "a command's second word"),
    ("need list --so", 1, lambda s: "need list --sort " in s,
     "an option of the command"),
    ("need list --sort t", 1, lambda s: "--sort territories " in s,
     "an option's value from its usage line (newest|support|territories)"),
    ("position 4 ", 2, lambda s: all(w in s for w in
                                     ("approve", "alert", "withdraw",
                                      "block")),
     "a position's words after the proposal"),
    ("position ", 2, lambda s: all(w in s.split() for w in
                                   ("1", "2", "3", "4")),
     "proposal ids for position"),
    ("need show 32", 1, lambda s: "need show 320 " in s,
     "a need's id (the demo's 320)"),
    ("need add --category acc", 2,
     lambda s: "accès\\ aux\\ droits" in s and "accompagnement" in s,
     "a configured category, quoted for the shell"),
    ("need list --territory Av", 1, lambda s: "--territory Avignon " in s,
     "a configured territory"),
    ("proposal close 1 --as cl", 1, lambda s: "--as claire " in s,
     "a login after --as"),
    ("meeting present lea ka", 1, lambda s: "present lea karim " in s,
     "logins for every further argument of LOGIN..."),
    ("action status 2 d", 2, lambda s: "doing" in s and "done" in s and
     "dropped" in s, "an action's statuses"),
    ("need status 3 in", 1, lambda s: "need status 3 in-switch " in s,
     "a need's statuses"),
    ("member role lea fa", 1, lambda s: "role lea facilitator " in s,
     "a role"),
    ("need show --json 31", 2, lambda s: "319" in s and "310" in s,
     "ids after a flag without value"),
]

for lang in ("fr_FR.UTF-8", "en_US.UTF-8"):
    sh = Shell(lang)
    for typed, tabs, want, desc in cases:
        s = sh.complete("cercle --db %s %s" % (DEMO, typed), tabs)
        ok(want(s), "%s (%s)" % (desc, lang[:2]), s)
    sh.key("\x03exit\r", settle=0.3)
    sh.close()

done_testing()
