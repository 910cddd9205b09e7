# End-to-end: consent records that lose nothing (issue 11, items 1, 2, 7,
# 8) through the real CLI on a real database: every position kept and
# shown "not counted" below the counted ones, hidden rounds veiling all
# of it; one rule of who counts, frozen at the close; unanimity asked by
# a member, granted or declined by the facilitator; the watch rule
# counting every block used, cleared by the facilitator or a sage. Each
# refusal exits 2 with one line and changes nothing.
. "$(dirname "$0")/lib.sh"
setup_hub
"$CERCLE_BIN" --db "$DB" member add sage --name "Sa Ge" --role sage \
    >/dev/null
# Voters: facil urban irts zinc adrets arsenic camp (7; quorum 5).
day() { date -u -d "$1" +%s; }
export CERCLE_NOW=$(day "2026-11-23 10:00")
jcount() { "$CERCLE_BIN" --db "$DB" journal --json | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }
snap() { "$CERCLE_BIN" --db "$DB" proposal show "$1" --json; }
# refused DESC PROPOSAL ARGS...: exit 2, one line, no journal entry, and
# the proposal reads the same.
refused() {
	desc=$1
	p=$2
	shift 2
	before=$(jcount)
	s1=$(snap "$p")
	c "$@"
	after=$(jcount)
	s2=$(snap "$p")
	if [ "$RC" -eq 2 ] && err_one_line && [ "$before" = "$after" ] &&
	    [ "$s1" = "$s2" ]; then
		ok "$desc"
	else
		not_ok "$desc (exit $RC, journal $before -> $after)"
	fi
}
# js EXPR: a Python expression over the last output's JSON (d).
js() { /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert eval(sys.argv[2]), d' "$OUT" "$1"; }

# ---- 1. every position kept ----
expect 0 "a tension" tension add --as zinc --kind project --title "Buy a van"
expect 0 "an electronic round" proposal add 1 --as zinc --text "Buy it." --closes 2026-11-30
P=$(cat "$OUT")
expect 0 "irts blocks version 1" position "$P" block --reason "Too dear." --as irts
expect 0 "urban alerts" position "$P" alert --reason "Check the insurance." --as urban
expect 0 "urban changes to approve" position "$P" approve --as urban
expect 0 "camp approves version 1" position "$P" approve --as camp
expect 0 "zinc amends" proposal amend "$P" --as zinc --text "Buy a used one."
expect 0 "irts blocks version 2, another reason" position "$P" block --reason "Still too dear." --as irts
expect 0 "proposal show" proposal show "$P" --as facil
check "the current block with its reason" out_has "irts: block (Still too dear.)"
check "the first block's reason is kept" out_has "irts: block (Too dear.) [version 1,"
check "marked not counted (superseded)" sh -c "grep -F 'Too dear.' '$OUT' | grep -qE 'not counted|non compt'"
check "urban's alert is kept too" out_has "urban: alert (Check the insurance.)"
check "camp's position on version 1 is not counted" out_has "camp: approve [on version 1: not counted]"
check "the history below the positions" sh -c "[ \$(grep -n 'positions:' '$OUT' | cut -d: -f1) -lt \$(grep -n 'Too dear.) \[' '$OUT' | cut -d: -f1) ]"
expect 0 "proposal show --json" proposal show "$P" --json
check "JSON: one current position per member" js '[x["member"] for x in d["positions"]]==["irts","urban","camp"]'
check "JSON: the history with reasons, superseded" js 'sorted((x["member"],x["reason"],x["version"],x["why"],x["counted"]) for x in d["history"])==[("irts","Too dear.",1,"superseded",False),("urban","Check the insurance.",1,"superseded",False)]'
check "JSON: camp's on an older version" js '[x["why"] for x in d["positions"] if x["member"]=="camp"]==["older-version"]'
check "JSON: each change has its time" js 'all(x["at"] for x in d["positions"]+d["history"])'
refused "the same position again" "$P" position "$P" block --reason "Still too dear." --as irts

# ---- hidden rounds hide all of it ----
expect 0 "a second tension" tension add --as urban --kind position --title "Sign the letter"
expect 0 "a hidden round" proposal add 2 --as urban --text "Sign." --closes 2026-11-30 --hidden
H=$(cat "$OUT")
expect 0 "irts blocks" position "$H" block --reason "Secret one." --as irts
expect 0 "irts changes the reason" position "$H" block --reason "Secret two." --as irts
expect 0 "adrets approves" position "$H" approve --as adrets
expect 0 "adrets changes to withdraw" position "$H" withdraw --as adrets
no_counts() { ! grep -qE '\b[0-9]+ (approve|alert|withdraw|block)\b' "$OUT"; }
for who in urban facil; do
	expect 0 "show to $who" proposal show "$H" --as "$who"
	check "no reason of irts for $who" sh -c "! grep -qF 'Secret' '$OUT'"
	check "no history line for $who" sh -c "! grep -qF 'superseded' '$OUT'"
	check "no count for $who" no_counts
	expect 0 "JSON to $who" proposal show "$H" --as "$who" --json
	check "JSON to $who: no history, no kinds" js 'd["history"]==[] and d["tally"] is None and all(x.get("hidden") for x in d["positions"])'
done
expect 0 "irts sees their own history" proposal show "$H" --as irts --json
check "irts's own, not adrets's" js '[x["reason"] for x in d["history"]]==["Secret one."] and [x["member"] for x in d["positions"] if x.get("hidden")]==["adrets"]'
expect 0 "the console sees no more" proposal show "$H"
check "no reason on the console" sh -c "! grep -qF 'Secret' '$OUT'"
expect 0 "export positions while the hidden round is open" export --format json --what positions
check "the export keeps every change of the open round, the hidden one left out" js 'sorted((x["member"],x["reason"],x["why"]) for x in d if x["proposal"]==1 and x["member"]=="irts")==[("irts","Still too dear.","counted"),("irts","Too dear.","superseded")] and not [x for x in d if x["proposal"]==2]'
expect 0 "export positions as CSV" export --format csv --what positions
check "CSV: header and no hidden reason" sh -c "head -1 '$OUT' | grep -q '^id,proposal,member,version,position,reason,at,by,counted,why' && ! grep -q Secret '$OUT'"
expect 0 "journal" journal --json
check "the journal says no kind" sh -c "! grep -qE '(block|withdraw|approve) on proposal $H' '$OUT'"

# ---- 2. who counts: the same rule for quorum, answers and outcome ----
expect 0 "a third tension" tension add --as camp --kind project --title "Open a site"
expect 0 "a round" proposal add 3 --as camp --text "Open it." --closes 2026-11-30
W=$(cat "$OUT")
for m in facil urban zinc camp; do
	expect 0 "$m approves" position "$W" approve --as "$m"
done
expect 0 "arsenic blocks" position "$W" block --reason "No money." --as arsenic
expect 0 "adrets blocks" position "$W" block --reason "No people." --as adrets
c member disable arsenic
c member disable adrets
expect 0 "irts approves" position "$W" approve --as irts
expect 0 "show" proposal show "$W" --json
check "the disabled blockers are on record, not counted" js 'sorted(x["member"] for x in d["positions"] if x["why"]=="not-voter")==["adrets","arsenic"] and d["tally"]["block"]==0'
check "answered and tally agree (5 of 5)" js 'd["answered"]==5 and d["tally"]["approve"]==5 and d["present"]==5 and d["members"]==5'
expect 0 "every voter answered: it closes" proposal close "$W" --as facil
check "retained: two blocks of disabled members do not reject" [ "$(tail -n 1 "$OUT")" = retained ]
check "the quorum line agrees" out_has "5 of 5 answered"
c member enable arsenic
c member disable irts
expect 0 "show after the members changed" proposal show "$W" --json
check "frozen: tally, answers and quorum as at the close" js 'd["frozen"] and d["tally"]["approve"]==5 and d["tally"]["block"]==0 and d["answered"]==5 and d["present"]==5 and d["members"]==5 and d["needed"]==4'
check "who counted, as at the close" js 'sorted(x["member"] for x in d["positions"] if x["counted"])==["camp","facil","irts","urban","zinc"]'
expect 0 "text" proposal show "$W"
check "text says the figures are frozen" out_has "5 approve, 0 alert, 0 withdraw, 0 block"
c member enable irts

# ---- 7. unanimity asked, then granted or declined ----
expect 0 "a fourth tension" tension add --as irts --kind chamber --title "Exclude nobody"
expect 0 "irts asks for unanimity" proposal add 4 --as irts --text "Keep everyone." --closes 2026-11-30 --unanimity
U=$(cat "$OUT")
expect 0 "show" proposal show "$U" --json
check "the request is recorded, not granted" js 'd["unanimity_request"]=="asked" and d["unanimity"] is False and d["tally"]["blocks_to_reject"]==2'
expect 0 "list" proposal list --json
check "the list shows the request" js '[p["unanimity_request"] for p in d if p["tension"]==4]==["asked"]'
expect 0 "list --csv" proposal list --csv
check "CSV has the column" sh -c "head -1 '$OUT' | grep -q unanimity_request"
refused "a member may not grant it" "$U" proposal unanimity "$U" --as urban
refused "a member may not decline it" "$U" proposal unanimity "$U" --decline --as irts
refused "a sage may not grant it" "$U" proposal unanimity "$U" --as sage
expect 0 "the facilitator declines" proposal unanimity "$U" --decline --as facil
expect 0 "show" proposal show "$U" --json
check "declined; the rule stays two blocks" js 'd["unanimity_request"]=="declined" and d["unanimity"] is False'
refused "declining twice" "$U" proposal unanimity "$U" --decline --as facil
expect 0 "the facilitator may still require it" proposal unanimity "$U" --as facil
expect 0 "show text" proposal show "$U"
check "says unanimity required" out_has "unanimity required: 1 block rejects"
expect 0 "a fifth tension" tension add --as zinc --kind project --title "Hire"
expect 0 "zinc asks for unanimity" proposal add 5 --as zinc --text "Hire one." --closes 2026-11-30 --unanimity
G=$(cat "$OUT")
expect 0 "the facilitator grants it" proposal unanimity "$G" --as facil
expect 0 "show" proposal show "$G" --json
check "granted and required" js 'd["unanimity_request"]=="granted" and d["unanimity"] is True and d["tally"]["blocks_to_reject"]==1'
refused "granting twice" "$G" proposal unanimity "$G" --as facil
refused "declining a granted request" "$G" proposal unanimity "$G" --decline --as facil
expect 0 "camp withdraws on it" position "$G" withdraw --as camp

# ---- 8. the watch rule counts every block used ----
export CERCLE_NOW=$(day "2026-12-01 10:00")
expect 0 "close the first round (irts blocked both versions)" proposal close "$P" --as facil
expect 0 "close the hidden round" proposal close "$H" --as facil
expect 0 "close the granted round" proposal close "$G" --as facil
expect 0 "hidden round closed: the history shows" proposal show "$H" --as urban
check "irts's first reason, not counted" out_has "irts: block (Secret one.) [version 1,"
check "adrets's withdrawal counted" out_has "adrets: withdraw"
expect 0 "export once closed" export --format json --what positions
check "the closed hidden round's history is exported" js 'sorted(x["reason"] for x in d if x["proposal"]==2 and x["member"]=="irts")==["Secret one.","Secret two."]'
expect 0 "watch list" watch list --json
check "irts: three blocks used (v1, v2, hidden round)" js '[w["blocks"] for w in d if w["login"]=="irts"]==[3]'
check "urban's alert changed: not flagged" js 'not [w for w in d if w["login"]=="urban"]'
check "arsenic and adrets: their blocks in a closed round count" js 'sorted(w["login"] for w in d if w["blocks"]==1)==["adrets","arsenic"]'
# A block changed before the close on the same version is not a use.
expect 0 "a sixth tension" tension add --as camp --kind project --title "Paint"
expect 0 "round" proposal add 6 --as camp --text "Paint it." --closes 2026-12-20
B=$(cat "$OUT")
expect 0 "zinc blocks" position "$B" block --reason "Wrong colour." --as zinc
expect 0 "zinc approves after all" position "$B" approve --as zinc
# Three withdrawals by camp across closed rounds.
expect 0 "camp withdraws" position "$B" withdraw --as camp
export CERCLE_NOW=$(day "2026-12-21 10:00")
expect 0 "close" proposal close "$B" --as facil
expect 0 "watch list" watch list --json
check "zinc's changed block is not a use" js 'not [w for w in d if w["login"]=="zinc"]'
check "camp: two withdrawals, not yet flagged" js 'not [w for w in d if w["login"]=="camp"]'
expect 0 "a seventh tension" tension add --as camp --kind project --title "Move"
expect 0 "round" proposal add 7 --as camp --text "Move out." --closes 2026-12-30
M=$(cat "$OUT")
expect 0 "camp withdraws a third time" position "$M" withdraw --as camp
expect 0 "zinc approves" position "$M" approve --as zinc
export CERCLE_NOW=$(day "2026-12-31 10:00")
expect 0 "close" proposal close "$M" --as facil
expect 0 "watch list" watch list --json
check "camp flagged after three withdrawals" js '[w["withdrawals"] for w in d if w["login"]=="camp"]==[3]'
refused "a member may not record a concertation" "$M" watch clear camp --note "x" --as urban
expect 0 "a sage records the concertation" watch clear camp --note "Met the sages." --as sage
expect 0 "the facilitator records one" watch clear irts --note "Met." --as facil
refused "camp is no longer flagged" "$M" watch clear camp --note "again" --as sage
expect 0 "watch list" watch list --json
check "cleared" js 'not [w for w in d if w["login"] in ("camp","irts")]'

# ---- a database an older cercle wrote (one record per member, updated
# in place) opens; its closed rounds keep the figures they closed with ----
OLD="$TEST_TMP/old"
mkdir -p "$OLD"
gzip -dc "$(dirname "$0")/data/store-v1/data.mdb.gz" >"$OLD/data.mdb"
export CERCLE_NOW=$(day "2026-11-24 10:00")
o() { "$CERCLE_BIN" --db "$OLD" "$@" >"$OUT" 2>"$ERR"; RC=$?; }
o proposal show 1 --json
check "old: a round closed by the older cercle shows its tally" js 'd["frozen"] is False and d["tally"]=={"approve":3,"alert":1,"withdraw":1,"block":1,"blocks_to_reject":2} and d["history"]==[] and len(d["positions"])==6'
o member disable sophie
o proposal show 1 --json
check "old: disabling a member later changes none of it" js 'd["tally"]["block"]==1 and all(x["counted"] for x in d["positions"])'
o position 4 block --reason "Pas sans relecture." --as lea
check "old: a change on the open round is recorded" [ "$RC" -eq 0 ]
o proposal show 4 --json
check "old: the older record stays, superseded" js '[(x["member"],x["position"],x["reason"]) for x in d["history"]]==[("lea","alert","Citer les chiffres de l\x27étude locale.")] and [x["position"] for x in d["positions"] if x["member"]=="lea"]==["block"]'
done_testing
