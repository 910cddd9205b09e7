/* main.c: the entry point. Sets the locale and hands over to the CLI,
 * which also starts the terminal interface and the SSH server. */
#include <locale.h>
#include "cli.h"

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	return cli_main(argc, argv);
}
