# tests/e2e/store-lib.sh: build the store tests' helpers against the objects
# of the binary under test (with the sanitizers when it has them). Source
# it after lib.sh.
_objdir=$(dirname "$(readlink -f "$CERCLE_BIN")")
_root=$(cd "$(dirname "$0")/../.." && pwd)
_san=
case "$_objdir" in *asan*) _san="-fsanitize=address,undefined" ;; esac

# build_session: $TEST_TMP/store-session, from tests/e2e/store-session.c.
build_session() {
	cc -std=c11 -D_GNU_SOURCE -I "$_root/src" $_san \
	    -o "$TEST_TMP/store-session" "$_root/tests/e2e/store-session.c" \
	    $(ls "$_objdir"/*.o | grep -v '/main\.o$') \
	    $(pkg-config --cflags --libs ncursesw lmdb msgpack libssh libcrypto) \
	    -lutil 2>"$TEST_TMP/build.err"
}

# build_slowstat: $TEST_TMP/slow-stat.so, an LD_PRELOAD that widens the
# window between reading data.mdb's size and what comes next.
build_slowstat() {
	cc -shared -fPIC -O2 -o "$TEST_TMP/slow-stat.so" \
	    "$_root/tests/e2e/slow-stat.c" -ldl 2>"$TEST_TMP/build.err"
}
