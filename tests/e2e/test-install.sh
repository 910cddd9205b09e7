# End-to-end: the build and the install. A copy of the source tree is
# built quietly for one prefix, then installed into another: the installed
# binary finds its keymaps, themes and French catalogue there (not the
# first prefix's paths); a missing file fails the install loudly; the
# bash completion is installed and completes commands, options and logins.
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
T="$TEST_TMP/tree"
mkdir -p "$T"
cp -r "$root/Makefile" "$root/src" "$root/keymaps" "$root/themes" \
    "$root/po" "$root/contrib" "$T/"
MK="make -C $T --no-print-directory -j2"

$MK PREFIX=/opt/first all >"$TEST_TMP/build.log" 2>&1
check "the tree builds for a first prefix" [ $? -eq 0 ]
check "the build is quiet: short lines, no compiler command lines" \
    sh -c "grep -q '^  CC     src/hub.c' '$TEST_TMP/build.log' &&
        ! grep -q -- '-std=c11' '$TEST_TMP/build.log'"
$MK PREFIX=/opt/first V=1 all >"$TEST_TMP/v.log" 2>&1
check "nothing is rebuilt for the same prefix" \
    [ "$(grep -c -- '-std=c11' "$TEST_TMP/v.log")" -eq 0 ]

P="$TEST_TMP/second"
$MK PREFIX="$P" install >"$TEST_TMP/install.log" 2>&1
check "make install into another prefix succeeds" [ $? -eq 0 ]
check "only the files that hold the paths are rebuilt" \
    sh -c "grep -q 'CC     src/ui-keys.c' '$TEST_TMP/install.log' &&
        ! grep -q 'CC     src/hub.c' '$TEST_TMP/install.log'"
for f in bin/cercle share/man/man1/cercle.1 share/man/fr/man1/cercle.1 \
    share/cercle/keymaps/vi.keys \
    share/cercle/themes/mono.theme share/locale/fr/LC_MESSAGES/cercle.mo \
    share/bash-completion/completions/cercle; do
	check "installed: $f" [ -s "$P/$f" ]
done
MANPATH="$P/share/man" MANWIDTH=100 man -L fr cercle 2>/dev/null | col -b \
    >"$TEST_TMP/manfr"
check "man -L fr cercle shows the installed French page" \
    sh -c "grep -q '^NOM' '$TEST_TMP/manfr' && grep -q 'ordre du jour' '$TEST_TMP/manfr'"
MANPATH="$P/share/man" MANWIDTH=100 man -L en cercle 2>/dev/null | col -b \
    >"$TEST_TMP/manen"
check "man -L en cercle the English one" grep -q '^NAME' "$TEST_TMP/manen"
rm -rf "$T/keymaps" "$T/themes"
"$P/bin/cercle" ui check >"$OUT" 2>"$ERR"
check "the installed binary finds its shipped files in its own prefix" \
    [ "$(grep -c "^$P/share/cercle/.*: ok$" "$OUT")" -eq 6 ]
check "and nothing of the first prefix" sh -c "! grep -q /opt/first '$OUT' '$ERR'"

# French: the installed binary finds its catalogue under the new prefix.
"$P/bin/cercle" --db "$DB" init >/dev/null 2>&1
"$P/bin/cercle" --db "$DB" member add lea --name Léa --role member >/dev/null
sock="$TEST_TMP/tmux"
tmux -S "$sock" new-session -d -x 80 -y 24 \
    "env -u LANGUAGE -u LC_MESSAGES LANG=C.UTF-8 TERM=xterm '$P/bin/cercle' --db '$DB' tui --member lea"
found=""
for _ in $(seq 50); do
	tmux -S "$sock" capture-pane -p >"$OUT" 2>/dev/null
	grep -q "Ordre du jour" "$OUT" && { found=1; break; }
	sleep 0.1
done
tmux -S "$sock" kill-server 2>/dev/null
check "the installed interface speaks French from its own catalogue" \
    [ -n "$found" ]

# A missing file is an error, not a silent skip.
mv "$T/contrib/cercle.bash" "$TEST_TMP/"
$MK PREFIX="$TEST_TMP/third" install >"$TEST_TMP/fail.log" 2>&1
check "install fails loudly when a file is missing" [ $? -ne 0 ]
mv "$TEST_TMP/cercle.bash" "$T/contrib/"

# Completion, through bash itself with the installed script.
comp() { # words... : prints the candidates for the last word
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1));
	    COMP_LINE="$*"; _cercle; printf "%s\n" "${COMPREPLY[@]}"' \
	    comp "$P/share/bash-completion/completions/cercle" "$@"
}
PATH="$P/bin:$PATH"
comp cercle mem >"$OUT"
check "completes a command" out_is "member"
comp cercle member k >"$OUT"
check "completes the next word of a command" out_is "key"
comp cercle need list --ter >"$OUT"
check "completes a command's options" out_is "--territory"
comp cercle --db "$DB" member show l >"$OUT"
check "completes logins from the database" out_is "lea"
comp cercle --db "$DB" need add --as l >"$OUT"
check "completes --as with logins" out_is "lea"
done_testing
