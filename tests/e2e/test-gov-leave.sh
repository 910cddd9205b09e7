# End-to-end: leaving a meeting (issue 11 item 4): a member checks out
# themself, the facilitator marks who left the room; the live quorum
# drops, a live round cannot close without it; presence keeps arrivals
# and departures. Every refusal exits 2 with one line and changes nothing.
. "$(dirname "$0")/lib.sh"
setup_hub
expect 0 "the facilitator holds only the facilitator role" member role facil facilitator

# refused CMD...: exit 2, one line on stderr, the meeting and the journal
# as they were.
refused() {
	desc=$1
	shift
	"$CERCLE_BIN" --db "$DB" meeting show --json >"$TEST_TMP/before" 2>&1
	"$CERCLE_BIN" --db "$DB" journal --json >"$TEST_TMP/jbefore" 2>&1
	c "$@"
	"$CERCLE_BIN" --db "$DB" meeting show --json >"$TEST_TMP/after" 2>&1
	"$CERCLE_BIN" --db "$DB" journal --json >"$TEST_TMP/jafter" 2>&1
	if [ "$RC" -eq 2 ] && err_one_line &&
	    cmp -s "$TEST_TMP/before" "$TEST_TMP/after" &&
	    cmp -s "$TEST_TMP/jbefore" "$TEST_TMP/jafter"; then
		ok "$desc"
	else
		not_ok "$desc (exit $RC)"
	fi
}

expect 0 "a meeting to leave" tension add --as zinc --kind project --title "Budget"
expect 0 "the facilitator opens a meeting" meeting open --as facil
refused "leaving when not present is refused" meeting leave --as urban
check "saying who is not present" err_has "urban is not present in meeting 1"
expect 0 "four in the room" meeting present urban irts zinc adrets --as facil
expect 0 "arsenic joins remotely" meeting join --as arsenic
expect 0 "meeting show" meeting show --json
check "5 of 6 present, 4 needed" out_has '"present":5,"members":6,"needed":4,"quorum_reached":true'

expect 0 "arsenic checks out themself" meeting leave --as arsenic
expect 0 "meeting show" meeting show --json
check "4 of 6 present" out_has '"present":4,"members":6,"needed":4,"quorum_reached":true'
check "arsenic is no longer remote" out_has '"remote":[]'
check "and is listed as gone" out_has '"left":["arsenic"]'
check "the arrival and the departure are kept" grep -q '"presence":\[{"login":"urban","event":"room","at":"20[0-9-]*T[0-9:]*Z"}.*{"login":"arsenic","event":"remote","at":"[^"]*"},{"login":"arsenic","event":"left","at":"[^"]*"}\]' "$OUT"
refused "checking out twice is refused" meeting leave --as arsenic
refused "a member may not mark others as gone" meeting leave urban --as zinc
check "needs the facilitator" err_has "zinc may not mark who left the room (needs the role facilitator)"
refused "an unknown login is refused" meeting leave urban nobody --as facil
check "naming it" err_has "no member 'nobody'"
refused "all or none: arsenic is not present" meeting leave urban arsenic --as facil
check "naming arsenic" err_has "arsenic is not present in meeting 1"
refused "the correspondent takes no seat to leave" meeting leave --as corr

# A live round cannot close once the quorum has left.
expect 0 "review" meeting review --as facil
expect 0 "take up the tension" meeting next --as facil
expect 0 "zinc proposes" proposal add 1 --as zinc --text "Spend 30k."
P=$(cat "$OUT")
expect 0 "urban approves" position "$P" approve --as urban
expect 0 "irts approves" position "$P" approve --as irts
expect 0 "the facilitator marks urban as gone from the room" meeting leave urban --as facil
expect 0 "meeting show" meeting show
check "the quorum dropped: 3 of 6 present, 4 needed (not reached)" out_has "3 of 6 present, 4 needed (not reached)"
check "urban is listed as gone" out_has "left:        arsenic, urban"
refused "the round cannot close without the quorum" proposal close "$P" --as facil
check "saying so" err_has "quorum not reached: 3 of 6 present, 4 needed"
refused "urban, gone, takes no position" position "$P" approve --as urban
expect 0 "urban comes back to the room" meeting present urban --as facil
expect 0 "meeting show" meeting show --json
check "back: 4 present" out_has '"present":4,"members":6,"needed":4,"quorum_reached":true'
check "only arsenic is still gone" out_has '"left":["arsenic"]'
check "the log holds the return" grep -q '{"login":"urban","event":"left-marked","at":"[^"]*"},{"login":"urban","event":"room","at":"[^"]*"}' "$OUT"
expect 0 "the round closes with the quorum back" proposal close "$P" --as facil
expect 0 "the journal" journal --json
check "records each departure" grep -q '"op":"meeting.leave".*"summary":"urban"' "$OUT"

expect 0 "close the meeting" meeting close --as facil
refused "nobody leaves a closed meeting" meeting leave --as zinc
check "saying none is open" err_has "no meeting is open"
done_testing
