/* emit.h: the one output emitter: a record is written once, as typed
 * fields, and a backend (text, JSON, CSV, Markdown) lays it out. Util
 * layer: knows nothing of members or needs; no I/O (writes to a buf).
 *
 * Shape. A document is a record or a list; a record holds fields, and
 * may hold lists (JSON arrays) and records (JSON objects); a list holds
 * records. Calls nest like the braces they stand for:
 *
 *	emit_list_begin(&em, NULL);
 *	for each member:
 *		emit_rec_begin(&em, NULL);
 *		emit_u64(&em, "id|", m->id);
 *		emit_str(&em, "organisation", m->org);	(NULL: absent)
 *		emit_time(&em, "created|since", m->created);
 *		emit_rec_end(&em);
 *	emit_list_end(&em);
 *
 * Field names. "json|label": JSON keys, CSV and Markdown table headers
 * use the part before '|'; the text backend and Markdown's "label: value"
 * use the part after it. An empty label ("id|") leaves the field out of
 * text and Markdown; a name without '|' is its own label.
 *
 * Values. A string NULL is absent: JSON null, an empty CSV cell, "-" in
 * text; an empty list is [] in JSON and reads "-" in text too. Time 0
 * is absent too; JSON and CSV write ISO 8601 UTC ("2026-11-23T09:30:00Z"),
 * text and Markdown the readable local form.
 * Every string is made safe for its backend: JSON escaped, CSV quoted
 * (RFC 4180) with a cell beginning with = + - @ TAB or CR prefixed by '
 * (OWASP's CSV injection advice) and control characters shown inert,
 * text and Markdown through util_sanitize() (Markdown also escapes its
 * own punctuation). Stored text never reaches the output raw.
 *
 * Layout per backend:
 *   JSON      compact, one document; a top-level record or list ends
 *             with a newline.
 *   CSV       the records of the top-level list are rows (a top-level
 *             record is one row); the header is the field names of the
 *             first record; nested lists and records are left out;
 *             lines end in CRLF. String lists join with " | ".
 *   text      a top-level record is a block of "label: value" lines (a
 *             multi-line value is indented below its label; a nested
 *             list prints one "label N: v v" line per record); the
 *             records of a top-level list are rows, fields cut or padded
 *             to the widths given by emit_widths() and joined by a space.
 *   Markdown  a block is a bullet list "- **label**: value"; list rows
 *             are a table with the header of the first record; a named
 *             top-level list gets a "## name" heading.
 * Not thread-safe per struct emit; nothing global. */
#ifndef CERCLE_EMIT_H
#define CERCLE_EMIT_H

#include <stddef.h>
#include <stdint.h>
#include "util.h"

enum emit_fmt { EMIT_TEXT, EMIT_JSON, EMIT_CSV, EMIT_MD, EMIT__COUNT };

#define EMIT_DEPTH 12
#define EMIT_WIDTHS 16

struct emit_frame {
	int list;		/* a list (1) or a record (0) */
	int role;		/* how this frame is laid out (emit.c) */
	size_t n;		/* records (list) or fields (record) so far */
	size_t shown;		/* text fields shown so far (rows) */
};

struct emit {
	int fmt;
	struct buf *out;
	int depth;
	struct emit_frame f[EMIT_DEPTH];
	int mute;		/* levels below what the backend shows */
	int head_done;		/* CSV/Markdown header written */
	struct buf head, row;	/* CSV/Markdown: the first record's header,
				 * and the row being built */
	int widths[EMIT_WIDTHS];	/* text rows: 0 as is, else width */
	size_t nwidths;
	int label;		/* text blocks: label column width */
	const char *nest;	/* text/Markdown: label of the nested list */
	int dry;		/* the next row writes only the header */
	int prose;		/* text/Markdown: see emit_prose() */
};

/* "text", "json", "csv", "md" (or "markdown"); -1 if unknown. */
int emit_fmt_parse(const char *s);
/* Write into out (appended to; the caller owns and frees it). */
void emit_init(struct emit *em, int fmt, struct buf *out);
/* Free what the emitter holds (not out). */
void emit_free(struct emit *em);
/* Text rows: width in code points of the i-th field that has a text
 * label (0: as is, the last one usually; -1: left out of rows). At most
 * EMIT_WIDTHS. */
void emit_widths(struct emit *em, const int *w, size_t n);
/* Text blocks: width of the "label:" column (default 13). */
void emit_label_width(struct emit *em, int w);

/* An empty list still has its CSV (and Markdown) header: after an empty
 * page, call this and write one zeroed record; it writes the header if
 * none was written, and no row (nothing at all in JSON and text). */
void emit_header_only(struct emit *em);

/* name: the JSON key inside a record, or the Markdown heading of a
 * top-level list; NULL otherwise. */
void emit_list_begin(struct emit *em, const char *name);
void emit_list_end(struct emit *em);
void emit_rec_begin(struct emit *em, const char *name);
void emit_rec_end(struct emit *em);

/* Fields, inside a record. */
void emit_str(struct emit *em, const char *name, const char *v);
void emit_u64(struct emit *em, const char *name, uint64_t v);
/* An id: 0 is absent (null). */
void emit_id(struct emit *em, const char *name, uint64_t v);
void emit_i64(struct emit *em, const char *name, int64_t v);
void emit_bool(struct emit *em, const char *name, int v);
void emit_time(struct emit *em, const char *name, int64_t t);
void emit_strs(struct emit *em, const char *name, const struct str_list *l);
/* Words (roles): on one line in a text block ("member, facilitator"),
 * joined by "," in CSV, as typed on the command line. */
void emit_words(struct emit *em, const char *name, const struct str_list *l);
void emit_u64s(struct emit *em, const char *name, const struct u64_list *l);
/* Text and Markdown only (ignored by JSON and CSV): s, written by the
 * program (not stored text), appended to the row or block as is. */
void emit_text(struct emit *em, const char *s);

/* Documents written as prose in text and Markdown (the minutes): a list
 * or record nested in the top-level record whose name has no label
 * ("tensions|") is structure for JSON only: in text and Markdown its
 * fields are left out but its emit_text() and emit_inline() lines are
 * written, at any depth. Off by default (nested frames are muted). */
void emit_prose(struct emit *em, int on);
/* Text and Markdown only, like emit_text: stored text s inside a line
 * the program writes, made safe for the backend (util_sanitize; Markdown
 * also escapes its punctuation). NULL writes nothing. */
void emit_inline(struct emit *em, const char *s);

/* The CSV cell of s (quoted, neutralised, controls inert) appended to b;
 * for the few CSV writers outside a record. */
void emit_csv_cell(struct buf *b, const char *s);

#endif
