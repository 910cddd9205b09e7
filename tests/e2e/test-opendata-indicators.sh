# test-opendata-indicators: `cercle indicators` on the demo hub: needs and
# supports by territory x category for a round or all agree with `need
# list` and the needs' own supports; the change from the previous round;
# the needs seen in most territories; JSON, CSV and text; bad input.
. "$(dirname "$0")/lib.sh"
export CERCLE_NOW=1796630400	# 2026-12-07: the demo's rounds end at 2026-B6
expect 0 "a demo hub" demo

expect 0 "indicators for a round, JSON" indicators --round 2026-B5 --json
cp "$OUT" "$TEST_TMP/b5.json"
expect 0 "indicators for every round, JSON" indicators --json
cp "$OUT" "$TEST_TMP/all.json"
c export --format json --what needs
cp "$OUT" "$TEST_TMP/needs.json"

# Every cell against the needs themselves, and against need list.
/usr/bin/python3 - "$TEST_TMP" "$CERCLE_BIN" "$DB" >"$TEST_TMP/py" <<'PY'
import json, subprocess, sys
d, cercle, db = sys.argv[1:]
needs = json.load(open(d + "/needs.json"))
n = 0
def ok(c, msg):
    global n
    n += 1
    print("%d %s" % (1 if c else 0, msg))
for scope, f in (("2026-B5", "b5"), (None, "all")):
    v = json.load(open(d + "/" + f + ".json"))
    want = {}
    for x in needs:
        if scope and x["round"] != scope:
            continue
        k = (x["territory"], x["category"])
        w = want.setdefault(k, [0, 0])
        w[0] += 1
        w[1] += x["supports"]
    got = {(c["territory"], c["category"]): [c["needs"], c["supports"]]
           for c in v["cells"] if c["needs"]}
    ok(got == want, "%s: every cell is the needs' own count and supports" % f)
    ok(v["needs"] == sum(w[0] for w in want.values()) and v["needs"] > 0,
       "%s: the total (%d)" % (f, v["needs"]))
    # need list agrees, cell by cell (three cells, the largest).
    for (t, c), w in sorted(want.items(), key=lambda i: -i[1][0])[:3]:
        args = [cercle, "--db", db, "need", "list", "--territory", t,
                "--limit", "100000", "--json"]
        if c:
            args += ["--category", c]
        if scope:
            args += ["--round", scope]
        out = json.loads(subprocess.run(args, capture_output=True).stdout)
        got_n = len([x for x in out["needs"] if c or x["category"] is None])
        ok(got_n == w[0], "%s: need list %s / %s: %d" % (f, t, c, got_n))
    top = v["top"]
    ok(len(top) == 10 and all(top[i]["territories"] >= top[i + 1]["territories"]
       for i in range(9)), "%s: top 10 by territories reached" % f)
    best = max(len(x["territories"]) for x in needs
               if not scope or x["round"] == scope)
    ok(top[0]["territories"] == best, "%s: the first reached %d" % (f, best))
b5 = json.load(open(d + "/b5.json"))
ok(b5["previous"] == "2026-B4", "the previous round of 2026-B5 is 2026-B4")
b4 = len([x for x in needs if x["round"] == "2026-B4"])
ok(b5["prev_needs"] == b4 and b4 > 0, "its needs (%d)" % b4)
PY
check "the cell checks ran" [ "$(wc -l <"$TEST_TMP/py")" -ge 16 ]
while read -r good msg; do
	check "$msg" [ "$good" = 1 ]
done <"$TEST_TMP/py"

expect 0 "indicators as CSV" indicators --round 2026-B5 --csv
check "a header" [ "$(head -1 "$OUT" | tr -d '\r')" = \
    "round,territory,category,needs,supports,prev_needs,prev_supports" ]
expect 0 "indicators as text" indicators --round 2026-B1
check "names the previous round across the year" out_has "previous: 2025-B6"
check "a change column" out_has "change"
check "the top needs" out_has "Needs seen in most territories:"
check "fits 80 columns" [ "$(awk '{ print length }' "$OUT" | sort -n | tail -1)" -le 80 ]
LC_MESSAGES=fr_FR.UTF-8 c indicators
check "in French by default" out_has "Besoins vus dans le plus de territoires"
expect 1 "a bad round is a usage error" indicators --round 2026-B7
check "one line" err_one_line
expect 0 "a round with no need" indicators --round 2019-B1 --json
check "has no cell" out_has '"cells":[]'
done_testing
