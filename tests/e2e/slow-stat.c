/* tests/e2e/slow-stat.c: LD_PRELOAD for the open storm. After stat(2) or
 * fstat(2) of a data.mdb returns, sleep SLOW_STAT_US microseconds (default
 * 3000): whatever a process compares that size with is read that much
 * later, as on a loaded host. Test helper only. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void
nap(const char *path)
{
	const char *v = getenv("SLOW_STAT_US");
	size_t n = path ? strlen(path) : 0;

	if (n >= 8 && strcmp(path + n - 8, "data.mdb") == 0)
		usleep(v ? (useconds_t)atoi(v) : 3000);
}

int
stat(const char *path, struct stat *st)
{
	static int (*real)(const char *, struct stat *);
	int rc;

	if (real == NULL)
		real = (int (*)(const char *, struct stat *))dlsym(RTLD_NEXT,
		    "stat");
	rc = real(path, st);
	nap(path);
	return rc;
}

int
fstat(int fd, struct stat *st)
{
	static int (*real)(int, struct stat *);
	char link[64], path[4096];
	ssize_t n;
	int rc;

	if (real == NULL)
		real = (int (*)(int, struct stat *))dlsym(RTLD_NEXT, "fstat");
	rc = real(fd, st);
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	if ((n = readlink(link, path, sizeof path - 1)) > 0) {
		path[n] = '\0';
		nap(path);
	}
	return rc;
}
