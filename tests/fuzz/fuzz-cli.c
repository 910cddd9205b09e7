/* fuzz-cli.c: libFuzzer target for the command-line parser: the input is
 * split on NUL bytes into arguments and run through cli_parse_only(),
 * which does all of cli_main's parsing but opens no database. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_MAXARGS 300

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[FUZZ_MAXARGS + 2];
	char *copy;
	int argc = 0, rc;
	size_t i, start = 0;

	copy = malloc(size + 1);
	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	argv[argc++] = "cercle";
	for (i = 0; i <= size && argc < FUZZ_MAXARGS; i++) {
		if (i == size || copy[i] == '\0') {
			if (i > start || i < size)
				argv[argc++] = copy + start;
			start = i + 1;
		}
	}
	argv[argc] = NULL;
	rc = cli_parse_only(argc, argv);
	if (rc < 0 || rc > ERR_SYSTEM)
		abort();	/* only the documented exit codes */
	free(copy);
	return 0;
}
