#!/bin/sh
# bench/export-datapackage.sh: time, peak RSS and peak anonymous memory of
# `cercle export --format datapackage` on the scale databases (bench/scale.c
# builds and caches them). Usage: export-datapackage.sh CERCLE_BIN DB... ;
# prints one line per database. Writes into a temporary directory, removed.
bin=$1
shift
for db in "$@"; do
	out=$(mktemp -d)
	t0=$(date +%s%N)
	"$bin" --db "$db" export --format datapackage --to "$out/pkg" \
	    >/dev/null 2>&1 &
	pid=$!
	anon=0
	hwm=0
	while kill -0 "$pid" 2>/dev/null; do
		a=$(awk '/^RssAnon:/ { print $2 }' /proc/$pid/status 2>/dev/null)
		h=$(awk '/^VmHWM:/ { print $2 }' /proc/$pid/status 2>/dev/null)
		[ -n "$a" ] && [ "$a" -gt "$anon" ] && anon=$a
		[ -n "$h" ] && [ "$h" -gt "$hwm" ] && hwm=$h
		sleep 0.05
	done
	wait "$pid"
	rc=$?
	t1=$(date +%s%N)
	rows=$(cat "$out"/pkg/*_besoins.csv | wc -l)
	size=$(du -sb "$out/pkg" | cut -f1)
	echo "export.datapackage db=$(basename "$db") rc=$rc ms=$(((t1 - t0) / 1000000)) peak_rss_kb=$hwm peak_anon_kb=$anon bytes=$size besoins_csv_lines=$rows"
	rm -rf "$out"
done
