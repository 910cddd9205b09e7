# End-to-end: the French man page, built next to the English one from the
# same src/man/*.man through po/man/fr.po (po4a). It renders with man -l,
# speaks French with the hub's words, keeps every command's usage as it
# is, and is complete: every paragraph of the English source has a
# current French translation. A paragraph added or changed in English and
# not translated fails here, named (shown first on a planted one).
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=$(dirname "$(readlink -f "$CERCLE_BIN")")
FR="$dir/fr/cercle.1"
check "the French page is built next to the English one" [ -s "$FR" ]
MANWIDTH=1000 man -l "$FR" 2>/dev/null | col -b >"$TEST_TMP/fr.txt"
check "man -l renders it" [ -s "$TEST_TMP/fr.txt" ]
for s in NOM SYNOPSIS DESCRIPTION "OPTIONS GLOBALES" LANGUE \
    "GOUVERNANCE PAR CONSENTEMENT" "CODE DE RETOUR" ENVIRONNEMENT \
    "VOIR AUSSI"; do
	check "section $s" grep -q "^$s\$" "$TEST_TMP/fr.txt"
done
for s in NAME "EXIT STATUS" "SEE ALSO" "NEEDS QUEUE"; do
	check "no English section $s" sh -c "! grep -q '^$s\$' '$TEST_TMP/fr.txt'"
done
for w in besoin tension "ordre du jour" réunion proposition approuver \
    alerter "se mettre en retrait" bloquer décision "plan d'action" \
    facilitateur correspondant sages chantier compte-rendu quorum \
    territoire catégorie public; do
	check "the hub's word: $w" grep -qi -- "$w" "$TEST_TMP/fr.txt"
done
check "French typography: a non-breaking space before ':' and ';'" \
    sh -c "grep -qF 'faut\\ :' '$FR' && grep -qF '\\ ;' '$FR'"
check "French quotes" grep -q '«' "$TEST_TMP/fr.txt"

# Every command's usage, as `cercle help` prints it, is in the French page.
tr -s ' \n' '  ' <"$TEST_TMP/fr.txt" | sed 's/\xe2\x80\x90/-/g' \
    >"$TEST_TMP/fr1"
"$CERCLE_BIN" help --commands >"$TEST_TMP/names"
check "commands listed ($(wc -l <"$TEST_TMP/names"))" \
    [ "$(wc -l <"$TEST_TMP/names")" -ge 60 ]
while IFS= read -r name; do
	# shellcheck disable=SC2086
	"$CERCLE_BIN" help $name | head -1 | sed 's/^usage: //' \
	    | tr -s ' ' >"$TEST_TMP/usage"
	check "usage kept: $(cat "$TEST_TMP/usage")" \
	    grep -qF -- "$(cat "$TEST_TMP/usage")" "$TEST_TMP/fr1"
done <"$TEST_TMP/names"

# to_translate MANDIR PO: bring a copy of PO up to date with MANDIR/*.man
# (as `make man-po` does) and print each paragraph without a current
# translation: "untranslated: ..." or "fuzzy: ...".
to_translate() {
	w="$TEST_TMP/w.$$"
	rm -rf "$w"
	mkdir -p "$w/out"
	cp "$2" "$w/fr.po"
	{ echo '[po4a_langs] fr'
	  echo "[po4a_paths] $w/cercle.pot fr:$w/fr.po"
	  for f in "$1"/*.man; do
		echo "[type: man] $f fr:$w/out/$(basename "$f")"
	  done; } >"$w/po4a.cfg"
	po4a --no-backups --master-charset UTF-8 --localized-charset UTF-8 \
	    --no-translations --quiet "$w/po4a.cfg" >"$w/log" 2>&1 ||
	    { echo "po4a failed: $(head -3 "$w/log")"; return; }
	msgattrib --no-obsolete --untranslated --no-wrap "$w/fr.po" |
	    sed -n 's/^msgid "\(..*\)"$/untranslated: \1/p' | cut -c1-140
	msgattrib --no-obsolete --only-fuzzy --no-wrap "$w/fr.po" |
	    sed -n 's/^msgid "\(..*\)"$/fuzzy: \1/p' | cut -c1-140
}

# Planted: a new English paragraph and a changed one are caught.
mkdir -p "$TEST_TMP/man"
cp "$root"/src/man/*.man "$TEST_TMP/man/"
printf '.PP\nA brand new paragraph nobody translated.\n' \
    >>"$TEST_TMP/man/90-tail.man"
sed -i 's/^Print the version\.$/Print the version and exit./' \
    "$TEST_TMP/man/00-head.man"
to_translate "$TEST_TMP/man" "$root/po/man/fr.po" >"$TEST_TMP/planted"
check "a new English paragraph is caught" \
    grep -qx 'untranslated: A brand new paragraph nobody translated.' \
    "$TEST_TMP/planted"
check "a changed English paragraph is caught" \
    grep -qx 'fuzzy: Print the version and exit.' "$TEST_TMP/planted"

# The real sources.
to_translate "$root/src/man" "$root/po/man/fr.po" >"$TEST_TMP/todo"
while IFS= read -r p; do
	not_ok "po/man/fr.po: $p (make man-po, translate, make man-fr)"
done <"$TEST_TMP/todo"
check "every paragraph of src/man/*.man has a current French translation" \
    [ ! -s "$TEST_TMP/todo" ]
done_testing
