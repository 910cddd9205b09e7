# End-to-end: zero-width and other invisible characters in member text.
# Two tensions whose titles differ only by a U+200B: the interface (a
# real pty read through pyte), the CLI listing and the minutes show the
# character as ⟨U+200B⟩, so the two titles do not look the same; and
# `cercle check titles` flags the pair (exit 2), but not honest twins.
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import (BIN, DB, Tui, cli, done_testing, env, ok, setup_hub)

setup_hub()
plain = "Budget 2027"
sneaky = "Budget\u200b 2027"
joined = "Fonds\u200d\u2060 commun\ufeff"
cli("tension", "add", "--as", "urban", "--kind", "project", "--title", plain)
cli("tension", "add", "--as", "zinc", "--kind", "project", "--title", sneaky)
cli("tension", "add", "--as", "zinc", "--kind", "project", "--title", joined)

agenda = cli("agenda")
ok("Budget\u27e8U+200B\u27e9 2027" in agenda, "the CLI agenda shows the "
   "zero-width space as \u27e8U+200B\u27e9", agenda)
ok("\u200b" not in agenda and "\u200d" not in agenda and
   "\ufeff" not in agenda, "no invisible character reaches the output",
   agenda)
ok("Fonds\u27e8U+200D\u27e9\u27e8U+2060\u27e9 commun\u27e8U+FEFF\u27e9"
   in agenda, "U+200D, U+2060 and U+FEFF too", agenda)

t = Tui(["tui", "--member", "irts", "--lang", "en"], cols=100)
ok(t.wait_for("Budget 2027"), "the interface lists the plain title",
   t.text())
ok(t.wait_for("Budget\u27e8U+200B\u27e9 2027"), "and the other one with "
   "its zero-width space shown", t.text())
ok("\u200b" not in t.raw.decode("utf-8", "replace"),
   "no U+200B byte was sent to the terminal")
t.key("q")
t.wait_exit()
t.close()

p = subprocess.run([BIN, "--db", DB, "--lang", "en", "check", "titles"],
                   env=env(),
                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
out = p.stdout.decode()
ok(p.returncode == 2, "check titles exits 2 when two titles look alike",
   (p.returncode, out, p.stderr.decode()))
ok("tensions 1 and 2 look the same" in out, "and names the pair", out)
ok(out.count("look the same") == 1, "only that pair", out)
ok("\u27e8U+200B\u27e9" in out, "showing the difference", out)

cli("tension", "drop", "2", "--as", "zinc", check=False)
cli("need", "add", "--as", "corr", "--title", "Wifi\u00ad public",
    "--territory", "Azur")
cli("need", "add", "--as", "corr", "--title", "Wifi public",
    "--territory", "Azur")
p = subprocess.run([BIN, "--db", DB, "--lang", "en", "check", "titles"],
                   env=env(),
                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
out = p.stdout.decode()
ok("needs 1 and 2 look the same" in out, "needs are checked too (a soft "
   "hyphen)", out)
done_testing()
