/* hub-need.c: the needs queue (DOMAIN.md §1): add, edit, support, good
 * practices, merge, status, and the indexed, paged listing. Must not print
 * or read the terminal, nor touch LMDB or msgpack except through store_*. */
#include "hub.h"
#include "hub-batch.h"
#include "codec.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Who may write in the queue: everyone but an observer-only member. */
#define NEED_WRITERS (ROLE_MEMBER | ROLE_CORRESPONDENT | ROLE_FACILITATOR | \
	ROLE_ADMIN)
#define NEED_MODERATORS (ROLE_FACILITATOR | ROLE_ADMIN)
#define MAX_PRACTICES 200

/* ---- validation ---- */

/* A round is "YYYY-Bn", n the two-month block 1..6. */
static int
round_ok(const char *s)
{
	if (strlen(s) != 7 || s[4] != '-' || s[5] != 'B' || s[6] < '1' ||
	    s[6] > '6')
		return 0;
	for (int i = 0; i < 4; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int
hub_need_input_check(const struct need_input *in, int adding,
    struct err *e)
{
	if (text_check("title", in->title, MAX_TITLE, 0, e) != 0 ||
	    text_check("description", in->description, MAX_TEXT, 1, e) != 0 ||
	    text_check("territory", in->territory, MAX_SHORT, 0, e) != 0 ||
	    text_check("category", in->category, MAX_SHORT, 0, e) != 0 ||
	    text_check("public", in->public_, MAX_SHORT, 0, e) != 0 ||
	    text_check("source", in->source, MAX_SHORT, 0, e) != 0 ||
	    text_check("collection round", in->round, MAX_SHORT, 0, e) != 0 ||
	    text_check("external id", in->external_id, MAX_SHORT, 0, e) != 0)
		return e->code;
	if (in->insee != NULL && in->insee[0] != '\0' &&
	    !hub_insee_ok(in->insee))
		return err_set(e, ERR_USAGE, "'%.20s' is not an INSEE commune "
		    "code (5 characters: 13055, 2A004)", in->insee);
	if (adding && (in->title == NULL || in->title[0] == '\0'))
		return err_set(e, ERR_USAGE, "a need needs a title (--title)");
	if (!adding && in->title != NULL && in->title[0] == '\0')
		return err_set(e, ERR_USAGE, "the title may not be emptied");
	if (adding && (in->territory == NULL || in->territory[0] == '\0'))
		return err_set(e, ERR_USAGE, "a need needs a territory "
		    "(--territory)");
	if (!adding && in->territory != NULL && in->territory[0] == '\0')
		return err_set(e, ERR_USAGE, "the territory may not be "
		    "emptied");
	if (in->round != NULL && !round_ok(in->round))
		return err_set(e, ERR_USAGE, "a round is written YYYY-Bn, n "
		    "from 1 (January-February) to 6, not '%.20s'", in->round);
	return 0;
}

/* The configured spellings of what was typed: "Accès aux droits" is
 * stored as the configuration writes it, "accès aux droits", so indexes
 * and filters see one value (hub_config_match). */
struct cfg_canon {
	char territory[MAX_SHORT + 1], category[MAX_SHORT + 1];
	char public_[MAX_SHORT + 1], source[MAX_SHORT + 1];
	char support[MAX_SHORT + 1];
};

/* value must be in the configuration's list (NULL or "": nothing to
 * check, the field is absent); its configured spelling goes to out. */
static int
cfg_has(struct hub_ctx *c, const struct str_list *l, const char *what,
    const char *value, char out[MAX_SHORT + 1])
{
	int k;

	out[0] = '\0';
	if (value == NULL || value[0] == '\0')
		return 0;
	if ((k = hub_config_match(l, what, value, c->e)) < 0)
		return ERR_REFUSED;
	snprintf(out, MAX_SHORT + 1, "%s", l->v[k]);
	return 0;
}

/* The configured spelling of a typed value (as is when absent). */
static const char *
canon(const char *typed, const char *configured)
{
	return typed != NULL && typed[0] != '\0' ? configured : typed;
}

static int
cfg_check(struct hub_ctx *c, const struct need_input *in,
    const char *support_territory, struct cfg_canon *k)
{
	struct config cfg;
	int rc;

	if ((rc = hub_config_get(c->t, &cfg, c->e)) != 0)
		return rc;
	if (in != NULL) {
		if ((rc = cfg_has(c, &cfg.territories, "territory",
		    in->territory, k->territory)) == 0 &&
		    (rc = cfg_has(c, &cfg.categories, "category",
		    in->category, k->category)) == 0 &&
		    (rc = cfg_has(c, &cfg.publics, "public",
		    in->public_, k->public_)) == 0)
			rc = cfg_has(c, &cfg.sources, "source", in->source,
			    k->source);
	}
	if (rc == 0 && support_territory != NULL)
		rc = cfg_has(c, &cfg.territories, "territory",
		    support_territory, k->support);
	codec_free(RT_CONFIG, &cfg);
	return rc;
}

static const char *
or_null(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : NULL;
}

int
hub_need_get(struct store_txn *t, uint64_t id, struct need *n,
    struct err *e)
{
	int rc = store_get(t, RT_NEED, id, n, e);

	if (rc == ERR_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "no need #%llu",
		    (unsigned long long)id);
	return rc;
}

/* ---- territories ---- */

static void
terr_add(struct str_list *l, const char *s)
{
	if (s != NULL && s[0] != '\0' && !str_list_has(l, s))
		str_list_push(l, s);
}

struct terr_walk {
	struct store_txn *t;
	struct str_list *l;
	struct err *e;
	int rc;
};

static int
terr_support_cb(uint64_t sid, void *arg)
{
	struct terr_walk *w = arg;
	struct support s;

	if ((w->rc = store_get(w->t, RT_SUPPORT, sid, &s, w->e)) != 0)
		return 1;
	terr_add(w->l, s.territory);
	codec_free(RT_SUPPORT, &s);
	return 0;
}

/* The distinct territories a need is seen in: its own first, then those
 * of its supports, then those of the needs merged into it. Recomputed, not
 * patched, so an edit of the territory cannot leave a stale one behind. */
static int
need_territories(struct hub_ctx *c, struct need *n)
{
	struct str_list l = { 0 };
	struct terr_walk w = { c->t, &l, c->e, 0 };
	uint8_t k[8];
	int rc;

	terr_add(&l, n->territory);
	store_be64(n->id, k);
	rc = store_ix_scan(c->t, IX_SUPPORT_NEED, k, 8, 0, 0, terr_support_cb,
	    &w, c->e);
	if (rc == 0)
		rc = w.rc;
	for (size_t i = 0; rc == 0 && i < n->merged_from.n; i++) {
		struct need m;
		if ((rc = hub_need_get(c->t, n->merged_from.v[i], &m,
		    c->e)) != 0)
			break;
		for (size_t j = 0; j < m.territories.n; j++)
			terr_add(&l, m.territories.v[j]);
		codec_free(RT_NEED, &m);
	}
	if (rc != 0) {
		str_list_free(&l);
		return rc;
	}
	str_list_free(&n->territories);
	n->territories = l;
	n->supports = store_ix_count(c->t, IX_SUPPORT_NEED, k, 8);
	return 0;
}

/* ---- add ---- */

/* An external id names one need: ERR_REFUSED "need #N has external id
 * X" when another need (not self) holds it already. */
static int
extid_free(struct hub_ctx *c, const char *xid, uint64_t self)
{
	struct u64_list ids = { 0 };
	int rc;

	if (xid == NULL || xid[0] == '\0')
		return 0;
	rc = hub_ix_ids(c->t, IX_NEED_EXTID, xid, strlen(xid), 2, &ids,
	    c->e);
	for (size_t i = 0; rc == 0 && i < ids.n; i++)
		if (ids.v[i] != self)
			rc = err_set(c->e, ERR_REFUSED, "need #%llu has "
			    "external id '%.60s' already",
			    (unsigned long long)ids.v[i], xid);
	u64_list_free(&ids);
	return rc;
}

int
hub_need_by_external_id(struct store_txn *t, const char *xid, uint64_t *id,
    struct err *e)
{
	struct u64_list ids = { 0 };
	int rc;

	*id = 0;
	if (xid == NULL || xid[0] == '\0')
		return 0;
	rc = hub_ix_ids(t, IX_NEED_EXTID, xid, strlen(xid), 1, &ids, e);
	if (rc == 0 && ids.n > 0)
		*id = ids.v[0];
	u64_list_free(&ids);
	return rc;
}

int
hub_need_add_in(struct hub_ctx *c, const struct need_input *in,
    uint64_t *id)
{
	struct cfg_canon k;
	struct need n;
	char round[16];
	int rc;

	if ((rc = hub_need_input_check(in, 1, c->e)) != 0)
		return rc;
	if ((rc = hub_require(c, NEED_WRITERS, "add a need")) != 0)
		return rc;
	if (c->who->id == 0)
		return err_set(c->e, ERR_REFUSED, "a need needs a reporter: "
		    "act as a member (--as LOGIN)");
	if ((rc = cfg_check(c, in, NULL, &k)) != 0)
		return rc;
	if ((rc = extid_free(c, in->external_id, 0)) != 0)
		return rc;
	memset(&n, 0, sizeof n);
	if ((rc = store_next_id(c->t, RT_NEED, &n.id, c->e)) != 0)
		return rc;
	n.created = in->created ? in->created : util_now();
	n.updated = n.created;
	if (in->round != NULL)
		snprintf(round, sizeof round, "%s", in->round);
	else
		util_round_of(n.created, round, sizeof round);
	n.title = (char *)in->title;
	n.description = (char *)or_null(in->description);
	n.territory = (char *)canon(in->territory, k.territory);
	n.category = (char *)or_null(canon(in->category, k.category));
	n.public_ = (char *)or_null(canon(in->public_, k.public_));
	n.source = (char *)or_null(canon(in->source, k.source));
	n.round = round;
	n.insee = (char *)or_null(in->insee);
	n.external_id = (char *)or_null(in->external_id);
	n.reporter = c->who->id;
	n.status = NEED_REPORTED;
	n.territories.v = &n.territory;
	n.territories.n = 1;
	rc = store_put(c->t, RT_NEED, n.id, &n, c->e);
	if (rc == 0 && id != NULL)
		*id = n.id;
	return rc;
}

struct need_arg {
	const struct need_input *in;
	uint64_t id, into, out;
	const char *territory, *note, *text;
	int status;
};

static int
op_need_add(struct hub_ctx *c, void *argp)
{
	struct need_arg *a = argp;

	return hub_need_add_in(c, a->in, &a->out);
}

/* Group commit (hub-batch.c): a need to add, as a request. */
static void
need_add_enc(const void *argp, struct bq_enc *pk)
{
	const struct need_input *in = ((const struct need_arg *)argp)->in;

	bq_array(pk, 10);
	bq_str(pk, in->title);
	bq_str(pk, in->description);
	bq_str(pk, in->territory);
	bq_str(pk, in->category);
	bq_str(pk, in->public_);
	bq_str(pk, in->source);
	bq_str(pk, in->round);
	bq_str(pk, in->insee);
	bq_str(pk, in->external_id);
	bq_i64(pk, in->created);
}

static int
need_add_dec(struct bq_dec *d, void *argp)
{
	struct need_arg *a = argp;
	struct need_input *in = bd_alloc(d, sizeof *in);

	in->title = bd_str(d);
	in->description = bd_str(d);
	in->territory = bd_str(d);
	in->category = bd_str(d);
	in->public_ = bd_str(d);
	in->source = bd_str(d);
	in->round = bd_str(d);
	in->insee = bd_str(d);
	in->external_id = bd_str(d);
	in->created = bd_i64(d);
	a->in = in;
	return 0;
}

static void
need_out_get(const void *argp, uint64_t out[SQ_OUT])
{
	out[0] = ((const struct need_arg *)argp)->out;
}

static void
need_out_put(void *argp, const uint64_t out[SQ_OUT])
{
	((struct need_arg *)argp)->out = out[0];
}

const struct hub_bop hub_bop_need_add = {
	BOP_NEED_ADD, op_need_add, sizeof(struct need_arg), need_add_enc,
	need_add_dec, need_out_get, need_out_put
};

int
hub_need_add(struct hub *h, struct actor *who, const struct need_input *in,
    uint64_t *id, struct err *e)
{
	struct need_arg a = { .in = in };

	if (hub_need_input_check(in, 1, e) != 0)
		return e->code;
	if (hub_run_batch(h, who, &hub_bop_need_add, "need.add", in->title,
	    &a, e) != 0)
		return e->code;
	if (id != NULL)
		*id = a.out;
	return 0;
}

/* ---- edit ---- */

static int
need_load(struct hub_ctx *c, uint64_t id, struct need *n)
{
	return hub_need_get(c->t, id, n, c->e);
}

/* The journal keeps a pointer to the summary: s belongs to the caller, and
 * summary_done() drops it once the records are written, so a batch of
 * operations in one transaction never journals a dead buffer. */
static void
summary_done(struct hub_ctx *c)
{
	hub_set_summary(c, NULL);
}

static void
summary_of(struct hub_ctx *c, const char *what, const struct need *n,
    char *s, size_t len)
{
	snprintf(s, len, "%s #%llu %.200s", what,
	    (unsigned long long)n->id, n->title ? n->title : "");
	hub_set_summary(c, s);
}

int
hub_need_edit_in(struct hub_ctx *c, uint64_t id, const struct need_input *in)
{
	struct cfg_canon k;
	char sum[300];
	struct need n;
	int rc;

	if ((rc = hub_need_input_check(in, 0, c->e)) != 0)
		return rc;
	if ((rc = need_load(c, id, &n)) != 0)
		return rc;
	if (n.reporter != c->who->id || c->who->id == 0 ||
	    !(c->who->roles & NEED_WRITERS)) {
		if ((rc = hub_require(c, NEED_MODERATORS, "edit another "
		    "member's need")) != 0)
			goto out;
	}
	if (n.status == NEED_MERGED) {
		rc = err_set(c->e, ERR_REFUSED, "need #%llu is merged into "
		    "#%llu: edit that one", (unsigned long long)id,
		    (unsigned long long)n.merged_into);
		goto out;
	}
	if ((rc = cfg_check(c, in, NULL, &k)) != 0)
		goto out;
	if (in->title != NULL)
		str_replace(&n.title, in->title);
	if (in->description != NULL)
		str_replace(&n.description, or_null(in->description));
	if (in->category != NULL)
		str_replace(&n.category, or_null(canon(in->category,
		    k.category)));
	if (in->public_ != NULL)
		str_replace(&n.public_, or_null(canon(in->public_,
		    k.public_)));
	if (in->source != NULL)
		str_replace(&n.source, or_null(canon(in->source, k.source)));
	if (in->round != NULL)
		str_replace(&n.round, in->round);
	if (in->insee != NULL)
		str_replace(&n.insee, or_null(in->insee));
	if (in->external_id != NULL) {
		if ((rc = extid_free(c, in->external_id, n.id)) != 0)
			goto out;
		str_replace(&n.external_id, or_null(in->external_id));
	}
	if (in->territory != NULL) {
		str_replace(&n.territory, k.territory);
		if ((rc = need_territories(c, &n)) != 0)
			goto out;
	}
	n.updated = util_now();
	summary_of(c, "edit", &n, sum, sizeof sum);
	rc = store_put(c->t, RT_NEED, n.id, &n, c->e);
	summary_done(c);
out:
	codec_free(RT_NEED, &n);
	return rc;
}

static int
op_need_edit(struct hub_ctx *c, void *argp)
{
	struct need_arg *a = argp;

	return hub_need_edit_in(c, a->id, a->in);
}

int
hub_need_edit(struct hub *h, struct actor *who, uint64_t id,
    const struct need_input *in, struct err *e)
{
	struct need_arg a = { .in = in, .id = id };

	if (hub_need_input_check(in, 0, e) != 0)
		return e->code;
	if (in->title == NULL && in->description == NULL &&
	    in->territory == NULL && in->category == NULL &&
	    in->public_ == NULL && in->source == NULL && in->round == NULL &&
	    in->insee == NULL && in->external_id == NULL)
		return err_set(e, ERR_USAGE, "nothing to change");
	return hub_run(h, who, "need.edit", NULL, op_need_edit, &a, e);
}

/* ---- support ---- */

static int
need_live(struct hub_ctx *c, const struct need *n, const char *what)
{
	if (n->status == NEED_MERGED)
		/* what: the whole sentence (a N_() literal). */
		return err_set(c->e, ERR_REFUSED, what,
		    (unsigned long long)n->id,
		    (unsigned long long)n->merged_into);
	if (n->status == NEED_ARCHIVED)
		return err_set(c->e, ERR_REFUSED, "need #%llu is archived",
		    (unsigned long long)n->id);
	return 0;
}

/* Write one support of need n by member (no checks of roles): shared by
 * `need support` and by merging, which carries supporters over. */
static int
support_write(struct hub_ctx *c, struct need *n, uint64_t member,
    const char *territory, const char *note, int64_t when, uint64_t *sid)
{
	struct support s;
	uint8_t k[16];
	uint64_t old;
	int rc;

	store_be64(n->id, k);
	store_be64(member, k + 8);
	rc = store_ix_get(c->t, IX_SUPPORT_KEY, k, 16, &old, c->e);
	if (rc == 0)
		return err_set(c->e, ERR_REFUSED, "this member already "
		    "supports need #%llu", (unsigned long long)n->id);
	if (rc != ERR_NOTFOUND)
		return rc;
	err_clear(c->e);
	memset(&s, 0, sizeof s);
	if ((rc = store_next_id(c->t, RT_SUPPORT, &s.id, c->e)) != 0)
		return rc;
	s.need = n->id;
	s.member = member;
	s.territory = (char *)territory;
	s.note = (char *)or_null(note);
	s.created = when ? when : util_now();
	if ((rc = store_put(c->t, RT_SUPPORT, s.id, &s, c->e)) != 0)
		return rc;
	if (sid != NULL)
		*sid = s.id;
	return 0;
}

int
hub_need_support_in(struct hub_ctx *c, uint64_t id, const char *territory,
    const char *note, int64_t when, uint64_t *sid)
{
	struct cfg_canon k;
	char sum[300];
	struct need n;
	struct member m;
	const char *terr;
	int rc;

	if (text_check("territory", territory, MAX_SHORT, 0, c->e) != 0 ||
	    text_check("note", note, MAX_REASON, 1, c->e) != 0)
		return c->e->code;
	if ((rc = hub_require(c, NEED_WRITERS, "support a need")) != 0)
		return rc;
	if (c->who->id == 0)
		return err_set(c->e, ERR_REFUSED, "a support is a member's: "
		    "act as a member (--as LOGIN)");
	if ((rc = need_load(c, id, &n)) != 0)
		return rc;
	memset(&m, 0, sizeof m);
	if ((rc = need_live(c, &n, N_("need #%llu is merged into #%llu: "
	    "support that one"))) != 0)
		goto out;
	if (n.reporter == c->who->id) {
		rc = err_set(c->e, ERR_REFUSED, "you reported need #%llu: "
		    "you may not support it too", (unsigned long long)id);
		goto out;
	}
	if ((rc = store_get(c->t, RT_MEMBER, c->who->id, &m, c->e)) != 0)
		goto out;
	terr = or_null(territory) ? territory : m.territory;
	if (terr == NULL) {
		rc = err_set(c->e, ERR_REFUSED, "'%s' has no territory: say "
		    "where it was seen (--territory)", c->who->login);
		goto out;
	}
	if ((rc = cfg_check(c, NULL, terr, &k)) != 0)
		goto out;
	terr = k.support;
	if ((rc = support_write(c, &n, c->who->id, terr, note, when,
	    sid)) != 0)
		goto out;
	if ((rc = need_territories(c, &n)) != 0)
		goto out;
	n.updated = when ? when : util_now();
	summary_of(c, "support", &n, sum, sizeof sum);
	rc = store_put(c->t, RT_NEED, n.id, &n, c->e);
	summary_done(c);
out:
	codec_free(RT_MEMBER, &m);
	codec_free(RT_NEED, &n);
	return rc;
}

static int
op_need_support(struct hub_ctx *c, void *argp)
{
	struct need_arg *a = argp;

	return hub_need_support_in(c, a->id, a->territory, a->note, 0,
	    &a->out);
}

static void
need_support_enc(const void *argp, struct bq_enc *pk)
{
	const struct need_arg *a = argp;

	bq_array(pk, 3);
	bq_u64(pk, a->id);
	bq_str(pk, a->territory);
	bq_str(pk, a->note);
}

static int
need_support_dec(struct bq_dec *d, void *argp)
{
	struct need_arg *a = argp;

	a->id = bd_u64(d);
	a->territory = bd_str(d);
	a->note = bd_str(d);
	return 0;
}

const struct hub_bop hub_bop_need_support = {
	BOP_NEED_SUPPORT, op_need_support, sizeof(struct need_arg),
	need_support_enc, need_support_dec, need_out_get, need_out_put
};

int
hub_need_support(struct hub *h, struct actor *who, uint64_t id,
    const char *territory, const char *note, uint64_t *sid, struct err *e)
{
	struct need_arg a = { .id = id, .territory = territory, .note = note };

	if (text_check("territory", territory, MAX_SHORT, 0, e) != 0 ||
	    text_check("note", note, MAX_REASON, 1, e) != 0)
		return e->code;
	if (hub_run_batch(h, who, &hub_bop_need_support, "need.support",
	    NULL, &a, e) != 0)
		return e->code;
	if (sid != NULL)
		*sid = a.out;
	return 0;
}

/* ---- good practices ---- */

int
hub_need_practice_in(struct hub_ctx *c, uint64_t id, const char *text)
{
	char sum[300];
	struct need n;
	int rc;

	if (text_check("practice", text, MAX_REASON, 1, c->e) != 0)
		return c->e->code;
	if (text == NULL || text[0] == '\0')
		return err_set(c->e, ERR_USAGE, "a good practice needs a text "
		    "or a link (--text)");
	if ((rc = hub_require(c, NEED_WRITERS, "link a good practice")) != 0)
		return rc;
	if ((rc = need_load(c, id, &n)) != 0)
		return rc;
	if (n.status == NEED_MERGED)
		rc = need_live(c, &n,
		    N_("need #%llu is merged into #%llu: link practices to "
		    "that one"));
	else if (n.practices.n >= MAX_PRACTICES)
		rc = err_set(c->e, ERR_REFUSED, "need #%llu has %d good "
		    "practices already", (unsigned long long)id,
		    MAX_PRACTICES);
	if (rc == 0) {
		str_list_push(&n.practices, text);
		n.updated = util_now();
		summary_of(c, "practice", &n, sum, sizeof sum);
		rc = store_put(c->t, RT_NEED, n.id, &n, c->e);
		summary_done(c);
	}
	codec_free(RT_NEED, &n);
	return rc;
}

static int
op_need_practice(struct hub_ctx *c, void *argp)
{
	struct need_arg *a = argp;

	return hub_need_practice_in(c, a->id, a->text);
}

int
hub_need_practice(struct hub *h, struct actor *who, uint64_t id,
    const char *text, struct err *e)
{
	struct need_arg a = { .id = id, .text = text };

	if (text_check("practice", text, MAX_REASON, 1, e) != 0)
		return e->code;
	if (text == NULL || text[0] == '\0')
		return err_set(e, ERR_USAGE, "a good practice needs a text "
		    "or a link (--text)");
	return hub_run(h, who, "need.practice", NULL, op_need_practice, &a,
	    e);
}

/* ---- status ---- */

/* A step off the path, refused in one line that names where the need
 * may go next (the path: one step at a time, or archived). */
static int
refuse_step(struct hub_ctx *c, const struct need *n, int to)
{
	char next[200] = "";
	size_t k = 0;
	int from = (int)n->status;

	if (from == to)
		return err_set(c->e, ERR_REFUSED, "need #%llu is already %s",
		    (unsigned long long)n->id, hub_need_status_label(from));
	for (int s = 0; s < NEED__COUNT; s++) {
		if (s == NEED_ARCHIVED || !model_need_transition_ok(from, s))
			continue;
		k += (size_t)snprintf(next + k, k < sizeof next ?
		    sizeof next - k : 0, "%s%s", k ? _(" or ") : "",
		    hub_need_status_label(s));
	}
	if (from == NEED_ARCHIVED)
		return err_set(c->e, ERR_REFUSED, "need #%llu is %s: next is "
		    "%s", (unsigned long long)n->id,
		    hub_need_status_label(from), next);
	return err_set(c->e, ERR_REFUSED, "need #%llu is %s: next is %s, or "
	    "%s", (unsigned long long)n->id, hub_need_status_label(from), next,
	    hub_need_status_label(NEED_ARCHIVED));
}

int
hub_need_status_in(struct hub_ctx *c, uint64_t id, int status)
{
	struct need n;
	int rc;

	if ((rc = hub_require(c, NEED_MODERATORS, "change a need's "
	    "status")) != 0)
		return rc;
	if (status == NEED_MERGED)
		return err_set(c->e, ERR_REFUSED, "a need becomes merged only "
		    "by merging it into another");
	if ((rc = need_load(c, id, &n)) != 0)
		return rc;
	if (!model_need_transition_ok((int)n.status, status))
		rc = refuse_step(c, &n, status);
	else {
		char s[300];
		snprintf(s, sizeof s, "#%llu %s -> %s",
		    (unsigned long long)id,
		    model_need_status_name((int)n.status),
		    model_need_status_name(status));
		hub_set_summary(c, s);
		n.status = (uint64_t)status;
		n.updated = util_now();
		rc = store_put(c->t, RT_NEED, n.id, &n, c->e);
		summary_done(c);
	}
	codec_free(RT_NEED, &n);
	return rc;
}

static int
op_need_status(struct hub_ctx *c, void *argp)
{
	struct need_arg *a = argp;

	return hub_need_status_in(c, a->id, a->status);
}

int
hub_need_set_status(struct hub *h, struct actor *who, uint64_t id,
    int status, struct err *e)
{
	struct need_arg a = { .id = id, .status = status };

	if (status < 0 || status >= NEED__COUNT)
		return err_set(e, ERR_USAGE, "unknown status");
	return hub_run(h, who, "need.status", NULL, op_need_status, &a, e);
}

/* ---- merge ---- */

struct carry {
	struct hub_ctx *c;
	struct need *into;
	int rc;
};

/* Carry one supporter of the merged need over to the survivor, unless
 * they reported the survivor or support it already. */
static int
carry_cb(uint64_t sid, void *arg)
{
	struct carry *w = arg;
	struct support s;
	uint8_t k[16];
	uint64_t old;
	char note[80];

	if ((w->rc = store_get(w->c->t, RT_SUPPORT, sid, &s, w->c->e)) != 0)
		return 1;
	store_be64(w->into->id, k);
	store_be64(s.member, k + 8);
	if (s.member != w->into->reporter) {
		int rc = store_ix_get(w->c->t, IX_SUPPORT_KEY, k, 16, &old,
		    w->c->e);
		if (rc == ERR_NOTFOUND || rc == 0)
			err_clear(w->c->e);
		if (rc == ERR_NOTFOUND) {
			snprintf(note, sizeof note, "merged from #%llu",
			    (unsigned long long)s.need);
			w->rc = support_write(w->c, w->into, s.member,
			    s.territory, s.note ? s.note : note, s.created,
			    NULL);
		} else if (rc != 0)
			w->rc = rc;
	}
	codec_free(RT_SUPPORT, &s);
	return w->rc != 0;
}

int
hub_need_merge_in(struct hub_ctx *c, uint64_t id, uint64_t into)
{
	struct need a, b;
	struct carry w;
	uint8_t k[8];
	uint8_t sk[16];
	uint64_t old;
	char s[300];
	int rc;

	if ((rc = hub_require(c, NEED_MODERATORS, "merge needs")) != 0)
		return rc;
	if (id == into)
		return err_set(c->e, ERR_REFUSED, "a need cannot be merged "
		    "into itself");
	if ((rc = need_load(c, id, &a)) != 0)
		return rc;
	if ((rc = need_load(c, into, &b)) != 0) {
		codec_free(RT_NEED, &a);
		return rc;
	}
	if (a.status == NEED_MERGED)
		rc = err_set(c->e, ERR_REFUSED, "need #%llu is already merged "
		    "into #%llu", (unsigned long long)id,
		    (unsigned long long)a.merged_into);
	else if (b.status == NEED_MERGED)
		rc = err_set(c->e, ERR_REFUSED, "need #%llu is merged into "
		    "#%llu: merge into that one", (unsigned long long)into,
		    (unsigned long long)b.merged_into);
	else if (b.status == NEED_ARCHIVED)
		rc = err_set(c->e, ERR_REFUSED, "need #%llu is archived: "
		    "reopen it before merging into it",
		    (unsigned long long)into);
	else if (a.merged_from.n > 0)
		/* Merged links stay one step long: A -> B -> C is refused. */
		rc = err_set(c->e, ERR_REFUSED, "need #%llu already holds "
		    "merged needs: merge #%llu into #%llu instead",
		    (unsigned long long)id, (unsigned long long)into,
		    (unsigned long long)id);
	if (rc != 0)
		goto out;
	/* The reporter of the duplicate saw the need too. */
	store_be64(b.id, sk);
	store_be64(a.reporter, sk + 8);
	if (a.reporter != 0 && a.reporter != b.reporter &&
	    store_ix_get(c->t, IX_SUPPORT_KEY, sk, 16, &old, c->e) ==
	    ERR_NOTFOUND) {
		snprintf(s, sizeof s, "reported as #%llu",
		    (unsigned long long)a.id);
		if ((rc = support_write(c, &b, a.reporter, a.territory, s,
		    a.created, NULL)) != 0)
			goto out;
	}
	err_clear(c->e);
	w.c = c;
	w.into = &b;
	w.rc = 0;
	store_be64(a.id, k);
	if ((rc = store_ix_scan(c->t, IX_SUPPORT_NEED, k, 8, 0, 0, carry_cb,
	    &w, c->e)) != 0 || (rc = w.rc) != 0)
		goto out;
	u64_list_push(&b.merged_from, a.id);
	if ((rc = need_territories(c, &b)) != 0)
		goto out;
	for (size_t i = 0; i < a.territories.n; i++)
		terr_add(&b.territories, a.territories.v[i]);
	a.status = NEED_MERGED;
	a.merged_into = b.id;
	a.updated = b.updated = util_now();
	snprintf(s, sizeof s, "#%llu into #%llu", (unsigned long long)id,
	    (unsigned long long)into);
	hub_set_summary(c, s);
	if ((rc = store_put(c->t, RT_NEED, a.id, &a, c->e)) == 0)
		rc = store_put(c->t, RT_NEED, b.id, &b, c->e);
	summary_done(c);
out:
	codec_free(RT_NEED, &a);
	codec_free(RT_NEED, &b);
	return rc;
}

static int
op_need_merge(struct hub_ctx *c, void *argp)
{
	struct need_arg *a = argp;

	return hub_need_merge_in(c, a->id, a->into);
}

int
hub_need_merge(struct hub *h, struct actor *who, uint64_t id, uint64_t into,
    struct err *e)
{
	struct need_arg a = { .id = id, .into = into };

	return hub_run(h, who, "need.merge", NULL, op_need_merge, &a, e);
}

/* ---- reading supports ---- */

struct sup_walk {
	struct store_txn *t;
	hub_support_cb cb;
	void *arg;
	struct err *e;
	int rc;
};

static int
sup_cb(uint64_t sid, void *arg)
{
	struct sup_walk *w = arg;
	struct support s;
	int stop;

	if ((w->rc = store_get(w->t, RT_SUPPORT, sid, &s, w->e)) != 0)
		return 1;
	stop = w->cb(w->t, &s, w->arg);
	codec_free(RT_SUPPORT, &s);
	return stop;
}

int
hub_need_supports(struct store_txn *t, uint64_t id, hub_support_cb cb,
    void *arg, struct err *e)
{
	struct sup_walk w = { t, cb, arg, e, 0 };
	uint8_t k[8];
	int rc;

	store_be64(id, k);
	rc = store_ix_scan(t, IX_SUPPORT_NEED, k, 8, 0, 0, sup_cb, &w, e);
	return rc != 0 ? rc : w.rc;
}

/* ---- listing ---- */

static const char *sort_names[NEED_SORT__COUNT] = {
	"newest", "support", "territories"
};

int
hub_need_sort_parse(const char *s)
{
	for (int i = 0; i < NEED_SORT__COUNT; i++)
		if (strcmp(sort_names[i], s) == 0)
			return i;
	return -1;
}

const char *
hub_need_sort_name(int sort)
{
	return sort >= 0 && sort < NEED_SORT__COUNT ? sort_names[sort] : "?";
}

void
hub_need_filter_init(struct need_filter *f)
{
	memset(f, 0, sizeof *f);
	f->status = -1;
}

static int
str_eq(const char *a, const char *b)
{
	return a != NULL && strcmp(a, b) == 0;
}

int
hub_need_match(const struct need *n, const struct need_filter *f)
{
	if (f->status >= 0 && n->status != (uint64_t)f->status)
		return 0;
	if (f->territory != NULL && !str_eq(n->territory, f->territory))
		return 0;
	if (f->category != NULL && !str_eq(n->category, f->category))
		return 0;
	if (f->public_ != NULL && !str_eq(n->public_, f->public_))
		return 0;
	if (f->round != NULL && !str_eq(n->round, f->round))
		return 0;
	return 1;
}

/* The cursor names the sort and the last key shown: "n.ID" for newest,
 * "s.SUPPORTS.ID" and "t.TERRITORIES.ID" for the two sort indexes. */
static const char cursor_tag[NEED_SORT__COUNT] = { 'n', 's', 't' };

static void
cursor_fmt(int sort, const struct need *n, char *out, size_t len)
{
	if (sort == NEED_SORT_NEWEST)
		snprintf(out, len, "n.%llu", (unsigned long long)n->id);
	else
		snprintf(out, len, "%c.%llu.%llu", cursor_tag[sort],
		    (unsigned long long)(sort == NEED_SORT_SUPPORT ?
		    n->supports : (uint64_t)n->territories.n),
		    (unsigned long long)n->id);
}

static int
cursor_parse(int sort, const char *s, uint64_t *k, uint64_t *id,
    struct err *e)
{
	char buf[HUB_CURSOR_MAX], *dot;

	if (strlen(s) >= sizeof buf || s[0] == '\0' || s[1] != '.')
		goto bad;
	if (s[0] != cursor_tag[sort])
		return err_set(e, ERR_USAGE, "this cursor belongs to another "
		    "sort than '%s'", sort_names[sort]);
	snprintf(buf, sizeof buf, "%s", s + 2);
	*k = 0;
	if (sort != NEED_SORT_NEWEST) {
		if ((dot = strchr(buf, '.')) == NULL)
			goto bad;
		*dot = '\0';
		if (util_parse_u64(buf, k) != 0)
			goto bad;
		memmove(buf, dot + 1, strlen(dot + 1) + 1);
	}
	if (util_parse_u64(buf, id) != 0 || *id == 0)
		goto bad;
	return 0;
bad:
	return err_set(e, ERR_USAGE, "'%.40s' is not a cursor of 'need list'",
	    s);
}

struct walk {
	struct store_txn *t;
	const struct need_filter *f;
	int sort;
	size_t limit, count;
	hub_need_cb cb;
	hub_need_row_cb rcb;	/* hub_need_rows: rows read in place */
	uint64_t row_id, row_key;	/* its last row, for the cursor */
	void *arg;
	char *next;
	struct err *e;
	int rc;
	int more;
	uint8_t skip[16];	/* the cursor's own key, excluded */
	int has_skip;
};

static int
strv_eq(struct hub_strv v, const char *s)
{
	size_t n = strlen(s);

	return v.p != NULL && v.n == n && memcmp(v.p, s, n) == 0;
}

/* The fields a list line shows or filters on. */
#define ROW_FIELDS ((1u << 1) | (1u << 3) | (1u << 4) | (1u << 5) | \
	(1u << 7) | (1u << 8) | (1u << 9) | (1u << 10) | (1u << 11) | \
	(1u << 12) | (1u << 14) | (1u << 15))

/* hub_need_rows' walk_one: read the shown fields in place, filter,
 * deliver. */
static int
walk_row(struct walk *w, uint64_t id, const void *data, size_t len)
{
	const struct need_filter *f = w->f;
	struct codec_view v;
	struct need_row r;
	int stop = 0;

	if (data == NULL && (w->rc = store_get_raw(w->t, RT_NEED, id, &data,
	    &len, w->e)) != 0)
		return 1;
	if ((w->rc = codec_view(RT_NEED, data, len, ROW_FIELDS, &v,
	    w->e)) != 0) {
		size_t n = strlen(w->e->msg);
		snprintf(w->e->msg + n, sizeof w->e->msg - n, " (#%llu)",
		    (unsigned long long)id);
		return 1;
	}
	memset(&r, 0, sizeof r);
	r.id = id;
	r.title.p = v.f[1].p, r.title.n = v.f[1].n;
	r.territory.p = v.f[3].p, r.territory.n = v.f[3].n;
	r.category.p = v.f[4].p, r.category.n = v.f[4].n;
	r.public_.p = v.f[5].p, r.public_.n = v.f[5].n;
	r.reporter = v.f[7].u;
	r.round.p = v.f[8].p, r.round.n = v.f[8].n;
	r.created = (int64_t)v.f[9].u;
	r.updated = (int64_t)v.f[10].u;
	r.status = v.f[11].u;
	r.merged_into = v.f[12].u;
	r.territories = v.f[14].u;
	r.supports = v.f[15].u;
	if ((f->status >= 0 && r.status != (uint64_t)f->status) ||
	    (f->territory != NULL && !strv_eq(r.territory, f->territory)) ||
	    (f->category != NULL && !strv_eq(r.category, f->category)) ||
	    (f->public_ != NULL && !strv_eq(r.public_, f->public_)) ||
	    (f->round != NULL && !strv_eq(r.round, f->round)))
		return 0;
	if (w->limit != 0 && w->count == w->limit) {
		w->more = 1;	/* one match beyond the page */
		return 1;
	}
	w->count++;
	/* The cursor is formatted once, at the end (need_walk). */
	w->row_id = id;
	w->row_key = w->sort == NEED_SORT_SUPPORT ? r.supports :
	    r.territories;
	stop = w->rcb(w->t, &r, w->arg);
	if (stop)
		w->row_id = 0, w->more = 0;
	return stop;
}

/* One candidate id: decode, filter, deliver. Returns non-zero to stop. */
static int
walk_one(struct walk *w, uint64_t id, const void *data, size_t len)
{
	struct need n;
	int stop = 0;

	if (w->rcb != NULL)
		return walk_row(w, id, data, len);
	if (data != NULL) {
		if ((w->rc = codec_decode(RT_NEED, data, len, &n, w->e)) != 0)
			return 1;
		n.id = id;
	} else if ((w->rc = store_get(w->t, RT_NEED, id, &n, w->e)) != 0)
		return 1;
	if (hub_need_match(&n, w->f)) {
		if (w->limit != 0 && w->count == w->limit) {
			/* One match beyond the page: there is a next one. */
			w->more = 1;
			stop = 1;
		} else {
			w->count++;
			cursor_fmt(w->sort, &n, w->next, HUB_CURSOR_MAX);
			stop = w->cb(w->t, &n, w->arg);
			if (stop)
				w->next[0] = '\0', w->more = 0;
		}
	}
	codec_free(RT_NEED, &n);
	return stop;
}

static int
walk_rec_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	return walk_one(arg, id, data, len);
}

static int
walk_id_cb(uint64_t id, void *arg)
{
	return walk_one(arg, id, NULL, 0);
}

static int
walk_key_cb(const void *key, size_t klen, uint64_t id, void *arg)
{
	struct walk *w = arg;

	if (w->has_skip && klen == 16 && memcmp(key, w->skip, 16) == 0)
		return 0;
	return walk_one(w, id, NULL, 0);
}

/* The smallest of the status, territory and category index entries the
 * filter names: 0 and its count, or -1 when the filter names none. */
struct pick {
	int ix;
	const void *k;
	size_t kl;
	uint64_t count;
	uint8_t st;
};

static int
pick_index(struct walk *w, struct pick *p)
{
	struct pick cand[5];
	size_t nc = 0;

	memset(cand, 0, sizeof cand);
	if (w->f->status >= 0) {
		cand[nc].st = (uint8_t)w->f->status;
		cand[nc].ix = IX_NEED_STATUS;
		cand[nc++].kl = 1;
	}
	if (w->f->territory != NULL && w->f->territory[0] != '\0') {
		cand[nc].ix = IX_NEED_TERRITORY;
		cand[nc].k = w->f->territory;
		cand[nc++].kl = strlen(w->f->territory);
	}
	if (w->f->category != NULL && w->f->category[0] != '\0') {
		cand[nc].ix = IX_NEED_CATEGORY;
		cand[nc].k = w->f->category;
		cand[nc++].kl = strlen(w->f->category);
	}
	if (w->f->round != NULL && w->f->round[0] != '\0') {
		cand[nc].ix = IX_NEED_ROUND;
		cand[nc].k = w->f->round;
		cand[nc++].kl = strlen(w->f->round);
	}
	if (w->f->public_ != NULL && w->f->public_[0] != '\0') {
		cand[nc].ix = IX_NEED_PUBLIC;
		cand[nc].k = w->f->public_;
		cand[nc++].kl = strlen(w->f->public_);
	}
	if (nc == 0)
		return -1;
	p->count = UINT64_MAX;
	for (size_t i = 0; i < nc; i++) {
		/* No index key is that long: nothing can match. */
		cand[i].count = cand[i].kl > 255 ? 0 : store_ix_count(w->t,
		    cand[i].ix, cand[i].ix == IX_NEED_STATUS ? &cand[i].st :
		    cand[i].k, cand[i].kl);
		if (cand[i].count < p->count) {
			p->ix = cand[i].ix;
			p->k = cand[i].k;
			p->kl = cand[i].kl;
			p->count = cand[i].count;
			p->st = cand[i].st;
		}
	}
	if (p->ix == IX_NEED_STATUS)
		p->k = &p->st;
	return 0;
}

/* Newest first: walk the smallest index entry the filter names, newest
 * first, else every need by id. */
static int
walk_newest(struct walk *w, uint64_t after)
{
	struct pick p;
	uint64_t start = 0;

	if (after == 1)
		return 0;
	if (after > 1)
		start = after - 1;
	if (pick_index(w, &p) < 0)
		return store_scan(w->t, RT_NEED, start, 1, walk_rec_cb, w,
		    w->e);
	if (p.count == 0)
		return 0;
	return store_ix_scan(w->t, p.ix, p.k, p.kl, start, 1, walk_id_cb, w,
	    w->e);
}

/* A sort over a small filtered set: walking the whole sort index for a
 * few matches would cost a decode per need in the database, so when the
 * filter's smallest index entry holds at most SMALL_SET ids, their sort
 * keys are gathered (16 bytes each), sorted, and the page read from that. */
#define SMALL_SET 32768	/* 512 KB of keys at most */

/* CERCLE_LIST_SMALL overrides the threshold so tests reach both paths. */
static uint64_t
small_set(void)
{
	const char *v = getenv("CERCLE_LIST_SMALL");
	uint64_t n;

	if (v != NULL && util_parse_u64(v, &n) == 0)
		return n;
	return SMALL_SET;
}

struct skey {
	uint64_t key, id;
};

struct small {
	struct walk *w;
	struct skey *v;
	size_t n, cap;
};

static int
small_cb(uint64_t id, void *arg)
{
	struct small *sm = arg;
	struct need n;

	if ((sm->w->rc = store_get(sm->w->t, RT_NEED, id, &n, sm->w->e)) != 0)
		return 1;
	if (hub_need_match(&n, sm->w->f) && sm->n < sm->cap) {
		sm->v[sm->n].key = sm->w->sort == NEED_SORT_SUPPORT ?
		    n.supports : (uint64_t)n.territories.n;
		sm->v[sm->n++].id = id;
	}
	codec_free(RT_NEED, &n);
	return 0;
}

static int
skey_cmp(const void *a, const void *b)
{
	const struct skey *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? 1 : -1;
	return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

static int
walk_small(struct walk *w, const struct pick *p, const struct skey *after)
{
	struct small sm = { w, NULL, 0, (size_t)p->count };
	int rc;

	sm.v = xcalloc(sm.cap ? sm.cap : 1, sizeof *sm.v);
	rc = store_ix_scan(w->t, p->ix, p->k, p->kl, 0, 0, small_cb, &sm,
	    w->e);
	if (rc == 0)
		rc = w->rc;
	if (rc == 0) {
		qsort(sm.v, sm.n, sizeof *sm.v, skey_cmp);
		for (size_t i = 0; i < sm.n; i++) {
			/* Skip up to and including the cursor's key. */
			if (after != NULL && skey_cmp(&sm.v[i], after) <= 0)
				continue;
			if (walk_one(w, sm.v[i].id, NULL, 0))
				break;
		}
		rc = w->rc;
	}
	free(sm.v);
	return rc;
}

/* A filter as people type it: a territory, category or public written
 * "alpes" or "Acces aux droits" lists the needs of the configured value
 * (hub_config_match); a value the configuration lacks is kept as is (it
 * matches nothing, or a value since removed from the configuration). */
static const struct need_filter *
filter_canon(struct store_txn *t, const struct need_filter *f,
    struct need_filter *copy, struct cfg_canon *k)
{
	struct config cfg;
	struct err e;
	const struct {
		const char **v;
		struct str_list *l;
		char *out;
	} fs[] = {
		{ &copy->territory, &cfg.territories, k->territory },
		{ &copy->category, &cfg.categories, k->category },
		{ &copy->public_, &cfg.publics, k->public_ },
	};

	if (f == NULL || (f->territory == NULL && f->category == NULL &&
	    f->public_ == NULL))
		return f;
	if (hub_config_get(t, &cfg, &e) != 0)
		return f;
	*copy = *f;
	for (size_t i = 0; i < sizeof fs / sizeof fs[0]; i++) {
		int m;
		if (*fs[i].v == NULL || (*fs[i].v)[0] == '\0' ||
		    (m = hub_config_match(fs[i].l, "value", *fs[i].v,
		    &e)) < 0)
			continue;
		snprintf(fs[i].out, MAX_SHORT + 1, "%s", fs[i].l->v[m]);
		*fs[i].v = fs[i].out;
	}
	codec_free(RT_CONFIG, &cfg);
	return copy;
}
static int need_walk(struct store_txn *, const struct need_filter *, int,
    const char *, size_t, hub_need_cb, hub_need_row_cb, void *,
    char [HUB_CURSOR_MAX], struct err *);

int
hub_need_list(struct store_txn *t, const struct need_filter *f, int sort,
    const char *after, size_t limit, hub_need_cb cb, void *arg,
    char next[HUB_CURSOR_MAX], struct err *e)
{
	return need_walk(t, f, sort, after, limit, cb, NULL, arg, next, e);
}

int
hub_need_rows(struct store_txn *t, const struct need_filter *f, int sort,
    const char *after, size_t limit, hub_need_row_cb cb, void *arg,
    char next[HUB_CURSOR_MAX], struct err *e)
{
	return need_walk(t, f, sort, after, limit, NULL, cb, arg, next, e);
}

static int
need_walk(struct store_txn *t, const struct need_filter *f, int sort,
    const char *after, size_t limit, hub_need_cb cb, hub_need_row_cb rcb,
    void *arg, char next[HUB_CURSOR_MAX], struct err *e)
{
	struct need_filter fc;
	struct cfg_canon kc;
	struct walk w;
	uint64_t k = 0, id = 0;
	char last[HUB_CURSOR_MAX] = "";
	int rc;

	if (sort < 0 || sort >= NEED_SORT__COUNT)
		return err_set(e, ERR_USAGE, "unknown sort");
	if (after != NULL && cursor_parse(sort, after, &k, &id, e) != 0)
		return e->code;
	memset(&w, 0, sizeof w);
	w.t = t;
	w.f = filter_canon(t, f, &fc, &kc);
	w.sort = sort;
	w.limit = limit;
	w.cb = cb;
	w.rcb = rcb;
	w.arg = arg;
	w.next = last;
	w.e = e;
	if (sort == NEED_SORT_NEWEST)
		rc = walk_newest(&w, id);
	else {
		int ix = sort == NEED_SORT_SUPPORT ? IX_NEED_SUPPORT :
		    IX_NEED_TERRS;
		struct pick p;
		struct skey ak = { k, id };

		if (after != NULL) {
			store_be64(k, w.skip);
			store_be64(id, w.skip + 8);
			w.has_skip = 1;
		}
		if (pick_index(&w, &p) == 0 && p.count <= small_set())
			rc = walk_small(&w, &p, after ? &ak : NULL);
		else
			rc = store_ix_walk(t, ix, after ? w.skip : NULL,
			    after ? 16 : 0, 1, walk_key_cb, &w, e);
	}
	if (rc == 0)
		rc = w.rc;
	if (rcb != NULL && w.row_id != 0) {
		if (sort == NEED_SORT_NEWEST)
			snprintf(last, sizeof last, "n.%llu",
			    (unsigned long long)w.row_id);
		else
			snprintf(last, sizeof last, "%c.%llu.%llu",
			    cursor_tag[sort], (unsigned long long)w.row_key,
			    (unsigned long long)w.row_id);
	}
	if (next != NULL)
		snprintf(next, HUB_CURSOR_MAX, "%s", rc == 0 && w.more ?
		    last : "");
	return rc;
}
