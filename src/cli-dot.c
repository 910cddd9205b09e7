/* cli-dot.c: commands for needs prioritisation: dot-voting rounds,
 * themes and workstreams (chantiers). Bodies parse, call the hub, print
 * its views; no rule lives here. */
#include "cli.h"

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

static void
round_json(struct buf *b, const struct hub_round_view *v)
{
	size_t n = 0;

	buf_printf(b, "{\"id\":%llu,\"title\":", (unsigned long long)v->id);
	json_str(b, v->title);
	buf_printf(b, ",\"budget\":%llu,\"status\":\"%s\",\"needs\":",
	    (unsigned long long)v->budget, v->closed ? "closed" : "open");
	json_u64_list(b, &v->needs);
	buf_puts(b, ",\"categories\":");
	json_str_list(b, &v->category_names);
	buf_puts(b, ",\"ranking\":[");
	for (size_t i = 0; i < v->nitems; i++) {
		const struct hub_round_item *x = &v->items[i];
		if (!x->scored)
			continue;
		if (v->categories) {
			buf_puts(b, n ? ",{\"category\":" : "{\"category\":");
			json_str(b, x->name);
		} else
			buf_printf(b, "%s{\"need\":%llu", n ? "," : "",
			    (unsigned long long)x->item);
		buf_printf(b, ",\"points\":%llu}", (unsigned long long)
		    x->points);
		n++;
	}
	buf_puts(b, "]}\n");
}

static void
round_text(struct buf *b, const struct hub_round_view *v)
{
	const char *what = v->categories ? "category" : "need";
	char s[400];

	buf_printf(b, "round %llu: %s (%s, %llu points each)\n",
	    (unsigned long long)v->id, util_safe(v->title, s, sizeof s),
	    v->closed ? "closed" : "open", (unsigned long long)v->budget);
	for (size_t i = 0; i < v->nitems; i++) {
		const struct hub_round_item *x = &v->items[i];
		if (x->scored)
			buf_printf(b, "%3zu. %s %llu: %llu points  %s\n", i + 1,
			    what, (unsigned long long)x->item,
			    (unsigned long long)x->points, util_safe(x->name,
			    s, sizeof s));
		else
			buf_printf(b, "  %s %llu  %s\n", what,
			    (unsigned long long)x->item, util_safe(x->name, s,
			    sizeof s));
	}
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
		if (c->json)
			round_json(&b, &v);
		else
			round_text(&b, &v);
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

struct ws_out {
	struct cli *c;
	struct buf *b;
	size_t n;
};

static int
workstream_row(const struct hub_workstream_row *w, void *arg)
{
	struct ws_out *o = arg;
	char s[400];

	if (o->c->json) {
		buf_printf(o->b, "%s{\"id\":%llu,\"title\":", o->n ? "," : "",
		    (unsigned long long)w->id);
		json_str(o->b, w->title);
		buf_puts(o->b, ",\"members\":");
		cli_put_logins(o->b, w->members, 1);
		buf_puts(o->b, "}");
	} else {
		buf_printf(o->b, "  workstream %llu: %s (",
		    (unsigned long long)w->id, util_safe(w->title, s,
		    sizeof s));
		cli_put_logins(o->b, w->members, 0);
		buf_puts(o->b, ")\n");
	}
	o->n++;
	return 0;
}

static int
c_theme_show(struct cli *c)
{
	struct hub_theme_view v;
	struct hub_rd *r;
	struct buf b = { 0 }, w = { 0 };
	struct ws_out o = { c, &w, 0 };
	char s[400];
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
		buf_free(&w);
		return cli_fail(c);
	}
	if (c->json) {
		buf_printf(&b, "{\"id\":%llu,\"title\":",
		    (unsigned long long)id);
		json_str(&b, v.title);
		buf_puts(&b, ",\"spec\":");
		json_str(&b, v.spec);
		buf_puts(&b, ",\"switch\":");
		json_str(&b, v.switch_name);
		buf_printf(&b, ",\"round\":%llu,\"needs\":",
		    (unsigned long long)v.round);
		json_u64_list(&b, &v.needs);
		buf_puts(&b, ",\"workstreams\":[");
	} else {
		buf_printf(&b, "theme %llu: %s\n", (unsigned long long)id,
		    util_safe(v.title, s, sizeof s));
		if (v.switch_name)
			buf_printf(&b, "switch: %s\n", util_safe(
			    v.switch_name, s, sizeof s));
		buf_puts(&b, "needs:");
		for (size_t i = 0; i < v.needs.n; i++)
			buf_printf(&b, " %llu", (unsigned long long)
			    v.needs.v[i]);
		buf_puts(&b, "\nspecification:\n");
		cli_put_text(&b, v.spec, "  ");
	}
	if (w.len)
		buf_add(&b, w.p, w.len);
	if (c->json)
		buf_puts(&b, "]}\n");
	cli_write(&b);
	hub_theme_view_free(&v);
	buf_free(&w);
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
	    "open a dot-voting round over needs or categories; prints its id",
	    c_round_open },
	{ "round ballot", "ROUND_ID ITEM=POINTS... --as LOGIN", "as:", 2, 65,
	    0, "spread your points (replaces your ballot)", c_round_ballot },
	{ "round close", "ROUND_ID --as FACILITATOR", "as:", 1, 1, 0,
	    "close the round and print the ranking", c_round_close },
	{ "round show", "ROUND_ID [--json]", "json", 1, 1, 0,
	    "a round's needs, or its ranking once closed", c_round_show },
	{ "theme add", "--title T --spec S [--round R [--top N]] [--need ID]... "
	    "[--switch NAME] --as FACILITATOR",
	    "as:,title:,spec:,round:,top:,need:,switch:", 0, 0, 0,
	    "chosen needs become a theme for a Switch; prints its id",
	    c_theme_add },
	{ "theme show", "ID [--json]", "json", 1, 1, 0,
	    "a theme, its specification and workstreams", c_theme_show },
	{ "workstream add", "THEME_ID --title T --as FACILITATOR",
	    "as:,title:", 1, 1, 0, "open a workstream (chantier); prints "
	    "its id", c_workstream_add },
	{ "workstream join", "ID --as LOGIN", "as:", 1, 1, 0,
	    "sign up for a workstream", c_workstream_join },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};
