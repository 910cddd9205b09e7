/* test-util.c: UTF-8 decoding and validation, text and login checks, the
 * sanitiser, JSON and CSV escaping, date parsing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util.h"

#define V(s) utf8_valid(s, sizeof(s) - 1)

static void
test_utf8_decode(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(utf8_decode("\xc3\xa9", 2, &cp), 2);
	assert_int_equal(cp, 0xe9);
	assert_int_equal(utf8_decode("\xe2\x82\xac", 3, &cp), 3);
	assert_int_equal(cp, 0x20ac);
	assert_int_equal(utf8_decode("\xf0\x9f\x8c\x8d", 4, &cp), 4);
	assert_int_equal(cp, 0x1f30d);
	assert_int_equal(utf8_decode("\xf4\x8f\xbf\xbf", 4, &cp), 4);
	assert_int_equal(cp, 0x10ffff);
	/* Short input, bad continuation, lone continuation, n == 0. */
	assert_int_equal(utf8_decode("\xc3\xa9", 1, &cp), 0);
	assert_int_equal(utf8_decode("\xe2\x82", 2, &cp), 0);
	assert_int_equal(utf8_decode("\xc3\x41", 2, &cp), 0);
	assert_int_equal(utf8_decode("\x80", 1, &cp), 0);
	assert_int_equal(utf8_decode("", 0, &cp), 0);
	/* Overlongs. */
	assert_int_equal(utf8_decode("\xc0\xaf", 2, &cp), 0);
	assert_int_equal(utf8_decode("\xc1\xbf", 2, &cp), 0);
	assert_int_equal(utf8_decode("\xe0\x80\xaf", 3, &cp), 0);
	assert_int_equal(utf8_decode("\xe0\x9f\xbf", 3, &cp), 0);
	assert_int_equal(utf8_decode("\xf0\x80\x80\xaf", 4, &cp), 0);
	assert_int_equal(utf8_decode("\xf0\x8f\xbf\xbf", 4, &cp), 0);
	/* Surrogates. */
	assert_int_equal(utf8_decode("\xed\xa0\x80", 3, &cp), 0);
	assert_int_equal(utf8_decode("\xed\xbf\xbf", 3, &cp), 0);
	assert_int_equal(utf8_decode("\xed\x9f\xbf", 3, &cp), 3);
	/* Past U+10FFFF, and 5/6-byte and invalid lead bytes. */
	assert_int_equal(utf8_decode("\xf4\x90\x80\x80", 4, &cp), 0);
	assert_int_equal(utf8_decode("\xf5\x80\x80\x80", 4, &cp), 0);
	assert_int_equal(utf8_decode("\xf8\x88\x80\x80\x80", 5, &cp), 0);
	assert_int_equal(utf8_decode("\xfc\x84\x80\x80\x80\x80", 6, &cp), 0);
	assert_int_equal(utf8_decode("\xfe", 1, &cp), 0);
	assert_int_equal(utf8_decode("\xff", 1, &cp), 0);
}

static void
test_utf8_encode_roundtrip(void **state)
{
	static const uint32_t cps[] = { 0, 0x7f, 0x80, 0x7ff, 0x800, 0xd7ff,
	    0xe000, 0xfffd, 0xffff, 0x10000, 0x10ffff };
	char b[4];
	uint32_t cp;

	(void)state;
	for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		size_t n = utf8_encode(cps[i], b);
		assert_int_equal(utf8_decode(b, n, &cp), n);
		assert_int_equal(cp, cps[i]);
	}
}

static void
test_utf8_valid(void **state)
{
	(void)state;
	assert_true(V(""));
	assert_true(V("plain"));
	assert_true(V("Élodie à Marseille 🌍"));
	assert_false(V("a\xff"));
	assert_false(V("\xc0\x80"));		/* overlong NUL */
	assert_false(V("\xed\xa0\x80\xed\xb0\x80"));	/* CESU pair */
	assert_false(V("\xf4\x90\x80\x80"));
	assert_false(V("caf\xc3"));		/* cut at the end */
	assert_int_equal(utf8_len("é€🌍a"), 4);
}

static void
test_text_check(void **state)
{
	struct err e;

	(void)state;
	assert_int_equal(text_check("title", NULL, 10, 0, &e), 0);
	assert_int_equal(text_check("title", "", 10, 0, &e), 0);
	assert_int_equal(text_check("title", "Accès aux droits", 100, 0, &e),
	    0);
	assert_int_equal(text_check("title", "12345678901", 10, 0, &e),
	    ERR_USAGE);
	assert_non_null(strstr(e.msg, "title is too long"));
	/* The limit is in bytes: "é" is two. */
	assert_int_equal(text_check("t", "éé", 3, 0, &e), ERR_USAGE);
	assert_int_equal(text_check("t", "éé", 4, 0, &e), 0);
	assert_int_equal(text_check("name", "a\xffz", 10, 0, &e), ERR_USAGE);
	assert_non_null(strstr(e.msg, "UTF-8"));
	assert_int_equal(text_check("name", "\xc0\xaf", 10, 0, &e), ERR_USAGE);
	assert_int_equal(text_check("name", "a\033[31m", 10, 0, &e),
	    ERR_USAGE);
	assert_non_null(strstr(e.msg, "control"));
	assert_int_equal(text_check("name", "a\x7f", 10, 0, &e), ERR_USAGE);
	assert_int_equal(text_check("name", "a\xc2\x9b" "1", 10, 0, &e),
	    ERR_USAGE);			/* C1 CSI */
	assert_int_equal(text_check("name", "a\nb", 10, 0, &e), ERR_USAGE);
	assert_int_equal(text_check("desc", "a\nb\tc", 10, 1, &e), 0);
	assert_int_equal(text_check("desc", "a\rb", 10, 1, &e), ERR_USAGE);
}

static void
test_login_check(void **state)
{
	struct err e;

	(void)state;
	assert_int_equal(login_check("alice", &e), 0);
	assert_int_equal(login_check("a", &e), 0);
	assert_int_equal(login_check("j.dupont-2_x", &e), 0);
	assert_int_equal(login_check("abcdefghijklmnopqrstuvwxyz012345", &e),
	    0);
	assert_int_equal(login_check("abcdefghijklmnopqrstuvwxyz0123456", &e),
	    ERR_USAGE);
	assert_int_equal(login_check("", &e), ERR_USAGE);
	assert_int_equal(login_check("Alice", &e), ERR_USAGE);
	assert_int_equal(login_check("1alice", &e), ERR_USAGE);
	assert_int_equal(login_check("-alice", &e), ERR_USAGE);
	assert_int_equal(login_check("al ice", &e), ERR_USAGE);
	assert_int_equal(login_check("alicé", &e), ERR_USAGE);
	assert_int_equal(login_check("al/ice", &e), ERR_USAGE);
}

/* Sanitised text holds no byte a terminal acts on: no C0 but (multiline)
 * \n and \t, no DEL, no C1, no bidi control, and is valid UTF-8. */
static void
assert_inert(const char *s, size_t n, int multiline)
{
	size_t i = 0, k;
	uint32_t cp;

	assert_true(utf8_valid(s, n));
	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		assert_true(k > 0);
		if (cp < 0x20)
			assert_true(multiline && (cp == '\n' || cp == '\t'));
		assert_int_not_equal(cp, 0x7f);
		assert_false(cp >= 0x80 && cp < 0xa0);
		assert_false(cp >= 0x202a && cp <= 0x202e);
		assert_false(cp >= 0x2066 && cp <= 0x2069);
		assert_false(cp == 0x200e || cp == 0x200f || cp == 0x61c);
		assert_false(util_is_invisible(cp));
		i += k;
	}
}

static char *
san(const char *s, size_t n, int multiline)
{
	struct buf b = { 0 };
	char *r;

	util_sanitize(&b, s, n, multiline);
	assert_inert(b.p ? b.p : "", b.len, multiline);
	r = xstrdup(b.p ? b.p : "");
	buf_free(&b);
	return r;
}

#define SAN(lit, ml) san(lit, sizeof(lit) - 1, ml)
#define SAN_IS(lit, ml, want) do { \
	char *r_ = SAN(lit, ml); \
	assert_string_equal(r_, want); \
	free(r_); \
} while (0)

static void
test_sanitize(void **state)
{
	char out[16];

	(void)state;
	SAN_IS("Élodie", 0, "Élodie");
	SAN_IS("\033[2J\033[31mred", 0, "^[[2J^[[31mred");
	SAN_IS("\033]0;title\007x", 0, "^[]0;title^Gx");	/* OSC */
	SAN_IS("\033P+q\033\\", 0, "^[P+q^[\\");		/* DCS */
	SAN_IS("a\x7f" "b", 0, "a^?b");
	SAN_IS("a\xc2\x9b" "31m", 0, "a\xef\xbf\xbd" "31m");	/* C1 CSI */
	SAN_IS("a\xc2\x9d" "0;x\xc2\x9c", 0,
	    "a\xef\xbf\xbd" "0;x\xef\xbf\xbd");			/* C1 OSC/ST */
	SAN_IS("\xe2\x80\xae" "evil", 0, "\xef\xbf\xbd" "evil");	/* U+202E */
	/* Zero-width and invisible characters are shown, not dropped. */
	SAN_IS("a\xe2\x80\x8b" "b", 0, "a⟨U+200B⟩b");
	SAN_IS("a\xe2\x80\x8d" "b\xe2\x81\xa0" "c\xef\xbb\xbf", 0,
	    "a⟨U+200D⟩b⟨U+2060⟩c⟨U+FEFF⟩");
	SAN_IS("soft\xc2\xad" "hyphen", 1, "soft⟨U+00AD⟩hyphen");
	{
		char f[32];
		assert_int_equal(util_fold_invisible("Bu\xe2\x80\x8b" "dget"
		    "\xef\xbb\xbf", f, sizeof f), 6);
		assert_string_equal(f, "Budget");
		assert_int_equal(util_fold_invisible("\xe2\x80\x8b", f,
		    sizeof f), 0);
		assert_int_equal(util_fold_invisible("abcdef", f, 4), 3);
	}
	SAN_IS("\xe2\x81\xa6" "x\xe2\x81\xa9", 0,
	    "\xef\xbf\xbd" "x\xef\xbf\xbd");		/* U+2066..2069 */
	SAN_IS("\xe2\x80\x8f\xd8\x9c", 0, "\xef\xbf\xbd\xef\xbf\xbd");
	SAN_IS("a\xff" "b\xc0\xaf", 0, "a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd");
	SAN_IS("\xed\xa0\x80", 0, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	SAN_IS("line1\nline2\tx\r", 0, "line1 line2 x^M");
	SAN_IS("line1\nline2\tx\r", 1, "line1\nline2\tx^M");
	/* NUL inside the given length is shown, not a terminator. */
	{
		char *r = san("a\0b", 3, 0);
		assert_string_equal(r, "a^@b");
		free(r);
	}
	/* Every byte value alone, both modes. */
	for (int c = 0; c < 256; c++) {
		char in[1] = { (char)c };
		free(san(in, 1, 0));
		free(san(in, 1, 1));
	}
	/* util_safe bounds its output and never cuts a sequence. */
	util_safe("ééééééééééé", out, sizeof out);
	assert_true(strlen(out) < sizeof out);
	assert_true(utf8_valid(out, strlen(out)));
	assert_string_equal(out, "ééééééé");
	util_safe(NULL, out, sizeof out);
	assert_string_equal(out, "");
	util_safe("\033[1m", out, sizeof out);
	assert_string_equal(out, "^[[1m");
}

static char *
js(const char *s)
{
	struct buf b = { 0 };
	char *r;

	json_str(&b, s);
	r = xstrdup(b.p);
	buf_free(&b);
	return r;
}

static char *
csv(const char *s)
{
	struct buf b = { 0 };
	char *r;

	csv_field(&b, s);
	r = xstrdup(b.p ? b.p : "");
	buf_free(&b);
	return r;
}

#define STR_IS(expr, want) do { \
	char *r_ = (expr); \
	assert_string_equal(r_, want); \
	free(r_); \
} while (0)

static void
test_json_csv(void **state)
{
	(void)state;
	STR_IS(js(NULL), "\"\"");
	STR_IS(js("plain"), "\"plain\"");
	STR_IS(js("a\"b\\c"), "\"a\\\"b\\\\c\"");
	STR_IS(js("l1\nl2\r\t"), "\"l1\\nl2\\r\\t\"");
	STR_IS(js("\033[1m\x01\x1f\x7f"), "\"\\u001b[1m\\u0001\\u001f\\u007f\"");
	STR_IS(js("été 🌍"), "\"été 🌍\"");
	STR_IS(js("</script>"), "\"</script>\"");
	/* A stray byte cannot make the document invalid JSON. */
	STR_IS(js("a\xff" "b\xc3"), "\"a\\ufffdb\\ufffd\"");
	STR_IS(csv(NULL), "");
	STR_IS(csv("plain text"), "plain text");
	STR_IS(csv("a,b"), "\"a,b\"");
	STR_IS(csv("say \"hi\""), "\"say \"\"hi\"\"\"");
	STR_IS(csv("l1\nl2"), "\"l1\nl2\"");
	STR_IS(csv("cr\r"), "\"cr\r\"");
	STR_IS(csv("Élodie"), "Élodie");
}

static void
test_parse_date(void **state)
{
	int64_t t;

	(void)state;
	setenv("TZ", "UTC", 1);
	assert_int_equal(util_parse_date("2026-11-23"), 1795478340);
	assert_int_equal(util_parse_date("2026-11-23 09:30"), 1795426200);
	assert_int_equal(util_parse_date("1970-01-01 00:00"), 0);
	/* Epoch seconds of any length, including today's ten digits. */
	assert_int_equal(util_parse_date("1763890200"), 1763890200);
	assert_int_equal(util_parse_date("0"), 0);
	assert_int_equal(util_parse_date("99999999999"), 99999999999LL);
	assert_int_equal(util_parse_date("18446744073709551615"), -1);
	assert_int_equal(util_parse_date("99999999999999999999999"), -1);
	/* Leap years and impossible days. */
	assert_true(util_parse_date("2028-02-29") > 0);
	assert_int_equal(util_parse_date("2026-02-29"), -1);
	assert_int_equal(util_parse_date("2026-04-31"), -1);
	assert_int_equal(util_parse_date("2026-13-01"), -1);
	assert_int_equal(util_parse_date("2026-00-10"), -1);
	assert_int_equal(util_parse_date("2026-01-00"), -1);
	assert_int_equal(util_parse_date("2026-01-01 24:00"), -1);
	assert_int_equal(util_parse_date("2026-01-01 23:60"), -1);
	assert_int_equal(util_parse_date("1969-12-31"), -1);
	/* Junk. */
	assert_int_equal(util_parse_date(""), -1);
	assert_int_equal(util_parse_date(NULL), -1);
	assert_int_equal(util_parse_date("tomorrow"), -1);
	assert_int_equal(util_parse_date(" 2026-01-01"), -1);
	assert_int_equal(util_parse_date("+2026-01-01"), -1);
	assert_int_equal(util_parse_date("-1"), -1);
	assert_int_equal(util_parse_date("2026-01-01x"), -1);
	assert_int_equal(util_parse_date("2026-01-01 10:00 extra"), -1);
	assert_int_equal(util_parse_date("20260-01-01"), -1);
	t = util_parse_date("2026-06-15 12:00");
	assert_true(t > 0);
}

static void
test_parse_u64_and_lists(void **state)
{
	struct u64_list l = { 0 };
	struct str_list sl = { 0 };
	uint64_t v;

	(void)state;
	assert_int_equal(util_parse_u64("0", &v), 0);
	assert_int_equal(util_parse_u64("18446744073709551615", &v), 0);
	assert_true(v == UINT64_MAX);
	assert_int_equal(util_parse_u64("18446744073709551616", &v), -1);
	assert_int_equal(util_parse_u64("-1", &v), -1);
	assert_int_equal(util_parse_u64(" 1", &v), -1);
	assert_int_equal(util_parse_u64("1x", &v), -1);
	assert_int_equal(util_parse_u64("", &v), -1);
	assert_int_equal(util_parse_u64(NULL, &v), -1);
	u64_list_push(&l, 3);
	u64_list_push(&l, 5);
	u64_list_push(&l, 7);
	assert_true(u64_list_remove(&l, 5));
	assert_false(u64_list_remove(&l, 5));
	assert_int_equal(l.n, 2);
	assert_true(u64_list_has(&l, 7));
	u64_list_free(&l);
	str_list_push(&sl, "é");
	assert_true(str_list_has(&sl, "é"));
	assert_false(str_list_has(&sl, "e"));
	str_list_free(&sl);
}

static void
test_fold_and_distance(void **state)
{
	char a[64], b[8];

	(void)state;
	assert_string_equal(util_fold("Accès aux droits", a, sizeof a),
	    "acces aux droits");
	assert_string_equal(util_fold("  ACCÈS-aux\tDROITS ", a, sizeof a),
	    "acces aux droits");
	assert_string_equal(util_fold("Éducation", a, sizeof a), "education");
	assert_string_equal(util_fold("Œuvre Ça ß Ĳ", a, sizeof a),
	    "oeuvre ca ss ij");
	assert_string_equal(util_fold("demandeur d\u2019emploi", a, sizeof a),
	    "demandeur d'emploi");
	assert_string_equal(util_fold("Aix-Marseille", a, sizeof a),
	    "aix marseille");
	assert_string_equal(util_fold("Ωmega \xff", a, sizeof a),
	    "\xce\xa9mega \xff");
	assert_string_equal(util_fold("", a, sizeof a), "");
	assert_string_equal(util_fold(NULL, a, sizeof a), "");
	/* Cut on a boundary: never half a code point, always terminated. */
	assert_string_equal(util_fold("abcdefghij", b, sizeof b), "abcdefg");
	assert_string_equal(util_fold("abcdef\xce\xa9", b, sizeof b),
	    "abcdef");
	assert_int_equal(util_edit_distance("", ""), 0);
	assert_int_equal(util_edit_distance("alpes", "alpes"), 0);
	assert_int_equal(util_edit_distance("alpe", "alpes"), 1);
	assert_int_equal(util_edit_distance("azur", "alpes"), 4);
	assert_int_equal(util_edit_distance("kitten", "sitting"), 3);
	assert_int_equal(util_edit_distance("santé", "sante"), 1);
	assert_int_equal(util_edit_distance("", "abc"), 3);
	assert_int_equal(util_edit_distance("abc", ""), 3);
}

static void
test_ascii(void **state)
{
	char a[128], b[8];

	(void)state;
	assert_string_equal(util_ascii("réessayez plus tard\u00a0; Œuvre "
	    "Ça Élan", a, sizeof a), "reessayez plus tard ; OEuvre Ca Elan");
	assert_string_equal(util_ascii("\u00ab oui \u00bb, l\u2019an\u2026",
	    a, sizeof a), "\" oui \", l'an...");
	assert_string_equal(util_ascii("bip\x07\x1b[2J\xff\xce\xa9", a,
	    sizeof a), "bip??[2J??");
	assert_string_equal(util_ascii(NULL, a, sizeof a), "");
	/* Cut whole: never half a replacement, always terminated. */
	assert_string_equal(util_ascii("abcdef\u2026", b, sizeof b),
	    "abcdef");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_decode),
		cmocka_unit_test(test_utf8_encode_roundtrip),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_text_check),
		cmocka_unit_test(test_login_check),
		cmocka_unit_test(test_sanitize),
		cmocka_unit_test(test_json_csv),
		cmocka_unit_test(test_parse_date),
		cmocka_unit_test(test_parse_u64_and_lists),
		cmocka_unit_test(test_fold_and_distance),
		cmocka_unit_test(test_ascii),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
