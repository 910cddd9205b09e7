# End-to-end: the sages named by the consortium (issue 11 item 6): `sages
# name LOGIN... --as FACILITATOR` in an open meeting with quorum replaces
# the set and is recorded in the meeting's minutes; `sages list`; a sage
# records a concertation of the watch rule. Every refusal exits 2 with
# one line and changes nothing.
. "$(dirname "$0")/lib.sh"
setup_hub
expect 0 "the facilitator holds only the facilitator role" member role facil facilitator
expect 0 "an admin-granted sage from before" member role camp member,sage

# refused DESC CMD...: exit 2, one line, the sages and the journal as
# they were.
refused() {
	desc=$1
	shift
	"$CERCLE_BIN" --db "$DB" sages list --json >"$TEST_TMP/before" 2>&1
	"$CERCLE_BIN" --db "$DB" journal --json >"$TEST_TMP/jbefore" 2>&1
	c "$@"
	"$CERCLE_BIN" --db "$DB" sages list --json >"$TEST_TMP/after" 2>&1
	"$CERCLE_BIN" --db "$DB" journal --json >"$TEST_TMP/jafter" 2>&1
	if [ "$RC" -eq 2 ] && err_one_line &&
	    cmp -s "$TEST_TMP/before" "$TEST_TMP/after" &&
	    cmp -s "$TEST_TMP/jbefore" "$TEST_TMP/jafter"; then
		ok "$desc"
	else
		not_ok "$desc (exit $RC)"
	fi
}

expect 0 "sages list" sages list
check "the admin-granted sage" out_has "camp"
refused "no meeting open" sages name urban irts --as facil
check "says so" err_has "no meeting is open"
expect 0 "open a meeting" meeting open --as facil
refused "without quorum" sages name urban irts --as facil
check "says so" err_has "meeting 1 has no quorum (0 of 6 present, 4 needed)"
expect 0 "four present" meeting present urban irts zinc adrets --as facil
refused "a member may not name the sages" sages name urban irts --as zinc
check "needs the facilitator" err_has "zinc may not name the sages (needs the role facilitator)"
refused "an unknown login" sages name urban nobody --as facil
check "naming it" err_has "no member 'nobody'"
refused "a login twice" sages name urban urban --as facil
check "naming it" err_has "urban is named twice"
expect 0 "corr disabled" member disable corr
refused "a disabled member" sages name urban corr --as facil
check "naming it" err_has "corr is disabled and cannot be named a sage"
expect 1 "nobody named is a usage error" sages name --as facil
expect 0 "the facilitator names urban and obs" sages name urban obs --as facil
expect 0 "sages list --json" sages list --json
check "the set is replaced: urban and obs, not camp" /usr/bin/python3 -c '
import json, sys
assert sorted(s["login"] for s in json.load(open(sys.argv[1]))) == ["obs", "urban"]' "$OUT"
expect 0 "member show camp" member show camp --json
check "camp no longer holds the sage role" /usr/bin/python3 -c '
import json, sys
assert "sage" not in json.load(open(sys.argv[1]))["roles"]' "$OUT"
expect 0 "journal" journal --json
check "journalled as sages.name with the logins" /usr/bin/python3 -c '
import json, sys
e = [x for x in json.load(open(sys.argv[1])) if x["op"] == "sages.name"]
assert {x["summary"] for x in e} == {"urban obs"}, e
assert ("meeting", 1) in [(x["record"], x["id"]) for x in e], e' "$OUT"

# A sage records a concertation of the watch rule; camp no longer may.
expect 0 "a tension" tension add --as zinc --kind project --title "Budget"
expect 0 "review" meeting review --as facil
expect 0 "take it up" meeting next --as facil
expect 0 "a proposal" proposal add 1 --as zinc --text "Spend it."
expect 0 "irts blocks" position 1 block --reason "No." --as irts
expect 0 "urban approves" position 1 approve --as urban
expect 0 "close" proposal close 1 --as facil
expect 0 "watch list" watch list --json
check "irts is flagged" out_has '"login":"irts"'
refused "camp, no longer a sage, may not record it" watch clear irts --note "Met." --as camp
expect 0 "obs, a named sage, records it" watch clear irts --note "Met the sages." --as obs
expect 0 "meeting close" meeting close --as facil
c config lang en
expect 0 "minutes" minutes 1
check "the minutes record the sages named" out_has "Sages named by the consortium in this meeting (the set replaced): urban, obs."
expect 0 "minutes --format json" minutes 1 --format json
check "and in JSON" out_has '"sages_named":["urban","obs"]'
refused "no meeting open any more" sages name zinc --as facil
expect 0 "verify" verify
done_testing
