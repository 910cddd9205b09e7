# French throughout: on a French hub (the demo's) with LANG=C.UTF-8, every
# refusal and usage error of the CLI is French. Walks every command of
# `cercle help --commands` with no argument, with a number that names
# nothing and as an observer, plus the refusals of the rules (quorum,
# roles, closed rounds, unknown values, damaged or missing databases):
# each stderr line must hold no English word of the msgids (words also
# used in the French catalogue, stable tokens and what the member typed,
# between « », are allowed), and `--lang en` gives the English line.
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
unset LC_MESSAGES LANGUAGE
export LANG=C.UTF-8

"$CERCLE_BIN" --db "$DB" demo >/dev/null 2>&1 ||
    { echo "Bail out! demo failed"; exit 1; }

# The English words: those of the msgids that the French catalogue never
# uses, minus the stable tokens (option values, statuses, record types,
# roles as typed) that a French message names on purpose.
msgattrib --no-obsolete "$root/po/fr.po" | awk '
	/^msgctxt/ { st = "" } /^msgid/ { st = "id" } /^msgstr/ { st = "str" }
	st != "" && (/^(msgid|msgid_plural|msgstr(\[[0-9]\])?) "/ || /^"/) {
		s = $0; sub(/^[a-z_\[\]0-9]* ?"/, "", s); sub(/"$/, "", s)
		print st "\t" tolower(s) }' >"$TEST_TMP/po.txt"
words() { tr -cs 'a-z' '\n' | awk 'length($0) >= 4' | sort -u; }
grep '^id' "$TEST_TMP/po.txt" | cut -f2 | words >"$TEST_TMP/en.w"
grep '^str' "$TEST_TMP/po.txt" | cut -f2 |
    sed "s/«[^»]*»//g; s/--[a-z-]*//g; s/(usage[^)]*)//g" | words \
    >"$TEST_TMP/fr.w"
printf '%s\n' json csv approve alert withdraw block reported qualified \
    prioritised addressed archived merged todo doing done dropped project \
    chamber position needs members decisions actions newest support \
    territories categories publics sources daily weekly member facilitator \
    admin correspondent sage observer meeting tension proposal need \
    decision action config journal ballot theme workstream dotround \
    ustate round retained rejected adjourned escalated open closed planned \
    agenda cercle init verify show list mdb data lock lmdb utf \
    msgpack libssh sendmail stdin stdout login hash head | sort -u \
    >"$TEST_TMP/tokens.w"
sort -u "$TEST_TMP/fr.w" "$TEST_TMP/tokens.w" >"$TEST_TMP/allowed.w"
comm -23 "$TEST_TMP/en.w" "$TEST_TMP/allowed.w" >"$TEST_TMP/english.w"
check "English words to look for ($(wc -l <"$TEST_TMP/english.w"))" \
    [ "$(wc -l <"$TEST_TMP/english.w")" -gt 200 ]

# english_in FILE: the English words of its lines, quoted text, options
# and the usage (the command's words, typed as they are) left out.
english_in() {
	sed "s/«[^»]*»//g; s/'[^']*'//g; s/--[a-z-]*//g; s/[A-Z_]\{2,\}//g
	    s/(usage[^)]*)//g; s/^usage[^:]*: *[a-z -]*//" \
	    "$1" | tr 'A-Z' 'a-z' | words | comm -12 - "$TEST_TMP/english.w"
}

# The detector can fail: an English refusal is caught.
printf 'cercle: the closing date is already past\n' >"$TEST_TMP/plant"
check "an English line is caught" [ -n "$(english_in "$TEST_TMP/plant")" ]

n_lines=0
# refusal DESC ARGS...: ARGS fail (exit 1 or 2, or 3 for the store) with
# French lines, and in English with --lang en.
refusal() {
	desc=$1
	shift
	timeout 20 "$CERCLE_BIN" --db "$DB" "$@" </dev/null >"$OUT" 2>"$ERR"
	RC=$?
	if [ "$RC" -eq 0 ] || [ "$RC" -gt 3 ] || [ ! -s "$ERR" ]; then
		# Not a refusal here (a command that accepts no arguments).
		return 0
	fi
	n_lines=$((n_lines + $(wc -l <"$ERR")))
	en=$(english_in "$ERR" | tr '\n' ' ')
	if [ -z "$en" ]; then ok "French: $desc"; else
		not_ok "French: $desc (English: $en)"; fi
	cp "$ERR" "$TEST_TMP/fr.err"
	# The program's name leads, as coreutils' do in French ("ls: ..."):
	# "cercle: ", never "cercle : ".
	grep '^cercle' "$ERR" | grep -v '^cercle: ' >>"$TEST_TMP/prefix.bad"
	timeout 20 "$CERCLE_BIN" --db "$DB" --lang en "$@" </dev/null \
	    >"$OUT" 2>"$ERR"
	if cmp -s "$ERR" "$TEST_TMP/fr.err" && [ -n "$(english_in "$ERR")" ] ||
	    ! cmp -s "$ERR" "$TEST_TMP/fr.err"; then
		ok "English with --lang en: $desc"
	else
		not_ok "English with --lang en: $desc"
	fi
}

# Every command, with no argument, a number naming nothing, as observer.
"$CERCLE_BIN" --db "$DB" help --commands >"$TEST_TMP/cmds"
skip='^(tui|serve|demo|mail run|ssh-command|admin authorized-keys-command|journal|init)$'
while IFS= read -r cmd; do
	echo "$cmd" | grep -qE "$skip" && continue
	# shellcheck disable=SC2086
	refusal "$cmd" $cmd
	# shellcheck disable=SC2086
	refusal "$cmd 99999 --as emma" $cmd 99999 --as emma
	# shellcheck disable=SC2086
	refusal "$cmd --bogus" $cmd --bogus
done <"$TEST_TMP/cmds"

# The rules' refusals.
refusal "init on a hub" init
refusal "a closed meeting" meeting close --as claire
refusal "no meeting open: position" position 1 approve --as lea
refusal "an observer takes no position" position 4 approve --as emma
refusal "a facilitator's act by a member" meeting open --as lea
refusal "a correspondent on a proposal" proposal add 7 --as yasmine --text x
refusal "unknown category" need add --as yasmine --title T --territory Alpes --category santée
refusal "unknown territory" need add --as yasmine --title T --territory Lune
refusal "support own need" need support 1 --as "$("$CERCLE_BIN" --db "$DB" need show 1 --json | sed -n 's/.*"reporter":"\([a-z]*\)".*/\1/p')"
refusal "a bad role" member add zed --name Zed --role king
refusal "a taken login" member add lea --name Lea --role member
refusal "a bad date" proposal add 7 --as lea --text x --closes demain
refusal "a bad position" position 4 maybe --as lea
refusal "a bad key" member key add lea "not a key"
refusal "a bad language" config lang de
refusal "a bad export" export --what everything
refusal "the agenda place" agenda move 7 99 --as claire
refusal "an unknown option" need list --colour
refusal "an unknown command" frobnicate
# A group without its command lists the commands (their names are
# tokens, English): its first line is French, led by "cercle: ".
"$CERCLE_BIN" --db "$DB" need </dev/null >"$OUT" 2>"$ERR"
check "a group without its command says so in French" sh -c \
    "[ $? -eq 1 ] && head -1 '$ERR' | grep -q '^cercle: «.need.» demande une commande'"
refusal "a missing database" --db "$TEST_TMP/absent" need list
mkdir -p "$TEST_TMP/vide"; : >"$TEST_TMP/afile"
refusal "a file as database" --db "$TEST_TMP/afile" need list
refusal "a directory without hub" --db "$TEST_TMP/vide" journal
check "some refusals were read ($n_lines lines)" [ "$n_lines" -gt 100 ]
check "every line names the program as 'cercle: ' ($(head -1 "$TEST_TMP/prefix.bad"))" \
    [ ! -s "$TEST_TMP/prefix.bad" ]

# The refusals the interface shows on its status line fit 80 columns
# (the hub's words, without the "cercle: " of the CLI).
fits() {
	desc=$1
	shift
	"$CERCLE_BIN" --db "$DB" "$@" </dev/null >"$OUT" 2>"$ERR"
	RC=$?
	w=$(sed 's/^cercle: //' "$ERR" | head -1 | wc -m)
	check "fits 80 columns ($w): $desc" [ "$RC" -eq 2 -a "$w" -le 81 ]
}
fits "a member opens a meeting" meeting open --as lea
fits "a member closes a round" proposal close 4 --as lea
fits "no meeting open: join" meeting join --as lea
fits "no meeting open: acknowledge" meeting ack --as lea
fits "no meeting open: question" meeting question --text "Pourquoi ?" --as lea
fits "a member adds an action" action add 1 --as emma --owner lea --title x
fits "a closed round" position 1 approve --as lea

# Over SSH's one-shot commands the same words reach the member: the
# exec table's usage line is French too.
"$CERCLE_BIN" --db "$DB" ssh-command --member emma </dev/null >"$OUT" 2>"$ERR"
done_testing
