# End-to-end: territories, categories, publics and sources are matched as
# people type them (case and accents ignored, stored as configured), and an
# unknown value gets one line with "did you mean" and changes nothing.
. "$(dirname "$0")/lib.sh"
c init
expect 0 "a member's territory typed in lower case" member add alice \
    --name Alice --role member --territory alpes
c member show alice --json
check "stored as configured (Alpes)" out_has '"territory":"Alpes"'
expect 0 "another member" member add bob --name Bob --role member \
    --territory AZUR
expect 0 "a need typed with other case and accents" need add --as alice \
    --title "Ateliers" --territory "AIX marseille" \
    --category "Acces aux DROITS" --public SÉNIOR --source "etude locale"
c need show 1 --json
check "category stored as configured" out_has '"category":"accès aux droits"'
check "territory stored as configured" out_has '"territory":"Aix-Marseille"'
check "public and source stored as configured" sh -c \
    "grep -qF '\"public\":\"senior\"' '$OUT' && grep -qF '\"source\":\"étude locale\"' '$OUT'"
c need list --category "Accès aux droits" --territory aix-marseille
check "a filter typed otherwise finds the need" out_has "Ateliers"
expect 0 "an edit typed otherwise" need edit 1 --as alice --category SANTE
c need show 1 --json
check "edited category stored as configured" out_has '"category":"santé"'
expect 2 "a near miss is refused" need add --as alice --title X \
    --territory Alpes --category "santée"
check "one line" err_one_line
check "did you mean the closest" \
    err_has "unknown category 'santée': did you mean 'santé'?"
expect 2 "a prefix is refused" need add --as alice --title X \
    --territory Alpes --public demandeur
check "and suggests what begins with it" \
    err_has "did you mean 'demandeur d'emploi'?"
expect 2 "an unknown territory on support" need support 1 --as bob \
    --territory Alps
check "suggests Alpes only" err_has "did you mean 'Alpes'? (see"
expect 2 "nothing near: no suggestion" need add --as alice --title X \
    --territory Alpes --category xyzzy
check "plain refusal, one line" err_one_line
check "without a suggestion" sh -c "! grep -q 'did you mean' '$ERR'"
expect 0 "support with a territory typed otherwise" need support 1 \
    --as bob --territory "  alpes "
c need show 1 --json
check "support territory stored as configured" \
    out_has '"territories":["Aix-Marseille","Alpes"]'
c need list --json
check "the refusals added nothing" sh -c \
    "[ \$(grep -o '\"id\":' '$OUT' | wc -l) -eq 1 ]"
expect 0 "a facilitator" member add facil --name F \
    --role member,facilitator --territory azur
expect 0 "a prioritisation round over categories typed otherwise" round \
    open --category SANTE --category "Emploi-et-insertion" --title R \
    --as facil
c round show 1 --json
check "the round holds the configured categories" sh -c \
    "grep -qF 'santé' '$OUT' && grep -qF 'emploi et insertion' '$OUT'"
expect 2 "a round with an unknown category" round open --category santée \
    --category connexion --title R --as facil
check "did you mean santé" err_has "did you mean 'santé'?"
expect 1 "a category named twice, differently typed" round open \
    --category santé --category SANTE --title R --as facil
check "is listed twice" err_has "listed twice"
expect 2 "config add refuses a value equal once folded" config add \
    territories AZUR
check "naming the configured one" err_has "as 'Azur'"
expect 0 "config remove as typed" config remove categories "Éducation"
c config show --json
check "éducation removed" sh -c "! grep -q 'éducation' '$OUT'"
expect 2 "config remove of an unknown value suggests" config remove \
    territories Azu
check "did you mean Azur" err_has "did you mean 'Azur'?"
done_testing
