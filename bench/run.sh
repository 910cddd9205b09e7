#!/bin/sh
# bench/run.sh: run every benchmark of `make bench` and print their
# figures (`name  value  unit` lines), then one final table. Figures, not
# pass/fail: nothing here fails on a slow number. Only loopback; every load
# stops by itself. Run through `make bench` (it builds the programs).
#
# Settings (environment):
#   BENCH_STORE_SECONDS  seconds of writes per store-peer load (default 3;
#                        reads run 2/3 of it)
#   BENCH_STORE_REPS     repetitions of each store-peer load, alternating
#                        the engines; the median is kept (default 3)
#   BENCH_SCALE_N        database sizes for scale (default
#                        "10000 100000 1000000"); cached in build/bench/
#   BENCH_IDLE_SECONDS   the idle measure of the wire benchmark (default 60)
#   BENCH_PROP_N         session counts of propagation (default "10 50 250")
#   BENCH_SSH_REPS       logins per server in sshpeer (default 20)
#   BENCH_SSH_SECONDS    seconds of the sessions/s load (default 5)
#   BENCH_LINK_BPS       the emulated link of mountain: bit/s (default 9600)
#   BENCH_LINK_RTT_MS    and round trip in ms (default 600)
#   BENCH_ONLY           run only the benchmarks whose names are listed
#                        (store scale wire propagation sshpeer mountain; scale
#                        includes tuiscale)
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
BIN=${CERCLE_BIN:-$TOP/build/release/cercle}
BB=${BENCH_BIN:-$TOP/build/release/bench}
OUT=$TOP/build/bench
mkdir -p "$OUT"
RES=$OUT/results.txt
: >"$RES"
T0=$(date +%s)

want() {
	[ -z "${BENCH_ONLY:-}" ] && return 0
	[ "$1" = tuiscale ] && set -- scale
	case " $BENCH_ONLY " in *" $1 "*) return 0 ;; esac
	return 1
}

# Print a benchmark's output and keep its `name  value  unit` lines.
keep() {
	tee "$OUT/$1.log"
	grep -E '^[a-z0-9_]+\.[A-Za-z0-9_.]+  -?[0-9.]+  [^ ]' "$OUT/$1.log" \
	    >>"$RES"
}

machine() {
	dev=$(df --output=source "$OUT" 2>/dev/null | tail -1)
	base=$(basename "$dev" | sed 's/[0-9]*$//')
	rota=$(cat "/sys/block/$base/queue/rotational" 2>/dev/null || echo ?)
	fs=$(df --output=fstype "$OUT" 2>/dev/null | tail -1)
	echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo |
	    cut -d: -f2 | sed 's/^ *//'), kernel $(uname -r)"
	echo "memory: $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' \
	    /proc/meminfo); disk: $dev ($fs, rotational=$rota" \
	    "as the guest sees it); load before: $(cut -d' ' -f1-3 \
	    /proc/loadavg) ($(date -u '+%Y-%m-%d %H:%M UTC'))"
}

machine | tee "$OUT/machine.txt"
echo "cercle: $("$BIN" --version 2>/dev/null) at $(cd "$TOP" &&
    git rev-parse --short HEAD 2>/dev/null)"
echo

if want store; then
	echo "== 4. store peer: cercle (LMDB + msgpack) vs SQLite (WAL, synchronous=FULL)"
	rm -rf "$OUT/store-peer"
	mkdir -p "$OUT/store-peer"
	"$BB/store-peer" "$OUT/store-peer" "${BENCH_STORE_SECONDS:-3}" \
	    "${BENCH_STORE_REPS:-3}" |
	    keep store
	rm -rf "$OUT/store-peer"
	echo
	# The same with group commit off (each process commits alone), to
	# compare in one run; its figures are named store.nogc.*.
	echo "== 4b. store peer, CERCLE_GROUP_COMMIT=0"
	mkdir -p "$OUT/store-peer"
	CERCLE_GROUP_COMMIT=0 "$BB/store-peer" "$OUT/store-peer" \
	    "${BENCH_STORE_SECONDS:-3}" "${BENCH_STORE_REPS:-3}" |
	    sed 's/^store\./store.nogc./' | keep store-nogc
	rm -rf "$OUT/store-peer"
	echo
fi

if want scale; then
	echo "== 5. scale: 10k -> 100k -> 1M needs"
	# shellcheck disable=SC2086
	"$BB/scale" "$OUT/cache" "$BIN" ${BENCH_SCALE_N:-10000 100000 1000000} |
	    keep scale
	echo
fi

# The terminal and SSH benchmarks are Python scripts (Debian's python3-pyte
# reads the screens); they need `cercle tui`, and all but tuiscale
# `cercle serve`.
py() {
	name=$1
	need=$2
	shift 2
	want "$name" || return 0
	echo "== $name"
	if ! "$BIN" help "$need" >/dev/null 2>&1; then
		echo "$name: skipped: this cercle has no '$need' command"
	elif [ ! -e "$TOP/bench/$name.py" ]; then
		echo "$name: not written yet (see bench/README.md)"
	else
		CERCLE_BIN=$BIN PYTHONDONTWRITEBYTECODE=1 timeout 600 \
		    /usr/bin/python3 \
		    "$TOP/bench/$name.py" "$@" | keep "$name"
	fi
	echo
}

if want scale; then
	# shellcheck disable=SC2086
	py tuiscale tui "$OUT/cache" ${BENCH_SCALE_N:-10000 100000 1000000}
fi
py wire serve		# 1. bytes on the wire
py propagation serve	# 2. live propagation
py sshpeer serve	# 3. cercle serve vs OpenSSH sshd
py mountain serve	# 6. over an emulated 9600 bit/s, 600 ms link

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg) ($(date -u '+%Y-%m-%d %H:%M UTC'))" |
    tee -a "$OUT/machine.txt"
echo "== all figures ($(($(date +%s) - T0)) s)"
awk '{ printf "%-44s %14s  %s\n", $1, $2, $3 }' "$RES"
