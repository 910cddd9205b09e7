# Look-alike titles are flagged when typed: `need add` and `tension add`
# write the new entry (exit 0, the id on stdout) and warn on stderr, in
# one line per twin, when its title differs from an existing one only by
# invisible characters (U+200B, U+FEFF...); an honest title gets no
# warning. In English here (lib.sh); in French on a French hub.
. "$(dirname "$0")/lib.sh"
setup_hub
zw=$(printf '\342\200\213')	# U+200B
bom=$(printf '\357\273\277')	# U+FEFF

expect 0 "a tension" tension add --as zinc --kind project --title "Budget 2027"
check "no warning for the first" [ ! -s "$ERR" ]
expect 0 "its look-alike is written" tension add --as irts --kind project \
    --title "Bud${zw}get 2027"
check "prints its id" out_is 2
check "warns, naming the twin" err_has \
    "warning: tension 2 looks the same as tension 1"
check "in one line" err_one_line
expect 0 "a different title" tension add --as irts --kind project \
    --title "Budget 2028"
check "gets no warning" [ ! -s "$ERR" ]

expect 0 "a need" need add --as urban --title "Réseau à Gap" --territory Alpes
check "no warning for the first need" [ ! -s "$ERR" ]
expect 0 "its look-alike need" need add --as irts --title "${bom}Réseau à Gap" \
    --territory Alpes
check "warns about the need" err_has "warning: need 2 looks the same as need 1"
check "and check titles lists both pairs" sh -c \
    "'$CERCLE_BIN' --db '$DB' check titles 2>/dev/null | wc -l | grep -qx 2"

# French on the French hub, for whoever has no language of their own.
LC_MESSAGES= "$CERCLE_BIN" --db "$DB" need add --as zinc \
    --title "Réseau${zw} à Gap" --territory Alpes >"$OUT" 2>"$ERR"
check "in French: ressemble" err_has "ressemble au besoin 1"
check "and names the second twin too" err_has "ressemble au besoin 2"
done_testing
