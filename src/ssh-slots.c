/* ssh-slots.c: counting SSH sessions across the per-connection processes
 * with a small file of fixed slots (pid, login, when the peer was last
 * heard) under flock. A slot whose process is gone is free; a member at
 * their cap takes over their oldest session whose peer does not answer. */
#include "ssh.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct slot {
	int32_t pid;
	char login[36];
	int64_t heard;		/* the peer last sent bytes (unix ms) */
	int64_t asked;		/* a newer login asked for a probe at */
	uint64_t started;	/* the process's start time (clock ticks) */
};

#define SLOT_MAX 4096

static int
slot_open(const struct sshd_conf *cf, struct err *e)
{
	char path[4200];
	int fd;

	snprintf(path, sizeof path, "%s/ssh-slots", cf->db);
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

/* The start time of process pid (field 22 of /proc/PID/stat), 0 if
 * unknown: with the pid it names one process, even once pids wrap. */
static uint64_t
proc_started(pid_t pid)
{
	char path[64], buf[1024], *p;
	unsigned long long v = 0;
	ssize_t k;
	int fd;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	k = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (k <= 0)
		return 0;
	buf[k] = '\0';
	/* After the command name in parentheses: state is field 3. */
	if ((p = strrchr(buf, ')')) == NULL)
		return 0;
	p++;
	for (int field = 3; field < 22 && p != NULL; field++)
		p = strchr(p + 1, ' ');
	if (p == NULL || sscanf(p, " %llu", &v) != 1)
		return 0;
	return (uint64_t)v;
}

static int
slot_live(const struct slot *s)
{
	if (s->pid <= 0)
		return 0;
	if (kill(s->pid, 0) != 0 && errno == ESRCH)
		return 0;
	/* A pid reused by another process is not our session: never
	 * signal it, and its slot is free. */
	return s->started == 0 || proc_started(s->pid) == s->started;
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
		rc = err_setn(e, ERR_REFUSED, (unsigned long)own, "%s already "
		    "has %d session open (the limit per member); close it "
		    "first", "%s already has %d sessions open (the limit per "
		    "member); close one first", login, own);
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
	mine.heard = sshd_now_ms();
	mine.started = proc_started(getpid());
	if (pwrite(fd, &mine, sizeof mine, (off_t)freeslot *
	    (off_t)sizeof mine) != (ssize_t)sizeof mine)
		rc = err_set(e, ERR_SYSTEM, "cannot write a session slot: %s",
		    strerror(errno));
out:
	free(v);
	close(fd);
	return rc;
}

int64_t
sshd_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Set this process's heard time to now. */
void
sshd_slot_heard(const struct sshd_conf *cf)
{
	struct slot *v = NULL;
	int fd, n;

	if ((fd = slot_open(cf, NULL)) < 0)
		return;
	n = slot_read(fd, &v);
	for (int i = 0; i < n; i++)
		if (v[i].pid == getpid()) {
			/* An answer counts only if it is later than the ask:
			 * within the ask's millisecond, one past it. */
			v[i].heard = sshd_now_ms();
			if (v[i].heard <= v[i].asked)
				v[i].heard = v[i].asked + 1;
			if (pwrite(fd, &v[i], sizeof v[i], (off_t)i *
			    (off_t)sizeof v[i]) < 0)
				break;
		}
	free(v);
	close(fd);
}

/* Ask each live session of login to prove its peer is there (SIGUSR1:
 * it sends a keepalive and records when the answer comes); returns when
 * they were asked, 0 if none. */
static int64_t
slot_ask(const struct sshd_conf *cf, const char *login)
{
	struct slot *v = NULL;
	int64_t now = sshd_now_ms();
	int fd, n, asked = 0;

	if ((fd = slot_open(cf, NULL)) < 0)
		return 0;
	n = slot_read(fd, &v);
	for (int i = 0; i < n; i++) {
		if (!slot_live(&v[i]) || v[i].pid == getpid() ||
		    strncmp(v[i].login, login, sizeof v[i].login) != 0)
			continue;
		v[i].asked = now;
		if (pwrite(fd, &v[i], sizeof v[i], (off_t)i *
		    (off_t)sizeof v[i]) == (ssize_t)sizeof v[i] &&
		    kill(v[i].pid, SIGUSR1) == 0)
			asked++;
	}
	free(v);
	close(fd);
	return asked ? now : 0;
}

int
sshd_slot_takeover(const struct sshd_conf *cf, const char *login,
    int wait_ms, pid_t *taken, struct err *e)
{
	struct slot *v = NULL;
	struct slot mine;
	int64_t asked, end;
	int fd, n, pick = -1, rc = 0;

	*taken = 0;
	if ((asked = slot_ask(cf, login)) == 0)
		return sshd_slot_claim(cf, login, e);
	end = asked + wait_ms;
	/* Wait for every session to answer, or for the time to run out. */
	for (;;) {
		int waiting = 0;

		if ((fd = slot_open(cf, e)) < 0)
			return ERR_SYSTEM;
		n = slot_read(fd, &v);
		close(fd);
		for (int i = 0; i < n; i++)
			if (slot_live(&v[i]) && v[i].pid != getpid() &&
			    strncmp(v[i].login, login, sizeof v[i].login) ==
			    0 && v[i].heard <= asked)
				waiting++;
		free(v);
		v = NULL;
		if (waiting == 0 || sshd_now_ms() >= end)
			break;
		usleep(100000);
	}
	if ((fd = slot_open(cf, e)) < 0)
		return ERR_SYSTEM;
	n = slot_read(fd, &v);
	for (int i = 0; i < n; i++) {
		if (!slot_live(&v[i]) || v[i].pid == getpid() ||
		    strncmp(v[i].login, login, sizeof v[i].login) != 0 ||
		    v[i].heard > asked)
			continue;
		if (pick < 0 || v[i].heard < v[pick].heard)
			pick = i;
	}
	if (pick < 0) {
		free(v);
		close(fd);
		return sshd_slot_claim(cf, login, e);
	}
	/* The silent session leaves (it saves its draft, which is older
	 * than anything newer and so changes nothing); its slot is ours. */
	*taken = v[pick].pid;
	kill(v[pick].pid, SIGUSR2);
	memset(&mine, 0, sizeof mine);
	mine.pid = (int32_t)getpid();
	snprintf(mine.login, sizeof mine.login, "%s", login);
	mine.heard = sshd_now_ms();
	mine.started = proc_started(getpid());
	if (pwrite(fd, &mine, sizeof mine, (off_t)pick * (off_t)sizeof mine)
	    != (ssize_t)sizeof mine)
		rc = err_set(e, ERR_SYSTEM, "cannot write a session slot: %s",
		    strerror(errno));
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
