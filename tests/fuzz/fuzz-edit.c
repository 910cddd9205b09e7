/* fuzz-edit.c: libFuzzer target for the UTF-8 editor: the input is a
 * stream of steps (typed keys through the default keymap, editor actions
 * at random widths, pasted bytes, redraws into a pad); after every step
 * the editor's invariants are checked. */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ui_keymap fuzz_keys;
static WINDOW *fuzz_pad;

#define PAD_ROWS 40
#define PAD_COLS 130

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	FILE *out, *in;

	(void)argc;
	(void)argv;
	/* wcwidth() needs a UTF-8 locale, as in the real interface. */
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		abort();
	keys_init(&fuzz_keys);
	out = fopen("/dev/null", "w");
	in = fopen("/dev/null", "r");
	if (out == NULL || in == NULL ||
	    newterm("xterm", out, in) == NULL ||
	    (fuzz_pad = newpad(PAD_ROWS, PAD_COLS)) == NULL)
		abort();
	return 0;
}

struct input {
	const uint8_t *p;
	size_t n, i;
};

static unsigned
next(struct input *in)
{
	return in->i < in->n ? in->p[in->i++] : 0;
}

/* The text is valid UTF-8, holds no control but a newline (and that
 * only when multi-line), fits maxbytes, and reads back the same. */
static void
check(struct ui_edit *ed)
{
	struct buf t = { 0 };
	struct ui_edit copy;
	struct buf t2 = { 0 };
	size_t len;

	if (ed->cur > ed->n || ed->n > ed->cap)
		abort();
	edit_text(ed, &t);
	len = t.p ? strlen(t.p) : 0;
	if (len != t.len || len != edit_bytes(ed) ||
	    !utf8_valid(t.p ? t.p : "", len))
		abort();
	if (ed->maxbytes && len > ed->maxbytes)
		abort();
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)t.p[i];
		if ((c < 0x20 && !(c == '\n' && ed->multi)) || c == 0x7f)
			abort();
	}
	for (size_t i = 0; i < ed->n; i++) {
		uint32_t cp = ed->c[i];
		if ((cp >= 0x80 && cp < 0xa0) || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			abort();
	}
	/* Saving a draft and reopening it gives the same text. */
	edit_init(&copy, t.p, ed->multi, ed->maxbytes);
	edit_text(&copy, &t2);
	if (t2.len != t.len || memcmp(t2.p, t.p, t.len) != 0)
		abort();
	edit_free(&copy);
	buf_free(&t2);
	buf_free(&t);
}

/* A key as modal_key() treats it, minus confirm and cancel. */
static void
step_key(struct ui_edit *ed, int key, int width)
{
	int a;

	if (key == KEYC_PASTE_BEGIN || key == KEYC_PASTE_END) {
		ed->paste = key == KEYC_PASTE_BEGIN;
		return;
	}
	if (ed->paste && key == 0x1b)
		ed->paste = 0;
	if (ed->paste && !(key & (KEYC_FN | KEYC_META | KEYC_PASTE))) {
		edit_insert(ed, (uint32_t)key);
		return;
	}
	a = keys_lookup(&fuzz_keys, SC_EDIT, key);
	if (a == AC_E_CONFIRM || a == AC_E_CANCEL)
		return;
	if (a != AC_NONE) {
		edit_action(ed, a, width);
		return;
	}
	if (!(key & (KEYC_FN | KEYC_META | KEYC_PASTE)) && key >= 0x20)
		edit_insert(ed, (uint32_t)key);
}

static void
step_draw(struct ui_edit *ed, int h, int width)
{
	int y, x;

	edit_draw(ed, fuzz_pad, 1, 2, h, width, A_NORMAL);
	getyx(fuzz_pad, y, x);
	/* The cursor is inside the rectangle drawn. */
	if (y < 1 || y >= 1 + h || x < 2 || x >= 2 + width)
		abort();
	if (ed->top < 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t maxes[4] = { 0, 12, 200, 4000 };
	struct input in = { data, size, 0 };
	struct ui_edit ed;
	unsigned flags = next(&in);
	int steps = 0;

	edit_init(&ed, NULL, flags & 1, maxes[(flags >> 1) & 3]);
	while (in.i < in.n && steps++ < 2000) {
		unsigned op = next(&in), a, k, w;
		uint32_t cp;

		w = next(&in) % 100;	/* 0 too: edit_action clamps */
		switch (op % 7) {
		case 0:		/* a typed byte, as a key */
			step_key(&ed, (int)next(&in), (int)w);
			break;
		case 1:		/* a typed code point, any value */
			cp = next(&in) << 16;
			cp |= next(&in) << 8;
			cp |= next(&in);
			step_key(&ed, (int)(cp & 0x1fffff), (int)w);
			break;
		case 2:		/* a function or Alt key */
			k = next(&in) | next(&in) << 8;
			step_key(&ed, (int)((op & 8 ? KEYC_META : KEYC_FN) |
			    (k & 0xfff)), (int)w);
			break;
		case 3:		/* an editor action directly */
			a = AC_E_LEFT + next(&in) % (AC_E_CANCEL - AC_E_LEFT +
			    1);
			edit_action(&ed, (int)a, (int)w);
			break;
		case 4:		/* a bracketed paste of raw UTF-8 bytes */
			k = next(&in) % 64;
			step_key(&ed, KEYC_PASTE_BEGIN, (int)w);
			while (k > 0 && in.i < in.n) {
				size_t n = utf8_decode((const char *)in.p +
				    in.i, in.n - in.i, &cp);
				if (n == 0 || n > k) {
					in.i++;
					k--;
					continue;
				}
				step_key(&ed, (int)cp, (int)w);
				in.i += n;
				k -= (unsigned)n;
			}
			if (!(op & 8))	/* sometimes the end mark is lost */
				step_key(&ed, KEYC_PASTE_END, (int)w);
			break;
		case 5:		/* a redraw at some size */
			step_draw(&ed, 1 + (int)(next(&in) % (PAD_ROWS - 2)),
			    1 + (int)(w % (PAD_COLS - 3)));
			break;
		default:	/* a special byte: CR, LF, tab, Escape */
			k = next(&in) % 4;
			step_key(&ed, k == 0 ? '\r' : k == 1 ? '\n' :
			    k == 2 ? '\t' : 0x1b, (int)w);
			break;
		}
		check(&ed);
	}
	edit_free(&ed);
	return 0;
}
