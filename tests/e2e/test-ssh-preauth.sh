# End-to-end: limits before authentication and the algorithms offered.
# Silent connections (held open, never speaking) against --max-startups
# START:RATE:FULL and --per-source-startups; the real OpenSSH client of a
# refused connection reads cercle's reason (not "Connection reset"); a
# flood of refusals is logged in a few lines with a count. Then the
# default algorithm set: what --check reports, what a client limited to
# NIST ECDH or to a MAC that is not encrypt-then-MAC gets. Bounded: every
# storm is a fixed number of connections, each held a few seconds.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ssh-lib.sh"

setup_hub
newkey alice
"$CERCLE_BIN" --db "$DB" member key add urban "$(cat "$TEST_TMP/alice.pub")" >/dev/null

# hold N SECONDS [SRC]: N silent connections from SRC, in the background.
hold() {
	/usr/bin/python3 - "$PORT" "$1" "$2" "${3:-127.0.0.1}" <<'EOF' &
import socket, sys, time
port, n, secs, src = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
held = []
for _ in range(n):
    s = socket.socket()
    s.bind((src, 0))
    s.connect(("127.0.0.1", port))
    held.append(s)
time.sleep(secs)
EOF
	HOLD=$!
	echo "$HOLD" >>"$TEST_TMP/clients"
	sleep 1
}

# Per address: 3 silent connections from 127.0.0.1 fill its share.
start_server --max-startups 8 --per-source-startups 3 --login-grace 20
hold 3 8
sshc alice -b 127.0.0.1 x@127.0.0.1 whoami
check "a fourth connection from the same address is refused" [ "$RC" -eq 255 ]
check "and the client prints cercle's reason" \
    err_has "too many connections not yet logged in from your address (3, the limit)"
check "not a reset" sh -c "! grep -qi 'reset' '$ERR'"
sshc alice -b 127.0.0.2 x@127.0.0.1 whoami
check "another address still gets in meanwhile" out_has "login:        urban"
check "the refusal is in the log" log_has "refused: too many connections not yet logged in from your address"
kill "$HOLD" 2>/dev/null; wait "$HOLD" 2>/dev/null

# Nobody is logged in yet: the client is told in the server's language,
# the hub's French when the environment names no other; the log stays in
# English (like sshd's, for grep and fail2ban).
stop_server
unset LC_MESSAGES
start_server --max-startups 8 --per-source-startups 3 --login-grace 20
export LC_MESSAGES=en_US.UTF-8
hold 3 8
sshc alice -b 127.0.0.1 x@127.0.0.1 whoami
check "a French server refuses in French" [ "$RC" -eq 255 ]
# OpenSSH's client prints a disconnect reason's bytes above 0x7e as
# octal escapes (\303\251 for é): the reason goes out as ASCII.
check "the client prints it, in ASCII French (no octal escapes)" \
    err_has "trop de connexions en attente d'identification depuis votre adresse (3, la limite) ; reessayez plus tard"
check "no escaped byte" sh -c "! grep -q '\\\\[0-9]' '$ERR'"
check "its log stays in English" log_has "refused: too many connections not yet logged in from your address (3, the limit)"
kill "$HOLD" 2>/dev/null; wait "$HOLD" 2>/dev/null

# In all: full at 4, from any address.
stop_server
start_server --max-startups 4 --per-source-startups 10 --login-grace 20
hold 2 8 127.0.0.1
h1=$HOLD
hold 2 8 127.0.0.3
sshc alice -b 127.0.0.2 x@127.0.0.1 whoami
check "beyond FULL unauthenticated connections, a login is refused" \
    [ "$RC" -eq 255 ]
check "told why" err_has "too many connections not yet logged in (4, the limit)"
kill "$HOLD" "$h1" 2>/dev/null; wait "$HOLD" "$h1" 2>/dev/null
login_ok() { sshc alice x@127.0.0.1 whoami; [ "$RC" -eq 0 ]; }
wait_until 10 login_ok
check "once they go, logins work again" [ "$RC" -eq 0 ]

# Random early drop: START 1, RATE 100: with one silent connection held,
# every new one is dropped (the rate is a probability; 100 makes it sure).
stop_server
start_server --max-startups 1:100:10 --login-grace 20
hold 1 12
sshc alice x@127.0.0.1 whoami
check "early drop refuses a login once START is reached (rate 100%)" \
    [ "$RC" -eq 255 ]
check "with a reason" err_has "try again in a moment"
# A flood of 120 refused connections: a few log lines, with a count.
/usr/bin/python3 - "$PORT" <<'EOF'
import socket, sys
port = int(sys.argv[1])
for _ in range(120):
    s = socket.create_connection(("127.0.0.1", port))
    s.settimeout(2)
    try:
        while s.recv(4096):
            pass
    except OSError:
        pass
    s.close()
EOF
kill "$HOLD" 2>/dev/null; wait "$HOLD" 2>/dev/null
stop_server
lines=$(grep -c "refused" "$SRV_LOG")
check "121 refusals take at most 4 log lines (took $lines)" [ "$lines" -le 4 ]
check "with a count of those not logged one by one" \
    grep -Eq "refused (1[01][0-9]|120) more connections in the last [0-9]+ s \(limit in all: 0, not logged in: 0, per address: 0, early drop: (1[01][0-9]|120)\)" "$SRV_LOG"

# Algorithms.
c serve --check
check "serve --check reports the configuration" out_has "kex curve25519-sha256"
check "no NIST-curve ECDH by default" sh -c "! grep -q nistp '$OUT'"
check "only encrypt-then-MAC MACs" \
    grep -q "^macs hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com$" "$OUT"
check "Ed25519 host keys" grep -q "^hostkey-algorithms ssh-ed25519$" "$OUT"
c serve --check --kex no-such-kex
check "an unknown algorithm list is refused (exit 1)" [ "$RC" -eq 1 ]
check "in one line naming the option" err_has "--kex 'no-such-kex'"
start_server
sshc alice -o KexAlgorithms=ecdh-sha2-nistp256 x@127.0.0.1 whoami
check "a client offering only NIST ECDH is refused" [ "$RC" -eq 255 ]
check "the log says no key exchange matched" log_has "no match for method kex algos"
sshc alice -o Ciphers=aes128-ctr -o MACs=hmac-sha2-256 x@127.0.0.1 whoami
check "a client offering only a MAC that is not EtM is refused" [ "$RC" -eq 255 ]
sshc alice -o Ciphers=aes128-ctr -o MACs=hmac-sha2-256-etm@openssh.com \
    x@127.0.0.1 whoami
check "the same cipher with an EtM MAC is accepted" out_has "login:        urban"
stop_server
start_server --kex ecdh-sha2-nistp256,curve25519-sha256
sshc alice -o KexAlgorithms=ecdh-sha2-nistp256 x@127.0.0.1 whoami
check "an admin may choose another key exchange (--kex)" \
    out_has "login:        urban"
done_testing
