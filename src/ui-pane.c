/* ui-pane.c: the pane manager and the one event loop: focus, splits,
 * resize, the status line, the modal editor with its
 * saved drafts, and the live refresh when another session commits. Holds
 * no read transaction while waiting for a key (reset, then renew). */
#include "ui.h"
#include "codec.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UI_TICK_MS	100	/* how often another session's commit is seen */
#define UI_LOWBW_MS	1000	/* low bandwidth: updates coalesced this long */
#define UI_DRAFT_IDLE_MS 700	/* save a draft once typing pauses this long */
#define UI_DRAFT_MAX_MS	3000	/* ...or at least this often while typing */
#define UI_SPLIT_COLS	160	/* two panes side by side from this width */
#define UI_STATUS_MS	5000	/* a status message older than this is stale */

/* The pane registration table, by tab. Adding a pane: its file (a class
 * with its name, tab and help), one line here, its bindings in
 * keymaps/ and its strings in po/. */
extern const struct ui_pane_class ui_actions_class, ui_members_class,
    ui_journal_class, ui_indicators_class;
const struct ui_pane_class *const ui_panes[UI_PANES_MAX] = {
	&ui_needs_class,	/* 1 */
	&ui_agenda_class,	/* 2 */
	&ui_vote_class,		/* 3 */
	&ui_meeting_class,	/* 4 */
	&ui_actions_class,	/* 5 */
	&ui_members_class,	/* 6 */
	&ui_journal_class,	/* 7 */
	&ui_rounds_class,	/* 8 */
	&ui_switch_class,	/* 9 */
	[9] = &ui_indicators_class,	/* 10 */
};

/* Tabs are fixed numbers, so a table may have a hole (a tab another
 * branch fills): the count runs to the last registered pane, and every
 * walk below skips a hole. */
int
ui_pane_count(void)
{
	int n = UI_PANES_MAX;

	while (n > 0 && ui_panes[n - 1] == NULL)
		n--;
	return n;
}

/* The next registered pane from pane, by step (+1 or -1), wrapping. */
static int
pane_step(const struct ui *ui, int pane, int step)
{
	for (int k = 0; k < ui->npanes; k++) {
		pane = (pane + step + ui->npanes) % ui->npanes;
		if (ui_panes[pane] != NULL)
			break;
	}
	return pane;
}

void
ui_status(struct ui *ui, int elem, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->status, sizeof ui->status, fmt, ap);
	va_end(ap);
	ui->status_elem = elem;
	ui->status_ms = crt_now_ms();
	ui->dirty = 1;
}

/* The interface's words for a hub refusal: a shell's option in
 * parentheses (" (--reason)") means nothing on a screen and goes. */
static void
error_words(const char *msg, char *out, size_t n)
{
	size_t o = 0;
	const char *p = msg, *end;

	while (*p && o + 1 < n) {
		if (strncmp(p, " (--", 4) == 0 && (end = strchr(p + 4, ')')) &&
		    (size_t)(end - p) < 24) {
			p = end + 1;
			continue;
		}
		out[o++] = *p++;
	}
	out[o] = '\0';
}

void
ui_error(struct ui *ui, const struct err *e)
{
	char msg[sizeof e->msg + 64];

	error_words(e->msg, msg, sizeof msg);
	ui_status(ui, E_STATUS_ERR, "%s", msg[0] ? msg : _("unknown error"));
}

void
ui_refuse(struct ui *ui, const char *why)
{
	char msg[sizeof ui->status], k[32];

	error_words(why, msg, sizeof msg);
	ui_status(ui, E_STATUS_ERR, "%s: %s", keys_name(ui->last_key, k,
	    sizeof k), msg[0] ? msg : _("unknown error"));
}

void
ui_reload_all(struct ui *ui)
{
	for (int i = 0; i < ui->npanes; i++)
		ui->panes[i].stale = 1;
	ui->dirty = 1;
}

void
ui_focus(struct ui *ui, int pane)
{
	if (pane < 0 || pane >= ui->npanes || pane == ui->focus ||
	    ui_panes[pane] == NULL)
		return;
	ui->other = ui->focus;
	ui->focus = pane;
	ui->dirty = 1;
}

void
ui_choose(struct ui *ui, const char *prompt, const char *const *labels,
    const char *keys, ui_choice_fn fn, uint64_t arg)
{
	struct ui_choice *c = &ui->choice;

	c->open = 1;
	snprintf(c->prompt, sizeof c->prompt, "%s", prompt);
	c->labels = labels;
	c->keys = keys;
	c->fn = fn;
	c->arg = arg;
	ui->dirty = 1;
}

/* A part of a choice's line; one that does not fit is cut with the
 * status line's mark (draw_message), so a lost key shows. */
static int
choice_put(struct ui *ui, int y, int x, const char *s)
{
	if (x >= ui->cols)
		return x;
	if (x + ui_width(s) <= ui->cols || ui->cols < 2)
		return x + ui_put(ui, y, x, ui->cols - x, E_STATUS, s);
	x += ui_put(ui, y, x, ui->cols - 1 - x, E_STATUS, s);
	ui_put(ui, y, x, 1, E_STATUS, ui->ascii ? ">" : "\u2026");
	return ui->cols;
}

static void
draw_choice(struct ui *ui)
{
	struct ui_choice *c = &ui->choice;
	int y = ui->rows - 1, x = 0;
	char item[160];

	ui_fill(ui, y, 0, ui->cols, E_STATUS);
	x = choice_put(ui, y, x, c->prompt);
	for (size_t i = 0; c->keys[i] && x < ui->cols; i++) {
		snprintf(item, sizeof item, "  %c %s", c->keys[i],
		    _(c->labels[i]));
		x = choice_put(ui, y, x, item);
	}
	/* The reminder only when it fits whole: it is not the question. */
	snprintf(item, sizeof item, "  (%s)", _("Escape cancels"));
	if (x + ui_width(item) <= ui->cols)
		ui_put(ui, y, x, ui->cols - x, E_DIM, item);
}

static void
choice_key(struct ui *ui, int key)
{
	struct ui_choice *c = &ui->choice;
	const char *k;

	if (key <= 0 || key >= 0x80 || (k = strchr(c->keys, key)) == NULL) {
		if (key == 0x1b || key == KEYC_CTRL('g') || key == 'q')
			c->open = 0;
		return;
	}
	c->open = 0;
	c->fn(ui, (int)(k - c->keys), c->arg);
}

/* ---- lists ---- */

void
ui_list_fit(struct ui_pane *p, int rows)
{
	if (rows < 1)
		rows = 1;
	if (p->count == 0) {
		p->sel = p->top = 0;
		return;
	}
	if (p->sel >= p->count)
		p->sel = p->count - 1;
	if (p->sel < p->top)
		p->top = p->sel;
	if (p->sel >= p->top + (size_t)rows)
		p->top = p->sel - (size_t)rows + 1;
	if (p->top + (size_t)rows > p->count)
		p->top = p->count > (size_t)rows ? p->count - (size_t)rows : 0;
}

int
ui_list_action(struct ui_pane *p, int action)
{
	size_t page = p->rows > 1 ? (size_t)p->rows - 1 : 1;
	size_t old = p->sel, oldtop = p->top;

	switch (action) {
	case AC_UP:
		if (p->sel > 0)
			p->sel--;
		break;
	case AC_DOWN:
		if (p->sel + 1 < p->count)
			p->sel++;
		break;
	case AC_PAGE_UP:
		p->sel = p->sel > page ? p->sel - page : 0;
		break;
	case AC_PAGE_DOWN:
		p->sel += page;
		if (p->count == 0)
			p->sel = 0;
		else if (p->sel >= p->count)
			p->sel = p->count - 1;
		break;
	case AC_TOP:
		p->sel = 0;
		break;
	case AC_BOTTOM:
		p->sel = p->count ? p->count - 1 : 0;
		break;
	default:
		return UI_IGNORED;
	}
	ui_list_fit(p, p->rows);
	if (p->sel == old)
		return UI_HANDLED;
	/* Only the rows on screen are in memory: a scroll rereads them. */
	return UI_HANDLED | UI_REDRAW | (p->top != oldtop ? UI_RELOAD : 0);
}

/* ---- loading ---- */

/* The parked read handle: renewed to read, parked before waiting. */
static struct hub_rd *
rd_renew(struct ui *ui)
{
	struct err e;

	if (ui->rd == NULL) {
		if (hub_rd_open(ui->h, &ui->who, &ui->rd, &e) != 0)
			crt_fatal("%s", e.msg);
	} else if (hub_rd_renew(ui->rd, &e) != 0)
		crt_fatal("%s", e.msg);
	return ui->rd;
}

static void
load_pane(struct ui *ui, struct ui_pane *p)
{
	if (!p->stale)
		return;
	p->cls->load(p, ui, rd_renew(ui));
	hub_rd_park(ui->rd);
	p->stale = 0;
	ui->dirty = 1;
}

static int
split_on(struct ui *ui)
{
	if (ui->sr)
		return 0;	/* screen reader: one pane at a time */
	return ui->split && ui->cols >= 100 && ui->other != ui->focus;
}

/* Read what the visible panes show; others wait until they are shown. */
static void
load_visible(struct ui *ui)
{
	load_pane(ui, &ui->panes[ui->focus]);
	if (split_on(ui))
		load_pane(ui, &ui->panes[ui->other]);
}

/* Another session committed when the last transaction id moves. LMDB
 * publishes the new meta page (what hub_last_txnid() reads) a moment
 * before new readers see the snapshot, so a change counts once the
 * snapshot's journal shows it; until then, look again at the next tick
 * (for at most UI_LIVE_RETRIES ticks: a commit may journal nothing). */
#define UI_LIVE_RETRIES 20

static void
check_live(struct ui *ui)
{
	uint64_t txn = hub_last_txnid(ui->h), jl;
	int64_t now = crt_now_ms();

	if (txn == ui->seen_txn)
		return;
	if (ui->low_bw && now - ui->last_load_ms < UI_LOWBW_MS)
		return;
	jl = hub_rd_journal_last(rd_renew(ui));
	hub_rd_park(ui->rd);
	if (jl == ui->seen_journal && ++ui->live_retries < UI_LIVE_RETRIES)
		return;
	ui->live_retries = 0;
	ui->seen_journal = jl;
	ui->seen_txn = txn;
	ui->last_load_ms = now;
	for (int i = 0; i < ui->npanes; i++)
		ui->panes[i].stale = 1;
}

/* ---- drawing ---- */

static const char *
short_label(int action, char *out, size_t n)
{
	const char *h = ui_action_hint(action) ? _(ui_action_hint(action)) :
	    _(ui_action_help(action));
	size_t k = strcspn(h, "(,:");

	while (k > 0 && h[k - 1] == ' ')
		k--;
	snprintf(out, n, "%.*s", (int)k, h);
	return out;
}

static void
draw_tabs(struct ui *ui)
{
	int x = 0, w = ui->cols, full = 0, i;
	char label[80];

	ui_fill(ui, 0, 0, w, E_TAB);
	/* Full titles when they fit, else numbers and the focused title. */
	snprintf(label, sizeof label, "%s%s ", ui->me ? "@" : "",
	    ui->me ? ui->login : _("console"));
	full = ui_width(label);
	for (i = 0; i < ui->npanes; i++)
		if (ui_panes[i] != NULL)
			full += ui_width(_(ui_panes[i]->title)) + 5;
	for (i = 0; i < ui->npanes && x < w; i++) {
		if (ui_panes[i] == NULL)
			continue;
		int on = i == ui->focus || (split_on(ui) && i == ui->other);
		if (full <= w || i == ui->focus)
			snprintf(label, sizeof label, " %d %s ", i + 1,
			    _(ui_panes[i]->title));
		else
			snprintf(label, sizeof label, " %d ", i + 1);
		x += ui_put(ui, 0, x, w - x, on ? E_TAB_ACTIVE : E_TAB, label);
		x += ui_put(ui, 0, x, w - x, E_TAB, " ");
	}
	snprintf(label, sizeof label, "%s%s ", ui->me ? "@" : "",
	    ui->me ? ui->login : _("console"));
	i = ui_width(label);
	if (x + i < w)
		ui_put(ui, 0, w - i, i, E_TAB, label);
}

/* The message on the status line. One wider than the screen is cut with
 * a mark in its last column, so the reader (and a test) sees it was cut:
 * every message is written to fit 80 columns. */
static void
draw_message(struct ui *ui, int y)
{
	int w = ui->cols, used;

	ui_fill(ui, y, 0, w, ui->status_elem);
	if (ui_width(ui->status) <= w || w < 2) {
		ui_put(ui, y, 0, w, ui->status_elem, ui->status);
		return;
	}
	used = ui_put(ui, y, 0, w - 1, ui->status_elem, ui->status);
	ui_put(ui, y, used, 1, ui->status_elem, ui->ascii ? ">" : "\u2026");
}

static void
draw_status(struct ui *ui)
{
	int y = ui->rows - 1, x = 0, k, a, scope;
	char name[32], label[80], item[120];
	const int *h;

	if (ui->choice.open) {
		draw_choice(ui);
		return;
	}
	if (ui->status[0]) {
		draw_message(ui, y);
		return;
	}
	ui_fill(ui, y, 0, ui->cols, E_STATUS);
	if (ui->modal.open) {
		static const int eh[] = { AC_E_CONFIRM, AC_E_CANCEL,
		    AC_E_DELETE_WORD, AC_NONE };
		h = eh;
		scope = SC_EDIT;
	} else {
		h = ui_panes[ui->focus]->hints;
		scope = UI_PANE_SCOPE(ui_panes[ui->focus]);
	}
	for (int pass = 0; pass < 2; pass++) {
		static const int gh[] = { AC_HELP, AC_QUIT, AC_NONE };
		const int *list = pass ? gh : h;
		if (pass && ui->modal.open)
			break;
		for (int i = 0; list && list[i] != AC_NONE; i++) {
			a = list[i];
			if ((k = keys_find(&ui->keys, scope, a)) == 0)
				continue;
			/* Role-aware: only what this viewer may do now. */
			if (!pass && !ui->modal.open &&
			    ui_panes[ui->focus]->can != NULL &&
			    !ui_panes[ui->focus]->can(&ui->panes[ui->focus],
			    ui, a))
				continue;
			snprintf(item, sizeof item, " %s %s ",
			    keys_name(k, name, sizeof name),
			    short_label(a, label, sizeof label));
			if (x + ui_width(item) > ui->cols)
				return;
			x += ui_put(ui, y, x, ui->cols - x, E_STATUS, item);
		}
	}
}

static void
draw_modal(struct ui *ui, struct ui_rect body)
{
	struct ui_modal *m = &ui->modal;
	int h = m->ed.multi ? body.h * 2 / 3 : 3;
	int y, ew;
	char info[120];

	if (h < 3)
		h = 3;
	if (h > body.h)
		h = body.h;
	y = body.y + body.h - h;
	ew = body.w - 2;
	ui_hline(ui, y, body.x, body.w);
	ui_put(ui, y, body.x + 1, body.w - 2, E_TITLE, m->title);
	snprintf(info, sizeof info, " %zu/%zu ", edit_bytes(&m->ed),
	    m->ed.maxbytes);
	if (ui_width(m->title) + ui_width(info) + 4 < body.w)
		ui_put(ui, y, body.x + body.w - ui_width(info) - 1,
		    ui_width(info), E_DIM, info);
	for (int i = 1; i < h; i++)
		ui_fill(ui, y + i, body.x, body.w, E_NORMAL);
	edit_draw(&m->ed, stdscr, y + 1, body.x + 1, h - 1, ew,
	    ui->theme.attr[E_EDIT]);
}

static int
visible_stale(struct ui *ui)
{
	return ui->panes[ui->focus].stale ||
	    (split_on(ui) && ui->panes[ui->other].stale);
}

static void draw_body(struct ui *, int *, int *);

/* Screen reader, nothing focused: the first row under the pane's title
 * holding text (the body starts at row 1, the title), else the title. */
static int
sr_text_row(struct ui *ui)
{
	for (int y = 2; y < ui->rows - 1; y++)
		for (int x = 0; x < ui->cols; x++)
			if ((mvwinch(stdscr, y, x) & A_CHARTEXT) != ' ')
				return y;
	return 1;
}

/* Draw into curses' memory; a pane that learns its size while drawing
 * asks for a reload (stale): read it and draw again before anything is
 * sent, so the first screen goes out whole, in one frame. */
static void
draw_frame(struct ui *ui)
{
	int cy = -1, cx = -1;

	/* A message outlives its moment: a frame drawn for another reason
	 * (a live update) a few seconds later drops it. No frame is sent
	 * only for that: an idle terminal receives nothing. */
	if (ui->status[0] && crt_now_ms() - ui->status_ms >= UI_STATUS_MS)
		ui->status[0] = '\0';
	ui->sr_y = -1;
	draw_body(ui, &cy, &cx);
	for (int pass = 0; pass < 2 && visible_stale(ui); pass++) {
		load_visible(ui);
		cy = cx = -1;
		ui->sr_y = -1;
		draw_body(ui, &cy, &cx);
	}
	/* Screen reader: the focused row is marked in text and the
	 * terminal's cursor sits on it (readers and braille follow it). */
	if (ui->sr && cy < 0 && ui->sr_y >= 0 && !ui->help) {
		mvwaddch(stdscr, ui->sr_y, 0, '>');
		cy = ui->sr_y;
		cx = 0;
	} else if (ui->sr && cy < 0 && !ui->help) {
		/* Nothing to focus (an empty pane): the cursor goes to the
		 * pane's first line of text after its title, its message. */
		cy = sr_text_row(ui);
		cx = 0;
	}
	if (cy >= 0 && !ui->help) {
		wmove(stdscr, cy, cx);
		curs_set(1);
	} else
		curs_set(0);
	wnoutrefresh(stdscr);
	doupdate();
	ui->dirty = 0;
	ui->frame_count++;
}

static void
draw_body(struct ui *ui, int *cyp, int *cxp)
{
	struct ui_rect body = { 1, 0, ui->rows - 2, ui->cols };
	int cy = -1, cx = -1;

	werase(stdscr);
	if (ui->rows < 5 || ui->cols < 20) {
		ui_put(ui, 0, 0, ui->cols, E_NORMAL, _("window too small"));
		goto out;
	}
	draw_tabs(ui);
	if (split_on(ui)) {
		struct ui_rect l = body, r = body;
		l.w = body.w / 2;
		r.x = l.w + 1;
		r.w = body.w - l.w - 1;
		ui_panes[ui->focus]->draw(&ui->panes[ui->focus], ui, l);
		ui_vline(ui, body.y, l.w, body.h);
		ui_panes[ui->other]->draw(&ui->panes[ui->other], ui, r);
	} else
		ui_panes[ui->focus]->draw(&ui->panes[ui->focus], ui, body);
	if (ui->modal.open) {
		draw_modal(ui, body);
		getyx(stdscr, cy, cx);
	}
	if (ui->help)
		ui_help_draw(ui);
	draw_status(ui);
out:
	*cyp = cy;
	*cxp = cx;
}

/* ---- drafts and saved state ---- */

static void
save_state(struct ui *ui, int force)
{
	struct ui_modal *m = &ui->modal;
	const char *pane = ui_panes[ui->focus]->name;
	int64_t now = crt_now_ms(), wall = util_now_ms();
	struct hub_ustate_in in;
	struct buf text = { 0 };
	struct err e;
	size_t sel = ui->panes[ui->focus].sel;
	int due;

	if (ui->me == 0)
		return;
	if (strcmp(ui->seen_pane, pane) != 0 || ui->seen_sel != sel) {
		snprintf(ui->seen_pane, sizeof ui->seen_pane, "%s", pane);
		ui->seen_sel = sel;
		ui->pane_at = wall;
	}
	if (m->open && m->ed.changed)
		ui->draft_at = wall - (now - m->ed.changed_ms);
	/* A draft is saved once typing pauses, or every few seconds while
	 * it goes on. Otherwise the state is saved only when asked (leaving,
	 * or a draft used or abandoned): saving the pane on every switch
	 * would wake every other session for nothing. The hub writes nothing
	 * when the stored state is the same, or newer. */
	if (m->open && m->ed.changed)
		due = force || now - m->ed.changed_ms >= UI_DRAFT_IDLE_MS ||
		    now - ui->draft_saved_ms >= UI_DRAFT_MAX_MS;
	else
		due = force;
	if (!due)
		return;
	if (m->open)
		edit_text(&m->ed, &text);
	memset(&in, 0, sizeof in);
	in.pane = pane;
	in.sel = sel;
	in.pane_at = ui->pane_at;
	in.ctx = m->open ? m->ctx : NULL;
	in.draft = m->open ? text.p : NULL;
	in.draft_at = ui->draft_at;
	if (hub_ustate_save(ui->h, &ui->who, &in, &e) == 0) {
		snprintf(ui->saved_pane, sizeof ui->saved_pane, "%s", pane);
		m->ed.changed = 0;
		ui->draft_saved_ms = now;
	}
	buf_free(&text);
}

static void
restore_state(struct ui *ui)
{
	struct ustate us;
	struct err e;
	int i, rc;

	if (ui->me == 0)
		return;
	rc = hub_ustate_view(rd_renew(ui), &us, &e);
	hub_rd_park(ui->rd);
	if (rc != 0)
		return;
	for (i = 0; i < ui->npanes && us.pane; i++)
		if (ui_panes[i] != NULL &&
		    strcmp(ui_panes[i]->name, us.pane) == 0) {
			ui->focus = i;
			/* The pane's load clamps the row to what it holds. */
			ui->panes[i].sel = (size_t)us.sel;
			snprintf(ui->saved_pane, sizeof ui->saved_pane, "%s",
			    us.pane);
			snprintf(ui->seen_pane, sizeof ui->seen_pane, "%s",
			    us.pane);
			ui->seen_sel = (size_t)us.sel;
			ui->pane_at = us.pane_at;
		}
	for (i = 0; us.draft_ctx && us.draft_ctx[0] && i < ui->npanes; i++) {
		const struct ui_pane_class *c = ui_panes[i];
		if (c != NULL && c->resume && c->resume(&ui->panes[i], ui, us.draft_ctx,
		    us.draft ? us.draft : "")) {
			ui_status(ui, E_STATUS_OK, "%s",
			    _("Your draft is back where you left it."));
			/* The same draft as stored, not a new change. */
			ui->draft_at = us.draft_at;
			break;
		}
	}
	codec_free(RT_USTATE, &us);
}

void
ui_edit_open(struct ui *ui, int pane, const char *title, const char *ctx,
    const char *text, int multi, size_t max, ui_edit_done_fn done,
    uint64_t arg)
{
	struct ui_modal *m = &ui->modal;

	if (m->open)
		edit_free(&m->ed);
	memset(m, 0, sizeof *m);
	m->open = 1;
	edit_init(&m->ed, text, multi, max);
	m->ed.cur = m->ed.n;
	snprintf(m->title, sizeof m->title, " %s ", title);
	snprintf(m->ctx, sizeof m->ctx, "%s", ctx);
	m->done = done;
	m->arg = arg;
	m->pane = pane;
	ui->focus = pane;
	ui->dirty = 1;
	ui->draft_at = util_now_ms();
}

static void
modal_close(struct ui *ui)
{
	edit_free(&ui->modal.ed);
	ui->modal.open = 0;
	ui->modal.ed.changed = 0;
	ui->draft_at = util_now_ms();
	/* Forget the draft: it was used or abandoned. */
	save_state(ui, 1);
	ui->dirty = 1;
}

/* Say which bytes were refused, once per paste (or typed key). */
static void
bad_said(struct ui *ui)
{
	struct ui_modal *m = &ui->modal;

	ui_status(ui, E_STATUS_ERR, ngettext("%zu byte refused: not UTF-8 "
	    "(0x%02X); the rest was kept.", "%zu bytes refused: not UTF-8 "
	    "(the first 0x%02X); the rest was kept.", m->bad), m->bad,
	    (unsigned)m->bad_first);
	m->bad = 0;
}

static void
modal_key(struct ui *ui, int key)
{
	struct ui_modal *m = &ui->modal;
	int a, w = ui->cols - 2;
	struct buf text = { 0 };

	if (key & KEYC_BADBYTE) {
		/* Refused alone; the rest of a paste goes on. */
		if (m->bad++ == 0)
			m->bad_first = key & 0xff;
		return;
	}
	if (key == KEYC_PASTE_BEGIN || key == KEYC_PASTE_END) {
		m->ed.paste = key == KEYC_PASTE_BEGIN;
		if (!m->ed.paste && m->bad)
			bad_said(ui);
		return;
	}
	/* A lone Escape cannot be part of a paste: it ends a paste whose end
	 * mark was lost. */
	if (m->ed.paste && key == 0x1b)
		m->ed.paste = 0;
	if (m->ed.paste && !(key & (KEYC_FN | KEYC_META | KEYC_PASTE))) {
		edit_insert(&m->ed, (uint32_t)key);
		return;
	}
	a = keys_lookup(&ui->keys, SC_EDIT, key);
	if (a == AC_E_CANCEL) {
		modal_close(ui);
		ui_status(ui, E_STATUS, "%s", _("Cancelled."));
		return;
	}
	if (a == AC_E_CONFIRM || (a == AC_E_NEWLINE && !m->ed.multi)) {
		edit_text(&m->ed, &text);
		if (m->done(ui, text.p ? text.p : "", m->arg) == 0) {
			modal_close(ui);
			ui_reload_all(ui);
		}
		buf_free(&text);
		return;
	}
	if (a != AC_NONE) {
		edit_action(&m->ed, a, w);
		return;
	}
	if (!(key & (KEYC_FN | KEYC_META | KEYC_PASTE)) && key >= 0x20)
		edit_insert(&m->ed, (uint32_t)key);
}

/* ---- keys ---- */

static int
global_action(struct ui *ui, int a)
{
	switch (a) {
	case AC_QUIT:
		ui->quit = 1;
		return 1;
	case AC_HELP:
		ui->help = 1;
		ui->help_top = 0;
		return 1;
	case AC_NEXT_PANE:
		ui_focus(ui, pane_step(ui, ui->focus, 1));
		return 1;
	case AC_PREV_PANE:
		ui_focus(ui, pane_step(ui, ui->focus, -1));
		return 1;
	case AC_OTHER:
		ui_focus(ui, ui->other);
		return 1;
	case AC_SPLIT:
		ui->split = !ui->split;
		ui->split_auto = 0;
		return 1;
	case AC_REDRAW:
		/* The one full repaint, on request (a garbled terminal). */
		clearok(curscr, TRUE);
		return 1;
	default:
		if (a >= AC_PANE && a < AC_PANE + ui->npanes) {
			ui_focus(ui, a - AC_PANE);
			return 1;
		}
	}
	return 0;
}

static void
handle_key(struct ui *ui, int key)
{
	struct ui_pane *p = &ui->panes[ui->focus];
	int a, r;

	if (key == (KEYC_FN | KEY_RESIZE)) {
		getmaxyx(stdscr, ui->rows, ui->cols);
		if (ui->split_auto)
			ui->split = ui->cols >= UI_SPLIT_COLS;
		ui_reload_all(ui);
		return;
	}
	if (key == -2)
		return;
	if ((key & KEYC_BADBYTE) && !ui->modal.open)
		return;
	ui->dirty = 1;
	if (ui->modal.open) {
		ui->status[0] = '\0';
		modal_key(ui, key);
		return;
	}
	if (key == KEYC_PASTE_BEGIN || key == KEYC_PASTE_END)
		return;
	ui->status[0] = '\0';
	if (ui->choice.open) {
		choice_key(ui, key);
		return;
	}
	if (ui->help) {
		ui->help = 0;	/* any key closes it, as its title says */
		ui->dirty = 1;
		return;
	}
	a = keys_lookup(&ui->keys, UI_PANE_SCOPE(p->cls), key);
	if (a == AC_NONE)
		return;
	ui->last_key = key;
	/* An act this viewer may not take is refused here, in one line,
	 * before any editor opens for it. */
	if (p->cls->why != NULL) {
		const char *w = p->cls->why(p, ui, a);
		if (w != NULL) {
			ui_refuse(ui, w);
			return;
		}
	}
	r = p->cls->action(p, ui, a);
	if (r & UI_RELOAD)
		p->stale = 1;
	if (r & UI_HANDLED)
		return;
	if (!global_action(ui, a))
		ui->dirty = 0;
}

/* A write waiting for another process's write lock: say who holds it on
 * the status line at once (the loop is blocked until the lock comes). */
static void
wait_notice(const char *msg, void *arg)
{
	struct ui *ui = arg;

	if (msg == NULL) {
		ui->status[0] = '\0';
		ui->dirty = 1;
		return;
	}
	ui_status(ui, E_STATUS_ERR, "%s", msg);
	draw_frame(ui);
}

int
ui_main(struct ui *ui)
{
	int key, n;

	ui->npanes = ui_pane_count();
	for (int i = 0; i < ui->npanes; i++) {
		if (ui_panes[i] == NULL)
			continue;
		if (ui_panes[i]->tab != i + 1)
			crt_fatal("pane '%s' has tab %d but is registered "
			    "%d", ui_panes[i]->name, ui_panes[i]->tab, i + 1);
		ui->panes[i].cls = ui_panes[i];
		ui->panes[i].stale = 1;
		ui->panes[i].rows = 10;
		if (ui_panes[i]->init)
			ui_panes[i]->init(&ui->panes[i]);
	}
	ui->focus = P_AGENDA;
	ui->other = P_VOTE;
	ui->split_auto = 1;
	ui->split = ui->cols >= UI_SPLIT_COLS;
	hub_set_wait_hook(wait_notice, ui);
	ui->seen_txn = hub_last_txnid(ui->h);
	ui->seen_journal = hub_rd_journal_last(rd_renew(ui));
	hub_rd_park(ui->rd);
	restore_state(ui);
	if (ui->start_proposal)
		ui_vote_show(ui, ui->start_proposal);
	if (ui->other == ui->focus)
		ui->other = ui->focus == P_VOTE ? P_AGENDA : P_VOTE;
	ui->dirty = 1;
	while (!ui->quit && !crt_hangup()) {
		check_live(ui);
		load_visible(ui);
		if (ui->dirty)
			draw_frame(ui);
		key = crt_getkey(UI_TICK_MS);
		if (key == -1) {
			save_state(ui, 0);
			continue;
		}
		/* Handle every key already typed (a paste, a fast typist)
		 * before drawing once: updates are coalesced. */
		n = 0;
		do {
			handle_key(ui, key);
			if (ui->quit)
				break;
			/* Panes reload between keys that scroll. */
			if (ui->panes[ui->focus].stale &&
			    !ui->modal.open)
				load_visible(ui);
		} while (++n < 4096 && (key = crt_getkey(0)) != -1);
		/* Bytes refused outside a bracketed paste: said once the
		 * burst is read, so its next key does not wipe it. */
		if (ui->modal.open && ui->modal.bad && !ui->modal.ed.paste)
			bad_said(ui);
	}
	save_state(ui, 1);
	hub_rd_close(ui->rd);
	ui->rd = NULL;
	for (int i = 0; i < ui->npanes; i++)
		if (ui_panes[i] != NULL && ui_panes[i]->done)
			ui_panes[i]->done(&ui->panes[i]);
	if (ui->modal.open)
		edit_free(&ui->modal.ed);
	return 0;
}

/* ---- small reading helpers for the panes ---- */

/* Bounded: a pane never holds more than it could show. */
#define UI_IDS_MAX 4096

void
ui_ix_ids(struct store_txn *t, int ix, uint64_t key, struct u64_list *out)
{
	uint8_t k[8];
	struct err e;

	for (int i = 0; i < 8; i++)
		k[i] = (uint8_t)(key >> (56 - 8 * i));
	hub_ix_ids(t, ix, k, 8, UI_IDS_MAX, out, &e);
}

void
ui_ix_ids_byte(struct store_txn *t, int ix, uint8_t key, struct u64_list *out)
{
	struct err e;

	hub_ix_ids(t, ix, &key, 1, UI_IDS_MAX, out, &e);
}
