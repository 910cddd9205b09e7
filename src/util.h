/* util.h: small helpers shared by every layer: errors, UTF-8 checks,
 * bounded strings, lists, time. No I/O beyond the clock; no global state. */
#ifndef CERCLE_UTIL_H
#define CERCLE_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#define CERCLE_VERSION "0.1.0"

/* Error codes double as the process exit codes (DESIGN.md). */
enum {
	ERR_OK = 0,
	ERR_USAGE = 1,   /* bad arguments or input */
	ERR_REFUSED = 2, /* refused by a rule or a role */
	ERR_SYSTEM = 3,  /* storage or system error */
	ERR_NOTFOUND = 4 /* internal: mapped to ERR_REFUSED on exit */
};

/* An error travels up as a code plus one line of plain words. */
struct err {
	int code;
	char msg[512];
	/* What to run next, for the command line only (NULL: nothing):
	 * a static English phrase naming a CLI command ("see 'cercle config
	 * show'"), set by err_hint after err_set; the CLI prints it, in its
	 * language, after the message; the interface, which names keys, does
	 * not. err_set, err_setn and err_clear reset it. */
	const char *hint;
};

/* err_set: fmt is an English message, translated at run time (gettext)
 * into the interface language: `make pot` extracts every literal format
 * passed here, so call sites need no _(). err_setn: the same for a
 * message that counts: `one` or `many` chosen by ngettext for n (the
 * arguments still have to print n). */
int err_set(struct err *e, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int err_setn(struct err *e, int code, unsigned long n, const char *one,
    const char *many, ...) __attribute__((format(printf, 5, 6)));
void err_clear(struct err *e);
/* Attach hint (a N_() literal: translated when printed) to e's message. */
void err_hint(struct err *e, const char *hint);
int err_exit_code(const struct err *e);

/* Lists own their elements. */
struct str_list {
	char **v;
	size_t n;
};
struct u64_list {
	uint64_t *v;
	size_t n;
};

int str_list_push(struct str_list *l, const char *s);
void str_list_free(struct str_list *l);
int str_list_has(const struct str_list *l, const char *s);
int u64_list_push(struct u64_list *l, uint64_t v);
int u64_list_has(const struct u64_list *l, uint64_t v);
int u64_list_remove(struct u64_list *l, uint64_t v);
void u64_list_free(struct u64_list *l);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t m);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Replace *dst by a copy of src (NULL allowed). */
void str_replace(char **dst, const char *src);

/* A growable byte buffer; always NUL-terminated for convenience. */
struct buf {
	char *p;
	size_t len, cap;
};
void buf_add(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_free(struct buf *b);

/* UTF-8: 1 if s[0..n) is well-formed UTF-8 (no overlongs, no surrogates). */
int utf8_valid(const char *s, size_t n);
/* Decode one code point at s (n bytes left); returns bytes used, 0 if bad. */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
size_t utf8_encode(uint32_t cp, char out[4]);
/* Number of code points in a valid UTF-8 string. */
size_t utf8_len(const char *s);

/* Check a user-typed text field: valid UTF-8, at most max bytes, no NUL,
 * no control characters except (if multiline) newline and tab.
 * On refusal sets e (ERR_USAGE) naming the field (an English noun,
 * keyword text_check:1, said in the language chosen). */
int text_check(const char *field, const char *s, size_t max, int multiline,
    struct err *e);
/* A login: [a-z][a-z0-9._-]{0,31}. */
int login_check(const char *s, struct err *e);

/* Current time in seconds; CERCLE_NOW (seconds since the epoch) overrides it
 * so tests can move the clock. */
int64_t util_now(void);
/* Wall-clock milliseconds (never CERCLE_NOW): orders changes made by
 * several processes on this host. */
int64_t util_now_ms(void);
/* Parse "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" (local time) or a number of
 * seconds since the epoch; -1 on error. */
int64_t util_parse_date(const char *s);
/* Format t as "YYYY-MM-DD HH:MM" (local time) into out. */
const char *util_fmt_time(int64_t t, char *out, size_t n);
const char *util_fmt_date(int64_t t, char *out, size_t n);
/* Two-monthly collection round of t: "2026-B6" for November-December. */
void util_round_of(int64_t t, char *out, size_t n);

/* Parse a decimal u64; 0 on success, -1 on junk or overflow. */
int util_parse_u64(const char *s, uint64_t *out);

/* ISO 8601 UTC: "2026-11-23T09:30:00Z"; "" for 0. */
const char *util_fmt_iso(int64_t t, char *out, size_t n);

/* The one sanitiser: append s to out so it is inert on a terminal.
 * Invalid UTF-8 becomes U+FFFD; C0 and C1 controls and DEL become a
 * visible caret form ("^[") or U+FFFD; bidi overrides and isolates become
 * U+FFFD. With multiline, newline and tab pass; otherwise they become a
 * space. Every stored string goes through this before a screen. */
void util_sanitize(struct buf *out, const char *s, size_t n, int multiline);
/* Zero-width and other invisible characters (U+200B..U+200D, U+2060..
 * U+2064, U+FEFF, U+00AD, Hangul fillers...): util_sanitize() shows each
 * as "⟨U+200B⟩". */
int util_is_invisible(uint32_t cp);
/* s without its invisible characters, into out (NUL-ended, cut to n);
 * returns the length. Two titles with the same fold look alike. */
size_t util_fold_invisible(const char *s, char *out, size_t n);
/* Convenience: sanitised copy in a static-free caller buffer. */
const char *util_safe(const char *s, char *out, size_t n);
/* Append s (NULL: "-") sanitised, cut with an ellipsis or padded to width
 * code points (width 0: as is), so text columns line up with accented
 * names. */
void util_col(struct buf *b, const char *s, size_t width);

/* JSON string escaping into a buffer, with the quotes. */
void json_str(struct buf *b, const char *s);
/* JSON arrays of strings and of numbers. */
void json_str_list(struct buf *b, const struct str_list *l);
void json_u64_list(struct buf *b, const struct u64_list *l);
/* CSV field escaping (RFC 4180), quoting when needed. */
void csv_field(struct buf *b, const char *s);

/* Fold a typed value for matching configuration values as people type
 * them: ASCII and Latin letters (U+00C0-U+017F) lower-cased and without
 * accents (œ -> oe, æ -> ae, ß -> ss), the typographic apostrophe as ',
 * hyphens, underscores and runs of white space as one space, trimmed.
 * "  Accès-aux DROITS " and "acces aux droits" fold alike. Other code
 * points and invalid bytes are kept as they are. Writes at most n - 1
 * bytes and a NUL (cut on a code point boundary); returns out. */
const char *util_fold(const char *s, char *out, size_t n);
/* s in plain ASCII, case kept, for text a peer shows escaped otherwise
 * (an SSH disconnect reason: OpenSSH's client prints every byte above
 * 0x7e as an octal escape): Latin letters without their accents (é -> e,
 * Œ -> OE), non-breaking spaces as spaces, « » as ", ’ as ', … as ...,
 * control characters and anything else as '?'. Writes at most n - 1
 * bytes and a NUL; returns out. */
const char *util_ascii(const char *s, char *out, size_t n);
/* Levenshtein distance in code points between two strings (each cut at
 * 128 code points): insertions, deletions and substitutions cost 1. */
size_t util_edit_distance(const char *a, const char *b);

#endif
