# French throughout, the command line's own words (issue 12): on a French
# hub (the demo's) with LANG=C.UTF-8, `cercle --help`, `cercle help`,
# every command's --help and `help CMD`, the text views (proposal show
# and list, member list, need show, meeting show, agenda, action and
# decision lists, verify) and the errors of a damaged database are French
# with French typography; `--lang en` gives the English. Options, command
# names, JSON and the outcome tokens of `proposal close` do not change.
# (test-refusals-fr walks the refusals of every command.)
. "$(dirname "$0")/lib.sh"
unset LC_MESSAGES LANGUAGE
export LANG=C.UTF-8
NB=$(printf '\302\240')

"$CERCLE_BIN" --db "$DB" demo >/dev/null 2>&1 ||
    { echo "Bail out! demo failed"; exit 1; }

# english FILE: the lines holding a common English word, once what is
# typed as is is left out: quoted text, options, upper-case placeholders,
# the usage line's syntax and a command list's names.
english() {
	sed "s/«[^»]*»//g; s/'[^']*'//g; s/--[a-z-]*//g; s/[A-Z_]\{2,\}//g
	    s/^utilisation[^:]*: .*//; s/^  [a-z][a-z -]*[a-z]   *//
	    s/The Camp//g; s/([^)]*[|][^)]*)//g; s/(usage[^)]*)//g" "$1" |
	    grep -inE "(^|[ (])(the|is|are|not|of|and|by|with|for|cannot|must|already|tally|supporter|keys|needed|present|none|yet|round|meeting|status|login|name|due|decision|overdue|todo|proposal|unknown|did|you|mean|missing|contains|character|answered|members)([ ,.:;)]|$)"
}
# spaced FILE: a colon, semicolon, ? or ! after a plain space (French
# wants a non-breaking one), in what cercle wrote (the views hold the
# members' own texts: only help and errors are checked).
spaced() { sed "s/«[^»]*»//g" "$1" | grep -n " [:;?!]"; }

printf 'cercle: the round is closed\n' >"$TEST_TMP/plant"
check "an English line is caught" [ -n "$(english "$TEST_TMP/plant")" ]
printf 'cercle : la tension n°%s%s\n' "1" " :" >"$TEST_TMP/plant"
check "a plain space before a colon is caught" \
    [ -n "$(spaced "$TEST_TMP/plant")" ]

# ---- help ----
c --help
check "--help: exit 0" [ "$RC" -eq 0 ]
check "--help: in French" out_has "Commandes${NB}:"
check "--help: no English left ($(english "$OUT" | head -2 | tr '\n' ' '))" \
    [ -z "$(english "$OUT")" ]
check "--help: French typography ($(spaced "$OUT" | head -1))" \
    [ -z "$(spaced "$OUT")" ]
cp "$OUT" "$TEST_TMP/help.fr"
c help
check "help is --help" cmp -s "$OUT" "$TEST_TMP/help.fr"
c --lang en --help
check "--lang en --help: English" out_has "Commands:"
check "--lang en --help: the same commands" [ "$(grep -c '^  [a-z]' "$OUT")" \
    -eq "$(grep -c '^  [a-z]' "$TEST_TMP/help.fr")" ]
c --help --lang en
check "--help --lang en: English too" out_has "Global options:"

"$CERCLE_BIN" --db "$DB" help --commands >"$TEST_TMP/cmds"
n=0
while IFS= read -r cmd; do
	n=$((n + 1))
	# shellcheck disable=SC2086
	c $cmd --help
	first=$(head -1 "$OUT")
	if [ "$RC" -eq 0 ] && [ "$first" != "${first#utilisation${NB}: cercle $cmd}" ] &&
	    [ -z "$(english "$OUT")" ] && [ -z "$(spaced "$OUT")" ]; then
		ok "French: $cmd --help"
	else
		not_ok "French: $cmd --help ($(english "$OUT"; spaced "$OUT"))"
	fi
	cp "$OUT" "$TEST_TMP/one.fr"
	# shellcheck disable=SC2086
	c help $cmd
	check "help $cmd is $cmd --help" cmp -s "$OUT" "$TEST_TMP/one.fr"
	# shellcheck disable=SC2086
	c --lang en $cmd --help
	first=$(head -1 "$OUT")
	check "English: $cmd --help" [ "$RC" -eq 0 -a \
	    "$first" != "${first#usage: cercle $cmd}" ]
	check "the usage line keeps options and words as typed: $cmd" [ \
	    "$(head -1 "$OUT" | sed 's/^usage: //')" = \
	    "$(head -1 "$TEST_TMP/one.fr" | sed "s/^utilisation${NB}: //")" ]
done <"$TEST_TMP/cmds"
check "every command's help was read ($n)" [ "$n" -gt 90 ]
c meeting
check "a group alone lists its commands in French" err_has "demande une commande"
check "... with no English ($(english "$ERR" | head -1))" [ -z "$(english "$ERR")" ]
c help nope
check "help of no command: French, exit 1" [ "$RC" -eq 1 -a -n "$(grep 'pas de commande' "$ERR")" ]

# ---- the text views ----
view() {
	desc=$1
	shift
	c "$@"
	if [ "$RC" -eq 0 ] && [ -s "$OUT" ] && [ -z "$(english "$OUT")" ]; then
		ok "French: $desc"
	else
		not_ok "French: $desc (exit $RC; $(english "$OUT" | head -2 |
		    tr '\n' ' '))"
	fi
	cp "$OUT" "$TEST_TMP/view.fr"
	c --lang en "$@"
	check "English with --lang en: $desc" [ "$RC" -eq 0 -a -n \
	    "$(english "$OUT")" ]
}
view "proposal show (open, electronic)" proposal show 4
view "proposal show (retained, with a lone block)" proposal show 1
view "proposal show (sent to the sages)" proposal show 3
view "proposal list" proposal list
view "member list" member list
view "member show" member show lea
view "need show" need show 1
view "meeting show" meeting show
view "meeting list" meeting list
view "agenda" agenda
view "tension show" tension show 7
view "action list" action list
view "decision list" decision list
c proposal show 4
check "proposal show: states and labels in French" sh -c \
    "grep -q '^état${NB}: *ouverte' '$OUT' && grep -q '^décompte${NB}: 2 approbations, 1 alerte' '$OUT'"
check "plurals: 1 alerte, 0 blocage, 2 approbations" \
    grep -q "1 alerte, 0 retrait, 0 blocage" "$OUT"
c member list
check "member list: roles in French" grep -q "^claire .* facilitateur " "$OUT"
check "member list: keys counted in French" grep -q " 0 clé$" "$OUT"
c --lang en member list
check "member list --lang en: roles in English" grep -q "^claire .* facilitator " "$OUT"
c need show 1
check "need show: a plural said in French" grep -q "vu dans 1 territoire${NB}:" "$OUT"

# ---- refusals: one French line, and the CLI's hint after it ----
refused() {
	want=$1
	desc=$2
	shift 2
	c "$@"
	if [ "$RC" -eq "$want" ] && [ "$(wc -l <"$ERR")" -eq 1 ] &&
	    [ -z "$(english "$ERR")" ] && [ -z "$(spaced "$ERR")" ]; then
		ok "French, one line: $desc"
	else
		not_ok "French, one line: $desc (exit $RC; $(english "$ERR"))"
	fi
	cp "$ERR" "$TEST_TMP/ref.fr"
	c --lang en "$@"
	check "English with --lang en: $desc" [ "$RC" -eq "$want" -a -n \
	    "$(english "$ERR")" ]
	cp "$TEST_TMP/ref.fr" "$ERR"
}
refused 2 "an unknown territory" need add --as yasmine --title T --territory Alpe
check "... did you mean, quoted the French way" err_has "vouliez-vous dire «${NB}Alpes${NB}»${NB}?"
check "... and the CLI names the command that helps" \
    err_has "(voir «${NB}cercle config show${NB}»)"
c --lang en need add --as yasmine --title T --territory Alpe
check "... in English too" err_has "did you mean 'Alpes'? (see 'cercle config show')"
refused 2 "a record that does not exist" proposal show 99999
check "... named by its noun" err_has "proposition n°99999"
refused 2 "a member's act by an observer" position 4 approve --as emma
refused 2 "a facilitator's act by a member" meeting open --as lea
refused 2 "no meeting open" meeting close --as claire
refused 2 "a closed round" position 1 approve --as lea
refused 1 "a bad id" proposal show x
refused 1 "a missing argument" tension show
refused 1 "a bad option" need list --colour
c --lang de need list
check "a bad --lang: one French line, exit 1" [ "$RC" -eq 1 -a \
    "$(wc -l <"$ERR")" -eq 1 -a -z "$(english "$ERR")" ]
refused 1 "a control character" need add --as yasmine --title "$(printf 'a\001b')" --territory Alpes
refused 2 "a round still open" proposal close 4 --as claire
check "... its count with the right plural" sh -c \
    "grep -qE '[0-9]+ membres? sur [0-9]+ (a|ont) répondu' '$ERR'"

# ---- what does not change with the language ----
for q in "proposal show 4 --json" "member list --json" "need show 1 --json" \
    "meeting show --json" "agenda --csv" "decision list --csv"; do
	# shellcheck disable=SC2086
	"$CERCLE_BIN" --db "$DB" $q >"$TEST_TMP/a" 2>&1
	# shellcheck disable=SC2086
	"$CERCLE_BIN" --db "$DB" --lang en $q >"$TEST_TMP/b" 2>&1
	check "the same in both languages: $q" cmp -s "$TEST_TMP/a" "$TEST_TMP/b"
done
c proposal show 4 --json
check "JSON keeps the tokens" out_has '"status":"open"'
# The electronic round of proposal 4 is due: it may be closed.
export CERCLE_NOW=$(($(date +%s) + 40 * 86400))
cp -r "$DB" "$TEST_TMP/db2"
c proposal close 4 --as claire
check "proposal close in French: exit 0" [ "$RC" -eq 0 ]
check "... its last line is a stable token ($(tail -1 "$OUT"))" \
    sh -c "tail -1 '$OUT' | grep -qxE 'retained|rejected|no-decision'"
check "... the lines above it are French" out_has "quorum${NB}:"
tok=$(tail -1 "$OUT")
"$CERCLE_BIN" --db "$TEST_TMP/db2" --lang en proposal close 4 --as claire \
    >"$OUT" 2>"$ERR"
check "... the same token in English" [ "$(tail -1 "$OUT")" = "$tok" ]
unset CERCLE_NOW
c proposal close 99999 --as claire
check "a proposal that does not exist: exit 2, French" [ "$RC" -eq 2 -a -z \
    "$(english "$ERR")" ]

# ---- backup and restore, in French ----
c backup "$TEST_TMP/bk"
check "backup: exit 0, its head on stdout" sh -c "[ $RC -eq 0 ] && grep -qE '^[0-9]+:[0-9a-f]{64}$' '$OUT'"
check "... and a French line on stderr" sh -c "grep -q 'sauvegarde dans .* vérifiée' '$ERR'"
c member add zoe --name Zoé --role observer
zero=0000000000000000000000000000000000000000000000000000000000000000
c restore "$TEST_TMP/bk"
check "restore of an older copy: refused (exit 2), in French" sh -c \
    "[ $RC -eq 2 ] && grep -q 'perdrait' '$ERR' || grep -q 'la copie' '$ERR'"
check "... with no English ($(english "$ERR" | head -1))" [ -z "$(english "$ERR")" ]
c restore "$TEST_TMP/bk" --expect "1:$zero"
check "an expected head the copy lacks: refused, --force offered in French" \
    sh -c "[ $RC -ne 0 ] && grep -q 'force pour la restaurer quand même' '$ERR'"
c restore "$TEST_TMP/bk" --force --expect "1:$zero"
check "... and with --force the copy is put back (the head is told by its class, not its words)" \
    sh -c "[ $RC -eq 0 ] && grep -q '^restauré' '$OUT'"

# ---- storage errors: a damaged database ----
view "verify on a sound database" verify
cp -r "$TEST_TMP/db2" "$TEST_TMP/bad"
sz=$(wc -c <"$TEST_TMP/bad/data.mdb")
# Pages in the middle overwritten: the file keeps its size.
dd if=/dev/urandom of="$TEST_TMP/bad/data.mdb" bs=4096 seek=$((sz / 4096 / 2)) \
    count=8 conv=notrunc 2>/dev/null
"$CERCLE_BIN" --db "$TEST_TMP/bad" verify >"$OUT" 2>"$ERR"
RC=$?
check "verify on a damaged database: exit 3" [ "$RC" -eq 3 ]
check "... its lines are French ($(english "$ERR" | head -1))" \
    [ -s "$ERR" -a -z "$(english "$ERR")" ]
check "... French typography ($(spaced "$ERR" | head -1))" [ -z "$(spaced "$ERR")" ]
check "... one line per problem, each from cercle" \
    sh -c "! grep -v '^cercle' '$ERR'"
"$CERCLE_BIN" --db "$TEST_TMP/bad" --lang en verify >"$OUT" 2>"$ERR"
check "... in English with --lang en" err_has "verify failed"
: >"$TEST_TMP/bad/data.mdb"
"$CERCLE_BIN" --db "$TEST_TMP/bad" need list >"$OUT" 2>"$ERR"
RC=$?
check "an empty data.mdb: exit 3, one French line ($(head -c 120 "$ERR"))" \
    [ "$RC" -eq 3 -a "$(wc -l <"$ERR")" -eq 1 -a -z "$(english "$ERR")" ]
done_testing
