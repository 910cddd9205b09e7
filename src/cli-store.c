/* cli-store.c: commands on the database as a whole: verify, the journal
 * head, backup and restore. Bodies parse, call the hub, print. */
#include "cli.h"

#include <string.h>

#define CLI_MAXEXPECT 16

/* Every --expect N:HASH; returns how many, or -1 after a usage error. */
static int
expects(struct cli *c, struct store_expect *x)
{
	const char *v[CLI_MAXEXPECT];
	size_t n = cli_opt_all(c, "expect", v, CLI_MAXEXPECT);

	for (size_t i = 0; i < n; i++)
		if (hub_expect_parse(v[i], &x[i], &c->e) != 0) {
			cli_usage(c, "%s", c->e.msg);
			return -1;
		}
	return (int)n;
}

static int
c_verify(struct cli *c)
{
	struct store_expect x[CLI_MAXEXPECT];
	struct buf report = { 0 }, probs = { 0 };
	uint64_t nprob = 0;
	int n, rc;

	if ((n = expects(c, x)) < 0)
		return ERR_USAGE;
	rc = hub_verify(c->h, x, (size_t)n, &report, &probs, &nprob, &c->e);
	if (!cli_flag(c, "quiet"))
		cli_write(&report);
	buf_free(&report);
	if (rc != 0 && nprob > 1) {
		/* Each distinct problem once, then the verdict. */
		for (char *p = probs.p, *q; p && p < probs.p + probs.len;
		    p = q + 1) {
			if ((q = memchr(p, '\n', (size_t)(probs.p +
			    probs.len - p))) == NULL)
				break;
			fprintf(stderr, "cercle: %.*s\n", (int)(q - p), p);
		}
		fprintf(stderr, ngettext("cercle: verify failed: %llu "
		    "distinct problem\n", "cercle: verify failed: %llu "
		    "distinct problems\n", nprob), (unsigned long long)nprob);
	} else if (rc != 0)
		fprintf(stderr, _("cercle: verify failed: %s\n"), c->e.msg);
	buf_free(&probs);
	if (rc != 0)
		return err_exit_code(&c->e) ? err_exit_code(&c->e) :
		    ERR_SYSTEM;
	if (!cli_flag(c, "quiet"))
		printf("%s\n", P_("verify", "sound"));
	return 0;
}

static int
c_journal_head(struct cli *c)
{
	uint64_t seq;
	char hex[65], fp[80];

	if (hub_journal_head(c->h, &seq, hex, fp, sizeof fp, &c->e) != 0)
		return cli_fail(c);
	if (c->json) {
		printf("{\"entry\":%llu,\"hash\":\"%s\",\"key\":\"%s\"}\n",
		    (unsigned long long)seq, hex, fp);
		return 0;
	}
	printf("%llu:%s\n", (unsigned long long)seq, hex);
	return 0;
}

static int
c_backup(struct cli *c)
{
	uint64_t seq;
	char hex[65];

	if (hub_backup(c->h, &c->who, c->argv[0], &seq, hex, &c->e) != 0)
		return cli_fail(c);
	printf("%llu:%s\n", (unsigned long long)seq, hex);
	fprintf(stderr, _("cercle: backup in %s verified; its head is entry "
	    "%llu (also in %s/HEAD)\n"), c->argv[0], (unsigned long long)seq,
	    c->argv[0]);
	return 0;
}

static int
c_restore(struct cli *c)
{
	struct store_expect x[CLI_MAXEXPECT];
	struct buf report = { 0 };
	int n, rc;

	if ((n = expects(c, x)) < 0)
		return ERR_USAGE;
	rc = hub_restore(c->db, c->argv[0], cli_flag(c, "force"), x,
	    (size_t)n, &report, &c->e);
	if (!cli_flag(c, "quiet") || rc != 0)
		fwrite(report.p ? report.p : "", 1, report.len,
		    rc ? stderr : stdout);
	buf_free(&report);
	if (rc != 0)
		return cli_fail(c);
	return 0;
}

const struct cli_cmd cli_store_cmds[] = {
	{ "verify", "[--quiet] [--expect N:HASH]...", "quiet,expect:", 0, 0,
	    0, N_("check the pages, the journal chain, every record, every "
	    "index and the signed checkpoints (and each head given)"),
	    c_verify },
	{ "journal head", "[--json]", "json", 0, 0, 0,
	    N_("the journal's last entry and its hash, to publish"),
	    c_journal_head },
	{ "backup", "DIR", "", 1, 1, 0,
	    N_("a consistent, compacted, verified copy in DIR while sessions "
	    "go on; prints its head"), c_backup },
	{ "restore", "COPY [--force] [--expect N:HASH]... [--quiet]",
	    "force,expect:,quiet", 1, 1, CLI_NODB,
	    N_("put a backup in place of the database (no process may have it "
	    "open); refuses a copy older than the hub's head unless --force"),
	    c_restore },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};
