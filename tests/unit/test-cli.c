/* test-cli.c: the command-line parser on its own (cli_parse_only: no
 * database is opened): commands of one to three words, options with and
 * without values, --help on every command, '--', limits, --as checks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cli.h"

static int
parse(int n, ...)
{
	char *argv[16];
	va_list ap;

	argv[0] = "cercle";
	va_start(ap, n);
	for (int i = 0; i < n; i++)
		argv[i + 1] = va_arg(ap, char *);
	va_end(ap);
	argv[n + 1] = NULL;
	return cli_parse_only(n + 1, argv);
}

static void
test_parse(void **state)
{
	(void)state;
	assert_int_equal(parse(3, "init", "--hub", "Hub du Sud"), 0);
	assert_int_equal(parse(2, "init", "--hub=Hub"), 0);
	assert_int_equal(parse(1, "init"), 0);
	assert_int_equal(parse(7, "member", "add", "alice", "--name", "A",
	    "--role", "member"), 0);
	assert_int_equal(parse(4, "member", "key", "add", "alice"),
	    ERR_USAGE);		/* missing the key */
	assert_int_equal(parse(5, "member", "key", "add", "alice", "k"), 0);
	/* --help is accepted by every command, with or without a spec. */
	assert_int_equal(parse(3, "member", "add", "--help"), 0);
	assert_int_equal(parse(2, "verify", "--help"), 0);
	assert_int_equal(parse(2, "help", "journal"), 0);
	assert_int_equal(parse(2, "help", "nosuch"), ERR_USAGE);
	assert_int_equal(parse(1, "--version"), 0);
	assert_int_equal(parse(1, "--help"), 0);
	/* Unknown command, unknown option, missing value, value on a
	 * flag, too many arguments. */
	assert_int_equal(parse(1, "frobnicate"), ERR_USAGE);
	assert_int_equal(parse(2, "verify", "--colour"), ERR_USAGE);
	assert_int_equal(parse(2, "init", "--hub"), ERR_USAGE);
	assert_int_equal(parse(2, "verify", "--quiet=yes"), ERR_USAGE);
	assert_int_equal(parse(2, "verify", "extra"), ERR_USAGE);
	assert_int_equal(parse(1, "--db"), ERR_USAGE);
	/* '--' ends options: what follows is positional. */
	assert_int_equal(parse(4, "config", "rename", "--", "--odd name"), 0);
	assert_int_equal(parse(3, "config", "rename", "--odd"), ERR_USAGE);
	/* --as: a valid login only. */
	assert_int_equal(parse(5, "config", "add", "territories", "Var",
	    "--as=alice"), 0);
	assert_int_equal(parse(5, "config", "add", "territories", "Var",
	    "--as=Not Valid"), ERR_USAGE);
	/* "cercle --member x" is the terminal interface's option. */
	assert_int_equal(parse(2, "--member", "alice"), 0);
	/* An over-long option name. */
	{
		char opt[200];
		memset(opt, 'x', sizeof opt - 1);
		opt[0] = opt[1] = '-';
		opt[sizeof opt - 1] = '\0';
		assert_int_equal(parse(2, "verify", opt), ERR_USAGE);
	}
}

static void
test_limits(void **state)
{
	char *argv[400];
	int n = 0;

	(void)state;
	argv[n++] = "cercle";
	argv[n++] = "config";
	argv[n++] = "rename";
	argv[n++] = "--";
	while (n < 300)
		argv[n++] = "x";
	argv[n] = NULL;
	/* More than 256 positionals after '--': refused, not truncated. */
	assert_int_equal(cli_parse_only(n, argv), ERR_USAGE);
	/* More than CLI_MAXOPTS options. */
	n = 0;
	argv[n++] = "cercle";
	argv[n++] = "verify";
	while (n < 2 + CLI_MAXOPTS + 1)
		argv[n++] = "--quiet";
	argv[n] = NULL;
	assert_int_equal(cli_parse_only(n, argv), ERR_USAGE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_limits),
	};
	/* Help and usage lines print too; run.sh counts only TAP lines. */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
