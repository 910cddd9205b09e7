/* test-ssh-exec.c: the SSH exec command lines and what they map to
 * (sshd_exec_map), and the session slot accounting (sshd_slot_*) with
 * live and dead processes. */
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "ssh.h"

/* Map line and join the result with '|' into out; returns the ERR_*. */
static int
map(const char *line, char *out, size_t n)
{
	char buf[4096], *argv[SSHD_MAXARGS];
	int argc = -1, rc;
	struct err e;

	err_clear(&e);
	rc = sshd_exec_map(line, "urban", buf, sizeof buf, argv, &argc, &e);
	out[0] = '\0';
	if (rc != 0) {
		snprintf(out, n, "!%s", e.msg);
		return rc;
	}
	for (int i = 0; i < argc; i++) {
		size_t k = strlen(out);
		snprintf(out + k, n - k, "%s%s", i ? "|" : "", argv[i]);
	}
	assert_null(argv[argc]);
	return 0;
}

static void
test_map_ok(void **state)
{
	static const char *const cases[][2] = {
		{ "agenda", "agenda" },
		{ "  agenda  ", "agenda" },
		{ "agenda --json", "agenda|--json" },
		{ "needs", "need|list" },
		{ "show 12", "proposal|show|12" },
		{ "show 12 --json", "proposal|show|12|--json" },
		{ "minutes 3", "minutes|3" },
		{ "whoami", "member|show|urban" },
		{ "position 7 approve", "position|7|approve" },
		{ "position 7 block trop cher", "position|7|block|--reason|"
		    "trop cher" },
		/* The rest of the line is the reason, as typed. */
		{ "position 7 alert 'le four' \"est\" cher",
		    "position|7|alert|--reason|'le four' \"est\" cher" },
		{ "position 7 withdraw pas d'avis", "position|7|withdraw|"
		    "--reason|pas d'avis" },
		{ "position 7 block \"tout entre guillemets\"  ",
		    "position|7|block|--reason|tout entre guillemets" },
		{ "position\t7 approve", "position|7|approve" },
		{ "help", "help" },
		{ "position 7 block --as facil", "position|7|block|--reason|"
		    "--as facil" },
	};
	char out[1024];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(map(cases[i][0], out, sizeof out), 0);
		assert_string_equal(out, cases[i][1]);
	}
}

static void
test_map_refused(void **state)
{
	static const char *const bad[] = {
		"", "   ", "ls", "cat /etc/passwd", "member disable obs",
		"need add --title x", "agenda extra", "needs --as facil",
		"show", "show abc", "show 0", "show 1 2", "show -1",
		"show 1 --as facil", "minutes", "minutes x",
		"position", "position 7", "position x approve",
		"position 7 maybe", "position '7 approve",
		"agenda\x01", "position 1 block a\x1b[2Jb",
		"position 1 block \xc2\x85", "position 1 block a\x7f",
		"help me",
		"whoami --json", "agenda; rm -rf /", "$(id)", "`id`",
		"show \"1\" --json --json",
	};
	char out[1024];

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int rc = map(bad[i], out, sizeof out);
		if (rc != ERR_USAGE)
			fail_msg("'%s' mapped to '%s'", bad[i], out);
		assert_true(strchr(out, '\n') == NULL);
	}
}

static void
test_map_limits(void **state)
{
	char line[9000], out[1024];
	char *argv[SSHD_MAXARGS], buf[256];
	int argc;
	struct err e;

	(void)state;
	memset(line, 'a', sizeof line - 1);
	line[sizeof line - 1] = '\0';
	assert_int_equal(map(line, out, sizeof out), ERR_USAGE);
	/* Many words, within the line limit: refused, not overflowed. */
	for (size_t i = 0, o = 0; i < 100; i++, o += 9)
		snprintf(line + o, sizeof line - o, "position ");
	assert_int_equal(map(line, out, sizeof out), ERR_USAGE);
	/* A small buffer is never overrun. */
	memset(line, 0, sizeof line);
	snprintf(line, sizeof line, "position 1 block ");
	memset(line + strlen(line), 'x', 200);
	assert_int_equal(sshd_exec_map(line, "urban", buf, sizeof buf, argv,
	    &argc, &e), ERR_USAGE);
	assert_int_equal(sshd_exec_map("position 1 block a b c", "urban", buf,
	    sizeof buf, argv, &argc, &e), 0);
	assert_string_equal(argv[4], "a b c");
	/* A reason of 60 words is one argument. */
	snprintf(line, sizeof line, "position 1 alert");
	for (int i = 0; i < 60; i++)
		snprintf(line + strlen(line), sizeof line - strlen(line),
		    " mot%d", i);
	assert_int_equal(map(line, out, sizeof out), 0);
	assert_non_null(strstr(out, "|--reason|mot0 mot1 "));
	assert_non_null(strstr(out, " mot59"));
	/* Not UTF-8. */
	assert_int_equal(map("position 1 block \xff\xfe", out, sizeof out),
	    ERR_USAGE);
}

static void
test_slots(void **state)
{
	struct sshd_conf cf;
	struct err e;
	char dir[] = "/tmp/cercle-slots.XXXXXX";
	pid_t pid;
	int st;

	(void)state;
	assert_non_null(mkdtemp(dir));
	sshd_conf_default(&cf, dir);
	cf.max_sessions = 3;
	cf.max_per_member = 2;
	assert_int_equal(sshd_slot_count(&cf, NULL), 0);
	assert_int_equal(sshd_slot_claim(&cf, "urban", &e), 0);
	assert_int_equal(sshd_slot_count(&cf, "urban"), 1);
	/* A second claim by the same process replaces its slot. */
	assert_int_equal(sshd_slot_claim(&cf, "urban", &e), 0);
	assert_int_equal(sshd_slot_count(&cf, NULL), 1);
	/* Children hold slots while they live. */
	for (int i = 0; i < 2; i++) {
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			int rc = sshd_slot_claim(&cf, i ? "zinc" : "urban",
			    &e);
			_exit(rc == 0 ? 0 : 10 + rc);
		}
		assert_int_equal(waitpid(pid, &st, 0), pid);
		assert_int_equal(WEXITSTATUS(st), 0);
	}
	/* Both children are dead: their slots are free again. */
	assert_int_equal(sshd_slot_count(&cf, NULL), 1);
	/* Live children fill the hub; the next claim is refused. */
	int fds[2];
	pid_t kids[2];
	assert_int_equal(pipe(fds), 0);
	for (int i = 0; i < 2; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			char ch;
			close(fds[1]);
			if (sshd_slot_claim(&cf, i ? "zinc" : "urban", &e)
			    != 0)
				_exit(1);
			/* Tell the parent, then wait for the pipe to close. */
			if (read(fds[0], &ch, 1) < 0)
				_exit(2);
			_exit(0);
		}
	}
	for (int t = 0; t < 100 && sshd_slot_count(&cf, NULL) < 3; t++)
		usleep(20000);
	assert_int_equal(sshd_slot_count(&cf, NULL), 3);
	assert_int_equal(sshd_slot_count(&cf, "urban"), 2);
	sshd_slot_release(&cf);
	assert_int_equal(sshd_slot_count(&cf, NULL), 2);
	/* urban holds one (a child): with one allowed, a second is refused. */
	cf.max_per_member = 1;
	err_clear(&e);
	assert_int_equal(sshd_slot_claim(&cf, "urban", &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "urban already has 1 session open"));
	cf.max_per_member = 2;
	cf.max_sessions = 2;
	err_clear(&e);
	assert_int_equal(sshd_slot_claim(&cf, "irts", &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "the hub is full (2 sessions"));
	assert_int_equal(sshd_slot_count(&cf, NULL), 2);
	close(fds[1]);
	close(fds[0]);
	for (int i = 0; i < 2; i++)
		waitpid(kids[i], &st, 0);
	assert_int_equal(sshd_slot_count(&cf, NULL), 0);
	char path[4200];
	snprintf(path, sizeof path, "%s/ssh-slots", dir);
	unlink(path);
	rmdir(dir);
}

/* Children holding a slot of "urban": one answers probes (SIGUSR1 ->
 * sshd_slot_heard), the other never does; SIGUSR2 ends either. */
static struct sshd_conf tk_cf;
static volatile sig_atomic_t tk_probe, tk_end;

static void
tk_on_probe(int sig)
{
	(void)sig;
	tk_probe = 1;
}

static void
tk_on_end(int sig)
{
	(void)sig;
	tk_end = 1;
}

static pid_t
tk_child(int answers, int ready_fd)
{
	pid_t pid = fork();
	struct err e;

	if (pid != 0)
		return pid;
	signal(SIGUSR1, answers ? tk_on_probe : SIG_IGN);
	signal(SIGUSR2, tk_on_end);
	if (sshd_slot_claim(&tk_cf, "urban", &e) != 0)
		_exit(1);
	if (write(ready_fd, "r", 1) != 1)
		_exit(2);
	for (int i = 0; i < 400 && !tk_end; i++) {
		if (tk_probe) {
			tk_probe = 0;
			sshd_slot_heard(&tk_cf);
		}
		usleep(10000);
	}
	_exit(tk_end ? 0 : 3);
}

static void
test_takeover(void **state)
{
	char dir[] = "/tmp/cercle-takeover-XXXXXX", ch, path[4200];
	int fds[2], st;
	pid_t alive, dead, taken = 0;
	struct err e;

	(void)state;
	assert_non_null(mkdtemp(dir));
	sshd_conf_default(&tk_cf, dir);
	tk_cf.max_per_member = 2;
	assert_int_equal(pipe(fds), 0);
	dead = tk_child(0, fds[1]);
	assert_int_equal(read(fds[0], &ch, 1), 1);
	alive = tk_child(1, fds[1]);
	assert_int_equal(read(fds[0], &ch, 1), 1);
	err_clear(&e);
	assert_int_equal(sshd_slot_claim(&tk_cf, "urban", &e), ERR_REFUSED);
	/* At the cap: the one that does not answer gives way. */
	err_clear(&e);
	assert_int_equal(sshd_slot_takeover(&tk_cf, "urban", 800, &taken, &e),
	    0);
	assert_int_equal(taken, dead);
	assert_int_equal(waitpid(dead, &st, 0), dead);
	assert_int_equal(WEXITSTATUS(st), 0);	/* it got SIGUSR2 */
	assert_int_equal(sshd_slot_count(&tk_cf, "urban"), 2);
	/* Release ours: the answering one and a new claim fill the cap;
	 * every session answers, so a takeover is refused. */
	sshd_slot_release(&tk_cf);
	dead = tk_child(1, fds[1]);
	assert_int_equal(read(fds[0], &ch, 1), 1);
	err_clear(&e);
	taken = 0;
	assert_int_equal(sshd_slot_takeover(&tk_cf, "urban", 800, &taken, &e),
	    ERR_REFUSED);
	assert_int_equal(taken, 0);
	assert_non_null(strstr(e.msg, "urban already has 2 sessions open"));
	kill(alive, SIGUSR2);
	kill(dead, SIGUSR2);
	waitpid(alive, &st, 0);
	waitpid(dead, &st, 0);
	close(fds[0]);
	close(fds[1]);
	snprintf(path, sizeof path, "%s/ssh-slots", dir);
	unlink(path);
	rmdir(dir);
}

static void
test_listen(void **state)
{
	struct sshd_conf cf;
	struct err e;

	(void)state;
	sshd_conf_default(&cf, "/nonexistent/db");
	assert_int_equal(cf.port, 2222);
	assert_string_equal(cf.addr, "0.0.0.0");
	assert_string_equal(cf.host_key, "/nonexistent/db/ssh_host_ed25519_key");
	assert_int_equal(sshd_parse_listen(&cf, "127.0.0.1:0", &e), 0);
	assert_string_equal(cf.addr, "127.0.0.1");
	assert_int_equal(cf.port, 0);
	assert_int_equal(sshd_parse_listen(&cf, "[::1]:2022", &e), 0);
	assert_string_equal(cf.addr, "::1");
	assert_int_equal(cf.port, 2022);
	assert_int_equal(sshd_parse_listen(&cf, ":22", &e), 0);
	assert_string_equal(cf.addr, "0.0.0.0");
	assert_int_equal(sshd_parse_listen(&cf, "host", &e), ERR_USAGE);
	assert_int_equal(sshd_parse_listen(&cf, "host:65536", &e), ERR_USAGE);
	assert_int_equal(sshd_parse_listen(&cf, "host:22x", &e), ERR_USAGE);
	assert_int_equal(sshd_parse_listen(&cf, "host:", &e), ERR_USAGE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_map_ok),
		cmocka_unit_test(test_map_refused),
		cmocka_unit_test(test_map_limits),
		cmocka_unit_test(test_slots),
		cmocka_unit_test(test_takeover),
		cmocka_unit_test(test_listen),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
