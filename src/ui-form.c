/* ui-form.c: the small forms of the panes: a few labelled fields, each a
 * line of text, a longer text, one value picked from a list the hub gives
 * (its configuration, its needs) or a set of them. Holds no data of its
 * own beyond what is typed or picked; never reads or writes the hub. */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
form_open(struct ui_form *f, int pane, const char *title, ui_form_done_fn done,
    uint64_t arg)
{
	form_free(f);
	f->open = 1;
	f->pane = pane;
	f->done = done;
	f->arg = arg;
	snprintf(f->title, sizeof f->title, "%s", title);
}

void
form_free(struct ui_form *f)
{
	for (int i = 0; i < f->n; i++) {
		free(f->f[i].text);
		free(f->f[i].on);
		str_list_free(&f->f[i].choices);
	}
	memset(f, 0, sizeof *f);
}

int
form_add(struct ui_form *f, const char *label, int kind, int required,
    size_t max)
{
	struct ui_form_field *x;

	if (f->n >= UF_MAX)
		return UF_MAX - 1;
	x = &f->f[f->n];
	memset(x, 0, sizeof *x);
	x->label = label;
	x->kind = kind;
	x->required = required;
	x->max = max;
	x->sel = -1;
	return f->n++;
}

void
form_choice(struct ui_form *f, int i, const char *s)
{
	struct ui_form_field *x = &f->f[i];

	if (x->choices.n >= UF_CHOICES)
		return;
	str_list_push(&x->choices, s);
	x->on = xrealloc(x->on, x->choices.n);
	x->on[x->choices.n - 1] = 0;
}

void
form_set_text(struct ui_form *f, int i, const char *s)
{
	free(f->f[i].text);
	f->f[i].text = s && s[0] ? xstrdup(s) : NULL;
}

int
form_pick(struct ui_form *f, int i, const char *s)
{
	struct ui_form_field *x = &f->f[i];

	for (size_t k = 0; s && k < x->choices.n; k++)
		if (strcmp(x->choices.v[k], s) == 0) {
			if (x->kind == UF_SET)
				x->on[k] = 1;
			else
				x->sel = (int)k;
			return (int)k;
		}
	return -1;
}

const char *
form_text(const struct ui_form *f, int i)
{
	const struct ui_form_field *x = &f->f[i];

	if (x->kind == UF_PICK)
		return x->sel >= 0 ? x->choices.v[x->sel] : NULL;
	return x->text;
}

/* The value as a line shows it. */
static const char *
field_value(const struct ui_form_field *x, char *out, size_t n)
{
	size_t used = 0;

	out[0] = '\0';
	switch (x->kind) {
	case UF_PICK:
		return x->sel >= 0 ? x->choices.v[x->sel] : "—";
	case UF_SET:
		for (size_t k = 0; k < x->choices.n; k++) {
			if (!x->on[k])
				continue;
			int w = snprintf(out + used, n - used, "%s%s",
			    used ? ", " : "", x->choices.v[k]);
			if (w < 0 || (size_t)w >= n - used)
				break;
			used += (size_t)w;
		}
		return used ? out : "—";
	default:
		if (x->text == NULL)
			return "—";
		snprintf(out, n, "%s", x->text);
		/* A longer text shows its first line. */
		out[strcspn(out, "\n")] = '\0';
		return out;
	}
}

void
form_draw(struct ui *ui, struct ui_form *f, struct ui_rect r)
{
	char s[400], pad[120], val[400];
	int y = r.y + 1, rows = r.h - 3, lw = 16;

	ui_line(ui, r.y, r.x, r.w, E_TITLE, f->title);
	if (f->picking) {
		struct ui_form_field *x = &f->f[f->cur];
		size_t n = x->choices.n + (x->kind == UF_PICK &&
		    !x->required);
		int off = x->kind == UF_PICK && !x->required;
		snprintf(s, sizeof s, x->kind == UF_SET ? _("%s: Enter "
		    "takes or leaves a value, Escape ends") : _("%s: Enter "
		    "picks, Escape keeps the value"), _(x->label));
		ui_line(ui, y++, r.x + 1, r.w - 1, E_HEADER, s);
		if (rows < 1)
			rows = 1;
		if (f->psel < f->ptop)
			f->ptop = f->psel;
		if (f->psel >= f->ptop + (size_t)rows)
			f->ptop = f->psel - (size_t)rows + 1;
		for (size_t k = f->ptop; k < n && y < r.y + r.h - 1; k++) {
			int el = k == f->psel ? E_SELECTED : E_NORMAL;
			const char *v = off && k == 0 ? _("(none)") :
			    x->choices.v[k - (size_t)off];
			int mark = x->kind == UF_SET ? x->on[k] :
			    x->sel == (int)k - off;
			snprintf(s, sizeof s, "%s %s", mark ? "[x]" : "[ ]", v);
			if (el == E_SELECTED)
				ui->sr_y = y;
			ui_line(ui, y++, r.x + 1, r.w - 1, el, s);
		}
		return;
	}
	for (int i = 0; i <= f->n && y < r.y + r.h - 1; i++) {
		int el = i == f->cur ? E_SELECTED : E_NORMAL;
		if (i == f->n)
			snprintf(s, sizeof s, "  %s", _("[ Save ]"));
		else
			snprintf(s, sizeof s, "%s%s %s", f->f[i].required ?
			    "*" : " ", ui_pad(_(f->f[i].label), lw, pad,
			    sizeof pad), field_value(&f->f[i], val,
			    sizeof val));
		if (el == E_SELECTED)
			ui->sr_y = y;
		ui_line(ui, y++, r.x + 1, r.w - 1, el, s);
	}
	if (y < r.y + r.h)
		ui_line(ui, y + 1 < r.y + r.h ? y + 1 : y, r.x + 1, r.w - 1,
		    E_DIM, _("Up/Down: field · Enter: change it, or save · "
		    "Escape: cancel · *: required"));
}

static int
edit_done(struct ui *ui, const char *text, uint64_t arg)
{
	struct ui_form *f = (struct ui_form *)(uintptr_t)arg;

	(void)ui;
	if (f->editing >= 0 && f->editing < f->n)
		form_set_text(f, f->editing, text);
	return 0;
}

static void
field_open(struct ui *ui, struct ui_form *f)
{
	struct ui_form_field *x = &f->f[f->cur];
	char title[200];

	if (x->kind == UF_PICK || x->kind == UF_SET) {
		if (x->choices.n == 0) {
			ui_status(ui, E_STATUS_ERR, _("Nothing to pick for "
			    "%s."), _(x->label));
			return;
		}
		f->picking = 1;
		f->psel = x->kind == UF_PICK ? (size_t)(x->sel + (x->required ?
		    0 : 1)) : 0;
		if (x->kind == UF_PICK && x->required && x->sel < 0)
			f->psel = 0;
		f->ptop = 0;
		return;
	}
	f->editing = f->cur;
	snprintf(title, sizeof title, "%s%s", _(x->label), x->kind ==
	    UF_MULTI ? _(" (C-s confirms)") : "");
	ui_edit_open(ui, f->pane, title, "form", x->text, x->kind == UF_MULTI,
	    x->max ? x->max : MAX_TITLE, edit_done, (uint64_t)(uintptr_t)f);
}

static int
form_save(struct ui *ui, struct ui_form *f)
{
	for (int i = 0; i < f->n; i++) {
		const struct ui_form_field *x = &f->f[i];
		int empty = x->kind == UF_PICK ? x->sel < 0 :
		    x->kind == UF_SET ? memchr(x->on, 1, x->choices.n) ==
		    NULL : x->text == NULL;
		if (x->required && empty) {
			f->cur = i;
			ui_status(ui, E_STATUS_ERR, _("%s is required."),
			    _(x->label));
			return UI_HANDLED | UI_REDRAW;
		}
	}
	if (f->done(ui, f) != 0)
		return UI_HANDLED | UI_REDRAW;
	form_free(f);
	ui_reload_all(ui);
	return UI_HANDLED | UI_REDRAW | UI_RELOAD;
}

static int
pick_action(struct ui *ui, struct ui_form *f, int a)
{
	struct ui_form_field *x = &f->f[f->cur];
	int off = x->kind == UF_PICK && !x->required;
	size_t n = x->choices.n + (size_t)off;

	(void)ui;
	switch (a) {
	case AC_UP:
		if (f->psel > 0)
			f->psel--;
		break;
	case AC_DOWN:
		if (f->psel + 1 < n)
			f->psel++;
		break;
	case AC_PAGE_UP:
		f->psel = f->psel > 10 ? f->psel - 10 : 0;
		break;
	case AC_PAGE_DOWN:
		f->psel = f->psel + 10 < n ? f->psel + 10 : n - 1;
		break;
	case AC_TOP:
		f->psel = 0;
		break;
	case AC_BOTTOM:
		f->psel = n - 1;
		break;
	case AC_OPEN:
		if (x->kind == UF_SET)
			x->on[f->psel] = !x->on[f->psel];
		else {
			x->sel = (int)f->psel - off;
			f->picking = 0;
		}
		break;
	case AC_BACK:
		f->picking = 0;
		break;
	default:
		return UI_IGNORED;
	}
	return UI_HANDLED | UI_REDRAW;
}

int
form_action(struct ui *ui, struct ui_form *f, int a)
{
	if (f->picking)
		return pick_action(ui, f, a);
	switch (a) {
	case AC_UP:
		if (f->cur > 0)
			f->cur--;
		break;
	case AC_DOWN:
		if (f->cur < f->n)
			f->cur++;
		break;
	case AC_TOP:
		f->cur = 0;
		break;
	case AC_BOTTOM:
		f->cur = f->n;
		break;
	case AC_OPEN:
		if (f->cur == f->n)
			return form_save(ui, f);
		field_open(ui, f);
		break;
	case AC_BACK:
		form_free(f);
		ui_status(ui, E_STATUS, "%s", _("Cancelled."));
		break;
	default:
		/* Other keys of the pane wait until the form is done; the
		 * global ones (tabs, help, quit) still work. */
		return a >= AC_NEED_ADD && a < AC_E_LEFT ? UI_HANDLED :
		    UI_IGNORED;
	}
	return UI_HANDLED | UI_REDRAW;
}

/* Need ids typed as "12 14 #15, 16": into out; -1 on anything else. */
int
form_parse_ids(const char *s, struct u64_list *out)
{
	char word[32];
	uint64_t id;

	while (s && *s) {
		size_t k;
		s += strspn(s, " ,;\t\n#");
		k = strcspn(s, " ,;\t\n#");
		if (k == 0)
			break;
		if (k >= sizeof word)
			return -1;
		memcpy(word, s, k);
		word[k] = '\0';
		if (util_parse_u64(word, &id) != 0 || id == 0)
			return -1;
		if (!u64_list_has(out, id))
			u64_list_push(out, id);
		s += k;
	}
	return 0;
}
