/* cli-need.c: commands for the needs queue, exports and the demo hub.
 * Bodies parse, call the hub, print. */
#include "cli.h"

const struct cli_cmd cli_need_cmds[] = {
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};
