/* i18n.h: the interface language, for the CLI and the TUI alike: which one
 * a process speaks and the gettext set-up. Reads the environment only. */
#ifndef CERCLE_I18N_H
#define CERCLE_I18N_H

#include <libintl.h>

/* Messages marked for translation (`make pot` extracts these keywords;
 * tests/e2e/test-po.sh checks po/fr.po holds every one of them). */
#define _(s) gettext(s)
#define N_(s) (s)
/* A message in a context ("position" nouns vs. action verbs). */
#define P_(ctx, s) i18n_pgettext(ctx "\004" s, s)
const char *i18n_pgettext(const char *ctx_id, const char *s);

/* The language with a catalogue that a locale value or a language code
 * names: "fr" (po/fr.po) or "en" (the source text), for "fr",
 * "fr_FR.UTF-8", "en_GB.utf8@euro"...; NULL for NULL, "", C, POSIX,
 * C.UTF-8 or a language without catalogue (de_DE.UTF-8). */
const char *i18n_catalogue(const char *v);

/* The language to speak: the first of these that names a catalogue:
 * opt (--lang), member (the member's preference), then the environment's
 * LC_ALL, LC_MESSAGES and LANG in that order, then hub (the hub's default
 * language, "fr" for the Hub du Sud); "fr" when none does. Pure. */
const char *i18n_pick(const char *opt, const char *member,
    const char *lc_all, const char *lc_messages, const char *lang,
    const char *hub);

/* i18n_pick over this process's environment, then bind the "cercle"
 * message catalogue (CERCLE_LOCALEDIR, else build/<kind>/locale beside a
 * binary run from the tree, else the install prefix's) so that every
 * marked message is translated. Call it at start and again once the
 * member and the hub are known. Returns 1 for English, 0 for French. */
int i18n_setup(const char *opt, const char *member, const char *hub);

/* The record is written in the hub's language, whoever writes it: wrap
 * the building of a stored or published text (a decision text, the
 * minutes, an export's human columns) in i18n_push_lang(the hub's
 * config lang, hub_config_lang()) ... i18n_pop_lang(), and every _() and
 * err_set() in between speaks that language; pop restores the reader's.
 * Pushes nest (the innermost wins); a NULL or unknown lang is French.
 * Not thread-safe (gettext's LANGUAGE is process-wide), like the rest. */
void i18n_push_lang(const char *lang);
void i18n_pop_lang(void);

/* A date for people, in the current language, as the interface shows
 * them: "07/12/2026 14:05" in French, "2026-12-07 14:05" in English
 * (local time; "-" for 0); JSON and CSV keep ISO 8601. Returns out. */
char *i18n_date(long long t, char *out, unsigned long n);
/* The same, the day alone: "07/12/2026" in French, "2026-12-07" in
 * English (due dates, the digest's subject, redaction markers). */
char *i18n_day(long long t, char *out, unsigned long n);

#endif
