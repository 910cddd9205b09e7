# End-to-end: exports parse as JSON and CSV, with stable field names, and
# leave personal data out unless --personal.
. "$(dirname "$0")/lib.sh"
setup_hub
ssh-keygen -q -t ed25519 -N '' -C "k" -f "$TEST_TMP/k" </dev/null
"$CERCLE_BIN" --db "$DB" member key add urban "$(cat "$TEST_TMP/k.pub")" >/dev/null
"$CERCLE_BIN" --db "$DB" need add --as urban --title 'Titre, avec "guillemets"' --territory Alpes --description "$(printf 'deux\nlignes')" >/dev/null
"$CERCLE_BIN" --db "$DB" need add --as corr --title "Second" --territory Azur --category santé >/dev/null
"$CERCLE_BIN" --db "$DB" need support 1 --as corr --note "vu" >/dev/null
"$CERCLE_BIN" --db "$DB" need practice 1 --as zinc --text "https://example.org/a" >/dev/null

NEED_FIELDS="id title description territory category public source round status created updated supports territories practices merged_into merged_from insee external_id"

expect 0 "export needs json" export --format json --what needs
/usr/bin/python3 - "$OUT" "$NEED_FIELDS" <<'PY' && ok "needs JSON parses with the documented fields, no personal data" || not_ok "needs JSON"
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d) == 2
for n in d:
    assert list(n.keys()) == sys.argv[2].split(), list(n.keys())
t = {n["id"]: n for n in d}
assert t[1]["title"] == 'Titre, avec "guillemets"'
assert t[1]["description"] == "deux\nlignes"
assert t[1]["supports"] == 1 and t[1]["territories"] == ["Alpes", "Azur"]
assert t[1]["practices"] == ["https://example.org/a"]
assert t[2]["description"] is None and t[2]["category"] == "santé"
PY
no_people() { ! grep -q -e urban -e corr -e zinc "$OUT"; }
check "no login in the open data" no_people

expect 0 "export needs json --personal" export --format json --what needs --personal
/usr/bin/python3 - "$OUT" <<'PY' && ok "personal adds reporter and supporters" || not_ok "personal JSON"
import json, sys
t = {n["id"]: n for n in json.load(open(sys.argv[1]))}
assert t[1]["reporter"] == "urban"
assert [s["login"] for s in t[1]["supporters"]] == ["corr"]
PY

expect 0 "export needs csv" export --format csv --what needs
/usr/bin/python3 - "$OUT" "$NEED_FIELDS" <<'PY' && ok "needs CSV parses with the documented header" || not_ok "needs CSV"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
assert rows[0] == sys.argv[2].split(), rows[0]
assert len(rows) == 3
r = {x[0]: dict(zip(rows[0], x)) for x in rows[1:]}
assert r["1"]["title"] == 'Titre, avec "guillemets"'
assert r["1"]["description"] == "deux\nlignes"
assert r["1"]["territories"] == "Alpes | Azur"
assert r["2"]["category"] == "santé"
PY
no_logins() { ! grep -q -e urban -e corr "$OUT"; }
check "no login in the CSV" no_logins
expect 0 "export needs csv --personal" export --format csv --what needs --personal
/usr/bin/python3 - "$OUT" <<'PY' && ok "CSV personal columns" || not_ok "CSV personal"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
r = {x["id"]: x for x in rows}
assert r["1"]["reporter"] == "urban" and r["1"]["supporters"] == "corr (Azur)", r["1"]
PY

expect 0 "export members json" export --format json --what members
/usr/bin/python3 - "$OUT" <<'PY' && ok "members JSON: documented fields, no keys" || not_ok "members JSON"
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d) == 9
for m in d:
    assert list(m.keys()) == ["id", "login", "name", "organisation", "territory", "roles", "disabled", "created"], list(m.keys())
PY
no_keys() { ! grep -q -e ssh-ed25519 -e SHA256 "$OUT"; }
check "no key in the members export" no_keys
expect 0 "export members csv" export --format csv --what members
/usr/bin/python3 - "$OUT" <<'PY' && ok "members CSV" || not_ok "members CSV"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
assert len(rows) == 9 and rows[0]["login"] == "facil" and rows[0]["roles"] == "member,facilitator", rows[0]
PY
check "no key in the members CSV" no_keys

for w in decisions actions; do
	expect 0 "export $w json (empty)" export --format json --what $w
	check "an empty list" out_is "[]"
	expect 0 "export $w csv (header only)" export --format csv --what $w
done
c export --format csv --what actions
check "actions CSV header" out_is "$(printf 'id,decision,owner,title,due,status,created,updated\r')"

expect 0 "export all json" export --format json --what all
/usr/bin/python3 - "$OUT" <<'PY' && ok "all: one object with every list" || not_ok "all JSON"
import json, sys
d = json.load(open(sys.argv[1]))
assert list(d.keys()) == ["hub", "needs", "members", "decisions", "actions"], list(d.keys())
assert len(d["needs"]) == 2 and len(d["members"]) == 9
assert "reporter" not in d["needs"][0]
PY
expect 1 "csv all is refused" export --format csv --what all
check "with a clear message" err_has "one at a time"
expect 1 "unknown format" export --format xml --what needs
expect 1 "unknown list" export --format json --what planets
expect 1 "missing --what" export --format json
done_testing
