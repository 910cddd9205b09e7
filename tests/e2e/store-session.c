/* tests/e2e/store-session.c: a long-lived process on the store, driven
 * from stdin, to put faults under a session: a lock file replaced, a file
 * truncated, a writer stopped inside its transaction; and a tamperer that
 * edits the journal as someone holding the file could. Test helper only.
 * usage: store-session DB writer LOGIN      (stdin: "need TITLE" lines)
 *        store-session DB readhold          (stdin: one line, then reads)
 *        store-session DB stopwrite LOGIN   (stops itself in a write)
 *        store-session DB tamper SEQ alter|rewrite
 *        store-session DB dropkeys NAME N [FROM]  (FROM: the first
 *        key's rank, 0 by default; "last": the last N keys)
 *        store-session DB rank NAME KEY  (prints KEY's rank in NAME) */
#include <lmdb.h>
#include <openssl/sha.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "hub.h"
#include "store-int.h"

static int
op_stop(struct hub_ctx *c, void *arg)
{
	(void)c;
	(void)arg;
	raise(SIGSTOP);
	return 0;
}

static int
sum_cb(uint64_t id, const void *data, size_t len, void *arg)
{
	const unsigned char *p = data;
	unsigned long *sum = arg;

	*sum += id;
	for (size_t i = 0; i < len; i++)
		*sum += p[i];
	return 0;
}

static int
writer(struct hub *h, const char *login)
{
	struct actor who;
	struct need_input in;
	struct err e;
	char line[256];
	uint64_t id;

	hub_actor_member(&who, login);
	printf("ready\n");
	fflush(stdout);
	while (fgets(line, sizeof line, stdin) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "need ", 5) != 0)
			continue;
		memset(&in, 0, sizeof in);
		in.title = line + 5;
		in.territory = "Alpes";
		if (hub_need_add(h, &who, &in, &id, &e) == 0)
			printf("ok %llu\n", (unsigned long long)id);
		else
			printf("err %d %s\n", err_exit_code(&e), e.msg);
		fflush(stdout);
	}
	return 0;
}

static int
readhold(struct hub *h)
{
	struct store_txn *t;
	struct err e;
	char line[64];
	unsigned long sum = 0;

	if (hub_read(h, &t, &e) != 0) {
		fprintf(stderr, "store-session: %s\n", e.msg);
		return 3;
	}
	printf("ready\n");
	fflush(stdout);
	if (fgets(line, sizeof line, stdin) == NULL)
		return 1;
	for (int rt = 1; rt < RT__COUNT; rt++)
		store_scan(t, rt, 0, 0, sum_cb, &sum, &e);
	hub_read_end(t);
	printf("read %lu\n", sum);
	return 0;
}

/* Edit journal entry seq with LMDB itself: "alter" changes its summary
 * and leaves its hash (an edit verify must see); "rewrite" recomputes its
 * hash and every later entry's link and hash (a consistent rewrite that
 * only an anchor outside the chain can reveal). */
static int
tamper(const char *dir, uint64_t seq, int rewrite)
{
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	MDB_cursor *c;
	MDB_val k, v;
	uint8_t kb[8], prev[32];
	struct jentry *je = NULL;
	size_t n = 0;
	struct err e;
	int rc;

	mdb_env_create(&env);
	mdb_env_set_maxdbs(env, 64);
	mdb_env_set_mapsize(env, 1UL << 30);
	if (mdb_env_open(env, dir, 0, 0660) != 0 ||
	    mdb_txn_begin(env, NULL, 0, &txn) != 0 ||
	    mdb_dbi_open(txn, "journal", 0, &dbi) != 0 ||
	    mdb_cursor_open(txn, dbi, &c) != 0)
		return 3;
	store_be64(seq, kb);
	k.mv_size = 8;
	k.mv_data = kb;
	for (rc = mdb_cursor_get(c, &k, &v, MDB_SET_KEY); rc == 0 &&
	    (n == 0 || rewrite); rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		je = realloc(je, (n + 1) * sizeof *je);
		if (codec_decode(RT_JOURNAL, v.mv_data, v.mv_size, &je[n], &e))
			return 3;
		je[n].id = store_from_be64(k.mv_data);
		n++;
	}
	mdb_cursor_close(c);
	for (size_t i = 0; i < n; i++) {
		struct buf b = { 0 };
		MDB_val nv;
		if (i == 0)
			str_replace(&je[i].summary, "rewritten by hand");
		else
			memcpy(je[i].prev, prev, 32);
		if (rewrite) {
			/* As cercle hashes: an entry with a salted commitment
			 * (moderation) commits to its new summary again. */
			char cm[65];
			if (je[i].commit != NULL &&
			    store_journal_commit(&je[i], cm) == 0)
				str_replace(&je[i].commit, cm);
			store_journal_hash(&je[i]);
		}
		memcpy(prev, je[i].hash, 32);
		codec_encode(RT_JOURNAL, &je[i], &b);
		store_be64(je[i].id, kb);
		k.mv_size = 8;
		k.mv_data = kb;
		nv.mv_size = b.len;
		nv.mv_data = b.p;
		if (mdb_put(txn, dbi, &k, &nv, 0) != 0)
			return 3;
		buf_free(&b);
		codec_free(RT_JOURNAL, &je[i]);
	}
	free(je);
	if (mdb_txn_commit(txn) != 0)
		return 3;
	mdb_env_close(env);
	return 0;
}

/* Delete n keys of a named database from rank from (a damaged index, a
 * deleted checkpoint); from < 0: the last n keys. */
static int
dropkeys(const char *dir, const char *name, int n, int from)
{
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	MDB_cursor *c;
	MDB_val k, v;

	mdb_env_create(&env);
	mdb_env_set_maxdbs(env, 64);
	mdb_env_set_mapsize(env, 1UL << 30);
	if (mdb_env_open(env, dir, 0, 0660) != 0 ||
	    mdb_txn_begin(env, NULL, 0, &txn) != 0 ||
	    mdb_dbi_open(txn, name, 0, &dbi) != 0 ||
	    mdb_cursor_open(txn, dbi, &c) != 0)
		return 3;
	for (int i = 0; i < n; i++) {
		int r = 0;
		if (from < 0)
			r = mdb_cursor_get(c, &k, &v, MDB_LAST);
		else
			for (int j = 0; j <= from && r == 0; j++)
				r = mdb_cursor_get(c, &k, &v,
				    j ? MDB_NEXT : MDB_FIRST);
		if (r != 0 || mdb_cursor_del(c, 0) != 0)
			return 3;
	}
	mdb_cursor_close(c);
	if (mdb_txn_commit(txn) != 0)
		return 3;
	mdb_env_close(env);
	return 0;
}

/* Print the rank (0-based) of key in a named database. */
static int
rank(const char *dir, const char *name, const char *key)
{
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	MDB_cursor *c;
	MDB_val k, v;
	int i = 0, r;

	mdb_env_create(&env);
	mdb_env_set_maxdbs(env, 64);
	if (mdb_env_open(env, dir, MDB_RDONLY, 0660) != 0 ||
	    mdb_txn_begin(env, NULL, MDB_RDONLY, &txn) != 0 ||
	    mdb_dbi_open(txn, name, 0, &dbi) != 0 ||
	    mdb_cursor_open(txn, dbi, &c) != 0)
		return 3;
	for (r = mdb_cursor_get(c, &k, &v, MDB_FIRST); r == 0;
	    r = mdb_cursor_get(c, &k, &v, MDB_NEXT), i++)
		if (k.mv_size == strlen(key) &&
		    memcmp(k.mv_data, key, k.mv_size) == 0) {
			printf("%d\n", i);
			break;
		}
	mdb_txn_abort(txn);
	mdb_env_close(env);
	return r == 0 ? 0 : 3;
}

int
main(int argc, char **argv)
{
	struct hub *h;
	struct actor who;
	struct err e;
	int rc;

	if (argc < 3) {
		fputs("usage: store-session DB MODE [ARGS]\n", stderr);
		return 1;
	}
	if (strcmp(argv[2], "tamper") == 0 && argc == 5)
		return tamper(argv[1], strtoull(argv[3], NULL, 10),
		    strcmp(argv[4], "rewrite") == 0);
	if (strcmp(argv[2], "rank") == 0 && argc == 5)
		return rank(argv[1], argv[3], argv[4]);
	if (strcmp(argv[2], "dropkeys") == 0 && (argc == 5 || argc == 6))
		return dropkeys(argv[1], argv[3], atoi(argv[4]), argc < 6 ? 0 :
		    strcmp(argv[5], "last") == 0 ? -1 : atoi(argv[5]));
	if (hub_open(argv[1], 0, &h, &e) != 0) {
		fprintf(stderr, "store-session: %s\n", e.msg);
		return 3;
	}
	if (strcmp(argv[2], "writer") == 0 && argc == 4)
		rc = writer(h, argv[3]);
	else if (strcmp(argv[2], "readhold") == 0)
		rc = readhold(h);
	else if (strcmp(argv[2], "stopwrite") == 0 && argc == 4) {
		hub_actor_member(&who, argv[3]);
		rc = hub_run(h, &who, "test.stop", "stopped", op_stop, NULL,
		    &e) ? 3 : 0;
	} else
		rc = 1;
	hub_close(h);
	return rc;
}
