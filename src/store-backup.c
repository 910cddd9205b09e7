/* store-backup.c: consistent copies of a live database (mdb_env_copy2,
 * compacted, under a read snapshot) and putting one back in place. Must
 * not replace a database that any process has open. */
#include "store-int.h"
#include "codec.h"
#include "i18n.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int
dir_empty_or_absent(const char *dir, struct err *e)
{
	struct dirent *d;
	DIR *dp;
	int n = 0;

	if ((dp = opendir(dir)) == NULL) {
		if (errno != ENOENT)
			return err_set(e, ERR_SYSTEM, "%s: %s", dir,
			    strerror(errno));
		if (mkdir(dir, 0770) != 0)
			return err_set(e, ERR_SYSTEM, "cannot create %s: %s",
			    dir, strerror(errno));
		return 0;
	}
	while ((d = readdir(dp)) != NULL)
		if (strcmp(d->d_name, ".") && strcmp(d->d_name, ".."))
			n++;
	closedir(dp);
	if (n)
		return err_set(e, ERR_REFUSED, "%s is not empty: a backup "
		    "goes into a new directory", dir);
	return 0;
}

static int
fsync_path(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC), rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int
store_backup(struct store *s, const char *dir, uint64_t *seq,
    uint8_t hash[32], struct err *e)
{
	struct store *copy;
	struct store_txn *t;
	struct buf rep = { 0 };
	char path[4200], line[120];
	int rc, fd;

	if ((rc = dir_empty_or_absent(dir, e)) != 0)
		return rc;
	/* A read snapshot: writers go on while the copy is made. */
	if ((rc = mdb_env_copy2(s->env, dir, MDB_CP_COMPACT)) != 0)
		return store_lmdb_err(e, rc, "cannot copy the database");
	snprintf(path, sizeof path, "%s/data.mdb", dir);
	if (fsync_path(path, O_RDONLY) != 0 || fsync_path(dir, O_RDONLY) != 0)
		return err_set(e, ERR_SYSTEM, "cannot sync the copy in %s: %s",
		    dir, strerror(errno));
	if ((rc = store_open(dir, 0, &copy, e)) != 0)
		return rc;
	rc = store_verify(copy, &rep, e);
	buf_free(&rep);
	if (rc == 0 && (rc = store_begin(copy, 0, &t, e)) == 0) {
		rc = store_head(t, seq, hash, e);
		store_abort(t);
	}
	store_close(copy);
	if (rc != 0)
		return err_set(e, ERR_SYSTEM, "the copy in %s does not verify: "
		    "%s", dir, e->msg);
	/* The head, beside the copy, as a restore will check it. */
	snprintf(path, sizeof path, "%s/HEAD", dir);
	{
		int n = snprintf(line, sizeof line, "%llu ",
		    (unsigned long long)*seq);
		for (int i = 0; i < 32; i++)
			n += snprintf(line + n, sizeof line - (size_t)n,
			    "%02x", hash[i]);
		snprintf(line + n, sizeof line - (size_t)n, "\n");
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0660);
	if (fd < 0 || write(fd, line, strlen(line)) != (ssize_t)strlen(line) ||
	    fsync(fd) != 0) {
		if (fd >= 0)
			close(fd);
		return err_set(e, ERR_SYSTEM, "cannot write %s: %s", path,
		    strerror(errno));
	}
	close(fd);
	return 0;
}

/* ---- the last backup, recorded in the live database ---- */

#define BACKUP_KEY	"backup.last"
#define BACKUP_FILE	"cercle.backup"

int
store_backup_note(struct store_txn *t, const struct store_backup_rec *b,
    struct err *e)
{
	MDB_val k = { sizeof BACKUP_KEY - 1, BACKUP_KEY }, v;
	uint8_t buf[8 + 32 + 8 + sizeof b->dir];
	size_t dl = strnlen(b->dir, sizeof b->dir - 1);
	int rc;

	if (!t->write)
		return err_set(e, ERR_SYSTEM, "write in a read transaction");
	store_be64(b->seq, buf);
	memcpy(buf + 8, b->hash, 32);
	store_be64((uint64_t)b->time, buf + 40);
	memcpy(buf + 48, b->dir, dl);
	v.mv_size = 48 + dl;
	v.mv_data = buf;
	if ((rc = mdb_put(t->txn, t->s->meta, &k, &v, 0)) != 0)
		return store_txn_err(t, e, rc, "cannot record the backup");
	return 0;
}

int
store_backup_last(struct store_txn *t, struct store_backup_rec *b)
{
	MDB_val k = { sizeof BACKUP_KEY - 1, BACKUP_KEY }, v;
	size_t dl;

	memset(b, 0, sizeof *b);
	if (mdb_get(t->txn, t->s->meta, &k, &v) != 0 || v.mv_size < 48)
		return -1;
	b->seq = store_from_be64(v.mv_data);
	memcpy(b->hash, (uint8_t *)v.mv_data + 8, 32);
	b->time = (int64_t)store_from_be64((uint8_t *)v.mv_data + 40);
	dl = v.mv_size - 48;
	if (dl >= sizeof b->dir)
		dl = sizeof b->dir - 1;
	memcpy(b->dir, (uint8_t *)v.mv_data + 48, dl);
	return 0;
}

/* One line: "SEQ HASH TIME DIR". */
int
store_backup_file_write(const char *live, const struct store_backup_rec *b,
    struct err *e)
{
	char path[4200], tmp[4220], line[420];
	int n, fd;

	snprintf(path, sizeof path, "%s/%s", live, BACKUP_FILE);
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	n = snprintf(line, sizeof line, "%llu ", (unsigned long long)b->seq);
	for (int i = 0; i < 32; i++)
		n += snprintf(line + n, sizeof line - (size_t)n, "%02x",
		    b->hash[i]);
	snprintf(line + n, sizeof line - (size_t)n, " %lld %s\n",
	    (long long)b->time, b->dir);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0660);
	if (fd < 0 || write(fd, line, strlen(line)) != (ssize_t)strlen(line) ||
	    fsync(fd) != 0 || rename(tmp, path) != 0) {
		if (fd >= 0)
			close(fd);
		unlink(tmp);
		return err_set(e, ERR_SYSTEM, "cannot write %s: %s", path,
		    strerror(errno));
	}
	close(fd);
	fsync_path(live, O_RDONLY);
	return 0;
}

int
store_backup_file_read(const char *live, struct store_backup_rec *b)
{
	char path[4200], hex[65];
	unsigned long long seq;
	long long when;
	FILE *f;
	int n;

	memset(b, 0, sizeof *b);
	snprintf(path, sizeof path, "%s/%s", live, BACKUP_FILE);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	n = fscanf(f, "%llu %64[0-9a-f] %lld %255[^\n]", &seq, hex, &when,
	    b->dir);
	fclose(f);
	if (n < 3 || strlen(hex) != 64)
		return -1;
	b->seq = seq;
	b->time = when;
	for (int i = 0; i < 32; i++) {
		unsigned x;
		if (sscanf(hex + 2 * i, "%2x", &x) != 1)
			return -1;
		b->hash[i] = (uint8_t)x;
	}
	return 0;
}

void
store_backup_file_retire(const char *live)
{
	char path[4200], old[4240];

	snprintf(path, sizeof path, "%s/%s", live, BACKUP_FILE);
	snprintf(old, sizeof old, "%s.before-restore", path);
	if (rename(path, old) == 0)
		fsync_path(live, O_RDONLY);
}

const char *
store_stale(const struct store *s)
{
	return s->stale;
}

void
backup_file_check(struct store *s, int fresh)
{
	struct store_backup_rec b;
	struct store_txn *t;
	struct jentry je;
	struct err e;
	uint64_t head = 0;
	uint8_t hash[32];
	char ts[40], msg[900];
	int differs = 0;

	if (store_backup_file_read(s->path, &b) != 0 || b.seq == 0)
		return;
	if (fresh) {
		/* A new hub in the directory of one that is gone: the
		 * record is not about this one. */
		store_backup_file_retire(s->path);
		return;
	}
	if (store_begin(s, 0, &t, &e) != 0)
		return;	/* the next transaction says what is wrong */
	if (store_head(t, &head, hash, &e) == 0 && head >= b.seq &&
	    store_journal_get(t, b.seq, &je, &e) == 0) {
		differs = memcmp(je.hash, b.hash, 32) != 0;
		codec_free(RT_JOURNAL, &je);
	} else if (head >= b.seq)
		differs = 1;
	store_abort(t);
	if (head >= b.seq && !differs)
		return;
	util_fmt_time(b.time, ts, sizeof ts);
	if (!differs)
		snprintf(msg, sizeof msg, _("%s: data.mdb ends at entry %llu, "
		    "older than the last backup of this hub (entry %llu, %s, "
		    "in %s): it was put back by hand; restore that backup with "
		    "'cercle restore', or rename %s/cercle.backup to keep this "
		    "older history"), s->path, (unsigned long long)head,
		    (unsigned long long)b.seq, ts, b.dir, s->path);
	else
		snprintf(msg, sizeof msg, _("%s: data.mdb differs at entry "
		    "%llu from the last backup of this hub (%s, in %s): it is "
		    "another history; restore that backup with 'cercle "
		    "restore', or rename %s/cercle.backup to keep this one"),
		    s->path, (unsigned long long)b.seq, ts, b.dir, s->path);
	s->stale = xstrdup(msg);
}

static int
copy_file(const char *from, const char *to, struct err *e)
{
	char buf[1 << 16];
	int in, out;
	ssize_t n;

	if ((in = open(from, O_RDONLY | O_CLOEXEC)) < 0)
		return err_set(e, ERR_SYSTEM, "%s: %s", from, strerror(errno));
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0660);
	if (out < 0) {
		close(in);
		return err_set(e, ERR_SYSTEM, "%s: %s", to, strerror(errno));
	}
	while ((n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)n) != n) {
			n = -1;
			break;
		}
	if (n < 0 || fsync(out) != 0) {
		close(in);
		close(out);
		unlink(to);
		return err_set(e, ERR_SYSTEM, "cannot copy to %s: %s", to,
		    strerror(errno));
	}
	close(in);
	close(out);
	return 0;
}

int
store_restore_files(const char *copy, const char *live, struct err *e)
{
	char from[4200], tmp[4200], dst[4200], old[4200], lock[4200];
	struct flock fl;
	struct stat st;
	int lfd = -1, rc;

	if (stat(live, &st) != 0 && mkdir(live, 0770) != 0)
		return err_set(e, ERR_SYSTEM, "cannot create %s: %s", live,
		    strerror(errno));
	/* LMDB holds a shared lock on lock.mdb in every process that has
	 * the environment open: if ours cannot be exclusive, one does. */
	snprintf(lock, sizeof lock, "%s/lock.mdb", live);
	if ((lfd = open(lock, O_RDWR | O_CLOEXEC)) >= 0) {
		memset(&fl, 0, sizeof fl);
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		fl.l_len = 1;
		if (fcntl(lfd, F_SETLK, &fl) != 0) {
			close(lfd);
			return err_set(e, ERR_REFUSED, "%s is in use (cercle "
			    "serve, or an open session): stop every cercle "
			    "process on it before restoring", live);
		}
	}
	snprintf(from, sizeof from, "%s/data.mdb", copy);
	snprintf(tmp, sizeof tmp, "%s/data.mdb.restoring", live);
	snprintf(dst, sizeof dst, "%s/data.mdb", live);
	snprintf(old, sizeof old, "%s/data.mdb.before-restore", live);
	if ((rc = copy_file(from, tmp, e)) != 0)
		goto out;
	if (stat(dst, &st) == 0 && rename(dst, old) != 0) {
		rc = err_set(e, ERR_SYSTEM, "cannot set %s aside: %s", dst,
		    strerror(errno));
		unlink(tmp);
		goto out;
	}
	if (rename(tmp, dst) != 0) {
		rc = err_set(e, ERR_SYSTEM, "cannot put the copy in place: %s",
		    strerror(errno));
		goto out;
	}
	fsync_path(live, O_RDONLY);
out:
	if (lfd >= 0)
		close(lfd);
	return rc;
}
