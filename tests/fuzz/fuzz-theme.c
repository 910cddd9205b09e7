/* fuzz-theme.c: libFuzzer target for the theme parser: the input is a
 * theme file's contents. Bad lines are collected, never fatal; every
 * style stays within the colours and attributes a terminal knows. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "fuzz-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ui_theme th;
	int bad;

	theme_init(&th);
	if (th.errors.n != 0)
		abort();	/* the built-in default is clean */
	bad = theme_load_file(&th, fuzz_file(data, size));
	if (bad < 0 || (size_t)bad > th.errors.n)
		abort();
	fuzz_check_errors(&th.errors);
	for (int i = 0; i < E__COUNT; i++) {
		const struct ui_style *st = &th.s[i];
		if (st->fg < -1 || st->fg > 255 || st->bg < -1 ||
		    st->bg > 255)
			abort();
	}
	theme_free(&th);
	return 0;
}
