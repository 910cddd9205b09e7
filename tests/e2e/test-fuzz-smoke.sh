# Smoke run of every libFuzzer target (tests/fuzz/fuzz-*.c, built by
# `make check` into build/fuzz): a bounded number of executions on the
# committed seed corpus; a crash, leak or sanitizer report fails the test.
# The long runs are `make fuzz` (FUZZ_SECONDS each).
. "$(dirname "$0")/lib.sh"

root=$(cd "$(dirname "$0")/../.." && pwd)
fuzzdir=${FUZZ_DIR:-$(dirname "$CERCLE_BIN")/../fuzz}
runs=${FUZZ_SMOKE_RUNS:-20000}
found=0
for src in "$root"/tests/fuzz/fuzz-*.c; do
	name=$(basename "$src" .c)
	short=${name#fuzz-}
	bin="$fuzzdir/$name"
	found=$((found + 1))
	if [ ! -x "$bin" ]; then
		not_ok "$name is built ($bin missing: run make check)"
		continue
	fi
	work="$TEST_TMP/$short"
	mkdir -p "$work/corpus"
	timeout -k 5 120 "$bin" -runs="$runs" -max_total_time=60 \
	    -close_fd_mask=3 -artifact_prefix="$work/" "$work/corpus" \
	    "$root/tests/fuzz/corpus/$short" >"$work/log" 2>&1
	rc=$?
	execs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$work/log")
	if [ "$rc" -eq 0 ] && [ -n "$execs" ] &&
	    ! ls "$work"/crash-* "$work"/leak-* "$work"/timeout-* \
	    >/dev/null 2>&1; then
		ok "$name: $execs executions, no crash"
	else
		not_ok "$name: exit $rc, crash or report found"
		grep -E 'ERROR|SUMMARY|artifact' "$work/log" | head -5 |
		    sed 's/^/#   /'
	fi
done
check "there are fuzz targets ($found)" [ "$found" -ge 6 ]
done_testing
