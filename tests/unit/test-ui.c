/* test-ui.c: the interface's pure parts: the UTF-8 editor (insertion,
 * controls dropped, byte limits, words, lines, wide characters, cursor
 * moves across wrapped rows), key names, keymap and theme parsing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <locale.h>
#include <cmocka.h>

#include "ui.h"

static void
type(struct ui_edit *ed, const char *s)
{
	size_t n = strlen(s), i = 0, k;
	uint32_t cp;

	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		assert_true(k > 0);
		edit_insert(ed, cp);
		i += k;
	}
}

static void
assert_text(struct ui_edit *ed, const char *want)
{
	struct buf b = { 0 };

	edit_text(ed, &b);
	assert_string_equal(b.p, want);
	buf_free(&b);
}

static void
test_edit_insert(void **state)
{
	struct ui_edit ed;

	(void)state;
	edit_init(&ed, NULL, 0, 100);
	type(&ed, "é山a");
	assert_text(&ed, "é山a");
	assert_int_equal(edit_bytes(&ed), 2 + 3 + 1);
	edit_action(&ed, AC_E_BACKSPACE, 80);
	assert_text(&ed, "é山");
	edit_action(&ed, AC_E_LEFT, 80);
	type(&ed, "x");
	assert_text(&ed, "éx山");
	/* Controls (escape, C1, DEL, NUL) never enter a field. */
	edit_insert(&ed, 0x1b);
	edit_insert(&ed, 0x9b);
	edit_insert(&ed, 0x7f);
	edit_insert(&ed, 0);
	edit_insert(&ed, 0xd800);
	assert_text(&ed, "éx山");
	/* One line: a newline becomes a space. */
	edit_insert(&ed, '\n');
	assert_text(&ed, "éx 山");
	edit_free(&ed);
}

static void
test_edit_limits_and_lines(void **state)
{
	struct ui_edit ed;

	(void)state;
	edit_init(&ed, NULL, 1, 3);
	type(&ed, "éé");
	assert_text(&ed, "é");	/* the second would make 4 bytes */
	edit_free(&ed);

	edit_init(&ed, NULL, 1, 100);
	edit_insert(&ed, '\r');
	edit_insert(&ed, '\n');	/* CRLF is one line break */
	type(&ed, "b");
	assert_text(&ed, "\nb");
	assert_int_equal(edit_action(&ed, AC_E_NEWLINE, 80), 1);
	assert_text(&ed, "\nb\n");
	edit_free(&ed);

	edit_init(&ed, NULL, 0, 100);
	assert_int_equal(edit_action(&ed, AC_E_NEWLINE, 80), 0);
	edit_free(&ed);
}

static void
test_edit_words(void **state)
{
	struct ui_edit ed;

	(void)state;
	edit_init(&ed, "Le coût élevé", 0, 100);
	ed.cur = ed.n;
	edit_action(&ed, AC_E_DELETE_WORD, 80);
	assert_text(&ed, "Le coût ");
	edit_action(&ed, AC_E_WORD_LEFT, 80);
	assert_int_equal(ed.cur, 3);
	edit_action(&ed, AC_E_KILL_LINE, 80);
	assert_text(&ed, "Le ");
	edit_action(&ed, AC_E_HOME, 80);
	edit_action(&ed, AC_E_WORD_RIGHT, 80);
	assert_int_equal(ed.cur, 2);
	edit_action(&ed, AC_E_KILL_START, 80);
	assert_text(&ed, " ");
	edit_action(&ed, AC_E_DELETE, 80);
	assert_text(&ed, "");
	edit_free(&ed);
}

static void
test_edit_rows(void **state)
{
	struct ui_edit ed;

	(void)state;
	edit_init(&ed, "abc\ndefgh", 1, 100);
	ed.cur = ed.n;			/* after "h": row 1, column 5 */
	edit_action(&ed, AC_E_UP, 80);
	assert_int_equal(ed.cur, 3);	/* end of "abc" */
	edit_action(&ed, AC_E_DOWN, 80);
	assert_int_equal(ed.cur, 7);	/* column 3 of "defgh" */
	edit_action(&ed, AC_E_END, 80);
	assert_int_equal(ed.cur, 9);
	edit_action(&ed, AC_E_HOME, 80);
	assert_int_equal(ed.cur, 4);
	edit_free(&ed);

	/* Wide characters wrap by display width: rows of 4 columns hold two
	 * of them. */
	edit_init(&ed, "山山山", 1, 100);
	ed.cur = 3;
	edit_action(&ed, AC_E_UP, 4);
	assert_int_equal(ed.cur, 1);
	edit_action(&ed, AC_E_DOWN, 4);
	assert_int_equal(ed.cur, 3);
	ed.cur = 0;
	edit_action(&ed, AC_E_DOWN, 4);
	assert_int_equal(ed.cur, 2);
	edit_free(&ed);
}

static void
test_key_names(void **state)
{
	int key;
	char name[32];

	(void)state;
	assert_int_equal(keys_parse_name("a", &key), 0);
	assert_int_equal(key, 'a');
	assert_int_equal(keys_parse_name("é", &key), 0);
	assert_int_equal(key, 0xe9);
	assert_int_equal(keys_parse_name("C-a", &key), 0);
	assert_int_equal(key, 1);
	assert_int_equal(keys_parse_name("C-S", &key), 0);
	assert_int_equal(key, 0x13);
	assert_int_equal(keys_parse_name("M-x", &key), 0);
	assert_int_equal(key, KEYC_META | 'x');
	assert_int_equal(keys_parse_name("M-BSpace", &key), 0);
	assert_int_equal(key, KEYC_META | 0x7f);
	assert_int_equal(keys_parse_name("F12", &key), 0);
	assert_int_equal(key, KEYC_FN | KEY_F(12));
	assert_int_equal(keys_parse_name("Up", &key), 0);
	assert_int_equal(key, KEYC_FN | KEY_UP);
	assert_int_equal(keys_parse_name("F13", &key), -1);
	assert_int_equal(keys_parse_name("C-é", &key), -1);
	assert_int_equal(keys_parse_name("ab", &key), -1);
	assert_int_equal(keys_parse_name("\x1b", &key), -1);
	assert_int_equal(keys_parse_name("", &key), -1);
	assert_string_equal(keys_name(1, name, sizeof name), "C-a");
	assert_string_equal(keys_name(KEYC_META | 'x', name, sizeof name),
	    "M-x");
	assert_string_equal(keys_name('\r', name, sizeof name), "Enter");
	assert_string_equal(keys_name(KEYC_FN | KEY_F(3), name, sizeof name),
	    "F3");
	/* Every control key's name reads back (found by fuzz-keymap). */
	for (int c = 0; c < 0x20; c++) {
		keys_name(c, name, sizeof name);
		assert_int_equal(keys_parse_name(name, &key), 0);
		assert_int_equal(key, c);
	}
	assert_string_equal(keys_name(0, name, sizeof name), "C-@");
	assert_string_equal(keys_name(0x1f, name, sizeof name), "C-_");
}

static void
test_keymap(void **state)
{
	struct ui_keymap km;

	(void)state;
	keys_init(&km);
	assert_int_equal(km.errors.n, 0);
	/* The compiled-in default is keymaps/default.keys. */
	assert_int_equal(keys_lookup(&km, UI_PANE_SCOPE(&ui_vote_class), 'a'), AC_APPROVE);
	assert_int_equal(keys_lookup(&km, UI_PANE_SCOPE(&ui_vote_class), 'v'), AC_ALERT);
	assert_int_equal(keys_lookup(&km, UI_PANE_SCOPE(&ui_vote_class), 'r'), AC_WITHDRAW);
	assert_int_equal(keys_lookup(&km, UI_PANE_SCOPE(&ui_vote_class), 'b'), AC_BLOCK);
	/* A pane falls back to the global scope; the editor does not. */
	assert_int_equal(keys_lookup(&km, UI_PANE_SCOPE(&ui_vote_class), 'q'), AC_QUIT);
	assert_int_equal(keys_lookup(&km, SC_EDIT, 'q'), AC_NONE);
	assert_int_equal(keys_lookup(&km, SC_EDIT, 0x13), AC_E_CONFIRM);
	assert_int_equal(keys_find(&km, UI_PANE_SCOPE(&ui_vote_class), AC_APPROVE), 'a');

	assert_int_equal(keys_load_text(&km, "t.keys", "# c\n"
	    "bind vote x approve\n"
	    "bind vote y nosuch\n"
	    "unbind vote a\n"
	    "bind edit q quit\n"
	    "bind global Tab edit-left\n"
	    "bind vote\n"), 4);
	assert_int_equal(km.errors.n, 4);
	assert_string_equal(km.errors.v[0], "t.keys:3: unknown action "
	    "'nosuch'");
	assert_int_equal(keys_lookup(&km, UI_PANE_SCOPE(&ui_vote_class), 'x'), AC_APPROVE);
	assert_int_equal(keys_lookup(&km, UI_PANE_SCOPE(&ui_vote_class), 'a'), AC_NONE);
	assert_int_equal(keys_find(&km, UI_PANE_SCOPE(&ui_vote_class), AC_APPROVE), 'x');
	/* Bad lines changed nothing. */
	assert_int_equal(keys_lookup(&km, SC_EDIT, 'q'), AC_NONE);
	assert_int_equal(keys_lookup(&km, SC_GLOBAL, '\t'), AC_NEXT_PANE);
	keys_free(&km);
}

static void
test_theme(void **state)
{
	struct ui_theme th;

	(void)state;
	theme_init(&th);
	assert_int_equal(th.errors.n, 0);
	assert_int_equal(theme_load_text(&th, "t.theme",
	    "style block fg=bright-red,bg=0,bold,underline\n"
	    "style alert fg=mauve\n"
	    "style nothing bold\n"), 2);
	assert_int_equal(th.s[E_BLOCK].fg, 9);
	assert_int_equal(th.s[E_BLOCK].bg, 0);
	assert_true(th.s[E_BLOCK].attrs & A_BOLD);
	assert_true(th.s[E_BLOCK].attrs & A_UNDERLINE);
	assert_string_equal(th.errors.v[0], "t.theme:2: unknown colour "
	    "'mauve'");
	assert_string_equal(th.errors.v[1], "t.theme:3: unknown element "
	    "'nothing'");
	theme_free(&th);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edit_insert),
		cmocka_unit_test(test_edit_limits_and_lines),
		cmocka_unit_test(test_edit_words),
		cmocka_unit_test(test_edit_rows),
		cmocka_unit_test(test_key_names),
		cmocka_unit_test(test_keymap),
		cmocka_unit_test(test_theme),
	};

	/* wcwidth needs a UTF-8 locale. */
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
