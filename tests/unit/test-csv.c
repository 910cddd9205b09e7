/* test-csv.c: the CSV reader of need import: RFC 4180 quotes, CRLF, a
 * BOM, line breaks in cells and their line numbers, ';' files, blank
 * lines, and the refusals (bad UTF-8, NUL, an open quote, text after a
 * closing quote) with their lines. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "csv.h"

#define OPEN(r, s, e) csv_open(r, s, sizeof(s) - 1, e)

static void
test_quotes_crlf_bom(void **state)
{
	static const char f[] = "\xef\xbb\xbftitle,territory\r\n"
	    "\"a, \"\"b\"\"\",Alpes\r\n"
	    "\"two\r\nlines\",Azur\r\n"
	    "last,\r\n";
	struct csv r;
	struct csv_row row = { 0 };
	struct err e;

	(void)state;
	assert_int_equal(OPEN(&r, f, &e), 0);
	assert_int_equal(r.delim, ',');
	assert_int_equal(csv_next(&r, &row, &e), 1);
	assert_int_equal(row.n, 2);
	assert_string_equal(row.v[0], "title");	/* no BOM */
	assert_string_equal(row.v[1], "territory");	/* no CR */
	assert_int_equal(row.line, 1);
	assert_int_equal(csv_next(&r, &row, &e), 1);
	assert_string_equal(row.v[0], "a, \"b\"");
	assert_string_equal(row.v[1], "Alpes");
	assert_int_equal(row.line, 2);
	assert_int_equal(csv_next(&r, &row, &e), 1);
	assert_string_equal(row.v[0], "two\nlines");	/* CRLF in: LF */
	assert_int_equal(row.line, 3);
	assert_int_equal(csv_next(&r, &row, &e), 1);
	assert_int_equal(row.line, 5);
	assert_int_equal(row.n, 2);
	assert_string_equal(row.v[1], "");
	assert_int_equal(csv_next(&r, &row, &e), 0);
	csv_row_free(&row);
}

static void
test_semicolon_blank_no_final_newline(void **state)
{
	static const char f[] = "Titre;Territoire;Note\n\nx;Alpes;\"1,5\"";
	struct csv r;
	struct csv_row row = { 0 };
	struct err e;

	(void)state;
	assert_int_equal(OPEN(&r, f, &e), 0);
	assert_int_equal(r.delim, ';');
	assert_int_equal(csv_next(&r, &row, &e), 1);
	assert_int_equal(row.n, 3);
	assert_int_equal(csv_next(&r, &row, &e), 1);
	assert_true(csv_row_blank(&row));
	assert_int_equal(csv_next(&r, &row, &e), 1);
	assert_false(csv_row_blank(&row));
	assert_int_equal(row.line, 3);
	assert_string_equal(row.v[2], "1,5");
	assert_int_equal(csv_next(&r, &row, &e), 0);
	csv_row_free(&row);
}

static void
test_refusals(void **state)
{
	static const char latin1[] = "a,b\nok,ok\n\"x\ny\xe9\",z\n";
	static const char nul[] = "a,b\n\n\0";
	static const char open[] = "a,b\nx,\"never\nclosed\n";
	static const char after[] = "a,b\n\"x\"y,z\n";
	struct csv r;
	struct csv_row row = { 0 };
	struct err e;

	(void)state;
	assert_int_equal(OPEN(&r, latin1, &e), ERR_USAGE);
	assert_non_null(strstr(e.msg, "line 4"));
	assert_int_equal(OPEN(&r, nul, &e), ERR_USAGE);
	assert_non_null(strstr(e.msg, "line 3"));
	assert_int_equal(OPEN(&r, open, &e), 0);
	assert_int_equal(csv_next(&r, &row, &e), 1);
	assert_int_equal(csv_next(&r, &row, &e), -1);
	assert_int_equal(e.code, ERR_USAGE);
	assert_non_null(strstr(e.msg, "line 2"));
	assert_int_equal(OPEN(&r, after, &e), 0);
	assert_int_equal(csv_next(&r, &row, &e), 1);
	assert_int_equal(csv_next(&r, &row, &e), -1);
	assert_non_null(strstr(e.msg, "line 2: text after a closing quote"));
	csv_row_free(&row);
}

static void
test_many_cells(void **state)
{
	struct buf b = { 0 };
	struct csv r;
	struct csv_row row = { 0 };
	struct err e;

	(void)state;
	for (int i = 0; i < 1000; i++)
		buf_puts(&b, i ? ",c" : "c");
	assert_int_equal(csv_open(&r, b.p, b.len, &e), 0);
	assert_int_equal(csv_next(&r, &row, &e), 1);
	assert_int_equal(row.n, 1000);
	assert_string_equal(row.v[999], "c");
	csv_row_free(&row);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quotes_crlf_bom),
		cmocka_unit_test(test_semicolon_blank_no_final_newline),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_many_cells),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
