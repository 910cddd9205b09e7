/* cli-moderation.c: `redact`, `member forget`, `flag`, `flags` (issue
 * 16). Bodies parse and call the hub; no rule is checked here. */
#include "cli.h"
#include "i18n.h"
#include "emit.h"

#include <stdio.h>
#include <string.h>

static int
c_redact(struct cli *c)
{
	uint64_t id, n = 0;

	if (cli_arg_id(c, 1, "record id", &id) != 0)
		return ERR_USAGE;
	if (hub_redact(c->h, &c->who, c->argv[0], id, c->argv[2],
	    cli_opt(c, "reason"), &n, &c->e) != 0)
		return cli_fail(c);
	printf(ngettext("%s %llu: %s redacted (%llu journal entry with it)\n",
	    "%s %llu: %s redacted (%llu journal entries with it)\n", n),
	    c->argv[0], (unsigned long long)id, c->argv[2],
	    (unsigned long long)n);
	return 0;
}

static int
c_member_forget(struct cli *c)
{
	char former[32];
	uint64_t n = 0;

	if (hub_member_forget(c->h, &c->who, c->argv[0], former, sizeof former,
	    &n, &c->e) != 0)
		return cli_fail(c);
	printf(ngettext("%s is now %s (%llu journal entry redacted)\n",
	    "%s is now %s (%llu journal entries redacted)\n", n), c->argv[0],
	    former, (unsigned long long)n);
	return 0;
}

static int
c_flag(struct cli *c)
{
	uint64_t id, fid = 0;

	if (cli_arg_id(c, 1, "record id", &id) != 0)
		return ERR_USAGE;
	if (hub_flag_add(c->h, &c->who, c->argv[0], id, c->argv[2],
	    cli_opt(c, "reason"), &fid, &c->e) != 0)
		return cli_fail(c);
	printf(_("flag %llu: the admins will see it\n"),
	    (unsigned long long)fid);
	return 0;
}

static const int flag_widths[] = { 5, 10, 9, 6, 14, 24, 10, 17, 0 };

static int
flag_cb(const struct hub_flag_view *v, void *arg)
{
	struct emit *em = arg;

	emit_rec_begin(em, NULL);
	hub_flag_emit(em, v);
	emit_rec_end(em);
	return 0;
}

static int
c_flags(struct cli *c)
{
	struct hub_rd *r;
	struct emit em;
	struct buf b = { 0 };
	int rc;

	if (hub_rd_open(c->h, &c->who, &r, &c->e) != 0)
		return cli_fail(c);
	emit_init(&em, c->json ? EMIT_JSON : EMIT_TEXT, &b);
	emit_widths(&em, flag_widths, sizeof flag_widths / sizeof *flag_widths);
	emit_list_begin(&em, NULL);
	rc = hub_flag_page(r, cli_flag(c, "all"), flag_cb, &em, &c->e);
	emit_list_end(&em);
	emit_free(&em);
	hub_rd_close(r);
	if (rc == 0)
		cli_write(&b);
	buf_free(&b);
	return rc ? cli_fail(c) : 0;
}

static int
c_flag_dismiss(struct cli *c)
{
	uint64_t id;

	if (cli_arg_id(c, 0, "flag id", &id) != 0)
		return ERR_USAGE;
	if (hub_flag_dismiss(c->h, &c->who, id, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int
c_flag_redact(struct cli *c)
{
	uint64_t id, n = 0;

	if (cli_arg_id(c, 0, "flag id", &id) != 0)
		return ERR_USAGE;
	if (hub_flag_redact(c->h, &c->who, id, cli_opt(c, "reason"), &n,
	    &c->e) != 0)
		return cli_fail(c);
	printf(ngettext("flag %llu: text redacted (%llu journal entry with "
	    "it)\n", "flag %llu: text redacted (%llu journal entries with "
	    "it)\n", n), (unsigned long long)id, (unsigned long long)n);
	return 0;
}

const struct cli_cmd cli_moderation_cmds[] = {
	{ "redact", "TYPE ID FIELD --reason R --as ADMIN", "as:,reason:", 3, 3,
	    0, N_("replace a text (need title|description|practice.N, tension "
	    "title|description|question.N, proposal version.N, position "
	    "reason, action title, ...) by a marker saying who, when and why"),
	    c_redact },
	{ "member forget", "LOGIN --as ADMIN", "as:", 1, 1, 0,
	    N_("personal data on request: a disabled member's name, "
	    "organisation, e-mail and keys go; what they did stays, under "
	    "\"former-ID\""),
	    c_member_forget },
	{ "flag", "TYPE ID FIELD --reason R --as LOGIN", "as:,reason:", 3, 3, 0,
	    N_("flag a text for the admins (fields as for redact)"), c_flag },
	{ "flags", "[--all] [--json] --as ADMIN", "as:,all,json", 0, 0, 0,
	    N_("the moderation queue: open flags, oldest first"), c_flags },
	{ "flag dismiss", "ID --as ADMIN", "as:", 1, 1, 0,
	    N_("close a flag, keeping the text"), c_flag_dismiss },
	{ "flag redact", "ID --reason R --as ADMIN", "as:,reason:", 1, 1, 0,
	    N_("close a flag by redacting its text"), c_flag_redact },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};
