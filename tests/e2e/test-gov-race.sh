# End-to-end: members take positions from separate processes while the
# facilitator closes the round. Every position is either counted or its
# process was refused with "round closed" (exit 2); none is lost or half
# applied, and the database stays sound.
. "$(dirname "$0")/lib.sh"
c init
c member add facil --name F --role facilitator
N=24
i=1
while [ $i -le $N ]; do
	c member add "m$i" --name "Member $i" --role member
	i=$((i + 1))
done
c meeting open --as facil
logins=$(i=1; while [ $i -le $N ]; do printf 'm%d ' $i; i=$((i + 1)); done)
# shellcheck disable=SC2086
expect 0 "all $N present" meeting present $logins --as facil
c meeting review --as facil

for round in 1 2 3; do
	# Different mixes, so the rounds end differently.
	case $round in
	1) kinds="approve alert withdraw block" ;;
	2) kinds="approve alert withdraw approve" ;;
	3) kinds="withdraw withdraw withdraw withdraw" ;;
	esac
	c tension add --as m1 --kind project --title "Race $round"
	T=$(cat "$OUT")
	c meeting next "$T" --as facil
	c proposal add "$T" --as m1 --text "Round $round"
	P=$(cat "$OUT")
	# One position before the race; in round 3 it is a withdrawal too,
	# so that round ends with no decision.
	if [ $round -eq 3 ]; then
		c position "$P" withdraw --as m1
	else
		c position "$P" approve --as m1
	fi
	d="$TEST_TMP/r$round"
	mkdir -p "$d"
	i=2
	while [ $i -le $N ]; do
		k=$(echo $kinds | cut -d' ' -f$(( (i + round) % 4 + 1 )))
		(
			"$CERCLE_BIN" --db "$DB" position "$P" "$k" \
			    --reason "why $i" --as "m$i" >"$d/m$i.out" \
			    2>"$d/m$i.err"
			echo $? >"$d/m$i.rc"
		) &
		if [ $i -eq $((N / 2)) ]; then
			(
				"$CERCLE_BIN" --db "$DB" proposal close "$P" \
				    --as facil >"$d/close.out" 2>"$d/close.err"
				echo $? >"$d/close.rc"
			) &
		fi
		i=$((i + 1))
	done
	wait
	check "round $round: the close succeeded" [ "$(cat "$d/close.rc")" = 0 ]
	c proposal show "$P" --json
	cp "$OUT" "$d/show.json"
	check "round $round: every position counted or refused as round closed" \
	    /usr/bin/python3 - "$d" "$N" <<'PY'
import json, os, sys
d, n = sys.argv[1], int(sys.argv[2])
show = json.load(open(os.path.join(d, "show.json")))
pos = {p["member"]: p for p in show["positions"]}
counted = refused = 0
for i in range(2, n + 1):
    rc = open(os.path.join(d, "m%d.rc" % i)).read().strip()
    err = open(os.path.join(d, "m%d.err" % i)).read()
    m = "m%d" % i
    if rc == "0":
        assert m in pos, "%s succeeded but is not recorded" % m
        assert pos[m]["counted"] and pos[m]["reason"] == "why %d" % i, pos[m]
        counted += 1
    else:
        assert rc == "2", "%s exited %s: %s" % (m, rc, err)
        assert "round closed" in err and err.count("\n") == 1, err
        assert m not in pos, "%s refused but recorded" % m
        refused += 1
assert "m1" in pos
t = show["tally"]
assert t["approve"] + t["alert"] + t["withdraw"] + t["block"] == counted + 1
# The outcome is the rule applied to what was recorded.
blocks = t["block"]
want = "rejected" if blocks >= 2 else ("retained" if t["approve"] + t["alert"] else "no-decision")
last = open(os.path.join(d, "close.out")).read().strip().split("\n")[-1]
assert last == want and show["outcome"] == want, (last, want, t)
print("# counted %d, refused %d, outcome %s" % (counted, refused, last))
PY
	# A rejected round waits for adjourn or escalate: escalate it so
	# the next tension can be taken up.
	if [ "$(tail -n 1 "$d/close.out")" = rejected ]; then
		c proposal escalate "$P" --as facil
	fi
done
expect 0 "verify is sound after the races" verify
done_testing
