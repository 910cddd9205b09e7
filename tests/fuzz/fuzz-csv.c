/* fuzz-csv.c: libFuzzer target for the CSV reader of need import: any
 * bytes are read to the end or refused with a line, never a crash nor an
 * endless loop; what it gives is UTF-8, one record per call, lines that
 * only grow and stay within the file's. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_row row = { 0 };
	struct csv r;
	struct err e;
	size_t lines = 1, last = 0, records = 0;
	int got;

	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	err_clear(&e);
	if (csv_open(&r, (const char *)data, size, &e) != 0) {
		if (e.code != ERR_USAGE || e.msg[0] == '\0')
			abort();
		return 0;
	}
	while ((got = csv_next(&r, &row, &e)) == 1) {
		if (row.line < last || row.line > lines || row.n == 0)
			abort();
		for (size_t i = 0; i < row.n; i++)
			if (!utf8_valid(row.v[i], strlen(row.v[i])))
				abort();
		last = row.line;
		if (++records > size + 1)
			abort();	/* every record eats a byte */
	}
	if (got != 0 && (got != -1 || e.code != ERR_USAGE))
		abort();
	csv_row_free(&row);
	return 0;
}
