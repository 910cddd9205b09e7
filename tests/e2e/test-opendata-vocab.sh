# test-opendata-vocab: national codes on the hub's categories and publics,
# the INSEE code and the external id of a need, through the real CLI on a
# real database; every refusal exits 2 with one line and changes nothing.
. "$(dirname "$0")/lib.sh"
setup_hub
"$CERCLE_BIN" --db "$DB" member add root --name Admin --role admin >/dev/null

# A malformed value (a code that is no national code, an INSEE code of
# the wrong form, an unknown setting) is a usage error (exit 1), as a
# missing title is; a rule or a role refuses with exit 2.
unchanged() { # desc args...: refused (exit 2), one line, journal untouched
	want=${WANT:-2}
	desc=$1
	shift
	"$CERCLE_BIN" --db "$DB" journal head >"$TEST_TMP/h1"
	c "$@"
	"$CERCLE_BIN" --db "$DB" journal head >"$TEST_TMP/h2"
	check "$desc" [ "$RC" -eq "$want" ] && err_one_line &&
	    cmp -s "$TEST_TMP/h1" "$TEST_TMP/h2"
}

expect 0 "a new hub has the Hub du Sud's mappings" config mappings --json
check "accès aux droits maps to aide_aux_demarches_administratives" \
    out_has '"value":"accès aux droits","codes":"aide_aux_demarches_administratives"'
check "the default licence" out_has '"licence":"Licence Ouverte / Etalab 2.0"'

expect 0 "an admin maps a category to two codes" config map category santé \
    "sante;social_sante" --as root
expect 0 "the mapping reads back" config mappings --csv
check "as two codes joined by ;" out_has "sante;social_sante"
WANT=1 unchanged "an unknown national code is refused" config map category santé \
    "pas_un_code" --as root
check "naming the code" err_has "pas_un_code"
unchanged "a member may not edit the mappings" config map category santé \
    sante --as urban
WANT=1 unchanged "an unknown setting is refused" config set couleur bleu --as root
expect 0 "the licence is a setting" config set licence "ODbL 1.0" --as root
expect 0 "read back" config mappings --json
check "ODbL" out_has '"licence":"ODbL 1.0"'

expect 0 "a need with an INSEE code and an external id" need add --as corr \
    --title "Ateliers" --territory Azur --insee 06088 --external-id papier-7
id=$(cat "$OUT")
expect 0 "need show" need show "$id" --json
check "the INSEE code is kept" out_has '06088'
check "the external id is kept" out_has 'papier-7'
expect 0 "Corsica's codes are valid (2A004)" need add --as corr --title "Corse" \
    --territory Azur --insee 2A004
for bad in 1305 130555 20001 2C004 ab123 "13 05"; do
	WANT=1 unchanged "INSEE code '$bad' is refused" need add --as corr --title X \
	    --territory Azur --insee "$bad"
done
unchanged "two needs never share an external id" need add --as corr \
    --title "Encore" --territory Azur --external-id papier-7
check "naming the need that holds it" err_has "#$id"
done_testing
