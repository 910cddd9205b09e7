# End-to-end: electronic (asynchronous) rounds with a closing date, and
# overdue actions, with the clock moved through CERCLE_NOW.
. "$(dirname "$0")/lib.sh"
setup_hub
c member role facil facilitator
# Six voters: urban irts zinc adrets arsenic camp; quorum 4.
day() { date -u -d "$1" +%s; }
export CERCLE_NOW=$(day "2026-11-23 10:00")

expect 0 "tension" tension add --as zinc --kind position --title "Sign the open letter"
expect 0 "tension" tension add --as irts --kind project --title "Buy a van"
expect 0 "tension" tension add --as urban --kind chamber --title "Rotate the facilitator"
expect 1 "a bad closing date is a usage error" proposal add 1 --as zinc --text "Sign it" --closes "30/11/2026"
expect 2 "a closing date in the past is refused" proposal add 1 --as zinc --text "Sign it" --closes 2026-11-01
expect 0 "an electronic round needs no meeting" proposal add 1 --as zinc --text "Sign it" --closes 2026-11-30
P=$(cat "$OUT")
expect 0 "the tension is in process" tension show 1 --json
check "status in-process" out_has '"status":"in-process"'
expect 0 "any member answers, present or not: urban" position "$P" approve --as urban
expect 0 "irts" position "$P" alert --as irts --reason "Fix the typo"
expect 2 "a correspondent takes none" position "$P" approve --as corr
expect 2 "the facilitator without the member role takes none" position "$P" approve --as facil
expect 2 "closing early while members have not answered" proposal close "$P" --as facil
check "says until when and how many answered" err_has "round open until 2026-11-30 23:59: 2 of 6 members answered"

# A meeting opened meanwhile cannot take up a tension in an open round.
expect 0 "meeting open" meeting open --as facil
expect 0 "present" meeting present urban irts zinc adrets --as facil
expect 0 "review (nothing to review yet)" meeting review --as facil
check "says so" out_is "no open action"
expect 2 "the tension has an open electronic round" meeting next 1 --as facil
check "says so" err_has "open electronic round (proposal $P)"
expect 0 "take up tension 3" meeting next 3 --as facil
expect 0 "an electronic round opened during the meeting" proposal add 3 --as urban --text "Rotate yearly" --closes 2026-12-31
P4=$(cat "$OUT")
expect 0 "the meeting closes while the electronic round goes on" meeting close --as facil
expect 0 "tension 3" tension show 3 --json
check "stays in process" out_has '"status":"in-process"'
expect 0 "an absent member still answers it" position "$P4" approve --as camp

export CERCLE_NOW=$(day "2026-12-01 08:00")
expect 2 "after the date, positions are refused" position "$P" approve --as zinc
check "as round closed" err_has "round closed: proposal $P closed on 2026-11-30 23:59"
expect 2 "and amending" proposal amend "$P" --as zinc --text "Sign it now"
expect 0 "close after the date with 2 of 6 answers" proposal close "$P" --as facil
check "no decision: the quorum applies to who answered" [ "$(tail -n 1 "$OUT")" = no-decision ]
check "says why" out_has "quorum not reached: 2 of 6 answered, 4 needed"
expect 0 "back on the agenda" tension show 1 --json
check "status agenda" out_has '"status":"agenda"'
expect 0 "positions were not counted for the watch rule" watch list
check "nobody flagged" out_has "nobody is flagged"

expect 0 "a second round on tension 1" proposal add 1 --as zinc --text "Sign it, v2" --closes 2026-12-10
P2=$(cat "$OUT")
expect 0 "urban" position "$P2" approve --as urban
expect 0 "irts" position "$P2" approve --as irts
expect 0 "adrets blocks" position "$P2" block --as adrets --reason "Not our role"
expect 0 "camp" position "$P2" withdraw --as camp
export CERCLE_NOW=$(day "2026-12-11 09:00")
expect 0 "close with 4 of 6 answers" proposal close "$P2" --as facil
check "retained" [ "$(tail -n 1 "$OUT")" = retained ]
check "the quorum on who answered" out_has "quorum: 4 of 6 answered, 4 needed"
expect 0 "decision list" decision list --json
check "an electronic decision has no meeting" out_has '"meeting":null'

expect 0 "a third round, everyone answers early" proposal add 2 --as irts --text "Buy a used van" --closes 2027-01-31 --hidden
P3=$(cat "$OUT")
for m in urban irts zinc adrets arsenic; do
	expect 0 "$m approves" position "$P3" approve --as $m
done
expect 2 "five of six: still open" proposal close "$P3" --as facil
expect 0 "camp blocks" position "$P3" block --as camp --reason "Too costly"
expect 0 "all six answered: the facilitator may close early" proposal close "$P3" --as facil
check "retained (one block)" [ "$(tail -n 1 "$OUT")" = retained ]

# Overdue actions, seen from different days.
expect 0 "action due 2026-12-20" action add 1 --as zinc --owner irts --title "Post the letter" --due 2026-12-20
export CERCLE_NOW=$(day "2026-12-15 12:00")
expect 0 "before the due date" action list --json
check "not overdue" out_has '"overdue":false'
export CERCLE_NOW=$(day "2026-12-21 12:00")
expect 0 "after the due date" action list
check "overdue stands out" out_has "OVERDUE"
expect 0 "doing is still overdue" action status 1 doing --as irts
expect 0 "list" action list --json
check "still overdue" out_has '"overdue":true'
expect 0 "dropped" action status 1 dropped --as facil
expect 0 "list" action list --json
check "a dropped action is not overdue" out_has '"overdue":false'
expect 0 "proposal list --open" proposal list --open --json
check "only the electronic round on tension 3 is open" /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [p["id"] for p in d]==[int(sys.argv[2])] and d[0]["live"] is False, d' "$OUT" "$P4"
expect 0 "proposal list" proposal list
check "lists every proposal" [ "$(wc -l <"$OUT")" -eq 4 ]
expect 0 "meeting list" meeting list --json
check "one closed meeting" out_has '"id":1,"status":"closed"'
expect 0 "verify" verify
done_testing
