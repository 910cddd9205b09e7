/* ui-edit.c: the UTF-8 line and multi-line editor used for titles, reasons
 * and proposals: an array of code points, a cursor, visual rows wrapped by
 * display width. It only edits text; confirming is the caller's business. */
#include "ui.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static int
cw(uint32_t cp)
{
	int w;

	if (cp == '\t')
		return 1;
	w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

static size_t
cp_bytes(uint32_t cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

size_t
edit_bytes(const struct ui_edit *ed)
{
	size_t n = 0;

	for (size_t i = 0; i < ed->n; i++)
		n += cp_bytes(ed->c[i]);
	return n;
}

void
edit_init(struct ui_edit *ed, const char *text, int multi, size_t maxbytes)
{
	size_t n, i = 0, k;
	uint32_t cp;

	memset(ed, 0, sizeof *ed);
	ed->multi = multi;
	ed->maxbytes = maxbytes;
	if (text == NULL)
		return;
	n = strlen(text);
	while (i < n) {
		k = utf8_decode(text + i, n - i, &cp);
		if (k == 0) {
			i++;
			continue;
		}
		edit_insert(ed, cp);
		i += k;
	}
	ed->changed = 0;
}

void
edit_free(struct ui_edit *ed)
{
	free(ed->c);
	memset(ed, 0, sizeof *ed);
}

static void
edit_touch(struct ui_edit *ed)
{
	ed->changed = 1;
	ed->changed_ms = crt_now_ms();
}

void
edit_insert(struct ui_edit *ed, uint32_t cp)
{
	/* Only text: controls (pasted escape sequences too) are dropped;
	 * a pasted newline in a one-line field becomes a space. */
	/* A pasted CRLF is one line break. */
	if (cp == '\n' && ed->last_cr) {
		ed->last_cr = 0;
		return;
	}
	ed->last_cr = cp == '\r';
	if (cp == '\r')
		cp = '\n';
	if (cp == '\n' && !ed->multi)
		cp = ' ';
	if ((cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7f ||
	    (cp >= 0x80 && cp < 0xa0) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return;
	if (cp == '\t')
		cp = ' ';
	if (ed->maxbytes && edit_bytes(ed) + cp_bytes(cp) > ed->maxbytes)
		return;
	if (ed->n == ed->cap) {
		ed->cap = ed->cap ? ed->cap * 2 : 64;
		ed->c = xrealloc(ed->c, ed->cap * sizeof *ed->c);
	}
	memmove(&ed->c[ed->cur + 1], &ed->c[ed->cur],
	    (ed->n - ed->cur) * sizeof *ed->c);
	ed->c[ed->cur++] = cp;
	ed->n++;
	edit_touch(ed);
}

static void
edit_delete(struct ui_edit *ed, size_t from, size_t to)
{
	if (to > ed->n)
		to = ed->n;
	if (from >= to)
		return;
	memmove(&ed->c[from], &ed->c[to], (ed->n - to) * sizeof *ed->c);
	ed->n -= to - from;
	if (ed->cur > to)
		ed->cur -= to - from;
	else if (ed->cur > from)
		ed->cur = from;
	edit_touch(ed);
}

static int
is_word(uint32_t cp)
{
	return cp != ' ' && cp != '\n' && cp != '\t' && cp != '\'' &&
	    cp != ',' && cp != '.' && cp != ';' && cp != ':' && cp != '-' &&
	    cp != 0x2019;
}

static size_t
word_left(const struct ui_edit *ed, size_t i)
{
	while (i > 0 && !is_word(ed->c[i - 1]))
		i--;
	while (i > 0 && is_word(ed->c[i - 1]))
		i--;
	return i;
}

static size_t
word_right(const struct ui_edit *ed, size_t i)
{
	while (i < ed->n && !is_word(ed->c[i]))
		i++;
	while (i < ed->n && is_word(ed->c[i]))
		i++;
	return i;
}

/* Before character j is laid out at (*r, *c) on rows of width w: move
 * it to the next row if it does not fit, or if it starts a word that does
 * not fit in what is left of the row but fits in a whole one (words are
 * not cut). The one rule of edit_pos, edit_at and edit_draw. */
static void
edit_place(const struct ui_edit *ed, size_t j, int w, int *r, int *c)
{
	int run = 0;

	if (*c + cw(ed->c[j]) > w) {
		(*r)++;
		*c = 0;
		return;
	}
	if (*c == 0 || j == 0 || ed->c[j] == ' ' || ed->c[j - 1] != ' ')
		return;
	for (size_t k = j; k < ed->n && ed->c[k] != ' ' && ed->c[k] != '\n' &&
	    run <= w; k++)
		run += cw(ed->c[k]);
	if (*c + run > w && run <= w) {
		(*r)++;
		*c = 0;
	}
}

/* Visual position of index i with rows of width w. */
static void
edit_pos(const struct ui_edit *ed, size_t i, int w, int *row, int *col)
{
	int r = 0, c = 0;

	for (size_t j = 0; j < i && j < ed->n; j++) {
		if (ed->c[j] == '\n') {
			r++;
			c = 0;
			continue;
		}
		edit_place(ed, j, w, &r, &c);
		c += cw(ed->c[j]);
	}
	if (w > 0 && i < ed->n && ed->c[i] != '\n')
		/* the cursor sits where its character is drawn */
		edit_place(ed, i, w, &r, &c);
	*row = r;
	*col = c;
}

/* Index closest to (row, col): the last one on that row at or before
 * col; the end of the text below the last row. */
static size_t
edit_at(const struct ui_edit *ed, int row, int col, int w)
{
	int r = 0, c = 0, found = 0;
	size_t best = ed->n;

	/* One pass, with the same rules as edit_pos(). */
	for (size_t j = 0;; j++) {
		int pr = r, pc = c;
		if (w > 0 && j < ed->n && ed->c[j] != '\n')
			edit_place(ed, j, w, &pr, &pc);
		if (pr > row)
			break;
		if (pr == row && (!found || pc <= col)) {
			best = j;
			found = 1;
		}
		if (j == ed->n)
			break;
		if (ed->c[j] == '\n') {
			r++;
			c = 0;
			continue;
		}
		edit_place(ed, j, w, &r, &c);
		c += cw(ed->c[j]);
	}
	return best;
}

static size_t
line_start(const struct ui_edit *ed, size_t i)
{
	while (i > 0 && ed->c[i - 1] != '\n')
		i--;
	return i;
}

static size_t
line_end(const struct ui_edit *ed, size_t i)
{
	while (i < ed->n && ed->c[i] != '\n')
		i++;
	return i;
}

int
edit_action(struct ui_edit *ed, int action, int width)
{
	int r, c;

	if (width < 1)
		width = 1;
	switch (action) {
	case AC_E_LEFT:
		if (ed->cur > 0)
			ed->cur--;
		break;
	case AC_E_RIGHT:
		if (ed->cur < ed->n)
			ed->cur++;
		break;
	case AC_E_HOME:
		ed->cur = line_start(ed, ed->cur);
		break;
	case AC_E_END:
		ed->cur = line_end(ed, ed->cur);
		break;
	case AC_E_UP:
	case AC_E_DOWN:
		edit_pos(ed, ed->cur, width, &r, &c);
		if (action == AC_E_UP && r == 0)
			ed->cur = 0;
		else
			ed->cur = edit_at(ed, r + (action == AC_E_UP ? -1 : 1),
			    c, width);
		break;
	case AC_E_WORD_LEFT:
		ed->cur = word_left(ed, ed->cur);
		break;
	case AC_E_WORD_RIGHT:
		ed->cur = word_right(ed, ed->cur);
		break;
	case AC_E_BACKSPACE:
		if (ed->cur > 0)
			edit_delete(ed, ed->cur - 1, ed->cur);
		break;
	case AC_E_DELETE:
		edit_delete(ed, ed->cur, ed->cur + 1);
		break;
	case AC_E_DELETE_WORD:
		edit_delete(ed, word_left(ed, ed->cur), ed->cur);
		break;
	case AC_E_KILL_LINE:
		if (ed->cur < ed->n && ed->c[ed->cur] == '\n')
			edit_delete(ed, ed->cur, ed->cur + 1);
		else
			edit_delete(ed, ed->cur, line_end(ed, ed->cur));
		break;
	case AC_E_KILL_START:
		edit_delete(ed, line_start(ed, ed->cur), ed->cur);
		break;
	case AC_E_NEWLINE:
		if (!ed->multi)
			return 0;
		edit_insert(ed, '\n');
		break;
	default:
		return 0;
	}
	return 1;
}

void
edit_text(const struct ui_edit *ed, struct buf *out)
{
	char u[4];

	out->len = 0;
	buf_add(out, "", 0);
	for (size_t i = 0; i < ed->n; i++)
		buf_add(out, u, utf8_encode(ed->c[i], u));
}

void
edit_draw(struct ui_edit *ed, WINDOW *w, int y, int x, int h, int width,
    attr_t attr)
{
	int r, c, cr, cc;
	cchar_t ch;
	wchar_t wc[2] = { 0, 0 };

	if (h < 1 || width < 1)
		return;
	edit_pos(ed, ed->cur, width, &cr, &cc);
	if (cr < ed->top)
		ed->top = cr;
	if (cr >= ed->top + h)
		ed->top = cr - h + 1;
	wc[0] = L' ';
	ui_cchar(&ch, wc, attr);
	for (int i = 0; i < h; i++)
		mvwhline_set(w, y + i, x, &ch, width);
	r = 0;
	c = 0;
	for (size_t j = 0; j < ed->n; j++) {
		uint32_t cp = ed->c[j];
		int k = cw(cp);
		if (cp == '\n') {
			r++;
			c = 0;
			continue;
		}
		edit_place(ed, j, width, &r, &c);
		if (r >= ed->top && r < ed->top + h && k > 0) {
			wc[0] = wcwidth((wchar_t)cp) < 0 ? 0xfffd :
			    (wchar_t)cp;
			ui_cchar(&ch, wc, attr);
			mvwadd_wch(w, y + r - ed->top, x + c, &ch);
		}
		c += k;
	}
	if (cc >= width)
		cc = width - 1;
	wmove(w, y + cr - ed->top, x + cc);
}
