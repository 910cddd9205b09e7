# End-to-end: `cercle demo` builds a believable, deterministic hub.
. "$(dirname "$0")/lib.sh"
export CERCLE_NOW=1795000000
expect 0 "demo builds" demo
expect 2 "demo again is refused" demo
check "saying a hub exists" err_has "already holds a hub"
expect 0 "verify the demo" verify
expect 0 "members" export --format json --what members
/usr/bin/python3 - "$OUT" <<'PY' && ok "the six organisations, facilitator, admin, 4 correspondents, 2 sages, an observer" || not_ok "demo members"
import json, sys
m = json.load(open(sys.argv[1]))
orgs = {x["organisation"] for x in m if "member" in x["roles"]}
assert orgs == {"Urban Prod", "IRTS PACA et Corse", "Zinc", "ADRETS", "Arsenic PACA", "The Camp"}, orgs
role = lambda r: [x for x in m if r in x["roles"]]
assert len(role("facilitator")) >= 1 and len(role("admin")) >= 1
assert {x["territory"] for x in role("correspondent")} == {"Aix-Marseille", "Alpes", "Avignon", "Azur"}
assert len(role("sage")) == 2 and len(role("observer")) == 1
assert all(x["name"] and " " in x["name"] for x in m)
PY
expect 0 "needs" export --format json --what needs
cp "$OUT" "$TEST_TMP/a.json"
/usr/bin/python3 - "$OUT" <<'PY' && ok "a few hundred varied needs" || not_ok "demo needs"
import json, sys
d = json.load(open(sys.argv[1]))
assert 200 <= len(d) <= 600, len(d)
st = {n["status"] for n in d}
assert {"reported", "qualified", "prioritised", "in-switch", "addressed", "merged", "archived"} <= st, st
assert len({n["category"] for n in d}) >= 10
assert len({n["public"] for n in d}) >= 5
assert len({n["source"] for n in d}) >= 5
assert len({n["territory"] for n in d}) == 4
assert len({n["round"] for n in d}) >= 6
assert len({n["title"] for n in d}) >= 0.9 * len(d)
assert len({n["description"] for n in d}) >= 0.5 * len(d)
assert sum(1 for n in d if len(n["territories"]) >= 3) >= 10
assert sum(1 for n in d if n["practices"]) >= 5
m = [n for n in d if n["status"] == "merged"]
assert len(m) >= 2 and all(n["merged_into"] for n in m)
PY
expect 0 "the closed round" round show 1 --json
cp "$OUT" "$TEST_TMP/r1.json"
expect 0 "its theme" theme show 1 --json
cp "$OUT" "$TEST_TMP/t1.json"
expect 0 "the open round" round show 2 --json
cp "$OUT" "$TEST_TMP/r2.json"
/usr/bin/python3 - "$TEST_TMP" "$TEST_TMP/a.json" <<'PY' && ok "a closed round, its theme with workstreams and sign-ups, an open round over the categories" || not_ok "demo prioritisation and Switch"
import json, os, sys
d = sys.argv[1]
r1 = json.load(open(os.path.join(d, "r1.json")))
t1 = json.load(open(os.path.join(d, "t1.json")))
r2 = json.load(open(os.path.join(d, "r2.json")))
needs = {n["id"]: n for n in json.load(open(sys.argv[2]))}
assert r1["status"] == "closed" and len(r1["needs"]) == 8, r1
pts = [x["points"] for x in r1["ranking"]]
assert pts == sorted(pts, reverse=True) and sum(pts) == 6 * 5, pts
assert t1["round"] == 1 and t1["needs"] == [x["need"] for x in r1["ranking"][:3]], t1
assert all(needs[i]["status"] == "prioritised" for i in t1["needs"])
assert t1["spec"] and t1["switch"] and len(t1["workstreams"]) == 2
assert all(len(w["members"]) == 2 for w in t1["workstreams"]), t1
assert r2["status"] == "open" and r2["categories"] and not r2["needs"], r2
PY
rm -rf "$DB"
/usr/bin/time -f "%e" -o "$TEST_TMP/time" "$CERCLE_BIN" --db "$DB" demo 2>/dev/null
echo "# demo took $(cat "$TEST_TMP/time") s"
c export --format json --what needs
check "the demo is the same on every run" cmp -s "$OUT" "$TEST_TMP/a.json"
done_testing
