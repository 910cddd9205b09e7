/* cli-need.c: commands for the needs queue, exports and the demo hub.
 * Bodies parse, call the hub, print; no rule lives here. */
#include "cli.h"
#include "codec.h"
#include "demo.h"
#include "emit.h"

#include <stdlib.h>
#include <string.h>

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
	in->insee = cli_opt(c, "insee");
	in->external_id = cli_opt(c, "external-id");
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
	cli_warn_twins(c, RT_NEED, id);
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

/* ---- need list ---- */

/* A listing or an export: the emitter (JSON, CSV) or the text rows,
 * flushed in pieces so a long one does not grow in memory. */
struct lst {
	struct cli *c;
	struct buf b;
	struct emit em;
	int text, personal;
	struct err e;
	int rc;
};

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
list_cb(struct hub_rd *r, const struct hub_need_view *v, void *arg)
{
	struct lst *l = arg;
	const struct need *n = v->n;
	char num[32];

	if (!l->text) {
		emit_rec_begin(&l->em, NULL);
		l->rc = hub_need_emit(&l->em, r, v, l->personal, &l->e);
		emit_rec_end(&l->em);
		if (l->rc != 0)
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

enum { EX_NEEDS, EX_MEMBERS, EX_DECISIONS, EX_ACTIONS, EX_POSITIONS,
	EX__COUNT };
static void export_header(struct hub_rd *r, struct lst *l, int what);

static int
c_need_list(struct cli *c)
{
	struct hub_rd *r;
	struct need_filter f;
	struct lst l;
	const char *so = cli_opt(c, "sort");
	char next[HUB_CURSOR_MAX];
	uint64_t limit = 0;
	int sort = NEED_SORT_NEWEST, rc, csv = cli_flag(c, "csv");

	if (csv && c->json)
		return cli_usage(c, "--json or --csv, not both");
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
	l.text = !c->json && !csv;
	if (hub_rd_open(c->h, &c->who, &r, &c->e) != 0)
		return cli_fail(c);
	/* CSV: the rows of export --what needs, the cursor on stderr. */
	emit_init(&l.em, csv ? EMIT_CSV : EMIT_JSON, &l.b);
	if (csv)
		emit_list_begin(&l.em, NULL);
	else if (!l.text) {
		emit_rec_begin(&l.em, NULL);
		emit_list_begin(&l.em, "needs");
	}
	rc = hub_need_page(r, &f, sort, cli_opt(c, "after"), (size_t)limit,
	    list_cb, &l, next, &c->e);
	if (rc == 0 && csv && !l.em.head_done)
		export_header(r, &l, EX_NEEDS);
	hub_rd_close(r);
	if (rc == 0 && l.rc != 0) {
		rc = l.rc;
		c->e = l.e;
	}
	if (rc != 0) {
		emit_free(&l.em);
		buf_free(&l.b);
		return cli_fail(c);
	}
	if (csv)
		emit_list_end(&l.em);
	else if (!l.text) {
		emit_list_end(&l.em);
		emit_str(&l.em, "next", next[0] ? next : NULL);
		emit_rec_end(&l.em);
	}
	emit_free(&l.em);
	lst_flush(&l, 1);
	buf_free(&l.b);
	if (!c->json && next[0])
		fprintf(stderr, "cercle: more: --after %s\n", next);
	return 0;
}

/* ---- need show ---- */

static int
sup_text_cb(const struct hub_support_view *v, void *arg)
{
	struct buf *b = arg;
	char ts[32];

	buf_puts(b, "  - ");
	util_col(b, v->login, 0);
	buf_puts(b, " (");
	util_col(b, v->s->territory, 0);
	buf_printf(b, ") %s", util_fmt_time(v->s->created, ts, sizeof ts));
	if (v->s->note) {
		buf_puts(b, ": ");
		util_col(b, v->s->note, 0);
	}
	buf_puts(b, "\n");
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
need_text(struct hub_rd *r, struct buf *b, const struct hub_need_view *v,
    struct err *e)
{
	const struct need *n = v->n;
	char ts[32];
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
	if (n->insee)
		show_line(b, "insee:", n->insee);
	if (n->external_id)
		show_line(b, "external id:", n->external_id);
	show_line(b, "reporter:", v->reporter);
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
	if (hub_need_support_page(r, n->id, sup_text_cb, b, e) != 0)
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
	struct hub_rd *r;
	struct hub_need_view v;
	struct buf b = { 0 };
	struct emit em;
	uint64_t id;
	int rc;

	if ((rc = cli_arg_id(c, 0, "ID", &id)) != 0)
		return rc;
	if (hub_rd_open(c->h, &c->who, &r, &c->e) != 0)
		return cli_fail(c);
	if (hub_need_view_get(r, id, &v, &c->e) != 0) {
		hub_rd_close(r);
		return cli_fail(c);
	}
	if (c->json) {
		emit_init(&em, EMIT_JSON, &b);
		emit_rec_begin(&em, NULL);
		rc = hub_need_emit(&em, r, &v, 1, &c->e);
		emit_rec_end(&em);
		emit_free(&em);
	} else
		rc = need_text(r, &b, &v, &c->e);
	hub_rd_close(r);
	hub_need_view_free(&v);
	if (rc == 0)
		cli_write(&b);
	buf_free(&b);
	return rc ? cli_fail(c) : 0;
}

/* ---- exports ---- */

static const char *const ex_names[EX__COUNT] = { "needs", "members",
    "decisions", "actions", "positions" };

static int
member_ex_cb(const struct hub_member_view *v, void *arg)
{
	struct lst *l = arg;

	emit_rec_begin(&l->em, NULL);
	hub_member_emit(&l->em, v, 0);
	emit_rec_end(&l->em);
	lst_flush(l, 0);
	return 0;
}

static int
decision_ex_cb(const struct hub_decision_row *v, void *arg)
{
	struct lst *l = arg;

	emit_rec_begin(&l->em, NULL);
	hub_decision_emit(&l->em, v);
	emit_rec_end(&l->em);
	lst_flush(l, 0);
	return 0;
}

static int
action_ex_cb(const struct hub_action_row *v, void *arg)
{
	struct lst *l = arg;

	emit_rec_begin(&l->em, NULL);
	hub_action_emit(&l->em, v);
	emit_rec_end(&l->em);
	lst_flush(l, 0);
	return 0;
}

static int
position_ex_cb(const struct hub_position_row *v, void *arg)
{
	struct lst *l = arg;

	emit_rec_begin(&l->em, NULL);
	hub_position_emit(&l->em, v);
	emit_rec_end(&l->em);
	lst_flush(l, 0);
	return 0;
}

/* CSV: an empty list still has its header (a zeroed record's names). */
static void
export_header(struct hub_rd *r, struct lst *l, int what)
{
	struct need n;
	struct hub_need_view nv;
	struct hub_member_view mv;
	struct decision d;
	struct action a;
	struct hub_decision_row dr = { &d };
	struct hub_action_row ar;
	struct hub_position_row pr;
	struct err e;

	memset(&n, 0, sizeof n);
	memset(&nv, 0, sizeof nv);
	memset(&mv, 0, sizeof mv);
	memset(&d, 0, sizeof d);
	memset(&a, 0, sizeof a);
	memset(&ar, 0, sizeof ar);
	memset(&pr, 0, sizeof pr);
	nv.n = &n;
	ar.a = &a;
	emit_header_only(&l->em);
	emit_rec_begin(&l->em, NULL);
	switch (what) {
	case EX_NEEDS:
		hub_need_emit(&l->em, r, &nv, l->personal, &e);
		break;
	case EX_MEMBERS:
		hub_member_emit(&l->em, &mv, 0);
		break;
	case EX_DECISIONS:
		hub_decision_emit(&l->em, &dr);
		break;
	case EX_ACTIONS:
		hub_action_emit(&l->em, &ar);
		break;
	case EX_POSITIONS:
		hub_position_emit(&l->em, &pr);
		break;
	}
	emit_rec_end(&l->em);
}

/* Export one list: needs newest first, the others by id. */
static int
export_one(struct cli *c, struct hub_rd *r, struct lst *l, int what)
{
	struct need_filter f;
	int rc = 0;

	emit_list_begin(&l->em, ex_names[what]);
	switch (what) {
	case EX_NEEDS:
		hub_need_filter_init(&f);
		rc = hub_need_page(r, &f, NEED_SORT_NEWEST, NULL, 0, list_cb,
		    l, NULL, &c->e);
		break;
	case EX_MEMBERS:
		rc = hub_member_page(r, NULL, 0, member_ex_cb, l, NULL,
		    &c->e);
		break;
	case EX_DECISIONS:
		rc = hub_decision_page(r, NULL, 0, decision_ex_cb, l, NULL,
		    &c->e);
		break;
	case EX_ACTIONS:
		rc = hub_action_page(r, NULL, 0, action_ex_cb, l, NULL,
		    &c->e);
		break;
	case EX_POSITIONS:
		rc = hub_position_page(r, NULL, 0, position_ex_cb, l, NULL,
		    &c->e);
		break;
	}
	if (rc == 0 && l->em.fmt == EMIT_CSV && !l->em.head_done)
		export_header(r, l, what);
	emit_list_end(&l->em);
	if (rc == 0 && l->rc != 0) {
		rc = l->rc;
		c->e = l->e;
	}
	return rc;
}

static int
c_export(struct cli *c)
{
	const char *fmt = cli_opt(c, "format"), *what = cli_opt(c, "what");
	struct hub_rd *r;
	struct lst l;
	int rc = 0, sel = -1, f;

	if (fmt != NULL && strcmp(fmt, "datapackage") == 0)
		return cli_export_datapackage(c);
	if (fmt == NULL || ((f = emit_fmt_parse(fmt)) != EMIT_JSON &&
	    f != EMIT_CSV))
		return cli_usage(c, "--format is json, csv or datapackage");
	if (what == NULL)
		return cli_usage(c, "--what is needs, members, decisions, "
		    "actions, positions or all");
	for (int i = 0; i < EX__COUNT; i++)
		if (strcmp(what, ex_names[i]) == 0)
			sel = i;
	if (sel < 0 && strcmp(what, "all") != 0)
		return cli_usage(c, "--what is needs, members, decisions, "
		    "actions, positions or all, not '%.40s'", what);
	if (f == EMIT_CSV && sel < 0)
		return cli_usage(c, "CSV holds one list: export --what needs, "
		    "members, decisions, actions or positions one at a time (or use "
		    "--format json for all)");
	memset(&l, 0, sizeof l);
	l.c = c;
	l.personal = cli_flag(c, "personal");
	if (hub_rd_open(c->h, &c->who, &r, &c->e) != 0)
		return cli_fail(c);
	emit_init(&l.em, f, &l.b);
	if (sel >= 0)
		rc = export_one(c, r, &l, sel);
	else {
		struct config cfg;
		emit_rec_begin(&l.em, NULL);
		if ((rc = hub_config_view(r, &cfg, &c->e)) == 0) {
			emit_str(&l.em, "hub", cfg.hub_name);
			codec_free(RT_CONFIG, &cfg);
		}
		/* Positions are the chamber's record, asked for by name
		 * (--what positions), not part of the open-data document. */
		for (int i = 0; rc == 0 && i < EX_POSITIONS; i++)
			rc = export_one(c, r, &l, i);
		emit_rec_end(&l.em);
	}
	emit_free(&l.em);
	hub_rd_close(r);
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
	"description:,round:,insee:,external-id:"

const struct cli_cmd cli_need_cmds[] = {
	{ "need add", "--as LOGIN --title T --territory T [--category C] "
	    "[--public P] [--source S] [--description D] [--round YYYY-Bn] "
	    "[--insee CODE] [--external-id ID]",
	    "as:," NEED_FIELDS, 0, 0, 0,
	    "report a need; prints the new id", c_need_add },
	{ "need import", "FILE.csv --as LOGIN [--dry-run] [--skip-invalid] "
	    "[--json]", "as:,dry-run,skip-invalid,json", 1, 1, 0,
	    "import needs gathered in the field from a CSV file (columns "
	    "named in its header; idempotent through external_id)",
	    cli_need_import },
	{ "need list", "[--status S] [--territory T] [--category C] "
	    "[--public P] [--round R] [--sort newest|support|territories] "
	    "[--limit N] [--after CURSOR] [--json|--csv]",
	    "status:,territory:,category:,public:,round:,sort:,limit:,after:,"
	    "json,csv", 0, 0, 0, "list needs, filtered and sorted, page by page",
	    c_need_list },
	{ "need show", "ID [--json]", "json", 1, 1, 0,
	    "show a need with its supports, practices and merged links",
	    c_need_show },
	{ "need edit", "ID --as LOGIN [--title T] [--description D] "
	    "[--territory T] [--category C] [--public P] [--source S] "
	    "[--round R] [--insee CODE] [--external-id ID]",
	    "as:," NEED_FIELDS, 1, 1, 0,
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
	    "|positions"
	    "|all [--personal] | --format datapackage --to DIR",
	    "format:,what:,personal,to:", 0, 0, 0,
	    "export open data (personal data only with --personal)",
	    c_export },
	{ "demo", "", "as:", 0, 0, CLI_CREATE,
	    "create a believable demo Hub du Sud in an empty database",
	    c_demo },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};
