# End-to-end: decisions reviewed on a date (issue 11 item 9): `decision
# review ID DATE --as FACILITATOR`; from that date the action-plan review
# of the next meeting takes the decision up, with its actions, in `meeting
# review` and in the minutes; once only. Refusals exit 2 with one line
# and change nothing.
. "$(dirname "$0")/lib.sh"
setup_hub
c config lang en	# the minutes are in the hub's language
c member role facil facilitator
day() { date -u -d "$1" +%s; }
refused() {
	desc=$1
	shift
	"$CERCLE_BIN" --db "$DB" journal --json >"$TEST_TMP/jbefore" 2>&1
	c "$@"
	"$CERCLE_BIN" --db "$DB" journal --json >"$TEST_TMP/jafter" 2>&1
	if [ "$RC" -eq 2 ] && err_one_line &&
	    cmp -s "$TEST_TMP/jbefore" "$TEST_TMP/jafter"; then
		ok "$desc"
	else
		not_ok "$desc (exit $RC)"
	fi
}
export CERCLE_NOW=$(day "2026-12-01 10:00")
expect 0 "a tension" tension add --as zinc --kind project --title "Budget"
expect 0 "meeting 1" meeting open --as facil
c meeting present urban irts zinc adrets --as facil
c meeting review --as facil
c meeting next --as facil
c proposal add 1 --as zinc --text "Spend 30k."
c position 1 approve --as urban
expect 0 "retained" proposal close 1 --as facil
expect 0 "an action" action add 1 --as zinc --owner irts --title "Open the line" --due 2027-01-31
refused "a member may not set a review date" decision review 1 2026-12-20 --as zinc
check "needs the facilitator" err_has "zinc may not set a decision's review date (needs the role facilitator)"
refused "no such decision" decision review 9 2026-12-20 --as facil
check "says so" err_has "no decision #9"
expect 1 "not a date" decision review 1 soon --as facil
check "one line" err_one_line
expect 0 "the facilitator sets the review date" decision review 1 2026-12-20 --as facil
c meeting close --as facil

export CERCLE_NOW=$(day "2026-12-15 10:00")
c meeting open --as facil
c meeting present urban irts zinc adrets --as facil
expect 0 "meeting 2 reviews the plan before the date" meeting review --as facil
check "the decision is not due yet" sh -c "! grep -q 'due for review' '$OUT'"
c meeting close --as facil

export CERCLE_NOW=$(day "2026-12-21 10:00")
c meeting open --as facil
c meeting present urban irts zinc adrets --as facil
expect 0 "meeting 3 reviews the plan after the date" meeting review --as facil
check "the decision comes up" out_has "decision 1, due for review (2026-12-20 00:00): Spend 30k."
check "with its action on the plan" out_has "Open the line"
c meeting close --as facil
expect 0 "minutes of meeting 3" minutes 3
check "the review lists the decision due" out_has "#### Decision 1, to be reviewed on 2026-12-20 00:00"
sed -n '/^#### Decision 1/,/^## /p' "$OUT" >"$TEST_TMP/due"
check "with its actions" grep -q "^- #1 Open the line (owner irts, due 2027-01-31, decision 1): todo" "$TEST_TMP/due"
expect 0 "minutes of meeting 3 in JSON" minutes 3 --format json
check "decisions_due in the review" /usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))["review"]["decisions_due"]
assert [x["id"] for x in d] == [1] and d[0]["actions"][0]["title"] == "Open the line", d' "$OUT"
expect 0 "minutes of meeting 2" minutes 2 --format json
check "meeting 2 took none up" /usr/bin/python3 -c '
import json, sys
assert json.load(open(sys.argv[1]))["review"]["decisions_due"] == []' "$OUT"

export CERCLE_NOW=$(day "2026-12-28 10:00")
c meeting open --as facil
c meeting present urban irts zinc adrets --as facil
expect 0 "meeting 4 reviews" meeting review --as facil
check "a decision is taken up once" sh -c "! grep -q 'due for review' '$OUT'"
expect 0 "a new date" decision review 1 2026-12-28 --as facil
c meeting close --as facil
export CERCLE_NOW=$(day "2027-01-04 10:00")
c meeting open --as facil
c meeting present urban irts zinc adrets --as facil
expect 0 "meeting 5 reviews" meeting review --as facil
check "a new date asks for a new review" out_has "decision 1, due for review (2026-12-28 00:00)"

# The date given at the close: `proposal close ID --review DATE`, one write.
c meeting next --as facil	# nothing left: the agenda is empty
expect 0 "a second tension" tension add --as zinc --kind project --title "Local"
c meeting next 2 --as facil
c proposal add 2 --as zinc --text "Rent the room."
c position 2 approve --as urban
"$CERCLE_BIN" --db "$DB" journal --json >"$TEST_TMP/jbefore" 2>&1
expect 1 "close --review with no date" proposal close 2 --as facil --review someday
check "one line" err_one_line
"$CERCLE_BIN" --db "$DB" journal --json >"$TEST_TMP/jafter" 2>&1
check "and nothing changed (still open)" cmp -s "$TEST_TMP/jbefore" "$TEST_TMP/jafter"
expect 0 "closed with its review date" proposal close 2 --as facil --review 2027-02-01
check "retained" out_has "retained"
expect 0 "the journal" journal --json
check "one entry for the close, none for a separate review" /usr/bin/python3 -c '
import json, sys
ops = [e["op"] for e in json.load(open(sys.argv[1]))]
assert ops[-1] == "proposal.close" and ops.count("decision.review") == 2, ops' "$OUT"
expect 0 "decision list --json" decision list --json
check "the decision carries the date" /usr/bin/python3 -c '
import json, sys
d = [x for x in json.load(open(sys.argv[1])) if x["proposal"] == 2]
assert len(d) == 1 and d[0]["review"].startswith("2027-02-01"), d' "$OUT"
c meeting close --as facil
export CERCLE_NOW=$(day "2027-02-02 10:00")
c meeting open --as facil
c meeting present urban irts zinc adrets --as facil
expect 0 "the next meeting reviews" meeting review --as facil
check "it takes up the decision closed with --review" out_has "decision 2, due for review (2027-02-01 00:00): Rent the room."
expect 0 "verify" verify
done_testing
