/* ui-members.c: the members pane: who belongs to the consortium, their
 * roles, and the watch flags. Reads only the rows on screen; writes
 * nothing (members are managed from the console with `cercle member`). */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MROWS 256

struct mrow {
	uint64_t id;
	char login[MAX_LOGIN + 1];
	char name[MAX_NAME + 1];
	char org[MAX_SHORT + 1];
	char territory[MAX_SHORT + 1];
	char roles[100];
	int watch, disabled, keys;
	uint64_t blocks, withdrawals;
};

struct mdata {
	struct mrow rows[MROWS];
	size_t n;
	int detail;
};

struct mscan {
	struct mdata *d;
	size_t skip, want;
};

static const int members_hints[] = { AC_OPEN, AC_BACK, AC_NONE };

static void
members_init(struct ui_pane *p)
{
	p->data = xcalloc(1, sizeof(struct mdata));
}

static void
members_done(struct ui_pane *p)
{
	free(p->data);
	p->data = NULL;
}

static int
members_cb(const struct hub_member_view *v, void *arg)
{
	struct mscan *s = arg;
	const struct member *m = &v->m;
	struct mrow *r;

	if (s->skip > 0) {
		s->skip--;
		return 0;
	}
	if (s->d->n >= s->want || s->d->n >= MROWS)
		return 1;
	r = &s->d->rows[s->d->n++];
	memset(r, 0, sizeof *r);
	r->id = m->id;
	snprintf(r->login, sizeof r->login, "%s", m->login ? m->login : "");
	snprintf(r->name, sizeof r->name, "%s", m->name ? m->name : "");
	snprintf(r->org, sizeof r->org, "%s", m->org ? m->org : "");
	snprintf(r->territory, sizeof r->territory, "%s",
	    m->territory ? m->territory : "");
	model_roles_label(m->roles, r->roles, sizeof r->roles);
	r->watch = v->watch;
	r->disabled = m->disabled != 0;
	r->keys = (int)v->nkeys;
	r->blocks = m->watch_blocks;
	r->withdrawals = m->watch_withdrawals;
	return 0;
}

/* Only the rows on screen are kept. */
static void
members_load(struct ui_pane *p, struct ui *ui, struct hub_rd *rd)
{
	struct mdata *d = p->data;
	struct mscan s;
	struct err e;

	(void)ui;
	p->count = (size_t)hub_member_count(rd);
	ui_list_fit(p, p->rows);
	d->n = 0;
	s.d = d;
	s.skip = p->top;
	s.want = (size_t)p->rows;
	hub_member_page(rd, NULL, 0, members_cb, &s, NULL, &e);
}

/* Screen reader: one linear line, each value after its label and marks
 * said in words: " facil — name Fa Cilitatrice; organisation Urban Prod;
 * roles member, facilitator". */
static void
sr_row(struct ui *ui, int y, struct ui_rect r, int el, const struct mrow *m)
{
	struct buf b = { 0 };

	buf_printf(&b, " %s \xe2\x80\x94", m->login);	/* "facil —" */
	if (m->name[0])
		buf_printf(&b, _(" name %s;"), m->name);
	if (m->org[0])
		buf_printf(&b, _(" organisation %s;"), m->org);
	buf_printf(&b, _(" roles %s"), m->roles);
	if (m->watch)
		buf_puts(&b, _("; to meet the facilitator"));
	if (m->disabled)
		buf_puts(&b, _("; disabled"));
	ui_put(ui, y, r.x, r.w, el, b.p);
	buf_free(&b);
}

static void
members_draw(struct ui_pane *p, struct ui *ui, struct ui_rect r)
{
	struct mdata *d = p->data;
	int rows = r.h - 2, y, wl = 12, wn, wo;
	char line[600];

	ui_fill(ui, r.y, r.x, r.w, E_TITLE);
	ui_printf(ui, r.y, r.x, r.w, E_TITLE, " %s (%zu)", _("Members"),
	    p->count);
	if (rows < 1)
		return;
	if (p->rows != rows) {
		p->rows = rows;
		p->stale = 1;
	}
	if (d->detail && p->sel >= p->top && p->sel - p->top < d->n) {
		struct mrow *m = &d->rows[p->sel - p->top];
		struct ui_rect b = { r.y + 1, r.x + 1, r.h - 1, r.w - 2 };
		y = b.y;
		ui_printf(ui, y++, b.x, b.w, E_HEADER, "%s — %s", m->login,
		    m->name);
		ui_printf(ui, y++, b.x, b.w, E_NORMAL, "%s : %s",
		    _("Organisation"), m->org);
		ui_printf(ui, y++, b.x, b.w, E_NORMAL, "%s : %s",
		    _("Territory"), m->territory);
		ui_printf(ui, y++, b.x, b.w, E_NORMAL, "%s : %s", _("Roles"),
		    m->roles);
		ui_printf(ui, y++, b.x, b.w, E_NORMAL, "%s : %d", _("SSH keys"),
		    m->keys);
		ui_printf(ui, y++, b.x, b.w, m->watch ? E_MARK : E_NORMAL,
		    _("Blocks: %llu, withdrawals: %llu%s"),
		    (unsigned long long)m->blocks,
		    (unsigned long long)m->withdrawals, m->watch ?
		    _(" — to meet the facilitator") : "");
		if (m->disabled)
			ui_put(ui, y++, b.x, b.w, E_STATUS_ERR, _("disabled"));
		return;
	}
	wn = (r.w - wl) / 3;
	wo = (r.w - wl - wn) / 2;
	if (!ui->sr) {
		snprintf(line, sizeof line, " %-*s", wl - 1, _("login"));
		ui_put(ui, r.y + 1, r.x, wl, E_HEADER, line);
		ui_put(ui, r.y + 1, r.x + wl, wn, E_HEADER, _("name"));
		ui_put(ui, r.y + 1, r.x + wl + wn, wo, E_HEADER,
		    _("organisation"));
		ui_put(ui, r.y + 1, r.x + wl + wn + wo, r.w - wl - wn - wo,
		    E_HEADER, _("roles"));
	}
	for (size_t i = 0; i < d->n && (int)i < rows; i++) {
		struct mrow *m = &d->rows[i];
		int sel = p->top + i == p->sel;
		int el = sel ? E_SELECTED : m->disabled ? E_DIM : E_NORMAL;
		y = r.y + 2 + (int)i;
		ui_fill(ui, y, r.x, r.w, el);
		if (ui->sr) {
			sr_row(ui, y, r, el, m);
			continue;
		}
		snprintf(line, sizeof line, "%s%s", m->watch ? "!" : " ",
		    m->login);
		ui_put(ui, y, r.x, wl - 1, m->watch && !sel ? E_MARK : el,
		    line);
		ui_put(ui, y, r.x + wl, wn - 1, el, m->name);
		ui_put(ui, y, r.x + wl + wn, wo - 1, el, m->org);
		ui_put(ui, y, r.x + wl + wn + wo, r.w - wl - wn - wo, el,
		    m->roles);
	}
}

static int
members_action(struct ui_pane *p, struct ui *ui, int a)
{
	struct mdata *d = p->data;

	(void)ui;
	if (a == AC_OPEN && !d->detail && p->count > 0) {
		d->detail = 1;
		return UI_HANDLED | UI_REDRAW;
	}
	if (a == AC_BACK && d->detail) {
		d->detail = 0;
		return UI_HANDLED | UI_REDRAW;
	}
	return ui_list_action(p, a);
}

const struct ui_pane_class ui_members_class = {
	.name = "members", .title = N_("Members"), .tab = 6,
	.help = N_("the members"), .hints = members_hints,
	.init = members_init, .done = members_done, .load = members_load,
	.draw = members_draw, .action = members_action, .resume = NULL,
};
