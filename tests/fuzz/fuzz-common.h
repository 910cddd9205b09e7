/* fuzz-common.h: helpers shared by the keymap and theme targets: the input
 * written to a private file, and the check that error lines are inert. */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

static char fuzz_path[64];

static void
fuzz_file_remove(void)
{
	unlink(fuzz_path);
}

/* One file per process, rewritten for every input, so the parser reads
 * the bytes the way it reads a user's file (NULs and all). */
static const char *
fuzz_file(const uint8_t *data, size_t size)
{
	char *path = fuzz_path;
	FILE *f;

	if (path[0] == '\0') {
		snprintf(fuzz_path, sizeof fuzz_path, "/tmp/cercle-fuzz-%ld",
		    (long)getpid());
		atexit(fuzz_file_remove);
	}
	f = fopen(path, "wb");
	if (f == NULL)
		abort();
	if (size > 0 && fwrite(data, 1, size, f) != size)
		abort();
	if (fclose(f) != 0)
		abort();
	return path;
}

/* An error line is shown on the terminal: valid UTF-8, no controls. */
static void
fuzz_check_errors(const struct str_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const char *s = l->v[i];
		if (s == NULL || !utf8_valid(s, strlen(s)))
			abort();
		for (const unsigned char *p = (const unsigned char *)s; *p;
		    p++)
			if (*p < 0x20 || *p == 0x7f)
				abort();
	}
}

#endif
