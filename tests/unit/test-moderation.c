/* test-moderation.c: the moderation rules of model-redact.c (issue 16):
 * which fields may be redacted and how FIELD.N parses, who moderates,
 * and when a member may be forgotten. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "model.h"

static void
test_redact_parse(void **state)
{
	const struct redact_field *f;
	uint64_t item;

	(void)state;
	assert_int_equal(model_redact_parse(RT_NEED, "title", &f, &item), 0);
	assert_string_equal(f->field, "title");
	assert_int_equal(item, 0);
	assert_int_equal(model_redact_parse(RT_NEED, "practice.2", &f, &item),
	    0);
	assert_string_equal(f->field, "practices");
	assert_int_equal(item, 2);
	assert_int_equal(model_redact_parse(RT_NEED, "practices.10", &f,
	    &item), 0);
	assert_int_equal(item, 10);
	assert_int_equal(model_redact_parse(RT_PROPOSAL, "version.1", &f,
	    &item), 0);
	assert_string_equal(f->field, "versions");
	assert_int_equal(model_redact_parse(RT_POSITION, "reason", &f, &item),
	    0);
	assert_int_equal(model_redact_parse(RT_TENSION, "question.3", &f,
	    &item), 0);
	assert_int_equal(item, 3);
	/* Not text, not redactable, a list without N, a plain field with N,
	 * a bad N, another type's field. */
	assert_int_equal(model_redact_parse(RT_NEED, "territory", &f, &item),
	    -1);
	assert_int_equal(model_redact_parse(RT_NEED, "status", &f, &item), -1);
	assert_int_equal(model_redact_parse(RT_NEED, "practice", &f, &item),
	    -1);
	assert_int_equal(model_redact_parse(RT_NEED, "title.1", &f, &item),
	    -1);
	assert_int_equal(model_redact_parse(RT_NEED, "practice.0", &f, &item),
	    -1);
	assert_int_equal(model_redact_parse(RT_NEED, "practice.x", &f, &item),
	    -1);
	assert_int_equal(model_redact_parse(RT_NEED, "practice.1x", &f,
	    &item), -1);
	assert_int_equal(model_redact_parse(RT_NEED, "reason", &f, &item), -1);
	assert_int_equal(model_redact_parse(RT_MEMBER, "name", &f, &item), -1);
	assert_int_equal(model_redact_parse(RT_JOURNAL, "summary", &f, &item),
	    -1);
}

static void
test_rtype_parse(void **state)
{
	(void)state;
	for (int rt = 1; rt < RT__COUNT; rt++)
		assert_int_equal(model_rtype_parse(model_rtype_name(rt)), rt);
	assert_int_equal(model_rtype_parse("needs"), -1);
	assert_int_equal(model_rtype_parse(""), -1);
}

static void
test_who_moderates(void **state)
{
	(void)state;
	for (uint64_t r = 0; r <= ROLE_ALL; r++)
		assert_int_equal(model_may_moderate(r),
		    (r & ROLE_ADMIN) != 0);
}

static void
test_forget_check(void **state)
{
	struct member m;
	char l[32];

	(void)state;
	memset(&m, 0, sizeof m);
	m.id = 12;
	m.login = "lea";
	assert_int_equal(model_forget_check(&m), 1);	/* still active */
	m.disabled = 1;
	assert_int_equal(model_forget_check(&m), 0);
	model_forgotten_login(12, l, sizeof l);
	assert_string_equal(l, "former-12");
	m.login = l;
	assert_int_equal(model_forget_check(&m), 2);	/* once */
	m.id = 13;	/* another member's pseudonym is only a login */
	assert_int_equal(model_forget_check(&m), 0);
}

static void
test_flag_status(void **state)
{
	(void)state;
	assert_string_equal(model_flag_status_name(FS_OPEN), "open");
	assert_string_equal(model_flag_status_name(FS_DISMISSED), "dismissed");
	assert_string_equal(model_flag_status_name(FS_REDACTED), "redacted");
	assert_string_equal(model_flag_status_name(FS__COUNT), "unknown");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_redact_parse),
		cmocka_unit_test(test_rtype_parse),
		cmocka_unit_test(test_who_moderates),
		cmocka_unit_test(test_forget_check),
		cmocka_unit_test(test_flag_status),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
