/* test-i18n.c: how the language is chosen (i18n_pick: --lang, the
 * member's preference, LC_ALL, LC_MESSAGES, LANG when they name a
 * catalogue, the hub's default), and a hub configuration from before the
 * language field reads as French. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <msgpack.h>

#include "i18n.h"
#include "codec.h"
#include "hub.h"

static void
test_catalogue(void **state)
{
	(void)state;
	assert_string_equal(i18n_catalogue("fr"), "fr");
	assert_string_equal(i18n_catalogue("fr_FR.UTF-8"), "fr");
	assert_string_equal(i18n_catalogue("fr_BE@euro"), "fr");
	assert_string_equal(i18n_catalogue("en"), "en");
	assert_string_equal(i18n_catalogue("en_GB.utf8"), "en");
	assert_null(i18n_catalogue(NULL));
	assert_null(i18n_catalogue(""));
	assert_null(i18n_catalogue("C"));
	assert_null(i18n_catalogue("C.UTF-8"));
	assert_null(i18n_catalogue("POSIX"));
	assert_null(i18n_catalogue("de_DE.UTF-8"));
	assert_null(i18n_catalogue("french"));
	assert_null(i18n_catalogue("f"));
	assert_null(i18n_catalogue("eng"));
}

/* Every level, alone and against every later one. */
static void
test_pick_order(void **state)
{
	const char *v[6];

	(void)state;
	/* Nothing: French. Only non-catalogue values: French. */
	assert_string_equal(i18n_pick(NULL, NULL, NULL, NULL, NULL, NULL),
	    "fr");
	assert_string_equal(i18n_pick("", "", "C.UTF-8", "C", "POSIX", ""),
	    "fr");
	assert_string_equal(i18n_pick(NULL, NULL, "de_DE.UTF-8",
	    "de_DE.UTF-8", "de_DE.UTF-8", NULL), "fr");
	/* An admin on a host with LANG=C.UTF-8 gets the hub's language. */
	assert_string_equal(i18n_pick(NULL, NULL, NULL, NULL, "C.UTF-8",
	    "fr"), "fr");
	assert_string_equal(i18n_pick(NULL, NULL, NULL, NULL, "C.UTF-8",
	    "en"), "en");
	/* Level i, set to the language the later levels do not speak,
	 * wins over every later level. */
	for (int i = 0; i < 6; i++) {
		for (int w = 0; w < 2; w++) {
			const char *mine = w ? "en_GB.UTF-8" : "fr_FR.UTF-8";
			const char *other = w ? "fr" : "en";
			for (int j = 0; j < 6; j++)
				v[j] = j < i ? NULL : j == i ? mine : other;
			assert_string_equal(i18n_pick(v[0], v[1], v[2], v[3],
			    v[4], v[5]), w ? "en" : "fr");
			/* A level that names no catalogue is skipped. */
			for (int j = 0; j < 6; j++)
				v[j] = j < i ? "de_DE.UTF-8" : j == i ? mine :
				    other;
			assert_string_equal(i18n_pick(v[0], v[1], v[2], v[3],
			    v[4], v[5]), w ? "en" : "fr");
		}
	}
}

/* A configuration record written before key 7 (the language) existed. */
static void
test_old_config_is_french(void **state)
{
	msgpack_sbuffer sb;
	msgpack_packer pk;
	struct config cfg;
	struct err e;

	(void)state;
	msgpack_sbuffer_init(&sb);
	msgpack_packer_init(&pk, &sb, msgpack_sbuffer_write);
	msgpack_pack_map(&pk, 2);
	msgpack_pack_uint64(&pk, 0);
	msgpack_pack_uint64(&pk, 1);
	msgpack_pack_uint64(&pk, 1);
	msgpack_pack_str(&pk, 10);
	msgpack_pack_str_body(&pk, "Hub du Sud", 10);
	memset(&cfg, 0, sizeof cfg);
	assert_int_equal(codec_decode(RT_CONFIG, sb.data, sb.size, &cfg,
	    &e), 0);
	assert_null(cfg.lang);
	assert_string_equal(hub_config_lang(&cfg), "fr");
	codec_free(RT_CONFIG, &cfg);
	msgpack_sbuffer_destroy(&sb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_catalogue),
		cmocka_unit_test(test_pick_order),
		cmocka_unit_test(test_old_config_is_french),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
