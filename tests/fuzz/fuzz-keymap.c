/* fuzz-keymap.c: libFuzzer target for the keymap parser: the input is a
 * keymap file's contents. Bad lines are collected, never fatal; every
 * binding kept is well formed and its key name parses back to it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "fuzz-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ui_keymap km;
	char name[64];
	int bad, key;

	keys_init(&km);
	if (km.errors.n != 0)
		abort();	/* the built-in default is clean */
	bad = keys_load_file(&km, fuzz_file(data, size));
	if (bad < 0 || (size_t)bad > km.errors.n)
		abort();
	fuzz_check_errors(&km.errors);
	for (size_t i = 0; i < km.n; i++) {
		const struct ui_binding *b = &km.v[i];
		if (b->scope < 0 || b->scope >= SC__COUNT ||
		    b->action <= AC_NONE || b->action >= UI_ACTIONS)
			abort();
		keys_name(b->key, name, sizeof name);
		if (keys_parse_name(name, &key) != 0 || key != b->key)
			abort();
		if (keys_lookup(&km, b->scope, b->key) == AC_NONE)
			abort();
	}
	keys_free(&km);
	return 0;
}
