/* hub-view-dp-rows.c: the rows of the open data package, streamed one
 * resource at a time through the emitter. Read only, through a read
 * handle; writes no file (the CLI does) and no personal data. */
#include "hub.h"
#include "codec.h"
#include "emit.h"
#include "hub-view-int.h"
#include "hub-view-dp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- the export's state ---- */


int
hub_dp_open(struct hub_rd *r, int64_t now, struct hub_dp **out,
    struct err *e)
{
	struct hub_dp *d = xcalloc(1, sizeof *d);
	time_t t = (time_t)now;
	struct tm tm;

	if (hub_config_view(r, &d->cfg, e) != 0) {
		free(d);
		return e->code;
	}
	d->r = r;
	d->now = now;
	hub_config_producer(&d->cfg, d->producer, sizeof d->producer);
	gmtime_r(&t, &tm);
	strftime(d->date, sizeof d->date, "%Y%m%d", &tm);
	*out = d;
	return 0;
}

void
hub_dp_close(struct hub_dp *d)
{
	if (d == NULL)
		return;
	codec_free(RT_CONFIG, &d->cfg);
	free(d);
}


static void
round_count(struct hub_dp *d, const char *round, int support)
{
	size_t i;

	if (round == NULL || round[0] == '\0')
		return;
	for (i = 0; i < d->nrounds; i++)
		if (strcmp(d->rounds[i].round, round) == 0)
			break;
	if (i == d->nrounds) {
		if (d->nrounds == DP_ROUNDS) {
			d->rounds_full = 1;
			return;
		}
		snprintf(d->rounds[i].round, sizeof d->rounds[i].round, "%s",
		    round);
		d->nrounds++;
	}
	if (support)
		d->rounds[i].supports++;
	else
		d->rounds[i].needs++;
}

/* ---- rows ---- */

struct dp_rows {
	struct hub_dp *d;
	struct emit *em;
	void (*flush)(void *);
	void *arg;
	struct err *e;
	struct buf tmp;
	uint64_t n;
};

/* items joined by ";" (a ";" inside one becomes ","), into b. */
static const char *
join(struct buf *b, const struct str_list *l)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_add(b, ";", 1);
		for (const char *p = l->v[i]; *p; p++)
			buf_add(b, *p == ';' ? "," : p, 1);
	}
	return l->n ? b->p : NULL;
}

static const char *
join_ids(struct buf *b, const struct u64_list *l)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
	for (size_t i = 0; i < l->n; i++)
		buf_printf(b, "%s%llu", i ? ";" : "",
		    (unsigned long long)l->v[i]);
	return l->n ? b->p : NULL;
}

/* The labels of codes "a;b" in the vocabularies, ";"-joined. */
static const char *
labels(struct buf *b, const char *codes, int public_)
{
	char one[80];

	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
	if (codes == NULL)
		return NULL;
	for (const char *p = codes; *p; ) {
		size_t l = strcspn(p, ";");
		const struct hub_vocab_term *t;
		snprintf(one, sizeof one, "%.*s", (int)l, p);
		t = public_ ? hub_vocab_find(hub_vocab_publics, one) :
		    hub_vocab_find(hub_vocab_thematiques, one);
		if (t == NULL && !public_)
			t = hub_vocab_find(hub_vocab_di_thematiques, one);
		buf_printf(b, "%s%s", b->len ? ";" : "", t ? t->label : one);
		p += l;
		if (*p == ';')
			p++;
	}
	return b->p;
}

static void
date_cell(struct emit *em, const char *name, int64_t t)
{
	char s[16];
	time_t tt = (time_t)t;
	struct tm tm;

	if (t == 0) {
		emit_str(em, name, NULL);
		return;
	}
	gmtime_r(&tt, &tm);
	strftime(s, sizeof s, "%Y-%m-%d", &tm);
	emit_str(em, name, s);
}

static void
row_end(struct dp_rows *w)
{
	emit_rec_end(w->em);
	w->n++;
	if (w->flush)
		w->flush(w->arg);
}

static void
words_rows(struct dp_rows *w, const struct str_list *words,
    const struct str_list *map, int kind)
{
	for (size_t i = 0; i < words->n; i++) {
		const char *codes = map ? hub_config_codes(map,
		    words->v[i]) : NULL;
		emit_rec_begin(w->em, NULL);
		emit_str(w->em, "value", words->v[i]);
		if (map != NULL) {
			emit_str(w->em, kind ? "publics" : "thematiques",
			    codes);
			emit_str(w->em, kind ? "publics_labels" :
			    "thematiques_labels", labels(&w->tmp, codes,
			    kind));
		}
		row_end(w);
	}
}

static void
need_row(struct dp_rows *w, const struct need *n)
{
	const struct config *cfg = &w->d->cfg;
	struct emit *em = w->em;

	emit_rec_begin(em, NULL);
	emit_u64(em, "id", n->id);
	emit_str(em, "title", n->title);
	emit_str(em, "description", n->description);
	emit_str(em, "territory", n->territory);
	emit_str(em, "category", n->category);
	emit_str(em, "thematiques", hub_config_codes(&cfg->catmap,
	    n->category));
	emit_str(em, "public", n->public_);
	emit_str(em, "publics", hub_config_codes(&cfg->pubmap, n->public_));
	emit_str(em, "source", n->source);
	emit_str(em, "round", n->round);
	emit_str(em, "status", n->id ? model_need_status_name(
	    (int)n->status) : NULL);
	emit_time(em, "created", n->created);
	emit_time(em, "updated", n->updated);
	emit_u64(em, "supports", n->supports);
	emit_str(em, "territories", join(&w->tmp, &n->territories));
	emit_str(em, "practices", join(&w->tmp, &n->practices));
	emit_id(em, "merged_into", n->merged_into);
	emit_str(em, "insee", n->insee);
	emit_str(em, "external_id", n->external_id);
	row_end(w);
}

static int
need_cb(struct hub_rd *r, const struct hub_need_view *v, void *arg)
{
	struct dp_rows *w = arg;

	(void)r;
	need_row(w, v->n);
	round_count(w->d, v->n->round, 0);
	return 0;
}

static void
support_row(struct dp_rows *w, const struct support *s)
{
	char round[16] = "";

	if (s->created)
		util_round_of(s->created, round, sizeof round);
	emit_rec_begin(w->em, NULL);
	emit_u64(w->em, "id", s->id);
	emit_u64(w->em, "need", s->need);
	emit_str(w->em, "territory", s->territory);
	emit_str(w->em, "round", round[0] ? round : NULL);
	emit_time(w->em, "created", s->created);
	row_end(w);
	round_count(w->d, round[0] ? round : NULL, 1);
}

static void
cround_row(struct dp_rows *w, const struct dp_round *c)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	char s[16] = "", e[16] = "";
	int y = 0, b = 0;

	/* Bn covers months 2n-1 and 2n. */
	if (c != NULL && sscanf(c->round, "%4d-B%1d", &y, &b) == 2 &&
	    b >= 1 && b <= 6) {
		int m = 2 * b, ld = mdays[m - 1];
		if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
			ld = 29;
		snprintf(s, sizeof s, "%04d-%02d-01", y, m - 1);
		snprintf(e, sizeof e, "%04d-%02d-%02d", y, m, ld);
	}
	emit_rec_begin(w->em, NULL);
	emit_str(w->em, "round", c ? c->round : NULL);
	emit_str(w->em, "start", s[0] ? s : NULL);
	emit_str(w->em, "end", e[0] ? e : NULL);
	emit_u64(w->em, "needs", c ? c->needs : 0);
	emit_u64(w->em, "supports", c ? c->supports : 0);
	row_end(w);
}

static void
pround_row(struct dp_rows *w, const struct dotround *d)
{
	emit_rec_begin(w->em, NULL);
	emit_u64(w->em, "id", d->id);
	emit_str(w->em, "title", d->title);
	emit_str(w->em, "kind", d->id == 0 ? NULL : d->categories.n ?
	    "categories" : "needs");
	emit_u64(w->em, "budget", d->budget);
	emit_bool(w->em, "closed", d->status != 0);
	emit_time(w->em, "opened", d->opened);
	emit_time(w->em, "closed_at", d->closed);
	row_end(w);
}

static void
presult_rows(struct dp_rows *w, const struct dotround *d, int header)
{
	for (size_t i = 0; header || (d->status != 0 && i < d->ranking.n);
	    i++) {
		uint64_t it = header ? 0 : d->ranking.v[i];
		int cat = d->categories.n > 0;
		emit_rec_begin(w->em, NULL);
		emit_u64(w->em, "round", d->id);
		emit_u64(w->em, "rank", header ? 0 : i + 1);
		emit_id(w->em, "need", cat ? 0 : it);
		emit_str(w->em, "category", cat && it >= 1 &&
		    it <= d->categories.n ? d->categories.v[it - 1] : NULL);
		emit_u64(w->em, "points", !header && i < d->scores.n ?
		    d->scores.v[i] : 0);
		row_end(w);
		if (header)
			break;
	}
}

static void
theme_row(struct dp_rows *w, const struct theme *t)
{
	emit_rec_begin(w->em, NULL);
	emit_u64(w->em, "id", t->id);
	emit_str(w->em, "title", t->title);
	emit_id(w->em, "round", t->round);
	emit_str(w->em, "switch", t->switch_name);
	emit_str(w->em, "needs", join_ids(&w->tmp, &t->needs));
	emit_str(w->em, "spec", t->spec);
	emit_time(w->em, "created", t->created);
	row_end(w);
}

static void
motion_row(struct dp_rows *w, const struct proposal *p)
{
	emit_rec_begin(w->em, NULL);
	emit_u64(w->em, "id", p->id);
	emit_id(w->em, "tension", p->tension);
	emit_str(w->em, "text", p->versions.n ?
	    p->versions.v[p->versions.n - 1] : NULL);
	emit_u64(w->em, "versions", p->versions.n);
	emit_str(w->em, "requirement", p->id == 0 ? NULL : p->unanimity ?
	    "unanimity" : "consent");
	emit_str(w->em, "status", p->id == 0 ? NULL :
	    model_proposal_status_name((int)p->status));
	emit_id(w->em, "meeting", p->meeting);
	emit_time(w->em, "closes", p->closes);
	emit_time(w->em, "created", p->created);
	row_end(w);
}

/* The outcome word of a closed round: adjourned and escalated proposals
 * were rejected. */
static const char *
result_of(const struct proposal *p)
{
	switch ((int)p->status) {
	case PS_RETAINED:
		return "retained";
	case PS_NO_DECISION:
		return "no-decision";
	case PS_OPEN:
		return NULL;
	default:
		return "rejected";
	}
}

/* A closed round only: an open one, hidden or not, has no count here. */
static int
vevent_row(struct dp_rows *w, const struct proposal *p)
{
	struct hub_positions ps = { 0 };
	struct tally t = { 0 };
	int rc;

	if (p->id != 0) {
		if ((rc = hub_positions_load(hub_rd_txn(w->d->r), p->id, &ps,
		    w->e)) != 0)
			return rc;
		hub_proposal_tally(p, &ps, &t);
		hub_positions_free(&ps);
	}
	emit_rec_begin(w->em, NULL);
	emit_u64(w->em, "id", p->id);
	emit_u64(w->em, "motion", p->id);
	emit_str(w->em, "result", result_of(p));
	emit_u64(w->em, "approve", t.approve);
	emit_u64(w->em, "alert", t.alert);
	emit_u64(w->em, "withdraw", t.withdraw);
	emit_u64(w->em, "block", t.block);
	emit_id(w->em, "decision", p->decision);
	emit_time(w->em, "end_date", p->closed_at);
	row_end(w);
	return 0;
}

/* The positions on the current version of a closed round, no reason. */
static int
votes_rows(struct dp_rows *w, const struct proposal *p)
{
	struct hub_positions ps = { 0 };
	char login[MAX_LOGIN + 8];
	int rc;

	if ((rc = hub_positions_load(hub_rd_txn(w->d->r), p->id, &ps,
	    w->e)) != 0)
		return rc;
	for (size_t i = 0; i < ps.n; i++) {
		if (ps.v[i].version != p->versions.n)
			continue;
		emit_rec_begin(w->em, NULL);
		emit_u64(w->em, "vote_event", p->id);
		emit_str(w->em, "voter", hub_rd_login(w->d->r, ps.v[i].member,
		    login, sizeof login));
		emit_str(w->em, "option", model_position_name(
		    (int)ps.v[i].kind));
		row_end(w);
	}
	hub_positions_free(&ps);
	return 0;
}

static void
decision_row(struct dp_rows *w, const struct decision *d)
{
	emit_rec_begin(w->em, NULL);
	emit_u64(w->em, "id", d->id);
	emit_u64(w->em, "motion", d->proposal);
	emit_id(w->em, "tension", d->tension);
	emit_id(w->em, "meeting", d->meeting);
	emit_str(w->em, "text", d->text);
	emit_time(w->em, "decided", d->decided);
	row_end(w);
}

static void
action_row(struct dp_rows *w, const struct action *a)
{
	static const int progress[AS__COUNT] = { 0, 50, 100, 100 };

	emit_rec_begin(w->em, NULL);
	emit_u64(w->em, "id", a->id);
	emit_u64(w->em, "decision", a->decision);
	emit_str(w->em, "title", a->title);
	emit_str(w->em, "status", a->id ? model_action_status_name(
	    (int)a->status) : NULL);
	emit_u64(w->em, "progress", a->status < AS__COUNT ?
	    (uint64_t)progress[a->status] : 0);
	date_cell(w->em, "due", a->due);
	emit_bool(w->em, "overdue", a->id ? model_action_overdue(a,
	    util_now()) : 0);
	emit_time(w->em, "created", a->created);
	emit_time(w->em, "updated", a->updated);
	row_end(w);
}

/* One record of a scanned type, decoded, to its row writer. */
struct dp_scan {
	struct dp_rows *w;
	int res, rtype;
};

static int
scan_rec(uint64_t id, const void *data, size_t len, void *arg)
{
	struct dp_scan *s = arg;
	struct dp_rows *w = s->w;
	void *rec = codec_new(s->rtype);
	int rc = 0;

	if ((rc = codec_decode(s->rtype, data, len, rec, w->e)) != 0) {
		free(rec);
		return -rc;
	}
	*(uint64_t *)rec = id;	/* every record starts with its id */
	switch (s->res) {
	case HUB_DP_SUPPORTS:
		support_row(w, rec);
		break;
	case HUB_DP_PRIO:
		pround_row(w, rec);
		break;
	case HUB_DP_PRIO_RESULTS:
		presult_rows(w, rec, 0);
		break;
	case HUB_DP_THEMES:
		theme_row(w, rec);
		break;
	case HUB_DP_MOTIONS:
		motion_row(w, rec);
		break;
	case HUB_DP_VOTE_EVENTS:
		if (((struct proposal *)rec)->status != PS_OPEN)
			rc = vevent_row(w, rec);
		break;
	case HUB_DP_VOTES:
		if (((struct proposal *)rec)->status != PS_OPEN)
			rc = votes_rows(w, rec);
		break;
	case HUB_DP_DECISIONS:
		decision_row(w, rec);
		break;
	case HUB_DP_ACTIONS:
		action_row(w, rec);
		break;
	}
	codec_free_rec(s->rtype, rec);
	return rc ? -rc : 0;
}

static const int res_rtype[HUB_DP__COUNT] = {
	[HUB_DP_SUPPORTS] = RT_SUPPORT, [HUB_DP_PRIO] = RT_DOTROUND,
	[HUB_DP_PRIO_RESULTS] = RT_DOTROUND, [HUB_DP_THEMES] = RT_THEME,
	[HUB_DP_MOTIONS] = RT_PROPOSAL, [HUB_DP_VOTE_EVENTS] = RT_PROPOSAL,
	[HUB_DP_VOTES] = RT_PROPOSAL, [HUB_DP_DECISIONS] = RT_DECISION,
	[HUB_DP_ACTIONS] = RT_ACTION,
};

/* A header with no row: one zeroed record of the resource's fields. */
static void
header_only(struct dp_rows *w, int res)
{
	union {
		struct need n;
		struct support s;
		struct dotround d;
		struct theme t;
		struct proposal p;
		struct decision c;
		struct action a;
	} z;
	struct str_list none = { 0 };

	memset(&z, 0, sizeof z);
	emit_header_only(w->em);
	switch (res) {
	case HUB_DP_TERRITORIES:
	case HUB_DP_CATEGORIES:
	case HUB_DP_PUBLICS:
		str_list_push(&none, "");
		words_rows(w, &none, res == HUB_DP_TERRITORIES ? NULL :
		    &none, res == HUB_DP_PUBLICS);
		str_list_free(&none);
		break;
	case HUB_DP_NEEDS:
		need_row(w, &z.n);
		break;
	case HUB_DP_SUPPORTS:
		support_row(w, &z.s);
		break;
	case HUB_DP_COLLECTION:
		cround_row(w, NULL);
		break;
	case HUB_DP_PRIO:
		pround_row(w, &z.d);
		break;
	case HUB_DP_PRIO_RESULTS:
		presult_rows(w, &z.d, 1);
		break;
	case HUB_DP_THEMES:
		theme_row(w, &z.t);
		break;
	case HUB_DP_MOTIONS:
		motion_row(w, &z.p);
		break;
	case HUB_DP_VOTE_EVENTS:
		vevent_row(w, &z.p);
		break;
	case HUB_DP_VOTES:
		emit_rec_begin(w->em, NULL);
		emit_str(w->em, "vote_event", NULL);
		emit_str(w->em, "voter", NULL);
		emit_str(w->em, "option", NULL);
		row_end(w);
		break;
	case HUB_DP_DECISIONS:
		decision_row(w, &z.c);
		break;
	case HUB_DP_ACTIONS:
		action_row(w, &z.a);
		break;
	}
}

int
hub_dp_rows(struct hub_dp *d, int res, struct emit *em,
    void (*flush)(void *), void *arg, uint64_t *rows, struct err *e)
{
	struct dp_rows w = { d, em, flush, arg, e, { 0 }, 0 };
	struct need_filter f;
	int rc = 0;

	emit_list_begin(em, NULL);
	switch (res) {
	case HUB_DP_TERRITORIES:
		words_rows(&w, &d->cfg.territories, NULL, 0);
		break;
	case HUB_DP_CATEGORIES:
		words_rows(&w, &d->cfg.categories, &d->cfg.catmap, 0);
		break;
	case HUB_DP_PUBLICS:
		words_rows(&w, &d->cfg.publics, &d->cfg.pubmap, 1);
		break;
	case HUB_DP_NEEDS:
		hub_need_filter_init(&f);
		d->nrounds = 0;
		rc = hub_need_page(d->r, &f, NEED_SORT_NEWEST, NULL, 0,
		    need_cb, &w, NULL, e);
		break;
	case HUB_DP_COLLECTION:
		for (size_t i = 0; i < d->nrounds; i++)
			cround_row(&w, &d->rounds[i]);
		if (d->rounds_full)
			rc = err_set(e, ERR_SYSTEM, "more than %d collection "
			    "rounds: the export stops", DP_ROUNDS);
		break;
	default: {
		struct dp_scan s = { &w, res, res_rtype[res] };
		if (res < 0 || res >= HUB_DP__COUNT)
			rc = err_set(e, ERR_USAGE, "no such resource");
		else
			rc = hub_page_scan(d->r, s.rtype, 0, NULL, 0,
			    scan_rec, &s, NULL, e);
	}
	}
	if (rc == 0 && w.n == 0) {
		header_only(&w, res);
		w.n = 0;
	}
	emit_list_end(em);
	buf_free(&w.tmp);
	if (rows != NULL)
		*rows = w.n;
	return rc;
}

