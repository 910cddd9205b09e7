/* cli-gov.c: what the governance commands (cli-tension, -meeting,
 * -proposal, -plan, -dot) share: a read handle, options, printing helpers.
 * Holds no command and no rule. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

int
cli_rd_open(struct cli *c, struct hub_rd **r)
{
	if (hub_rd_open(c->h, &c->who, r, &c->e) != 0)
		return cli_fail(c);
	return 0;
}

void
cli_put_login(struct buf *b, const char *login, int json)
{
	char s[128];

	if (json)
		json_str(b, login);
	else
		buf_puts(b, util_safe(login, s, sizeof s));
}

void
cli_put_logins(struct buf *b, const struct str_list *l, int json)
{
	if (json)
		buf_puts(b, "[");
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_puts(b, json ? "," : ", ");
		cli_put_login(b, l->v[i], json);
	}
	if (json)
		buf_puts(b, "]");
	else if (l->n == 0)
		buf_puts(b, "-");
}

void
cli_put_text(struct buf *b, const char *s, const char *indent)
{
	struct buf t = { 0 };

	if (s == NULL)
		return;
	util_sanitize(&t, s, strlen(s), 1);
	buf_puts(b, indent);
	for (const char *p = t.p ? t.p : ""; *p; p++) {
		buf_add(b, p, 1);
		if (*p == '\n')
			buf_puts(b, indent);
	}
	buf_puts(b, "\n");
	buf_free(&t);
}

int
cli_print_id(uint64_t id)
{
	printf("%llu\n", (unsigned long long)id);
	return 0;
}

int
cli_opt_ids(struct cli *c, const char *name, struct u64_list *out)
{
	const char *v[64];
	size_t n = cli_opt_all(c, name, v, 64);
	uint64_t id;

	for (size_t i = 0; i < n; i++) {
		if (util_parse_u64(v[i], &id) != 0 || id == 0)
			return cli_usage(c, "--%s takes an id, not '%.40s'",
			    name, v[i]);
		u64_list_push(out, id);
	}
	return 0;
}

int
cli_opt_date(struct cli *c, const char *name, int64_t *out)
{
	const char *v = cli_opt(c, name);

	*out = 0;
	if (v == NULL)
		return 0;
	if ((*out = util_parse_date(v)) <= 0)
		return cli_usage(c, "--%s takes a date YYYY-MM-DD [HH:MM], "
		    "not '%.40s'", name, v);
	return 0;
}
