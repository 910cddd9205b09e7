/* csv.c: an RFC 4180 reader over a file held in memory, with the line
 * numbers a person needs to find a row. Must not do I/O. */
#include "csv.h"

#include <stdlib.h>
#include <string.h>

static size_t
line_of(const char *start, const char *at)
{
	size_t n = 1;

	for (const char *q = start; q < at; q++)
		if (*q == '\n')
			n++;
	return n;
}

/* The delimiter of the first record: ',' unless ';' is more frequent
 * outside quotes. */
static char
delim_guess(const char *p, const char *end)
{
	size_t commas = 0, semis = 0;
	int quoted = 0;

	for (; p < end; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (*p == '\n')
			break;
		else if (*p == ',')
			commas++;
		else if (*p == ';')
			semis++;
	}
	return semis > commas ? ';' : ',';
}

int
csv_open(struct csv *r, const char *data, size_t len, struct err *e)
{
	const char *p = data, *end = data + len;
	uint32_t cp;
	size_t k;

	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	for (const char *q = p; q < end; q += k) {
		if (*q == '\0')
			return err_set(e, ERR_USAGE, "line %zu: a NUL byte: "
			    "this is not a CSV text file", line_of(p, q));
		if ((k = utf8_decode(q, (size_t)(end - q), &cp)) == 0)
			return err_set(e, ERR_USAGE, "line %zu: not valid "
			    "UTF-8 (save the file as CSV UTF-8)",
			    line_of(p, q));
	}
	r->p = p;
	r->end = end;
	r->line = 1;
	r->delim = delim_guess(p, end);
	return 0;
}

static void
cell_begin(struct csv_row *row)
{
	if (row->n == row->cap) {
		row->cap = row->cap ? row->cap * 2 : 16;
		row->off = xrealloc(row->off, row->cap * sizeof *row->off);
		row->v = xrealloc(row->v, row->cap * sizeof *row->v);
	}
	row->off[row->n] = row->text.len;
}

static void
cell_end(struct csv_row *row)
{
	buf_add(&row->text, "", 1);	/* the cell's NUL */
	row->n++;
}

static void
row_reset(struct csv_row *row, size_t line)
{
	row->n = 0;
	row->text.len = 0;
	row->line = line;
}

int
csv_next(struct csv *r, struct csv_row *row, struct err *e)
{
	const char *p = r->p;
	size_t open_line;

	if (p >= r->end)
		return 0;
	row_reset(row, r->line);
	for (;;) {
		cell_begin(row);
		if (p < r->end && *p == '"') {
			open_line = r->line;
			p++;
			for (;;) {
				if (p >= r->end) {
					err_set(e, ERR_USAGE, "line %zu: a "
					    "quoted cell is not closed",
					    open_line);
					return -1;
				}
				if (*p == '"') {
					if (p + 1 < r->end && p[1] == '"') {
						buf_add(&row->text, "\"", 1);
						p += 2;
						continue;
					}
					p++;
					break;
				}
				if (*p == '\n')
					r->line++;
				/* A line break inside a cell is kept as LF. */
				if (*p == '\r' && p + 1 < r->end &&
				    p[1] == '\n') {
					p++;
					continue;
				}
				buf_add(&row->text, p, 1);
				p++;
			}
			if (p < r->end && *p == '\r' && p + 1 < r->end &&
			    p[1] == '\n')
				p++;
			if (p < r->end && *p != r->delim && *p != '\n') {
				err_set(e, ERR_USAGE, "line %zu: text after a "
				    "closing quote (a quote inside a quoted "
				    "cell is written \"\")", r->line);
				return -1;
			}
		} else {
			const char *s = p;
			while (p < r->end && *p != r->delim && *p != '\n')
				p++;
			/* CRLF: the CR belongs to the line end. */
			buf_add(&row->text, s, (size_t)(p - s) -
			    (p > s && p[-1] == '\r' && (p == r->end ||
			    *p == '\n') ? 1 : 0));
		}
		cell_end(row);
		if (p < r->end && *p == r->delim) {
			p++;
			continue;
		}
		if (p < r->end && *p == '\n') {
			p++;
			r->line++;
		}
		break;
	}
	r->p = p;
	for (size_t i = 0; i < row->n; i++)
		row->v[i] = row->text.p + row->off[i];
	return 1;
}

void
csv_row_free(struct csv_row *row)
{
	free(row->v);
	free(row->off);
	buf_free(&row->text);
	memset(row, 0, sizeof *row);
}

int
csv_row_blank(const struct csv_row *row)
{
	for (size_t i = 0; i < row->n; i++)
		if (row->v[i][0] != '\0')
			return 0;
	return 1;
}
