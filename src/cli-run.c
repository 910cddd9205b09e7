/* cli-run.c: the long-running modes: the terminal interface and the SSH
 * server. */
#include "cli.h"

static int
c_tui(struct cli *c)
{
	(void)c;
	fputs("cercle: the terminal interface is not built yet\n", stderr);
	return ERR_SYSTEM;
}

const struct cli_cmd cli_run_cmds[] = {
	{ "tui", "[--member LOGIN] [--proposal ID]", "member:,proposal:", 0, 0,
	    0, "open the terminal interface", c_tui },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};
