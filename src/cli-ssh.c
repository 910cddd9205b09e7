/* cli-ssh.c: commands for SSH access: the embedded server and the
 * OpenSSH authorized_keys mode. */
#include "cli.h"

const struct cli_cmd cli_ssh_cmds[] = {
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};
