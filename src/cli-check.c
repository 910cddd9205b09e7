/* cli-check.c: `cercle check titles`: needs and tensions whose titles
 * differ only by invisible characters, so two entries that look the same
 * are flagged (each is also shown with ⟨U+200B⟩ wherever it is drawn).
 * Reads through the hub only. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static void
twin_print(int rtype, uint64_t a, const char *ta, uint64_t b,
    const char *tb, void *arg)
{
	struct buf *out = arg;
	struct buf sa = { 0 }, sb = { 0 };

	util_sanitize(&sa, ta, strlen(ta), 0);
	util_sanitize(&sb, tb, strlen(tb), 0);
	buf_printf(out, rtype == RT_NEED ? _("needs %llu and %llu look the "
	    "same (they differ only by invisible characters): \"%.*s\" / "
	    "\"%.*s\"\n") : _("tensions %llu and %llu look the same (they "
	    "differ only by invisible characters): \"%.*s\" / \"%.*s\"\n"),
	    (unsigned long long)a, (unsigned long long)b, (int)sa.len,
	    sa.p ? sa.p : "", (int)sb.len, sb.p ? sb.p : "");
	buf_free(&sa);
	buf_free(&sb);
}

struct twin_new {
	int rtype;
	uint64_t id;
};

static void
twin_warn(int rtype, uint64_t a, const char *ta, uint64_t b,
    const char *tb, void *arg)
{
	const struct twin_new *w = arg;
	uint64_t other = a == w->id ? b : a;

	(void)ta;
	(void)tb;
	if (rtype != w->rtype || (a != w->id && b != w->id))
		return;
	fprintf(stderr, rtype == RT_NEED ? _("cercle: warning: need %llu "
	    "looks the same as need %llu (the titles differ only by invisible "
	    "characters)\n") : _("cercle: warning: tension %llu looks the same "
	    "as tension %llu (the titles differ only by invisible "
	    "characters)\n"), (unsigned long long)w->id,
	    (unsigned long long)other);
}

void
cli_warn_twins(struct cli *c, int rtype, uint64_t id)
{
	struct twin_new w = { rtype, id };
	struct err e = { 0 };
	size_t pairs = 0;

	/* A warning only: the record is written; a failure to read says
	 * nothing more. */
	(void)hub_title_twins(c->h, twin_warn, &w, &pairs, &e);
}

static int
c_check_titles(struct cli *c)
{
	struct buf out = { 0 };
	size_t pairs = 0;

	if (hub_title_twins(c->h, twin_print, &out, &pairs, &c->e) != 0) {
		buf_free(&out);
		return cli_fail(c);
	}
	cli_write(&out);
	buf_free(&out);
	if (pairs > 0) {
		fprintf(stderr, ngettext("cercle: %zu pair of look-alike "
		    "titles\n", "cercle: %zu pairs of look-alike titles\n",
		    pairs), pairs);
		return ERR_REFUSED;
	}
	return 0;
}

const struct cli_cmd cli_check_cmds[] = {
	{ "check titles", "", "", 0, 0, 0, N_("list needs and tensions whose "
	    "titles differ only by invisible characters (exit 2 if any)"),
	    c_check_titles },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};
