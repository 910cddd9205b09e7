/* ui-theme.c: colour themes (`style ELEMENT fg=,bg=,attrs`), one style per
 * screen element; bad lines are reported as file:line and skipped. Without
 * colour only the attributes are used, so no colour escape is ever sent. */
#include "ui.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const ui_elem_names[E__COUNT] = {
	"normal", "title", "tab", "tab-active", "status", "status-ok",
	"status-error", "selected", "header", "dim", "border", "approve",
	"alert", "withdraw", "block", "edit", "help", "mark"
};

static const char *const colour_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"
};

static const struct {
	const char *name;
	unsigned attr;
} attr_names[] = {
	{ "bold", A_BOLD }, { "dim", A_DIM }, { "underline", A_UNDERLINE },
	{ "reverse", A_REVERSE }, { "standout", A_STANDOUT },
	{ "italic", A_ITALIC }, { "blink", A_BLINK }, { "none", 0 },
};

void
theme_init(struct ui_theme *th)
{
	memset(th, 0, sizeof *th);
	for (int i = 0; i < E__COUNT; i++) {
		th->s[i].fg = -1;
		th->s[i].bg = -1;
	}
	theme_load_text(th, "(built-in default.theme)", ui_default_theme);
}

void
theme_free(struct ui_theme *th)
{
	str_list_free(&th->errors);
}

static void
theme_error(struct ui_theme *th, const char *name, int line, const char *what,
    const char *word)
{
	char msg[400], safe[64];

	snprintf(msg, sizeof msg, "%s:%d: %s '%s'", name, line, what,
	    util_safe(word, safe, sizeof safe));
	str_list_push(&th->errors, msg);
}

/* -1 default, 0..255; -2 on error. */
static int
colour_parse(const char *s)
{
	char *end;
	long v;
	int bright = 0;

	if (strcmp(s, "default") == 0)
		return -1;
	if (strncmp(s, "bright-", 7) == 0) {
		bright = 8;
		s += 7;
	}
	for (int i = 0; i < 8; i++)
		if (strcmp(colour_names[i], s) == 0)
			return i + bright;
	if (bright || *s == '\0')
		return -2;
	v = strtol(s, &end, 10);
	if (*end != '\0' || v < 0 || v > 255)
		return -2;
	return (int)v;
}

static int
theme_line(struct ui_theme *th, const char *name, int lineno, char *line)
{
	char *p = line, *w0, *elem, *spec, *item;
	struct ui_style st = { -1, -1, 0 };
	int e = -1;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0' || *p == '#')
		return 0;
	w0 = strsep(&p, " \t");
	if (strcmp(w0, "style") != 0) {
		theme_error(th, name, lineno, "unknown command", w0);
		return 1;
	}
	while (p && (*p == ' ' || *p == '\t'))
		p++;
	elem = p ? strsep(&p, " \t") : NULL;
	while (p && (*p == ' ' || *p == '\t'))
		p++;
	spec = p;
	if (elem == NULL || *elem == '\0' || spec == NULL || *spec == '\0') {
		theme_error(th, name, lineno, "expected 'style ELEMENT "
		    "fg=,bg=,attrs', got", line);
		return 1;
	}
	for (int i = 0; i < E__COUNT; i++)
		if (strcmp(ui_elem_names[i], elem) == 0)
			e = i;
	if (e < 0) {
		theme_error(th, name, lineno, "unknown element", elem);
		return 1;
	}
	/* Trailing blanks and comments end the spec. */
	spec[strcspn(spec, " \t#")] = '\0';
	while ((item = strsep(&spec, ",")) != NULL) {
		int found = 0;
		if (*item == '\0')
			continue;
		if (strncmp(item, "fg=", 3) == 0 ||
		    strncmp(item, "bg=", 3) == 0) {
			int c = colour_parse(item + 3);
			if (c == -2) {
				theme_error(th, name, lineno, "unknown colour",
				    item + 3);
				return 1;
			}
			if (item[0] == 'f')
				st.fg = (short)c;
			else
				st.bg = (short)c;
			continue;
		}
		for (size_t i = 0; i < sizeof attr_names / sizeof *attr_names;
		    i++)
			if (strcmp(attr_names[i].name, item) == 0) {
				st.attrs |= attr_names[i].attr;
				found = 1;
			}
		if (!found) {
			theme_error(th, name, lineno, "unknown attribute",
			    item);
			return 1;
		}
	}
	th->s[e] = st;
	return 0;
}

static int
theme_line_cb(void *obj, const char *name, int lineno, char *line)
{
	if (line == NULL) {
		theme_error(obj, name, lineno, "line too long", "...");
		return 1;
	}
	return theme_line(obj, name, lineno, line);
}

int
theme_load_text(struct ui_theme *th, const char *name, const char *text)
{
	return ui_each_line(text, name, th, theme_line_cb);
}

int
theme_load_file(struct ui_theme *th, const char *path)
{
	FILE *f = fopen(path, "r");
	struct buf b = { 0 };
	char chunk[4096], msg[600];
	size_t k;
	int bad;

	if (f == NULL) {
		snprintf(msg, sizeof msg, "%s: %s", path, strerror(errno));
		str_list_push(&th->errors, msg);
		return -1;
	}
	while ((k = fread(chunk, 1, sizeof chunk, f)) > 0 &&
	    b.len < 1024 * 1024)
		buf_add(&b, chunk, k);
	fclose(f);
	bad = theme_load_text(th, path, b.p ? b.p : "");
	buf_free(&b);
	return bad;
}

void
theme_apply(struct ui_theme *th, int colour)
{
	int ncol = colour ? COLORS : 0;

	for (int i = 0; i < E__COUNT; i++) {
		struct ui_style *st = &th->s[i];
		attr_t a = st->attrs;
		short fg = st->fg, bg = st->bg;

		if (ncol > 0 && (fg >= ncol || bg >= ncol)) {
			/* Bright colours on an 8-colour terminal: bold. */
			if (fg >= 8 && fg < 16 && ncol >= 8) {
				fg = (short)(fg - 8);
				a |= A_BOLD;
			}
			if (bg >= ncol)
				bg = -1;
			if (fg >= ncol)
				fg = -1;
		}
		if (ncol > 0 && (fg != -1 || bg != -1) && i + 1 < COLOR_PAIRS) {
			init_pair((short)(i + 1), fg, bg);
			a |= COLOR_PAIR(i + 1);
		}
		/* Without colour, a selection must still show. */
		if (ncol == 0 && i == E_SELECTED && a == 0)
			a = A_REVERSE;
		th->attr[i] = a;
	}
}
