# End-to-end: every rule and refusal of governance by consent through the
# real CLI on a real database: roles, presence, quorum, reasons, closed
# rounds, versions, unanimity, hidden rounds, adjourn/escalate, watch rule,
# actions. Every refusal exits 2 with one line and changes nothing.
. "$(dirname "$0")/lib.sh"
setup_hub
c member role facil facilitator
c member add sage --name "Sa Ge" --role sage
c member add wise --name "Wise Member" --role member,sage
c member disable camp
# Voters: urban irts zinc adrets arsenic wise = 6 (camp is disabled).

jcount() { "$CERCLE_BIN" --db "$DB" journal --json | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }
# refused DESC ARGS...: exit 2, one line, and the journal did not grow.
refused() {
	desc=$1
	shift
	before=$(jcount)
	c "$@"
	after=$(jcount)
	if [ "$RC" -eq 2 ] && err_one_line && [ "$before" = "$after" ]; then
		ok "$desc"
	else
		not_ok "$desc (exit $RC, journal $before -> $after)"
	fi
}

# --- tensions and agenda ---
refused "a correspondent may not add a tension" tension add --as corr --kind project --title T
refused "an observer may not add a tension" tension add --as obs --kind project --title T
expect 1 "an unknown kind is a usage error" tension add --as zinc --kind party --title T
expect 1 "a tension needs a title" tension add --as zinc --kind project
refused "a linked need must exist" tension add --as zinc --kind project --title T --need 99
check "saying which" err_has "no need #99"
expect 0 "tension 1" tension add --as zinc --kind project --title "One"
expect 0 "tension 2" tension add --as irts --kind chamber --title "Two"
expect 0 "tension 3" tension add --as urban --kind position --title "Three"
expect 0 "tension 4" tension add --as urban --kind position --title "Four"
refused "a member may not order the agenda" agenda move 2 1 --as zinc
check "needs the facilitator" err_has "needs the role facilitator"
refused "a place beyond the agenda" agenda move 2 9 --as facil
check "says the range" err_has "the place is 1 to 4"
refused "irts may not drop urban's tension" tension drop 4 --as irts
expect 0 "urban drops their own" tension drop 4 --as urban
refused "a dropped tension is not on the agenda" agenda move 4 1 --as facil

# --- meetings ---
refused "no meeting open: join refused" meeting join --as zinc
check "saying no meeting is open" err_has "no meeting is open"
refused "a member may not open a meeting" meeting open --as zinc
expect 0 "the facilitator plans a meeting" meeting plan --as facil --title "December"
check "prints its id" out_is 1
expect 0 "and opens it" meeting open 1 --as facil
refused "one open meeting at a time" meeting open --as facil
check "names it" err_has "meeting 1 is already open"
refused "a correspondent does not count for the quorum" meeting present corr --as facil
check "says why" err_has "corr does not hold the member role"
refused "presence is all or none" meeting present urban nobody --as facil
expect 0 "meeting show" meeting show --json
check "urban was not marked" out_has '"room":[]'
refused "a disabled member cannot join" meeting join --as camp
refused "an observer cannot join" meeting join --as obs
expect 0 "urban and irts in the room" meeting present urban irts --as facil
refused "twice present" meeting join --as urban
check "says already present" err_has "urban is already present"
expect 0 "zinc joins" meeting join --as zinc
refused "a member may not record the review" meeting review --as zinc
expect 0 "review" meeting review --as facil
refused "review once" meeting review --as facil
refused "ack with no current tension" meeting ack --as zinc
check "says no tension is presented" err_has "no tension is being presented"

# --- live proposals: presence, quorum ---
refused "a live proposal needs the tension taken up" proposal add 1 --as zinc --text "P"
check "says who takes it up" err_has "the facilitator takes it up first"
expect 0 "take up tension 1" meeting next 1 --as facil
refused "an absent member may not carry a live proposal" proposal add 1 --as adrets --text "P"
# A member's --unanimity is a request (tests/e2e/test-gov-history.sh).
expect 1 "an empty proposal text" proposal add 1 --as zinc --text ""
expect 0 "zinc proposes" proposal add 1 --as zinc --text "Version one"
check "proposal 1" out_is 1
refused "one open proposal per tension" proposal add 1 --as urban --text "Other"
refused "a correspondent takes no position" position 1 approve --as corr
check "saying members do" err_has "only members do"
refused "an observer takes no position" position 1 approve --as obs
refused "a sage who is not a member takes no position" position 1 approve --as sage
refused "an absent member takes no position" position 1 approve --as adrets
check "says not present" err_has "adrets is not present in meeting 1"
refused "a block needs a reason" position 1 block --as urban
check "says so" err_has "a block needs a reason"
refused "an alert needs a reason" position 1 alert --as urban
refused "an empty reason is no reason" position 1 alert --as urban --reason ""
expect 1 "an unknown position" position 1 veto --as urban
expect 0 "urban blocks" position 1 block --as urban --reason "Not yet"
expect 0 "urban changes to approve" position 1 approve --as urban
refused "the same position again" position 1 approve --as urban
expect 0 "irts approves version 1" position 1 approve --as irts
refused "only the supporter amends" proposal amend 1 --as urban --text "Version two"
check "names the supporter" err_has "only the supporter (zinc)"
expect 0 "zinc amends" proposal amend 1 --as zinc --text "Version two"
expect 0 "proposal show --json" proposal show 1 --json
check "two versions kept" out_has '"version":2,"versions":["Version one","Version two"]'
check "old positions no longer count" out_has '"tally":{"approve":0,"alert":0,"withdraw":0,"block":0'
check "but stay on record" out_has '"version":1,"counted":false'
expect 0 "urban answers version 2" position 1 approve --as urban
refused "a member may not close a round" proposal close 1 --as zinc
refused "no quorum: 3 present of 6" proposal close 1 --as facil
check "the exact message" err_has "quorum not reached: 3 of 6 present, 4 needed"
expect 0 "still open" proposal show 1 --json
check "status open" out_has '"status":"open"'
expect 0 "arsenic arrives" meeting present arsenic --as facil
expect 0 "close with 4 of 6" proposal close 1 --as facil
check "retained on version 2 alone" [ "$(tail -n 1 "$OUT")" = retained ]
expect 0 "proposal show" proposal show 1 --json
check "decision text is the current version" out_has '"decision_text":"Version two"'
refused "round closed: a late position" position 1 block --as irts --reason "late"
check "says round closed" err_has "round closed: proposal 1 is retained"
refused "round closed: closing twice" proposal close 1 --as facil
refused "round closed: amending" proposal amend 1 --as zinc --text "Three"
refused "a decided tension takes no proposal" proposal add 1 --as zinc --text "again"

# --- unanimity, hidden, adjourn, escalate ---
expect 0 "take up tension 2" meeting next 2 --as facil
refused "a non-member facilitator carries no proposal" proposal add 2 --as facil --text "U" --unanimity
refused "a member cannot require unanimity afterwards either" proposal unanimity 1 --as urban
expect 0 "facilitator role added to zinc" member role zinc member,facilitator
expect 0 "zinc (facilitator) requires unanimity, hidden" proposal add 2 --as zinc --text "Unanimous" --unanimity --hidden
P=$(cat "$OUT")
expect 0 "urban approves" position "$P" approve --as urban
expect 0 "irts blocks alone" position "$P" block --as irts --reason "I disagree"
expect 0 "hidden: others see 'hidden until closed'" proposal show "$P" --as urban
check "irts's position hidden from urban" out_has "irts: hidden until closed"
check "urban sees their own" out_has "urban: approve"
check "no tally while hidden" out_has "hidden until closed (2 answered)"
expect 0 "journal" journal --json
check "the journal does not reveal a hidden position" /usr/bin/python3 -c 'import json,sys; e=[x for x in json.load(open(sys.argv[1])) if x["op"]=="position"][-2:]; assert all(x["summary"]=="position on proposal %s (hidden until closed)" % sys.argv[2] for x in e), e' "$OUT" "$P"
c config lang en	# the minutes are in the hub's language
expect 0 "minutes of the open meeting" minutes 1
check "hide the open round's positions" out_has "- hidden until closed"
check "and do not show the block" sh -c '! grep -q "I disagree" "$1"' _ "$OUT"
expect 0 "json hides it too" proposal show "$P" --json
check "no kind shown" out_has '{"member":"irts","hidden":true}'
expect 0 "close" proposal close "$P" --as facil
check "one block rejects under unanimity" [ "$(tail -n 1 "$OUT")" = rejected ]
expect 0 "after closing, shown" proposal show "$P"
check "the block is visible" out_has "irts: block (I disagree)"
refused "a rejected proposal blocks closing the meeting" meeting close --as facil
check "says adjourn or escalate" err_has "adjourn or escalate it first"
refused "a non-blocker cannot agree to adjourn" proposal ack "$P" --as urban
refused "adjourning needs the blockers' agreement" proposal adjourn "$P" --as facil
check "names who" err_has "waiting for irts"
refused "a sage answers only escalated proposals" proposal answer "$P" --as sage --text "x"
expect 0 "escalate" proposal escalate "$P" --as facil
expect 0 "tension 2 escalated" tension show 2 --json
check "status escalated" out_has '"status":"escalated"'
refused "escalated cannot be adjourned" proposal adjourn "$P" --as facil
refused "a member is no sage" proposal answer "$P" --as urban --text "x"
expect 0 "the sages answer" proposal answer "$P" --as sage --text "Meet again in March."
refused "once" proposal answer "$P" --as wise --text "y"
expect 0 "shown" proposal show "$P"
check "with the answer" out_has "Meet again in March."

# The facilitator (not a member, so carrying nothing) marks a member's
# proposal as requiring unanimity.
expect 0 "take up tension 5" tension add --as urban --kind project --title "Six"
T6=$(cat "$OUT")
expect 0 "take it up" meeting next "$T6" --as facil
expect 0 "urban proposes" proposal add "$T6" --as urban --text "Plain"
PU=$(cat "$OUT")
refused "a member may not require unanimity" proposal unanimity "$PU" --as irts
expect 0 "the facilitator requires unanimity" proposal unanimity "$PU" --as facil
refused "once" proposal unanimity "$PU" --as facil
expect 0 "irts blocks alone" position "$PU" block --as irts --reason "No"
expect 0 "urban approves" position "$PU" approve --as urban
expect 0 "close" proposal close "$PU" --as facil
check "one block rejects" [ "$(tail -n 1 "$OUT")" = rejected ]
refused "closed: unanimity no longer changes" proposal unanimity "$PU" --as facil
expect 0 "escalate it" proposal escalate "$PU" --as facil

# --- withdrawals and the watch rule ---
expect 0 "take up tension 3" meeting next 3 --as facil
for i in 1 2 3; do
	expect 0 "proposal $i on tension 3" proposal add 3 --as urban --text "Try $i"
	W=$(cat "$OUT")
	expect 0 "arsenic withdraws ($i)" position "$W" withdraw --as arsenic
	expect 0 "urban approves" position "$W" approve --as urban
	if [ "$i" -lt 3 ]; then
		# Amending would not help: close as no decision needs
		# nobody approving, so drop urban and close retained is
		# not wanted; close and start again on the same tension.
		expect 0 "urban withdraws instead" position "$W" withdraw --as urban
		expect 0 "close" proposal close "$W" --as facil
		check "no decision" [ "$(tail -n 1 "$OUT")" = no-decision ]
		expect 0 "the tension is on the agenda: take it up again" meeting next 3 --as facil
	else
		expect 0 "close" proposal close "$W" --as facil
	fi
done
expect 0 "watch list --json" watch list --json
check "arsenic flagged after three withdrawals" out_has '{"login":"arsenic","blocks":0,"withdrawals":3'
check "irts flagged after blocks" out_has '{"login":"irts","blocks":2'
refused "a member may not clear a flag" watch clear irts --note "x" --as urban
expect 1 "a concertation needs a note" watch clear irts --as facil
expect 0 "the facilitator records the concertation" watch clear irts --note "Met on 2 Dec: agreed to rework." --as facil
refused "irts is no longer flagged" watch clear irts --note "again" --as facil
expect 0 "member show" member show irts --json
check "no watch flag" out_has '"watch":false'

# --- actions ---
refused "an action needs an existing decision" action add 99 --as zinc --owner irts --title "x"
refused "an action's owner must exist" action add 1 --as zinc --owner nobody --title "x"
refused "a correspondent adds no action" action add 1 --as corr --owner irts --title "x"
expect 0 "action with a past due date" action add 1 --as zinc --owner irts --title "Write the report" --due 2020-01-01
A=$(cat "$OUT")
expect 0 "action without a due date" action add 1 --as zinc --owner urban --title "Call them"
refused "only the owner or the facilitator changes it" action status "$A" done --as urban
expect 1 "an unknown status" action status "$A" finished --as irts
expect 0 "action list" action list
check "the overdue action stands out" grep -q '^! #1 .*OVERDUE' "$OUT"
check "the other does not" grep -q '^  #2 ' "$OUT"
expect 0 "action list --open" action list --open
check "both open" [ "$(grep -c '#' "$OUT")" -eq 2 ]
expect 0 "the owner marks it done" action status "$A" done --as irts
expect 0 "action list --open --json" action list --open --json
check "only the other is open" /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [a["title"] for a in d]==["Call them"], d' "$OUT"
refused "already done" action status "$A" done --as irts
expect 0 "action list --json" action list --json
check "no longer overdue" /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); a=[a for a in d if a["title"]!="Call them"][0]; assert a["status"]=="done" and a["overdue"] is False, d' "$OUT"

# --- closing the meeting ---
refused "a decided tension cannot be dropped" tension drop 3 --as urban
expect 0 "meeting close" meeting close --as facil
refused "no open meeting: close again" meeting close --as facil
expect 0 "a new tension" tension add --as urban --kind project --title "Seven"
T7=$(cat "$OUT")
refused "no open meeting: live proposal refused" proposal add "$T7" --as urban --text "x"
check "suggests an electronic round" err_has "--closes DATE"
refused "camp is disabled" tension add --as camp --kind project --title "x"
expect 0 "verify" verify
done_testing
