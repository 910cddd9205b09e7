# End-to-end: a whole meeting, from quorum to minutes and exports, with
# every command run under valgrind (memcheck: no invalid access, no
# definite or indirect leak). Under SANITIZE=1 the binary carries ASan and
# LeakSanitizer, which check the same, so it runs as is.
. "$(dirname "$0")/lib.sh"
if grep -q __asan_init "$CERCLE_BIN" 2>/dev/null; then
	RUN=""
	how="ASan and LeakSanitizer"
	# Their reports go to files, as valgrind's do.
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$TEST_TMP/vg:detect_leaks=1"
	export ASAN_OPTIONS
else
	RUN="valgrind -q --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --error-exitcode=99 --log-file=$TEST_TMP/vg.%p"
	how="valgrind"
fi
n_runs=0
bad=0
# v RC ARGS...: run one command under the checker, expecting exit RC.
v() {
	want=$1
	shift
	n_runs=$((n_runs + 1))
	$RUN "$CERCLE_BIN" --db "$DB" "$@" >"$OUT" 2>"$ERR"
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		bad=$((bad + 1))
		echo "# $* exited $rc, wanted $want: $(head -c 300 "$ERR")"
	fi
}
v 0 init
v 0 member add facil --name "Fa Cilitatrice" --role facilitator
for m in urban irts zinc adrets arsenic camp; do
	v 0 member add $m --name "Membre $m" --role member --territory Alpes
done
v 0 member key add urban "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl urban@host"
v 0 need add --as urban --title "Pas de réseau à Briançon" --territory Alpes --category connexion --description "Deux lignes
de texte."
v 0 need support 1 --as zinc
v 0 need add --as zinc --title "Doublon" --territory Alpes
v 0 need merge 2 1 --as facil
v 0 need practice 1 --as irts --text "https://example.org/guide"
printf '\357\273\277Titre;Territoire;Id externe;Date;Description\r\n"a ""b""";alpes;v-1;04/03/2026;"deux\r\nlignes"\r\nx;Lune;v-2;;\r\n;Azur;v-3;;\r\n' >"$TEST_TMP/imp.csv"
v 2 need import "$TEST_TMP/imp.csv" --as zinc
v 0 need import "$TEST_TMP/imp.csv" --as zinc --dry-run --skip-invalid --json
v 0 need import "$TEST_TMP/imp.csv" --as zinc --skip-invalid
v 1 need import "$TEST_TMP/nosuch.csv" --as zinc
v 0 need list --csv
v 0 need status 1 qualified --as facil
v 0 tension add --as zinc --kind project --title "Budget 2027" --need 1
v 0 tension add --as irts --kind chamber --title "Admettre Médiaterre"
v 0 agenda move 2 1 --as facil
v 0 meeting open --as facil --title "Chambre de novembre"
v 0 meeting present urban irts zinc --as facil
v 2 proposal close 1 --as facil
v 0 meeting join --as adrets
v 0 meeting review --as facil
v 0 meeting next --as facil
v 0 meeting question --as irts --text "Quel territoire ?"
v 0 proposal add 2 --as irts --text "Admettre Médiaterre en janvier." --hidden
v 0 proposal amend 1 --as irts --text "Admettre Médiaterre en février."
v 0 position 1 approve --as urban
v 0 position 1 alert --as zinc --reason "Vérifier le financement."
v 0 position 1 block --as adrets --reason "Concurrence à Avignon."
v 0 proposal show 1 --json
v 0 proposal close 1 --as facil
v 0 action add 1 --as zinc --owner irts --title "Lettre d'accueil" --due 2030-01-31
v 0 meeting next --as facil
v 0 proposal add 1 --as zinc --text "40k pour les Alpes."
v 2 proposal add 1 --as zinc --text "Encore."
v 0 proposal unanimity 2 --as facil
v 0 position 2 block --as urban --reason "Trop pour un territoire."
v 0 position 2 approve --as irts
v 0 proposal close 2 --as facil
v 0 proposal escalate 2 --as facil
v 0 watch clear adrets --note "Rencontre faite." --as facil
v 0 meeting show --json
v 0 meeting close --as facil
v 0 minutes 1
v 0 minutes 1 --format json
v 0 need list --sort territories --json
v 0 export --format csv --what needs
v 0 export --format json --what all --personal
v 0 verify
check "$n_runs commands of a meeting ran with their expected status under $how" \
    [ "$bad" -eq 0 ]
check "no memory error or leak reported" \
    sh -c "! cat '$TEST_TMP'/vg.* 2>/dev/null | grep -q ."
done_testing
