/* ssh-slots.c: counting SSH sessions across the per-connection processes
 * with a small file of fixed slots (pid, login) under flock. Holds no
 * policy beyond the two caps; a slot whose process is gone is free. */
#include "ssh.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

struct slot {
	int32_t pid;
	char login[36];
};

#define SLOT_MAX 4096

static int
slot_open(const struct sshd_conf *cf, struct err *e)
{
	char path[4200];
	int fd;

	snprintf(path, sizeof path, "%s/ssh-sessions", cf->db);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (e)
			err_set(e, ERR_SYSTEM, "cannot open %s: %s", path,
			    strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX) != 0) {
		if (e)
			err_set(e, ERR_SYSTEM, "cannot lock %s: %s", path,
			    strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* Read every slot into a new array *v (to free); returns how many, or -1. */
static int
slot_read(int fd, struct slot **v)
{
	ssize_t k;

	*v = xcalloc(SLOT_MAX, sizeof **v);
	k = pread(fd, *v, sizeof **v * SLOT_MAX, 0);
	if (k < 0)
		return -1;
	return (int)(k / (ssize_t)sizeof **v);
}

static int
slot_live(const struct slot *s)
{
	if (s->pid <= 0)
		return 0;
	return kill(s->pid, 0) == 0 || errno != ESRCH;
}

int
sshd_slot_claim(const struct sshd_conf *cf, const char *login, struct err *e)
{
	struct slot *v = NULL;
	struct slot mine;
	int fd, n, total = 0, own = 0, freeslot = -1, rc = 0;

	if ((fd = slot_open(cf, e)) < 0)
		return ERR_SYSTEM;
	if ((n = slot_read(fd, &v)) < 0) {
		rc = err_set(e, ERR_SYSTEM, "cannot read the session slots");
		goto out;
	}
	for (int i = 0; i < n; i++) {
		if (!slot_live(&v[i]) || v[i].pid == getpid()) {
			if (freeslot < 0)
				freeslot = i;
			continue;
		}
		total++;
		if (strncmp(v[i].login, login, sizeof v[i].login) == 0)
			own++;
	}
	if (total >= cf->max_sessions) {
		rc = err_set(e, ERR_REFUSED, "the hub is full (%d sessions "
		    "open, the limit); try again later", total);
		goto out;
	}
	if (own >= cf->max_per_member) {
		rc = err_set(e, ERR_REFUSED, "%s already has %d session%s "
		    "open (the limit per member); close one first", login,
		    own, own == 1 ? "" : "s");
		goto out;
	}
	if (freeslot < 0) {
		if (n >= SLOT_MAX) {
			rc = err_set(e, ERR_REFUSED, "no session slot left");
			goto out;
		}
		freeslot = n;
	}
	memset(&mine, 0, sizeof mine);
	mine.pid = (int32_t)getpid();
	snprintf(mine.login, sizeof mine.login, "%s", login);
	if (pwrite(fd, &mine, sizeof mine, (off_t)freeslot *
	    (off_t)sizeof mine) != (ssize_t)sizeof mine)
		rc = err_set(e, ERR_SYSTEM, "cannot write a session slot: %s",
		    strerror(errno));
out:
	free(v);
	close(fd);
	return rc;
}

void
sshd_slot_release(const struct sshd_conf *cf)
{
	struct slot *v = NULL;
	struct slot none;
	int fd, n;

	if ((fd = slot_open(cf, NULL)) < 0)
		return;
	memset(&none, 0, sizeof none);
	n = slot_read(fd, &v);
	for (int i = 0; i < n; i++)
		if (v[i].pid == getpid() && pwrite(fd, &none, sizeof none,
		    (off_t)i * (off_t)sizeof none) < 0)
			break;
	free(v);
	close(fd);
}

int
sshd_slot_count(const struct sshd_conf *cf, const char *login)
{
	struct slot *v = NULL;
	int fd, n, count = 0;

	if ((fd = slot_open(cf, NULL)) < 0)
		return -1;
	n = slot_read(fd, &v);
	for (int i = 0; i < n; i++)
		if (slot_live(&v[i]) && (login == NULL ||
		    strncmp(v[i].login, login, sizeof v[i].login) == 0))
			count++;
	free(v);
	close(fd);
	return count;
}
