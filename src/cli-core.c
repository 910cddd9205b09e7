/* cli-core.c: commands for the hub itself: init, config, members and
 * their keys, the journal and verify. Bodies parse, call the hub, print. */
#include "cli.h"
#include "codec.h"
#include "emit.h"

#include <stdlib.h>
#include <string.h>

static int
c_init(struct cli *c)
{
	if (hub_init(c->h, &c->who, cli_opt(c, "hub"), &c->e) != 0)
		return cli_fail(c);
	fprintf(stderr, _("cercle: hub created in %s\n"), c->db);
	return 0;
}

static int
c_config_show(struct cli *c)
{
	struct hub_rd *r;
	struct config cfg;
	struct buf b = { 0 };
	struct emit em;

	if (hub_rd_open(c->h, &c->who, &r, &c->e) != 0)
		return cli_fail(c);
	if (hub_config_view(r, &cfg, &c->e) != 0) {
		hub_rd_close(r);
		return cli_fail(c);
	}
	hub_rd_close(r);
	emit_init(&em, c->json ? EMIT_JSON : EMIT_TEXT, &b);
	emit_label_width(&em, 0);
	emit_rec_begin(&em, NULL);
	hub_config_emit(&em, &cfg);
	emit_rec_end(&em);
	emit_free(&em);
	cli_write(&b);
	buf_free(&b);
	codec_free(RT_CONFIG, &cfg);
	return 0;
}

static int
c_config_add(struct cli *c)
{
	if (hub_config_edit(c->h, &c->who, c->argv[0], 1, c->argv[1],
	    &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int
c_config_remove(struct cli *c)
{
	if (hub_config_edit(c->h, &c->who, c->argv[0], 0, c->argv[1],
	    &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int
c_config_rename(struct cli *c)
{
	if (hub_config_rename(c->h, &c->who, c->argv[0], &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int
c_config_lang(struct cli *c)
{
	if (hub_config_set_lang(c->h, &c->who, c->argv[0], &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int
c_member_add(struct cli *c)
{
	const char *name = cli_opt(c, "name"), *role = cli_opt(c, "role");
	uint64_t roles, id;

	if (name == NULL)
		return cli_usage(c, "--name is required");
	if (role == NULL)
		return cli_usage(c, "--role is required");
	if (model_roles_parse(role, &roles, &c->e) != 0)
		return cli_fail(c);
	if (hub_member_add(c->h, &c->who, c->argv[0], name, roles,
	    cli_opt(c, "territory"), cli_opt(c, "org"), &id, &c->e) != 0)
		return cli_fail(c);
	printf("%llu\n", (unsigned long long)id);
	return 0;
}

static int
c_member_role(struct cli *c)
{
	uint64_t roles;

	if (model_roles_parse(c->argv[1], &roles, &c->e) != 0)
		return cli_fail(c);
	if (hub_member_set_roles(c->h, &c->who, c->argv[0], roles,
	    &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int
c_member_disable(struct cli *c)
{
	if (hub_member_set_disabled(c->h, &c->who, c->argv[0], 1, &c->e))
		return cli_fail(c);
	return 0;
}

static int
c_member_enable(struct cli *c)
{
	if (hub_member_set_disabled(c->h, &c->who, c->argv[0], 0, &c->e))
		return cli_fail(c);
	return 0;
}

static int
c_key_add(struct cli *c)
{
	char fp[80];

	if (hub_member_key_add(c->h, &c->who, c->argv[0], c->argv[1], fp,
	    sizeof fp, &c->e) != 0)
		return cli_fail(c);
	printf("%s\n", fp);
	return 0;
}

static int
c_key_remove(struct cli *c)
{
	if (hub_member_key_remove(c->h, &c->who, c->argv[0], c->argv[1],
	    &c->e) != 0)
		return cli_fail(c);
	return 0;
}

/* A member is written one way (hub_member_emit): the list and show, in
 * text and JSON, and the export. In text, the list is one row each. */
static const int member_widths[] = { 16, 28, 20, 14, 24, -1, -1, -1, -1,
    -1 };

struct mlist {
	struct emit em;
};

static int
member_list_cb(const struct hub_member_view *v, void *arg)
{
	struct mlist *ml = arg;
	char n[64];

	emit_rec_begin(&ml->em, NULL);
	hub_member_emit(&ml->em, v, 1);
	snprintf(n, sizeof n, ngettext("  %zu key%s", "  %zu keys%s",
	    v->nkeys), v->nkeys, v->m.disabled ? _("  (disabled)") : "");
	emit_text(&ml->em, n);
	emit_rec_end(&ml->em);
	return 0;
}

static int
c_member_list(struct cli *c)
{
	struct hub_rd *r;
	struct mlist ml;
	struct buf b = { 0 };
	int rc;

	if (hub_rd_open(c->h, &c->who, &r, &c->e) != 0)
		return cli_fail(c);
	emit_init(&ml.em, c->json ? EMIT_JSON : EMIT_TEXT, &b);
	emit_widths(&ml.em, member_widths, sizeof member_widths /
	    sizeof *member_widths);
	emit_list_begin(&ml.em, NULL);
	rc = hub_member_page(r, NULL, 0, member_list_cb, &ml, NULL, &c->e);
	emit_list_end(&ml.em);
	emit_free(&ml.em);
	hub_rd_close(r);
	if (rc == 0)
		cli_write(&b);
	buf_free(&b);
	return rc ? cli_fail(c) : 0;
}

static int
c_member_show(struct cli *c)
{
	struct hub_rd *r;
	struct hub_member_view v;
	struct buf b = { 0 };
	struct emit em;

	if (hub_rd_open(c->h, &c->who, &r, &c->e) != 0)
		return cli_fail(c);
	if (hub_member_view_get(r, c->argv[0], &v, &c->e) != 0) {
		hub_rd_close(r);
		return cli_fail(c);
	}
	hub_rd_close(r);
	emit_init(&em, c->json ? EMIT_JSON : EMIT_TEXT, &b);
	emit_rec_begin(&em, NULL);
	hub_member_emit(&em, &v, 1);
	if (!v.keys_shown && v.nkeys) {
		char n[64];
		snprintf(n, sizeof n, _("keys:         %zu\n"), v.nkeys);
		emit_text(&em, n);
	}
	emit_rec_end(&em);
	emit_free(&em);
	cli_write(&b);
	buf_free(&b);
	hub_member_view_free(&v);
	return 0;
}

static int
c_member_prefs(struct cli *c)
{
	const char *lb = cli_opt(c, "low-bandwidth");
	int low = -1;

	if (lb != NULL) {
		if (strcmp(lb, "on") == 0)
			low = 1;
		else if (strcmp(lb, "off") == 0)
			low = 0;
		else
			return cli_usage(c, "--low-bandwidth is on or off");
	}
	if (hub_member_set_prefs(c->h, &c->who, low, cli_opt(c, "lang"),
	    &c->e) != 0)
		return cli_fail(c);
	return 0;
}

/* ---- journal ---- */

static const int journal_widths[] = { 6, 16, 16, 20, 10, 6, 0 };

static int
journal_cb(const struct hub_journal_view *v, void *arg)
{
	struct emit *em = arg;

	emit_rec_begin(em, NULL);
	hub_journal_emit(em, v);
	emit_rec_end(em);
	if (em->out->len > 65536) {
		cli_write(em->out);
		em->out->len = 0;
	}
	return 0;
}

static int
c_journal(struct cli *c)
{
	struct hub_rd *r;
	struct emit em;
	struct buf b = { 0 };
	uint64_t limit = 0;
	int rc;

	if ((rc = cli_opt_u64(c, "limit", &limit)) < 0)
		return -rc;
	if (hub_rd_open(c->h, &c->who, &r, &c->e) != 0)
		return cli_fail(c);
	emit_init(&em, c->json ? EMIT_JSON : EMIT_TEXT, &b);
	emit_widths(&em, journal_widths, sizeof journal_widths /
	    sizeof *journal_widths);
	emit_list_begin(&em, NULL);
	rc = hub_journal_page(r, cli_flag(c, "reverse"), NULL, (size_t)limit,
	    journal_cb, &em, NULL, &c->e);
	emit_list_end(&em);
	emit_free(&em);
	hub_rd_close(r);
	if (rc == 0)
		cli_write(&b);
	buf_free(&b);
	return rc ? cli_fail(c) : 0;
}

const struct cli_cmd cli_core_cmds[] = {
	{ "init", "[--hub NAME]", "hub:,as:", 0, 0, CLI_CREATE,
	    N_("create a hub with the Hub du Sud defaults"), c_init },
	{ "config show", "[--json]", "json", 0, 0, 0,
	    N_("show the hub name, territories, categories, publics, sources"),
	    c_config_show },
	{ "config add", "LIST VALUE", "as:", 2, 2, 0,
	    N_("add a territory, category, public or source (LIST: "
	    "territories|categories|publics|sources)"), c_config_add },
	{ "config remove", "LIST VALUE", "as:", 2, 2, 0,
	    N_("remove a value from a configuration list"), c_config_remove },
	{ "config rename", "NAME", "as:", 1, 1, 0, N_("rename the hub"),
	    c_config_rename },
	{ "config lang", "fr|en", "as:", 1, 1, 0,
	    N_("set the hub's default language"), c_config_lang },
	{ "member add", "LOGIN --name NAME --role ROLE[,ROLE] [--territory T] "
	    "[--org ORG]", "name:,role:,territory:,org:,as:", 1, 1, 0,
	    N_("add a member (admin); prints the new id"), c_member_add },
	{ "member list", "[--json]", "json", 0, 0, 0, N_("list members"),
	    c_member_list },
	{ "member show", "LOGIN [--json]", "json", 1, 1, 0,
	    N_("show a member, their roles and keys"), c_member_show },
	{ "member role", "LOGIN ROLE[,ROLE]", "as:", 2, 2, 0,
	    N_("set a member's roles (admin)"), c_member_role },
	{ "member disable", "LOGIN", "as:", 1, 1, 0,
	    N_("disable a member: history is kept, access is not"),
	    c_member_disable },
	{ "member enable", "LOGIN", "as:", 1, 1, 0, N_("enable a member again"),
	    c_member_enable },
	{ "member key add", "LOGIN 'ssh-ed25519 AAAA... comment'", "as:", 2, 2,
	    0, N_("add an SSH public key; prints its fingerprint"), c_key_add },
	{ "member key remove", "LOGIN FINGERPRINT|N", "as:", 2, 2, 0,
	    N_("remove a key by fingerprint or number"), c_key_remove },
	{ "member prefs", "--as LOGIN [--low-bandwidth on|off] [--lang fr|en]",
	    "as:,low-bandwidth:,lang:", 0, 0, 0,
	    N_("set a member's own preferences"), c_member_prefs },
	{ "journal", "[--limit N] [--reverse] [--json]", "json,limit:,reverse",
	    0, 0, 0, N_("the journal of every change: who, what, when"),
	    c_journal },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};
