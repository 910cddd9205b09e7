/* bench/store-faults.c: figures for issue 13 (the store under faults):
 * the open storm's false alarms, the cost of a signed checkpoint, and a
 * backup's time and size. Figures, not pass/fail.
 * usage: store-faults storm DIR OPENS [WRITERS [OPENERS]]
 *        (STORM_SECONDS=S stops the openers after S seconds and reports
 *        the opens made; every 10,000 opens an opener prints its count)
 *        store-faults ckpt DIR [N]
 *        store-faults backup DIR NEEDS */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "codec.h"
#include "hub.h"

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
	fprintf(stderr, "store-faults: %s: %s\n", what, msg);
	exit(1);
}

struct fill {
	uint64_t from, n;
};

static int
op_fill(struct hub_ctx *c, void *argp)
{
	static const char *terr[] = { "Aix-Marseille", "Alpes", "Avignon",
	    "Azur" };
	struct fill *f = argp;
	char title[64];
	int rc;

	for (uint64_t i = 0; i < f->n; i++) {
		struct need n;
		uint64_t id;
		memset(&n, 0, sizeof n);
		snprintf(title, sizeof title, "Besoin %llu",
		    (unsigned long long)(f->from + i));
		n.title = title;
		n.description = "Ateliers numériques pour les habitants du "
		    "quartier, deux fois par semaine.";
		n.territory = (char *)terr[(f->from + i) % 4];
		n.created = 1700000000;
		if ((rc = store_next_id(c->t, RT_NEED, &id, c->e)) != 0 ||
		    (rc = store_put(c->t, RT_NEED, id, &n, c->e)) != 0)
			return rc;
	}
	return 0;
}

static void
fill(struct hub *h, uint64_t n)
{
	struct actor who;
	struct err e;

	hub_actor_console(&who, NULL);
	for (uint64_t done = 0; done < n; done += 10000) {
		struct fill f = { done + 1, n - done < 10000 ? n - done :
		    10000 };
		if (hub_run(h, &who, "bench.fill", "fill", op_fill, &f, &e))
			die("fill", e.msg);
	}
}

/* ---- the open storm ---- */

static void
writer(const char *dir, const char *stop, int k)
{
	struct hub *h;
	struct actor who;
	struct need_input in;
	struct err e;
	char login[16], title[32];
	uint64_t id;
	struct stat sb;
	int i = 0;

	if (hub_open(dir, 0, &h, &e) != 0)
		die("writer open", e.msg);
	snprintf(login, sizeof login, "w%d", k);
	hub_actor_member(&who, login);
	while (stat(stop, &sb) != 0) {
		memset(&in, 0, sizeof in);
		snprintf(title, sizeof title, "n%d-%d", k, i++);
		in.title = title;
		in.territory = "Alpes";
		in.description = "Un besoin qui fait grandir la base, un peu, "
		    "à chaque fois, pour que le fichier s'étende.";
		if (hub_need_add(h, &who, &in, &id, &e) != 0)
			fprintf(stderr, "writer: %s\n", e.msg);
	}
	hub_close(h);
	_exit(0);
}

/* OPENS opens of the database, each as a new process would (open, one
 * read transaction, close); counts the failures and their kinds. */
static void
opener(const char *dir, long opens, int fd, double deadline)
{
	long fails = 0, damaged = 0, resized = 0, i;
	char line[128];
	struct err e;

	for (i = 0; i < opens; i++) {
		struct store *s;
		struct store_txn *t;
		if (deadline > 0 && now_ms() > deadline)
			break;
		if (i > 0 && i % 10000 == 0)
			fprintf(stderr, "opener %d: %ld opens, %ld failed\n",
			    (int)getpid(), i, fails);
		if (store_open(dir, 0, &s, &e) == 0) {
			if (store_begin(s, 0, &t, &e) == 0) {
				store_abort(t);
				store_close(s);
				continue;
			}
			store_close(s);
		}
		fails++;
		if (strstr(e.msg, "damaged") || strstr(e.msg, "truncated"))
			damaged++;
		else if (strstr(e.msg, "RESIZED") || strstr(e.msg, "resized"))
			resized++;
		if (fails <= 3)
			fprintf(stderr, "opener: %s\n", e.msg);
	}
	snprintf(line, sizeof line, "%ld %ld %ld %ld\n", i, fails, damaged,
	    resized);
	if (write(fd, line, strlen(line)) < 0)
		_exit(1);
	_exit(0);
}

static int
storm(const char *dir, long opens, int writers, int openers)
{
	char stop[600], login[16];
	struct hub *h;
	struct actor who;
	struct err e;
	pid_t wp[64], op[64];
	long fails = 0, damaged = 0, resized = 0, made = 0;
	int pfd[2];
	double t0, deadline = 0;
	const char *secs = getenv("STORM_SECONDS");

	snprintf(stop, sizeof stop, "%s.stop", dir);
	unlink(stop);
	setenv("CERCLE_MAP_SIZE", "65536", 1);	/* the file outgrows it */
	if (hub_open(dir, 1, &h, &e) != 0)
		die("open", e.msg);
	hub_actor_console(&who, NULL);
	hub_init(h, &who, "Bench", &e);
	for (int k = 0; k < writers; k++) {
		uint64_t id;
		snprintf(login, sizeof login, "w%d", k);
		hub_member_add(h, &who, login, "Writer", ROLE_MEMBER, "Alpes",
		    NULL, &id, &e);
	}
	fill(h, 2000);
	hub_close(h);
	for (int k = 0; k < writers; k++)
		if ((wp[k] = fork()) == 0)
			writer(dir, stop, k);
	/* After the writers: they must not hold the pipe open. */
	if (pipe(pfd) != 0)
		die("pipe", strerror(errno));
	t0 = now_ms();
	if (secs && atof(secs) > 0)
		deadline = t0 + atof(secs) * 1000;
	for (int k = 0; k < openers; k++)
		if ((op[k] = fork()) == 0)
			opener(dir, opens / openers, pfd[1], deadline);
	close(pfd[1]);
	for (int k = 0; k < openers; k++)
		waitpid(op[k], NULL, 0);
	{
		FILE *f = fdopen(pfd[0], "r");
		long n, a, b, c;
		while (f && fscanf(f, "%ld %ld %ld %ld", &n, &a, &b, &c) == 4) {
			made += n;
			fails += a;
			damaged += b;
			resized += c;
		}
		if (f)
			fclose(f);
	}
	printf("faults.storm.opens  %ld  opens (of %ld asked; %d openers, "
	    "%d writers, %.0f s)\n", made, opens / openers * openers, openers,
	    writers,
	    (now_ms() - t0) / 1000);
	{
		FILE *f = fopen(stop, "w");
		if (f)
			fclose(f);
	}
	for (int k = 0; k < writers; k++)
		waitpid(wp[k], NULL, 0);
	printf("faults.storm.false_damaged  %ld  opens\n", damaged);
	printf("faults.storm.false_resized  %ld  opens\n", resized);
	printf("faults.storm.failed  %ld  opens\n", fails);
	unlink(stop);
	return 0;
}

/* ---- a checkpoint's cost ---- */

static int
op_ckpts(struct hub_ctx *c, void *argp)
{
	int n = *(int *)argp, rc, sig = 0, all = 1;

	/* One head is anchored once per meeting: tag each with its own
	 * (meeting i + 1) so that every one is signed and written. */
	for (int i = 0; i < n; i++) {
		if ((rc = store_checkpoint(c->t, (uint64_t)i + 1, &sig,
		    c->e)) != 0)
			return rc;
		all &= sig;
	}
	return all ? 0 : err_set(c->e, ERR_SYSTEM, "no key");
}

static int
ckpt(const char *dir, int n)
{
	struct hub *h;
	struct actor who;
	struct err e;
	double t0;

	if (hub_open(dir, 1, &h, &e) != 0)
		die("open", e.msg);
	hub_actor_console(&who, NULL);
	if (hub_init(h, &who, "Bench", &e) != 0)
		die("init", e.msg);
	t0 = now_ms();
	if (hub_run(h, &who, "bench.ckpt", "ckpt", op_ckpts, &n, &e) != 0)
		die("checkpoint", e.msg);
	t0 = (now_ms() - t0) * 1000 / n;
	printf("faults.checkpoint.sign_put  %.1f  us per checkpoint\n", t0);
	printf("faults.checkpoint.per_entry  %.2f  us per journal entry "
	    "(one every %d)\n", t0 / STORE_CKPT_EVERY, STORE_CKPT_EVERY);
	hub_close(h);
	return 0;
}

/* ---- a backup ---- */

static int
backup(const char *dir, uint64_t needs)
{
	char mark[600], copy[600], data[700], cmd[800];
	struct hub *h;
	struct actor who;
	struct err e;
	struct stat sb;
	uint64_t seq;
	char hex[65];
	double t0;

	snprintf(mark, sizeof mark, "%s/complete", dir);
	if (stat(mark, &sb) != 0) {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			die("rm", dir);
		if (hub_open(dir, 1, &h, &e) != 0)
			die("open", e.msg);
		hub_actor_console(&who, NULL);
		hub_init(h, &who, "Bench", &e);
		t0 = now_ms();
		fill(h, needs);
		printf("faults.backup.build  %.0f  ms (%llu needs)\n",
		    now_ms() - t0, (unsigned long long)needs);
		hub_close(h);
		{
			FILE *mf = fopen(mark, "w");
			if (mf)
				fclose(mf);
		}
	}
	snprintf(data, sizeof data, "%s/data.mdb", dir);
	stat(data, &sb);
	printf("faults.backup.live_size  %.1f  MB\n", sb.st_size / 1e6);
	snprintf(copy, sizeof copy, "%s.copy", dir);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", copy);
	if (system(cmd) != 0)
		die("rm", copy);
	if (hub_open(dir, 0, &h, &e) != 0)
		die("open", e.msg);
	t0 = now_ms();
	hub_actor_console(&who, NULL);
	if (hub_backup(h, &who, copy, &seq, hex, &e) != 0)
		die("backup", e.msg);
	printf("faults.backup.time  %.0f  ms (copy, sync, open, verify; %llu "
	    "journal entries)\n", now_ms() - t0, (unsigned long long)seq);
	snprintf(data, sizeof data, "%s/data.mdb", copy);
	stat(data, &sb);
	printf("faults.backup.size  %.1f  MB\n", sb.st_size / 1e6);
	hub_close(h);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc >= 4 && strcmp(argv[1], "storm") == 0)
		return storm(argv[2], atol(argv[3]),
		    argc > 4 ? atoi(argv[4]) : 16,
		    argc > 5 ? atoi(argv[5]) : 4);
	if (argc >= 3 && strcmp(argv[1], "ckpt") == 0)
		return ckpt(argv[2], argc > 3 ? atoi(argv[3]) : 2000);
	if (argc >= 4 && strcmp(argv[1], "backup") == 0)
		return backup(argv[2], strtoull(argv[3], NULL, 10));
	fputs("usage: store-faults storm DIR OPENS [WRITERS [OPENERS]] | "
	    "ckpt DIR [N] | backup DIR NEEDS\n", stderr);
	return 1;
}
