# End-to-end: the needs queue contract of issue 2: add, show, edit,
# support, practice, status, merge, with refusals and exit codes.
. "$(dirname "$0")/lib.sh"
setup_hub
"$CERCLE_BIN" --db "$DB" member add admin2 --name "Ad Min" --role admin >/dev/null
"$CERCLE_BIN" --db "$DB" member add gone --name "Gone" --role member --territory Avignon >/dev/null
"$CERCLE_BIN" --db "$DB" member disable gone

expect 0 "a member adds a need" need add --as urban --title "Besoin d'aide pour la CAF" --territory Alpes --category "accès aux droits" --public senior --source "focus group" --description "$(printf 'ligne un\nligne deux')"
check "prints the new id alone" out_is 1
expect 0 "a correspondent adds a need" need add --as corr --title "Pas de réseau à Briançon" --territory Alpes --category connexion
check "id 2" out_is 2
expect 2 "an observer cannot add a need" need add --as obs --title T --territory Alpes
check "saying which role" err_has "needs the role"
expect 2 "a disabled member cannot add" need add --as gone --title T --territory Avignon
check "saying disabled" err_has "disabled"
expect 1 "the bare console needs --as" need add --title T --territory Alpes
check "which says a need needs a member" err_has "--as LOGIN"
expect 2 "unknown territory refused" need add --as urban --title T --territory Mars
check "with a hint to config show" err_has "cercle config show"
expect 2 "unknown category refused" need add --as urban --title T --territory Alpes --category astrologie
expect 2 "unknown public refused" need add --as urban --title T --territory Alpes --public martiens
expect 2 "unknown source refused" need add --as urban --title T --territory Alpes --source rumeur
expect 1 "missing title" need add --as urban --territory Alpes
expect 1 "missing territory" need add --as urban --title T
expect 1 "invalid UTF-8 refused" need add --as urban --title "$(printf 'a\377b')" --territory Alpes
expect 1 "over-long title refused" need add --as urban --title "$(head -c 201 /dev/zero | tr '\0' x)" --territory Alpes
expect 0 "a 200-byte title is fine" need add --as urban --title "$(head -c 200 /dev/zero | tr '\0' x)" --territory Alpes
expect 1 "escape sequence in the title refused" need add --as urban --title "$(printf 'a\033[2Jb')" --territory Alpes
expect 1 "over-long description refused" need add --as urban --title T --territory Alpes --description "$(head -c 8001 /dev/zero | tr '\0' y)"
expect 1 "bad round refused" need add --as urban --title T --territory Alpes --round 2026-B9
expect 0 "explicit round" need add --as zinc --title "Rond" --territory Azur --round 2025-B1
expect 0 "show --json" need show 4 --json
check "the round is kept" out_has '"round":"2025-B1"'

CERCLE_NOW=1781000000 "$CERCLE_BIN" --db "$DB" need add --as irts --title "Rond auto" --territory Azur >"$OUT"
c need show "$(cat "$OUT")" --json
check "the round is that of the date (2026-06 is B3)" out_has '"round":"2026-B3"'

expect 0 "show text" need show 1
check "shows the title" out_has "Besoin d'aide pour la CAF"
check "shows the reporter" out_has "reporter:    urban"
check "shows the description lines" out_has "  ligne deux"
expect 2 "show an unknown need" need show 999
expect 1 "show a non-number" need show abc

# support
expect 0 "support from another member" need support 1 --as corr --note "vu aussi à Nice"
expect 2 "supporting twice refused" need support 1 --as corr
check "saying already" err_has "already supports"
expect 2 "the reporter may not support" need support 1 --as urban
expect 2 "an observer may not support" need support 1 --as obs
expect 2 "unknown support territory" need support 1 --as zinc --territory Mars
expect 0 "support with a territory" need support 1 --as zinc --territory Avignon
expect 0 "support from the same territory" need support 1 --as irts
expect 0 "show json" need show 1 --json
/usr/bin/python3 - "$OUT" <<'PY' && ok "supports and distinct territories counted" || not_ok "supports and distinct territories counted"
import json, sys
n = json.load(open(sys.argv[1]))
assert n["supports"] == 3, n["supports"]
assert n["territories"] == ["Alpes", "Azur", "Avignon"], n["territories"]
assert [s["login"] for s in n["supporters"]] == ["corr", "zinc", "irts"]
assert n["supporters"][0]["note"] == "vu aussi à Nice"
PY

# edit
expect 0 "the reporter edits" need edit 1 --as urban --title "Aide CAF" --category santé
expect 2 "another member may not edit" need edit 1 --as zinc --title X
expect 0 "a facilitator edits" need edit 1 --as facil --territory Azur
c need show 1 --json
check "the territory changed" out_has '"territory":"Azur"'
check "territories recomputed" out_has '"territories":["Azur","Avignon","Alpes"]'
expect 1 "edit with nothing to change" need edit 1 --as urban
expect 2 "edit to an unknown category" need edit 1 --as urban --category astrologie
expect 1 "edit with invalid UTF-8" need edit 1 --as urban --title "$(printf '\300\200')"

# practices
expect 0 "link a good practice" need practice 1 --as corr --text "https://lesbonsclics.fr"
expect 0 "a second practice" need practice 1 --as zinc --text "$(printf 'Atelier\nle mardi')"
expect 1 "an empty practice" need practice 1 --as zinc --text ""
expect 2 "an observer may not link practices" need practice 1 --as obs --text x
c need show 1
check "practices shown" out_has "1. https://lesbonsclics.fr"

# status
expect 2 "a member may not change status" need status 1 qualified --as urban
expect 0 "facilitator qualifies" need status 1 qualified --as facil
expect 2 "skipping a step is refused" need status 1 in-switch --as facil
check "saying the next step" err_has "need #1 is qualified: next is reported or prioritised, or archived"
expect 0 "prioritised" need status 1 prioritised --as facil
expect 0 "the console admin may move it back" need status 1 qualified
expect 2 "status merged only by merge" need status 1 merged --as facil
expect 1 "unknown status" need status 1 solved --as facil
expect 0 "archive" need status 2 archived --as admin2
expect 2 "no support on an archived need" need support 2 --as zinc
expect 0 "reopen as reported" need status 2 reported --as facil

# merge
expect 0 "a duplicate" need add --as arsenic --title "CAF encore" --territory Avignon
dup=$(cat "$OUT")
expect 0 "support the duplicate" need support "$dup" --as adrets --territory Alpes
expect 0 "support it from one who supports the survivor" need support "$dup" --as corr
expect 2 "a member may not merge" need merge "$dup" 1 --as urban
expect 2 "merging into itself" need merge "$dup" "$dup" --as facil
expect 0 "facilitator merges" need merge "$dup" 1 --as facil
expect 2 "merging twice refused" need merge "$dup" 1 --as facil
check "saying already merged" err_has "already merged"
expect 2 "merging into a merged need refused" need merge 2 "$dup" --as facil
expect 2 "a chain is refused" need merge 1 2 --as facil
expect 2 "no support on a merged need" need support "$dup" --as camp
expect 2 "no edit of a merged need" need edit "$dup" --as facil --title X
c need show "$dup" --json
check "the merged one points to the survivor" out_has '"merged_into":1'
check "and is merged" out_has '"status":"merged"'
c need show 1 --json
/usr/bin/python3 - "$OUT" "$dup" <<'PY' && ok "the survivor takes the union" || not_ok "the survivor takes the union"
import json, sys
n = json.load(open(sys.argv[1]))
dup = int(sys.argv[2])
assert n["merged_from"] == [dup], n["merged_from"]
logins = [s["login"] for s in n["supporters"]]
# corr, zinc, irts before; arsenic (the duplicate's reporter), adrets added.
assert sorted(logins) == sorted(["corr", "zinc", "irts", "arsenic", "adrets"]), logins
assert len(set(logins)) == len(logins)
assert n["supports"] == 5, n["supports"]
assert set(n["territories"]) == {"Azur", "Avignon", "Alpes"}, n["territories"]
PY
c need show 1
check "text show names the merged need" out_has "merged from: #$dup"

expect 0 "journal" journal --json
check "journal has need.add" out_has '"op":"need.add"'
check "journal has need.merge" out_has '"op":"need.merge"'
check "journal has need.status" out_has '"op":"need.status"'
check "journal has need.support" out_has '"op":"need.support"'
check "journal has need.practice" out_has '"op":"need.practice"'
check "journal has need.edit" out_has '"op":"need.edit"'
expect 0 "verify is sound" verify
done_testing
