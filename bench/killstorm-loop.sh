#!/bin/sh
# bench/killstorm-loop.sh: run the kill storm tests N times in a row (not
# part of `make check`: each run takes about a minute) and print how many
# passed. usage: sh bench/killstorm-loop.sh [N] [TEST...]
# Default: 100 runs of tests/e2e/test-killstorm-gov.sh and
# tests/e2e/test-killstorm.sh; stops at the first failure, keeping its log.
# KILLSTORM_UNTIL=EPOCH (seconds, as date +%s) starts no run after that
# time and reports the runs made.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-100}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- test-killstorm-gov.sh test-killstorm.sh
CERCLE_BIN=${CERCLE_BIN:-$TOP/build/release/cercle}
export CERCLE_BIN
for t in "$@"; do
	pass=0
	i=0
	while [ $i -lt "$N" ]; do
		if [ -n "${KILLSTORM_UNTIL:-}" ] &&
		    [ "$(date +%s)" -ge "$KILLSTORM_UNTIL" ]; then
			echo "$t: stopped at KILLSTORM_UNTIL"
			break
		fi
		i=$((i + 1))
		work=$(mktemp -d)
		if (cd "$work" && TEST_TMP="$work" sh "$TOP/tests/e2e/$t") \
		    >"$work.log" 2>&1 && ! grep -q '^not ok' "$work.log"; then
			pass=$((pass + 1))
			rm -rf "$work" "$work.log"
			echo "$t: run $i ok ($(date -u +%H:%M:%S))"
		else
			echo "$t: run $i failed; log in $work.log"
			rm -rf "$work"
			break
		fi
	done
	echo "killstorm.$t  $pass  of $i runs passed in a row"
done
