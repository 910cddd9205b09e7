/* ui-crt.c: the only file that starts and stops curses, reads keys, and
 * restores the terminal before any fatal exit or crash (the language:
 * i18n.c). Must not draw anything: the panes and ui-draw.c do. */
#include "ui.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>


/* The process-wide terminal state (STYLE.md allows this one). */
static volatile sig_atomic_t crt_sig_hup;
static int crt_on;
static int crt_key_cleft, crt_key_cright;

#if defined(__SANITIZE_ADDRESS__)
#define CRT_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CRT_SANITIZED 1
#endif
#endif

static void
crt_on_hup(int sig)
{
	(void)sig;
	crt_sig_hup = 1;
}

#ifndef CRT_SANITIZED
static void
crt_on_crash(int sig)
{
	/* Not async-signal-safe, like htop's: a sane terminal is worth it. */
	if (crt_on)
		endwin();
	signal(sig, SIG_DFL);
	raise(sig);
}
#endif

int
crt_hangup(void)
{
	return crt_sig_hup != 0;
}

int64_t
crt_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
crt_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = crt_on_hup;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
#ifndef CRT_SANITIZED
	signal(SIGSEGV, crt_on_crash);
	signal(SIGBUS, crt_on_crash);
	signal(SIGFPE, crt_on_crash);
	signal(SIGABRT, crt_on_crash);
#endif
}

int
crt_start(struct ui *ui)
{
	const char *nc = getenv("NO_COLOR");

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("cercle: the interface needs a terminal\n", stderr);
		return ERR_USAGE;
	}
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	set_escdelay(25);
	if (newterm(NULL, stdout, stdin) == NULL) {
		char safe[64];

		/* The name comes from the client: shown inert. */
		fprintf(stderr, "cercle: unknown terminal type '%s'\n",
		    util_safe(getenv("TERM"), safe, sizeof safe));
		return ERR_SYSTEM;
	}
	crt_on = 1;
	crt_signals();
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	ui->colour = !ui->low_bw && !ui->sr && (nc == NULL || *nc == '\0') &&
	    has_colors();
	if (ui->colour) {
		start_color();
		use_default_colors();
	}
	theme_apply(&ui->theme, ui->colour);
	crt_key_cleft = key_defined("\033[1;5D");
	crt_key_cright = key_defined("\033[1;5C");
	/* Bracketed paste: a pasted newline must not confirm a field. */
	fputs("\033[?2004h", stdout);
	fflush(stdout);
	getmaxyx(stdscr, ui->rows, ui->cols);
	return 0;
}

void
crt_stop(void)
{
	if (!crt_on)
		return;
	fputs("\033[?2004l", stdout);
	fflush(stdout);
	curs_set(1);
	endwin();
	crt_on = 0;
}

void
crt_fatal(const char *fmt, ...)
{
	va_list ap;

	crt_stop();
	fputs("cercle: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(ERR_SYSTEM);
}

/* A read error or hang-up on the terminal ends the session. */
static void
crt_check_tty(void)
{
	struct pollfd p = { STDIN_FILENO, POLLIN, 0 };

	if (poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR |
	    POLLNVAL)))
		crt_sig_hup = 1;
}

/* crt_raw's answer for a byte that starts no UTF-8 character (Latin-1
 * pasted, a broken sequence): the byte alone is refused; what follows is
 * read again as keys. wget_wch would swallow up to 16 bytes after it. */
#define CRT_BAD 2

/* A key: its bytes decoded here (UTF-8 always, see crt_start), a curses
 * KEY_* code as KEY_CODE_YES, ERR on timeout, CRT_BAD for a bad byte. */
static int
crt_raw(int timeout_ms, wint_t *wch)
{
	int c, d, need;
	uint32_t cp;

	wtimeout(stdscr, timeout_ms);
	c = wgetch(stdscr);
	if (c == ERR)
		return ERR;
	*wch = (wint_t)c;
	if (c > 0xff)
		return KEY_CODE_YES;
	if (c < 0x80)
		return OK;
	if (c >= 0xc2 && c <= 0xdf) {
		need = 1;
		cp = (uint32_t)c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 2;
		cp = (uint32_t)c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 3;
		cp = (uint32_t)c & 0x07;
	} else
		return CRT_BAD;
	for (int i = 0; i < need; i++) {
		/* The rest of a character comes with its first byte. */
		wtimeout(stdscr, 50);
		d = wgetch(stdscr);
		if (d == ERR)
			return CRT_BAD;
		if (d > 0xff || (d & 0xc0) != 0x80) {
			ungetch(d);
			return CRT_BAD;
		}
		cp = cp << 6 | ((uint32_t)d & 0x3f);
	}
	if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 ||
	    cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))
		return CRT_BAD;
	*wch = (wint_t)cp;
	return OK;
}

/* After ESC: Alt+key, a bracketed paste mark, or a lone Escape. */
static int
crt_escape(void)
{
	wint_t wch;
	char seq[16];
	size_t n = 0;
	int r = crt_raw(0, &wch);

	if (r == ERR)
		return 0x1b;
	if (r == CRT_BAD)
		return KEYC_BADBYTE | (int)(wch & 0xff);
	/* A resize that came right after a lone Escape is no Alt+key: give
	 * it back, or the screen stays drawn (and sized) as it was. */
	if (r == KEY_CODE_YES && wch == KEY_RESIZE) {
		ungetch(KEY_RESIZE);
		return 0x1b;
	}
	if (r == KEY_CODE_YES)
		return KEYC_META | KEYC_FN | (int)wch;
	if (wch != '[' && wch != 'O')
		return KEYC_META | (int)wch;
	/* An escape sequence curses does not know: read it to its end so
	 * none of it is typed into a field. */
	while (n < sizeof seq - 1) {
		if (crt_raw(5, &wch) != OK)
			break;
		seq[n++] = (char)wch;
		if (wch >= 0x40 && wch <= 0x7e)
			break;
	}
	seq[n] = '\0';
	if (strcmp(seq, "200~") == 0)
		return KEYC_PASTE_BEGIN;
	if (strcmp(seq, "201~") == 0)
		return KEYC_PASTE_END;
	return -2;
}

int
crt_getkey(int timeout_ms)
{
	wint_t wch;
	int r = crt_raw(timeout_ms, &wch);

	if (r == ERR) {
		crt_check_tty();
		return -1;
	}
	if (r == CRT_BAD)
		return KEYC_BADBYTE | (int)(wch & 0xff);
	if (r == KEY_CODE_YES) {
		if ((int)wch == crt_key_cleft && crt_key_cleft > 0)
			return KEYC_C_LEFT;
		if ((int)wch == crt_key_cright && crt_key_cright > 0)
			return KEYC_C_RIGHT;
		if (wch == KEY_BACKSPACE)
			return 0x7f;
		if (wch == KEY_ENTER)
			return '\r';
		return KEYC_FN | (int)wch;
	}
	if (wch == 0x1b)
		return crt_escape();
	if (wch == 0x08)
		return KEYC_CTRL('h');
	return (int)wch;
}
