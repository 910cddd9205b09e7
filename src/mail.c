/* mail.c: format one message and hand it to sendmail. Never opens the
 * store; the texts come from the hub (hub-digest.c, hub-minutes.c). */
#include "mail.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* A header value in RFC 2047 encoded words (base64, UTF-8), each short
 * enough for a 78-column line, never splitting a UTF-8 sequence. */
static void
header_encoded(struct buf *out, const char *s)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
	    "qrstuvwxyz0123456789+/";
	size_t n = strlen(s), i = 0;
	int first = 1;

	while (i < n) {
		size_t take = 0, k;
		unsigned char chunk[45];

		/* Up to 45 bytes (60 base64 characters) per word. */
		while (i + take < n) {
			k = 1;
			while (i + take + k < n &&
			    ((unsigned char)s[i + take + k] & 0xc0) == 0x80)
				k++;
			if (take + k > sizeof chunk)
				break;
			take += k;
		}
		memcpy(chunk, s + i, take);
		buf_puts(out, first ? "=?UTF-8?B?" : "\n =?UTF-8?B?");
		for (size_t j = 0; j < take; j += 3) {
			unsigned v = (unsigned)chunk[j] << 16;
			if (j + 1 < take)
				v |= (unsigned)chunk[j + 1] << 8;
			if (j + 2 < take)
				v |= chunk[j + 2];
			char q[4] = { b64[(v >> 18) & 63], b64[(v >> 12) & 63],
			    j + 1 < take ? b64[(v >> 6) & 63] : '=',
			    j + 2 < take ? b64[v & 63] : '=' };
			buf_add(out, q, 4);
		}
		buf_puts(out, "?=");
		first = 0;
		i += take;
	}
}

void
mail_format(struct buf *out, const char *from, const char *to,
    const char *subject, const char *body)
{
	char date[64], host[64];
	time_t now = time(NULL);
	struct tm tm;
	struct buf clean = { 0 };

	/* RFC 5322 names days and months in English whatever LC_TIME says
	 * (strftime's %a and %b would follow a French host's locale). */
	static const char day[7][4] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat" };
	static const char mon[12][4] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

	gmtime_r(&now, &tm);
	snprintf(date, sizeof date, "%s, %02d %s %04d %02d:%02d:%02d +0000",
	    day[tm.tm_wday % 7], tm.tm_mday, mon[tm.tm_mon % 12],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
	if (gethostname(host, sizeof host) != 0)
		snprintf(host, sizeof host, "localhost");
	host[sizeof host - 1] = '\0';
	buf_printf(out, "From: %s\nTo: %s\nSubject: ", from, to);
	/* The subject is ours, built from sanitised text: still, no line
	 * break can reach the header. */
	util_sanitize(&clean, subject, strlen(subject), 0);
	buf_add(&clean, "", 1);
	header_encoded(out, clean.p);
	buf_printf(out, "\nDate: %s\nMessage-ID: <cercle.%ld.%ld@%s>\n"
	    "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
	    "Content-Transfer-Encoding: 8bit\nAuto-Submitted: "
	    "auto-generated\n\n", date, (long)now, (long)getpid(), host);
	/* Local submission: plain newlines; with -i (msmtp always) a lone
	 * dot does not end the message. */
	buf_puts(out, body);
	buf_free(&clean);
}

int
mail_send(const char *sendmail, const char *from, const char *to,
    const char *subject, const char *body, struct err *e)
{
	char cmd[1024], *argv[32];
	struct buf msg = { 0 };
	int fds[2], st, argc = 0;
	size_t off = 0, len;
	pid_t pid;

	if (strlen(sendmail) >= sizeof cmd)
		return err_set(e, ERR_USAGE, "the sendmail command is too long");
	snprintf(cmd, sizeof cmd, "%s", sendmail);
	for (char *p = strtok(cmd, " \t"); p && argc < 31;
	    p = strtok(NULL, " \t"))
		argv[argc++] = p;
	argv[argc] = NULL;
	if (argc == 0)
		return err_set(e, ERR_USAGE, "no sendmail command");
	mail_format(&msg, from, to, subject, body);
	if (pipe(fds) != 0) {
		buf_free(&msg);
		return err_set(e, ERR_SYSTEM, "pipe: %s", strerror(errno));
	}
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		buf_free(&msg);
		return err_set(e, ERR_SYSTEM, "fork: %s", strerror(errno));
	}
	if (pid == 0) {
		dup2(fds[0], 0);
		close(fds[0]);
		close(fds[1]);
		execvp(argv[0], argv);
		dprintf(2, "cercle: cannot run %s: %s\n", argv[0],
		    strerror(errno));
		_exit(127);
	}
	close(fds[0]);
	signal(SIGPIPE, SIG_IGN);
	while (off < msg.len) {
		ssize_t k = write(fds[1], msg.p + off, msg.len - off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		off += (size_t)k;
	}
	close(fds[1]);
	len = msg.len;
	buf_free(&msg);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return err_set(e, ERR_SYSTEM, "%s failed (status %d) sending "
		    "to %s", argv[0], WIFEXITED(st) ? WEXITSTATUS(st) : -1, to);
	if (off < len)
		return err_set(e, ERR_SYSTEM, "%s did not read the whole "
		    "message", argv[0]);
	return 0;
}
