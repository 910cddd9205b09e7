# End-to-end: a kill storm on the foundation. 16 worker loops add members
# concurrently while 100 random kill -9 hit their cercle processes
# mid-operation. Afterwards every acknowledged member is present, nothing
# is duplicated, cercle verify passes, the reader slots of the killed
# processes are reclaimed, and the database keeps accepting writes.
# With group commit (the default) the members are added several to a
# transaction by whichever worker holds the lock, so the kills also hit
# leaders in the middle of others' requests and writers waiting on a
# leader: still nothing acknowledged is lost and nothing is doubled.
. "$(dirname "$0")/lib.sh"

WORKERS=16
KILLS=100
c init
txnid() { mdb_stat -e "$DB" | sed -n 's/.*Last transaction ID: //p'; }
txn0=$(txnid)
stop="$TEST_TMP/stop"

worker() { # k: add members wK-1, wK-2, ... until told to stop
	k=$1
	i=0
	while [ ! -e "$stop" ] && [ $i -lt 2000 ]; do
		i=$((i + 1))
		if "$CERCLE_BIN" --db "$DB" member add "w$k-$i" --role member \
		    --name "Travailleur $k numéro $i" >/dev/null 2>&1; then
			echo "w$k-$i" >>"$TEST_TMP/ack.$k"
		fi
	done
}

pids=""
for k in $(seq 1 $WORKERS); do
	worker "$k" &
	pids="$pids $!"
done

# Kill -9 the running cercle of a random worker, 100 times.
kills=0
tries=0
while [ $kills -lt $KILLS ] && [ $tries -lt 20000 ]; do
	tries=$((tries + 1))
	set -- $pids
	n=$(( $(od -An -N2 -tu2 /dev/urandom) % WORKERS + 1 ))
	eval "w=\${$n}"
	victim=$(ps -o pid= --ppid "$w" 2>/dev/null | head -1)
	[ -n "$victim" ] || continue
	kill -9 "$victim" 2>/dev/null && kills=$((kills + 1))
	sleep 0.0$(( $(od -An -N1 -tu1 /dev/urandom) % 3 ))
done
touch "$stop"
wait
check "the storm delivered $KILLS kills (after $tries tries)" \
    [ "$kills" -eq "$KILLS" ]

cat "$TEST_TMP"/ack.* 2>/dev/null | sort >"$TEST_TMP/acked"
acked=$(wc -l <"$TEST_TMP/acked")
c member list --json
tr ',' '\n' <"$OUT" | sed -n 's/.*"login":"\(w[^"]*\)".*/\1/p' | sort \
    >"$TEST_TMP/present"
present=$(wc -l <"$TEST_TMP/present")
check "writes were acknowledged during the storm ($acked)" \
    [ "$acked" -ge 100 ]
check "every acknowledged member is present" \
    sh -c "[ -z \"\$(comm -23 '$TEST_TMP/acked' '$TEST_TMP/present')\" ]"
check "no member twice" \
    sh -c "[ -z \"\$(uniq -d '$TEST_TMP/present')\" ]"
check "at most $KILLS unacknowledged writes committed ($((present - acked)))" \
    [ $((present - acked)) -le "$KILLS" ] && [ "$present" -ge "$acked" ]
commits=$(($(txnid) - txn0))
check "the members were batched ($present in $commits transactions)" \
    [ "$commits" -lt "$present" ]
expect 0 "cercle verify passes after the storm" verify --quiet
mdb_stat -r "$DB" >"$TEST_TMP/readers" 2>&1
check "no reader slot is left by the killed processes" \
    grep -q "no active readers" "$TEST_TMP/readers"
expect 0 "the database keeps accepting writes" member add after \
    --name "Après la tempête" --role member
expect 0 "and still verifies" verify --quiet
done_testing
