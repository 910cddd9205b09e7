# End-to-end: a kill storm on needs and positions (issue 6). 16 members
# loop at once, each adding needs and changing their position on one
# electronic proposal, while 100 random kill -9 hit their cercle
# processes mid-operation. Afterwards every acknowledged need is present
# (once), each member's stored position is the last acknowledged one or
# one whose process was killed after it, the tally matches the positions,
# cercle verify passes, the killed processes' reader slots are reclaimed
# and the database keeps accepting writes; the writes were batched
# (group commit). Stops by itself: each worker makes at most 400
# attempts and the killer at most 20000 tries.
. "$(dirname "$0")/lib.sh"

WORKERS=16
KILLS=100
c init
for k in $(seq 1 $WORKERS); do
	"$CERCLE_BIN" --db "$DB" member add "m$k" --name "Membre $k" \
	    --role member --territory Alpes >/dev/null
done
c tension add --as m1 --kind project --title "La tempête"
T=$(cat "$OUT")
expect 0 "an electronic proposal open for a year" proposal add "$T" \
    --as m1 --text "Tenir bon." --closes "$(date -u -d '+1 year' +%Y-%m-%d)"
P=$(cat "$OUT")
stop="$TEST_TMP/stop"
txnid() { mdb_stat -e "$DB" | sed -n 's/.*Last transaction ID: //p'; }
txn0=$(txnid)

# Worker k, as member mk: odd attempts add a need titled "nK-I", even
# attempts set the position (alert or block) with reason "pK-I". Every
# attempt is logged with its exit status: 0 acknowledged, 137 killed.
worker() {
	k=$1
	i=0
	while [ ! -e "$stop" ] && [ $i -lt 400 ]; do
		i=$((i + 1))
		if [ $((i % 2)) -eq 1 ]; then
			"$CERCLE_BIN" --db "$DB" need add --as "m$k" \
			    --title "n$k-$i" --territory Alpes \
			    >"$TEST_TMP/o.$k" 2>>"$TEST_TMP/err.$k"
			rc=$?
			# read, not $(cat): the killer must find only cercle
			# among the worker's children.
			id=
			read -r id <"$TEST_TMP/o.$k"
			echo "need n$k-$i $rc $id" >>"$TEST_TMP/log.$k"
		else
			kind=alert
			[ $((i % 4)) -eq 0 ] && kind=block
			"$CERCLE_BIN" --db "$DB" position "$P" $kind \
			    --reason "p$k-$i" --as "m$k" >/dev/null \
			    2>>"$TEST_TMP/err.$k"
			echo "pos $i $? $kind" >>"$TEST_TMP/log.$k"
		fi
	done
}

pids=""
for k in $(seq 1 $WORKERS); do
	worker "$k" &
	pids="$pids $!"
done

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
cat "$TEST_TMP"/log.* >"$TEST_TMP/all"
check "some attempts were killed ($(grep -c ' 137' "$TEST_TMP/all"))" \
    grep -q ' 137' "$TEST_TMP/all"
check "no attempt failed other than by the kill" \
    sh -c "! awk '\$3 != 0 && \$3 != 137' '$TEST_TMP/all' | grep -q ."
# Say which, and what cercle said, when one did.
awk '$3 != 0 && $3 != 137 { print "# odd exit: " $0 }' "$TEST_TMP/all" | head -5
cat "$TEST_TMP"/err.* 2>/dev/null | sort | uniq -c | sed 's/^/# stderr: /' | head -10

# Needs: every acknowledged one is there, with the id it printed, once.
awk '$1 == "need" && $3 == 0 { print $4 " " $2 }' "$TEST_TMP/all" | sort \
    >"$TEST_TMP/need-acked"
c need list --json
check "need list --json is one JSON document" \
    /usr/bin/python3 -m json.tool "$OUT" /dev/null
/usr/bin/python3 -c '
import json, sys
for n in json.load(open(sys.argv[1]))["needs"]:
    print(n["id"], n["title"])' "$OUT" | sort >"$TEST_TMP/need-present"
check "needs were acknowledged during the storm ($(wc -l <"$TEST_TMP/need-acked"))" \
    [ "$(wc -l <"$TEST_TMP/need-acked")" -ge 100 ]
check "every acknowledged need is present under the id it was given" \
    sh -c "[ -z \"\$(comm -23 '$TEST_TMP/need-acked' '$TEST_TMP/need-present')\" ]"
check "no need twice" sh -c "[ -z \"\$(cut -d' ' -f2 '$TEST_TMP/need-present' | sort | uniq -d)\" ]"
check "every need present was attempted" sh -c "[ -z \"\$(cut -d' ' -f2 \
    '$TEST_TMP/need-present' | sort | comm -23 - \
    \"\$(awk '\$1 == \"need\" { print \$2 }' '$TEST_TMP/all' | sort \
    >'$TEST_TMP/need-tried'; echo '$TEST_TMP/need-tried')\")\" ]"

# Positions: member k's stored reason "pK-I" is the last acknowledged
# attempt, or a later attempt whose process was killed.
c proposal show "$P" --json
cp "$OUT" "$TEST_TMP/prop.json"
check "proposal show --json is one JSON document" \
    /usr/bin/python3 -m json.tool "$OUT" /dev/null
check "each member's position is the last acknowledged or a killed later one" \
    /usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
pos = {p["member"]: p for p in d["positions"]}
blocks = alerts = 0
for k in range(1, int(sys.argv[3]) + 1):
    tries = []
    for line in open("%s/log.%d" % (sys.argv[2], k)):
        f = line.split()
        if f[0] == "pos":
            tries.append((int(f[1]), int(f[2]), f[3]))
    acked = [i for i, rc, _ in tries if rc == 0]
    p = pos.get("m%d" % k)
    if p is None:
        assert not acked, ("m%d lost its position" % k, acked[-1])
        continue
    i = int(p["reason"].split("-")[1])
    assert p["reason"] == "p%d-%d" % (k, i), p
    kind = dict((j, kd) for j, _, kd in tries)[i]
    assert p["position"] == kind, (p, kind)
    if acked:
        assert i >= acked[-1], ("m%d: stored %d before acked %d" % (k, i, acked[-1]))
    if not acked or i > acked[-1]:
        assert dict((j, rc) for j, rc, _ in tries)[i] == 137, (k, i)
    blocks += kind == "block"
    alerts += kind == "alert"
assert d["tally"]["block"] == blocks and d["tally"]["alert"] == alerts, (d["tally"], blocks, alerts)
assert sum(d["tally"][x] for x in ("approve", "alert", "withdraw", "block")) == len(pos), d["tally"]
' "$TEST_TMP/prop.json" "$TEST_TMP" "$WORKERS"

# Group commit (the default): needs and positions of several members go
# into one transaction, so the kills also hit leaders and their queues.
acks=$(awk '$3 == 0' "$TEST_TMP/all" | wc -l)
check "the operations were batched ($acks acknowledged in $(($(txnid) - txn0)) transactions)" \
    [ $(($(txnid) - txn0)) -lt "$acks" ]
expect 0 "cercle verify passes after the storm" verify --quiet
mdb_stat -r "$DB" >"$TEST_TMP/readers" 2>&1
check "no reader slot is left by the killed processes" \
    grep -q "no active readers" "$TEST_TMP/readers"
expect 0 "the database keeps accepting needs" need add --as m1 \
    --title "Après la tempête" --territory Azur
expect 0 "and positions" position "$P" approve --as m2
expect 0 "and still verifies" verify --quiet
done_testing
