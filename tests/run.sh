#!/bin/sh
# tests/run.sh: run every test and print one closing line "N passed, N failed".
# Unit tests are cmocka binaries (given as arguments) run with TAP output;
# end-to-end tests are tests/e2e/test-*.sh and test-*.py, which print TAP
# lines ("ok N - what" / "not ok N - what") through tests/e2e/lib.sh or
# tests/e2e/lib.py. Each test runs in its own temporary directory.
# Environment: CERCLE_BIN (the binary under test), TEST_FILTER (substring).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
: "${CERCLE_BIN:=$root/cercle}"
export CERCLE_BIN
out="$root/tests/out"
mkdir -p "$out"
mode=all
case "${1:-}" in
--unit-only) mode=unit; shift ;;
--e2e-only) mode=e2e; shift ;;
esac
units="$*"
pass=0
fail=0
failed_tests=""

run_one() { # name command...
	name=$1
	shift
	case "$name" in *"${TEST_FILTER:-}"*) ;; *) return ;; esac
	log="$out/$(echo "$name" | tr / _).log"
	work=$(mktemp -d "${TMPDIR:-/tmp}/cercle-test.XXXXXX")
	start=$(date +%s)
	(cd "$work" && TEST_TMP="$work" CMOCKA_MESSAGE_OUTPUT=TAP \
	    timeout -k 10 "${TEST_TIMEOUT:-600}" "$@") >"$log" 2>&1
	rc=$?
	end=$(date +%s)
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name exited with status $rc" >>"$log"
		f=1
	fi
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name ran no check" >>"$log"
		f=1
	fi
	pass=$((pass + p))
	fail=$((fail + f))
	if [ "$f" -gt 0 ]; then
		printf 'FAIL %-32s %4d ok %3d failed  %3ss  (%s)\n' "$name" "$p" \
		    "$f" $((end - start)) "$log"
		grep '^not ok' "$log" | head -20 | sed 's/^/     /'
		failed_tests="$failed_tests $name"
	else
		printf 'PASS %-32s %4d ok  %3ss\n' "$name" "$p" $((end - start))
	fi
	rm -rf "$work"
}

if [ "$mode" != e2e ]; then
	for u in $units; do
		# Each test runs in its own directory: make the path absolute.
		case "$u" in /*) ;; *) u="$root/$u" ;; esac
		run_one "unit/$(basename "$u")" "$u"
	done
fi
if [ "$mode" != unit ]; then
	for t in "$here"/e2e/test-*.sh "$here"/e2e/test-*.py; do
		[ -e "$t" ] || continue
		case "$t" in
		*.sh) run_one "e2e/$(basename "$t")" sh "$t" ;;
		*.py) run_one "e2e/$(basename "$t")" /usr/bin/python3 "$t" ;;
		esac
	done
fi
echo
[ -n "$failed_tests" ] && echo "failed:$failed_tests"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
