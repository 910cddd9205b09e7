# test-opendata-ledger: `cercle ledger` on the demo hub: per member, the
# needs reported, supports given, positions taken and actions done match
# the records as the exports show them, and the periods cut them; counts
# only (no reason, no position kind); JSON, CSV, text; bad dates.
. "$(dirname "$0")/lib.sh"
export CERCLE_NOW=1796630400	# 2026-12-07
expect 0 "a demo hub" demo
expect 0 "the ledger as JSON" ledger --json
cp "$OUT" "$TEST_TMP/ledger.json"
c export --format json --what needs --personal
cp "$OUT" "$TEST_TMP/needs.json"
c export --format json --what positions
cp "$OUT" "$TEST_TMP/positions.json"
c export --format json --what actions
cp "$OUT" "$TEST_TMP/actions.json"
expect 0 "the ledger of 2026 from 2026-06-01" ledger --from 2026-06-01 --to 2026-12-31 --json
cp "$OUT" "$TEST_TMP/ledger-h2.json"

/usr/bin/python3 - "$TEST_TMP" >"$TEST_TMP/py" <<'PY'
import json, sys
from collections import Counter
d = sys.argv[1]
L = {r["login"]: r for r in json.load(open(d + "/ledger.json"))}
H = {r["login"]: r for r in json.load(open(d + "/ledger-h2.json"))}
needs = json.load(open(d + "/needs.json"))
pos = json.load(open(d + "/positions.json"))
acts = json.load(open(d + "/actions.json"))
def say(c, m): print("%d %s" % (1 if c else 0, m))
rep = Counter(n["reporter"] for n in needs)
say(all(L[k]["needs"] == rep.get(k, 0) for k in L) and sum(rep.values()) == 320,
    "needs reported, member by member (320)")
sup = Counter(s["login"] for n in needs for s in n["supporters"])
say(all(L[k]["supports"] == sup.get(k, 0) for k in L) and sum(sup.values()) > 0,
    "supports given, member by member (%d)" % sum(sup.values()))
pc = Counter(p["member"] for p in pos)
say(all(L[k]["positions"] == pc.get(k, 0) for k in L) and sum(pc.values()) > 0,
    "positions taken, member by member (%d)" % sum(pc.values()))
ad = Counter(a["owner"] for a in acts if a["status"] == "done")
say(all(L[k]["actions_done"] == ad.get(k, 0) for k in L),
    "actions done, member by member (%d)" % sum(ad.values()))
h2 = Counter(n["reporter"] for n in needs if "2026-06-01" <= n["created"][:10] <= "2026-12-31")
say(all(H[k]["needs"] == h2.get(k, 0) for k in H) and 0 < sum(h2.values()) < 320,
    "a period counts the needs reported in it (%d)" % sum(h2.values()))
say(sum(r["meetings_room"] + r["meetings_remote"] for r in L.values()) > 0,
    "meetings attended, in the room or remote")
say(sum(r["proposals"] for r in L.values()) > 0, "proposals carried")
keys = set().union(*(r.keys() for r in L.values()))
say(keys == {"login", "needs", "supports", "meetings_room", "meetings_remote",
             "positions", "proposals", "workstreams", "actions_done"},
    "counts only: no reason, no position kind")
PY
check "the ledger checks ran" [ "$(wc -l <"$TEST_TMP/py")" -eq 8 ]
while read -r good msg; do
	check "$msg" [ "$good" = 1 ]
done <"$TEST_TMP/py"

expect 0 "the ledger as CSV" ledger --csv
check "its header" [ "$(head -1 "$OUT" | tr -d '\r')" = \
    "login,needs,supports,meetings_room,meetings_remote,positions,proposals,workstreams,actions_done" ]
expect 0 "a period with nothing in it" ledger --from 2030-01-01 --json
check "counts zero" sh -c "! grep -q '\"needs\":[1-9]' '$OUT'"
expect 0 "as text" ledger
check "fits 80 columns" [ "$(awk '{ print length }' "$OUT" | sort -n | tail -1)" -le 80 ]
expect 1 "a bad date is a usage error" ledger --from 2026-13-45
check "one line" err_one_line
expect 1 "--to before --from" ledger --from 2026-06-01 --to 2026-01-01
done_testing
