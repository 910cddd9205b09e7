/* ui-moderation.c: the moderation queue (issue 16), a view of the members
 * pane for admins: flagged texts, open ones first; redact or dismiss the
 * one chosen. And the flag prompt any pane opens. Reads through the hub's
 * read API only; writes through hub operations. */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MODROWS 200

struct modrow {
	uint64_t id, rid;
	char type[16], field[32], status[16], by[MAX_LOGIN + 1];
	char reason[MAX_TITLE + 1];
	char text[400];
	int64_t created;
};

struct ui_moderation {
	struct modrow rows[MODROWS];
	size_t n, nopen, sel;
};

struct ui_moderation *
ui_mod_new(void)
{
	return xcalloc(1, sizeof(struct ui_moderation));
}

void
ui_mod_free(struct ui_moderation *m)
{
	free(m);
}

struct modscan {
	struct ui_moderation *m;
	int open;		/* this pass: the open flags, or the others */
};

static int
mod_cb(const struct hub_flag_view *v, void *arg)
{
	struct modscan *s = arg;
	struct modrow *r;

	if ((strcmp(v->status, "open") == 0) != s->open)
		return 0;
	if (s->m->n >= MODROWS)
		return 1;
	r = &s->m->rows[s->m->n++];
	r->id = v->id;
	r->rid = v->rid;
	r->created = v->created;
	snprintf(r->type, sizeof r->type, "%s", v->type);
	snprintf(r->field, sizeof r->field, "%s", v->field);
	snprintf(r->status, sizeof r->status, "%s", v->status);
	snprintf(r->by, sizeof r->by, "%s", v->by);
	snprintf(r->reason, sizeof r->reason, "%s", v->reason);
	snprintf(r->text, sizeof r->text, "%s", v->text);
	if (s->open)
		s->m->nopen++;
	return 0;
}

size_t
ui_mod_load(struct ui_moderation *m, struct hub_rd *rd)
{
	struct modscan s = { m, 1 };
	struct err e;

	m->n = m->nopen = 0;
	/* Open flags first (oldest first), then the closed ones. */
	if (hub_flag_page(rd, 0, mod_cb, &s, &e) != 0)
		return 0;
	s.open = 0;
	hub_flag_page(rd, 1, mod_cb, &s, &e);
	if (m->sel >= m->n)
		m->sel = m->n ? m->n - 1 : 0;
	return m->nopen;
}

static const char *
status_label(const char *s)
{
	if (strcmp(s, "open") == 0)
		return P_("flag", "open");
	if (strcmp(s, "dismissed") == 0)
		return P_("flag", "dismissed");
	if (strcmp(s, "redacted") == 0)
		return P_("flag", "redacted");
	return s;
}

void
ui_mod_draw(struct ui *ui, struct ui_moderation *m, struct ui_rect r)
{
	int y = r.y + 1, rows = r.h - 1;

	ui_fill(ui, r.y, r.x, r.w, E_TITLE);
	ui_printf(ui, r.y, r.x, r.w, E_TITLE, _(" Moderation: %zu open, "
	    "%zu closed"), m->nopen, m->n - m->nopen);
	if (m->n == 0) {
		if (rows > 1)
			ui_put(ui, y + 1, r.x + 1, r.w - 2, E_DIM,
			    _("No text is flagged."));
		return;
	}
	for (size_t i = 0; i < m->n && y < r.y + r.h; i++) {
		struct modrow *w = &m->rows[i];
		int sel = i == m->sel;
		int el = sel ? E_SELECTED : strcmp(w->status, "open") ? E_DIM :
		    E_NORMAL;

		if (sel)
			ui->sr_y = y;
		ui_fill(ui, y, r.x, r.w, el);
		ui_printf(ui, y++, r.x, r.w, el, " #%llu %s %s #%llu %s — %s "
		    "(%s)", (unsigned long long)w->id, status_label(w->status),
		    w->type, (unsigned long long)w->rid, w->field, w->reason,
		    w->by);
		if (sel && y < r.y + r.h)
			ui_printf(ui, y++, r.x + 3, r.w - 3, E_MARK, "%s",
			    w->text);
	}
}

/* ---- redact, dismiss ---- */

static int
redact_done(struct ui *ui, const char *text, uint64_t id)
{
	struct err e;
	uint64_t n = 0;

	if (hub_flag_redact(ui->h, &ui->who, id, text, &n, &e) != 0) {
		ui_error(ui, &e);
		return -1;
	}
	ui_status(ui, E_STATUS_OK, _("Flag #%llu: text redacted."),
	    (unsigned long long)id);
	return 0;
}

static const char *const yes_no[] = { N_("yes"), N_("no") };

static void
dismiss_chosen(struct ui *ui, int k, uint64_t id)
{
	struct err e;

	if (k != 0) {
		ui_status(ui, E_STATUS, "%s", _("Cancelled."));
		return;
	}
	if (hub_flag_dismiss(ui->h, &ui->who, id, &e) != 0) {
		ui_error(ui, &e);
		return;
	}
	ui_status(ui, E_STATUS_OK, _("Flag #%llu dismissed: the text stays."),
	    (unsigned long long)id);
	ui_reload_all(ui);
}

int
ui_mod_action(struct ui *ui, struct ui_moderation *m, int a)
{
	struct modrow *w = m->sel < m->n ? &m->rows[m->sel] : NULL;
	char ctx[64], prompt[120];

	switch (a) {
	case AC_UP:
		if (m->sel > 0)
			m->sel--;
		return UI_HANDLED | UI_REDRAW;
	case AC_DOWN:
		if (m->sel + 1 < m->n)
			m->sel++;
		return UI_HANDLED | UI_REDRAW;
	case AC_TOP:
		m->sel = 0;
		return UI_HANDLED | UI_REDRAW;
	case AC_BOTTOM:
		m->sel = m->n ? m->n - 1 : 0;
		return UI_HANDLED | UI_REDRAW;
	case AC_REDACT:
	case AC_DISMISS:
		if (w == NULL || strcmp(w->status, "open") != 0) {
			ui_status(ui, E_STATUS_ERR, "%s", _("No open flag "
			    "chosen."));
			return UI_HANDLED;
		}
		if (a == AC_DISMISS) {
			snprintf(prompt, sizeof prompt, _("Dismiss flag #%llu "
			    "and keep the text?"), (unsigned long long)w->id);
			ui_choose(ui, prompt, yes_no, "yn", dismiss_chosen,
			    w->id);
			return UI_HANDLED;
		}
		snprintf(ctx, sizeof ctx, "redact:%llu",
		    (unsigned long long)w->id);
		snprintf(prompt, sizeof prompt, _("Redact %s #%llu %s: the "
		    "reason (one line, shown in the marker)"), w->type,
		    (unsigned long long)w->rid, w->field);
		ui_edit_open(ui, P_MEMBERS, prompt, ctx, NULL, 0, MAX_TITLE,
		    redact_done, w->id);
		return UI_HANDLED;
	}
	return UI_IGNORED;
}

/* ---- the flag prompt ---- */

static int
flag_done(struct ui *ui, const char *text, uint64_t id)
{
	char type[16] = "", field[32] = "";
	const char *c = ui->modal.ctx, *p, *q;
	struct err e;
	uint64_t fid = 0;

	/* ctx is "flag:TYPE:ID:FIELD" (ui_flag_ask). */
	if (strncmp(c, "flag:", 5) != 0 || (p = strchr(c + 5, ':')) == NULL ||
	    (q = strchr(p + 1, ':')) == NULL)
		return -1;
	snprintf(type, sizeof type, "%.*s", (int)(p - c - 5), c + 5);
	snprintf(field, sizeof field, "%s", q + 1);
	if (hub_flag_add(ui->h, &ui->who, type, id, field, text, &fid,
	    &e) != 0) {
		ui_error(ui, &e);
		return -1;
	}
	ui_status(ui, E_STATUS_OK, _("Flagged (#%llu): the admins will see "
	    "it."), (unsigned long long)fid);
	return 0;
}

void
ui_flag_ask(struct ui *ui, int pane, const char *type, uint64_t id,
    const char *field)
{
	char ctx[64];

	snprintf(ctx, sizeof ctx, "flag:%s:%llu:%s", type,
	    (unsigned long long)id, field);
	ui_edit_open(ui, pane, _("Why flag this text for the admins (one "
	    "line)?"), ctx, NULL, 0, MAX_TITLE, flag_done, id);
}

/* ---- an admin's direct redaction ---- */

static int
redact_direct_done(struct ui *ui, const char *text, uint64_t id)
{
	char type[16] = "", field[32] = "";
	const char *c = ui->modal.ctx, *p, *q;
	struct err e;
	uint64_t n = 0;

	/* ctx is "redact:TYPE:ID:FIELD" (ui_redact_ask). */
	if (strncmp(c, "redact:", 7) != 0 || (p = strchr(c + 7, ':')) ==
	    NULL || (q = strchr(p + 1, ':')) == NULL)
		return -1;
	snprintf(type, sizeof type, "%.*s", (int)(p - c - 7), c + 7);
	snprintf(field, sizeof field, "%s", q + 1);
	if (hub_redact(ui->h, &ui->who, type, id, field, text, &n, &e) != 0) {
		ui_error(ui, &e);
		return -1;
	}
	ui_status(ui, E_STATUS_OK, _("Redacted: %s #%llu %s."), type,
	    (unsigned long long)id, field);
	return 0;
}

void
ui_redact_ask(struct ui *ui, int pane, const char *type, uint64_t id,
    const char *field)
{
	char ctx[64], prompt[120];

	snprintf(ctx, sizeof ctx, "redact:%s:%llu:%s", type,
	    (unsigned long long)id, field);
	snprintf(prompt, sizeof prompt, _("Redact %s #%llu %s: the reason "
	    "(one line, shown in the marker)"), type, (unsigned long long)id,
	    field);
	ui_edit_open(ui, pane, prompt, ctx, NULL, 0, MAX_TITLE,
	    redact_direct_done, id);
}
