/* csv.h: an RFC 4180 reader over a file held in memory (the needs import).
 * Pure: no I/O, no store; the caller owns the bytes while reading. */
#ifndef CERCLE_CSV_H
#define CERCLE_CSV_H

#include <stddef.h>
#include "util.h"

struct csv {
	const char *p, *end;
	size_t line;		/* the line the next byte is on (1-based) */
	char delim;		/* ',' or ';' (chosen from the header) */
};

/* One record: cells NUL-ended in one block, line where it starts. */
struct csv_row {
	char **v;
	size_t n, cap;
	size_t line;
	struct buf text;	/* the cells, each NUL-ended */
	size_t *off;		/* where each cell starts in text */
};

/* Start reading data[0..len): a UTF-8 byte order mark is skipped; the
 * whole file must be UTF-8 without NUL ("line N: ..." otherwise, ERR_USAGE);
 * the delimiter is the comma, or the semicolon when the first record holds
 * more semicolons than commas outside quotes (spreadsheets in French save
 * so). */
int csv_open(struct csv *r, const char *data, size_t len, struct err *e);
/* The next record into row (its previous content replaced): 1 when one
 * was read, 0 at the end, -1 (e: ERR_USAGE) on a quote left open or text after a
 * closing quote ("line N: ..."). Quoted cells may hold the delimiter,
 * quotes doubled ("") and line breaks; records end with LF or CRLF; a
 * blank line is a record of one empty cell. */
int csv_next(struct csv *r, struct csv_row *row, struct err *e);
void csv_row_free(struct csv_row *row);
/* 1 when every cell of row is empty. */
int csv_row_blank(const struct csv_row *row);

#endif
