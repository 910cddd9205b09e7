# End-to-end: need list filters, sorts and cursor paging on the demo hub.
. "$(dirname "$0")/lib.sh"
expect 0 "demo builds" demo
expect 0 "list --json" need list --json
/usr/bin/python3 - "$OUT" <<'PY' && ok "newest: ids descending, all 320" || not_ok "newest: ids descending, all 320"
import json, sys
d = json.load(open(sys.argv[1]))
ids = [n["id"] for n in d["needs"]]
assert len(ids) == 320 and ids == sorted(ids, reverse=True), len(ids)
assert d["next"] is None
PY
cp "$OUT" "$TEST_TMP/all.json"

# Every filter gives exactly the matching needs, newest first.
for f in "status reported" "status qualified" "status merged" "territory Alpes" \
    "territory Azur" "category santé" "public senior" "round 2026-B6" \
    "status addressed"; do
	set -- $f
	c need list --"$1" "$2" --json
	/usr/bin/python3 - "$OUT" "$TEST_TMP/all.json" "$1" "$2" <<'PY' && ok "filter --$1 $2" || not_ok "filter --$1 $2"
import json, sys
got = json.load(open(sys.argv[1]))["needs"]
allv = json.load(open(sys.argv[2]))["needs"]
k, v = sys.argv[3], sys.argv[4]
want = [n["id"] for n in allv if n[k] == v]
assert [n["id"] for n in got] == want, (len(got), len(want))
assert len(want) > 0
PY
done
c need list --status reported --territory Alpes --category connexion --json
/usr/bin/python3 - "$OUT" "$TEST_TMP/all.json" <<'PY' && ok "combined filters" || not_ok "combined filters"
import json, sys
got = [n["id"] for n in json.load(open(sys.argv[1]))["needs"]]
allv = json.load(open(sys.argv[2]))["needs"]
want = [n["id"] for n in allv if n["status"] == "reported" and n["territory"] == "Alpes" and n["category"] == "connexion"]
assert got == want and want, (got, want)
PY
expect 0 "a filter that matches nothing" need list --territory Azur --category nothing
check "prints nothing" out_is ""
expect 1 "unknown status filter" need list --status solved
expect 1 "unknown sort" need list --sort random

for s in support territories; do
	c need list --sort $s --json
	/usr/bin/python3 - "$OUT" $s <<'PY' && ok "sort $s: key descending, then newest" || not_ok "sort $s"
import json, sys
d = json.load(open(sys.argv[1]))["needs"]
key = (lambda n: n["supports"]) if sys.argv[2] == "support" else (lambda n: len(n["territories"]))
keys = [(key(n), n["id"]) for n in d]
assert len(d) == 320
assert keys == sorted(keys, reverse=True)
assert keys[0][0] > keys[-1][0]
PY
done

# Paging: --limit/--after walk everything exactly once, for every sort
# and with a filter.
for args in "--sort newest" "--sort support" "--sort territories" "--sort support --territory Alpes" "--status reported"; do
	: >"$TEST_TMP/pages"
	after=""
	pages=0
	while :; do
		if [ -n "$after" ]; then c need list $args --limit 7 --after "$after" --json
		else c need list $args --limit 7 --json; fi
		[ "$RC" -eq 0 ] || break
		pages=$((pages + 1))
		cat "$OUT" >>"$TEST_TMP/pages"
		echo >>"$TEST_TMP/pages"
		after=$(/usr/bin/python3 -c 'import json,sys; n=json.load(open(sys.argv[1]))["next"]; print(n or "")' "$OUT")
		[ -n "$after" ] || break
		[ $pages -lt 200 ] || break
	done
	c need list $args --json
	/usr/bin/python3 - "$TEST_TMP/pages" "$OUT" <<'PY' && ok "paging $args walks everything once" || not_ok "paging $args ($pages pages)"
import json, sys
ids = []
for line in open(sys.argv[1]):
    if line.strip():
        p = json.loads(line)
        assert len(p["needs"]) <= 7
        ids += [n["id"] for n in p["needs"]]
full = [n["id"] for n in json.load(open(sys.argv[2]))["needs"]]
assert ids == full, (len(ids), len(full))
assert len(set(ids)) == len(ids)
PY
done
expect 0 "text list with a limit" need list --limit 3
check "three lines" [ "$(wc -l <"$OUT")" -eq 3 ]
check "the cursor goes to stderr" err_has "more: --after n."
expect 1 "a cursor of another sort" need list --sort support --after n.5
expect 1 "a junk cursor" need list --after 'zz'
expect 1 "--limit 0" need list --limit 0
expect 0 "the last page says nothing more" need list --after n.3
check "two needs" [ "$(wc -l <"$OUT")" -eq 2 ]
check "no cursor" [ ! -s "$ERR" ]

# Text output: aligned and sanitised.
"$CERCLE_BIN" --db "$DB" member add z --name Z --role member --territory Azur >/dev/null
expect 0 "a need with a bidi override" need add --as z --title "$(printf 'avant \342\200\256 après')" --territory Azur
expect 0 "list text" need list --limit 1
no_override() { ! grep -q "$(printf '\342\200\256')" "$OUT"; }
check "the override is shown inert" no_override
c need list --limit 20
/usr/bin/python3 - "$OUT" <<'PY' && ok "columns aligned (in characters)" || not_ok "columns aligned"
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
assert len(lines) == 20
# The round starts at the same character column on every line, whatever
# the accents in the territory and category before it.
for l in lines:
    assert re.match(r"\d{4}-B\d ", l[69:77]), l
PY
expect 0 "verify" verify
done_testing
