# End-to-end: how the language is chosen, first that applies: --lang (a
# global option, any command), the member's preference, LC_ALL /
# LC_MESSAGES / LANG when they name a language with a catalogue (fr, en),
# then the hub's default language (`cercle config lang`, French for the
# Hub du Sud). Seen on the real interface and on the CLI's own messages.
import os
import pty
import re
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import BIN, DB, TMP, Tui, cli, done_testing, env, ok, setup_hub

FR, EN = "Ordre du jour (", "Agenda ("


def screen(args, extra=None):
    """The first screen's language: "fr", "en" or the screen itself."""
    t = Tui(args, extra_env=extra)
    got = None
    for _ in range(30):
        t.pump(0.1)
        txt = t.text()
        if FR in txt:
            got = "fr"
            break
        if EN in txt:
            got = "en"
            break
    got = got or t.text()
    t.key("q")
    t.wait_exit()
    t.close()
    return got


def cli_err(args, extra=None):
    e = env()
    e.update(extra or {})
    p = subprocess.run([BIN, "--db", DB] + args, env=e,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stderr.decode()


setup_hub()
ok(cli("config", "show", "--json").find('"lang":"fr"') >= 0,
   "cercle init writes French as the hub's language")

# The console (an admin), under the tests' LC_ALL=C.UTF-8.
ok(screen([], {"LANG": "C.UTF-8"}) == "fr",
   "LANG=C.UTF-8: French (the hub's language)")
ok(screen(["--lang", "en"], {"LANG": "C.UTF-8"}) == "en",
   "--lang en before any command: English")
ok(screen(["--lang", "en", "tui", "--member", "zinc"]) == "en",
   "--lang en as a global option of the tui command")
ok(screen(["tui", "--member", "zinc", "--lang", "en"]) == "en",
   "tui --lang en still works")
ok(screen([], {"LANG": "en_GB.UTF-8"}) == "en",
   "LANG naming English: English")
ok(screen([], {"LC_ALL": "en_US.UTF-8", "LANG": "fr_FR.UTF-8"}) == "en",
   "LC_ALL before LANG")
ok(screen([], {"LC_MESSAGES": "fr_FR.UTF-8", "LANG": "en_GB.UTF-8"}) ==
   "fr", "LC_MESSAGES before LANG")
ok(screen([], {"LANG": "de_DE.UTF-8"}) == "fr",
   "LANG naming a language without catalogue: the hub's")

# The member's preference comes before the environment.
cli("member", "prefs", "--as", "zinc", "--lang", "en")
ok(screen(["tui", "--member", "zinc"], {"LANG": "fr_FR.UTF-8"}) == "en",
   "the member's preference (en) before LANG=fr_FR.UTF-8")
ok(screen(["--lang", "fr", "tui", "--member", "zinc"]) == "fr",
   "--lang fr before the member's preference")

# The hub's default language.
rc, err = cli_err(["config", "lang", "de"])
ok(rc == 1 and err.count("\n") == 1 and "vaut fr ou en" in err,
   "config lang refuses another language, in one line, in French", err)
rc, err = cli_err(["--lang", "en", "config", "lang", "de"])
ok(rc == 1 and "must be fr or en" in err, "and in English with --lang en",
   err)
cli("config", "lang", "en")
ok(cli("config", "show").find("language: en") >= 0,
   "config show names the hub's language")
ok(screen([], {"LANG": "C.UTF-8"}) == "en",
   "hub in English, LANG=C.UTF-8: English")
ok(screen(["tui", "--member", "urban"], {"LANG": "de_DE.UTF-8"}) == "en",
   "hub in English, a member without preference: English")
ok(screen([], {"LANG": "fr_FR.UTF-8"}) == "fr",
   "LANG naming French before the hub's language")
ok(screen(["--lang", "fr"]) == "fr", "--lang fr before the hub's language")
cli("config", "lang", "fr")

# The CLI sets up the same choice for its own messages.
rc, err = cli_err(["frobnicate"], {"LANG": "C.UTF-8"})
ok(rc == 1 and "commande inconnue" in err, "the CLI speaks French", err)
rc, err = cli_err(["--lang", "en", "frobnicate"])
ok(rc == 1 and "unknown command" in err, "--lang en: the CLI in English",
   err)
rc, err = cli_err(["frobnicate"], {"LANG": "en_GB.UTF-8"})
ok(rc == 1 and "unknown command" in err, "LANG=en_GB: the CLI in English",
   err)
rc, err = cli_err(["--lang", "de", "journal"], {"LANG": "en_GB.UTF-8"})
ok(rc == 1 and err == "cercle: --lang must be fr or en\n",
   "--lang de is refused in one line", err)
rc, err = cli_err(["--lang", "de", "journal"], {"LANG": "C.UTF-8"})
ok(rc == 1 and err == "cercle: --lang vaut fr ou en\n",
   "--lang de is refused in one line, in the environment's language", err)


# Over the embedded SSH server: the client's LANG chooses when it names a
# catalogue, even if this host lacks that locale (it has only C.UTF-8).
class SshTui(Tui):
    def __init__(self, port, key, lang):
        import pyte
        self.cols, self.rows = 80, 24
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        args = ["ssh", "-F", "/dev/null", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR",
                "-o", "SetEnv=LANG=" + lang,
                "-i", key, "-p", str(port), "-tt", "nobody@127.0.0.1"]
        pid, fd = pty.fork()
        if pid == 0:
            try:
                os.execvpe("ssh", args, env())
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.status = None
        self.resize(80, 24, signal_it=False)


def ssh_screen(port, key, lang):
    t = SshTui(port, key, lang)
    got = None
    for _ in range(80):
        t.pump(0.1)
        if FR in t.text():
            got = "fr"
            break
        if EN in t.text():
            got = "en"
            break
    got = got or t.text()
    t.send(b"q")
    t.wait_exit(10)
    t.close()
    return got


key = os.path.join(TMP, "kurban")
subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key],
               check=True, stdin=subprocess.DEVNULL)
cli("member", "key", "add", "urban", open(key + ".pub").read().strip())
log = os.path.join(TMP, "serve.log")
srv = subprocess.Popen([BIN, "--db", DB, "serve", "--listen", "127.0.0.1:0"],
                       stdout=open(log, "w"), stderr=subprocess.STDOUT,
                       env=env())
try:
    port = None
    for _ in range(100):
        m = re.search(r"listening on 127\.0\.0\.1:(\d+)", open(log).read())
        if m:
            port = int(m.group(1))
            break
        time.sleep(0.05)
    ok(port is not None, "cercle serve starts", open(log).read())
    if port is not None:
        ok(ssh_screen(port, key, "en_US.UTF-8") == "en",
           "ssh with LANG=en_US.UTF-8 (not a locale of this host): English")
        ok(ssh_screen(port, key, "C.UTF-8") == "fr",
           "ssh with LANG=C.UTF-8: the hub's language (French)")
        ok(ssh_screen(port, key, "de_DE.UTF-8") == "fr",
           "ssh with LANG=de_DE.UTF-8: the hub's language (French)")
finally:
    srv.send_signal(signal.SIGTERM)
    try:
        srv.wait(10)
    except subprocess.TimeoutExpired:
        srv.kill()
        srv.wait()
done_testing()
