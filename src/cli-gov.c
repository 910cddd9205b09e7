/* cli-gov.c: commands for governance: tensions, agenda, meetings,
 * proposals, positions, decisions, actions, minutes. */
#include "cli.h"

const struct cli_cmd cli_gov_cmds[] = {
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};
