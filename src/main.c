/* main.c: the entry point. Sets the locale and hands over to the CLI,
 * which also starts the terminal interface and the SSH server. */
#include <locale.h>
#include "cli.h"

int
main(int argc, char **argv)
{
	/* LANG may name a locale this host lacks (an SSH client's, kept
	 * for its language): keep UTF-8 text then. */
	if (setlocale(LC_ALL, "") == NULL)
		setlocale(LC_CTYPE, "C.UTF-8");
	return cli_main(argc, argv);
}
