/* bench/scale.c: how cercle grows from 10k to 100k to 1M needs: `cercle
 * verify` time, `need list` first page with and without filters (the CLI
 * process, and in one long-lived process as the TUI holds it: first page
 * after open, then each filter change), memory, database size. Reports
 * figures only. Databases are built once (one hub_run transaction per
 * batch of needs, as src/demo.c does) and cached in CACHE between runs.
 * Usage: scale CACHE CERCLE_BIN [N ...] */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>

#include "hub.h"
#include "codec.h"

#define BATCH	20000
#define REPEAT	5
#define MAXN	8
#define DATA_VERSION	2

static const char *terrs[] = { "Aix-Marseille", "Alpes", "Avignon", "Azur" };
static const char *cats[] = { "santé", "connexion", "équipement",
	"accès aux droits", "mobilité" };

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
die(const char *what, const char *msg)
{
	fprintf(stderr, "scale: %s: %s\n", what, msg);
	exit(1);
}

/* ---- building a database of n needs ---- */

struct fill {
	int from, to;
	struct actor *rep;
};

static int
op_fill(struct hub_ctx *c, void *arg)
{
	struct fill *f = arg;
	struct actor *outer = c->who;
	struct member m;
	int rc;

	if ((rc = hub_member_by_login(c->t, "rep", &m, c->e)) != 0)
		return rc;
	f->rep->id = m.id;
	f->rep->roles = m.roles;
	codec_free(RT_MEMBER, &m);
	for (int i = f->from; i < f->to && rc == 0; i++) {
		struct need_input in = { 0 };
		char title[64];
		uint64_t id;

		snprintf(title, sizeof title, "Besoin numéro %d", i);
		in.title = title;
		in.territory = terrs[i % 4];
		in.category = cats[(i / 4) % 5];
		in.description = "Observé lors d'une permanence numérique.";
		/* Spread over two years of collection rounds. */
		in.created = 1700000000 + (int64_t)i * 60;
		c->who = f->rep;
		rc = hub_need_add_in(c, &in, &id);
		c->who = outer;
		/* 1% archived (by the admin), spread over the
		 * territories: a rare status to filter on. */
		if (rc == 0 && i % 97 == 0)
			rc = hub_need_status_in(c, id, NEED_ARCHIVED);
	}
	c->who = outer;
	return rc;
}

static double
build(const char *dir, int n)
{
	struct hub *h;
	struct actor adm, rep;
	struct err e;
	double t0 = now_ms();

	if (hub_open(dir, 1, &h, &e) != 0)
		die("open", e.msg);
	hub_actor_console(&adm, NULL);
	hub_actor_member(&rep, "rep");
	if (hub_init(h, &adm, NULL, &e) != 0 ||
	    hub_member_add(h, &adm, "rep", "Rep", ROLE_MEMBER, "Alpes", NULL,
	    NULL, &e) != 0)
		die("init", e.msg);
	for (int i = 0; i < n; i += BATCH) {
		struct fill f = { i, i + BATCH < n ? i + BATCH : n, &rep };
		if (hub_run(h, &adm, "bench.fill", NULL, op_fill, &f, &e) != 0)
			die("fill", e.msg);
	}
	hub_close(h);
	return now_ms() - t0;
}

/* ---- running the CLI ---- */

struct run {
	double ms;
	long maxrss_kb;
};

/* Run BIN --db dir args..., output to /dev/null; wall time and peak RSS. */
static void
run_cli(const char *bin, const char *dir, const char *const *args,
    struct run *out)
{
	const char *argv[16];
	struct rusage ru;
	double t0 = now_ms();
	int n = 0, st, fd;
	pid_t pid;

	argv[n++] = bin;
	argv[n++] = "--db";
	argv[n++] = dir;
	for (int i = 0; args[i] != NULL && n < 15; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	if ((pid = fork()) < 0)
		die("fork", strerror(errno));
	if (pid == 0) {
		if ((fd = open("/dev/null", O_WRONLY)) >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
			close(fd);
		}
		execv(bin, (char *const *)argv);
		_exit(127);
	}
	if (wait4(pid, &st, 0, &ru) < 0 || !WIFEXITED(st) ||
	    WEXITSTATUS(st) != 0)
		die(args[0], "the command failed");
	out->ms = now_ms() - t0;
	out->maxrss_kb = ru.ru_maxrss;
}

static int
cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
run_cli_median(const char *bin, const char *dir, const char *const *args,
    struct run *out)
{
	double t[REPEAT];
	struct run r;

	out->maxrss_kb = 0;
	for (int i = 0; i < REPEAT; i++) {
		run_cli(bin, dir, args, &r);
		t[i] = r.ms;
		if (r.maxrss_kb > out->maxrss_kb)
			out->maxrss_kb = r.maxrss_kb;
	}
	qsort(t, REPEAT, sizeof *t, cmp_d);
	out->ms = t[REPEAT / 2];
}

/* ---- in one process, as the TUI holds the store ---- */

static int
count_cb(struct store_txn *t, const struct need *n, void *arg)
{
	(void)t;
	(void)n;
	++*(int *)arg;
	return 0;
}

static double
page_ms(struct hub *h, const struct need_filter *f, int sort)
{
	struct store_txn *t;
	struct err e;
	char next[HUB_CURSOR_MAX];
	double t0 = now_ms();
	int n = 0;

	if (hub_read(h, &t, &e) != 0 || hub_need_list(t, f, sort, NULL, 50,
	    count_cb, &n, next, &e) != 0)
		die("need list", e.msg);
	hub_read_end(t);
	return now_ms() - t0;
}

static double
page_median(struct hub *h, const struct need_filter *f, int sort)
{
	double t[REPEAT];

	for (int i = 0; i < REPEAT; i++)
		t[i] = page_ms(h, f, sort);
	qsort(t, REPEAT, sizeof *t, cmp_d);
	return t[REPEAT / 2];
}

/* Rss and Pss of this process in KB, from smaps_rollup. */
/* Rss, Pss and Anonymous of this process in KB, from smaps_rollup: the
 * LMDB map's pages count in Rss once touched (shared, file-backed);
 * Anonymous is the process's own memory. */
static void
self_mem(long *rss, long *pss, long *anon)
{
	FILE *f = fopen("/proc/self/smaps_rollup", "r");
	char line[256];

	*rss = *pss = *anon = -1;
	if (f == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		sscanf(line, "Rss: %ld", rss);
		sscanf(line, "Pss: %ld", pss);
		sscanf(line, "Anonymous: %ld", anon);
	}
	fclose(f);
}

/* ---- figures ---- */

enum {
	M_VERIFY, M_VERIFY_RSS, M_CLI_ALL, M_CLI_TERR, M_CLI_RARE, M_CLI_RSS,
	M_OPEN_FIRST, M_CHG_TERR, M_CHG_RARE, M_CHG_CAT, M_CHG_SUPPORT,
	M_CHG_SCAN, M_RSS, M_PSS, M_ANON, M_SIZE, M__COUNT
};

static const struct {
	const char *name, *unit, *what;
} metric[M__COUNT] = {
	[M_VERIFY] = { "verify", "ms", "cercle verify" },
	[M_VERIFY_RSS] = { "verify_maxrss", "KB", "cercle verify peak RSS" },
	[M_CLI_ALL] = { "cli_list", "ms", "need list, no filter (CLI)" },
	[M_CLI_TERR] = { "cli_list_terr", "ms",
	    "need list --territory (CLI)" },
	[M_CLI_RARE] = { "cli_list_rare", "ms",
	    "need list --territory --status archived (CLI)" },
	[M_CLI_RSS] = { "cli_list_maxrss", "KB", "need list peak RSS" },
	[M_OPEN_FIRST] = { "open_first_page", "ms",
	    "open + first page, no filter" },
	[M_CHG_TERR] = { "filter_terr", "ms", "filter change: territory" },
	[M_CHG_RARE] = { "filter_rare", "ms",
	    "filter change: territory + archived (1%)" },
	[M_CHG_CAT] = { "filter_cat", "ms", "filter change: category" },
	[M_CHG_SUPPORT] = { "sort_support", "ms",
	    "sort change: most supported" },
	[M_CHG_SCAN] = { "filter_round_none", "ms",
	    "filter on a round matching nothing (no index: scan)" },
	[M_RSS] = { "page_rss", "KB", "RSS after the pages (in process)" },
	[M_PSS] = { "page_pss", "KB", "PSS after the pages (in process)" },
	[M_ANON] = { "page_anon", "KB",
	    "of which anonymous (not the map) (in process)" },
	[M_SIZE] = { "db_size", "MB", "data.mdb on disk" },
};

static void
measure_inproc(const char *dir, double *m)
{
	struct hub *h;
	struct err e;
	struct need_filter f;
	double t[REPEAT];
	long rss, pss, anon;

	hub_need_filter_init(&f);
	for (int i = 0; i < REPEAT; i++) {
		double t0 = now_ms();

		if (hub_open(dir, 0, &h, &e) != 0)
			die("open", e.msg);
		page_ms(h, &f, NEED_SORT_NEWEST);
		t[i] = now_ms() - t0;
		if (i < REPEAT - 1)
			hub_close(h);
	}
	qsort(t, REPEAT, sizeof *t, cmp_d);
	m[M_OPEN_FIRST] = t[REPEAT / 2];
	f.territory = "Alpes";
	m[M_CHG_TERR] = page_median(h, &f, NEED_SORT_NEWEST);
	f.status = NEED_ARCHIVED;
	m[M_CHG_RARE] = page_median(h, &f, NEED_SORT_NEWEST);
	hub_need_filter_init(&f);
	f.category = "santé";
	m[M_CHG_CAT] = page_median(h, &f, NEED_SORT_NEWEST);
	hub_need_filter_init(&f);
	m[M_CHG_SUPPORT] = page_median(h, &f, NEED_SORT_SUPPORT);
	/* Memory as a session holds it after those pages; the scan below
	 * touches the whole map. */
	self_mem(&rss, &pss, &anon);
	m[M_RSS] = (double)rss;
	m[M_PSS] = (double)pss;
	m[M_ANON] = (double)anon;
	f.round = "1999-B1";
	m[M_CHG_SCAN] = page_ms(h, &f, NEED_SORT_NEWEST);
	hub_close(h);
}

static int
prec(int k)
{
	if (strcmp(metric[k].unit, "ms") == 0)
		return 2;
	return strcmp(metric[k].unit, "MB") == 0 ? 1 : 0;
}

static const char *
growth(double a, double b)
{
	double r = a > 0 ? b / a : 0;

	if (a <= 0 || b <= 0)
		return "-";
	if (r < 1.6)
		return "flat";
	if (r < 5)
		return "logarithmic-like";
	if (r < 20)
		return "linear";
	return "worse than linear";
}

int
main(int argc, char **argv)
{
	int ns[MAXN], nn = 0;
	double m[MAXN][M__COUNT];
	const char *bin;

	if (argc < 3) {
		fprintf(stderr, "usage: scale CACHE CERCLE_BIN [N ...]\n");
		return 1;
	}
	bin = argv[2];
	for (int i = 3; i < argc && nn < MAXN; i++)
		ns[nn++] = atoi(argv[i]);
	if (nn == 0) {
		ns[nn++] = 10000;
		ns[nn++] = 100000;
		ns[nn++] = 1000000;
	}
	mkdir(argv[1], 0755);
	for (int i = 0; i < nn; i++) {
		char dir[512], mark[600], data[600];
		struct stat sb;
		struct run r;
		static const char *const a_verify[] = { "verify", "--quiet",
		    NULL };
		static const char *const a_all[] = { "need", "list",
		    "--limit", "50", NULL };
		static const char *const a_terr[] = { "need", "list",
		    "--limit", "50", "--territory", "Alpes", NULL };
		static const char *const a_rare[] = { "need", "list",
		    "--limit", "50", "--territory", "Alpes", "--status",
		    "archived", NULL };

		/* The cache is keyed by size, store schema and the data
		 * this file builds (bump DATA_VERSION when op_fill
		 * changes). */
		snprintf(dir, sizeof dir, "%s/needs-%d-s%d-v%d", argv[1],
		    ns[i], STORE_SCHEMA, DATA_VERSION);
		snprintf(mark, sizeof mark, "%s/complete", dir);
		snprintf(data, sizeof data, "%s/data.mdb", dir);
		if (stat(mark, &sb) != 0) {
			char cmd[600];
			double ms;
			FILE *f;

			snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
			if (system(cmd) != 0)
				die("rm", dir);
			ms = build(dir, ns[i]);
			printf("scale.build.%d  %.0f  ms\n", ns[i], ms);
			if ((f = fopen(mark, "w")) != NULL)
				fclose(f);
		} else
			printf("scale.build.%d  0  ms (cached in %s)\n", ns[i],
			    dir);
		fflush(stdout);
		run_cli(bin, dir, a_verify, &r);
		m[i][M_VERIFY] = r.ms;
		m[i][M_VERIFY_RSS] = (double)r.maxrss_kb;
		run_cli_median(bin, dir, a_all, &r);
		m[i][M_CLI_ALL] = r.ms;
		m[i][M_CLI_RSS] = (double)r.maxrss_kb;
		run_cli_median(bin, dir, a_terr, &r);
		m[i][M_CLI_TERR] = r.ms;
		run_cli_median(bin, dir, a_rare, &r);
		m[i][M_CLI_RARE] = r.ms;
		if (r.maxrss_kb > m[i][M_CLI_RSS])
			m[i][M_CLI_RSS] = (double)r.maxrss_kb;
		measure_inproc(dir, m[i]);
		m[i][M_SIZE] = stat(data, &sb) == 0 ?
		    (double)sb.st_blocks * 512 / 1048576.0 : -1;
		for (int k = 0; k < M__COUNT; k++)
			printf("scale.%s.%d  %.*f  %s\n", metric[k].name, ns[i],
			    prec(k), m[i][k], metric[k].unit);
		fflush(stdout);
	}
	printf("\nScale: needs in the database (warm page cache; "
	    "times are medians of %d except verify and the scan)\n", REPEAT);
	printf("%-52s", "");
	for (int i = 0; i < nn; i++)
		printf(" %10d", ns[i]);
	printf("  growth per x10\n");
	for (int k = 0; k < M__COUNT; k++) {
		char label[80];

		snprintf(label, sizeof label, "%s (%s)", metric[k].what,
		    metric[k].unit);
		printf("%-52s", label);
		for (int i = 0; i < nn; i++)
			printf(" %10.*f", prec(k), m[i][k]);
		printf(" ");
		for (int i = 1; i < nn; i++)
			printf(" %s", growth(m[i - 1][k], m[i][k]));
		printf("\n");
	}
	printf("(growth: ratio of one step to the last below 1.6 flat, below "
	    "5 logarithmic-like, below 20 linear)\n");
	return 0;
}
