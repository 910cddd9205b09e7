/* cli-access.c: `member access`: a member's accessibility preference (the
 * interface in screen-reader mode). Calls the hub only. */
#include "cli.h"

#include <string.h>

static int
c_member_access(struct cli *c)
{
	const char *v = cli_opt(c, "screen-reader");
	int on;

	if (v == NULL)
		return cli_usage(c, "give --screen-reader on|off");
	if (strcmp(v, "on") == 0)
		on = 1;
	else if (strcmp(v, "off") == 0)
		on = 0;
	else
		return cli_usage(c, "--screen-reader is on or off, not "
		    "'%.20s'", v);
	if (hub_access_set(c->h, &c->who, on, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

const struct cli_cmd cli_access_cmds[] = {
	{ "member access", "--as LOGIN --screen-reader on|off",
	    "as:,screen-reader:", 0, 0, 0, N_("the interface in screen-reader "
	    "mode at every login (cursor on the focused row, no lines, no "
	    "colour, one pane)"), c_member_access },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};
