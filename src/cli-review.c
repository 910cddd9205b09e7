/* cli-review.c: `decision review ID DATE` (and the date of `proposal close
 * --review`): the date a decision is to be
 * reviewed on (the next meeting's action-plan review takes it up).
 * Bodies parse, call the hub; no rule is checked here. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

int
cli_review_date(struct cli *c, const char *v, int64_t *when)
{
	char d[24];

	if ((*when = util_parse_date(v)) <= 0)
		return cli_usage(c, "the review date is YYYY-MM-DD [HH:MM], not "
		    "'%.40s'", v);
	/* A day alone: due from its first minute. */
	if (strlen(v) == 10) {
		snprintf(d, sizeof d, "%s 00:00", v);
		*when = util_parse_date(d);
	}
	return 0;
}

static int
c_decision_review(struct cli *c)
{
	uint64_t id;
	int64_t when;

	if (cli_arg_id(c, 0, "decision id", &id) != 0)
		return ERR_USAGE;
	if (cli_review_date(c, c->argv[1], &when) != 0)
		return ERR_USAGE;
	if (hub_decision_review(c->h, &c->who, id, when, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

const struct cli_cmd cli_review_cmds[] = {
	{ "decision review", "ID DATE --as FACILITATOR", "as:", 2, 2, 0,
	    N_("the date a decision is to be reviewed on: the next meeting's "
	    "action-plan review takes it up"), c_decision_review },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};
