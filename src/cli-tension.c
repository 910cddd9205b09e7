/* cli-tension.c: commands for tensions and the agenda. Bodies parse,
 * call the hub, print its views; no rule lives here. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static int
c_tension_add(struct cli *c)
{
	const char *kind = cli_opt(c, "kind"), *title = cli_opt(c, "title");
	struct u64_list needs = { 0 };
	uint64_t id;
	int k, rc;

	if (kind == NULL || (k = model_tension_kind_parse(kind)) < 0)
		return cli_usage(c, "--kind is project, chamber or position");
	if (title == NULL)
		return cli_usage(c, "--title is required");
	if ((rc = cli_opt_ids(c, "need", &needs)) != 0)
		return rc;
	rc = hub_tension_add(c->h, &c->who, k, title,
	    cli_opt(c, "description"), &needs, &id, &c->e);
	u64_list_free(&needs);
	if (rc != 0)
		return cli_fail(c);
	return cli_print_id(id);
}

/* A tension as JSON: the same fields in the agenda and in show. */
static void
tension_json(struct buf *b, const struct hub_tension_row *tn, size_t place)
{
	char iso[32];

	buf_printf(b, "{\"id\":%llu,", (unsigned long long)tn->id);
	if (place)
		buf_printf(b, "\"place\":%zu,", place);
	buf_printf(b, "\"kind\":\"%s\",\"status\":\"%s\",\"title\":",
	    model_tension_kind_name(tn->kind),
	    model_tension_status_name(tn->status));
	json_str(b, tn->title);
	buf_puts(b, ",\"description\":");
	json_str(b, tn->description);
	buf_puts(b, ",\"author\":");
	cli_put_login(b, tn->author, 1);
	buf_puts(b, ",\"needs\":");
	json_u64_list(b, tn->needs);
	buf_printf(b, ",\"rank\":%llu,\"created\":\"%s\",\"acknowledged_by\":",
	    (unsigned long long)tn->rank,
	    util_fmt_iso(tn->created, iso, sizeof iso));
	cli_put_logins(b, tn->acks, 1);
	buf_puts(b, ",\"questions\":");
	json_str_list(b, tn->questions);
	buf_puts(b, ",\"blockers_reasons\":");
	json_str_list(b, tn->blocker_reasons);
	buf_puts(b, "}");
}

struct agenda_out {
	struct cli *c;
	struct buf b;
	size_t n;
};

static int
agenda_row(const struct hub_tension_row *tn, void *arg)
{
	struct agenda_out *o = arg;
	char s[400];

	if (o->c->json) {
		if (o->n)
			buf_puts(&o->b, ",");
		tension_json(&o->b, tn, tn->place);
	} else {
		buf_printf(&o->b, "%3zu. #%-4llu %-9s %-11s %s (by ", tn->place,
		    (unsigned long long)tn->id,
		    model_tension_kind_name(tn->kind),
		    model_tension_status_name(tn->status),
		    util_safe(tn->title, s, sizeof s));
		cli_put_login(&o->b, tn->author, 0);
		buf_puts(&o->b, ")\n");
	}
	o->n++;
	return 0;
}

static int
c_agenda(struct cli *c)
{
	struct agenda_out o;
	struct hub_rd *r;
	int rc;

	memset(&o, 0, sizeof o);
	o.c = c;
	if ((rc = cli_rd_open(c, &r)) != 0)
		return rc;
	if (c->json)
		buf_puts(&o.b, "[");
	rc = hub_agenda_list(r, 0, 0, agenda_row, &o, NULL, &c->e);
	hub_rd_close(r);
	if (rc != 0) {
		buf_free(&o.b);
		return cli_fail(c);
	}
	if (c->json)
		buf_puts(&o.b, "]\n");
	else if (o.n == 0)
		buf_puts(&o.b, "the agenda is empty\n");
	cli_write(&o.b);
	buf_free(&o.b);
	return 0;
}

static int
c_agenda_move(struct cli *c)
{
	uint64_t id, pos;

	if (cli_arg_id(c, 0, "tension id", &id) != 0 ||
	    cli_arg_id(c, 1, "place", &pos) != 0)
		return ERR_USAGE;
	if (hub_agenda_move(c->h, &c->who, id, pos, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int
tension_show(const struct hub_tension_row *tn, void *arg)
{
	struct agenda_out *o = arg;
	struct buf *b = &o->b;
	char s[400], ts[32];

	if (o->c->json) {
		tension_json(b, tn, 0);
		b->len--;	/* reopen the object to add the proposals */
		buf_puts(b, ",\"proposals\":");
		json_u64_list(b, tn->proposals);
		buf_puts(b, "}\n");
		return 0;
	}
	buf_printf(b, "tension %llu (%s): %s\n", (unsigned long long)tn->id,
	    model_tension_kind_name(tn->kind), util_safe(tn->title, s,
	    sizeof s));
	buf_printf(b, "status:    %s\nbrought by: ",
	    model_tension_status_name(tn->status));
	cli_put_login(b, tn->author, 0);
	buf_printf(b, " on %s\n", util_fmt_time(tn->created, ts, sizeof ts));
	if (tn->description)
		cli_put_text(b, tn->description, "  ");
	if (tn->needs->n) {
		buf_puts(b, "needs:     ");
		for (size_t i = 0; i < tn->needs->n; i++)
			buf_printf(b, "%s#%llu", i ? ", " : "",
			    (unsigned long long)tn->needs->v[i]);
		buf_puts(b, "\n");
	}
	buf_puts(b, "understood by: ");
	cli_put_logins(b, tn->acks, 0);
	buf_puts(b, "\n");
	for (size_t i = 0; i < tn->questions->n; i++)
		buf_printf(b, "question:  %s\n", util_safe(tn->questions->v[i],
		    s, sizeof s));
	for (size_t i = 0; i < tn->blocker_reasons->n; i++)
		buf_printf(b, "blocked:   %s\n", util_safe(
		    tn->blocker_reasons->v[i], s, sizeof s));
	for (size_t i = 0; i < tn->proposals->n; i++)
		buf_printf(b, "proposal:  %llu\n",
		    (unsigned long long)tn->proposals->v[i]);
	return 0;
}

static int
c_tension_show(struct cli *c)
{
	struct agenda_out o;
	struct hub_rd *r;
	uint64_t id;
	int rc;

	if (cli_arg_id(c, 0, "tension id", &id) != 0)
		return ERR_USAGE;
	memset(&o, 0, sizeof o);
	o.c = c;
	if ((rc = cli_rd_open(c, &r)) != 0)
		return rc;
	rc = hub_tension_view(r, id, tension_show, &o, &c->e);
	hub_rd_close(r);
	if (rc != 0) {
		buf_free(&o.b);
		return cli_fail(c);
	}
	cli_write(&o.b);
	buf_free(&o.b);
	return 0;
}

static int
c_tension_drop(struct cli *c)
{
	uint64_t id;

	if (cli_arg_id(c, 0, "tension id", &id) != 0)
		return ERR_USAGE;
	if (hub_tension_drop(c->h, &c->who, id, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

const struct cli_cmd cli_tension_cmds[] = {
	{ "tension add", "--as LOGIN --kind project|chamber|position --title T "
	    "[--description D] [--need ID]...",
	    "as:,kind:,title:,description:,need:", 0, 0, 0,
	    "put a tension on the agenda; prints its id", c_tension_add },
	{ "tension show", "ID [--json]", "json", 1, 1, 0,
	    "show a tension: status, understanding, questions, proposals",
	    c_tension_show },
	{ "tension drop", "ID --as LOGIN", "as:", 1, 1, 0,
	    "withdraw a tension from the agenda (author or facilitator)",
	    c_tension_drop },
	{ "agenda", "[--json]", "json", 0, 0, 0,
	    "the tension agenda, in order", c_agenda },
	{ "agenda move", "TENSION_ID PLACE --as FACILITATOR", "as:", 2, 2, 0,
	    "move a tension to a place on the agenda (1 = first)",
	    c_agenda_move },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};
