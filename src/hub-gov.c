/* hub-gov.c: governance by consent: tensions and the agenda, meetings and
 * quorum, and the helpers the other hub-gov files share (hub-gov-int.h).
 * Must not print: every operation is one write transaction via hub_run. */
#include "hub.h"
#include "hub-batch.h"
#include "hub-gov-int.h"
#include "codec.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- small helpers ---- */

int
gov_refused_notfound(struct hub_ctx *c, int rc, const char *what, uint64_t id)
{
	if (rc == ERR_NOTFOUND)
		return err_set(c->e, ERR_REFUSED, "no %s #%llu",
		    model_rtype_noun(what), (unsigned long long)id);
	return rc;
}

/* Who counts is the model's one definition. */
static int
is_voter(const struct member *m)
{
	return model_member_counts(m);
}

static int
collect_cb(uint64_t id, void *arg)
{
	u64_list_push(arg, id);
	return 0;
}

static int
ix_ids(struct store_txn *t, int ix, uint64_t key, struct u64_list *ids,
    struct err *e)
{
	uint8_t k[8];

	store_be64(key, k);
	return store_ix_scan(t, ix, k, 8, 0, 0, collect_cb, ids, e);
}

struct vcount {
	uint64_t n;
	int bad;
	struct err e;
};

static int
voter_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct vcount *v = arg;
	struct member m;

	(void)id;
	if (codec_decode(RT_MEMBER, data, len, &m, &v->e) != 0) {
		v->bad = 1;
		return 1;
	}
	if (is_voter(&m))
		v->n++;
	codec_free(RT_MEMBER, &m);
	return 0;
}

int
hub_voters_count(struct store_txn *t, uint64_t *n, struct err *e)
{
	struct vcount v;
	int rc;

	memset(&v, 0, sizeof v);
	if ((rc = store_scan(t, RT_MEMBER, 0, 0, voter_cb, &v, e)) != 0)
		return rc;
	if (v.bad) {
		*e = v.e;
		return ERR_SYSTEM;
	}
	*n = v.n;
	return 0;
}

struct mfind {
	uint64_t id;
	int bad;
	struct err e;
};

static int
open_meeting_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct mfind *f = arg;
	struct meeting m;

	if (codec_decode(RT_MEETING, data, len, &m, &f->e) != 0) {
		f->bad = 1;
		return 1;
	}
	if (m.status == MS_OPEN)
		f->id = id;
	codec_free(RT_MEETING, &m);
	return f->id != 0;
}

int
hub_meeting_open_get(struct store_txn *t, struct meeting *m, struct err *e)
{
	struct mfind f;
	int rc;

	memset(&f, 0, sizeof f);
	/* Newest first: the open meeting is nearly always the last one. */
	if ((rc = store_scan(t, RT_MEETING, 0, 1, open_meeting_cb, &f,
	    e)) != 0)
		return rc;
	if (f.bad) {
		*e = f.e;
		return ERR_SYSTEM;
	}
	if (f.id == 0)
		return err_set(e, ERR_NOTFOUND, "no meeting is open");
	return store_get(t, RT_MEETING, f.id, m, e);
}

uint64_t
hub_meeting_present_n(const struct meeting *m)
{
	return (uint64_t)(m->room.n + m->remote.n);
}

int
hub_meeting_is_present(const struct meeting *m, uint64_t member)
{
	return u64_list_has(&m->room, member) ||
	    u64_list_has(&m->remote, member);
}

static int
present_voters(struct store_txn *t, const struct u64_list *l, uint64_t *n,
    struct err *e)
{
	struct member p;
	int rc;

	for (size_t i = 0; i < l->n; i++) {
		rc = store_get(t, RT_MEMBER, l->v[i], &p, e);
		if (rc == ERR_NOTFOUND)
			continue;
		if (rc != 0)
			return rc;
		if (is_voter(&p))
			(*n)++;
		codec_free(RT_MEMBER, &p);
	}
	return 0;
}

int
hub_meeting_quorum(struct store_txn *t, const struct meeting *m,
    struct hub_quorum *q, struct err *e)
{
	int rc;

	memset(q, 0, sizeof *q);
	if (m->status != MS_OPEN) {
		/* Frozen at the close; a meeting closed before the figures
		 * were stored counts its lists. */
		q->present = m->frozen ? m->closed_present :
		    hub_meeting_present_n(m);
		q->members = m->members_total;
		q->needed = m->quorum;
	} else {
		if ((rc = hub_voters_count(t, &q->members, e)) != 0)
			return rc;
		q->needed = model_quorum(q->members);
		if ((rc = present_voters(t, &m->room, &q->present, e)) != 0 ||
		    (rc = present_voters(t, &m->remote, &q->present, e)) != 0)
			return rc;
	}
	q->reached = q->needed > 0 && q->present >= q->needed;
	return 0;
}

/* The open meeting, or a refusal saying there is none. */
static int
open_meeting(struct hub_ctx *c, struct meeting *m)
{
	int rc = hub_meeting_open_get(c->t, m, c->e);

	if (rc == ERR_NOTFOUND)
		return gov_check_open_meeting(NULL, c->e);
	return rc;
}

int
gov_load_login(struct hub_ctx *c, const char *login, struct member *m)
{
	int rc = hub_member_by_login(c->t, login, m, c->e);

	if (rc == ERR_NOTFOUND)
		return err_set(c->e, ERR_REFUSED, "no member '%.40s'", login);
	return rc;
}

const char *
gov_login_of(struct hub_ctx *c, uint64_t id, char *out, size_t n)
{
	return hub_login_of(c->t, id, out, n);
}

int
gov_require_voter(struct hub_ctx *c, const char *what)
{
	return gov_check_voter(c->who, what, c->e);
}

/* ---- checks shared by the operations and the views' acts ---- */

int
hub_role_check(const struct actor *who, uint64_t roles, const char *what,
    struct err *e)
{
	char need[120];

	if (who->roles & roles)
		return 0;
	model_roles_label(roles, need, sizeof need);
	return err_set(e, ERR_REFUSED, "%s may not %s (needs the role %s)",
	    who->label, gettext(what), need);
}

int
gov_check_voter(const struct actor *who, const char *what, struct err *e)
{
	char roles[120];

	if (who->roles & ROLE_MEMBER)
		return 0;
	model_roles_label(who->roles, roles, sizeof roles);
	/* One line that fits the interface's status line at 80 columns,
	 * in French too: the roles alone in the parentheses. */
	return err_set(e, ERR_REFUSED, "%s may not %s: only members "
	    "do (%s)", who->label, gettext(what), who->roles ? roles :
	    _("no role"));
}

int
gov_check_open(const struct proposal *p, struct err *e)
{
	if (p->status == PS_OPEN)
		return 0;
	return err_set(e, ERR_REFUSED, "round closed: proposal %llu is %s",
	    (unsigned long long)p->id,
	    hub_proposal_status_label((int)p->status));
}

int
gov_check_position(const struct actor *who, const struct proposal *p,
    const struct meeting *m, int64_t now, struct err *e)
{
	char ts[32];
	int rc;

	if ((rc = gov_check_open(p, e)) != 0)
		return rc;
	/* Short: the refusal goes on to say "only members do (ROLES)". */
	if ((rc = gov_check_voter(who, "take a position", e)) != 0)
		return rc;
	if (p->closes > 0 && now >= p->closes)
		return err_set(e, ERR_REFUSED, "round closed: proposal %llu "
		    "closed on %s", (unsigned long long)p->id,
		    i18n_date(p->closes, ts, sizeof ts));
	if (p->closes > 0)
		return 0;
	if (m == NULL || m->status != MS_OPEN)
		return err_set(e, ERR_REFUSED, "meeting %llu is not open",
		    (unsigned long long)p->meeting);
	if (!hub_meeting_is_present(m, who->id))
		return err_set(e, ERR_REFUSED, "%s is not present in meeting "
		    "%llu: join it to take a position", who->label,
		    (unsigned long long)m->id);
	return 0;
}

int
gov_check_amend(const struct actor *who, const struct proposal *p,
    const char *supporter, int64_t now, struct err *e)
{
	int rc;

	if ((rc = gov_check_open(p, e)) != 0)
		return rc;
	if (p->supporter != who->id || who->id == 0)
		return err_set(e, ERR_REFUSED, "only the supporter (%s) may "
		    "amend proposal %llu", supporter,
		    (unsigned long long)p->id);
	if (p->versions.n >= 100)
		return err_set(e, ERR_REFUSED, "proposal %llu has 100 "
		    "versions already", (unsigned long long)p->id);
	if (p->closes > 0 && now >= p->closes)
		return err_set(e, ERR_REFUSED, "round closed: the closing "
		    "date of proposal %llu has passed",
		    (unsigned long long)p->id);
	return 0;
}

int
gov_check_close(const struct actor *who, const struct proposal *p,
    const struct meeting *m, const struct hub_quorum *q, uint64_t answered,
    uint64_t voters, int64_t now, struct err *e)
{
	char ts[32];
	int rc;

	if ((rc = hub_role_check(who, ROLE_FACILITATOR, "close a round",
	    e)) != 0 || (rc = gov_check_open(p, e)) != 0)
		return rc;
	if (p->closes == 0) {
		if (m == NULL || m->status != MS_OPEN)
			return err_set(e, ERR_REFUSED, "meeting %llu is not "
			    "open", (unsigned long long)p->meeting);
		if (!q->reached)
			return err_set(e, ERR_REFUSED, "quorum not reached: "
			    "%llu of %llu present, %llu needed",
			    (unsigned long long)q->present,
			    (unsigned long long)q->members,
			    (unsigned long long)q->needed);
		return 0;
	}
	if (now < p->closes && answered < voters)
		return err_setn(e, ERR_REFUSED, (unsigned long)answered,
		    "round open until %s: %llu of %llu member answered",
		    "round open until %s: %llu of %llu members answered",
		    i18n_date(p->closes, ts, sizeof ts),
		    (unsigned long long)answered, (unsigned long long)voters);
	return 0;
}

int
gov_check_open_meeting(const struct meeting *m, struct err *e)
{
	if (m != NULL && m->status == MS_OPEN)
		return 0;
	return err_set(e, ERR_REFUSED, "no meeting is open (the "
	    "facilitator opens one)");
}

int
gov_check_on_current(const struct actor *who, const struct meeting *m,
    const char *what, struct err *e)
{
	int rc;

	if ((rc = gov_check_voter(who, what, e)) != 0 ||
	    (rc = gov_check_open_meeting(m, e)) != 0)
		return rc;
	if (!hub_meeting_is_present(m, who->id))
		return err_set(e, ERR_REFUSED, "%s is not present in "
		    "meeting %llu: join it first", who->label,
		    (unsigned long long)m->id);
	if (m->current_tension == 0)
		return err_set(e, ERR_REFUSED, "no tension is being "
		    "presented in meeting %llu", (unsigned long long)m->id);
	return 0;
}

int
gov_tension_set_status(struct hub_ctx *c, struct tension *t, int to)
{
	if ((int)t->status == to)
		return 0;
	if (!model_tension_transition_ok((int)t->status, to))
		return err_set(c->e, ERR_REFUSED, "tension %llu is %s: it "
		    "cannot become %s", (unsigned long long)t->id,
		    hub_tension_status_label((int)t->status),
		    hub_tension_status_label(to));
	t->status = (uint64_t)to;
	t->updated = util_now();
	return 0;
}

/* The positions' read helpers are in hub-position.c. */

int
hub_proposals_of(struct store_txn *t, uint64_t tension, struct u64_list *ids,
    struct err *e)
{
	return ix_ids(t, IX_PROPOSAL_TENSION, tension, ids, e);
}

/* ---- tensions and the agenda ---- */

struct agenda_ent {
	uint64_t id, rank;
};

static int
agenda_cmp(const void *a, const void *b)
{
	const struct agenda_ent *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

int
hub_agenda(struct store_txn *t, struct u64_list *ids, struct err *e)
{
	static const uint8_t sts[] = { TS_PROCESS, TS_AGENDA, TS_ADJOURNED };
	struct u64_list all = { 0 };
	struct agenda_ent *v = NULL;
	struct tension tn;
	int rc = 0;

	for (size_t i = 0; i < sizeof sts && rc == 0; i++)
		rc = store_ix_scan(t, IX_TENSION_STATUS, &sts[i], 1, 0, 0,
		    collect_cb, &all, e);
	if (rc != 0)
		goto out;
	v = xcalloc(all.n ? all.n : 1, sizeof *v);
	for (size_t i = 0; i < all.n; i++) {
		if ((rc = store_get(t, RT_TENSION, all.v[i], &tn, e)) != 0)
			goto out;
		v[i].id = all.v[i];
		v[i].rank = tn.rank;
		codec_free(RT_TENSION, &tn);
	}
	qsort(v, all.n, sizeof *v, agenda_cmp);
	for (size_t i = 0; i < all.n; i++)
		u64_list_push(ids, v[i].id);
out:
	free(v);
	u64_list_free(&all);
	return rc;
}

struct tension_arg {
	int kind;
	const char *title, *description;
	const struct u64_list *needs;
	uint64_t id, pos;
};

static int
op_tension_add(struct hub_ctx *c, void *argp)
{
	struct tension_arg *a = argp;
	struct u64_list ag = { 0 };
	struct tension t, last;
	struct need n;
	uint64_t id, rank = 1;
	int rc;

	if ((rc = hub_require(c, ROLE_MEMBER | ROLE_FACILITATOR,
	    "add a tension")) != 0)
		return rc;
	for (size_t i = 0; a->needs && i < a->needs->n; i++) {
		rc = store_get(c->t, RT_NEED, a->needs->v[i], &n, c->e);
		if (rc != 0)
			return gov_refused_notfound(c, rc, "need",
			    a->needs->v[i]);
		codec_free(RT_NEED, &n);
	}
	/* Last in the agenda's order. */
	if ((rc = hub_agenda(c->t, &ag, c->e)) != 0)
		return rc;
	if (ag.n > 0) {
		rc = store_get(c->t, RT_TENSION, ag.v[ag.n - 1], &last, c->e);
		if (rc == 0) {
			rank = last.rank + 1;
			codec_free(RT_TENSION, &last);
		}
	}
	u64_list_free(&ag);
	if (rc != 0)
		return rc;
	if ((rc = store_next_id(c->t, RT_TENSION, &id, c->e)) != 0)
		return rc;
	memset(&t, 0, sizeof t);
	t.kind = (uint64_t)a->kind;
	t.title = (char *)a->title;
	t.description = (char *)a->description;
	t.author = c->who->id;
	t.status = TS_AGENDA;
	if (a->needs)
		t.needs = *a->needs;
	t.created = t.updated = util_now();
	t.rank = rank;
	rc = store_put(c->t, RT_TENSION, id, &t, c->e);
	a->id = id;
	return rc;
}

/* Group commit (hub-batch.c): a tension, as a request. */
static void
tension_add_enc(const void *argp, struct bq_enc *pk)
{
	const struct tension_arg *a = argp;

	bq_array(pk, 4);
	bq_u64(pk, (uint64_t)a->kind);
	bq_str(pk, a->title);
	bq_str(pk, a->description);
	bq_u64s(pk, a->needs);
}

static int
tension_add_dec(struct bq_dec *d, void *argp)
{
	struct tension_arg *a = argp;
	uint64_t kind = bd_u64(d);

	a->title = bd_str(d);
	a->description = bd_str(d);
	a->needs = bd_u64s(d);
	if (kind >= TK__COUNT || a->title == NULL)
		return -1;
	a->kind = (int)kind;
	return 0;
}

static void
tension_out_get(const void *argp, uint64_t out[SQ_OUT])
{
	out[0] = ((const struct tension_arg *)argp)->id;
	out[1] = ((const struct tension_arg *)argp)->pos;
}

static void
tension_out_put(void *argp, const uint64_t out[SQ_OUT])
{
	((struct tension_arg *)argp)->id = out[0];
	((struct tension_arg *)argp)->pos = out[1];
}

const struct hub_bop hub_bop_tension_add = {
	BOP_TENSION_ADD, op_tension_add, sizeof(struct tension_arg),
	tension_add_enc, tension_add_dec, tension_out_get, tension_out_put
};

int
hub_tension_add(struct hub *h, struct actor *who, int kind,
    const char *title, const char *description, const struct u64_list *needs,
    uint64_t *id, struct err *e)
{
	struct tension_arg a;

	memset(&a, 0, sizeof a);
	a.kind = kind;
	a.title = title;
	a.description = description;
	a.needs = needs;
	if (kind < 0 || kind >= TK__COUNT)
		return err_set(e, ERR_USAGE, "the kind is project, chamber "
		    "or position");
	if (title == NULL || title[0] == '\0')
		return err_set(e, ERR_USAGE, "a tension needs a title");
	if (text_check("title", title, MAX_TITLE, 0, e) != 0 ||
	    text_check("description", description, MAX_TEXT, 1, e) != 0)
		return e->code;
	if (needs && needs->n > 32)
		return err_set(e, ERR_USAGE, "at most 32 linked needs");
	if (hub_run_batch(h, who, &hub_bop_tension_add, "tension.add", title,
	    &a, e) != 0)
		return e->code;
	if (id)
		*id = a.id;
	return 0;
}

static int
op_tension_drop(struct hub_ctx *c, void *argp)
{
	struct tension_arg *a = argp;
	struct tension t;
	int rc;

	if ((rc = store_get(c->t, RT_TENSION, a->id, &t, c->e)) != 0)
		return gov_refused_notfound(c, rc, "tension", a->id);
	if (t.author != c->who->id && !(c->who->roles & ROLE_FACILITATOR)) {
		rc = err_set(c->e, ERR_REFUSED, "only the tension's author "
		    "or the facilitator may drop it");
		goto out;
	}
	if (t.status == TS_PROCESS) {
		rc = err_set(c->e, ERR_REFUSED, "tension %llu is being "
		    "processed: it cannot be dropped now",
		    (unsigned long long)a->id);
		goto out;
	}
	if ((rc = gov_tension_set_status(c, &t, TS_DROPPED)) == 0)
		rc = store_put(c->t, RT_TENSION, t.id, &t, c->e);
out:
	codec_free(RT_TENSION, &t);
	return rc;
}

int
hub_tension_drop(struct hub *h, struct actor *who, uint64_t id,
    struct err *e)
{
	struct tension_arg a;

	memset(&a, 0, sizeof a);
	a.id = id;
	return hub_run(h, who, "tension.drop", NULL, op_tension_drop, &a, e);
}

static int
op_agenda_move(struct hub_ctx *c, void *argp)
{
	struct tension_arg *a = argp;
	struct u64_list ag = { 0 }, order = { 0 };
	struct tension t;
	size_t i;
	int rc;

	if ((rc = hub_require(c, ROLE_FACILITATOR, "order the agenda")) != 0)
		return rc;
	if ((rc = hub_agenda(c->t, &ag, c->e)) != 0)
		return rc;
	if (!u64_list_has(&ag, a->id)) {
		rc = err_set(c->e, ERR_REFUSED, "tension %llu is not on the "
		    "agenda", (unsigned long long)a->id);
		goto out;
	}
	if (a->pos < 1 || a->pos > ag.n) {
		rc = err_setn(c->e, ERR_REFUSED, ag.n, "the agenda holds %zu "
		    "tension: the place is 1 to %zu", "the agenda holds %zu "
		    "tensions: the place is 1 to %zu", ag.n, ag.n);
		goto out;
	}
	for (i = 0; i < ag.n; i++) {
		if (ag.v[i] == a->id)
			continue;
		if (order.n + 1 == a->pos)
			u64_list_push(&order, a->id);
		u64_list_push(&order, ag.v[i]);
	}
	if (order.n < ag.n)
		u64_list_push(&order, a->id);
	/* Renumber every tension whose rank changes. */
	for (i = 0; i < order.n && rc == 0; i++) {
		if ((rc = store_get(c->t, RT_TENSION, order.v[i], &t,
		    c->e)) != 0)
			break;
		if (t.rank != i + 1) {
			t.rank = i + 1;
			rc = store_put(c->t, RT_TENSION, t.id, &t, c->e);
		}
		codec_free(RT_TENSION, &t);
	}
out:
	u64_list_free(&ag);
	u64_list_free(&order);
	return rc;
}

int
hub_agenda_move(struct hub *h, struct actor *who, uint64_t tension,
    uint64_t pos, struct err *e)
{
	struct tension_arg a;
	char s[64];

	memset(&a, 0, sizeof a);
	a.id = tension;
	a.pos = pos;
	snprintf(s, sizeof s, "tension %llu to place %llu",
	    (unsigned long long)tension, (unsigned long long)pos);
	return hub_run(h, who, "agenda.move", s, op_agenda_move, &a, e);
}

/* ---- meetings ---- */

struct meeting_arg {
	uint64_t id;
	const char *title;
	const char *login;
	const char *text;
	uint64_t out;
	const char *const *logins;
	size_t n;
};

static int
op_meeting_plan(struct hub_ctx *c, void *argp)
{
	struct meeting_arg *a = argp;
	struct meeting m;
	uint64_t id;
	int rc;

	if ((rc = hub_require(c, ROLE_FACILITATOR, "plan a meeting")) != 0)
		return rc;
	if ((rc = store_next_id(c->t, RT_MEETING, &id, c->e)) != 0)
		return rc;
	memset(&m, 0, sizeof m);
	m.status = MS_PLANNED;
	m.facilitator = c->who->id;
	m.created = util_now();
	m.title = (char *)a->title;
	a->out = id;
	return store_put(c->t, RT_MEETING, id, &m, c->e);
}

int
hub_meeting_plan(struct hub *h, struct actor *who, const char *title,
    uint64_t *id, struct err *e)
{
	struct meeting_arg a;

	memset(&a, 0, sizeof a);
	a.title = title;
	if (text_check("title", title, MAX_TITLE, 0, e) != 0)
		return e->code;
	if (hub_run(h, who, "meeting.plan", title, op_meeting_plan, &a,
	    e) != 0)
		return e->code;
	if (id)
		*id = a.out;
	return 0;
}

static int
op_meeting_open(struct hub_ctx *c, void *argp)
{
	struct meeting_arg *a = argp;
	struct meeting m;
	uint64_t id = a->id, voters;
	int rc;

	if ((rc = hub_require(c, ROLE_FACILITATOR, "open a meeting")) != 0)
		return rc;
	rc = hub_meeting_open_get(c->t, &m, c->e);
	if (rc == 0) {
		rc = err_set(c->e, ERR_REFUSED, "meeting %llu is already "
		    "open: one meeting at a time", (unsigned long long)m.id);
		codec_free(RT_MEETING, &m);
		return rc;
	}
	if (rc != ERR_NOTFOUND)
		return rc;
	if ((rc = hub_voters_count(c->t, &voters, c->e)) != 0)
		return rc;
	if (voters == 0)
		return err_set(c->e, ERR_REFUSED, "no active member holds "
		    "the member role: there is nobody to meet");
	if (id != 0) {
		if ((rc = store_get(c->t, RT_MEETING, id, &m, c->e)) != 0)
			return gov_refused_notfound(c, rc, "meeting", id);
		if (m.status != MS_PLANNED) {
			rc = err_set(c->e, ERR_REFUSED, "meeting %llu is %s, "
			    "not planned", (unsigned long long)id,
			    hub_meeting_status_label((int)m.status));
			codec_free(RT_MEETING, &m);
			return rc;
		}
	} else {
		if ((rc = store_next_id(c->t, RT_MEETING, &id, c->e)) != 0)
			return rc;
		memset(&m, 0, sizeof m);
		m.created = util_now();
	}
	if (a->title != NULL)
		str_replace(&m.title, a->title);
	m.status = MS_OPEN;
	m.facilitator = c->who->id;
	m.opened = util_now();
	m.members_total = voters;
	m.quorum = model_quorum(voters);
	a->out = id;
	rc = store_put(c->t, RT_MEETING, id, &m, c->e);
	codec_free(RT_MEETING, &m);
	return rc;
}

int
hub_meeting_open(struct hub *h, struct actor *who, uint64_t id,
    const char *title, uint64_t *out, struct err *e)
{
	struct meeting_arg a;

	memset(&a, 0, sizeof a);
	a.id = id;
	a.title = title;
	if (text_check("title", title, MAX_TITLE, 0, e) != 0)
		return e->code;
	if (hub_run(h, who, "meeting.open", title, op_meeting_open, &a,
	    e) != 0)
		return e->code;
	if (out)
		*out = a.out;
	return 0;
}

static int
check_presence_of(struct hub_ctx *c, const struct meeting *m,
    const struct member *p)
{
	if (!is_voter(p))
		return err_set(c->e, ERR_REFUSED, "%s does not hold the "
		    "member role: only members count for the quorum",
		    p->login);
	if (hub_meeting_is_present(m, p->id))
		return err_set(c->e, ERR_REFUSED, "%s is already present in "
		    "meeting %llu", p->login, (unsigned long long)m->id);
	return 0;
}

static int
op_meeting_present(struct hub_ctx *c, void *argp)
{
	struct meeting_arg *a = argp;
	struct meeting m;
	struct member p;
	int rc;

	if ((rc = hub_require(c, ROLE_FACILITATOR, "mark who is in the "
	    "room")) != 0)
		return rc;
	if ((rc = open_meeting(c, &m)) != 0)
		return rc;
	for (size_t i = 0; i < a->n && rc == 0; i++) {
		if ((rc = gov_load_login(c, a->logins[i], &p)) != 0)
			break;
		if ((rc = check_presence_of(c, &m, &p)) == 0 &&
		    (rc = gov_presence_log(c, &m, p.id, PE_ROOM)) == 0)
			u64_list_push(&m.room, p.id);
		codec_free(RT_MEMBER, &p);
	}
	if (rc == 0)
		rc = store_put(c->t, RT_MEETING, m.id, &m, c->e);
	codec_free(RT_MEETING, &m);
	return rc;
}

int
hub_meeting_present(struct hub *h, struct actor *who,
    const char *const *logins, size_t n, struct err *e)
{
	struct meeting_arg a;

	memset(&a, 0, sizeof a);
	a.logins = logins;
	a.n = n;
	if (n == 0)
		return err_set(e, ERR_USAGE, "name who is present");
	for (size_t i = 0; i < n; i++)
		if (login_check(logins[i], e) != 0)
			return e->code;
	return hub_run(h, who, "meeting.present", logins[0],
	    op_meeting_present, &a, e);
}

static int
op_meeting_join(struct hub_ctx *c, void *argp)
{
	struct meeting m;
	struct member p;
	int rc;

	(void)argp;
	if ((rc = gov_require_voter(c, "join a meeting")) != 0)
		return rc;
	if ((rc = open_meeting(c, &m)) != 0)
		return rc;
	if ((rc = store_get(c->t, RT_MEMBER, c->who->id, &p, c->e)) != 0)
		goto out;
	if ((rc = check_presence_of(c, &m, &p)) == 0 &&
	    (rc = gov_presence_log(c, &m, p.id, PE_REMOTE)) == 0) {
		u64_list_push(&m.remote, p.id);
		rc = store_put(c->t, RT_MEETING, m.id, &m, c->e);
	}
	codec_free(RT_MEMBER, &p);
out:
	codec_free(RT_MEETING, &m);
	return rc;
}

/* Group commit (hub-batch.c): a check-in has no argument. */
static void
meeting_join_enc(const void *argp, struct bq_enc *pk)
{
	(void)argp;
	bq_array(pk, 0);
}

static int
meeting_join_dec(struct bq_dec *d, void *argp)
{
	(void)d;
	(void)argp;
	return 0;
}

const struct hub_bop hub_bop_meeting_join = {
	BOP_MEETING_JOIN, op_meeting_join, 1, meeting_join_enc,
	meeting_join_dec, NULL, NULL
};

int
hub_meeting_join(struct hub *h, struct actor *who, struct err *e)
{
	return hub_run_batch(h, who, &hub_bop_meeting_join, "meeting.join",
	    NULL, NULL, e);
}

static int
last_id_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	(void)data;
	(void)len;
	*(uint64_t *)arg = id;
	return 1;
}

static int
op_meeting_review(struct hub_ctx *c, void *argp)
{
	struct meeting m;
	int rc;

	(void)argp;
	if ((rc = hub_require(c, ROLE_FACILITATOR, "record the action-plan "
	    "review")) != 0)
		return rc;
	if ((rc = open_meeting(c, &m)) != 0)
		return rc;
	if (m.review_done) {
		rc = err_set(c->e, ERR_REFUSED, "the action plan of meeting "
		    "%llu is already reviewed", (unsigned long long)m.id);
	} else {
		/* The time of the review, so the minutes can say when. */
		m.review_done = (uint64_t)util_now();
		if (m.review_done == 0)
			m.review_done = 1;
		/* And which actions existed: a clock's second cannot tell an
		 * action added just after the review from one before it. */
		m.review_next_action = 0;
		rc = store_scan(c->t, RT_ACTION, 0, 1, last_id_cb,
		    &m.review_next_action, c->e);
		m.review_next_action++;
		/* Decisions due for review come up with their actions. */
		if (rc == 0)
			rc = gov_review_due(c, &m);
		if (rc == 0)
			rc = store_put(c->t, RT_MEETING, m.id, &m, c->e);
	}
	codec_free(RT_MEETING, &m);
	return rc;
}

int
hub_meeting_review(struct hub *h, struct actor *who, struct err *e)
{
	return hub_run(h, who, "meeting.review", "action plan reviewed",
	    op_meeting_review, NULL, e);
}

/* Find an open, or rejected-but-unresolved, proposal on a tension. */
int
gov_proposal_pending(struct hub_ctx *c, uint64_t tension, struct gov_pending *f)
{
	struct u64_list ids = { 0 };
	struct proposal p;
	int rc;

	memset(f, 0, sizeof *f);
	if ((rc = hub_proposals_of(c->t, tension, &ids, c->e)) != 0)
		goto out;
	for (size_t i = 0; i < ids.n; i++) {
		if ((rc = store_get(c->t, RT_PROPOSAL, ids.v[i], &p,
		    c->e)) != 0)
			break;
		if (p.status == PS_OPEN) {
			f->open = p.id;
			f->open_meeting = p.meeting;
		}
		else if (p.status == PS_REJECTED)
			f->rejected = p.id;
		codec_free(RT_PROPOSAL, &p);
	}
out:
	u64_list_free(&ids);
	return rc;
}

/* Put the meeting's current tension back on the agenda if it was taken
 * up but nothing is pending on it. Refuses while a round is pending. */
static int
release_current(struct hub_ctx *c, struct meeting *m)
{
	struct gov_pending f;
	struct tension t;
	int rc;

	if (m->current_tension == 0)
		return 0;
	if ((rc = gov_proposal_pending(c, m->current_tension, &f)) != 0)
		return rc;
	/* An electronic round goes on after the meeting: leave it be. */
	if (f.open && f.open_meeting != m->id)
		return 0;
	if (f.open)
		return err_set(c->e, ERR_REFUSED, "proposal %llu is still "
		    "open on tension %llu: close its round first",
		    (unsigned long long)f.open,
		    (unsigned long long)m->current_tension);
	if (f.rejected)
		return err_set(c->e, ERR_REFUSED, "proposal %llu was "
		    "rejected: adjourn or escalate it first",
		    (unsigned long long)f.rejected);
	if ((rc = store_get(c->t, RT_TENSION, m->current_tension, &t,
	    c->e)) != 0)
		return rc;
	if (t.status == TS_PROCESS) {
		t.status = TS_AGENDA;
		t.updated = util_now();
		rc = store_put(c->t, RT_TENSION, t.id, &t, c->e);
	}
	codec_free(RT_TENSION, &t);
	return rc;
}

static int
op_meeting_take(struct hub_ctx *c, void *argp)
{
	struct meeting_arg *a = argp;
	struct u64_list ag = { 0 };
	struct meeting m;
	struct tension t;
	struct gov_pending f;
	uint64_t id = a->id;
	int rc;

	if ((rc = hub_require(c, ROLE_FACILITATOR, "take up a tension")) != 0)
		return rc;
	if ((rc = open_meeting(c, &m)) != 0)
		return rc;
	memset(&t, 0, sizeof t);
	if (!m.review_done) {
		rc = err_set(c->e, ERR_REFUSED, "the action-plan review is "
		    "the first item: record it first");
		goto out;
	}
	if (id == m.current_tension && id != 0 &&
	    store_get(c->t, RT_TENSION, id, &t, c->e) == 0 &&
	    t.status == TS_PROCESS) {
		rc = err_set(c->e, ERR_REFUSED, "tension %llu is already "
		    "the current one", (unsigned long long)id);
		goto out;
	}
	if (id == 0) {
		/* The first on the agenda that waits to be processed. */
		if ((rc = hub_agenda(c->t, &ag, c->e)) != 0)
			goto out;
		for (size_t i = 0; i < ag.n && id == 0; i++) {
			if (ag.v[i] == m.current_tension)
				continue;
			if ((rc = store_get(c->t, RT_TENSION, ag.v[i], &t,
			    c->e)) != 0)
				goto out;
			if (t.status != TS_PROCESS)
				id = t.id;
			codec_free(RT_TENSION, &t);
		}
		if (id == 0) {
			rc = err_set(c->e, ERR_REFUSED, "the agenda holds no "
			    "tension waiting to be processed");
			goto out;
		}
	}
	codec_free(RT_TENSION, &t);
	if ((rc = store_get(c->t, RT_TENSION, id, &t, c->e)) != 0) {
		rc = gov_refused_notfound(c, rc, "tension", id);
		goto out;
	}
	if ((rc = gov_proposal_pending(c, id, &f)) != 0)
		goto out;
	if (f.open) {
		rc = err_set(c->e, ERR_REFUSED, "tension %llu has an open "
		    "electronic round (proposal %llu)",
		    (unsigned long long)id, (unsigned long long)f.open);
		goto out;
	}
	if (t.status != TS_AGENDA && t.status != TS_ADJOURNED) {
		rc = err_set(c->e, ERR_REFUSED, "tension %llu is %s, not on "
		    "the agenda", (unsigned long long)id,
		    hub_tension_status_label((int)t.status));
		goto out;
	}
	if ((rc = release_current(c, &m)) != 0)
		goto out;
	if ((rc = gov_tension_set_status(c, &t, TS_PROCESS)) != 0)
		goto out;
	if ((rc = store_put(c->t, RT_TENSION, t.id, &t, c->e)) != 0)
		goto out;
	m.current_tension = id;
	if (!u64_list_has(&m.tensions, id))
		u64_list_push(&m.tensions, id);
	a->out = id;
	rc = store_put(c->t, RT_MEETING, m.id, &m, c->e);
out:
	codec_free(RT_TENSION, &t);
	codec_free(RT_MEETING, &m);
	u64_list_free(&ag);
	return rc;
}

int
hub_meeting_take(struct hub *h, struct actor *who, uint64_t tension,
    uint64_t *taken, struct err *e)
{
	struct meeting_arg a;

	memset(&a, 0, sizeof a);
	a.id = tension;
	if (hub_run(h, who, "meeting.take", NULL, op_meeting_take, &a,
	    e) != 0)
		return e->code;
	if (taken)
		*taken = a.out;
	return 0;
}

/* The open meeting, its current tension, and the actor present in it. */
static int
present_on_current(struct hub_ctx *c, struct meeting *m, struct tension *t,
    const char *what)
{
	int rc;

	memset(t, 0, sizeof *t);
	if ((rc = gov_require_voter(c, what)) != 0)
		return rc;
	if ((rc = open_meeting(c, m)) != 0)
		return rc;
	if ((rc = gov_check_on_current(c->who, m, what, c->e)) == 0)
		rc = store_get(c->t, RT_TENSION, m->current_tension, t, c->e);
	if (rc != 0)
		codec_free(RT_MEETING, m);
	return rc;
}

static int
op_meeting_ack(struct hub_ctx *c, void *argp)
{
	struct meeting m;
	struct tension t;
	int rc;

	(void)argp;
	if ((rc = present_on_current(c, &m, &t, "acknowledge a "
	    "tension")) != 0)
		return rc;
	if (u64_list_has(&t.acks, c->who->id))
		rc = err_set(c->e, ERR_REFUSED, "%s already acknowledged "
		    "tension %llu", c->who->label, (unsigned long long)t.id);
	else {
		u64_list_push(&t.acks, c->who->id);
		rc = store_put(c->t, RT_TENSION, t.id, &t, c->e);
	}
	codec_free(RT_TENSION, &t);
	codec_free(RT_MEETING, &m);
	return rc;
}

int
hub_meeting_ack(struct hub *h, struct actor *who, struct err *e)
{
	return hub_run(h, who, "tension.ack", NULL, op_meeting_ack, NULL, e);
}

static int
op_meeting_question(struct hub_ctx *c, void *argp)
{
	struct meeting_arg *a = argp;
	struct meeting m;
	struct tension t;
	struct buf b = { 0 };
	int rc;

	if ((rc = present_on_current(c, &m, &t, "ask a question")) != 0)
		return rc;
	if (t.questions.n >= 200)
		rc = err_set(c->e, ERR_REFUSED, "tension %llu holds 200 "
		    "questions already", (unsigned long long)t.id);
	else {
		buf_printf(&b, "%s: %s", c->who->login, a->text);
		str_list_push(&t.questions, b.p);
		rc = store_put(c->t, RT_TENSION, t.id, &t, c->e);
	}
	buf_free(&b);
	codec_free(RT_TENSION, &t);
	codec_free(RT_MEETING, &m);
	return rc;
}

int
hub_meeting_question(struct hub *h, struct actor *who, const char *text,
    struct err *e)
{
	struct meeting_arg a;

	memset(&a, 0, sizeof a);
	a.text = text;
	if (text == NULL || text[0] == '\0')
		return err_set(e, ERR_USAGE, "the question is empty");
	if (text_check("question", text, MAX_REASON, 1, e) != 0)
		return e->code;
	return hub_run(h, who, "tension.question", text, op_meeting_question,
	    &a, e);
}

static int
op_meeting_close(struct hub_ctx *c, void *argp)
{
	struct meeting m;
	int rc;

	(void)argp;
	if ((rc = hub_require(c, ROLE_FACILITATOR, "close a meeting")) != 0)
		return rc;
	if ((rc = open_meeting(c, &m)) != 0)
		return rc;
	/* Every tension taken up: nothing may stay open or undecided. */
	for (size_t i = 0; i < m.tensions.n && rc == 0; i++) {
		struct gov_pending f;
		if ((rc = gov_proposal_pending(c, m.tensions.v[i], &f)) != 0)
			break;
		if (f.open && f.open_meeting == m.id)
			rc = err_set(c->e, ERR_REFUSED, "proposal %llu is "
			    "still open: close its round first",
			    (unsigned long long)f.open);
		else if (f.rejected)
			rc = err_set(c->e, ERR_REFUSED, "proposal %llu was "
			    "rejected: adjourn or escalate it first",
			    (unsigned long long)f.rejected);
	}
	if (rc == 0)
		rc = release_current(c, &m);
	if (rc == 0) {
		struct hub_quorum q;
		/* Record the quorum as it stands at the close (members may
		 * have been added or disabled since the opening). */
		if ((rc = hub_meeting_quorum(c->t, &m, &q, c->e)) != 0)
			goto out;
		m.members_total = q.members;
		m.quorum = q.needed;
		m.closed_present = q.present;
		m.frozen = 1;
		m.status = MS_CLOSED;
		m.closed = util_now();
		m.current_tension = 0;
		rc = store_put(c->t, RT_MEETING, m.id, &m, c->e);
		if (rc == 0)	/* the head at the close, signed */
			rc = hub_checkpoint_in(c, m.id);
	}
out:
	codec_free(RT_MEETING, &m);
	return rc;
}

int
hub_meeting_close(struct hub *h, struct actor *who, struct err *e)
{
	return hub_run(h, who, "meeting.close", NULL, op_meeting_close, NULL,
	    e);
}
