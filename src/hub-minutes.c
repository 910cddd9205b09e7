/* hub-minutes.c: the minutes of a meeting (DOMAIN.md §5) and the record
 * of electronic rounds closed in a period, written once through the
 * emitter (Markdown ready to email, or one JSON document) in the hub's
 * language, from the governance views (the veil and the figures are
 * theirs). Read only: writes nothing, recounts nothing. */
#include "hub.h"
#include "codec.h"
#include "emit.h"
#include "i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mctx {
	struct hub_rd *r;
	struct emit *em;
	int64_t reviewed;	/* review time; 0: not recorded */
	uint64_t reviewed_next;	/* first action id after it; 0: unknown */
	uint64_t meeting;	/* its proposals are shown; 0: any */
	struct err *e;
};

/* Program text (no stored string in its arguments), as a Markdown line. */
__attribute__((format(printf, 2, 3)))
static void
say(struct mctx *m, const char *fmt, ...)
{
	char s[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s, sizeof s, fmt, ap);
	va_end(ap);
	emit_text(m->em, s);
}

/* Stored text inside a line: escaped by the emitter. */
static void
put(struct mctx *m, const char *s)
{
	emit_inline(m->em, s);
}

/* A multiline stored text as a Markdown quote block. */
static void
quote(struct mctx *m, const char *s)
{
	char *t, *p, *q;

	if (s == NULL)
		return;
	t = xstrdup(s);
	for (p = t; p != NULL; p = q) {
		q = strchr(p, '\n');
		if (q != NULL)
			*q++ = '\0';
		emit_text(m->em, "> ");
		put(m, p);
		emit_text(m->em, "\n");
	}
	emit_text(m->em, "\n");
	free(t);
}

/* Logins as "a, b" (nobody: the given word). */
static void
logins(struct mctx *m, const struct str_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			emit_text(m->em, ", ");
		put(m, l->v[i]);
	}
	if (l->n == 0)
		emit_text(m->em, P_("presence", "nobody"));
}

static const char *
date_of(int64_t t, char *out, size_t n)
{
	return i18n_date(t, out, n);
}

/* ---- labels in the minutes' language (JSON keeps the tokens) ---- */

static const char *
presence_label(int ev)
{
	switch (ev) {
	case PE_ROOM: return _("arrival in the room");
	case PE_REMOTE: return _("remote check-in");
	case PE_LEFT: return _("departure (checked out)");
	case PE_LEFT_MARKED: return _("departure from the room (marked by "
	    "the facilitator)");
	default: return "?";
	}
}

/* ---- actions ---- */

static void
one_action(struct mctx *m, const struct hub_plan_action *a)
{
	struct emit *em = m->em;
	char d[32];

	emit_rec_begin(em, NULL);
	emit_u64(em, "id|", a->id);
	emit_u64(em, "decision|", a->decision);
	emit_str(em, "title|", a->title);
	emit_str(em, "owner|", a->owner[0] ? a->owner : NULL);
	emit_time(em, "due|", a->due);
	emit_str(em, "status|", model_action_status_name(a->status));
	emit_bool(em, "overdue|", a->overdue);
	say(m, "- %s#%llu ", a->overdue ? _("**OVERDUE** ") : "",
	    (unsigned long long)a->id);
	put(m, a->title);
	say(m, "%s", _(" (owner "));
	put(m, a->owner);
	if (a->due)
		say(m, _(", due %s"), i18n_day(a->due, d, sizeof d));
	say(m, _(", decision %llu): %s\n"), (unsigned long long)a->decision,
	    hub_action_status_label(a->status));
	emit_rec_end(em);
}

struct alist {
	struct mctx *m;
	uint64_t decision;	/* 0: the review's open actions */
	size_t n;
};

static int
action_cb(const struct hub_plan_action *a, void *arg)
{
	struct alist *al = arg;
	struct mctx *m = al->m;

	/* The review lists the actions that existed when it was made (an
	 * action of a decision taken later in the meeting was not
	 * reviewed), with their status now. */
	if (al->decision ? a->decision == al->decision :
	    (m->reviewed_next ? a->id < m->reviewed_next :
	    (m->reviewed == 0 || a->created <= m->reviewed))) {
		one_action(m, a);
		al->n++;
	}
	return 0;
}

static int
actions(struct mctx *m, const char *name, uint64_t decision)
{
	struct alist al = { m, decision, 0 };
	int rc;

	emit_list_begin(m->em, name);
	rc = hub_action_list(m->r, decision ? 0 : HUB_ACTIONS_OPEN, NULL, 0,
	    action_cb, &al, NULL, m->e);
	if (al.n == 0)
		say(m, "%s\n", decision ? _("- no action yet") :
		    _("- no open action"));
	emit_list_end(m->em);
	return rc;
}

/* ---- proposals ---- */

/* The figures at the close, in the minutes' language: frozen with the
 * round; a round closed by an older cercle has only its stored note. */
static void
close_figures(struct mctx *m, const struct hub_proposal_view *p)
{
	const struct hub_quorum *q = &p->quorum;

	if (p->status == PS_OPEN)
		return;
	if (!p->frozen) {
		if (p->close_note) {
			say(m, " (");
			put(m, p->close_note);
			say(m, ")");
		}
		return;
	}
	say(m, " (");
	if (p->closes && !q->reached)
		say(m, "%s", _("quorum not reached: "));
	if (p->closes)
		say(m, ngettext("%llu of %llu answered, %llu needed",
		    "%llu of %llu answered, %llu needed", q->present),
		    (unsigned long long)q->present,
		    (unsigned long long)q->members,
		    (unsigned long long)q->needed);
	else
		say(m, _("%llu of %llu present at the close, %llu needed"),
		    (unsigned long long)q->present,
		    (unsigned long long)q->members,
		    (unsigned long long)q->needed);
	say(m, ")");
}

static int
proposal_out(struct mctx *m, const struct hub_proposal_view *p)
{
	struct emit *em = m->em;
	char ts[40];
	int rc = 0;

	emit_rec_begin(em, NULL);
	emit_u64(em, "id|", p->id);
	emit_u64(em, "tension|", p->tension);
	emit_str(em, "supporter|", p->supporter[0] ? p->supporter : NULL);
	emit_bool(em, "unanimity|", p->unanimity);
	emit_str(em, "unanimity_request|", model_unanimity_req_name(
	    p->unanimity_req));
	emit_bool(em, "hidden|", p->hidden);
	emit_bool(em, "live|", p->closes == 0);
	emit_time(em, "closes|", p->closes);
	emit_time(em, "closed|", p->closed_at);
	emit_str(em, "status|", model_proposal_status_name(p->status));
	emit_strs(em, "versions|", &p->versions);
	if (p->closes) {
		say(m, _("### Proposal %llu (electronic round, closed %s) on "
		    "tension %llu: "), (unsigned long long)p->id,
		    date_of(p->closed_at, ts, sizeof ts),
		    (unsigned long long)p->tension);
		put(m, p->tension_title);
		say(m, "\n\n");
	} else
		say(m, _("### Proposal %llu\n\n"), (unsigned long long)p->id);
	say(m, "%s", _("Carried by "));
	put(m, p->supporter);
	if (p->unanimity)
		say(m, "%s", _("; unanimity required"));
	if (p->hidden)
		say(m, "%s", _("; positions hidden until closed"));
	say(m, ".\n\n");
	for (size_t i = 0; i < p->versions.n; i++) {
		if (i + 1 == p->versions.n && p->versions.n > 1)
			say(m, _("Version %zu (final):\n\n"), i + 1);
		else
			say(m, _("Version %zu:\n\n"), i + 1);
		quote(m, p->versions.v[i]);
	}
	say(m, "%s\n\n", _("Positions:"));
	if (p->masked) {
		/* Minutes of a round still open do not lift the veil. */
		emit_str(em, "positions|", NULL);
		say(m, "%s\n", _("- hidden until closed"));
	} else
		hub_proposal_positions_emit(em, p);
	emit_str(em, "quorum|", p->close_note);
	emit_u64(em, "answered|", p->answered);
	emit_bool(em, "frozen|", p->frozen);
	say(m, _("\nOutcome: **%s**"), hub_proposal_status_label(p->status));
	close_figures(m, p);
	say(m, ".\n\n");
	if (p->decision) {
		emit_rec_begin(em, "decision|");
		emit_u64(em, "id|", p->decision);
		emit_str(em, "text|", p->decision_text);
		say(m, _("Decision %llu:\n\n"), (unsigned long long)p->decision);
		quote(m, p->decision_text);
		say(m, "%s\n\n", _("Actions:"));
		rc = actions(m, "actions|", p->decision);
		say(m, "\n");
		emit_rec_end(em);
	} else
		emit_str(em, "decision|", NULL);
	emit_str(em, "sages_answer|", p->sages_answer);
	if (p->status == PS_ESCALATED) {
		say(m, "%s", _("Sent to the sages. "));
		if (p->sages_answer) {
			say(m, "%s\n\n", _("Their answer:"));
			quote(m, p->sages_answer);
		} else
			say(m, "%s\n\n", _("Their answer is awaited."));
	}
	emit_rec_end(em);
	return rc;
}

/* ---- tensions ---- */

static void
texts(struct mctx *m, const char *name, const char *title,
    const struct str_list *l)
{
	emit_strs(m->em, name, l);
	if (l->n == 0)
		return;
	say(m, "%s\n\n", title);
	for (size_t i = 0; i < l->n; i++) {
		say(m, "- ");
		put(m, l->v[i]);
		say(m, "\n");
	}
	say(m, "\n");
}

static void
tension_head(struct mctx *m, const struct hub_tension_row *t, size_t item)
{
	struct emit *em = m->em;

	emit_u64(em, "id|", t->id);
	emit_str(em, "kind|", model_tension_kind_name(t->kind));
	emit_str(em, "status|", model_tension_status_name(t->status));
	emit_str(em, "title|", t->title);
	emit_str(em, "description|", t->description);
	emit_str(em, "author|", t->author[0] ? t->author : NULL);
	emit_words(em, "acknowledged_by|", t->acks);
	say(m, _("## %zu. Tension %llu (%s): "), item,
	    (unsigned long long)t->id, hub_tension_kind_label(t->kind));
	put(m, t->title);
	say(m, "\n\n%s", _("Brought by "));
	put(m, t->author);
	say(m, _("; now %s.\n\n"), hub_tension_status_label(t->status));
	quote(m, t->description);
	say(m, "%s", _("Understood by: "));
	logins(m, t->acks);
	say(m, ".\n\n");
	texts(m, "questions|", _("Questions:"), t->questions);
	texts(m, "blockers_reasons|", _("Blockers' reasons attached when "
	    "adjourned:"), t->blocker_reasons);
}

struct tctx {
	struct mctx *m;
	size_t item;
	int rc;
};

static int
tension_cb(const struct hub_tension_row *t, void *arg)
{
	struct tctx *x = arg;
	struct mctx *m = x->m;
	struct hub_proposal_view p;
	int n = 0;

	emit_rec_begin(m->em, NULL);
	tension_head(m, t, x->item);
	emit_list_begin(m->em, "proposals|");
	for (size_t i = 0; i < t->proposals->n && x->rc == 0; i++) {
		x->rc = hub_proposal_view(m->r, t->proposals->v[i], &p, m->e);
		/* A live round of this meeting (an electronic one is told
		 * with the electronic rounds). */
		if (x->rc == 0 && p.meeting == m->meeting && p.closes == 0) {
			x->rc = proposal_out(m, &p);
			n++;
		}
		hub_proposal_view_free(&p);
	}
	if (n == 0)
		say(m, "%s\n\n", _("No proposal in this meeting."));
	emit_list_end(m->em);
	emit_rec_end(m->em);
	return x->rc != 0;
}

/* ---- electronic rounds ---- */

struct eids {
	struct u64_list ids;
};

static int
electronic_cb(const struct hub_proposal_row *p, void *arg)
{
	struct eids *x = arg;

	if (p->closes != 0 && p->status != PS_OPEN)
		u64_list_push(&x->ids, p->id);
	return 0;
}

/* The electronic rounds closed in [from, to], each as in a meeting;
 * *n their number. */
static int
electronic(struct mctx *m, int64_t from, int64_t to, size_t *n)
{
	struct hub_proposal_view p;
	struct eids x;
	int rc;

	*n = 0;
	memset(&x, 0, sizeof x);
	rc = hub_proposal_list(m->r, 0, NULL, 0, electronic_cb, &x, NULL,
	    m->e);
	for (size_t i = 0; i < x.ids.n && rc == 0; i++) {
		rc = hub_proposal_view(m->r, x.ids.v[i], &p, m->e);
		if (rc == 0 && p.closed_at >= from && p.closed_at <= to) {
			rc = proposal_out(m, &p);
			(*n)++;
		}
		hub_proposal_view_free(&p);
	}
	u64_list_free(&x.ids);
	return rc;
}

/* ---- the meeting ---- */

static void
presence(struct mctx *m, const struct hub_meeting_view *mt)
{
	struct emit *em = m->em;
	char ts[40];

	emit_list_begin(em, "presence|");
	if (mt->npresence)
		say(m, "%s\n\n", _("Arrivals and departures:"));
	for (size_t i = 0; i < mt->npresence; i++) {
		const struct hub_presence_ev *p = &mt->presence[i];

		emit_rec_begin(em, NULL);
		hub_presence_emit(em, p);
		say(m, "- %s — ", date_of(p->at, ts, sizeof ts));
		put(m, p->login);
		say(m, ", %s\n", presence_label(p->ev));
		emit_rec_end(em);
	}
	if (mt->npresence)
		say(m, "\n");
	emit_list_end(em);
	emit_words(em, "left|", &mt->left);
	if (mt->sages_named) {
		emit_words(em, "sages_named|", &mt->sages);
		say(m, "%s", _("Sages named by the consortium in this meeting "
		    "(the set replaced): "));
		logins(m, &mt->sages);
		say(m, ".\n\n");
	}
}

static void
head(struct mctx *m, const struct hub_meeting_view *mt, const char *hub_name)
{
	const struct hub_quorum *q = &mt->quorum;
	struct emit *em = m->em;
	char ts[40];

	emit_u64(em, "meeting|", mt->id);
	emit_str(em, "hub|", hub_name);
	emit_str(em, "title|", mt->title);
	emit_str(em, "status|", model_meeting_status_name(mt->status));
	emit_time(em, "opened|", mt->opened);
	emit_time(em, "closed|", mt->closed);
	emit_str(em, "facilitator|", mt->facilitator[0] ? mt->facilitator :
	    NULL);
	emit_words(em, "room|", &mt->room);
	emit_words(em, "remote|", &mt->remote);
	emit_rec_begin(em, "quorum|");
	emit_u64(em, "present|", q->present);
	emit_u64(em, "members|", q->members);
	emit_u64(em, "needed|", q->needed);
	emit_bool(em, "reached|", q->reached);
	emit_rec_end(em);
	if (mt->title) {
		say(m, _("# Minutes of meeting %llu: "),
		    (unsigned long long)mt->id);
		put(m, mt->title);
	} else
		say(m, _("# Minutes of meeting %llu"),
		    (unsigned long long)mt->id);
	say(m, "\n\n");
	put(m, hub_name);
	say(m, _(". Opened %s by "), mt->opened ? date_of(mt->opened, ts,
	    sizeof ts) : "-");
	put(m, mt->facilitator);
	if (mt->status == MS_CLOSED)
		say(m, _(", closed %s.\n\n"), date_of(mt->closed, ts,
		    sizeof ts));
	else
		say(m, _("; still open.\n\n"));
	/* The quorum every surface shows (hub_meeting_view): frozen at
	 * the close. */
	say(m, "%s\n\n", _("## Presence and quorum"));
	say(m, ngettext("Quorum: %llu of %llu present, %llu needed (%s).\n\n",
	    "Quorum: %llu of %llu present, %llu needed (%s).\n\n",
	    (unsigned long)q->present), (unsigned long long)q->present,
	    (unsigned long long)q->members, (unsigned long long)q->needed,
	    q->reached ? _("reached") : _("not reached"));
	say(m, "%s", _("- In the room: "));
	logins(m, &mt->room);
	say(m, "\n%s", _("- Remote: "));
	logins(m, &mt->remote);
	say(m, "\n\n");
	presence(m, mt);
}

struct dues {
	struct mctx *m;
	const struct u64_list *ids;
	int rc;
};

static int
due_cb(const struct hub_plan_decision *d, void *arg)
{
	struct dues *x = arg;
	struct mctx *m = x->m;
	struct emit *em = m->em;
	char ts[40];

	if (!u64_list_has(x->ids, d->id))
		return 0;
	emit_rec_begin(em, NULL);
	emit_u64(em, "id|", d->id);
	emit_str(em, "text|", d->text);
	emit_time(em, "review|", d->review);
	say(m, _("#### Decision %llu, to be reviewed on %s\n\n"),
	    (unsigned long long)d->id, date_of(d->review, ts, sizeof ts));
	quote(m, d->text);
	say(m, "%s\n\n", _("Actions:"));
	x->rc = actions(m, "actions|", d->id);
	say(m, "\n");
	emit_rec_end(em);
	return x->rc != 0;
}

/* The decisions due for review that the review took up. */
static int
reviews_due(struct mctx *m, const struct hub_meeting_view *mt)
{
	struct dues x = { m, &mt->review_decisions, 0 };
	int rc = 0;

	emit_list_begin(m->em, "decisions_due|");
	if (mt->review_decisions.n) {
		say(m, "%s\n\n", _("Decisions due for review, taken up:"));
		rc = hub_decision_list(m->r, NULL, 0, due_cb, &x, NULL, m->e);
		if (rc == 0)
			rc = x.rc;
	}
	emit_list_end(m->em);
	return rc;
}

static int
review(struct mctx *m, const struct hub_meeting_view *mt)
{
	struct emit *em = m->em;
	char ts[40];
	int rc;

	emit_rec_begin(em, "review|");
	emit_bool(em, "done|", mt->review_done);
	emit_time(em, "time|", mt->reviewed);
	say(m, "%s\n\n", _("## 1. Action plan review"));
	if (mt->review_done && mt->reviewed)
		say(m, _("Reviewed at %s. Actions then on the plan and still "
		    "open:\n\n"), date_of(mt->reviewed, ts, sizeof ts));
	else if (mt->review_done)
		say(m, "%s\n\n", _("Reviewed at the start. Actions then on "
		    "the plan and still open:"));
	else
		say(m, "%s\n\n", _("Not recorded. Open actions:"));
	rc = actions(m, "open_actions|", 0);
	say(m, "\n");
	if (rc == 0)
		rc = reviews_due(m, mt);
	emit_rec_end(em);
	return rc;
}

static int
minutes(struct mctx *m, const struct hub_meeting_view *mt,
    const char *hub_name)
{
	struct tctx x;
	size_t n = 0;
	int rc;

	m->reviewed = mt->reviewed;
	m->reviewed_next = mt->reviewed_next;
	m->meeting = mt->id;
	emit_rec_begin(m->em, NULL);
	head(m, mt, hub_name);
	if ((rc = review(m, mt)) != 0)
		goto out;
	memset(&x, 0, sizeof x);
	x.m = m;
	emit_list_begin(m->em, "tensions|");
	for (size_t i = 0; i < mt->tensions.n && rc == 0 && x.rc == 0; i++) {
		x.item = i + 2;
		rc = hub_tension_view(m->r, mt->tensions.v[i], tension_cb, &x,
		    m->e);
	}
	if (rc == 0)
		rc = x.rc;
	if (mt->tensions.n == 0)
		say(m, "%s\n\n", _("No tension was taken up."));
	emit_list_end(m->em);
	if (rc != 0)
		goto out;
	/* Electronic rounds that closed while the meeting was open. */
	emit_list_begin(m->em, "electronic|");
	if (mt->opened) {
		say(m, _("## %zu. Electronic rounds closed during the "
		    "meeting\n\n"), mt->tensions.n + 2);
		m->meeting = 0;
		rc = electronic(m, mt->opened, mt->status == MS_CLOSED ?
		    mt->closed : util_now(), &n);
		if (rc == 0 && n == 0)
			say(m, "%s\n\n", _("None."));
	}
	emit_list_end(m->em);
out:
	emit_rec_end(m->em);
	return rc;
}

/* Read as the console (no member): minutes are sent to everyone, so a
 * hidden round still open shows nobody's position. */
static int
rd_open(struct hub *h, struct hub_rd **r, struct config *cfg, struct err *e)
{
	struct actor anyone;
	int rc;

	hub_actor_console(&anyone, NULL);
	memset(cfg, 0, sizeof *cfg);
	if ((rc = hub_rd_open(h, &anyone, r, e)) != 0)
		return rc;
	if ((rc = hub_config_get(hub_rd_txn(*r), cfg, e)) != 0)
		hub_rd_close(*r);
	return rc;
}

int
hub_minutes(struct hub *h, uint64_t meeting, int json, struct buf *out,
    struct err *e)
{
	struct hub_meeting_view mt;
	struct hub_rd *r;
	struct config cfg;
	struct emit em;
	struct mctx m;
	int rc;

	if ((rc = rd_open(h, &r, &cfg, e)) != 0)
		return rc;
	/* The record is in the hub's language, whoever reads it. */
	i18n_push_lang(hub_config_lang(&cfg));
	if ((rc = hub_meeting_view(r, meeting, &mt, e)) == 0) {
		emit_init(&em, json ? EMIT_JSON : EMIT_MD, out);
		emit_prose(&em, 1);
		memset(&m, 0, sizeof m);
		m.r = r;
		m.em = &em;
		m.e = e;
		rc = minutes(&m, &mt, cfg.hub_name);
		emit_free(&em);
		if (rc == 0 && mt.status == MS_CLOSED)
			hub_minutes_head(hub_rd_txn(r), meeting, json, out);
	}
	i18n_pop_lang();
	codec_free(RT_CONFIG, &cfg);
	hub_meeting_view_free(&mt);
	hub_rd_close(r);
	return rc;
}

int
hub_minutes_electronic(struct hub *h, int64_t from, int64_t to, int json,
    struct buf *out, struct err *e)
{
	struct hub_rd *r;
	struct config cfg;
	struct emit em;
	struct mctx m;
	char a[40], b[40];
	size_t n = 0;
	int rc;

	if (to < from)
		return err_set(e, ERR_USAGE, _("the period ends before it "
		    "starts"));
	if ((rc = rd_open(h, &r, &cfg, e)) != 0)
		return rc;
	i18n_push_lang(hub_config_lang(&cfg));
	emit_init(&em, json ? EMIT_JSON : EMIT_MD, out);
	emit_prose(&em, 1);
	memset(&m, 0, sizeof m);
	m.r = r;
	m.em = &em;
	m.e = e;
	emit_rec_begin(&em, NULL);
	emit_str(&em, "hub|", cfg.hub_name);
	emit_time(&em, "from|", from);
	emit_time(&em, "to|", to);
	say(&m, _("# Electronic rounds closed from %s to %s\n\n"),
	    date_of(from, a, sizeof a), date_of(to, b, sizeof b));
	put(&m, cfg.hub_name);
	say(&m, ".\n\n");
	emit_list_begin(&em, "electronic|");
	rc = electronic(&m, from, to, &n);
	if (rc == 0 && n == 0)
		say(&m, "%s\n", _("No electronic round closed in this "
		    "period."));
	emit_list_end(&em);
	emit_rec_end(&em);
	emit_free(&em);
	i18n_pop_lang();
	codec_free(RT_CONFIG, &cfg);
	hub_rd_close(r);
	return rc;
}
