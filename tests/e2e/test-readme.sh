# The README and INSTALL work verbatim: every block of commands marked
# "<!-- run -->" (the indented lines after the marker) runs as written, in
# order, in a directory where ./cercle is the binary under test and
# demo-db a fresh demo hub (what `make demo` makes); each line must exit 0.
# Comments after " # " are the reader's, cut before running. The test is
# first shown to fail on a planted example that is refused.
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
# What a newcomer's shell has: no LC_MESSAGES of the harness.
unset LC_MESSAGES

# blocks FILE: the command lines of its marked blocks, one a line.
blocks() {
	awk '
	/^<!-- run -->$/ { armed = 1; inblk = 0; next }
	armed && /^    / { inblk = 1; line = substr($0, 5)
		if (line ~ /^#/) next
		sub(/[ \t]+# .*$/, "", line); print line; next }
	armed && inblk && !/^    / { armed = 0; inblk = 0 }
	' "$1"
}

run_file() {
	dir=$1
	file=$2
	n=0
	while IFS= read -r line; do
		n=$((n + 1))
		(cd "$dir" && sh -c "$line") >"$TEST_TMP/line.out" \
		    2>"$TEST_TMP/line.err"
		rc=$?
		if [ "$rc" -eq 0 ]; then
			ok "$(basename "$file"): $line"
		else
			_n=$((_n + 1)); _failed=$((_failed + 1))
			echo "not ok $_n - $(basename "$file"): $line (exit $rc)"
			echo "#   $(head -c 300 "$TEST_TMP/line.err")"
		fi
	done <"$TEST_TMP/lines"
	echo "# $n lines from $file"
}

fresh() {
	rm -rf "$1"; mkdir -p "$1"
	ln -s "$CERCLE_BIN" "$1/cercle"
	(cd "$1" && ./cercle --db demo-db demo >/dev/null 2>&1)
}

# The extraction finds the blocks, and a refused example fails the run.
printf '%s\n' 'text' '<!-- run -->' '' \
    '    ./cercle --db demo-db journal --limit 1   # fine' \
    '    ./cercle --db demo-db meeting close --as lea  # refused' \
    '' 'prose' '    ./cercle not-run' >"$TEST_TMP/plant.md"
blocks "$TEST_TMP/plant.md" >"$TEST_TMP/lines"
check "a marked block gives its lines, comments cut" \
    [ "$(cat "$TEST_TMP/lines")" = "$(printf '%s\n' \
    './cercle --db demo-db journal --limit 1' \
    './cercle --db demo-db meeting close --as lea')" ]
fresh "$TEST_TMP/p"
( _n=0; _failed=0; run_file "$TEST_TMP/p" plant.md >"$TEST_TMP/plant.tap";
  exit $_failed ) && planted=0 || planted=1
check "a refused example fails the run" [ "$planted" -eq 1 ]
check "and the good one passes" grep -q '^ok 1 - ' "$TEST_TMP/plant.tap"

for f in README.md INSTALL; do
	blocks "$root/$f" >"$TEST_TMP/lines"
	[ -s "$TEST_TMP/lines" ] || continue
	fresh "$TEST_TMP/run-$f"
	run_file "$TEST_TMP/run-$f" "$f"
done
check "README.md has at least 30 commands that run" \
    [ "$(blocks "$root/README.md" | wc -l)" -ge 30 ]
# The decision of the README's meeting holds its alert in French (the
# demo hub's language), though the commands ran with LANG unset.
"$CERCLE_BIN" --db "$TEST_TMP/run-README.md/demo-db" decision list \
    --json >"$OUT" 2>"$ERR"
check "the README's decision text is in the hub's language" \
    grep -q 'Alertes' "$OUT"
done_testing
