# tests/e2e/ssh-lib.sh: helpers for the SSH tests (source after lib.sh).
# Starts `cercle serve` on 127.0.0.1 with a port the kernel picks, makes
# throwaway client keys, and runs the real OpenSSH client against it.
# Every server started here is stopped by the EXIT trap.

SRV_PIDS=""
SRV_LOG="$TEST_TMP/serve.log"

ssh_cleanup() {
	if [ -f "$TEST_TMP/clients" ]; then
		for p in $(cat "$TEST_TMP/clients"); do
			kill -CONT "$p" 2>/dev/null
			kill -KILL "$p" 2>/dev/null
		done
	fi
	for p in $SRV_PIDS; do
		kill -TERM "$p" 2>/dev/null
	done
	for p in $SRV_PIDS; do
		for _i in 1 2 3 4 5 6 7 8 9 10; do
			kill -0 "$p" 2>/dev/null || break
			sleep 0.3
		done
		kill -KILL "$p" 2>/dev/null
	done
	[ -n "${SSH_AGENT_PID:-}" ] && kill "$SSH_AGENT_PID" 2>/dev/null
	# Under SANITIZE=1 a report in any server process is a failure.
	cat "$SRV_LOG" >>"$TEST_TMP/serve-all.log" 2>/dev/null
	if grep -q "Sanitizer\|runtime error" "$TEST_TMP/serve-all.log" \
	    2>/dev/null; then
		echo "not ok - a sanitizer reported in cercle serve"
		grep -A12 "Sanitizer\|runtime error" "$TEST_TMP/serve-all.log" |
		    head -40 | sed 's/^/# /'
	fi
	return 0
}
trap ssh_cleanup EXIT

# start_server [serve options...]: sets PORT and SRV_PID.
start_server() {
	cat "$SRV_LOG" >>"$TEST_TMP/serve-all.log" 2>/dev/null
	: >"$SRV_LOG"
	"$CERCLE_BIN" --db "$DB" serve --listen 127.0.0.1:0 "$@" \
	    >>"$SRV_LOG" 2>&1 &
	SRV_PID=$!
	SRV_PIDS="$SRV_PIDS $SRV_PID"
	PORT=""
	for _i in $(seq 1 50); do
		PORT=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' \
		    "$SRV_LOG" | head -1)
		[ -n "$PORT" ] && break
		kill -0 "$SRV_PID" 2>/dev/null || break
		sleep 0.1
	done
	if [ -z "$PORT" ]; then
		echo "Bail out! cercle serve did not start: $(cat "$SRV_LOG")"
		exit 1
	fi
}

stop_server() {
	kill -TERM "$SRV_PID" 2>/dev/null
	for _i in $(seq 1 50); do
		kill -0 "$SRV_PID" 2>/dev/null || break
		sleep 0.1
	done
}

# newkey NAME: a throwaway Ed25519 key in $TEST_TMP/NAME(.pub).
newkey() {
	ssh-keygen -q -t ed25519 -N '' -C "$1@test" -f "$TEST_TMP/$1" \
	    </dev/null
}

SSH_OPTS="-F /dev/null -o StrictHostKeyChecking=no
 -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o IdentitiesOnly=yes
 -o ConnectTimeout=10"

# sshc KEY [ssh options and command...]: output in $OUT/$ERR, status $RC.
sshc() {
	_k=$1
	shift
	# shellcheck disable=SC2086
	# The client asks for English (as lib.sh does for the CLI): a one-shot
	# command speaks the member's language, else the client's, else the
	# hub's (French). SSH_LANG=fr_FR.UTF-8 asks for French; SSH_ENV adds
	# variables (ssh keeps only the first SetEnv, so it is this one).
	timeout 30 ssh -o "SetEnv=LC_MESSAGES=${SSH_LANG:-en_US.UTF-8}${SSH_ENV:+ $SSH_ENV}" \
	    $SSH_OPTS -o LogLevel=ERROR -p "$PORT" -i "$TEST_TMP/$_k" "$@" \
	    </dev/null >"$OUT" 2>"$ERR"
	RC=$?
	return 0
}

# sshq KEY [ssh options...] DEST: like sshc, typing "q" (quit) into the
# session, so an interface started on a pty draws and leaves at once.
sshq() {
	_k=$1
	shift
	# shellcheck disable=SC2086
	printf q | timeout 30 ssh $SSH_OPTS -o LogLevel=ERROR -p "$PORT" \
	    -i "$TEST_TMP/$_k" "$@" >"$OUT" 2>"$ERR"
	RC=$?
	return 0
}

# sshx RC DESC KEY ARGS...: sshc and expect the exit status.
sshx() {
	_want=$1
	_desc=$2
	shift 2
	_key=$1
	shift
	sshc "$_key" "somebody@127.0.0.1" "$@"
	if [ "$RC" -eq "$_want" ]; then ok "$_desc"; else
		not_ok "$_desc (exit $RC, wanted $_want)"; fi
}

log_has() { grep -qF -- "$1" "$SRV_LOG"; }

# Processes whose command line names this test's database (the server,
# its session processes and the interfaces they start).
db_procs() { pgrep -f -- "--db $DB " | grep -v "^$SRV_PID\$" || true; }

# wait_until SECONDS CMD...: poll until CMD succeeds.
wait_until() {
	_t=$1
	shift
	_end=$(($(date +%s) + _t))
	while [ "$(date +%s)" -le "$_end" ]; do
		"$@" && return 0
		sleep 0.2
	done
	return 1
}
