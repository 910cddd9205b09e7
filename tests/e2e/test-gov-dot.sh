# End-to-end: prioritising by dot voting over categories (the first Switch
# narrowed 14 categories to 4), through the CLI on a real database.
. "$(dirname "$0")/lib.sh"
setup_hub
expect 1 "needs or categories, not neither" round open --title "Switch" --as facil
expect 2 "a member may not open a round" round open --category santé --category mobilité --title "Switch" --as zinc
expect 2 "an unknown category" round open --category santé --category astronomie --title "Switch" --as facil
check "names it" err_has "unknown category 'astronomie'"
expect 0 "the facilitator opens a round over four categories" round open --category "santé" --category "mobilité" --category "connexion" --category "équipement" --title "Switch 2027" --budget 6 --as facil
R=$(cat "$OUT")
expect 0 "round show" round show "$R"
check "numbers the categories" out_has "category 2  mobilité"
expect 2 "over the budget" round ballot "$R" 1=4 2=3 --as urban
check "says so" err_has "7 points given, the budget is 6"
expect 2 "an item outside the round" round ballot "$R" 5=1 --as urban
expect 1 "a malformed ballot" round ballot "$R" santé --as urban
expect 2 "a correspondent does not vote" round ballot "$R" 1=1 --as corr
expect 0 "urban" round ballot "$R" 1=4 2=2 --as urban
expect 0 "urban changes their ballot" round ballot "$R" 3=6 --as urban
expect 0 "irts" round ballot "$R" 3=1 4=5 --as irts
expect 0 "zinc" round ballot "$R" 2=6 --as zinc
expect 2 "a member may not close" round close "$R" --as zinc
expect 0 "close" round close "$R" --as facil
check "prints the ranking" grep -q "1. category 3: 7 points  connexion" "$OUT"
expect 2 "closed: ballots refused" round ballot "$R" 1=1 --as adrets
check "round closed" err_has "round closed"
expect 0 "round show --json" round show "$R" --json
check "the ranking, ties to the earlier" out_has '"ranking":[{"category":"connexion","points":7},{"category":"mobilité","points":6},{"category":"équipement","points":5},{"category":"santé","points":0}]'
expect 1 "a theme needs needs" theme add --title "Connexion" --spec "x" --round "$R" --top 1 --as facil
expect 0 "journal" journal --json
check "the round is journaled" out_has '"op":"round.close"'
expect 0 "verify" verify
done_testing
