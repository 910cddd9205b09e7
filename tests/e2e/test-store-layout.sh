# End-to-end: a database of schema 1 (one LMDB database per index, made by
# cercle before the index layout changed: tests/e2e/data/store-v1, the
# demo hub) is brought to the current layout when first opened, in one
# transaction: afterwards verify is sound and every list, show, journal
# and export answers what schema 1 answered (expected.txt: written by that
# cercle, then rewritten once when the journal and member list changed
# their column layout, after checking that every line still said the same
# with the layout set aside, and once when need list said its statuses in
# words, "in a Switch" for in-switch, and once when the journal said its
# operations and record types in words: only those two columns of the 20
# journal lines changed); new writes keep it sound.
. "$(dirname "$0")/lib.sh"
DATA=$(cd "$(dirname "$0")/data/store-v1" && pwd)

mkdir -p "$DB"
gzip -dc "$DATA/data.mdb.gz" >"$DB/data.mdb"
check "schema 1 has one database per index" sh -c \
    "mdb_stat -a '$DB' | grep -q ix_need_territory"
expect 0 "the first open migrates, and verify is sound" verify
check "says sound" out_has sound
check "the sixteen index databases are gone" sh -c \
    "! mdb_stat -a '$DB' | grep -q 'ix_need'"
check "one index database holds them" sh -c \
    "mdb_stat -a '$DB' | grep -q 'Status of ix\$'"

: >"$TEST_TMP/got"
while IFS= read -r cmd; do
	echo "== $cmd" >>"$TEST_TMP/got"
	# shellcheck disable=SC2086
	"$CERCLE_BIN" --db "$DB" $cmd >>"$TEST_TMP/got" 2>&1
done <"$DATA/commands.txt"
if cmp -s "$DATA/expected.txt" "$TEST_TMP/got"; then
	ok "lists, show, journal and export answer as schema 1 did"
else
	not_ok "lists, show, journal and export answer as schema 1 did"
	diff "$DATA/expected.txt" "$TEST_TMP/got" | head -20 | sed 's/^/#   /'
fi

# Ids continue after the highest one (need 320 in the demo).
expect 0 "a new need after the migration" need add --as lea --title "Nouveau besoin" \
    --territory Alpes --category connexion
check "takes the next id" out_is 321
expect 0 "a support" need support 321 --as karim --territory Azur
# Schema 5's index of positions by (proposal, member) is filled from the
# records: while the demo's electronic round was open, the position Léa
# holds is recognised (taking it again is refused), a new one is taken.
export CERCLE_NOW=$(date -u -d '2026-11-24 10:00' +%s)
expect 2 "a position held before the migration is found by the new index" \
    position 4 alert --reason "Citer les chiffres de l'étude locale." --as lea
check "named as already held" err_has "lea already holds this position on proposal 4"
expect 0 "a changed position is taken" position 4 block --reason "Non." --as julien
expect 2 "and found at once" position 4 block --reason "Non." --as julien
unset CERCLE_NOW
expect 0 "a second open is no migration and still sound" verify
check "sound" out_has sound
expect 0 "the new need is listed first in its territory" need list \
    --territory Alpes --limit 1
check "need 321" out_has "321"
done_testing
