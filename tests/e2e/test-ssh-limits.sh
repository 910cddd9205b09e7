# End-to-end: the limits of `cercle serve`, asserted from the client side:
# login grace, authentication attempts, sessions per member and in all,
# dead peers, and slots given back when clients are killed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ssh-lib.sh"

setup_hub
for k in a1 a2 a3 z1 z2 z3 u1 u2; do newkey "$k"; done
for k in a1 a2 a3; do
	"$CERCLE_BIN" --db "$DB" member key add urban "$(cat "$TEST_TMP/$k.pub")" >/dev/null
done
"$CERCLE_BIN" --db "$DB" member key add zinc "$(cat "$TEST_TMP/z1.pub")" >/dev/null
"$CERCLE_BIN" --db "$DB" member key add irts "$(cat "$TEST_TMP/u1.pub")" >/dev/null
"$CERCLE_BIN" --db "$DB" member key add camp "$(cat "$TEST_TMP/u2.pub")" >/dev/null

start_server --login-grace 3 --max-auth-tries 2

# Pre-auth: a TCP client that never speaks SSH is cut off.
/usr/bin/python3 - "$PORT" >"$OUT" 2>&1 <<'PY'
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.settimeout(15)
t0 = time.time()
banner = s.recv(200)
rest = b""
try:
    while True:
        b = s.recv(200)
        if not b:
            break
        rest += b
except Exception as e:
    print("no close:", e)
print("banner", banner[:8].decode(errors="replace"))
print("closed after", int(time.time() - t0))
PY
check "a silent client gets the SSH banner" out_has "banner SSH-2.0"
check "and is closed after the login grace" grep -Eq "closed after [3-6]$" "$OUT"

# Pre-auth: a client that stalls in authentication (its passphrase
# program sleeps) is told why it is disconnected.
ssh-keygen -q -t ed25519 -N 'secret' -f "$TEST_TMP/locked" </dev/null
"$CERCLE_BIN" --db "$DB" member key add adrets "$(cat "$TEST_TMP/locked.pub")" >/dev/null
printf '#!/bin/sh\nsleep 6\necho secret\n' >"$TEST_TMP/askpass"
chmod +x "$TEST_TMP/askpass"
SSH_ASKPASS="$TEST_TMP/askpass" SSH_ASKPASS_REQUIRE=force DISPLAY=:0 \
    timeout 20 ssh -F /dev/null -o StrictHostKeyChecking=no \
    -o UserKnownHostsFile=/dev/null -o IdentitiesOnly=yes \
    -o NumberOfPasswordPrompts=1 -p "$PORT" -i "$TEST_TMP/locked" \
    x@127.0.0.1 whoami </dev/null >"$OUT" 2>"$ERR"
check "a client slow to authenticate is disconnected" \
    err_has "no authentication within 3 s"

# Authentication attempts.
timeout 20 ssh $SSH_OPTS -o LogLevel=INFO -p "$PORT" -i "$TEST_TMP/z2" \
    -i "$TEST_TMP/z3" -i "$TEST_TMP/a1" x@127.0.0.1 whoami \
    </dev/null >"$OUT" 2>"$ERR"
check "too many refused keys end the connection" \
    err_has "too many authentication attempts (2)"
check "before the good third key is tried" sh -c "! grep -q urban '$OUT'"

# Authenticated but never asking for a session: cut off after the grace.
hold() { # KEY: a session left open in the background; prints its pid
	# (the EXIT trap of ssh-lib.sh kills what is left of them)
	ssh $SSH_OPTS -o LogLevel=ERROR -N -p "$PORT" \
	    -i "$TEST_TMP/$1" x@127.0.0.1 </dev/null >/dev/null 2>&1 &
	echo $!
	echo $! >>"$TEST_TMP/clients"
}
h4=$(hold u2)
wait_until 10 grep -q "camp: no session requested within 3 s" "$SRV_LOG"
check "an authenticated connection with no session is closed" \
    log_has "camp: no session requested within 3 s"
kill -KILL "$h4" 2>/dev/null
stop_server

# Sessions per member: hold two for urban (no command: ssh -N).
start_server --login-grace 60 --max-per-member 2 --max-sessions 3 \
    --keepalive 1 --keepalive-max 2
h1=$(hold a1)
h2=$(hold a2)
wait_until 10 sh -c "[ \$(grep -c 'as urban' '$SRV_LOG') -ge 2 ]"
sleep 0.5
timeout 20 ssh $SSH_OPTS -o LogLevel=INFO -p "$PORT" -i "$TEST_TMP/a3" \
    x@127.0.0.1 whoami </dev/null >"$OUT" 2>"$ERR"
RC=$?
check "a third session of the same member is refused" \
    err_has "urban already has 2 sessions open (the limit per member)"
check "with a non-zero status and no output" [ "$RC" -ne 0 ] && [ ! -s "$OUT" ]
# Sessions in all: urban x2 + zinc = 3, the limit.
h3=$(hold z1)
wait_until 10 grep -q "as zinc" "$SRV_LOG"
sleep 0.5
timeout 20 ssh $SSH_OPTS -o LogLevel=INFO -p "$PORT" -i "$TEST_TMP/u1" \
    x@127.0.0.1 whoami </dev/null >"$OUT" 2>"$ERR"
check "a session beyond the total is refused" \
    err_has "the hub is full (3 sessions open, the limit)"

# Killing clients abruptly gives their slots back.
kill -KILL "$h1" "$h2" 2>/dev/null
wait_until 10 sh -c "[ \$(grep -c 'urban: session closed' '$SRV_LOG') -ge 2 ]"
sshc u1 x@127.0.0.1 whoami
check "once killed clients are gone, a new session is accepted" \
    out_has "login:        irts"

# A dead peer (stopped client: its kernel still ACKs, SSH never answers).
kill -STOP "$h3"
wait_until 12 grep -q "zinc: peer not responding" "$SRV_LOG"
check "a peer that stops answering is detected and dropped" \
    log_has "zinc: peer not responding"
kill -CONT "$h3" 2>/dev/null
kill -KILL "$h3" 2>/dev/null

stop_server
check "no session process is left" [ -z "$(db_procs)" ]
mdb_stat -rr "$DB" >"$OUT" 2>&1
check "no stale LMDB reader slot" out_has "0 stale readers cleared"
done_testing
