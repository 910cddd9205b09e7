/* cli-moderation.c: `redact`, `member forget`, `flag`, `flags` (issue
 * 16). Bodies parse and call the hub; no rule is checked here. */
#include "cli.h"
#include "i18n.h"

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

const struct cli_cmd cli_moderation_cmds[] = {
	{ "redact", "TYPE ID FIELD --reason R --as ADMIN", "as:,reason:", 3, 3,
	    0, "replace a text (need title|description|practice.N, tension "
	    "title|description|question.N, proposal version.N, position "
	    "reason, action title, ...) by a marker saying who, when and why",
	    c_redact },
	{ "member forget", "LOGIN --as ADMIN", "as:", 1, 1, 0,
	    "personal data on request: a disabled member's name, organisation, "
	    "e-mail and keys go; what they did stays, under \"former-ID\"",
	    c_member_forget },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};
