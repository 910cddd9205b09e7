/* cli-dot.c: commands for needs prioritisation: dot-voting rounds,
 * themes and workstreams (chantiers). Bodies parse, call the hub, print
 * its views; no rule lives here. */
#include "cli.h"
#include "emit.h"

#include <stdlib.h>
#include <string.h>

static int
c_round_open(struct cli *c)
{
	const char *title = cli_opt(c, "title"), *cv[64];
	struct u64_list needs = { 0 };
	struct str_list cats = { 0 };
	uint64_t budget = 10, id, n;
	size_t nc;
	int rc;

	if (title == NULL)
		return cli_usage(c, "--title is required");
	nc = cli_opt_all(c, "category", cv, 64);
	if ((nc > 0) == (c->argc > 0))
		return cli_usage(c, "give need ids or --category names");
	for (size_t i = 0; i < nc; i++)
		str_list_push(&cats, cv[i]);
	if ((rc = cli_opt_u64(c, "budget", &budget)) < 0)
		return -rc;
	for (int i = 0; i < c->argc; i++) {
		if (util_parse_u64(c->argv[i], &n) != 0 || n == 0) {
			u64_list_free(&needs);
			str_list_free(&cats);
			return cli_usage(c, "need ids are numbers, not "
			    "'%.40s'", c->argv[i]);
		}
		u64_list_push(&needs, n);
	}
	rc = hub_round_open(c->h, &c->who, title, budget, &needs, &cats, &id,
	    &c->e);
	u64_list_free(&needs);
	str_list_free(&cats);
	if (rc != 0)
		return cli_fail(c);
	return cli_print_id(id);
}

static int
c_round_ballot(struct cli *c)
{
	struct u64_list needs = { 0 }, points = { 0 };
	uint64_t round, n, p;
	int rc = 0;

	if (cli_arg_id(c, 0, "round id", &round) != 0)
		return ERR_USAGE;
	for (int i = 1; i < c->argc && rc == 0; i++) {
		char buf[64];
		char *eq;
		snprintf(buf, sizeof buf, "%s", c->argv[i]);
		eq = strchr(buf, '=');
		if (eq == NULL)
			rc = cli_usage(c, "give points as ITEM=POINTS, not "
			    "'%.40s'", c->argv[i]);
		else {
			*eq = '\0';
			if (util_parse_u64(buf, &n) != 0 || n == 0 ||
			    util_parse_u64(eq + 1, &p) != 0)
				rc = cli_usage(c, "give points as "
				    "ITEM=POINTS, not '%.40s'", c->argv[i]);
			u64_list_push(&needs, n);
			u64_list_push(&points, p);
		}
	}
	if (rc == 0 && hub_round_ballot(c->h, &c->who, round, &needs,
	    &points, &c->e) != 0)
		rc = cli_fail(c);
	u64_list_free(&needs);
	u64_list_free(&points);
	return rc;
}

static int
round_show(struct cli *c, uint64_t id)
{
	struct hub_round_view v;
	struct hub_rd *r;
	struct buf b = { 0 };
	int rc;

	if ((rc = cli_rd_open(c, &r)) != 0)
		return rc;
	rc = hub_round_view(r, id, &v, &c->e);
	hub_rd_close(r);
	if (rc == 0) {
		struct emit em;
		emit_init(&em, c->json ? EMIT_JSON : EMIT_TEXT, &b);
		emit_rec_begin(&em, NULL);
		hub_round_emit(&em, &v);
		emit_rec_end(&em);
		emit_free(&em);
		cli_write(&b);
	}
	hub_round_view_free(&v);
	buf_free(&b);
	return rc ? cli_fail(c) : 0;
}

static int
c_round_show(struct cli *c)
{
	uint64_t id;

	if (cli_arg_id(c, 0, "round id", &id) != 0)
		return ERR_USAGE;
	return round_show(c, id);
}

static int
c_round_close(struct cli *c)
{
	uint64_t id;

	if (cli_arg_id(c, 0, "round id", &id) != 0)
		return ERR_USAGE;
	if (hub_round_close(c->h, &c->who, id, &c->e) != 0)
		return cli_fail(c);
	return round_show(c, id);
}

static int
c_theme_add(struct cli *c)
{
	const char *title = cli_opt(c, "title"), *spec = cli_opt(c, "spec");
	struct u64_list needs = { 0 };
	struct hub_rd *r;
	uint64_t round = 0, top = 0, id;
	int rc;

	if (title == NULL || spec == NULL)
		return cli_usage(c, "--title and --spec are required");
	if ((rc = cli_opt_u64(c, "round", &round)) < 0 ||
	    (rc = cli_opt_u64(c, "top", &top)) < 0)
		return -rc;
	if ((rc = cli_opt_ids(c, "need", &needs)) != 0)
		return rc;
	if (top > 0) {
		/* The round's best needs, read from its ranking. */
		if (round == 0) {
			u64_list_free(&needs);
			return cli_usage(c, "--top needs --round");
		}
		if ((rc = cli_rd_open(c, &r)) != 0) {
			u64_list_free(&needs);
			return rc;
		}
		rc = hub_round_top_needs(r, round, top, &needs, &c->e);
		hub_rd_close(r);
		if (rc != 0) {
			u64_list_free(&needs);
			return cli_fail(c);
		}
	}
	rc = hub_theme_add(c->h, &c->who, title, spec, round, &needs,
	    cli_opt(c, "switch"), &id, &c->e);
	u64_list_free(&needs);
	if (rc != 0)
		return cli_fail(c);
	return cli_print_id(id);
}

/* The workstreams of a theme, kept for the one writer. */
struct ws_out {
	struct hub_workstream_row *v;
	struct str_list *members;
	size_t n, cap;
};

static int
workstream_row(const struct hub_workstream_row *w, void *arg)
{
	struct ws_out *o = arg;

	if (o->n == o->cap) {
		o->cap = o->cap ? 2 * o->cap : 8;
		o->v = xrealloc(o->v, o->cap * sizeof *o->v);
		o->members = xrealloc(o->members, o->cap *
		    sizeof *o->members);
	}
	memset(&o->members[o->n], 0, sizeof o->members[o->n]);
	for (size_t i = 0; i < w->members->n; i++)
		str_list_push(&o->members[o->n], w->members->v[i]);
	o->v[o->n].id = w->id;
	o->v[o->n].title = xstrdup(w->title ? w->title : "");
	o->n++;
	return 0;
}

static void
ws_free(struct ws_out *o)
{
	for (size_t i = 0; i < o->n; i++) {
		free((char *)o->v[i].title);
		str_list_free(&o->members[i]);
	}
	free(o->v);
	free(o->members);
}

static int
c_theme_show(struct cli *c)
{
	struct hub_theme_view v;
	struct hub_rd *r;
	struct buf b = { 0 };
	struct ws_out o = { 0 };
	struct emit em;
	uint64_t id;
	int rc;

	if (cli_arg_id(c, 0, "theme id", &id) != 0)
		return ERR_USAGE;
	if ((rc = cli_rd_open(c, &r)) != 0)
		return rc;
	rc = hub_theme_view(r, id, &v, workstream_row, &o, &c->e);
	hub_rd_close(r);
	if (rc != 0) {
		hub_theme_view_free(&v);
		ws_free(&o);
		return cli_fail(c);
	}
	/* The rows point at the kept members (the array may have moved). */
	for (size_t i = 0; i < o.n; i++)
		o.v[i].members = &o.members[i];
	emit_init(&em, c->json ? EMIT_JSON : EMIT_TEXT, &b);
	emit_rec_begin(&em, NULL);
	hub_theme_emit(&em, &v, o.v, o.n);
	emit_rec_end(&em);
	emit_free(&em);
	cli_write(&b);
	hub_theme_view_free(&v);
	ws_free(&o);
	buf_free(&b);
	return 0;
}

static int
c_workstream_add(struct cli *c)
{
	const char *title = cli_opt(c, "title");
	uint64_t theme, id;

	if (cli_arg_id(c, 0, "theme id", &theme) != 0)
		return ERR_USAGE;
	if (title == NULL)
		return cli_usage(c, "--title is required");
	if (hub_workstream_add(c->h, &c->who, theme, title, &id, &c->e) != 0)
		return cli_fail(c);
	return cli_print_id(id);
}

static int
c_workstream_join(struct cli *c)
{
	uint64_t id;

	if (cli_arg_id(c, 0, "workstream id", &id) != 0)
		return ERR_USAGE;
	if (hub_workstream_join(c->h, &c->who, id, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

const struct cli_cmd cli_dot_cmds[] = {
	{ "round open", "NEED_ID...|--category C... --title T [--budget N] "
	    "--as FACILITATOR", "as:,title:,budget:,category:", 0, 64, 0,
	    N_("open a dot-voting round over needs or categories; prints "
	    "its id"),
	    c_round_open },
	{ "round ballot", "ROUND_ID ITEM=POINTS... --as LOGIN", "as:", 2, 65,
	    0,
	    N_("spread your points (replaces your ballot)"), c_round_ballot },
	{ "round close", "ROUND_ID --as FACILITATOR", "as:", 1, 1, 0,
	    N_("close the round and print the ranking"), c_round_close },
	{ "round show", "ROUND_ID [--json]", "json", 1, 1, 0,
	    N_("a round's needs, or its ranking once closed"), c_round_show },
	{ "theme add", "--title T --spec S [--round R [--top N]] [--need ID]... "
	    "[--switch NAME] --as FACILITATOR",
	    "as:,title:,spec:,round:,top:,need:,switch:", 0, 0, 0,
	    N_("chosen needs become a theme for a Switch; prints its id"),
	    c_theme_add },
	{ "theme show", "ID [--json]", "json", 1, 1, 0,
	    N_("a theme, its specification and workstreams"), c_theme_show },
	{ "workstream add", "THEME_ID --title T --as FACILITATOR",
	    "as:,title:", 1, 1, 0, N_("open a workstream (chantier); prints "
	    "its id"), c_workstream_add },
	{ "workstream join", "ID --as LOGIN", "as:", 1, 1, 0,
	    N_("sign up for a workstream"), c_workstream_join },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};
