# End-to-end: the man page documents every command that `cercle --help`
# lists, with the very usage `cercle help COMMAND` prints (the man page
# is built next to the binary from src/man/*.man).
. "$(dirname "$0")/lib.sh"
MAN="$(dirname "$(readlink -f "$CERCLE_BIN")")/cercle.1"
check "the man page is built next to the binary" [ -s "$MAN" ]
MANWIDTH=1000 man -l "$MAN" 2>/dev/null | col -b >"$TEST_TMP/man.txt"
check "man -l renders it" [ -s "$TEST_TMP/man.txt" ]
check "it has a NAME, SYNOPSIS, DESCRIPTION and EXIT STATUS" sh -c \
    "grep -q '^NAME' '$TEST_TMP/man.txt' && grep -q '^SYNOPSIS' '$TEST_TMP/man.txt' && grep -q '^DESCRIPTION' '$TEST_TMP/man.txt' && grep -q '^EXIT STATUS' '$TEST_TMP/man.txt'"
"$CERCLE_BIN" --help >"$TEST_TMP/help.txt"
/usr/bin/python3 - "$CERCLE_BIN" "$TEST_TMP/help.txt" "$TEST_TMP/man.txt" \
    >"$TEST_TMP/names" <<'PY'
import re, sys
help = open(sys.argv[2]).read().split("Commands:")[1]
for n in re.findall(r'^  ([a-z][a-z -]*?)  +\S', help, re.M):
    print(n)
PY
check "--help lists commands ($(wc -l <"$TEST_TMP/names"))" \
    [ "$(wc -l <"$TEST_TMP/names")" -ge 60 ]
tr -s ' \n' '  ' <"$TEST_TMP/man.txt" | sed 's/\xe2\x80\x90/-/g' \
    >"$TEST_TMP/man1"
while IFS= read -r name; do
	# shellcheck disable=SC2086
	"$CERCLE_BIN" help $name | head -1 | sed 's/^usage: //' \
	    | tr -s ' ' >"$TEST_TMP/usage"
	check "man documents: $(cat "$TEST_TMP/usage")" \
	    grep -qF -- "$(cat "$TEST_TMP/usage")" "$TEST_TMP/man1"
done <"$TEST_TMP/names"
done_testing
