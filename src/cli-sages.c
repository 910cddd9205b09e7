/* cli-sages.c: the sages the consortium names (`sages name`, in an open
 * meeting with quorum) and the list of them. Bodies parse, call the hub,
 * print its views; no rule is checked here. */
#include "cli.h"
#include "emit.h"

#include <string.h>

static int
c_sages_name(struct cli *c)
{
	if (hub_sages_name(c->h, &c->who, (const char *const *)c->argv,
	    (size_t)c->argc, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

struct slist {
	struct emit *em;
	size_t n;
};

static int
sage_cb(const struct hub_member_view *v, void *arg)
{
	struct slist *s = arg;

	if (!(v->m.roles & ROLE_SAGE) || v->m.disabled)
		return 0;
	emit_rec_begin(s->em, NULL);
	emit_str(s->em, "login", v->m.login);
	emit_str(s->em, "name", v->m.name);
	emit_str(s->em, "organisation", v->m.org);
	emit_rec_end(s->em);
	s->n++;
	return 0;
}

static int
c_sages_list(struct cli *c)
{
	struct buf b = { 0 };
	struct hub_rd *r;
	struct emit em;
	struct slist s;
	int rc;

	if ((rc = cli_rd_open(c, &r)) != 0)
		return rc;
	emit_init(&em, c->json ? EMIT_JSON : EMIT_TEXT, &b);
	emit_widths(&em, (const int[]){ 16, 24, 0 }, 3);
	s.em = &em;
	s.n = 0;
	emit_list_begin(&em, NULL);
	rc = hub_member_page(r, NULL, 0, sage_cb, &s, NULL, &c->e);
	emit_list_end(&em);
	emit_free(&em);
	hub_rd_close(r);
	if (rc != 0) {
		buf_free(&b);
		return cli_fail(c);
	}
	if (!c->json && s.n == 0)
		buf_printf(&b, "%s\n", _("no sage named yet"));
	cli_write(&b);
	buf_free(&b);
	return 0;
}

const struct cli_cmd cli_sages_cmds[] = {
	{ "sages name", "LOGIN... --as FACILITATOR", "as:", 1, 64, 0,
	    N_("name the sages in the open meeting with quorum (replaces the "
	    "set)"), c_sages_name },
	{ "sages list", "[--json]", "json", 0, 0, 0,
	    N_("the sages the consortium named"), c_sages_list },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};
