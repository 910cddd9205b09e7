/* ui-members.c: the members pane: who belongs to the consortium, their
 * roles, and the watch flags; the contribution ledger as a view (L); for
 * admins, the moderation queue as a view (ui-moderation.c). Reads only
 * the rows on screen, through the hub. */
#include "ui.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
	unsigned acts;			/* HUB_MEMBER_ACT_* for the viewer */
	char fps[4][64];		/* first key fingerprints (admins) */
};

/* An admin's edit waiting for its confirmation (edit_* below). */
struct mpend {
	int op;				/* AC_MEMBER_* or AC_KEY_* */
	char login[MAX_LOGIN + 1];
	char name[MAX_NAME + 1];
	char text[2048];		/* key line, "territory; org", key no. */
	uint64_t roles;
};

struct mdata {
	struct mrow rows[MROWS];
	size_t n;
	int detail;
	int mod;			/* the moderation queue shown */
	size_t nopen;			/* open flags (admins) */
	struct ui_moderation *queue;
	struct mpend pend;
	/* The ledger view: 0 off, LEDGER_ALL or LEDGER_YEAR. */
	int ledger;
	struct hub_ledger led;
};

enum { LEDGER_OFF, LEDGER_ALL, LEDGER_YEAR };

struct mscan {
	struct mdata *d;
	size_t skip, want;
};

static const int members_hints[] = { AC_OPEN, AC_BACK, AC_LEDGER,
    AC_MODERATION,
    AC_REDACT, AC_DISMISS, AC_MEMBER_ADD, AC_MEMBER_ROLES, AC_MEMBER_PLACE,
    AC_KEY_ADD, AC_KEY_REMOVE, AC_MEMBER_DISABLE, AC_NONE };

static void
members_init(struct ui_pane *p)
{
	struct mdata *d = xcalloc(1, sizeof(struct mdata));

	d->queue = ui_mod_new();
	p->data = d;
}

static void
members_done(struct ui_pane *p)
{
	struct mdata *d = p->data;

	if (d != NULL) {
		ui_mod_free(d->queue);
		hub_ledger_free(&d->led);
	}
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
	r->acts = v->acts;
	for (size_t i = 0; v->keys_shown && i < m->key_fps.n && i < 4; i++)
		snprintf(r->fps[i], sizeof r->fps[i], "%s", m->key_fps.v[i]);
	return 0;
}

/* 1 January of this year, 00:00 local time. */
static int64_t
year_start(void)
{
	time_t now = (time_t)util_now();
	struct tm tm;

	localtime_r(&now, &tm);
	tm.tm_mon = 0;
	tm.tm_mday = 1;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/* The ledger's counts as `cercle ledger` gives them (hub_ledger_view):
 * one row per member, memory in the number of members. */
static void
ledger_load(struct ui_pane *p, struct ui *ui, struct hub_rd *rd)
{
	struct mdata *d = p->data;
	struct err e;

	hub_ledger_free(&d->led);
	if (hub_ledger_view(rd, d->ledger == LEDGER_YEAR ? year_start() : 0,
	    0, &d->led, &e) != 0) {
		ui_error(ui, &e);
		memset(&d->led, 0, sizeof d->led);
	}
	p->count = d->led.n;
	ui_list_fit(p, p->rows);
}

/* Only the rows on screen are kept. */
static void
members_load(struct ui_pane *p, struct ui *ui, struct hub_rd *rd)
{
	struct mdata *d = p->data;
	struct mscan s;
	struct err e;

	if (d->ledger) {
		ledger_load(p, ui, rd);
		return;
	}
	d->nopen = (ui->roles & ROLE_ADMIN) ? ui_mod_load(d->queue, rd) : 0;
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

/* " head" right-aligned over a number column of width w. */
static void
head_right(struct buf *b, const char *s, size_t w)
{
	size_t cps = 0;

	for (const char *q = s; *q; q++)
		cps += ((unsigned char)*q & 0xc0) != 0x80;
	buf_puts(b, " ");
	if (cps >= w) {
		util_col(b, s, w);	/* cut with an ellipsis */
		return;
	}
	for (; cps < w; cps++)
		buf_puts(b, " ");
	util_col(b, s, 0);
}

/* The ledger: login, then the eight counts in columns of 7 (the CLI's
 * heads), a total line last; 12 + 8 x 8 = 76 columns. */
static void
ledger_draw(struct ui_pane *p, struct ui *ui, struct ui_rect r)
{
	const char *const head[HUB_LEDGER__COUNT] = { P_("ledger", "needs"),
	    P_("ledger", "supp."), P_("ledger", "room"), P_("ledger",
	    "remote"), P_("ledger", "posit."), P_("ledger", "propos."),
	    P_("ledger", "wkstr."), P_("ledger", "actions") };
	struct mdata *d = p->data;
	uint64_t tot[HUB_LEDGER__COUNT] = { 0 };
	int rows = r.h - 3, y, wl = 12;
	struct buf b = { 0 };
	char year[16];

	year[0] = '\0';
	if (d->ledger == LEDGER_YEAR) {
		time_t now = (time_t)util_now();
		struct tm tm;
		localtime_r(&now, &tm);
		snprintf(year, sizeof year, "%d", tm.tm_year + 1900);
	}
	ui_fill(ui, r.y, r.x, r.w, E_TITLE);
	if (d->ledger == LEDGER_YEAR)
		ui_printf(ui, r.y, r.x, r.w, E_TITLE, _(" Contributions in %s "
		    "(%zu members) · counts only"), year, d->led.n);
	else
		ui_printf(ui, r.y, r.x, r.w, E_TITLE, _(" Contributions, all "
		    "time (%zu members) · counts only"), d->led.n);
	if (rows < 1)
		return;
	if (p->rows != rows) {
		p->rows = rows;
		p->stale = 1;
	}
	for (size_t i = 0; i < d->led.n; i++)
		for (int k = 0; k < HUB_LEDGER__COUNT; k++)
			tot[k] += d->led.rows[i].c[k];
	buf_printf(&b, " %-*s", wl - 1, _("member"));
	for (int k = 0; k < HUB_LEDGER__COUNT; k++)
		head_right(&b, head[k], 7);
	if (!ui->sr)
		ui_put(ui, r.y + 1, r.x, r.w, E_HEADER, b.p);
	for (int i = 0; i < rows && p->top + (size_t)i < d->led.n; i++) {
		const struct hub_ledger_row *m = &d->led.rows[p->top + i];
		int el = p->top + (size_t)i == p->sel ? E_SELECTED : E_NORMAL;
		y = r.y + 2 + i;
		b.len = 0;
		buf_puts(&b, " ");
		/* A screen reader hears each count after its label. */
		if (ui->sr) {
			buf_printf(&b, "%s \xe2\x80\x94", m->login);
			for (int k = 0; k < HUB_LEDGER__COUNT; k++)
				buf_printf(&b, "%s %s %llu", k ? ";" : "",
				    head[k], (unsigned long long)m->c[k]);
		} else
			util_col(&b, m->login, wl - 1);
		for (int k = 0; !ui->sr && k < HUB_LEDGER__COUNT; k++)
			buf_printf(&b, " %7llu", (unsigned long long)m->c[k]);
		ui_fill(ui, y, r.x, r.w, el);
		ui_put(ui, y, r.x, r.w, el, b.p);
	}
	b.len = 0;
	buf_puts(&b, " ");
	util_col(&b, _("total"), wl - 1);
	for (int k = 0; k < HUB_LEDGER__COUNT; k++)
		buf_printf(&b, " %7llu", (unsigned long long)tot[k]);
	ui_put(ui, r.y + r.h - 1, r.x, r.w, E_HEADER, b.p);
	buf_free(&b);
}

static void
members_draw(struct ui_pane *p, struct ui *ui, struct ui_rect r)
{
	struct mdata *d = p->data;
	int rows = r.h - 2, y, wl = 12, wn, wo, watch;
	char line[600];

	if (d->mod) {
		ui_mod_draw(ui, d->queue, r);
		return;
	}
	if (d->ledger) {
		ledger_draw(p, ui, r);
		return;
	}
	ui_fill(ui, r.y, r.x, r.w, E_TITLE);
	/* The mark before a login is explained where it is shown. */
	watch = 0;
	for (size_t i = 0; i < d->n; i++)
		watch |= d->rows[i].watch;
	if (d->nopen > 0)
		ui_printf(ui, r.y, r.x, r.w, E_TITLE, " %s (%zu) · %s", _("Members"),
		    p->count, _("texts flagged: see the moderation queue"));
	else if (watch && !ui->sr)
		ui_printf(ui, r.y, r.x, r.w, E_TITLE, " %s (%zu) · %s",
		    _("Members"), p->count, _("! to meet the facilitator "
		    "(watch rule)"));
	else
		ui_printf(ui, r.y, r.x, r.w, E_TITLE, " %s (%zu)",
		    _("Members"), p->count);
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
		for (int i = 0; i < 4 && m->fps[i][0]; i++)
			ui_printf(ui, y++, b.x + 2, b.w - 2, E_DIM, "%d. %s",
			    i + 1, m->fps[i]);
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

/* ---- an admin's edits (issue 16 item 1): asked, confirmed, done ---- */

/* s without its leading and trailing spaces (in place). */
static char *
trim(char *s)
{
	size_t n;

	while (*s == ' ')
		s++;
	n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
	return s;
}

static struct mdata *
mdata_of(struct ui *ui)
{
	return ui->panes[P_MEMBERS].data;
}

static const char *const yes_no[] = { N_("yes"), N_("no") };

static void
edit_confirmed(struct ui *ui, int k, uint64_t arg)
{
	struct mpend *q = &mdata_of(ui)->pend;
	char fp[80], terr[MAX_SHORT + 1], *semi;
	struct err e;
	int rc = 0;

	(void)arg;
	if (k != 0) {
		ui_status(ui, E_STATUS, "%s", _("Cancelled."));
		return;
	}
	err_clear(&e);
	switch (q->op) {
	case AC_MEMBER_ADD:
		rc = hub_member_add(ui->h, &ui->who, q->login, q->name,
		    q->roles, NULL, NULL, NULL, &e);
		break;
	case AC_MEMBER_ROLES:
		rc = hub_member_set_roles(ui->h, &ui->who, q->login, q->roles,
		    &e);
		break;
	case AC_MEMBER_PLACE:
		/* "territory; organisation": either may be left empty. */
		semi = strchr(q->text, ';');
		snprintf(terr, sizeof terr, "%.*s", semi ? (int)(semi -
		    q->text) : (int)strlen(q->text), q->text);
		rc = hub_member_set_place(ui->h, &ui->who, q->login,
		    trim(terr), semi ? trim(semi + 1) : NULL, &e);
		break;
	case AC_KEY_ADD:
		rc = hub_member_key_add(ui->h, &ui->who, q->login, q->text, fp,
		    sizeof fp, &e);
		break;
	case AC_KEY_REMOVE:
		rc = hub_member_key_remove(ui->h, &ui->who, q->login, q->text,
		    &e);
		break;
	case AC_MEMBER_DISABLE:
		rc = hub_member_set_disabled(ui->h, &ui->who, q->login,
		    q->roles != 0, &e);
		break;
	}
	if (rc != 0) {
		ui_error(ui, &e);
		return;
	}
	ui_status(ui, E_STATUS_OK, _("Done: %s (in the journal)."), q->login);
	ui_reload_all(ui);
}

static void
edit_confirm(struct ui *ui, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
edit_confirm(struct ui *ui, const char *fmt, ...)
{
	char prompt[120];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(prompt, sizeof prompt, fmt, ap);
	va_end(ap);
	ui_choose(ui, prompt, yes_no, "yn", edit_confirmed, 0);
}

static int
edit_typed(struct ui *ui, const char *text, uint64_t arg)
{
	struct mpend *q = &mdata_of(ui)->pend;
	char canon[1024], fp[80], roles[100];
	struct err e;

	(void)arg;
	snprintf(q->text, sizeof q->text, "%s", text);
	switch (q->op) {
	case AC_MEMBER_ADD: {
		const char *sp = strchr(text, ' ');
		if (sp == NULL || (size_t)(sp - text) > MAX_LOGIN) {
			ui_status(ui, E_STATUS_ERR, "%s", _("Type the login, a "
			    "space, then the name."));
			return -1;
		}
		snprintf(q->login, sizeof q->login, "%.*s", (int)(sp - text),
		    text);
		snprintf(q->name, sizeof q->name, "%s", sp + 1);
		q->roles = ROLE_MEMBER;
		edit_confirm(ui, _("Add %s (%s) as a member?"), q->login,
		    q->name);
		return 0;
	}
	case AC_MEMBER_ROLES:
		if (model_roles_parse(text, &q->roles, &e) != 0) {
			ui_error(ui, &e);
			return -1;
		}
		model_roles_label(q->roles, roles, sizeof roles);
		edit_confirm(ui, _("Give %s the roles %s?"), q->login, roles);
		return 0;
	case AC_MEMBER_PLACE:
		edit_confirm(ui, _("Set %s's territory; organisation to %s?"),
		    q->login, text);
		return 0;
	case AC_KEY_ADD:
		if (hub_key_parse(text, canon, sizeof canon, fp, sizeof fp,
		    &e) != 0) {
			ui_error(ui, &e);
			return -1;
		}
		/* As `ssh-keygen -l` shows it: bits, fingerprint, type. */
		edit_confirm(ui, _("Add key %s%s (%s) to %s?"),
		    strncmp(canon, "ssh-ed25519 ", 12) == 0 ? "256 " : "", fp,
		    strncmp(canon, "ssh-ed25519 ", 12) == 0 ? "ED25519" :
		    "RSA/ECDSA", q->login);
		return 0;
	case AC_KEY_REMOVE:
		edit_confirm(ui, _("Remove key %s of %s?"), text, q->login);
		return 0;
	}
	return -1;
}

static int
member_edit(struct ui_pane *p, struct ui *ui, int a)
{
	struct mdata *d = p->data;
	struct mrow *m = p->sel >= p->top && p->sel - p->top < d->n ?
	    &d->rows[p->sel - p->top] : NULL;
	struct mpend *q = &d->pend;
	char title[200], pre[300];

	if (!(ui->roles & ROLE_ADMIN)) {
		ui_status(ui, E_STATUS_ERR, "%s", _("Only admins change "
		    "members."));
		return UI_HANDLED;
	}
	memset(q, 0, sizeof *q);
	q->op = a;
	if (a == AC_MEMBER_ADD) {
		ui_edit_open(ui, P_MEMBERS, _("New member: login, a space, then "
		    "the name"), "member-add", NULL, 0, MAX_LOGIN + MAX_NAME +
		    1, edit_typed, 0);
		return UI_HANDLED;
	}
	if (m == NULL)
		return UI_HANDLED;
	snprintf(q->login, sizeof q->login, "%s", m->login);
	switch (a) {
	case AC_MEMBER_ROLES:
		snprintf(title, sizeof title, _("Roles of %s (member, "
		    "facilitator, admin, correspondent, sage, observer)"),
		    m->login);
		ui_edit_open(ui, P_MEMBERS, title, "member-roles", m->roles, 0,
		    100, edit_typed, 0);
		break;
	case AC_MEMBER_PLACE:
		snprintf(title, sizeof title, _("Territory; organisation of "
		    "%s"), m->login);
		snprintf(pre, sizeof pre, "%s; %s", m->territory, m->org);
		ui_edit_open(ui, P_MEMBERS, title, "member-place", pre, 0,
		    2 * MAX_SHORT + 2, edit_typed, 0);
		break;
	case AC_KEY_ADD:
		snprintf(title, sizeof title, _("Paste %s's public key (the "
		    "ssh-ed25519 line)"), m->login);
		ui_edit_open(ui, P_MEMBERS, title, "key-add", NULL, 0, 2000,
		    edit_typed, 0);
		break;
	case AC_KEY_REMOVE:
		if (m->keys == 0) {
			ui_status(ui, E_STATUS_ERR, _("%s has no key."),
			    m->login);
			break;
		}
		snprintf(title, sizeof title, _("Remove which key of %s "
		    "(number, 1 to %d)?"), m->login, m->keys);
		ui_edit_open(ui, P_MEMBERS, title, "key-remove", NULL, 0, 80,
		    edit_typed, 0);
		break;
	case AC_MEMBER_DISABLE:
		q->roles = !m->disabled;	/* 1: disable */
		edit_confirm(ui, m->disabled ? _("Enable %s again?") :
		    _("Disable %s (history kept, access removed)?"), m->login);
		break;
	}
	return UI_HANDLED;
}

static int
members_action(struct ui_pane *p, struct ui *ui, int a)
{
	struct mdata *d = p->data;

	if (a == AC_MODERATION && (ui->roles & ROLE_ADMIN)) {
		d->mod = !d->mod;
		return UI_HANDLED | UI_RELOAD | UI_REDRAW;
	}
	if (d->mod) {
		if (a == AC_BACK) {
			d->mod = 0;
			return UI_HANDLED | UI_REDRAW;
		}
		return ui_mod_action(ui, d->queue, a);
	}
	/* L: the ledger of all time; L again: this year; and so on. */
	if (a == AC_LEDGER) {
		d->ledger = d->ledger == LEDGER_ALL ? LEDGER_YEAR : LEDGER_ALL;
		d->detail = 0;
		p->top = p->sel = 0;
		return UI_HANDLED | UI_RELOAD | UI_REDRAW;
	}
	if (d->ledger) {
		if (a == AC_BACK) {
			d->ledger = LEDGER_OFF;
			p->top = p->sel = 0;
			return UI_HANDLED | UI_RELOAD | UI_REDRAW;
		}
		if (a == AC_OPEN)
			return UI_HANDLED;
		return ui_list_action(p, a);
	}
	switch (a) {
	case AC_MEMBER_ADD:
	case AC_MEMBER_ROLES:
	case AC_MEMBER_PLACE:
	case AC_KEY_ADD:
	case AC_KEY_REMOVE:
	case AC_MEMBER_DISABLE:
		return member_edit(p, ui, a);
	}
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

static int
members_can(struct ui_pane *p, struct ui *ui, int a)
{
	struct mdata *d = p->data;

	switch (a) {
	case AC_LEDGER:
		return !d->mod;
	case AC_MODERATION:
		return (ui->roles & ROLE_ADMIN) != 0;
	case AC_REDACT:
	case AC_DISMISS:
		return d->mod && (ui->roles & ROLE_ADMIN) != 0;
	case AC_MEMBER_ADD:
	case AC_MEMBER_ROLES:
	case AC_MEMBER_PLACE:
	case AC_KEY_ADD:
	case AC_KEY_REMOVE:
	case AC_MEMBER_DISABLE:
		return !d->mod && !d->ledger && (ui->roles & ROLE_ADMIN) != 0;
	}
	return 1;
}

const struct ui_pane_class ui_members_class = {
	.name = "members", .title = N_("Members"), .tab = 6,
	.help = N_("the members"), .hints = members_hints,
	.init = members_init, .done = members_done, .load = members_load,
	.draw = members_draw, .action = members_action, .resume = NULL,
	.can = members_can,
};
