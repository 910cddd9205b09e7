/* hub-view-need.c: views of the needs queue for a viewer: pages (over
 * hub_need_list's cursors), one need, its supports, what the viewer may
 * do, and the one writer of a need's fields. Read only. */
#include "hub.h"
#include "hub-view-int.h"
#include "i18n.h"
#include "codec.h"
#include "emit.h"

#include <stdio.h>
#include <string.h>

/* As hub-need.c's rules (hub_need_*_in): who writes and who moderates. */
#define NEED_WRITERS (ROLE_MEMBER | ROLE_CORRESPONDENT | ROLE_FACILITATOR | \
	ROLE_ADMIN)
#define NEED_MODERATORS (ROLE_FACILITATOR | ROLE_ADMIN)

static void
need_view(struct hub_rd *r, struct store_txn *t, const struct need *n,
    struct hub_need_view *v)
{
	const struct actor *who = hub_rd_viewer(r);
	int writer = who->id != 0 && (who->roles & NEED_WRITERS);
	int moder = (who->roles & NEED_MODERATORS) != 0;
	int live = n->status != NEED_MERGED && n->status != NEED_ARCHIVED;
	uint8_t k[16];
	uint64_t sid;
	struct err e;

	v->n = n;
	hub_login_of(t, n->reporter, v->reporter, sizeof v->reporter);
	v->supported = 0;
	if (who->id != 0) {
		store_be64(n->id, k);
		store_be64(who->id, k + 8);
		v->supported = store_ix_get(t, IX_SUPPORT_KEY, k, 16, &sid,
		    &e) == 0;
	}
	v->acts = 0;
	if (n->status != NEED_MERGED && ((writer && n->reporter == who->id) ||
	    moder))
		v->acts |= HUB_NEED_ACT_EDIT;
	if (writer && live && n->reporter != who->id && !v->supported)
		v->acts |= HUB_NEED_ACT_SUPPORT;
	if (writer && live)
		v->acts |= HUB_NEED_ACT_PRACTICE;
	if (moder && n->status != NEED_MERGED)
		v->acts |= HUB_NEED_ACT_STATUS;
	if (moder && live && n->merged_from.n == 0)
		v->acts |= HUB_NEED_ACT_MERGE;
}

unsigned
hub_need_queue_acts(struct hub_rd *r)
{
	const struct actor *who = hub_rd_viewer(r);

	return who->id != 0 && (who->roles & NEED_WRITERS) ?
	    HUB_NEED_ACT_ADD : 0;
}

int
hub_need_view_get(struct hub_rd *r, uint64_t id, struct hub_need_view *v,
    struct err *e)
{
	struct store_txn *t = hub_rd_live(r, e);
	int rc;

	memset(v, 0, sizeof *v);
	if (t == NULL)
		return e->code;
	if ((rc = hub_need_get(t, id, &v->own, e)) != 0)
		return rc;
	need_view(r, t, &v->own, v);
	return 0;
}

void
hub_need_view_free(struct hub_need_view *v)
{
	codec_free(RT_NEED, &v->own);
	memset(v, 0, sizeof *v);
}

struct npage {
	struct hub_rd *r;
	hub_need_view_cb cb;
	void *arg;
};

static int
npage_cb(struct store_txn *t, const struct need *n, void *arg)
{
	struct npage *p = arg;
	struct hub_need_view v;

	memset(&v, 0, sizeof v);
	need_view(p->r, t, n, &v);
	return p->cb(p->r, &v, p->arg);
}

int
hub_need_page(struct hub_rd *r, const struct need_filter *f, int sort,
    const char *after, size_t limit, hub_need_view_cb cb, void *arg,
    char next[HUB_CURSOR_MAX], struct err *e)
{
	struct store_txn *t = hub_rd_live(r, e);
	struct npage p = { r, cb, arg };

	if (next != NULL)
		next[0] = '\0';
	if (t == NULL)
		return e->code;
	return hub_need_list(t, f, sort, after, limit, npage_cb, &p, next, e);
}

struct spage {
	hub_support_view_cb cb;
	void *arg;
};

static int
spage_cb(struct store_txn *t, const struct support *s, void *arg)
{
	struct spage *p = arg;
	struct hub_support_view v;

	v.s = s;
	hub_login_of(t, s->member, v.login, sizeof v.login);
	return p->cb(&v, p->arg);
}

int
hub_need_support_page(struct hub_rd *r, uint64_t need,
    hub_support_view_cb cb, void *arg, struct err *e)
{
	struct store_txn *t = hub_rd_live(r, e);
	struct spage p = { cb, arg };

	if (t == NULL)
		return e->code;
	return hub_need_supports(t, need, spage_cb, &p, e);
}

/* ---- the one writer of a need ---- */

struct sup_emit {
	struct emit *em;
	struct buf csv;
};

static int
sup_emit_cb(const struct hub_support_view *v, void *arg)
{
	struct sup_emit *se = arg;

	if (se->em->fmt == EMIT_CSV) {
		if (se->csv.len)
			buf_puts(&se->csv, " | ");
		buf_printf(&se->csv, "%s (%s)", v->login, v->s->territory ?
		    v->s->territory : "");
		return 0;
	}
	emit_rec_begin(se->em, NULL);
	emit_u64(se->em, "id", v->s->id);
	emit_str(se->em, "login", v->login);
	emit_str(se->em, "territory", v->s->territory);
	emit_str(se->em, "note", v->s->note);
	emit_time(se->em, "created", v->s->created);
	emit_rec_end(se->em);
	return 0;
}

int
hub_need_emit(struct emit *em, struct hub_rd *r,
    const struct hub_need_view *v, int personal, struct err *e)
{
	const struct need *n = v->n;
	struct sup_emit se = { em, { 0 } };
	int rc = 0;

	emit_u64(em, "id", n->id);
	emit_str(em, "title", n->title);
	emit_str(em, "description", n->description);
	emit_str(em, "territory", n->territory);
	emit_str(em, "category", n->category);
	emit_str(em, "public", n->public_);
	emit_str(em, "source", n->source);
	emit_str(em, "round|collection round", n->round);
	emit_str(em, "status", hv_word(em, model_need_status_name(
	    (int)n->status), hub_need_status_label((int)n->status)));
	emit_time(em, "created", n->created);
	emit_time(em, "updated", n->updated);
	emit_u64(em, "supports", n->supports);
	emit_strs(em, "territories", &n->territories);
	emit_strs(em, "practices", &n->practices);
	emit_id(em, "merged_into", n->merged_into);
	emit_u64s(em, "merged_from", &n->merged_from);
	emit_str(em, "insee", n->insee);
	emit_str(em, "external_id", n->external_id);
	if (!personal)
		return 0;
	emit_str(em, "reporter", v->reporter);
	if (em->fmt != EMIT_CSV)
		emit_list_begin(em, "supporters");
	rc = hub_need_support_page(r, n->id, sup_emit_cb, &se, e);
	if (em->fmt != EMIT_CSV)
		emit_list_end(em);
	else
		emit_str(em, "supporters", se.csv.p ? se.csv.p : "");
	buf_free(&se.csv);
	return rc;
}

/* ---- the refusal of an act, in the operation's words ---- */

static int
need_live_check(const struct need *n, const char *what, struct err *e)
{
	if (n->status == NEED_MERGED)
		/* what: the whole sentence (a N_() literal). */
		return err_set(e, ERR_REFUSED, what,
		    (unsigned long long)n->id,
		    (unsigned long long)n->merged_into);
	if (n->status == NEED_ARCHIVED)
		return err_set(e, ERR_REFUSED, "need #%llu is archived",
		    (unsigned long long)n->id);
	return 0;
}

int
hub_need_act_check(const struct hub_rd *r, const struct hub_need_view *v,
    unsigned act, struct err *e)
{
	const struct actor *who = hub_rd_viewer(r);
	const struct need *n = v ? v->n : NULL;

	err_clear(e);
	switch (act) {
	case HUB_NEED_ACT_ADD:
		if (hub_role_check(who, NEED_WRITERS, "add a need", e) != 0)
			return e->code;
		if (who->id == 0)
			return err_set(e, ERR_REFUSED, "a need needs a "
			    "reporter: act as a member");
		return 0;
	case HUB_NEED_ACT_EDIT:
		if (n == NULL)
			break;
		if (n->status == NEED_MERGED)
			return err_set(e, ERR_REFUSED, "need #%llu is merged "
			    "into #%llu: edit that one", (unsigned long long)
			    n->id, (unsigned long long)n->merged_into);
		if (who->id != 0 && n->reporter == who->id &&
		    (who->roles & NEED_WRITERS))
			return 0;
		return hub_role_check(who, NEED_MODERATORS, "edit another "
		    "member's need", e);
	case HUB_NEED_ACT_SUPPORT:
		if (n == NULL)
			break;
		if (hub_role_check(who, NEED_WRITERS, "support a need", e))
			return e->code;
		if (who->id == 0)
			return err_set(e, ERR_REFUSED, "a support is a "
			    "member's: act as a member");
		if (need_live_check(n, N_("need #%llu is merged into #%llu: "
		    "support that one"), e) != 0)
			return e->code;
		if (n->reporter == who->id)
			return err_set(e, ERR_REFUSED, "you reported need "
			    "#%llu: you may not support it too",
			    (unsigned long long)n->id);
		if (v->supported)
			return err_set(e, ERR_REFUSED, "this member already "
			    "supports need #%llu", (unsigned long long)n->id);
		return 0;
	case HUB_NEED_ACT_PRACTICE:
		if (n == NULL)
			break;
		if (hub_role_check(who, NEED_WRITERS, "link a good practice",
		    e) != 0)
			return e->code;
		return need_live_check(n,
		    N_("need #%llu is merged into #%llu: link a practice to "
		    "that one"), e);
	case HUB_NEED_ACT_STATUS:
		if (n == NULL)
			break;
		return hub_role_check(who, NEED_MODERATORS, "change a need's "
		    "status", e);
	case HUB_NEED_ACT_MERGE:
		if (n == NULL)
			break;
		if (hub_role_check(who, NEED_MODERATORS, "merge needs", e))
			return e->code;
		if (need_live_check(n, N_("need #%llu is merged into #%llu: "
		    "merge into that one"), e) != 0)
			return e->code;
		if (n->merged_from.n)
			return err_set(e, ERR_REFUSED, "need #%llu holds "
			    "merged needs: it cannot be merged itself",
			    (unsigned long long)n->id);
		return 0;
	}
	return err_set(e, ERR_USAGE, "no need selected");
}

void
hub_need_round_choices(int64_t now, int n, struct str_list *out)
{
	char r[16], last[16] = "";

	/* Rounds are two months long: step back a month at a time and keep
	 * each round once. */
	for (int i = 0; out->n < (size_t)n && i < 4 * n; i++) {
		util_round_of(now - (int64_t)i * 30 * 86400, r, sizeof r);
		if (strcmp(r, last) != 0 && !str_list_has(out, r))
			str_list_push(out, r);
		snprintf(last, sizeof last, "%s", r);
	}
}

struct seek {
	uint64_t n, skip;
	char at[HUB_CURSOR_MAX];
};

static int
seek_cb(struct store_txn *t, const struct need_row *row, void *arg)
{
	(void)t;
	(void)row;
	((struct seek *)arg)->n++;
	return 0;
}

int
hub_need_seek(struct hub_rd *r, const struct need_filter *f, int sort,
    uint64_t per_page, uint64_t *pages, char at[HUB_CURSOR_MAX],
    struct err *e)
{
	struct store_txn *t = hub_rd_live(r, e);
	struct seek s;
	int rc;

	at[0] = '\0';
	*pages = 1;
	if (t == NULL)
		return e->code;
	if (per_page == 0)
		per_page = 1;
	memset(&s, 0, sizeof s);
	/* Count in place, then walk to the start of the last page. */
	if ((rc = hub_need_rows(t, f, sort, NULL, 0, seek_cb, &s, NULL,
	    e)) != 0)
		return rc;
	if (s.n <= per_page)
		return 0;
	s.skip = (s.n - 1) / per_page * per_page;
	*pages = s.skip / per_page + 1;
	s.n = 0;
	return hub_need_rows(t, f, sort, NULL, s.skip, seek_cb, &s, at, e);
}
