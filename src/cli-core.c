/* cli-core.c: commands for the hub itself: init, config, members and
 * their keys, the journal and verify. Bodies parse, call the hub, print. */
#include "cli.h"
#include "codec.h"

#include <stdlib.h>
#include <string.h>

static int
c_init(struct cli *c)
{
	if (hub_init(c->h, &c->who, cli_opt(c, "hub"), &c->e) != 0)
		return cli_fail(c);
	fprintf(stderr, "cercle: hub created in %s\n", c->db);
	return 0;
}

static int
c_config_show(struct cli *c)
{
	struct store_txn *t;
	struct config cfg;
	struct buf b = { 0 };
	char s[512];

	if (hub_read(c->h, &t, &c->e) != 0)
		return cli_fail(c);
	if (hub_config_get(t, &cfg, &c->e) != 0) {
		hub_read_end(t);
		return cli_fail(c);
	}
	hub_read_end(t);
	if (c->json) {
		buf_puts(&b, "{\"hub\":");
		json_str(&b, cfg.hub_name);
		buf_puts(&b, ",\"territories\":");
		json_str_list(&b, &cfg.territories);
		buf_puts(&b, ",\"categories\":");
		json_str_list(&b, &cfg.categories);
		buf_puts(&b, ",\"publics\":");
		json_str_list(&b, &cfg.publics);
		buf_puts(&b, ",\"sources\":");
		json_str_list(&b, &cfg.sources);
		buf_puts(&b, "}\n");
	} else {
		const struct { const char *n; struct str_list *l; } ls[] = {
			{ "territories", &cfg.territories },
			{ "categories", &cfg.categories },
			{ "publics", &cfg.publics },
			{ "sources", &cfg.sources },
		};
		buf_printf(&b, "hub: %s\n", util_safe(cfg.hub_name, s,
		    sizeof s));
		for (size_t i = 0; i < 4; i++) {
			buf_printf(&b, "%s:\n", ls[i].n);
			for (size_t j = 0; j < ls[i].l->n; j++)
				buf_printf(&b, "  %s\n", util_safe(
				    ls[i].l->v[j], s, sizeof s));
		}
	}
	cli_write(&b);
	buf_free(&b);
	codec_free(RT_CONFIG, &cfg);
	return 0;
}

static int
c_config_add(struct cli *c)
{
	if (hub_config_edit(c->h, &c->who, c->argv[0], 1, c->argv[1],
	    &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int
c_config_remove(struct cli *c)
{
	if (hub_config_edit(c->h, &c->who, c->argv[0], 0, c->argv[1],
	    &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int
c_config_rename(struct cli *c)
{
	if (hub_config_rename(c->h, &c->who, c->argv[0], &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int
c_member_add(struct cli *c)
{
	const char *name = cli_opt(c, "name"), *role = cli_opt(c, "role");
	uint64_t roles, id;

	if (name == NULL)
		return cli_usage(c, "--name is required");
	if (role == NULL)
		return cli_usage(c, "--role is required");
	if (model_roles_parse(role, &roles, &c->e) != 0)
		return cli_fail(c);
	if (hub_member_add(c->h, &c->who, c->argv[0], name, roles,
	    cli_opt(c, "territory"), cli_opt(c, "org"), &id, &c->e) != 0)
		return cli_fail(c);
	printf("%llu\n", (unsigned long long)id);
	return 0;
}

static int
c_member_role(struct cli *c)
{
	uint64_t roles;

	if (model_roles_parse(c->argv[1], &roles, &c->e) != 0)
		return cli_fail(c);
	if (hub_member_set_roles(c->h, &c->who, c->argv[0], roles,
	    &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int
c_member_disable(struct cli *c)
{
	if (hub_member_set_disabled(c->h, &c->who, c->argv[0], 1, &c->e))
		return cli_fail(c);
	return 0;
}

static int
c_member_enable(struct cli *c)
{
	if (hub_member_set_disabled(c->h, &c->who, c->argv[0], 0, &c->e))
		return cli_fail(c);
	return 0;
}

static int
c_key_add(struct cli *c)
{
	char fp[80];

	if (hub_member_key_add(c->h, &c->who, c->argv[0], c->argv[1], fp,
	    sizeof fp, &c->e) != 0)
		return cli_fail(c);
	printf("%s\n", fp);
	return 0;
}

static int
c_key_remove(struct cli *c)
{
	if (hub_member_key_remove(c->h, &c->who, c->argv[0], c->argv[1],
	    &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static void
member_json(struct buf *b, const struct member *m, int keys)
{
	char roles[128], iso[32];

	model_roles_fmt(m->roles, roles, sizeof roles);
	buf_printf(b, "{\"id\":%llu,\"login\":", (unsigned long long)m->id);
	json_str(b, m->login);
	buf_puts(b, ",\"name\":");
	json_str(b, m->name);
	buf_puts(b, ",\"organisation\":");
	json_str(b, m->org);
	buf_puts(b, ",\"territory\":");
	json_str(b, m->territory);
	buf_puts(b, ",\"roles\":[");
	for (char *p = roles, *q; *p; p = q) {
		q = p + strcspn(p, ",");
		buf_printf(b, "%s\"%.*s\"", p == roles ? "" : ",",
		    (int)(q - p), p);
		if (*q)
			q++;
	}
	buf_printf(b, "],\"disabled\":%s,\"created\":\"%s\"",
	    m->disabled ? "true" : "false",
	    util_fmt_iso(m->created, iso, sizeof iso));
	buf_printf(b, ",\"watch\":%s", model_watch_flagged(m) ? "true" :
	    "false");
	if (keys) {
		buf_puts(b, ",\"keys\":[");
		for (size_t i = 0; i < m->keys.n; i++) {
			buf_puts(b, i ? ",{\"fingerprint\":" :
			    "{\"fingerprint\":");
			json_str(b, i < m->key_fps.n ? m->key_fps.v[i] : "");
			buf_puts(b, ",\"key\":");
			json_str(b, m->keys.v[i]);
			buf_puts(b, "}");
		}
		buf_puts(b, "]");
	}
	buf_puts(b, "}");
}

struct mlist {
	struct cli *c;
	struct buf b;
	size_t n;
	struct err e;
	int bad;
};

static int
member_list_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	struct mlist *ml = arg;
	struct member m;
	char roles[128];

	if (codec_decode(RT_MEMBER, data, len, &m, &ml->e) != 0) {
		ml->bad = 1;
		return 1;
	}
	m.id = id;
	if (ml->c->json) {
		if (ml->n)
			buf_puts(&ml->b, ",");
		member_json(&ml->b, &m, 1);
	} else {
		model_roles_fmt(m.roles, roles, sizeof roles);
		/* Padded by code points: names are accented. */
		util_col(&ml->b, m.login, 16);
		buf_puts(&ml->b, " ");
		util_col(&ml->b, m.name, 28);
		buf_puts(&ml->b, " ");
		util_col(&ml->b, m.org, 20);
		buf_puts(&ml->b, " ");
		util_col(&ml->b, m.territory, 14);
		buf_printf(&ml->b, " %-24s %zu key%s%s\n", roles, m.keys.n,
		    m.keys.n == 1 ? "" : "s", m.disabled ? "  (disabled)" : "");
	}
	ml->n++;
	codec_free(RT_MEMBER, &m);
	return 0;
}

static int
c_member_list(struct cli *c)
{
	struct store_txn *t;
	struct mlist ml;

	memset(&ml, 0, sizeof ml);
	ml.c = c;
	if (hub_read(c->h, &t, &c->e) != 0)
		return cli_fail(c);
	if (c->json)
		buf_puts(&ml.b, "[");
	if (store_scan(t, RT_MEMBER, 0, 0, member_list_cb, &ml, &c->e) != 0) {
		hub_read_end(t);
		buf_free(&ml.b);
		return cli_fail(c);
	}
	hub_read_end(t);
	if (ml.bad) {
		c->e = ml.e;
		buf_free(&ml.b);
		return cli_fail(c);
	}
	if (c->json)
		buf_puts(&ml.b, "]\n");
	cli_write(&ml.b);
	buf_free(&ml.b);
	return 0;
}

static int
c_member_show(struct cli *c)
{
	struct store_txn *t;
	struct member m;
	struct buf b = { 0 };
	char roles[128], s[300], ts[32];

	if (hub_read(c->h, &t, &c->e) != 0)
		return cli_fail(c);
	if (hub_member_by_login(t, c->argv[0], &m, &c->e) != 0) {
		hub_read_end(t);
		return cli_fail(c);
	}
	hub_read_end(t);
	if (c->json) {
		member_json(&b, &m, 1);
		buf_puts(&b, "\n");
	} else {
		model_roles_fmt(m.roles, roles, sizeof roles);
		buf_printf(&b, "login:        %s\n", util_safe(m.login, s,
		    sizeof s));
		buf_printf(&b, "name:         %s\n", util_safe(m.name, s,
		    sizeof s));
		buf_printf(&b, "organisation: %s\n", util_safe(m.org ? m.org :
		    "-", s, sizeof s));
		buf_printf(&b, "territory:    %s\n", util_safe(m.territory ?
		    m.territory : "-", s, sizeof s));
		buf_printf(&b, "roles:        %s\n", roles);
		buf_printf(&b, "status:       %s\n", m.disabled ? "disabled" :
		    "active");
		buf_printf(&b, "since:        %s\n", util_fmt_time(m.created,
		    ts, sizeof ts));
		if (model_watch_flagged(&m))
			buf_printf(&b, "watch:        to meet the facilitator "
			    "(%llu block%s, %llu withdrawal%s)\n",
			    (unsigned long long)m.watch_blocks,
			    m.watch_blocks == 1 ? "" : "s",
			    (unsigned long long)m.watch_withdrawals,
			    m.watch_withdrawals == 1 ? "" : "s");
		for (size_t i = 0; i < m.keys.n; i++) {
			char fp[100], kt[64];
			/* Stored text, even a key, is sanitised for show. */
			util_safe(i < m.key_fps.n ? m.key_fps.v[i] : "?", fp,
			    sizeof fp);
			util_safe(m.keys.v[i], kt, sizeof kt);
			kt[strcspn(kt, " ")] = '\0';
			buf_printf(&b, "key %zu:        %s %s\n", i + 1, fp,
			    kt);
		}
	}
	cli_write(&b);
	buf_free(&b);
	codec_free(RT_MEMBER, &m);
	return 0;
}

static int
c_member_prefs(struct cli *c)
{
	const char *lb = cli_opt(c, "low-bandwidth");
	int low = -1;

	if (lb != NULL) {
		if (strcmp(lb, "on") == 0)
			low = 1;
		else if (strcmp(lb, "off") == 0)
			low = 0;
		else
			return cli_usage(c, "--low-bandwidth is on or off");
	}
	if (hub_member_set_prefs(c->h, &c->who, low, cli_opt(c, "lang"),
	    &c->e) != 0)
		return cli_fail(c);
	return 0;
}

/* ---- journal ---- */

struct jlist {
	struct cli *c;
	struct buf b;
	size_t n, limit;
	int bad;
	struct err e;
};

static void
hex(const uint8_t *p, char out[65])
{
	static const char h[] = "0123456789abcdef";

	for (int i = 0; i < 32; i++) {
		out[2 * i] = h[p[i] >> 4];
		out[2 * i + 1] = h[p[i] & 15];
	}
	out[64] = '\0';
}

static int
journal_cb(uint64_t seq, const void *data, size_t len, void *arg)
{
	struct jlist *jl = arg;
	struct jentry je;
	char ts[40], a[100], s[300], op[64], hx[65];

	if (jl->limit && jl->n >= jl->limit)
		return 1;
	if (codec_decode(RT_JOURNAL, data, len, &je, &jl->e) != 0) {
		jl->bad = 1;
		return 1;
	}
	if (jl->c->json) {
		buf_printf(&jl->b, "%s{\"seq\":%llu,\"time\":\"%s\",\"actor\":",
		    jl->n ? "," : "", (unsigned long long)seq,
		    util_fmt_iso(je.time, ts, sizeof ts));
		json_str(&jl->b, je.actor);
		buf_puts(&jl->b, ",\"op\":");
		json_str(&jl->b, je.op);
		buf_printf(&jl->b, ",\"record\":\"%s\",\"id\":%llu,"
		    "\"summary\":", model_rtype_name((int)je.rtype),
		    (unsigned long long)je.rid);
		json_str(&jl->b, je.summary);
		hex(je.hash, hx);
		buf_printf(&jl->b, ",\"hash\":\"%s\"}", hx);
	} else {
		buf_printf(&jl->b, "%6llu  %s  %-16s %-20s %s#%llu  %s\n",
		    (unsigned long long)seq,
		    util_fmt_time(je.time, ts, sizeof ts),
		    util_safe(je.actor, a, sizeof a), util_safe(je.op, op,
		    sizeof op),
		    model_rtype_name((int)je.rtype),
		    (unsigned long long)je.rid,
		    util_safe(je.summary ? je.summary : "", s, sizeof s));
	}
	jl->n++;
	codec_free(RT_JOURNAL, &je);
	return 0;
}

static int
c_journal(struct cli *c)
{
	struct store_txn *t;
	struct jlist jl;
	uint64_t limit = 0;
	int rc;

	memset(&jl, 0, sizeof jl);
	jl.c = c;
	if ((rc = cli_opt_u64(c, "limit", &limit)) < 0)
		return -rc;
	jl.limit = (size_t)limit;
	if (hub_read(c->h, &t, &c->e) != 0)
		return cli_fail(c);
	if (c->json)
		buf_puts(&jl.b, "[");
	rc = store_scan(t, RT_JOURNAL, 0, cli_flag(c, "reverse"), journal_cb,
	    &jl, &c->e);
	hub_read_end(t);
	if (rc != 0 || jl.bad) {
		if (jl.bad)
			c->e = jl.e;
		buf_free(&jl.b);
		return cli_fail(c);
	}
	if (c->json)
		buf_puts(&jl.b, "]\n");
	cli_write(&jl.b);
	buf_free(&jl.b);
	return 0;
}

const struct cli_cmd cli_core_cmds[] = {
	{ "init", "[--hub NAME]", "hub:,as:", 0, 0, CLI_CREATE,
	    "create a hub with the Hub du Sud defaults", c_init },
	{ "config show", "[--json]", "json", 0, 0, 0,
	    "show the hub name, territories, categories, publics, sources",
	    c_config_show },
	{ "config add", "LIST VALUE", "as:", 2, 2, 0,
	    "add a territory, category, public or source (LIST: "
	    "territories|categories|publics|sources)", c_config_add },
	{ "config remove", "LIST VALUE", "as:", 2, 2, 0,
	    "remove a value from a configuration list", c_config_remove },
	{ "config rename", "NAME", "as:", 1, 1, 0, "rename the hub",
	    c_config_rename },
	{ "member add", "LOGIN --name NAME --role ROLE[,ROLE] [--territory T] "
	    "[--org ORG]", "name:,role:,territory:,org:,as:", 1, 1, 0,
	    "add a member (admin); prints the new id", c_member_add },
	{ "member list", "[--json]", "json", 0, 0, 0, "list members",
	    c_member_list },
	{ "member show", "LOGIN [--json]", "json", 1, 1, 0,
	    "show a member, their roles and keys", c_member_show },
	{ "member role", "LOGIN ROLE[,ROLE]", "as:", 2, 2, 0,
	    "set a member's roles (admin)", c_member_role },
	{ "member disable", "LOGIN", "as:", 1, 1, 0,
	    "disable a member: history is kept, access is not", c_member_disable },
	{ "member enable", "LOGIN", "as:", 1, 1, 0, "enable a member again",
	    c_member_enable },
	{ "member key add", "LOGIN 'ssh-ed25519 AAAA... comment'", "as:", 2, 2,
	    0, "add an SSH public key; prints its fingerprint", c_key_add },
	{ "member key remove", "LOGIN FINGERPRINT|N", "as:", 2, 2, 0,
	    "remove a key by fingerprint or number", c_key_remove },
	{ "member prefs", "--as LOGIN [--low-bandwidth on|off] [--lang fr|en]",
	    "as:,low-bandwidth:,lang:", 0, 0, 0,
	    "set a member's own preferences", c_member_prefs },
	{ "journal", "[--limit N] [--reverse] [--json]", "json,limit:,reverse",
	    0, 0, 0, "the journal of every change: who, what, when",
	    c_journal },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};
