/* i18n.c: chooses the interface language (i18n.h) and binds gettext's
 * catalogue. Must not print or read the store: callers pass what they know. */
#include "i18n.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "paths.h"	/* generated: the install paths */

/* The languages cercle speaks: the source text and one catalogue. */
static const char *const i18n_langs[] = { "fr", "en", NULL };

const char *
i18n_catalogue(const char *v)
{
	size_t n;

	if (v == NULL)
		return NULL;
	n = strcspn(v, "_.@");
	for (size_t i = 0; i18n_langs[i] != NULL; i++)
		if (n == strlen(i18n_langs[i]) &&
		    strncmp(v, i18n_langs[i], n) == 0)
			return i18n_langs[i];
	return NULL;
}

const char *
i18n_pick(const char *opt, const char *member, const char *lc_all,
    const char *lc_messages, const char *lang, const char *hub)
{
	const char *order[] = { opt, member, lc_all, lc_messages, lang, hub };
	const char *l;

	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
		if ((l = i18n_catalogue(order[i])) != NULL)
			return l;
	return "fr";
}

static const char *
locale_dir(char *out, size_t n)
{
	const char *v = getenv("CERCLE_LOCALEDIR");
	char exe[2048];
	struct stat st;
	ssize_t k;

	if (v != NULL && *v)
		return v;
	/* A binary in the build tree finds build/<kind>/locale. */
	k = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (k > 0) {
		exe[k] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash != NULL) {
			*slash = '\0';
			snprintf(out, n, "%s/locale/fr/LC_MESSAGES/cercle.mo",
			    exe);
			if (stat(out, &st) == 0) {
				snprintf(out, n, "%s/locale", exe);
				return out;
			}
		}
	}
	return CERCLE_LOCALEDIR;
}

int
i18n_setup(const char *opt, const char *member, const char *hub)
{
	const char *l = i18n_pick(opt, member, getenv("LC_ALL"),
	    getenv("LC_MESSAGES"), getenv("LANG"), hub);
	const char *cur;
	char dir[4096];

	/* gettext ignores LANGUAGE under the plain C locale; LANGUAGE is
	 * what makes the choice win over the locale's own language. */
	cur = setlocale(LC_MESSAGES, NULL);
	if (cur == NULL || strcmp(cur, "C") == 0 || strcmp(cur, "POSIX") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	setenv("LANGUAGE", l, 1);
	bindtextdomain("cercle", locale_dir(dir, sizeof dir));
	bind_textdomain_codeset("cercle", "UTF-8");
	textdomain("cercle");
	return strcmp(l, "en") == 0;
}

/* gettext caches translations: this counter tells it the language moved. */
extern int _nl_msg_cat_cntr;

#define I18N_DEPTH 4
static char i18n_saved[I18N_DEPTH][16];
static int i18n_depth;

void
i18n_push_lang(const char *lang)
{
	const char *l = i18n_catalogue(lang);
	const char *cur = getenv("LANGUAGE");

	if (i18n_depth < I18N_DEPTH)
		snprintf(i18n_saved[i18n_depth], sizeof i18n_saved[0], "%s",
		    cur != NULL ? cur : "");
	i18n_depth++;
	setenv("LANGUAGE", l != NULL ? l : "fr", 1);
	++_nl_msg_cat_cntr;
}

void
i18n_pop_lang(void)
{
	if (i18n_depth == 0)
		return;
	i18n_depth--;
	if (i18n_depth < I18N_DEPTH) {
		if (i18n_saved[i18n_depth][0])
			setenv("LANGUAGE", i18n_saved[i18n_depth], 1);
		else
			unsetenv("LANGUAGE");
	}
	++_nl_msg_cat_cntr;
}

/* t as local time in the strftime format fmt; "-" for 0. */
static char *
local_when(long long t, const char *fmt, char *out, unsigned long n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t == 0 || localtime_r(&tt, &tm) == NULL)
		snprintf(out, n, "-");
	else
		strftime(out, n, fmt, &tm);
	return out;
}

char *
i18n_date(long long t, char *out, unsigned long n)
{
	/* TRANSLATORS: a strftime format for dates shown to people (the
	 * interface's own: 07/12/2026 14:05 in French). */
	/* xgettext:no-c-format */
	return local_when(t, _("%Y-%m-%d %H:%M"), out, n);
}

char *
i18n_day(long long t, char *out, unsigned long n)
{
	/* TRANSLATORS: a strftime format for a day shown to people (a due
	 * date, the digest's subject: 07/12/2026 in French). */
	/* xgettext:no-c-format */
	return local_when(t, _("%Y-%m-%d"), out, n);
}

const char *
i18n_pgettext(const char *ctx_id, const char *s)
{
	const char *r = gettext(ctx_id);

	return r == ctx_id ? s : r;
}
