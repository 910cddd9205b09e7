/* test-emit.c: the output emitter, each backend on the same records:
 * absent values, ISO times, CSV header and neutralised cells, hostile
 * text made inert, nesting. Links against the util layer only. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "emit.h"

/* Two members, the second with absent fields and hostile text. */
static void
members(struct emit *em)
{
	struct str_list roles = { 0 };

	str_list_push(&roles, "member");
	str_list_push(&roles, "facilitator");
	emit_list_begin(em, "members");
	emit_rec_begin(em, NULL);
	emit_u64(em, "id|", 1);
	emit_str(em, "login", "alice");
	emit_str(em, "organisation", "Zinc, Marseille");
	emit_strs(em, "roles", &roles);
	emit_bool(em, "disabled", 0);
	emit_time(em, "created|since", 1795420800);	/* 2026-11-23 */
	emit_rec_end(em);
	emit_rec_begin(em, NULL);
	emit_u64(em, "id|", 2);
	emit_str(em, "login", "bob");
	emit_str(em, "organisation", NULL);
	emit_strs(em, "roles", &roles);
	emit_bool(em, "disabled", 1);
	emit_time(em, "created|since", 0);
	emit_rec_end(em);
	emit_list_end(em);
	str_list_free(&roles);
}

static void
test_json(void **state)
{
	struct buf b = { 0 };
	struct emit em;

	(void)state;
	emit_init(&em, EMIT_JSON, &b);
	members(&em);
	emit_free(&em);
	assert_string_equal(b.p,
	    "[{\"id\":1,\"login\":\"alice\",\"organisation\":\"Zinc, "
	    "Marseille\",\"roles\":[\"member\",\"facilitator\"],"
	    "\"disabled\":false,\"created\":\"2026-11-23T08:00:00Z\"},"
	    "{\"id\":2,\"login\":\"bob\",\"organisation\":null,"
	    "\"roles\":[\"member\",\"facilitator\"],\"disabled\":true,"
	    "\"created\":null}]\n");
	buf_free(&b);
}

static void
test_json_nested(void **state)
{
	struct buf b = { 0 };
	struct emit em;

	(void)state;
	emit_init(&em, EMIT_JSON, &b);
	emit_rec_begin(&em, NULL);
	emit_str(&em, "hub", "H\x1b[2J\"");
	emit_list_begin(&em, "keys");
	emit_rec_begin(&em, NULL);
	emit_str(&em, "fingerprint", "SHA256:x");
	emit_rec_end(&em);
	emit_list_end(&em);
	emit_rec_begin(&em, "config");
	emit_id(&em, "merged_into", 0);
	emit_id(&em, "into", 7);
	emit_rec_end(&em);
	emit_rec_end(&em);
	emit_free(&em);
	assert_string_equal(b.p, "{\"hub\":\"H\\u001b[2J\\\"\",\"keys\":"
	    "[{\"fingerprint\":\"SHA256:x\"}],\"config\":{\"merged_into\":"
	    "null,\"into\":7}}\n");
	buf_free(&b);
}

static void
test_csv(void **state)
{
	struct buf b = { 0 };
	struct emit em;

	(void)state;
	emit_init(&em, EMIT_CSV, &b);
	members(&em);
	emit_free(&em);
	assert_string_equal(b.p,
	    "id,login,organisation,roles,disabled,created\r\n"
	    "1,alice,\"Zinc, Marseille\",member | facilitator,false,"
	    "2026-11-23T08:00:00Z\r\n"
	    "2,bob,,member | facilitator,true,\r\n");
	buf_free(&b);
}

static void
test_csv_injection(void **state)
{
	static const char *const bad[] = { "=1+1", "+1", "-2", "@SUM(A1)",
	    "\tx", "\rx" };
	struct buf b = { 0 };
	struct emit em;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		b.len = 0;
		emit_init(&em, EMIT_CSV, &b);
		emit_rec_begin(&em, NULL);
		emit_str(&em, "t", bad[i]);
		emit_rec_end(&em);
		emit_free(&em);
		assert_true(strncmp(b.p, "t\r\n'", 4) == 0 ||
		    strncmp(b.p, "t\r\n\"'", 5) == 0);
	}
	/* Control characters never reach the file raw; newlines, quoted,
	 * do (a description has lines). */
	b.len = 0;
	emit_init(&em, EMIT_CSV, &b);
	emit_rec_begin(&em, NULL);
	emit_str(&em, "t", "a\x1b[31mb\nc\"d");
	emit_rec_end(&em);
	emit_free(&em);
	assert_string_equal(b.p, "t\r\n\"a^[[31mb\nc\"\"d\"\r\n");
	/* Numbers are not neutralised. */
	b.len = 0;
	emit_init(&em, EMIT_CSV, &b);
	emit_rec_begin(&em, NULL);
	emit_i64(&em, "n", -3);
	emit_rec_end(&em);
	emit_free(&em);
	assert_string_equal(b.p, "n\r\n-3\r\n");
	buf_free(&b);
}

static void
test_text_rows(void **state)
{
	static const int w[] = { 6, 16, 20, 0 };
	struct buf b = { 0 };
	struct emit em;

	(void)state;
	emit_init(&em, EMIT_TEXT, &b);
	emit_widths(&em, w, 4);
	members(&em);
	emit_free(&em);
	/* id is left out of text; absent is "-". */
	assert_string_equal(b.p,
	    "alice  Zinc, Marseille  member, facilitator  no "
	    "2026-11-23 08:00\n"
	    "bob    -                member, facilitator  yes -\n");
	buf_free(&b);
}

static void
test_text_block(void **state)
{
	struct buf b = { 0 };
	struct emit em;
	struct str_list l = { 0 };

	(void)state;
	str_list_push(&l, "Alpes");
	str_list_push(&l, "Azur\x1b]0;pwn\x07");
	emit_init(&em, EMIT_TEXT, &b);
	emit_rec_begin(&em, NULL);
	emit_u64(&em, "id|", 3);
	emit_str(&em, "login", "zoé");
	emit_str(&em, "org|organisation", NULL);
	emit_strs(&em, "territories", &l);
	emit_str(&em, "description", "two\nlines");
	emit_text(&em, "watch:        to meet the facilitator\n");
	emit_list_begin(&em, "keys|key");
	emit_rec_begin(&em, NULL);
	emit_str(&em, "fingerprint", "SHA256:abc");
	emit_str(&em, "type", "ssh-ed25519");
	emit_str(&em, "key|", "ssh-ed25519 AAAA");
	emit_rec_end(&em);
	emit_list_end(&em);
	emit_rec_end(&em);
	emit_free(&em);
	assert_string_equal(b.p,
	    "login:        zoé\n"
	    "organisation: -\n"
	    "territories:\n  Alpes\n  Azur^[]0;pwn^G\n"
	    "description:\n  two\n  lines\n"
	    "watch:        to meet the facilitator\n"
	    "key 1:        SHA256:abc ssh-ed25519\n");
	str_list_free(&l);
	buf_free(&b);
}

static void
test_markdown(void **state)
{
	struct buf b = { 0 };
	struct emit em;

	(void)state;
	emit_init(&em, EMIT_MD, &b);
	members(&em);
	emit_free(&em);
	assert_string_equal(b.p,
	    "## members\n\n"
	    "| id | login | organisation | roles | disabled | created |\n"
	    "|---|---|---|---|---|---|\n"
	    "| 1 | alice | Zinc, Marseille | member, facilitator | no | "
	    "2026-11-23 08:00 |\n"
	    "| 2 | bob |  | member, facilitator | yes |  |\n\n");
	b.len = 0;
	emit_init(&em, EMIT_MD, &b);
	emit_rec_begin(&em, NULL);
	emit_str(&em, "title", "*bold* | <script> [x](y)\x1b");
	emit_rec_end(&em);
	emit_free(&em);
	assert_string_equal(b.p, "- **title**: \\*bold\\* \\| \\<script\\> "
	    "\\[x\\](y)^\\[\n");
	buf_free(&b);
}

static void
test_header_only(void **state)
{
	struct buf b = { 0 };
	struct emit em;

	(void)state;
	for (int f = 0; f < EMIT__COUNT; f++) {
		b.len = 0;
		if (b.p)
			b.p[0] = '\0';
		emit_init(&em, f, &b);
		emit_list_begin(&em, NULL);
		emit_header_only(&em);
		emit_rec_begin(&em, NULL);
		emit_u64(&em, "id", 0);
		emit_str(&em, "title", NULL);
		emit_rec_end(&em);
		emit_list_end(&em);
		emit_free(&em);
		assert_string_equal(b.p ? b.p : "", f == EMIT_CSV ?
		    "id,title\r\n" : f == EMIT_JSON ? "[]\n" : f == EMIT_MD ?
		    "| id | title |\n|---|---|\n\n" : "");
	}
	buf_free(&b);
}

static void
test_parse(void **state)
{
	(void)state;
	assert_int_equal(emit_fmt_parse("json"), EMIT_JSON);
	assert_int_equal(emit_fmt_parse("csv"), EMIT_CSV);
	assert_int_equal(emit_fmt_parse("text"), EMIT_TEXT);
	assert_int_equal(emit_fmt_parse("markdown"), EMIT_MD);
	assert_int_equal(emit_fmt_parse("md"), EMIT_MD);
	assert_int_equal(emit_fmt_parse("xml"), -1);
	assert_int_equal(emit_fmt_parse(NULL), -1);
}

int
main(void)
{
	/* Readable times are local: pin the zone. */
	setenv("TZ", "UTC", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_json_nested),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_csv_injection),
		cmocka_unit_test(test_text_rows),
		cmocka_unit_test(test_text_block),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_header_only),
		cmocka_unit_test(test_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
