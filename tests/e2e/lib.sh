# tests/e2e/lib.sh: helpers for end-to-end tests on the real binary.
# Source it; every check prints a TAP line that tests/run.sh counts.
# A test runs in a fresh temporary directory ($TEST_TMP, the cwd).
: "${CERCLE_BIN:?CERCLE_BIN must point at the cercle binary}"
: "${TEST_TMP:=$(mktemp -d)}"
export LC_ALL=C.UTF-8 TZ=UTC
# The checks read cercle's messages in English (the source text): with
# LC_ALL naming no catalogue, LC_MESSAGES chooses (i18n.h's order). The
# French of every message is checked by test-po, test-lang and
# test-refusals-fr; a test that reads French sets LC_MESSAGES itself.
export LC_MESSAGES=en_US.UTF-8
unset CERCLE_DB XDG_CONFIG_HOME
_n=0
_failed=0
DB="$TEST_TMP/db"
OUT="$TEST_TMP/out"
ERR="$TEST_TMP/err"

# c ARGS...: run cercle on $DB, output in $OUT/$ERR, status in $RC.
c() {
	"$CERCLE_BIN" --db "$DB" "$@" >"$OUT" 2>"$ERR"
	RC=$?
	return 0
}

ok() { _n=$((_n + 1)); echo "ok $_n - $*"; }
not_ok() {
	_n=$((_n + 1)); _failed=$((_failed + 1))
	echo "not ok $_n - $*"
	echo "#   stdout: $(head -c 600 "$OUT" 2>/dev/null)"
	echo "#   stderr: $(head -c 600 "$ERR" 2>/dev/null)"
}

# check DESC CONDITION...: the condition is a command.
check() {
	desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# expect RC DESC ARGS...: run cercle ARGS, expect exit status RC.
expect() {
	want=$1
	desc=$2
	shift 2
	c "$@"
	if [ "$RC" -eq "$want" ]; then ok "$desc"; else
		not_ok "$desc (exit $RC, wanted $want)"; fi
}

# out_has TEXT / err_has TEXT / out_is TEXT: look at the last run's output.
out_has() { grep -qF -- "$1" "$OUT"; }
err_has() { grep -qF -- "$1" "$ERR"; }
out_is() { [ "$(cat "$OUT")" = "$1" ]; }
err_one_line() { [ "$(wc -l <"$ERR")" -eq 1 ]; }

# A hub with the founding six, a facilitator and correspondents.
setup_hub() {
	c init && [ "$RC" -eq 0 ] || { echo "Bail out! init failed"; exit 1; }
	"$CERCLE_BIN" --db "$DB" member add facil --name "Fa Cilitatrice" \
	    --role member,facilitator --org "Urban Prod" >/dev/null
	for m in urban irts zinc adrets arsenic camp; do
		"$CERCLE_BIN" --db "$DB" member add "$m" --name "Membre $m" \
		    --role member --org "$m" --territory Alpes >/dev/null
	done
	"$CERCLE_BIN" --db "$DB" member add corr --name "Corres Pondant" \
	    --role correspondent --territory Azur >/dev/null
	"$CERCLE_BIN" --db "$DB" member add obs --name "Ob Servateur" \
	    --role observer >/dev/null
}

done_testing() {
	echo "1..$_n"
	[ "$_failed" -eq 0 ]
}
