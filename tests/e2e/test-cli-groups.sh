# End-to-end: a command group named alone (`cercle meeting`) lists its
# commands, as git does, instead of "unknown command": exit 1 on standard
# error; `cercle help meeting` prints the same on standard output, exit 0.
# French by default (the hub's language), English with LC_MESSAGES.
. "$(dirname "$0")/lib.sh"
setup_hub
expect 1 "cercle meeting alone is a usage error" meeting
check "it says the group needs a command" err_has "cercle: 'meeting' needs a command:"
check "and lists the group's commands" sh -c "grep -q '^  meeting open ' '$ERR' && grep -q '^  meeting close ' '$ERR'"
check "and only them" sh -c "! grep -v -e '^  meeting ' -e 'needs a command' '$ERR'"
check "nothing on standard output" sh -c "[ ! -s '$OUT' ]"
expect 0 "cercle help meeting" help meeting
check "prints the same list on standard output" sh -c "grep -q '^  meeting review ' '$OUT'"
expect 1 "an unknown word is still unknown" nosuch
check "said so" err_has "unknown command 'nosuch'"
expect 1 "a group's unknown command" meeting nosuch
check "names the group" err_has "unknown command 'meeting'"
# French, as a member on a French hub sees it.
"$CERCLE_BIN" --db "$DB" --lang fr sages >"$OUT" 2>"$ERR"
RC=$?
check "in French: exit 1" [ "$RC" -eq 1 ]
# (with the non-breaking spaces of French typography)
check "in French: « sages » demande une commande" err_has \
    "$(printf 'cercle: \302\253\302\240sages\302\240\302\273 demande une commande\302\240:')"
check "with its commands" sh -c "grep -q '^  sages name ' '$ERR' && grep -q '^  sages list ' '$ERR'"
done_testing
