# The journal in the reader's language (issue 12): on the demo's hub with
# LANG=C.UTF-8 the text view shows every op as a French phrase and every
# record type as a French word, no op token; `--lang en` gives the
# English phrases; --json keeps the stable op and record tokens and adds
# the phrase as "what". The chain still verifies.
. "$(dirname "$0")/lib.sh"
unset LC_MESSAGES LANGUAGE LC_ALL
export LANG=C.UTF-8

"$CERCLE_BIN" --db "$DB" demo >/dev/null 2>&1 ||
    { echo "Bail out! demo failed"; exit 1; }
J="$TEST_TMP/j.json" T="$TEST_TMP/j.txt" E="$TEST_TMP/j-en.txt"
"$CERCLE_BIN" --db "$DB" journal --json >"$J"
"$CERCLE_BIN" --db "$DB" journal >"$T"
"$CERCLE_BIN" --db "$DB" --lang en journal >"$E"

check "json keeps the op tokens" /usr/bin/python3 -c 'import json,sys
d=json.load(open(sys.argv[1])); ops={e["op"] for e in d}
assert {"member.add","need.add","round.ballot","workstream.add","position"} <= ops and "hub.init" in ops, ops
assert all("." in e["op"] or e["op"] in ("position","redact") for e in d)
assert {e["record"] for e in d} >= {"need","ballot","workstream","member"}' "$J"
check "json adds a French phrase for every op" /usr/bin/python3 -c 'import json,sys
d=json.load(open(sys.argv[1])); bad={e["op"] for e in d if e["what"]==e["op"]}
assert not bad, bad
w={e["op"]:e["what"] for e in d}
assert w["need.add"]=="besoin ajouté" and w["round.ballot"]=="bulletin déposé", w' "$J"
check "the text view holds no op token" sh -c \
    "! grep -qE '[a-z]+\.(add|status|support|ballot|close|open|init|join|merge|edit|take|review)\b' '$T'"
check "the text view shows French phrases" sh -c \
    "grep -q 'besoin ajouté' '$T' && grep -q 'chantier ajouté' '$T' && grep -q 'bulletin déposé' '$T' && grep -q 'position prise' '$T'"
check "the text view shows French record words" sh -c \
    "grep -q ' chantier ' '$T' && grep -q ' bulletin ' '$T' && grep -q ' priorisat' '$T'"
check "--lang en gives English phrases" sh -c \
    "grep -q 'need added' '$E' && grep -q 'ballot cast' '$E' && grep -q ' workstream ' '$E' && ! grep -q 'besoin ajouté' '$E'"
check "every French phrase fits its column whole" /usr/bin/python3 -c 'import sys; bad=[l for l in open(sys.argv[1], encoding="utf-8") if "\u2026" in l[40:61]]; assert not bad, bad[:3]' "$T"
check "generated summaries read in French, stored ones kept in json" sh -c \
    "grep -q 'approbation sur la proposition' '$T' && grep -q 'soutien #' '$T' && ! grep -q ' on proposal ' '$T' && grep -q '\"summary\":\"approve on proposal' '$J'"
expect 0 "the chain still verifies" verify
done_testing
