/* cli-need.c: commands for the needs queue, exports and the demo hub.
 * Bodies parse, call the hub, print; no rule lives here. */
#include "cli.h"
#include "codec.h"
#include "demo.h"

#include <stdlib.h>
#include <string.h>

static void
json_strs(struct buf *b, const struct str_list *l)
{
	buf_puts(b, "[");
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_puts(b, ",");
		json_str(b, l->v[i]);
	}
	buf_puts(b, "]");
}

static void
json_ids(struct buf *b, const struct u64_list *l)
{
	buf_puts(b, "[");
	for (size_t i = 0; i < l->n; i++)
		buf_printf(b, "%s%llu", i ? "," : "",
		    (unsigned long long)l->v[i]);
	buf_puts(b, "]");
}

/* Absent text is null in exports, not "": open data tells them apart. */
static void
json_opt_str(struct buf *b, const char *s)
{
	if (s != NULL)
		json_str(b, s);
	else
		buf_puts(b, "null");
}

static void
json_opt_id(struct buf *b, uint64_t id)
{
	if (id)
		buf_printf(b, "%llu", (unsigned long long)id);
	else
		buf_puts(b, "null");
}

/* ---- need input ---- */

static void
need_input_from(struct cli *c, struct need_input *in)
{
	memset(in, 0, sizeof *in);
	in->title = cli_opt(c, "title");
	in->description = cli_opt(c, "description");
	in->territory = cli_opt(c, "territory");
	in->category = cli_opt(c, "category");
	in->public_ = cli_opt(c, "public");
	in->source = cli_opt(c, "source");
	in->round = cli_opt(c, "round");
}

static int
need_as(struct cli *c, const char *what)
{
	if (!c->ssh && cli_opt(c, "as") == NULL)
		return cli_usage(c, "%s needs a member: --as LOGIN", what);
	return 0;
}

static int
c_need_add(struct cli *c)
{
	struct need_input in;
	uint64_t id;
	int rc;

	if ((rc = need_as(c, "a need")) != 0)
		return rc;
	need_input_from(c, &in);
	if (in.title == NULL)
		return cli_usage(c, "--title is required");
	if (in.territory == NULL)
		return cli_usage(c, "--territory is required");
	if (hub_need_add(c->h, &c->who, &in, &id, &c->e) != 0)
		return cli_fail(c);
	printf("%llu\n", (unsigned long long)id);
	return 0;
}

static int
c_need_edit(struct cli *c)
{
	struct need_input in;
	uint64_t id;
	int rc;

	if ((rc = cli_arg_id(c, 0, "ID", &id)) != 0)
		return rc;
	if ((rc = need_as(c, "an edit")) != 0)
		return rc;
	need_input_from(c, &in);
	if (hub_need_edit(c->h, &c->who, id, &in, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int
c_need_support(struct cli *c)
{
	uint64_t id, sid;
	int rc;

	if ((rc = cli_arg_id(c, 0, "ID", &id)) != 0)
		return rc;
	if ((rc = need_as(c, "a support")) != 0)
		return rc;
	if (hub_need_support(c->h, &c->who, id, cli_opt(c, "territory"),
	    cli_opt(c, "note"), &sid, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int
c_need_practice(struct cli *c)
{
	uint64_t id;
	int rc;

	if ((rc = cli_arg_id(c, 0, "ID", &id)) != 0)
		return rc;
	if ((rc = need_as(c, "a good practice")) != 0)
		return rc;
	if (cli_opt(c, "text") == NULL)
		return cli_usage(c, "--text is required");
	if (hub_need_practice(c->h, &c->who, id, cli_opt(c, "text"),
	    &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int
c_need_status(struct cli *c)
{
	uint64_t id;
	int rc, st;

	if ((rc = cli_arg_id(c, 0, "ID", &id)) != 0)
		return rc;
	if ((st = model_need_status_parse(c->argv[1])) < 0)
		return cli_usage(c, "unknown status '%.40s' (reported, "
		    "qualified, prioritised, in-switch, addressed, archived)",
		    c->argv[1]);
	if (hub_need_set_status(c->h, &c->who, id, st, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int
c_need_merge(struct cli *c)
{
	uint64_t id, into;
	int rc;

	if ((rc = cli_arg_id(c, 0, "ID", &id)) != 0 ||
	    (rc = cli_arg_id(c, 1, "INTO_ID", &into)) != 0)
		return rc;
	if (hub_need_merge(c->h, &c->who, id, into, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

/* ---- need records as JSON and CSV (the export field names) ---- */

struct sup_json {
	struct buf *b;
	size_t n;
};

static int
sup_json_cb(struct store_txn *t, const struct support *s, void *arg)
{
	struct sup_json *sj = arg;
	char login[64], iso[32];

	buf_printf(sj->b, "%s{\"id\":%llu,\"login\":", sj->n++ ? "," : "",
	    (unsigned long long)s->id);
	json_str(sj->b, hub_login_of(t, s->member, login, sizeof login));
	buf_puts(sj->b, ",\"territory\":");
	json_str(sj->b, s->territory);
	buf_puts(sj->b, ",\"note\":");
	json_opt_str(sj->b, s->note);
	buf_printf(sj->b, ",\"created\":\"%s\"}",
	    util_fmt_iso(s->created, iso, sizeof iso));
	return 0;
}

/* One need as a JSON object. Without personal, no reporter and no
 * supporters: the open-data form. */
static int
need_json(struct store_txn *t, struct buf *b, const struct need *n,
    int personal, struct err *e)
{
	char iso[32], login[64];

	buf_printf(b, "{\"id\":%llu,\"title\":", (unsigned long long)n->id);
	json_str(b, n->title);
	buf_puts(b, ",\"description\":");
	json_opt_str(b, n->description);
	buf_puts(b, ",\"territory\":");
	json_str(b, n->territory);
	buf_puts(b, ",\"category\":");
	json_opt_str(b, n->category);
	buf_puts(b, ",\"public\":");
	json_opt_str(b, n->public_);
	buf_puts(b, ",\"source\":");
	json_opt_str(b, n->source);
	buf_puts(b, ",\"round\":");
	json_opt_str(b, n->round);
	buf_printf(b, ",\"status\":\"%s\"",
	    model_need_status_name((int)n->status));
	buf_printf(b, ",\"created\":\"%s\"", util_fmt_iso(n->created, iso,
	    sizeof iso));
	buf_printf(b, ",\"updated\":\"%s\"", util_fmt_iso(n->updated, iso,
	    sizeof iso));
	buf_printf(b, ",\"supports\":%llu,\"territories\":",
	    (unsigned long long)n->supports);
	json_strs(b, &n->territories);
	buf_puts(b, ",\"practices\":");
	json_strs(b, &n->practices);
	buf_puts(b, ",\"merged_into\":");
	json_opt_id(b, n->merged_into);
	buf_puts(b, ",\"merged_from\":");
	json_ids(b, &n->merged_from);
	if (personal) {
		struct sup_json sj = { b, 0 };
		buf_puts(b, ",\"reporter\":");
		json_str(b, hub_login_of(t, n->reporter, login,
		    sizeof login));
		buf_puts(b, ",\"supporters\":[");
		if (hub_need_supports(t, n->id, sup_json_cb, &sj, e) != 0)
			return e->code;
		buf_puts(b, "]");
	}
	buf_puts(b, "}");
	return 0;
}

static const char need_csv_head[] = "id,title,description,territory,"
    "category,public,source,round,status,created,updated,supports,"
    "territories,practices,merged_into,merged_from";

static void
csv_join(struct buf *b, const struct str_list *l)
{
	struct buf t = { 0 };

	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_puts(&t, " | ");
		buf_puts(&t, l->v[i]);
	}
	csv_field(b, t.p ? t.p : "");
	buf_free(&t);
}

struct sup_csv {
	struct buf t;
};

static int
sup_csv_cb(struct store_txn *t, const struct support *s, void *arg)
{
	struct sup_csv *sc = arg;
	char login[64];

	if (sc->t.len)
		buf_puts(&sc->t, " | ");
	buf_printf(&sc->t, "%s (%s)", hub_login_of(t, s->member, login,
	    sizeof login), s->territory ? s->territory : "");
	return 0;
}

static int
need_csv(struct store_txn *t, struct buf *b, const struct need *n,
    int personal, struct err *e)
{
	char iso[32], login[64];

	buf_printf(b, "%llu,", (unsigned long long)n->id);
	csv_field(b, n->title ? n->title : "");
	buf_puts(b, ",");
	csv_field(b, n->description ? n->description : "");
	buf_puts(b, ",");
	csv_field(b, n->territory ? n->territory : "");
	buf_puts(b, ",");
	csv_field(b, n->category ? n->category : "");
	buf_puts(b, ",");
	csv_field(b, n->public_ ? n->public_ : "");
	buf_puts(b, ",");
	csv_field(b, n->source ? n->source : "");
	buf_puts(b, ",");
	csv_field(b, n->round ? n->round : "");
	buf_printf(b, ",%s,", model_need_status_name((int)n->status));
	buf_printf(b, "%s,", util_fmt_iso(n->created, iso, sizeof iso));
	buf_printf(b, "%s,", util_fmt_iso(n->updated, iso, sizeof iso));
	buf_printf(b, "%llu,", (unsigned long long)n->supports);
	csv_join(b, &n->territories);
	buf_puts(b, ",");
	csv_join(b, &n->practices);
	buf_puts(b, ",");
	if (n->merged_into)
		buf_printf(b, "%llu", (unsigned long long)n->merged_into);
	buf_puts(b, ",");
	for (size_t i = 0; i < n->merged_from.n; i++)
		buf_printf(b, "%s%llu", i ? " " : "",
		    (unsigned long long)n->merged_from.v[i]);
	if (personal) {
		struct sup_csv sc = { { 0 } };
		buf_puts(b, ",");
		csv_field(b, hub_login_of(t, n->reporter, login,
		    sizeof login));
		buf_puts(b, ",");
		if (hub_need_supports(t, n->id, sup_csv_cb, &sc, e) != 0) {
			buf_free(&sc.t);
			return e->code;
		}
		csv_field(b, sc.t.p ? sc.t.p : "");
		buf_free(&sc.t);
	}
	buf_puts(b, "\r\n");
	return 0;
}

/* ---- need list ---- */

struct lst {
	struct cli *c;
	struct buf b;
	size_t n;
	int csv, personal;
	struct err e;
	int rc;
};

/* Flush output in pieces so a long listing or export does not grow. */
static void
lst_flush(struct lst *l, int force)
{
	if (force || l->b.len > 65536) {
		cli_write(&l->b);
		l->b.len = 0;
		if (l->b.p)
			l->b.p[0] = '\0';
	}
}

static int
list_cb(struct store_txn *t, const struct need *n, void *arg)
{
	struct lst *l = arg;
	char num[32];

	if (l->c->json) {
		if (l->n)
			buf_puts(&l->b, ",");
		if ((l->rc = need_json(t, &l->b, n, l->personal, &l->e)) != 0)
			return 1;
	} else if (l->csv) {
		if ((l->rc = need_csv(t, &l->b, n, l->personal, &l->e)) != 0)
			return 1;
	} else {
		snprintf(num, sizeof num, "%llu", (unsigned long long)n->id);
		buf_printf(&l->b, "%6s  ", num);
		util_col(&l->b, model_need_status_name((int)n->status), 12);
		buf_printf(&l->b, "%4llu %2zu  ",
		    (unsigned long long)n->supports, n->territories.n);
		util_col(&l->b, n->territory, 14);
		buf_puts(&l->b, " ");
		util_col(&l->b, n->category, 24);
		buf_puts(&l->b, " ");
		util_col(&l->b, n->round, 8);
		buf_puts(&l->b, " ");
		util_col(&l->b, n->title, 0);
		buf_puts(&l->b, "\n");
	}
	l->n++;
	lst_flush(l, 0);
	return 0;
}

static int
filter_from(struct cli *c, struct need_filter *f)
{
	const char *st = cli_opt(c, "status");

	hub_need_filter_init(f);
	if (st != NULL && (f->status = model_need_status_parse(st)) < 0)
		return cli_usage(c, "unknown status '%.40s' (reported, "
		    "qualified, prioritised, in-switch, addressed, merged, "
		    "archived)", st);
	f->territory = cli_opt(c, "territory");
	f->category = cli_opt(c, "category");
	f->public_ = cli_opt(c, "public");
	f->round = cli_opt(c, "round");
	return 0;
}

static int
c_need_list(struct cli *c)
{
	struct store_txn *t;
	struct need_filter f;
	struct lst l;
	const char *so = cli_opt(c, "sort");
	char next[HUB_CURSOR_MAX];
	uint64_t limit = 0;
	int sort = NEED_SORT_NEWEST, rc;

	if ((rc = filter_from(c, &f)) != 0)
		return rc;
	if (so != NULL && (sort = hub_need_sort_parse(so)) < 0)
		return cli_usage(c, "unknown sort '%.40s' (newest, support, "
		    "territories)", so);
	if ((rc = cli_opt_u64(c, "limit", &limit)) < 0)
		return -rc;
	if (rc == 0 && limit == 0)
		return cli_usage(c, "--limit must be at least 1");
	memset(&l, 0, sizeof l);
	l.c = c;
	if (hub_read(c->h, &t, &c->e) != 0)
		return cli_fail(c);
	if (c->json)
		buf_puts(&l.b, "{\"needs\":[");
	rc = hub_need_list(t, &f, sort, cli_opt(c, "after"), (size_t)limit,
	    list_cb, &l, next, &c->e);
	hub_read_end(t);
	if (rc == 0 && l.rc != 0) {
		rc = l.rc;
		c->e = l.e;
	}
	if (rc != 0) {
		buf_free(&l.b);
		return cli_fail(c);
	}
	if (c->json) {
		buf_puts(&l.b, "],\"next\":");
		if (next[0])
			json_str(&l.b, next);
		else
			buf_puts(&l.b, "null");
		buf_puts(&l.b, "}\n");
	}
	lst_flush(&l, 1);
	buf_free(&l.b);
	if (!c->json && next[0])
		fprintf(stderr, "cercle: more: --after %s\n", next);
	return 0;
}

/* ---- need show ---- */

struct sup_text {
	struct buf *b;
};

static int
sup_text_cb(struct store_txn *t, const struct support *s, void *arg)
{
	struct sup_text *st = arg;
	char login[64], ts[32];

	buf_puts(st->b, "  - ");
	util_col(st->b, hub_login_of(t, s->member, login, sizeof login), 0);
	buf_puts(st->b, " (");
	util_col(st->b, s->territory, 0);
	buf_printf(st->b, ") %s", util_fmt_time(s->created, ts, sizeof ts));
	if (s->note) {
		buf_puts(st->b, ": ");
		util_col(st->b, s->note, 0);
	}
	buf_puts(st->b, "\n");
	return 0;
}

static void
show_line(struct buf *b, const char *label, const char *v)
{
	buf_printf(b, "%-12s ", label);
	util_col(b, v, 0);
	buf_puts(b, "\n");
}

static int
need_text(struct store_txn *t, struct buf *b, const struct need *n,
    struct err *e)
{
	char ts[32], login[64];
	struct sup_text st = { b };
	struct buf d = { 0 };

	buf_printf(b, "need #%llu: ", (unsigned long long)n->id);
	util_col(b, n->title, 0);
	buf_puts(b, "\n");
	show_line(b, "status:", model_need_status_name((int)n->status));
	if (n->merged_into)
		buf_printf(b, "%-12s #%llu\n", "merged into:",
		    (unsigned long long)n->merged_into);
	show_line(b, "territory:", n->territory);
	show_line(b, "category:", n->category);
	show_line(b, "public:", n->public_);
	show_line(b, "source:", n->source);
	show_line(b, "round:", n->round);
	show_line(b, "reporter:", hub_login_of(t, n->reporter, login,
	    sizeof login));
	show_line(b, "created:", util_fmt_time(n->created, ts, sizeof ts));
	show_line(b, "updated:", util_fmt_time(n->updated, ts, sizeof ts));
	buf_printf(b, "%-12s %llu, seen in %zu territor%s: ", "supports:",
	    (unsigned long long)n->supports, n->territories.n,
	    n->territories.n == 1 ? "y" : "ies");
	for (size_t i = 0; i < n->territories.n; i++) {
		if (i)
			buf_puts(b, ", ");
		util_col(b, n->territories.v[i], 0);
	}
	buf_puts(b, "\n");
	if (hub_need_supports(t, n->id, sup_text_cb, &st, e) != 0)
		return e->code;
	if (n->merged_from.n) {
		buf_printf(b, "%-12s", "merged from:");
		for (size_t i = 0; i < n->merged_from.n; i++)
			buf_printf(b, " #%llu",
			    (unsigned long long)n->merged_from.v[i]);
		buf_puts(b, "\n");
	}
	if (n->practices.n) {
		buf_puts(b, "good practices:\n");
		for (size_t i = 0; i < n->practices.n; i++) {
			buf_printf(b, "  %zu. ", i + 1);
			util_col(b, n->practices.v[i], 0);
			buf_puts(b, "\n");
		}
	}
	if (n->description) {
		util_sanitize(&d, n->description, strlen(n->description), 1);
		buf_puts(b, "description:\n");
		for (char *p = d.p, *q; p && *p; p = q) {
			q = p + strcspn(p, "\n");
			buf_printf(b, "  %.*s\n", (int)(q - p), p);
			if (*q)
				q++;
		}
		buf_free(&d);
	}
	return 0;
}

static int
c_need_show(struct cli *c)
{
	struct store_txn *t;
	struct need n;
	struct buf b = { 0 };
	uint64_t id;
	int rc;

	if ((rc = cli_arg_id(c, 0, "ID", &id)) != 0)
		return rc;
	if (hub_read(c->h, &t, &c->e) != 0)
		return cli_fail(c);
	if (hub_need_get(t, id, &n, &c->e) != 0) {
		hub_read_end(t);
		return cli_fail(c);
	}
	if (c->json) {
		rc = need_json(t, &b, &n, 1, &c->e);
		buf_puts(&b, "\n");
	} else
		rc = need_text(t, &b, &n, &c->e);
	hub_read_end(t);
	codec_free(RT_NEED, &n);
	if (rc == 0)
		cli_write(&b);
	buf_free(&b);
	return rc ? cli_fail(c) : 0;
}

/* ---- exports ---- */

enum { EX_NEEDS = 1, EX_MEMBERS = 2, EX_DECISIONS = 4, EX_ACTIONS = 8 };

static void
roles_json(struct buf *b, uint64_t roles)
{
	char r[128];

	model_roles_fmt(roles, r, sizeof r);
	buf_puts(b, "[");
	for (char *p = r, *q; *p; p = q) {
		q = p + strcspn(p, ",");
		buf_printf(b, "%s\"%.*s\"", p == r ? "" : ",", (int)(q - p),
		    p);
		if (*q)
			q++;
	}
	buf_puts(b, "]");
}

static int
member_ex_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct lst *l = arg;
	struct member m;
	char iso[32], r[128];

	if ((l->rc = codec_decode(RT_MEMBER, data, len, &m, &l->e)) != 0)
		return 1;
	m.id = id;
	if (l->csv) {
		model_roles_fmt(m.roles, r, sizeof r);
		buf_printf(&l->b, "%llu,", (unsigned long long)id);
		csv_field(&l->b, m.login ? m.login : "");
		buf_puts(&l->b, ",");
		csv_field(&l->b, m.name ? m.name : "");
		buf_puts(&l->b, ",");
		csv_field(&l->b, m.org ? m.org : "");
		buf_puts(&l->b, ",");
		csv_field(&l->b, m.territory ? m.territory : "");
		buf_puts(&l->b, ",");
		csv_field(&l->b, r);
		buf_printf(&l->b, ",%s,%s\r\n", m.disabled ? "true" : "false",
		    util_fmt_iso(m.created, iso, sizeof iso));
	} else {
		buf_printf(&l->b, "%s{\"id\":%llu,\"login\":",
		    l->n ? "," : "", (unsigned long long)id);
		json_str(&l->b, m.login);
		buf_puts(&l->b, ",\"name\":");
		json_str(&l->b, m.name);
		buf_puts(&l->b, ",\"organisation\":");
		json_opt_str(&l->b, m.org);
		buf_puts(&l->b, ",\"territory\":");
		json_opt_str(&l->b, m.territory);
		buf_puts(&l->b, ",\"roles\":");
		roles_json(&l->b, m.roles);
		buf_printf(&l->b, ",\"disabled\":%s,\"created\":\"%s\"}",
		    m.disabled ? "true" : "false",
		    util_fmt_iso(m.created, iso, sizeof iso));
	}
	l->n++;
	codec_free(RT_MEMBER, &m);
	lst_flush(l, 0);
	return 0;
}

static int
decision_ex_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct lst *l = arg;
	struct decision d;
	char iso[32];

	if ((l->rc = codec_decode(RT_DECISION, data, len, &d, &l->e)) != 0)
		return 1;
	if (l->csv) {
		buf_printf(&l->b, "%llu,%llu,%llu,%llu,",
		    (unsigned long long)id, (unsigned long long)d.proposal,
		    (unsigned long long)d.tension,
		    (unsigned long long)d.meeting);
		csv_field(&l->b, d.text ? d.text : "");
		buf_printf(&l->b, ",%s\r\n", util_fmt_iso(d.decided, iso,
		    sizeof iso));
	} else {
		buf_printf(&l->b, "%s{\"id\":%llu,\"proposal\":",
		    l->n ? "," : "", (unsigned long long)id);
		json_opt_id(&l->b, d.proposal);
		buf_puts(&l->b, ",\"tension\":");
		json_opt_id(&l->b, d.tension);
		buf_puts(&l->b, ",\"meeting\":");
		json_opt_id(&l->b, d.meeting);
		buf_puts(&l->b, ",\"text\":");
		json_opt_str(&l->b, d.text);
		buf_printf(&l->b, ",\"decided\":\"%s\"}",
		    util_fmt_iso(d.decided, iso, sizeof iso));
	}
	l->n++;
	codec_free(RT_DECISION, &d);
	lst_flush(l, 0);
	return 0;
}

struct action_ex {
	struct lst *l;
	struct store_txn *t;
};

static int
action_ex_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct action_ex *ax = arg;
	struct lst *l = ax->l;
	struct action a;
	char iso[32], login[64];

	if ((l->rc = codec_decode(RT_ACTION, data, len, &a, &l->e)) != 0)
		return 1;
	hub_login_of(ax->t, a.owner, login, sizeof login);
	if (l->csv) {
		buf_printf(&l->b, "%llu,%llu,", (unsigned long long)id,
		    (unsigned long long)a.decision);
		csv_field(&l->b, a.owner ? login : "");
		buf_puts(&l->b, ",");
		csv_field(&l->b, a.title ? a.title : "");
		buf_printf(&l->b, ",%s,%s,", util_fmt_iso(a.due, iso,
		    sizeof iso), model_action_status_name((int)a.status));
		buf_printf(&l->b, "%s,", util_fmt_iso(a.created, iso,
		    sizeof iso));
		buf_printf(&l->b, "%s\r\n", util_fmt_iso(a.updated, iso,
		    sizeof iso));
	} else {
		buf_printf(&l->b, "%s{\"id\":%llu,\"decision\":",
		    l->n ? "," : "", (unsigned long long)id);
		json_opt_id(&l->b, a.decision);
		buf_puts(&l->b, ",\"owner\":");
		json_opt_str(&l->b, a.owner ? login : NULL);
		buf_puts(&l->b, ",\"title\":");
		json_opt_str(&l->b, a.title);
		if (a.due)
			buf_printf(&l->b, ",\"due\":\"%s\"",
			    util_fmt_iso(a.due, iso, sizeof iso));
		else
			buf_puts(&l->b, ",\"due\":null");
		buf_printf(&l->b, ",\"status\":\"%s\"",
		    model_action_status_name((int)a.status));
		buf_printf(&l->b, ",\"created\":\"%s\"",
		    util_fmt_iso(a.created, iso, sizeof iso));
		buf_printf(&l->b, ",\"updated\":\"%s\"}",
		    util_fmt_iso(a.updated, iso, sizeof iso));
	}
	l->n++;
	codec_free(RT_ACTION, &a);
	lst_flush(l, 0);
	return 0;
}

/* Export one list: needs newest first, the others by id. */
static int
export_one(struct cli *c, struct store_txn *t, struct lst *l, int what)
{
	struct need_filter f;
	struct action_ex ax = { l, t };
	int rc = 0;

	l->n = 0;
	switch (what) {
	case EX_NEEDS:
		if (l->csv)
			buf_printf(&l->b, "%s%s\r\n", need_csv_head,
			    l->personal ? ",reporter,supporters" : "");
		hub_need_filter_init(&f);
		rc = hub_need_list(t, &f, NEED_SORT_NEWEST, NULL, 0, list_cb,
		    l, NULL, &c->e);
		break;
	case EX_MEMBERS:
		if (l->csv)
			buf_puts(&l->b, "id,login,name,organisation,territory,"
			    "roles,disabled,created\r\n");
		rc = store_scan(t, RT_MEMBER, 0, 0, member_ex_cb, l, &c->e);
		break;
	case EX_DECISIONS:
		if (l->csv)
			buf_puts(&l->b, "id,proposal,tension,meeting,text,"
			    "decided\r\n");
		rc = store_scan(t, RT_DECISION, 0, 0, decision_ex_cb, l,
		    &c->e);
		break;
	case EX_ACTIONS:
		if (l->csv)
			buf_puts(&l->b, "id,decision,owner,title,due,status,"
			    "created,updated\r\n");
		rc = store_scan(t, RT_ACTION, 0, 0, action_ex_cb, &ax, &c->e);
		break;
	}
	if (rc == 0 && l->rc != 0) {
		rc = l->rc;
		c->e = l->e;
	}
	return rc;
}

static int
c_export(struct cli *c)
{
	static const struct { const char *name; int what; } lists[] = {
		{ "needs", EX_NEEDS }, { "members", EX_MEMBERS },
		{ "decisions", EX_DECISIONS }, { "actions", EX_ACTIONS },
	};
	const char *fmt = cli_opt(c, "format"), *what = cli_opt(c, "what");
	struct store_txn *t;
	struct lst l;
	int rc = 0, sel = -1;

	if (fmt == NULL || (strcmp(fmt, "json") != 0 &&
	    strcmp(fmt, "csv") != 0))
		return cli_usage(c, "--format is json or csv");
	if (what == NULL)
		return cli_usage(c, "--what is needs, members, decisions, "
		    "actions or all");
	for (size_t i = 0; i < 4; i++)
		if (strcmp(what, lists[i].name) == 0)
			sel = (int)i;
	if (sel < 0 && strcmp(what, "all") != 0)
		return cli_usage(c, "--what is needs, members, decisions, "
		    "actions or all, not '%.40s'", what);
	memset(&l, 0, sizeof l);
	l.c = c;
	l.csv = strcmp(fmt, "csv") == 0;
	l.personal = cli_flag(c, "personal");
	if (l.csv && sel < 0)
		return cli_usage(c, "CSV holds one list: export --what needs, "
		    "members, decisions or actions one at a time (or use "
		    "--format json for all)");
	/* The list writers print JSON when c->json is set. */
	c->json = !l.csv;
	if (hub_read(c->h, &t, &c->e) != 0)
		return cli_fail(c);
	if (sel >= 0) {
		if (!l.csv)
			buf_puts(&l.b, "[");
		rc = export_one(c, t, &l, lists[sel].what);
		if (!l.csv)
			buf_puts(&l.b, "]\n");
	} else {
		struct config cfg;
		if ((rc = hub_config_get(t, &cfg, &c->e)) == 0) {
			buf_puts(&l.b, "{\"hub\":");
			json_str(&l.b, cfg.hub_name);
			codec_free(RT_CONFIG, &cfg);
		}
		for (size_t i = 0; rc == 0 && i < 4; i++) {
			buf_printf(&l.b, ",\"%s\":[", lists[i].name);
			rc = export_one(c, t, &l, lists[i].what);
			buf_puts(&l.b, "]");
		}
		buf_puts(&l.b, "}\n");
	}
	hub_read_end(t);
	if (rc != 0) {
		buf_free(&l.b);
		return cli_fail(c);
	}
	lst_flush(&l, 1);
	buf_free(&l.b);
	return 0;
}

/* ---- demo ---- */

static int
c_demo(struct cli *c)
{
	struct demo_stats st;

	if (demo_create(c->h, &c->who, &st, &c->e) != 0)
		return cli_fail(c);
	fprintf(stderr, "cercle: demo hub created in %s: %llu members, "
	    "%llu needs, %llu supports\n", c->db,
	    (unsigned long long)st.members, (unsigned long long)st.needs,
	    (unsigned long long)st.supports);
	return 0;
}

#define NEED_FIELDS "title:,territory:,category:,public:,source:," \
	"description:,round:"

const struct cli_cmd cli_need_cmds[] = {
	{ "need add", "--as LOGIN --title T --territory T [--category C] "
	    "[--public P] [--source S] [--description D] [--round YYYY-Bn]",
	    "as:," NEED_FIELDS, 0, 0, 0,
	    "report a need; prints the new id", c_need_add },
	{ "need list", "[--status S] [--territory T] [--category C] "
	    "[--public P] [--round R] [--sort newest|support|territories] "
	    "[--limit N] [--after CURSOR] [--json]",
	    "status:,territory:,category:,public:,round:,sort:,limit:,after:,"
	    "json", 0, 0, 0, "list needs, filtered and sorted, page by page",
	    c_need_list },
	{ "need show", "ID [--json]", "json", 1, 1, 0,
	    "show a need with its supports, practices and merged links",
	    c_need_show },
	{ "need edit", "ID --as LOGIN [--title T] [--description D] "
	    "[--territory T] [--category C] [--public P] [--source S] "
	    "[--round R]", "as:," NEED_FIELDS, 1, 1, 0,
	    "edit a need (its reporter, a facilitator or an admin)",
	    c_need_edit },
	{ "need support", "ID --as LOGIN [--territory T] [--note N]",
	    "as:,territory:,note:", 1, 1, 0,
	    "\"seen here too\": support a need from a territory",
	    c_need_support },
	{ "need practice", "ID --as LOGIN --text T", "as:,text:", 1, 1, 0,
	    "link a good practice (a text or a link) to a need",
	    c_need_practice },
	{ "need status", "ID STATUS --as LOGIN", "as:", 2, 2, 0,
	    "move a need along its path (facilitator, admin)",
	    c_need_status },
	{ "need merge", "ID INTO_ID --as LOGIN", "as:", 2, 2, 0,
	    "merge a duplicate need into another (facilitator, admin)",
	    c_need_merge },
	{ "export", "--format json|csv --what needs|members|decisions|actions"
	    "|all [--personal]", "format:,what:,personal", 0, 0, 0,
	    "export open data (personal data only with --personal)",
	    c_export },
	{ "demo", "", "as:", 0, 0, CLI_CREATE,
	    "create a believable demo Hub du Sud in an empty database",
	    c_demo },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};
