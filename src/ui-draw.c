/* ui-draw.c: every string reaches the screen through here: sanitised by
 * util_sanitize(), measured with wcwidth(), clipped to its columns. Must
 * never write raw bytes to the terminal nor call clear(). */
#include "ui.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

/* Width of one code point as the screen will show it; unprintable ones
 * are drawn as U+FFFD (width 1). */
static int
cp_width(uint32_t cp, uint32_t *shown)
{
	int w = wcwidth((wchar_t)cp);

	*shown = cp;
	if (w < 0) {
		*shown = 0xfffd;
		w = 1;
	}
	return w;
}

int
ui_width(const char *s)
{
	size_t n = strlen(s), i = 0, k;
	uint32_t cp, shown;
	int w = 0;

	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			w++;
			i++;
			continue;
		}
		w += cp_width(cp, &shown);
		i += k;
	}
	return w;
}

const char *
ui_pad(const char *s, int w, char *out, size_t n)
{
	size_t len = strlen(s), i = 0, k, o = 0;
	uint32_t cp, shown;
	int used = 0, cw;

	if (n == 0)
		return out;
	while (i < len) {
		k = utf8_decode(s + i, len - i, &cp);
		if (k == 0)
			break;
		cw = cp_width(cp, &shown);
		if (used + cw > w || o + k >= n)
			break;
		memcpy(out + o, s + i, k);
		o += k;
		i += k;
		used += cw;
	}
	while (used < w && o + 1 < n) {
		out[o++] = ' ';
		used++;
	}
	out[o] = '\0';
	return out;
}

/* A wide cell with the theme's attribute: setcchar() takes the colour
 * pair apart from the other attributes (a pair inside attr is ignored). */
int
ui_cchar(cchar_t *cc, const wchar_t *wc, attr_t attr)
{
	return setcchar(cc, wc, attr & ~A_COLOR, (short)PAIR_NUMBER(attr),
	    NULL);
}

/* Draw already-sanitised UTF-8 (single line) clipped to w columns. */
static int
put_clean(int y, int x, int w, attr_t attr, const char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t cp, shown;
	int used = 0, cw;
	wchar_t wc[2];
	cchar_t cc;

	if (w <= 0)
		return 0;
	wmove(stdscr, y, x);
	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			cp = 0xfffd;
			k = 1;
		}
		i += k;
		cw = cp_width(cp, &shown);
		if (cw == 0) {
			/* A combining mark joins the previous cell; alone
			 * at the start it is dropped. */
			if (used == 0)
				continue;
		}
		if (used + cw > w)
			break;
		wc[0] = (wchar_t)shown;
		wc[1] = L'\0';
		if (ui_cchar(&cc, wc, attr) == OK)
			wadd_wch(stdscr, &cc);
		used += cw;
	}
	return used;
}

int
ui_put(struct ui *ui, int y, int x, int w, int elem, const char *s)
{
	struct buf b = { 0 };
	int used;

	if (s == NULL || w <= 0 || y < 0 || y >= ui->rows)
		return 0;
	if (ui->sr && elem == E_SELECTED && ui->sr_y < 0)
		ui->sr_y = y;	/* the focused row: the cursor goes there */
	util_sanitize(&b, s, strlen(s), 0);
	used = put_clean(y, x, w, ui->theme.attr[elem], b.p ? b.p : "",
	    b.len);
	buf_free(&b);
	return used;
}

void
ui_fill(struct ui *ui, int y, int x, int w, int elem)
{
	attr_t a = ui->theme.attr[elem];
	cchar_t cc;
	wchar_t sp[2] = { L' ', L'\0' };

	if (w <= 0 || y < 0 || y >= ui->rows)
		return;
	ui_cchar(&cc, sp, a);
	mvwhline_set(stdscr, y, x, &cc, w);
}

void
ui_line(struct ui *ui, int y, int x, int w, int elem, const char *s)
{
	int used;

	ui_fill(ui, y, x, w, elem);
	used = ui_put(ui, y, x, w, elem, s);
	(void)used;
}

void
ui_printf(struct ui *ui, int y, int x, int w, int elem, const char *fmt, ...)
{
	char text[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	ui_put(ui, y, x, w, elem, text);
}

void
ui_hline(struct ui *ui, int y, int x, int w)
{
	attr_t a = ui->theme.attr[E_BORDER];

	if (w <= 0 || y < 0 || y >= ui->rows || ui->sr)
		return;	/* a screen reader would read a line of dashes */
	if (ui->ascii)
		mvwhline(stdscr, y, x, '-' | a, w);
	else
		mvwhline_set(stdscr, y, x, WACS_HLINE, w);
	if (!ui->ascii)
		mvwchgat(stdscr, y, x, w, a, (short)PAIR_NUMBER(a), NULL);
}

void
ui_vline(struct ui *ui, int y, int x, int h)
{
	attr_t a = ui->theme.attr[E_BORDER];

	if (h <= 0 || ui->sr)
		return;
	if (ui->ascii)
		mvwvline(stdscr, y, x, '|' | a, h);
	else {
		for (int i = 0; i < h; i++) {
			mvwvline_set(stdscr, y + i, x, WACS_VLINE, 1);
			mvwchgat(stdscr, y + i, x, 1, a, (short)PAIR_NUMBER(a),
			    NULL);
		}
	}
}

/* Length in bytes of the longest prefix of s[0..n) that fits w columns,
 * breaking after a space when one is near; *next is where the next row
 * starts. */
static size_t
wrap_cut(const char *s, size_t n, int w, size_t *next)
{
	size_t i = 0, k, last_space = 0;
	uint32_t cp, shown;
	int used = 0, cw;

	while (i < n) {
		if (s[i] == '\n') {
			*next = i + 1;
			return i;
		}
		k = utf8_decode(s + i, n - i, &cp);
		if (k == 0)
			k = 1, cp = 0xfffd;
		cw = cp_width(cp, &shown);
		if (used + cw > w)
			break;
		used += cw;
		i += k;
		if (cp == ' ')
			last_space = i;
	}
	if (i >= n) {
		*next = n;
		return n;
	}
	if (last_space > 0 && last_space * 2 > i / 2) {
		*next = last_space;
		return last_space;
	}
	if (i == 0) {
		/* A character wider than the row: show nothing, skip it. */
		k = utf8_decode(s, n, &cp);
		*next = k ? k : 1;
		return 0;
	}
	*next = i;
	return i;
}

int
ui_wrap(struct ui *ui, struct ui_rect r, int skip, int elem, const char *s)
{
	struct buf b = { 0 };
	size_t off = 0, cut, next;
	int row = 0;

	if (s == NULL || r.w <= 0)
		return 0;
	util_sanitize(&b, s, strlen(s), 1);
	/* Tabs become a space: columns must stay predictable. */
	for (size_t i = 0; i < b.len; i++)
		if (b.p[i] == '\t')
			b.p[i] = ' ';
	while (off < b.len) {
		cut = wrap_cut(b.p + off, b.len - off, r.w, &next);
		if (row >= skip && row - skip < r.h)
			put_clean(r.y + row - skip, r.x, r.w,
			    ui->theme.attr[elem], b.p + off, cut);
		row++;
		off += next;
	}
	buf_free(&b);
	return row;
}

/* t in the interface's language: en or fr, a strftime format; "-" for
 * no time. */
static const char *
ui_strftime(const struct ui *ui, int64_t t, const char *en, const char *fr,
    char *out, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t == 0 || localtime_r(&tt, &tm) == NULL) {
		snprintf(out, n, "-");
		return out;
	}
	strftime(out, n, ui->lang_en ? en : fr, &tm);
	return out;
}

const char *
ui_date(struct ui *ui, int64_t t, char *out, size_t n)
{
	return ui_strftime(ui, t, "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M", out, n);
}

int64_t
ui_parse_date(struct ui *ui, const char *s)
{
	int d, m, y, k = 0;
	char iso[32];

	(void)ui;
	while (*s == ' ')
		s++;
	/* The French form (15/01/2027), else the ISO one (2027-01-15). */
	if (sscanf(s, "%2d/%2d/%4d%n", &d, &m, &y, &k) == 3) {
		while (s[k] == ' ')
			k++;
		if (s[k] != '\0' || y < 1970 || m < 1 || m > 12 || d < 1 ||
		    d > 31)
			return -1;
		snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
		return util_parse_date(iso);
	}
	if (strchr(s, '-') == NULL)
		return -1;
	return util_parse_date(s);
}

const char *
ui_day(struct ui *ui, int64_t t, char *out, size_t n)
{
	return ui_strftime(ui, t, "%Y-%m-%d", "%d/%m/%Y", out, n);
}
