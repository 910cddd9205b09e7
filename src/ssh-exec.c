/* ssh-exec.c: the few member commands an SSH client may run without the
 * interface (`ssh hub agenda`), mapped onto CLI commands. Does not run
 * anything: the session runs the result through cli_exec_as(). */
#include "ssh.h"

#include <stdio.h>
#include <string.h>

const char *const sshd_exec_allowed[] = {
	"agenda", "need list", "proposal show", "position", "minutes",
	"member show", NULL
};

const char sshd_exec_help[] =
    "commands: agenda, needs, show ID, position ID approve|alert|withdraw|"
    "block [reason], minutes ID, whoami";

/* Split line into words in buf (NUL-separated); returns the count or -1. */
static int
exec_split(const char *line, char *buf, size_t bufn, char **w, int max)
{
	size_t o = 0;
	int n = 0;
	const char *p = line;

	for (;;) {
		char q = 0;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			return n;
		if (n == max)
			return -1;
		w[n++] = buf + o;
		for (; *p && (q || (*p != ' ' && *p != '\t')); p++) {
			char ch = *p;
			if (q == 0 && (ch == '\'' || ch == '"')) {
				q = ch;
				continue;
			}
			if (q && ch == q) {
				q = 0;
				continue;
			}
			if (ch == '\\' && q != '\'' && p[1] != '\0')
				ch = *++p;
			if (o + 2 >= bufn)
				return -1;
			buf[o++] = ch;
		}
		if (q)
			return -1;
		buf[o++] = '\0';
	}
}

/* Append a literal word to the output vector. */
static int
exec_push(char **argv, int *argc, char *word)
{
	if (*argc >= SSHD_MAXARGS - 1)
		return -1;
	argv[(*argc)++] = word;
	argv[*argc] = NULL;
	return 0;
}

static int
is_id(const char *s)
{
	uint64_t v;

	return util_parse_u64(s, &v) == 0 && v > 0;
}

int
sshd_exec_map(const char *line, const char *login, char *buf, size_t bufn,
    char **argv, int *argc, struct err *e)
{
	static char w_agenda[] = "agenda", w_need[] = "need",
	    w_list[] = "list", w_proposal[] = "proposal", w_show[] = "show",
	    w_position[] = "position", w_reason[] = "--reason",
	    w_minutes[] = "minutes", w_member[] = "member",
	    w_json[] = "--json";
	char *w[SSHD_MAXARGS];
	size_t used;
	int n, json = 0;

	*argc = 0;
	argv[0] = NULL;
	if (strlen(line) >= bufn / 2)
		return err_set(e, ERR_USAGE, "command too long");
	n = exec_split(line, buf, bufn / 2, w, SSHD_MAXARGS - 4);
	if (n < 0)
		return err_set(e, ERR_USAGE, "cannot read that command line "
		    "(unbalanced quotes or too many words)");
	if (n == 0)
		return err_set(e, ERR_USAGE, "no command; %s", sshd_exec_help);
	for (int i = 0; i < n; i++)
		if (!utf8_valid(w[i], strlen(w[i])))
			return err_set(e, ERR_USAGE, "the command is not UTF-8");
	/* A trailing --json is allowed on the listings and shows. */
	if (n > 1 && strcmp(w[n - 1], "--json") == 0 &&
	    (strcmp(w[0], "agenda") == 0 || strcmp(w[0], "needs") == 0 ||
	    strcmp(w[0], "show") == 0)) {
		json = 1;
		n--;
	}
	if (strcmp(w[0], "agenda") == 0 && n == 1)
		exec_push(argv, argc, w_agenda);
	else if (strcmp(w[0], "needs") == 0 && n == 1) {
		exec_push(argv, argc, w_need);
		exec_push(argv, argc, w_list);
	} else if (strcmp(w[0], "show") == 0 && n == 2 && is_id(w[1])) {
		exec_push(argv, argc, w_proposal);
		exec_push(argv, argc, w_show);
		exec_push(argv, argc, w[1]);
	} else if (strcmp(w[0], "minutes") == 0 && n == 2 && is_id(w[1])) {
		exec_push(argv, argc, w_minutes);
		exec_push(argv, argc, w[1]);
	} else if (strcmp(w[0], "whoami") == 0 && n == 1) {
		/* The login lives in the second half of buf. */
		used = bufn / 2;
		snprintf(buf + used, bufn - used, "%s", login);
		exec_push(argv, argc, w_member);
		exec_push(argv, argc, w_show);
		exec_push(argv, argc, buf + used);
	} else if (strcmp(w[0], "position") == 0 && n >= 3 && is_id(w[1]) &&
	    (strcmp(w[2], "approve") == 0 || strcmp(w[2], "alert") == 0 ||
	    strcmp(w[2], "withdraw") == 0 || strcmp(w[2], "block") == 0)) {
		exec_push(argv, argc, w_position);
		exec_push(argv, argc, w[1]);
		exec_push(argv, argc, w[2]);
		if (n > 3) {
			/* The reason is the rest of the words, rejoined. */
			size_t o = bufn / 2;
			char *r = buf + o;
			r[0] = '\0';
			for (int i = 3; i < n; i++) {
				size_t k = strlen(r);
				snprintf(r + k, bufn - o - k, "%s%s",
				    i > 3 ? " " : "", w[i]);
			}
			exec_push(argv, argc, w_reason);
			exec_push(argv, argc, r);
		}
	} else if (strcmp(w[0], "position") == 0)
		return err_set(e, ERR_USAGE, "usage: position ID approve|"
		    "alert|withdraw|block [reason]");
	else if (strcmp(w[0], "agenda") == 0 || strcmp(w[0], "needs") == 0)
		return err_set(e, ERR_USAGE, "usage: %s [--json]", w[0]);
	else if (strcmp(w[0], "whoami") == 0)
		return err_set(e, ERR_USAGE, "usage: whoami");
	else if ((strcmp(w[0], "show") == 0 || strcmp(w[0], "minutes") == 0)
	    && n != 2)
		return err_set(e, ERR_USAGE, "usage: %s ID", w[0]);
	else if ((strcmp(w[0], "show") == 0 || strcmp(w[0], "minutes") == 0))
		return err_set(e, ERR_USAGE, "%s takes a number, not '%.40s'",
		    w[0], w[1]);
	else {
		char safe[64];
		return err_set(e, ERR_USAGE, "'%s' is not available over "
		    "SSH; %s", util_safe(w[0], safe, sizeof safe),
		    sshd_exec_help);
	}
	if (json)
		exec_push(argv, argc, w_json);
	return 0;
}
