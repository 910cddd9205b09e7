# test-opendata-package: `export --format datapackage --to DIR` from the demo
# hub, validated by the real Frictionless library (npm `datapackage`, put in
# build/npm by contrib/deps.sh): descriptor profile, types, formats,
# constraints, primary and foreign keys; file names, licence, French README,
# counts against the hub's own lists, and CSV cells that cannot run formulas.
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
NPM=${CERCLE_NPM:-$root/build/npm}
export CERCLE_NOW=1796630400	# 2026-12-07
validate() { # DIR: the validator's verdict in $OUT
	NODE_PATH="$NPM/node_modules" node "$root/tests/e2e/frictionless-validate.js" \
	    "$1/datapackage.json" >"$OUT" 2>"$ERR"
}

check "the Frictionless validator is installed (make deps)" \
    [ -f "$NPM/node_modules/datapackage/package.json" ]
expect 0 "a demo hub" demo
lead=$(grep -o '[0-9]* needs' "$ERR" "$OUT" | head -1)
# Cells a spreadsheet would run, and a bidi override.
c need add --as lea --territory Alpes --title '=HYPERLINK("http://x","y")' \
    --description "$(printf '+1\n@SUM(A1)')"
f1=$(cat "$OUT")
c need add --as lea --territory Alpes --title '@cmd' --description '-2+3'
c need add --as lea --territory Alpes --title 'Tabulation' \
    --description "$(printf '\tnote')"
c need add --as lea --territory Alpes \
    --title "$(printf 'Lire \342\200\256 gauche \342\200\213 invisible')"

P="$TEST_TMP/pkg"
expect 0 "export --format datapackage --to DIR" export --format datapackage \
    --to "$P"
check "says how many files it wrote" out_has "15 files written in $P"
for r in territoires categories publics besoins soutiens campagnes \
    tours-priorisation resultats-priorisation thematiques propositions \
    tours-consentement decisions plan-action; do
	check "resource $r as 20261207_hub-du-sud_$r.csv" \
	    [ -s "$P/20261207_hub-du-sud_$r.csv" ]
done
check "no positions file unless the hub publishes them" \
    [ ! -e "$P/20261207_hub-du-sud_positions.csv" ]
check "datapackage.json and README.md" [ -s "$P/datapackage.json" ] &&
    [ -s "$P/README.md" ]
check "no temporary file left" [ -z "$(ls -A "$P" | grep '^\.')" ]

validate "$P"
check "the package validates with the Frictionless tools" out_has "valid 13 resources"
grep -q '"profile":"tabular-data-package"' "$P/datapackage.json"
check "a tabular data package" [ $? -eq 0 ]
check "licence Licence Ouverte / Etalab 2.0 by default" \
    grep -qF '"title":"Licence Ouverte / Etalab 2.0"' "$P/datapackage.json"
check "with its identifier" grep -qF '"name":"etalab-2.0"' "$P/datapackage.json"
check "foreign keys: a need's territory is a territory" grep -qF \
    '{"fields":"territory","reference":{"resource":"territoires","fields":"value"}}' \
    "$P/datapackage.json"
check "primary keys" grep -qF '"primaryKey":["round","rank"]' "$P/datapackage.json"

# Every field of the schema is described in the French README.
missing=""
for f in $(grep -o '"name":"[a-z_]*","type"' "$P/datapackage.json" |
    sed 's/"name":"\([a-z_]*\)".*/\1/' | sort -u); do
	grep -qF "| \`$f\` |" "$P/README.md" || missing="$missing $f"
done
check "the README describes every field (missing:$missing)" [ -z "$missing" ]
check "the README is in French" grep -qF "Tableurs sûrs" "$P/README.md"

# Counts agree with the hub's own lists.
N="$P/20261207_hub-du-sud_besoins.csv"
c export --format json --what needs
want=$(grep -o '"id":[0-9]*' "$OUT" | wc -l)
got=$(/usr/bin/python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding="utf-8", newline=""))) - 1)' "$N")
check "as many needs as export --what needs ($got, $want)" [ "$got" -eq "$want" ] &&
    [ "$want" -eq 324 ]
check "ISO 8601 dates" grep -qE ',20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-9:]{8}Z,' "$N"
check "multi-value cells joined by ;" grep -qF \
    ',diagnostic_numerique;navigation_sur_internet;email,' "$N"
check "national codes beside the hub's words" grep -qF \
    'parentalité numérique,parentalite,' "$N"
check "UTF-8" iconv -f UTF-8 -t UTF-8 "$N" -o /dev/null

# Safe spreadsheets: no cell starts with = + - @ TAB or CR.
check "= is neutralised" grep -qF "$f1,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" "$N"
check "+ is neutralised" grep -qF "\"'+1" "$N"
check "@ is neutralised" grep -qF ",'@cmd," "$N"
check "- is neutralised" grep -qF ",'-2+3," "$N"
check "TAB is neutralised" grep -qF ",Tabulation,'	note," "$N"
bad=$(/usr/bin/python3 - "$P" <<'PY'
import csv, glob, sys
n = 0
for f in glob.glob(sys.argv[1] + "/*.csv"):
    for row in csv.reader(open(f, encoding="utf-8", newline="")):
        for cell in row:
            if cell[:1] in ("=", "+", "@", "\t", "\r") or (
                    cell[:1] == "-" and not cell[1:].isdigit()):
                n += 1
            if any(ch in cell for ch in "\u202a\u202b\u202c\u202d\u202e"
                   "\u2066\u2067\u2068\u2069\u200b\u200e\u200f\ufeff"):
                n += 1
print(n)
PY
)
check "no cell of any file starts like a formula or holds bidi/zero-width ($bad)" \
    [ "$bad" = 0 ]

# The validator can fail: an unknown status, an orphan territory.
cp -r "$P" "$TEST_TMP/bad"
sed -i '2s/,reported,/,nonsense,/' "$TEST_TMP/bad/20261207_hub-du-sud_besoins.csv"
validate "$TEST_TMP/bad"
check "a status outside the enum fails validation" out_has 'enum'
cp "$N" "$TEST_TMP/bad/20261207_hub-du-sud_besoins.csv"
sed -i '2s/,Alpes,/,Lune,/;2s/,Avignon,/,Lune,/;2s/,Azur,/,Lune,/;2s/,Aix-Marseille,/,Lune,/' \
    "$TEST_TMP/bad/20261207_hub-du-sud_besoins.csv"
validate "$TEST_TMP/bad"
check "an unknown territory fails its foreign key" out_has 'Foreign key "territory"'

# Votes: published only when the hub allows it, and still valid.
expect 0 "the hub publishes its votes" config set votes public --as marc
P2="$TEST_TMP/pkg2"
expect 0 "export again" export --format datapackage --to "$P2"
check "the positions resource is there" [ -s "$P2/20261207_hub-du-sud_positions.csv" ]
check "with no reason column" \
    [ "$(head -1 "$P2/20261207_hub-du-sud_positions.csv" | tr -d '\r')" = "vote_event,voter,option" ]
validate "$P2"
check "and the package still validates" out_has "valid 14 resources"

expect 0 "another licence is a setting" config set licence "ODbL 1.0" --as marc
expect 0 "export again" export --format datapackage --to "$P2"
check "the descriptor carries it" grep -qF '"title":"ODbL 1.0"' "$P2/datapackage.json"

# Refusals: one line, no file.
expect 1 "--to is needed" export --format datapackage
check "one line" err_one_line
expect 1 "--what belongs to json and csv" export --format datapackage --what needs --to "$TEST_TMP/x"
check "nothing written" [ ! -e "$TEST_TMP/x" ]
: >"$TEST_TMP/afile"
expect 3 "a DIR that is a file is a system error" export --format datapackage \
    --to "$TEST_TMP/afile"
check "one line" err_one_line
done_testing
