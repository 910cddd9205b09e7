# End-to-end: group commit (issue 14). Many writer processes at once:
# their operations are committed several to a transaction (fewer LMDB
# transactions than operations), every acknowledged one is there exactly
# once, refusals still reach their writer, the journal verifies; with
# CERCLE_GROUP_COMMIT=0 each commits alone. Then a leader killed just
# before and just after its commit (the test-only CERCLE_TEST_GC_DIE,
# with CERCLE_TEST_GC_HOLD lining writers up behind it): the writers it
# took end with the right result, none lost, none twice.
. "$(dirname "$0")/lib.sh"

c init
"$CERCLE_BIN" --db "$DB" member add rep --name Rep --role member >/dev/null
for k in $(seq 1 8); do
	"$CERCLE_BIN" --db "$DB" member add "s$k" --name "Soutien $k" \
	    --role member >/dev/null
done

txnid() { mdb_stat -e "$DB" | sed -n 's/.*Last transaction ID: //p'; }

# ---- many writers ----
WRITERS=24
EACH=12
writer() { # k: EACH needs, and a member; supports of need 1 by sK
	k=$1
	for i in $(seq 1 $EACH); do
		"$CERCLE_BIN" --db "$DB" need add --as rep --title "G $k-$i" \
		    --territory Alpes >>"$TEST_TMP/id.$k" 2>>"$TEST_TMP/err.$k" ||
		    echo "need G $k-$i: exit $?" >>"$TEST_TMP/fail"
	done
	"$CERCLE_BIN" --db "$DB" member add "m$k" --name "M $k" \
	    --role member >/dev/null 2>>"$TEST_TMP/err.$k" ||
	    echo "member m$k: exit $?" >>"$TEST_TMP/fail"
}
"$CERCLE_BIN" --db "$DB" need add --as rep --title "Premier" \
    --territory Alpes >/dev/null
before=$(txnid)
pids=""
for k in $(seq 1 $WRITERS); do
	writer "$k" &
	pids="$pids $!"
done
# Supports race the writers (a second support by the same member is
# refused: exactly one each).
for k in $(seq 1 8); do
	for r in 1 2; do
		"$CERCLE_BIN" --db "$DB" need support 1 --as "s$k" \
		    --territory Azur >/dev/null 2>>"$TEST_TMP/sup.$k" &
	done
done
wait
after=$(txnid)
ops=$((WRITERS * EACH + WRITERS + 16))
check "no acknowledged write failed" [ ! -s "$TEST_TMP/fail" ]
cat "$TEST_TMP"/id.* | sort -n >"$TEST_TMP/acked"
check "every need was acknowledged with an id ($(wc -l <"$TEST_TMP/acked"))" \
    [ "$(wc -l <"$TEST_TMP/acked")" -eq $((WRITERS * EACH)) ]
check "no id was given twice" \
    sh -c "[ -z \"\$(uniq -d '$TEST_TMP/acked')\" ]"
c need list --json --limit 10000
for k in $(seq 1 $WRITERS); do
	for i in $(seq 1 $EACH); do
		echo "G $k-$i"
	done
done | sort >"$TEST_TMP/want"
tr '{' '\n' <"$OUT" | sed -n 's/.*"title":"\(G [^"]*\)".*/\1/p' | sort \
    >"$TEST_TMP/titles"
check "every need is there exactly once" cmp -s "$TEST_TMP/want" \
    "$TEST_TMP/titles"
tr '{' '\n' <"$OUT" | sed -n 's/^"id":\([0-9]*\),"title":"G .*/\1/p' |
    sort -n >"$TEST_TMP/listed"
check "under the ids its writer was given" cmp -s "$TEST_TMP/acked" \
    "$TEST_TMP/listed"
c member list --json
members=$(tr ',' '\n' <"$OUT" | grep -c '"login":"m[0-9]*"')
check "every member added is there once ($members)" [ "$members" -eq $WRITERS ]
c need show 1 --json
check "need 1 has one support from each of the 8 members" \
    out_has '"supports":8'
refused=$(cat "$TEST_TMP"/sup.* | grep -c "already")
check "and the 8 second supports were refused, in words ($refused)" \
    [ "$refused" -eq 8 ]
commits=$((after - before))
check "the operations were batched: $ops in $commits transactions" \
    [ "$commits" -lt $((ops * 3 / 4)) ]
expect 0 "cercle verify passes" verify --quiet

# ---- refused inside a batch ----
# A leader holds the lock 1.5 s; writers queued behind it: one refused
# (an unknown territory) gets exit 2 and the message; one fine is done.
CERCLE_TEST_GC_HOLD=1500 "$CERCLE_BIN" --db "$DB" need add --as rep \
    --title "Tenant" --territory Alpes >/dev/null &
lead=$!
sleep 0.3
"$CERCLE_BIN" --db "$DB" need add --as rep --title "Ailleurs" \
    --territory Atlantide >"$TEST_TMP/r.out" 2>"$TEST_TMP/r.err"
rrc=$?
wait $lead
check "a refusal queued behind a leader exits 2 ($rrc)" [ "$rrc" -eq 2 ]
check "with its one-line message" grep -q "unknown territory 'Atlantide'" \
    "$TEST_TMP/r.err"

# ---- tensions in a batch ----
# Behind a leader holding the lock, eight tensions by eight members:
# each gets its own number and its own place on the agenda.
before=$(txnid)
CERCLE_TEST_GC_HOLD=1000 "$CERCLE_BIN" --db "$DB" tension add --as rep \
    --kind project --title "T tenant" >"$TEST_TMP/t.0" 2>&1 &
tpids="$!"
sleep 0.3
for k in $(seq 1 8); do
	"$CERCLE_BIN" --db "$DB" tension add --as "s$k" --kind project \
	    --title "T $k" >"$TEST_TMP/t.$k" 2>&1 &
	tpids="$tpids $!"
done
trc=0
for p in $tpids; do
	wait "$p" || trc=1
done
check "nine tensions acknowledged" [ "$trc" -eq 0 ]
check "in fewer transactions ($(($(txnid) - before)))" \
    [ $(($(txnid) - before)) -lt 9 ]
c agenda --json
bad=0
for k in 0 $(seq 1 8); do
	id=$(cat "$TEST_TMP/t.$k")
	[ "$(tr '{' '\n' <"$OUT" | grep -c "^\"id\":$id,")" -eq 1 ] ||
	    { bad=1; echo "# tension $k: id '$id'"; }
done
ids=$(cat "$TEST_TMP"/t.[0-9] | sort -u | wc -l)
places=$(tr '{' '\n' <"$OUT" | sed -n 's/^"id":[0-9]*,"place":\([0-9]*\),.*/\1/p' |
    sort -u | wc -l)
check "each on the agenda once, nine numbers, nine places ($ids, $places)" \
    sh -c "[ $bad -eq 0 ] && [ $ids -eq 9 ] && [ $places -eq 9 ]"

# ---- the switch ----
before=$(txnid)
for k in 1 2 3 4; do
	(for i in 1 2 3 4 5; do
		CERCLE_GROUP_COMMIT=0 "$CERCLE_BIN" --db "$DB" need add \
		    --as rep --title "Seul $k-$i" --territory Alpes >/dev/null
	done) &
done
wait
after=$(txnid)
check "CERCLE_GROUP_COMMIT=0: one transaction per operation ($((after - before)))" \
    [ $((after - before)) -eq 20 ]

# ---- a full map in the middle of a batch ----
# A map of 32 KB: batches fill it again and again; each time the whole
# transaction is undone, the map grown and the batch redone.
DB2="$TEST_TMP/db2"
export CERCLE_MAP_SIZE=32768
"$CERCLE_BIN" --db "$DB2" init >/dev/null 2>&1
"$CERCLE_BIN" --db "$DB2" member add rep --name Rep --role member >/dev/null
m0=$(mdb_stat -e "$DB2" | sed -n 's/.*Map size: //p')
for k in $(seq 1 12); do
	(for i in $(seq 1 20); do
		"$CERCLE_BIN" --db "$DB2" need add --as rep --title "P $k-$i" \
		    --territory Alpes --description "$(printf '%03000d' 0)" \
		    >>"$TEST_TMP/p.$k" 2>>"$TEST_TMP/perr" ||
		    echo "P $k-$i" >>"$TEST_TMP/pfail"
	done) &
done
wait
unset CERCLE_MAP_SIZE
m1=$(mdb_stat -e "$DB2" | sed -n 's/.*Map size: //p')
check "the map grew under the batches ($m0 -> $m1)" [ "$m1" -gt "$m0" ]
check "no write failed while it grew" [ ! -s "$TEST_TMP/pfail" ]
"$CERCLE_BIN" --db "$DB2" need list --json --limit 1000 | tr '{' '\n' |
    sed -n 's/^"id":\([0-9]*\),"title":"P .*/\1/p' | sort -n \
    >"$TEST_TMP/plisted"
cat "$TEST_TMP"/p.[0-9]* | sort -n >"$TEST_TMP/packed"
check "each of the 240 needs is there once, under its id ($(wc -l <"$TEST_TMP/plisted"))" \
    cmp -s "$TEST_TMP/packed" "$TEST_TMP/plisted"
check "and 240 were acknowledged" [ "$(wc -l <"$TEST_TMP/packed")" -eq 240 ]
"$CERCLE_BIN" --db "$DB2" verify --quiet >/dev/null 2>&1
check "that database verifies" [ $? -eq 0 ]

# ---- a leader that dies ----
# count TITLE: how many needs have that title.
count() {
	"$CERCLE_BIN" --db "$DB" need list --json --limit 10000 | tr '{' '\n' |
	    grep -c "\"title\":\"$1\""
}
for when in before-commit after-commit; do
	CERCLE_TEST_GC_DIE=$when CERCLE_TEST_GC_HOLD=1500 "$CERCLE_BIN" \
	    --db "$DB" need add --as rep --title "Chef $when" \
	    --territory Alpes >/dev/null 2>&1 &
	lead=$!
	sleep 0.3
	fpids=""
	for k in $(seq 1 8); do
		"$CERCLE_BIN" --db "$DB" need add --as rep \
		    --title "Suit $when $k" --territory Alpes \
		    >"$TEST_TMP/f.$when.$k" 2>&1 &
		fpids="$fpids $!"
	done
	wait $lead
	lrc=$?
	frc=0
	for p in $fpids; do
		wait "$p" || frc=1
	done
	check "$when: the leader took writers' requests and died ($lrc)" \
	    [ "$lrc" -eq 3 ]
	check "$when: every writer behind it was acknowledged" [ "$frc" -eq 0 ]
	bad=0
	for k in $(seq 1 8); do
		n=$(count "Suit $when $k")
		[ "$n" -eq 1 ] || { bad=1; echo "# Suit $when $k: $n"; }
		id=$(cat "$TEST_TMP/f.$when.$k")
		c need show "$id" --json
		out_has "\"title\":\"Suit $when $k\"" ||
		    { bad=1; echo "# Suit $when $k: id '$id' is not it"; }
	done
	check "$when: each is there once, under the id it was given" \
	    [ "$bad" -eq 0 ]
	if [ "$when" = before-commit ]; then
		want=0
	else
		want=1
	fi
	check "$when: the leader's own need is there $want time(s)" \
	    [ "$(count "Chef $when")" -eq $want ]
	expect 0 "$when: cercle verify passes" verify --quiet
done
expect 0 "the database keeps taking writes" need add --as rep \
    --title "Après" --territory Alpes
done_testing
