/* util.c: errors, lists, buffers, UTF-8, time and escaping helpers.
 * Must not touch the store or the terminal. */
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int
err_set(struct err *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return code;
	e->code = code;
	e->hint = NULL;
	va_start(ap, fmt);
	/* The format is the English message (extracted by `make pot` with
	 * the keyword err_set:3): translated here, at the time of the error,
	 * into the language i18n_setup() chose. */
	vsnprintf(e->msg, sizeof e->msg, gettext(fmt), ap);
	va_end(ap);
	return code;
}

int
err_setn(struct err *e, int code, unsigned long n, const char *one,
    const char *many, ...)
{
	va_list ap;

	if (e == NULL)
		return code;
	e->code = code;
	e->hint = NULL;
	va_start(ap, many);
	vsnprintf(e->msg, sizeof e->msg, ngettext(one, many, n), ap);
	va_end(ap);
	return code;
}

void
err_clear(struct err *e)
{
	e->code = 0;
	e->msg[0] = '\0';
	e->hint = NULL;
}

void
err_hint(struct err *e, const char *hint)
{
	if (e != NULL)
		e->hint = hint;
}

int
err_exit_code(const struct err *e)
{
	if (e->code == ERR_NOTFOUND)
		return ERR_REFUSED;
	return e->code;
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL) {
		fputs("cercle: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *
xcalloc(size_t n, size_t m)
{
	void *p = calloc(n ? n : 1, m ? m : 1);

	if (p == NULL) {
		fputs("cercle: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL) {
		fputs("cercle: out of memory\n", stderr);
		abort();
	}
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
str_replace(char **dst, const char *src)
{
	free(*dst);
	*dst = src ? xstrdup(src) : NULL;
}

int
str_list_push(struct str_list *l, const char *s)
{
	l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	l->v[l->n++] = xstrdup(s);
	return 0;
}

void
str_list_free(struct str_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

int
str_list_has(const struct str_list *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return 1;
	return 0;
}

int
u64_list_push(struct u64_list *l, uint64_t v)
{
	l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	l->v[l->n++] = v;
	return 0;
}

int
u64_list_has(const struct u64_list *l, uint64_t v)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i] == v)
			return 1;
	return 0;
}

int
u64_list_remove(struct u64_list *l, uint64_t v)
{
	for (size_t i = 0; i < l->n; i++) {
		if (l->v[i] == v) {
			memmove(&l->v[i], &l->v[i + 1],
			    (l->n - i - 1) * sizeof *l->v);
			l->n--;
			return 1;
		}
	}
	return 0;
}

void
u64_list_free(struct u64_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;

		while (cap < b->len + n + 1)
			cap *= 2;
		b->p = xrealloc(b->p, cap);
		b->cap = cap;
	}
	if (n)
		memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	char small[512];
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof small) {
		buf_add(b, small, (size_t)n);
		return;
	}
	char *big = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	buf_add(b, big, (size_t)n);
	free(big);
}

void
buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

size_t
utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c;
	size_t len, i;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xe0) == 0xc0) {
		len = 2;
		c = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3;
		c = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	/* Refuse overlong forms, surrogates and values past U+10FFFF. */
	if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) ||
	    (len == 4 && c < 0x10000) || c > 0x10ffff ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

size_t
utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	} else if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	} else if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

int
utf8_valid(const char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		if (k == 0)
			return 0;
		i += k;
	}
	return 1;
}

size_t
utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

int
text_check(const char *field, const char *s, size_t max, int multiline,
    struct err *e)
{
	size_t n, i = 0, k;
	uint32_t cp;

	if (s == NULL)
		return 0;
	n = strlen(s);
	if (n > max)
		return err_set(e, ERR_USAGE,
		    "%s is too long: %zu bytes, at most %zu", gettext(field),
		    n, max);
	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		if (k == 0)
			return err_set(e, ERR_USAGE,
			    "%s is not valid UTF-8 (byte %zu)", gettext(field),
			    i + 1);
		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
			if (!(multiline && (cp == '\n' || cp == '\t')))
				return err_set(e, ERR_USAGE,
				    "%s contains a control character "
				    "(U+%04X at byte %zu)", gettext(field), cp,
				    i + 1);
		}
		i += k;
	}
	return 0;
}

int
login_check(const char *s, struct err *e)
{
	size_t n = strlen(s);

	if (n == 0 || n > 32)
		return err_set(e, ERR_USAGE,
		    "login must be 1 to 32 characters: '%.40s'", s);
	if (!(s[0] >= 'a' && s[0] <= 'z'))
		return err_set(e, ERR_USAGE,
		    "login must start with a lowercase letter");
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '.' || c == '_' || c == '-'))
			return err_set(e, ERR_USAGE, "login may hold only "
			    "a-z, 0-9, '.', '_' and '-'");
	}
	return 0;
}

int64_t
util_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t
util_now(void)
{
	const char *s = getenv("CERCLE_NOW");
	uint64_t v;

	if (s != NULL && util_parse_u64(s, &v) == 0 && v <= INT64_MAX)
		return (int64_t)v;
	return (int64_t)time(NULL);
}

int
util_parse_u64(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return -1;
	*out = (uint64_t)v;
	return 0;
}

int64_t
util_parse_date(const char *s)
{
	struct tm tm;
	int y, mo, d, h = 23, mi = 59, k = 0;
	uint64_t v;
	time_t t;

	/* All digits: seconds since the epoch (any length: a ten-digit
	 * time is today's, not a malformed date). */
	if (s == NULL || *s == '\0')
		return -1;
	if (strspn(s, "0123456789") == strlen(s))
		return util_parse_u64(s, &v) == 0 && v <= INT64_MAX ?
		    (int64_t)v : -1;
	/* sscanf would take spaces and signs: the date starts with its
	 * four digits. */
	if (strspn(s, "0123456789") != 4 || s[4] != '-')
		return -1;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &k) != 3)
		return -1;
	if (s[k] != '\0') {
		int k2 = 0;
		if (sscanf(s + k, " %2d:%2d%n", &h, &mi, &k2) != 2 ||
		    s[k + k2] != '\0')
			return -1;
	}
	if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 ||
	    h < 0 || h > 23 || mi < 0 || mi > 59)
		return -1;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	if (t == (time_t)-1 || tm.tm_mday != d)
		return -1;
	return (int64_t)t;
}

const char *
util_fmt_time(int64_t t, char *out, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t <= 0 || localtime_r(&tt, &tm) == NULL)
		snprintf(out, n, "-");
	else
		strftime(out, n, "%Y-%m-%d %H:%M", &tm);
	return out;
}

const char *
util_fmt_date(int64_t t, char *out, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t <= 0 || localtime_r(&tt, &tm) == NULL)
		snprintf(out, n, "-");
	else
		strftime(out, n, "%Y-%m-%d", &tm);
	return out;
}

void
util_round_of(int64_t t, char *out, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (localtime_r(&tt, &tm) == NULL) {
		snprintf(out, n, "-");
		return;
	}
	snprintf(out, n, "%04d-B%d", tm.tm_year + 1900, tm.tm_mon / 2 + 1);
}

void
json_str(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	buf_add(b, "\"", 1);
	for (; *p; p++) {
		if (*p >= 0x80) {
			/* Valid UTF-8 passes whole; a stray byte would make
			 * the document invalid JSON, so it becomes U+FFFD. */
			uint32_t cp;
			/* 4 is safe: decoding stops at the NUL, which is
			 * not a continuation byte. */
			size_t k = utf8_decode((const char *)p, 4, &cp);
			if (k == 0)
				buf_add(b, "\\ufffd", 6);
			else {
				buf_add(b, p, k);
				p += k - 1;
			}
			continue;
		}
		switch (*p) {
		case '"': buf_add(b, "\\\"", 2); break;
		case '\\': buf_add(b, "\\\\", 2); break;
		case '\n': buf_add(b, "\\n", 2); break;
		case '\r': buf_add(b, "\\r", 2); break;
		case '\t': buf_add(b, "\\t", 2); break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				char u[6] = { '\\', 'u', '0', '0',
				    hex[*p >> 4], hex[*p & 15] };
				buf_add(b, u, 6);
			} else
				buf_add(b, p, 1);
		}
	}
	buf_add(b, "\"", 1);
}

void
csv_field(struct buf *b, const char *s)
{
	const char *p;

	if (s == NULL)
		s = "";
	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_puts(b, s);
		return;
	}
	buf_add(b, "\"", 1);
	for (p = s; *p; p++) {
		if (*p == '"')
			buf_add(b, "\"", 1);
		buf_add(b, p, 1);
	}
	buf_add(b, "\"", 1);
}

const char *
util_fmt_iso(int64_t t, char *out, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t == 0 || gmtime_r(&tt, &tm) == NULL)
		snprintf(out, n, "%s", "");
	else
		strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return out;
}

static int
is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e || cp == 0x200f ||
	    cp == 0x061c;
}

int
util_is_invisible(uint32_t cp)
{
	return cp == 0x00ad || cp == 0x034f || cp == 0x115f ||
	    cp == 0x1160 || cp == 0x17b4 || cp == 0x17b5 || cp == 0x180e ||
	    (cp >= 0x200b && cp <= 0x200d) || (cp >= 0x2060 &&
	    cp <= 0x2064) || cp == 0x3164 || cp == 0xfeff || cp == 0xffa0;
}

size_t
util_fold_invisible(const char *s, char *out, size_t n)
{
	size_t i = 0, o = 0, len = strlen(s), k;
	uint32_t cp;

	if (n == 0)
		return 0;
	while (i < len) {
		k = utf8_decode(s + i, len - i, &cp);
		if (k == 0)
			k = 1;
		else if (util_is_invisible(cp)) {
			i += k;
			continue;
		}
		if (o + k >= n)
			break;
		memcpy(out + o, s + i, k);
		o += k;
		i += k;
	}
	out[o] = '\0';
	return o;
}

void
util_sanitize(struct buf *out, const char *s, size_t n, int multiline)
{
	static const char repl[] = "\xef\xbf\xbd";	/* U+FFFD */
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			buf_add(out, repl, 3);
			i++;
			continue;
		}
		if (cp == '\n' || cp == '\t') {
			if (multiline)
				buf_add(out, s + i, 1);
			else
				buf_add(out, " ", 1);
		} else if (cp < 0x20 || cp == 0x7f) {
			char caret[2] = { '^', (char)(cp == 0x7f ? '?' :
			    cp + 0x40) };
			buf_add(out, caret, 2);
		} else if ((cp >= 0x80 && cp < 0xa0) || is_bidi_control(cp))
			buf_add(out, repl, 3);
		else if (util_is_invisible(cp))
			/* Shown, so two texts that differ only by it do not
			 * look the same: "⟨U+200B⟩". */
			buf_printf(out, "\xe2\x9f\xa8U+%04X\xe2\x9f\xa9",
			    (unsigned)cp);
		else
			buf_add(out, s + i, k);
		i += k;
	}
}

const char *
util_safe(const char *s, char *out, size_t n)
{
	struct buf b = { 0 };
	size_t len;

	if (n == 0)
		return out;
	if (s == NULL)
		s = "";
	util_sanitize(&b, s, strlen(s), 0);
	len = b.len < n - 1 ? b.len : n - 1;
	/* Do not cut a UTF-8 sequence in half. */
	while (len > 0 && len < b.len &&
	    ((unsigned char)b.p[len] & 0xc0) == 0x80)
		len--;
	memcpy(out, b.p ? b.p : "", len);
	out[len] = '\0';
	buf_free(&b);
	return out;
}

/* Append s sanitised, cut or padded to width code points (width 0: as
 * is), so columns line up with accented text. */
void
util_col(struct buf *b, const char *s, size_t width)
{
	struct buf t = { 0 };
	size_t n = 0, i = 0;
	uint32_t cp;

	util_sanitize(&t, s ? s : "-", strlen(s ? s : "-"), 0);
	if (width == 0) {
		buf_add(b, t.p, t.len);
		buf_free(&t);
		return;
	}
	while (i < t.len && n < width) {
		size_t k = utf8_decode(t.p + i, t.len - i, &cp);
		if (k == 0)
			break;
		if (n == width - 1 && i + k < t.len) {
			buf_puts(b, "…");
			i = t.len;
			n++;
			break;
		}
		buf_add(b, t.p + i, k);
		i += k;
		n++;
	}
	for (; n < width; n++)
		buf_puts(b, " ");
	buf_free(&t);
}

void
json_str_list(struct buf *b, const struct str_list *l)
{
	buf_puts(b, "[");
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_puts(b, ",");
		json_str(b, l->v[i]);
	}
	buf_puts(b, "]");
}

void
json_u64_list(struct buf *b, const struct u64_list *l)
{
	buf_puts(b, "[");
	for (size_t i = 0; i < l->n; i++)
		buf_printf(b, "%s%llu", i ? "," : "",
		    (unsigned long long)l->v[i]);
	buf_puts(b, "]");
}

/* ---- folding for matching as people type ---- */

/* U+0100..U+017F without their marks; '#' marks the two ligatures. */
static const char fold_ext_a[] =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii##jjkkkllllllllll"
    "nnnnnnnnnoooooo##rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/* The ASCII letters cp folds to ("" for a code point kept as is). */
static const char *
fold_cp(uint32_t cp, char one[2])
{
	static const char latin1[] =	/* U+00C0..U+00FF, '#': special */
	    "aaaaaa#ceeeeiiiidnooooo#ouuuuy##aaaaaa#ceeeeiiiidnooooo#ouuuuy#y";

	one[1] = '\0';
	if (cp < 0x80) {
		one[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
		return one;
	}
	if (cp == 0x2019 || cp == 0x2018)
		return "'";
	if (cp >= 0xc0 && cp <= 0xff) {
		switch (cp) {
		case 0xc6: case 0xe6: return "ae";
		case 0xd7: return "";
		case 0xde: case 0xfe: return "th";
		case 0xdf: return "ss";
		case 0xf7: return "";
		}
		one[0] = latin1[cp - 0xc0];
		return one;
	}
	if (cp >= 0x100 && cp <= 0x17f) {
		if (cp == 0x132 || cp == 0x133)
			return "ij";
		if (cp == 0x152 || cp == 0x153)
			return "oe";
		one[0] = fold_ext_a[cp - 0x100];
		return one;
	}
	return "";
}

const char *
util_fold(const char *s, char *out, size_t n)
{
	size_t len = s != NULL ? strlen(s) : 0, o = 0, k;
	int space = 0;

	if (n == 0)
		return out;
	for (size_t i = 0; i < len; i += k) {
		char one[2], enc[4];
		const char *f;
		size_t fl;
		uint32_t cp;

		if ((k = utf8_decode(s + i, len - i, &cp)) == 0) {
			k = 1;
			f = s + i;
			fl = 1;
		} else if (cp == ' ' || cp == '\t' || cp == '\n' ||
		    cp == '-' || cp == '_' || cp == 0xa0 || cp == 0x202f) {
			space = o > 0;
			continue;
		} else if (*(f = fold_cp(cp, one)) != '\0')
			fl = strlen(f);
		else {
			fl = utf8_encode(cp, enc);
			f = enc;
		}
		if (o + space + fl >= n)
			break;
		if (space)
			out[o++] = ' ';
		space = 0;
		memcpy(out + o, f, fl);
		o += fl;
	}
	out[o] = '\0';
	return out;
}

const char *
util_ascii(const char *s, char *out, size_t n)
{
	size_t len = s != NULL ? strlen(s) : 0, o = 0, k;

	if (n == 0)
		return out;
	for (size_t i = 0; i < len; i += k) {
		char one[2], up[3];
		const char *f;
		uint32_t cp;

		if ((k = utf8_decode(s + i, len - i, &cp)) == 0) {
			k = 1;
			f = "?";
		} else if (cp < 0x20 || cp == 0x7f)
			f = "?";
		else if (cp < 0x80) {
			one[0] = (char)cp;
			one[1] = '\0';
			f = one;
		} else if (cp == 0xa0 || cp == 0x202f || cp == 0x2009)
			f = " ";
		else if (cp == 0xab || cp == 0xbb || cp == 0x201c ||
		    cp == 0x201d)
			f = "\"";
		else if (cp == 0x2026)
			f = "...";
		else if (cp == 0x2013 || cp == 0x2014)
			f = "-";
		else if (*(f = fold_cp(cp, one)) == '\0')
			f = "?";
		else if ((cp >= 0xc0 && cp <= 0xde) || cp == 0x152) {
			/* Capitals: the fold is lower case. */
			snprintf(up, sizeof up, "%s", f);
			for (char *p = up; *p; p++)
				*p = (char)toupper((unsigned char)*p);
			f = up;
		}
		if (o + strlen(f) >= n)
			break;
		memcpy(out + o, f, strlen(f));
		o += strlen(f);
	}
	out[o] = '\0';
	return out;
}

size_t
util_edit_distance(const char *a, const char *b)
{
	uint32_t x[128], y[128];
	size_t nx = 0, ny = 0, row[129];

	for (size_t i = 0, k, la = strlen(a); i < la && nx < 128; i += k)
		if ((k = utf8_decode(a + i, la - i, &x[nx++])) == 0) {
			x[nx - 1] = (unsigned char)a[i];
			k = 1;
		}
	for (size_t i = 0, k, lb = strlen(b); i < lb && ny < 128; i += k)
		if ((k = utf8_decode(b + i, lb - i, &y[ny++])) == 0) {
			y[ny - 1] = (unsigned char)b[i];
			k = 1;
		}
	for (size_t j = 0; j <= ny; j++)
		row[j] = j;
	for (size_t i = 1; i <= nx; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= ny; j++) {
			size_t up = row[j], best = diag +
			    (x[i - 1] != y[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[ny];
}
