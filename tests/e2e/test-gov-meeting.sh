# End-to-end: a facilitator and six members run a whole meeting from the
# CLI, from quorum to minutes (issue 3, "Done when").
. "$(dirname "$0")/lib.sh"
setup_hub
# The facilitator runs the meeting without being a voting member: six
# members, so the quorum is 4.
expect 0 "the facilitator holds only the facilitator role" member role facil facilitator

expect 0 "zinc puts a project tension on the agenda" tension add --as zinc --kind project --title "Budget 2027 for the Alpes" --description "Arbitrate the 2027 budget."
check "prints the id alone" out_is 1
expect 0 "irts puts a chamber tension" tension add --as irts --kind chamber --title "Admit Médiaterre as a member"
expect 0 "camp puts a position tension" tension add --as camp --kind position --title "Support the digital pass"
expect 0 "the facilitator moves the chamber tension first" agenda move 2 1 --as facil
expect 0 "agenda" agenda --json
check "in the facilitator's order" grep -q '^\[{"id":2,"place":1,.*{"id":1,"place":2,.*{"id":3,"place":3' "$OUT"

expect 0 "the facilitator opens the meeting" meeting open --as facil --title "Chamber of November"
check "prints the meeting id" out_is 1
expect 0 "marks three members in the room" meeting present urban irts zinc --as facil
expect 0 "meeting show" meeting show
check "shows the quorum as the facilitator reads it" out_has "3 of 6 present, 4 needed (not reached)"
expect 0 "adrets joins remotely" meeting join --as adrets
expect 0 "arsenic joins remotely" meeting join --as arsenic
expect 0 "meeting show --json" meeting show --json
check "4 of 6 present, 4 needed, reached" out_has '"present":5,"members":6,"needed":4,"quorum_reached":true'
check "room and remote are told apart" out_has '"room":["urban","irts","zinc"],"remote":["adrets","arsenic"]'

# The action-plan review comes first.
expect 2 "no tension before the action-plan review" meeting next --as facil
check "saying so" err_has "action-plan review is the first item"
expect 0 "the facilitator records the review" meeting review --as facil
expect 0 "takes up the first tension on the agenda" meeting next --as facil
check "which is tension 2" out_is 2
expect 0 "urban acknowledges it" meeting ack --as urban
expect 0 "zinc acknowledges it" meeting ack --as zinc
expect 0 "irts asks a question" meeting question --as irts --text "Which territory does Médiaterre cover?"
expect 0 "tension show" tension show 2 --json
check "records who understood" out_has '"acknowledged_by":["urban","zinc"]'
check "and the question" out_has '"questions":["irts: Which territory does Médiaterre cover?"]'

expect 0 "irts carries a proposal" proposal add 2 --as irts --text "Admit Médiaterre as a member from January."
P1=$(cat "$OUT")
expect 0 "urban approves" position "$P1" approve --as urban
expect 0 "zinc alerts" position "$P1" alert --as zinc --reason "Check their funding first."
expect 0 "adrets approves" position "$P1" approve --as adrets
expect 0 "arsenic blocks alone" position "$P1" block --as arsenic --reason "They compete with us in Avignon."
expect 0 "irts withdraws" position "$P1" withdraw --as irts --reason "I carry it."
expect 0 "proposal show" proposal show "$P1"
check "the tally against the rule" out_has "2 approve, 1 alert, 1 withdraw, 1 block (2 blocks reject; 1 so far)"
expect 0 "the facilitator closes the round" proposal close "$P1" --as facil
check "last line: retained" [ "$(tail -n 1 "$OUT")" = retained ]
check "with the quorum" out_has "quorum: 5 of 6 present, 4 needed"
expect 0 "proposal show --json" proposal show "$P1" --json
# The record is in the hub's language (French), whoever reads or closes.
check "decision text = proposal + every alert" out_has '"decision_text":"Admit Médiaterre as a member from January.\n\nAlertes :\n- zinc : Check their funding first."'
expect 0 "proposal show (text)" proposal show "$P1"
check "the lone block stays on record" out_has "block on record (below the threshold): arsenic: They compete with us in Avignon."
expect 0 "tension 2 is decided" tension show 2 --json
check "status decided" out_has '"status":"decided"'
expect 0 "zinc adds an action" action add 1 --as zinc --owner irts --title "Send the welcome letter" --due 2026-12-15
A1=$(cat "$OUT")
expect 0 "the owner starts it" action status "$A1" doing --as irts

# Second tension: blocked by two members, adjourned with their agreement.
expect 0 "next tension" meeting next --as facil
check "is tension 1" out_is 1
expect 0 "zinc proposes" proposal add 1 --as zinc --text "Spend 40k on the Alpes hubs."
P2=$(cat "$OUT")
expect 0 "zinc amends it" proposal amend "$P2" --as zinc --text "Spend 30k on the Alpes hubs."
expect 0 "urban blocks" position "$P2" block --as urban --reason "Too much for one territory."
expect 0 "adrets blocks" position "$P2" block --as adrets --reason "The Azur hubs get nothing."
expect 0 "irts approves" position "$P2" approve --as irts
expect 0 "close" proposal close "$P2" --as facil
check "last line: rejected" [ "$(tail -n 1 "$OUT")" = rejected ]
expect 0 "urban agrees to adjourn" proposal ack "$P2" --as urban
expect 0 "adrets agrees to adjourn" proposal ack "$P2" --as adrets
expect 0 "the facilitator adjourns" proposal adjourn "$P2" --as facil
expect 0 "agenda" agenda --json
check "tension 1 is back on the agenda, adjourned" out_has '"id":1,"place":1,"kind":"project","status":"adjourned"'
check "with the blockers' reasons" out_has '"blockers_reasons":["urban (proposal 2): Too much for one territory.","adrets (proposal 2): The Azur hubs get nothing."]'

# Third tension: everybody withdraws: no decision.
expect 0 "next tension" meeting next --as facil
check "is tension 3" out_is 3
expect 0 "camp joins late, remotely" meeting join --as camp
expect 0 "camp proposes" proposal add 3 --as camp --text "Publish a support letter."
P3=$(cat "$OUT")
for m in urban irts zinc; do
	expect 0 "$m withdraws" position "$P3" withdraw --as $m
done
expect 0 "close" proposal close "$P3" --as facil
check "last line: no-decision" [ "$(tail -n 1 "$OUT")" = no-decision ]
expect 0 "tension 3 back on the agenda" tension show 3 --json
check "status agenda" out_has '"status":"agenda"'

expect 0 "watch list" watch list
check "arsenic (a block, even below the threshold) is flagged" out_has "arsenic (1 block"
check "urban too" out_has "urban (1 block"
expect 0 "meeting close" meeting close --as facil
# The minutes are written in the hub's language: English here.
expect 0 "the hub speaks English" config lang en
expect 0 "minutes" minutes 1
cp "$OUT" "$TEST_TMP/minutes.md"
check "minutes: quorum" out_has "Quorum: 6 of 6 present, 4 needed (reached)."
check "minutes: room and remote" out_has "- Remote: adrets, arsenic, camp"
check "minutes: the review is the first item" out_has "## 1. Action plan review"
check "minutes: each tension" out_has "## 2. Tension 2 (chamber): Admit Médiaterre as a member"
check "minutes: every version" grep -q "Version 2 (final):" "$TEST_TMP/minutes.md"
check "minutes: every position with its reason" out_has "- arsenic: block (They compete with us in Avignon.)"
check "minutes: an amended-away position would say so (none here)" [ "$(grep -c 'not counted' "$TEST_TMP/minutes.md")" -eq 0 ]
check "minutes: outcomes" out_has "Outcome: **adjourned**"
check "minutes: actions" out_has "Send the welcome letter (owner irts, due 2026-12-15, decision 1): doing"
check "minutes: questions" out_has "- irts: Which territory does Médiaterre cover?"
expect 0 "minutes --format json" minutes 1 --format json
check "is one JSON document" /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["quorum"]=={"present":6,"members":6,"needed":4,"reached":True}; assert len(d["tensions"])==3; assert d["tensions"][0]["proposals"][0]["decision"]["actions"][0]["status"]=="doing"' "$OUT"
expect 0 "journal" journal --json
check "the journal holds every step" /usr/bin/python3 -c 'import json,sys; ops=[e["op"] for e in json.load(open(sys.argv[1]))]; need={"tension.add","agenda.move","meeting.open","meeting.present","meeting.join","meeting.review","meeting.take","tension.ack","tension.question","proposal.add","proposal.amend","position","proposal.close","proposal.ack","proposal.adjourn","action.add","action.status","meeting.close"}; missing=need-set(ops); assert not missing, missing' "$OUT"

# Every --json output is one JSON document.
for args in "agenda --json" "meeting show 1 --json" "proposal show 1 --json" \
    "proposal show 2 --json" "tension show 2 --json" "action list --json" \
    "decision list --json" "watch list --json" "minutes 1 --format json"; do
	# shellcheck disable=SC2086
	c $args
	check "$args is one JSON document" /usr/bin/python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$OUT"
done

# A member's text cannot act on another's terminal: bidi overrides are
# shown inert in the minutes and in proposal show.
c meeting open --as facil
c meeting present urban irts zinc adrets --as facil
expect 0 "the second meeting's review" meeting review --as facil
check "shows the open action of the first" out_has "Send the welcome letter (decision 1)"
c meeting next 3 --as facil
expect 2 "camp, absent from meeting 2, carries nothing yet" proposal add 3 --as camp --text "$(printf 'Sign \342\200\256txet desrever')"
c meeting join --as camp
expect 0 "camp (now present) carries it" proposal add 3 --as camp --text "$(printf 'Sign \342\200\256txet desrever')"
P4=$(cat "$OUT")
expect 0 "shown" proposal show "$P4"
check "without the override" sh -c '! grep -q "$(printf "\342\200\256")" "$1"' _ "$OUT"
c position "$P4" approve --as urban
c position "$P4" approve --as irts
c proposal close "$P4" --as facil
c meeting close --as facil
expect 0 "minutes of meeting 2" minutes 2
check "minutes without the override" sh -c '! grep -q "$(printf "\342\200\256")" "$1"' _ "$OUT"
check "the text is still there" out_has "txet desrever"
expect 0 "verify is sound" verify
done_testing
