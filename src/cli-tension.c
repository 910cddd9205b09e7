/* cli-tension.c: commands for tensions and the agenda. Bodies parse,
 * call the hub, print its views; no rule lives here. */
#include "cli.h"
#include "emit.h"

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
	rc = cli_print_id(id);
	cli_warn_twins(c, RT_TENSION, id);
	return rc;
}

/* A tension is written one way (hub_tension_emit): the agenda's rows and
 * show, in text and JSON. In text, an agenda row keeps its numbered
 * layout: the place and id before the fields, the author after. */
/* The kind and status columns fit the widest word of the language. */
static int agenda_widths[] = { 9, 11, 0, -1, -1, -1, -1, -1, -1,
    -1, -1, -1 };

static int
words_width(const char *(*label)(int), int n)
{
	int w = 0;

	for (int i = 0; i < n; i++) {
		int k = 0;
		for (const char *q = label(i); *q; q++)
			k += ((unsigned char)*q & 0xc0) != 0x80;
		if (k > w)
			w = k;
	}
	return w;
}

struct agenda_out {
	struct emit em;
	size_t n;
};

static int
agenda_row(const struct hub_tension_row *tn, void *arg)
{
	struct agenda_out *o = arg;
	char s[160], a[128];

	emit_rec_begin(&o->em, NULL);
	snprintf(s, sizeof s, "%3zu. #%-4llu ", tn->place,
	    (unsigned long long)tn->id);
	emit_text(&o->em, s);
	hub_tension_emit(&o->em, tn, 0);
	snprintf(s, sizeof s, _(" (by %s)"), util_safe(tn->author, a,
	    sizeof a));
	emit_text(&o->em, s);
	emit_rec_end(&o->em);
	o->n++;
	return 0;
}

static int
emit_fmt_of(struct cli *c)
{
	if (c->json)
		return EMIT_JSON;
	return cli_flag(c, "csv") ? EMIT_CSV : EMIT_TEXT;
}

static int
c_agenda(struct cli *c)
{
	struct agenda_out o;
	struct buf b = { 0 };
	struct hub_rd *r;
	int rc;

	memset(&o, 0, sizeof o);
	if ((rc = cli_rd_open(c, &r)) != 0)
		return rc;
	emit_init(&o.em, emit_fmt_of(c), &b);
	agenda_widths[0] = words_width(hub_tension_kind_label, TK__COUNT);
	agenda_widths[1] = words_width(hub_tension_status_label, TS__COUNT);
	emit_widths(&o.em, agenda_widths, sizeof agenda_widths /
	    sizeof *agenda_widths);
	emit_list_begin(&o.em, NULL);
	rc = hub_agenda_list(r, 0, 0, agenda_row, &o, NULL, &c->e);
	hub_rd_close(r);
	if (rc == 0 && o.n == 0 && o.em.fmt == EMIT_CSV) {
		struct hub_tension_row z;
		struct u64_list nu = { 0 };
		struct str_list ns = { 0 };

		memset(&z, 0, sizeof z);
		z.needs = z.proposals = &nu;
		z.acks = z.questions = z.blocker_reasons = &ns;
		z.place = 1;
		emit_header_only(&o.em);
		emit_rec_begin(&o.em, NULL);
		hub_tension_emit(&o.em, &z, 0);
		emit_rec_end(&o.em);
	}
	emit_list_end(&o.em);
	emit_free(&o.em);
	if (rc != 0) {
		buf_free(&b);
		return cli_fail(c);
	}
	if (o.n == 0 && !c->json && !cli_flag(c, "csv"))
		buf_puts(&b, _("the agenda is empty\n"));
	cli_write(&b);
	buf_free(&b);
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
	char s[64];

	emit_rec_begin(&o->em, NULL);
	snprintf(s, sizeof s, _("tension %llu\n"), (unsigned long long)tn->id);
	emit_text(&o->em, s);
	hub_tension_emit(&o->em, tn, 1);
	emit_rec_end(&o->em);
	return 0;
}

static int
c_tension_show(struct cli *c)
{
	struct agenda_out o;
	struct buf b = { 0 };
	struct hub_rd *r;
	uint64_t id;
	int rc;

	if (cli_arg_id(c, 0, "tension id", &id) != 0)
		return ERR_USAGE;
	memset(&o, 0, sizeof o);
	if ((rc = cli_rd_open(c, &r)) != 0)
		return rc;
	emit_init(&o.em, c->json ? EMIT_JSON : EMIT_TEXT, &b);
	emit_label_width(&o.em, 14);
	rc = hub_tension_view(r, id, tension_show, &o, &c->e);
	hub_rd_close(r);
	emit_free(&o.em);
	if (rc != 0) {
		buf_free(&b);
		return cli_fail(c);
	}
	cli_write(&b);
	buf_free(&b);
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
	    N_("put a tension on the agenda; prints its id"), c_tension_add },
	{ "tension show", "ID [--json]", "json", 1, 1, 0,
	    N_("show a tension: status, understanding, questions, proposals"),
	    c_tension_show },
	{ "tension drop", "ID --as LOGIN", "as:", 1, 1, 0,
	    N_("withdraw a tension from the agenda (author or facilitator)"),
	    c_tension_drop },
	{ "agenda", "[--json|--csv]", "json,csv", 0, 0, 0,
	    N_("the tension agenda, in order"), c_agenda },
	{ "agenda move", "TENSION_ID PLACE --as FACILITATOR", "as:", 2, 2, 0,
	    N_("move a tension to a place on the agenda (1 = first)"),
	    c_agenda_move },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};
