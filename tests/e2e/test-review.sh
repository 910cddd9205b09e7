# End-to-end regressions for defects found in review of the foundation
# and governance (issues 2 and 3): each block names what was wrong.
. "$(dirname "$0")/lib.sh"
setup_hub
c member role facil facilitator

# A member disabled during an open meeting was still counted present for
# the quorum (and the total of members stayed as at the opening), so a
# round could close with only 3 active members of 5 present.
c tension add --as zinc --kind project --title "Quorum after a disable"
c meeting open --as facil
c meeting present urban irts zinc adrets --as facil
c meeting review --as facil
c meeting next --as facil
expect 0 "a live proposal" proposal add 1 --as urban --text "Decide with the quorum."
P=$(cat "$OUT")
expect 0 "irts approves" position "$P" approve --as irts
expect 0 "the admin disables adrets, who is in the room" member disable adrets
expect 0 "meeting show" meeting show
check "adrets no longer counts: 3 of 5 present, 4 needed" out_has "3 of 5 present, 4 needed (not reached)"
expect 2 "closing the round is refused" proposal close "$P" --as facil
check "quorum not reached: 3 of 5 present, 4 needed" err_has "quorum not reached: 3 of 5 present, 4 needed"
check "in one line" err_one_line
expect 0 "a member added during the meeting" member add newbie --name "New Bie" --role member
expect 0 "adrets enabled again" member enable adrets
expect 0 "meeting show --json" meeting show --json
check "the quorum follows: 4 of 7 present, 5 needed" out_has '"present":4,"members":7,"needed":5,"quorum_reached":false'
expect 2 "still refused" proposal close "$P" --as facil
check "quorum not reached: 4 of 7 present, 5 needed" err_has "quorum not reached: 4 of 7 present, 5 needed"
expect 0 "the new member joins" meeting join --as newbie
expect 0 "now the round closes" proposal close "$P" --as facil
check "retained with 5 of 7 present, 5 needed" out_has "quorum: 5 of 7 present, 5 needed"
expect 0 "meeting close" meeting close --as facil
expect 0 "urban disabled after the meeting" member disable urban
c config lang en	# the minutes are in the hub's language
expect 0 "minutes" minutes 1
check "the minutes keep the figures at the close" out_has "Quorum: 5 of 7 present, 5 needed (reached)."
c member enable urban

# An electronic round closed early ("every member answered") counting a
# member disabled since answering, so one active member who had not
# answered lost their say; and that member counted for the quorum.
c tension add --as irts --kind position --title "Electronic, with a disable"
T=$(cat "$OUT")
expect 0 "an electronic proposal" proposal add "$T" --as irts --text "Sign the letter." --closes 2099-01-01
P=$(cat "$OUT")
for m in urban irts zinc adrets arsenic; do
	c position "$P" approve --as $m
done
expect 0 "camp answers too" position "$P" approve --as camp
expect 0 "newbie answers too" position "$P" approve --as newbie
expect 0 "the admin disables camp" member disable camp
expect 0 "arsenic is disabled as well" member disable arsenic
expect 0 "and newbie" member disable newbie
expect 0 "and zinc" member disable zinc
expect 0 "a new member who has not answered" member add late --name "La Te" --role member
expect 2 "closing early is refused: late has not answered" proposal close "$P" --as facil
check "3 of 4 members answered" err_has "3 of 4 members answered"
expect 0 "late answers" position "$P" approve --as late
expect 0 "now everyone answered: the round closes" proposal close "$P" --as facil
check "4 of 4 answered, 3 needed" out_has "4 of 4 answered, 3 needed"
for m in camp arsenic newbie zinc; do c member enable $m; done

# member list padded its columns by bytes: every accented name pushed the
# following columns right, so the list did not line up.
expect 0 "an accented member" member add helene --name "Hélène Éluard" --role sage --org "Médiaterre" --territory Avignon
expect 0 "member list" member list
check "the columns line up in characters" /usr/bin/python3 -c '
import sys
rows = [l for l in open(sys.argv[1], encoding="utf-8").read().splitlines() if l]
assert len(set(l.index(" key") for l in rows)) == 1, rows
assert rows[[l.startswith("helene ") for l in rows].index(True)].index("Médiaterre") == rows[0].index("Urban Prod")' "$OUT"

# The minutes' action-plan review listed every action open now, including
# those of decisions taken later in the same meeting, which nobody could
# have reviewed.
# (The clock moves on an hour for the action, two for meeting 2.)
CERCLE_NOW=$(($(date +%s) + 3600))
export CERCLE_NOW
expect 0 "an action on decision 1" action add 1 --as urban --owner irts --title "Écrire aux hubs" --due 2030-01-01
check "meeting 1's review lists no action (the action came after it)" sh -c \
    "'$CERCLE_BIN' --db '$DB' minutes 1 | sed -n '/^## 1. Action plan review/,/^## 2/p' | grep -q '^- no open action'"
CERCLE_NOW=$((CERCLE_NOW + 3600))
c meeting open --as facil
c meeting present urban irts zinc adrets arsenic --as facil
expect 0 "meeting 2 reviews the plan" meeting review --as facil
expect 0 "its minutes (json)" minutes 2 --format json
check "list the action that was on the plan" /usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert [a["title"] for a in d["review"]["open_actions"]] == ["Écrire aux hubs"], d["review"]' "$OUT"
c meeting close --as facil
unset CERCLE_NOW

# 'round show' of a missing round said "no dotround #9", an internal name.
expect 2 "round show of a missing round" round show 9
check "says: no round #9" err_has "cercle: no round #9"

# Hidden rounds: no reading surface may reveal a position or its reason
# before the close (only proposal show, minutes and the journal were
# checked). A live and an electronic hidden round, then every reader.
c tension add --as urban --kind project --title "Hidden live"
TL=$(cat "$OUT")
c tension add --as urban --kind project --title "Hidden electronic"
TE=$(cat "$OUT")
c meeting open --as facil
c meeting present urban irts zinc adrets arsenic camp --as facil
c meeting review --as facil
c meeting next "$TL" --as facil
expect 0 "a hidden live round" proposal add "$TL" --as urban --text "Live, hidden." --hidden
PL=$(cat "$OUT")
expect 0 "a hidden electronic round" proposal add "$TE" --as urban --text "Electronic, hidden." --hidden --closes 2099-01-01
PE=$(cat "$OUT")
expect 0 "zinc blocks the live one" position "$PL" block --as zinc --reason "SECRETBLOCKL"
expect 0 "irts alerts on the live one" position "$PL" alert --as irts --reason "SECRETALERTL"
expect 0 "adrets blocks the electronic one" position "$PE" block --as adrets --reason "SECRETBLOCKE"
expect 0 "arsenic alerts on the electronic one" position "$PE" alert --as arsenic --reason "SECRETALERTE"
leaks=""
for args in "proposal show $PL" "proposal show $PL --json" "proposal show $PE" \
    "proposal show $PE --json" "proposal list" "proposal list --json" \
    "tension show $TL" "tension show $TL --json" "tension show $TE --json" \
    "agenda" "agenda --json" "meeting show" "meeting show --json" \
    "meeting list --json" "minutes 3" "minutes 3 --format json" \
    "watch list" "watch list --json" "decision list --json" \
    "action list --json" "journal" "journal --json" "member list --json" \
    "member show zinc --json" "export --format json --what all --personal" \
    "export --format csv --what decisions" "export --format csv --what actions"; do
	# shellcheck disable=SC2086
	c $args
	[ "$RC" -eq 0 ] || leaks="$leaks [$args failed]"
	if grep -q 'SECRET\|"block"\|"alert"\|: block\|: alert\|\*\*block\|\*\*alert\|block on proposal\|alert on proposal' "$OUT"; then
		leaks="$leaks [$args]"
	fi
done
check "no reader reveals a hidden position or reason:${leaks:- none}" [ -z "$leaks" ]
expect 0 "the live round closes" proposal close "$PL" --as facil
check "retained (one block stays on record)" [ "$(tail -n 1 "$OUT")" = retained ]
expect 0 "now its positions show" proposal show "$PL"
check "with their reasons" out_has "SECRETBLOCKL"
c meeting close --as facil

# A usage error printed its message and then a second "usage:" line; the
# contract is one line on stderr for every error.
for args in "need status 1 bogus --as facil" "need list --limit 0" \
    "need list --sort bogus" "minutes 1 --format html" \
    "export --format xml --what needs" "action status 1 bogus --as urban" \
    "tension add --as zinc --kind party --title T" "member add" \
    "position 1 maybe --as urban" "meeting present --as facil" \
    "proposal show x" "need add --as zinc --bogus 1"; do
	# shellcheck disable=SC2086
	expect 1 "usage error: $args" $args
	check "in one line, with the usage" sh -c "[ \$(wc -l <'$ERR') -eq 1 ] && grep -q '(usage: cercle ' '$ERR'"
done

done_testing
