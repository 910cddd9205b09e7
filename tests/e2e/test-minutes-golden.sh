# End-to-end: the minutes compared whole (issue 11) for one scripted
# meeting: an arrival, a departure, an amendment, a superseded block, a
# position of a member disabled before the close (on record, not
# counted) and an electronic round closed while the meeting was open.
# The clock is frozen by CERCLE_NOW (TZ=UTC), so the times are kept; only
# the journal hash is normalised. English (the hub set to en) and French
# (the hub's default) golden files; the French holds no English sentence.
# Also: the figures of the closed meeting never move (item 3), and
# `minutes --electronic FROM TO` gives the same record for a period.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
day() { date -u -d "$1" +%s; }
x() { "$CERCLE_BIN" --db "$DB" "$@" >"$OUT" 2>"$ERR" || {
	not_ok "scripted step: $*"; }; }
norm() { sed -E 's/[0-9a-f]{64}/HASH/g' "$1"; }

export CERCLE_NOW=$(day "2026-12-01 09:00")
c init
x member add facil --name "Fa Cilitatrice" --role facilitator
for m in urban irts zinc adrets arsenic camp; do
	x member add "$m" --name "Membre $m" --role member --org "$m" --territory Alpes
done
x tension add --as zinc --kind project --title "Budget 2027"
x tension add --as irts --kind position --title "Soutien au réseau"
# An electronic round, open before the meeting.
x proposal add 2 --as irts --text "Signer la tribune." --closes 2026-12-10
for m in urban zinc arsenic camp; do x position 1 approve --as $m; done
x position 1 alert --reason "Relire le texte." --as adrets
export CERCLE_NOW=$(day "2026-12-10 10:00")
x meeting open --as facil --title "Chambre de décembre"
x meeting present urban irts zinc adrets --as facil
export CERCLE_NOW=$(day "2026-12-10 10:05")
x meeting join --as arsenic
x meeting join --as camp
x meeting review --as facil
x meeting next 1 --as facil
x meeting ack --as urban
x meeting question --text "Quel montant ?" --as irts
x proposal add 1 --as zinc --text "Dépenser 30k."
x position 2 block --reason "Trop cher." --as irts
x position 2 approve --as urban
export CERCLE_NOW=$(day "2026-12-10 10:20")
x proposal amend 2 --as zinc --text "Dépenser 20k."
x position 2 block --reason "Encore trop cher." --as irts
x position 2 approve --as irts
x position 2 approve --as urban
x position 2 withdraw --as adrets
x position 2 approve --as arsenic
x position 2 block --reason "Pas cette année." --as camp
export CERCLE_NOW=$(day "2026-12-10 10:30")
x meeting leave --as arsenic
x member disable camp
x proposal close 2 --as facil
x action add 1 --as zinc --owner irts --title "Ouvrir la ligne" --due 2027-01-31
export CERCLE_NOW=$(day "2026-12-10 10:40")
x position 1 block --reason "Pas avant le budget." --as irts
x proposal close 1 --as facil
export CERCLE_NOW=$(day "2026-12-10 11:00")
x meeting close --as facil
ok "the meeting is scripted"

expect 0 "the French minutes (the hub's default language)" minutes 1
norm "$OUT" >"$TEST_TMP/fr.md"
check "French minutes compared whole" \
    diff -u "$here/data/minutes-golden.fr.md" "$TEST_TMP/fr.md"
# Every English sentence of the minutes, as its first words.
english='Minutes of|Opened |Presence and|present, |needed|In the room|Remote:|nobody|Arrivals|arrival in|check-in|departure|Action plan|Reviewed|still open|open action|Brought by|Understood by|Carried by|Version [0-9]:|final\)|Positions:|history \(|not counted|superseded|\\b(approve|withdraw|block|alert)\\b|Outcome|retained|Decision [0-9]|Actions:|owner|due 20|todo|Electronic|electronic round|closed 20|answered|None\.|Journal head|signed by|Check it'
check "the French minutes hold no English sentence" \
    sh -c "! grep -nE '$english' '$TEST_TMP/fr.md'"
check "... and say where the hub's head was at the close" \
    grep -q "^Tête du journal à la clôture.: entrée [0-9]*, SHA-256 HASH" "$TEST_TMP/fr.md"

x config lang en
expect 0 "the English minutes (the hub set to English)" minutes 1
norm "$OUT" >"$TEST_TMP/en.md"
check "English minutes compared whole" \
    diff -u "$here/data/minutes-golden.en.md" "$TEST_TMP/en.md"
c journal head
closehead=$(cat "$OUT")
check "the minutes end with the journal head at the close" sh -c \
    "tail -1 '$TEST_TMP/en.md' | grep -q '^Journal head at the close: entry '"
expect 0 "minutes --format json" minutes 1 --format json
cp "$OUT" "$TEST_TMP/m.json"
check "one JSON document with the presence log, the rounds and their history" /usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert [(p["login"], p["event"]) for p in d["presence"]][-3:] == [("arsenic", "remote"), ("camp", "remote"), ("arsenic", "left")], d["presence"]
assert d["quorum"] == {"present": 4, "members": 5, "needed": 4, "reached": True}, d["quorum"]
p = d["tensions"][0]["proposals"][0]
assert p["status"] == "retained" and len(p["versions"]) == 2
why = {(x["member"], x["why"]) for x in p["positions"]}
assert ("camp", "not-voter") in why and ("irts", "counted") in why, why
assert [h["reason"] for h in p["history"] if h["member"] == "irts"] == ["Trop cher.", "Encore trop cher."]
assert [e["id"] for e in d["electronic"]] == [1] and d["electronic"][0]["decision"]["id"] == 2
' "$TEST_TMP/m.json"

# Item 8, read on the same meeting: irts's block on version 1 stood until
# the amendment (a use), the block on version 2 was changed before the
# close (not a use), and the block in the electronic round counts.
expect 0 "watch list" watch list --json
check "irts: two blocks used" /usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert [w["blocks"] for w in d if w["login"] == "irts"] == [2], d' "$OUT"

# Item 3: the closed meeting keeps its figures whatever happens after.
c meeting show 1 --json
cp "$OUT" "$TEST_TMP/show.before"
x member disable urban
x member disable zinc
x member add newbie --name "New Bie" --role member
x member role adrets observer
expect 0 "minutes after members changed" minutes 1
norm "$OUT" >"$TEST_TMP/en2.md"
check "the minutes are unchanged, word for word" cmp -s "$TEST_TMP/en.md" "$TEST_TMP/en2.md"
c meeting show 1 --json
check "meeting show is unchanged" cmp -s "$TEST_TMP/show.before" "$OUT"
check "still 4 of 5 present, 4 needed" out_has '"present":4,"members":5,"needed":4,"quorum_reached":true'
expect 0 "meeting list" meeting list --json
check "the list agrees" /usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
m = [x for x in d if x["id"] == 1][0]
assert (m["present"], m["members"], m["needed"]) == (4, 5, 4), m' "$OUT"
x member enable urban
x member enable zinc
x member role adrets member

# Item 5: the electronic record of a period, in the minutes' format.
expect 0 "minutes --electronic over December" minutes --electronic 2026-12-01 2026-12-31
cp "$OUT" "$TEST_TMP/el.md"
check "it names the period" grep -q "^# Electronic rounds closed from 2026-12-01 00:00 to 2026-12-31 23:59" "$TEST_TMP/el.md"
sed -n '/^### Proposal 1 (electronic/,/^- no action yet/p' "$TEST_TMP/en.md" >"$TEST_TMP/el-in-minutes"
sed -n '/^### Proposal 1 (electronic/,/^- no action yet/p' "$TEST_TMP/el.md" >"$TEST_TMP/el-alone"
check "the round reads as in the minutes" sh -c "[ -s '$TEST_TMP/el-alone' ] && cmp -s '$TEST_TMP/el-in-minutes' '$TEST_TMP/el-alone'"
check "a live round is not an electronic one" sh -c "! grep -q '^### Proposal 2' '$TEST_TMP/el.md'"
expect 0 "a period with none" minutes --electronic 2026-11-01 2026-11-30
check "says so" out_has "No electronic round closed in this period."
expect 0 "a period to the minute" minutes --electronic "2026-12-10 10:41" "2026-12-10 12:00"
check "the round closed at 10:40 is outside it" out_has "No electronic round closed in this period."
expect 0 "JSON" minutes --electronic 2026-12-01 2026-12-31 --format json
check "one JSON document with the round" /usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["from"] == "2026-12-01T00:00:00Z" and d["to"] == "2026-12-31T23:59:59Z", d
assert [e["id"] for e in d["electronic"]] == [1]' "$OUT"
expect 1 "a period that ends before it starts" minutes --electronic 2026-12-31 2026-12-01
check "one line" err_one_line
expect 1 "one date only" minutes --electronic 2026-12-01
check "one line" err_one_line
expect 1 "not a date" minutes --electronic 2026-12-01 demain
expect 1 "a meeting id and --electronic" minutes 1 2
expect 2 "minutes of a meeting that does not exist" minutes 9
check "one line" err_one_line
done_testing
