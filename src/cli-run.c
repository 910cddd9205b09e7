/* cli-run.c: the long-running modes: the terminal interface (and the
 * check of keymap and theme files). Sets up who acts, the language, keys
 * and colours, then hands over to ui_main(); holds no rules. */
#include "cli.h"
#include "ui.h"

#include <stdlib.h>
#include <string.h>

/* Load NAME.keys / NAME.theme on top of the built-in defaults. */
static void
load_look(struct ui *ui, const char *keymap, const char *theme)
{
	char path[4096], file[300];

	/* The shipped default.keys, if a newer one is installed or the
	 * user keeps their own, then the chosen keymap over it. */
	if (ui_find_file("keymaps", "default.keys", path, sizeof path) == 0)
		keys_load_file(&ui->keys, path);
	if (keymap != NULL && strcmp(keymap, "default") != 0) {
		snprintf(file, sizeof file, "%s%s", keymap,
		    strchr(keymap, '/') ? "" : ".keys");
		if (ui_find_file("keymaps", file, path, sizeof path) == 0)
			keys_load_file(&ui->keys, path);
		else {
			snprintf(path, sizeof path, _("%s: no such keymap"),
			    file);
			str_list_push(&ui->keys.errors, path);
		}
	}
	if (theme == NULL)
		theme = ui->low_bw ? "mono" : "default";
	snprintf(file, sizeof file, "%s%s", theme,
	    strchr(theme, '/') ? "" : ".theme");
	if (ui_find_file("themes", file, path, sizeof path) == 0)
		theme_load_file(&ui->theme, path);
	else if (strcmp(theme, "default") != 0) {
		snprintf(path, sizeof path, _("%s: no such theme"), file);
		str_list_push(&ui->theme.errors, path);
	}
}

/* Who acts: --member LOGIN (the SSH forced command), else the console. */
static int
tui_actor(struct cli *c, struct ui *ui, struct hub_member_view *v)
{
	const char *login = cli_opt(c, "member");
	struct hub_rd *r;
	int rc;

	memset(v, 0, sizeof *v);
	if (login == NULL) {
		hub_actor_console(&ui->who, NULL);
		ui->roles = ROLE_ADMIN;
		return 0;
	}
	if (login_check(login, &c->e) != 0)
		return cli_fail(c);
	hub_actor_member(&ui->who, login);
	if (hub_rd_open(c->h, &ui->who, &r, &c->e) != 0)
		return cli_fail(c);
	rc = hub_member_view_get(r, login, v, &c->e);
	hub_rd_close(r);
	if (rc == ERR_NOTFOUND) {
		err_set(&c->e, ERR_REFUSED, "no member '%s'", login);
		return cli_fail(c);
	}
	if (rc != 0)
		return cli_fail(c);
	if (v->m.disabled) {
		err_set(&c->e, ERR_REFUSED, "member '%s' is disabled", login);
		hub_member_view_free(v);
		return cli_fail(c);
	}
	ui->me = v->m.id;
	ui->roles = v->m.roles;
	snprintf(ui->login, sizeof ui->login, "%s", login);
	return 0;
}

static void
print_errors(const struct str_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		fprintf(stderr, "cercle: %s\n", l->v[i]);
}

static int
c_tui(struct cli *c)
{
	struct ui *ui = xcalloc(1, sizeof *ui);
	const char *lang = cli_opt(c, "lang");
	struct hub_member_view mv;
	uint64_t prop = 0;
	int rc;

	if (lang == NULL)
		lang = c->lang;	/* the global --lang */
	if (lang != NULL && strcmp(lang, "fr") != 0 && strcmp(lang, "en") != 0) {
		free(ui);
		return cli_usage(c, "--lang must be fr or en");
	}
	if ((rc = cli_opt_u64(c, "proposal", &prop)) < 0) {
		free(ui);
		return -rc;
	}
	ui->h = c->h;
	if ((rc = tui_actor(c, ui, &mv)) != 0) {
		free(ui);
		return rc;
	}
	ui->start_proposal = prop;
	ui->low_bw = cli_flag(c, "low-bandwidth") || mv.m.low_bandwidth;
	ui->sr = cli_flag(c, "screen-reader") || mv.m.screen_reader;
	ui->ascii = ui->low_bw || ui->sr;
	ui->lang_en = i18n_setup(lang, mv.m.lang, c->hub_lang);
	hub_member_view_free(&mv);
	keys_init(&ui->keys);
	theme_init(&ui->theme);
	load_look(ui, cli_opt(c, "keymap"), cli_opt(c, "theme"));
	if (ui->keys.errors.n + ui->theme.errors.n > 0) {
		const char *first = ui->keys.errors.n ? ui->keys.errors.v[0] :
		    ui->theme.errors.v[0];
		const char *colon = strchr(first, ':'), *p;

		/* The file's own name is enough on one status line; the whole
		 * path is printed on exit. */
		for (p = first; colon && p < colon; p++)
			if (*p == '/')
				first = p + 1;
		ui_status(ui, E_STATUS_ERR, "%s (%zu)", first,
		    ui->keys.errors.n + ui->theme.errors.n);
	}
	if ((rc = crt_start(ui)) == 0) {
		rc = ui_main(ui);
		crt_stop();
	}
	/* Configuration errors stay visible after the screen is gone. */
	print_errors(&ui->keys.errors);
	print_errors(&ui->theme.errors);
	keys_free(&ui->keys);
	theme_free(&ui->theme);
	free(ui);
	return rc;
}

static int
c_ui_check(struct cli *c)
{
	char path[4096];
	char *def[6];
	static const char *const shipped[] = {
		"keymaps", "default.keys", "keymaps", "vi.keys", "keymaps",
		"emacs.keys", "themes", "default.theme", "themes", "mono.theme",
		"themes", "high-contrast.theme"
	};
	int n = 0, rc;

	if (c->argc > 0)
		return ui_check_files(c->argc, c->argv);
	/* No files: check the shipped ones, wherever they are found. */
	for (int i = 0; i < 6; i++) {
		if (ui_find_file(shipped[2 * i], shipped[2 * i + 1], path,
		    sizeof path) != 0) {
			fprintf(stderr, _("cercle: %s not found\n"),
			    shipped[2 * i + 1]);
			continue;
		}
		def[n++] = xstrdup(path);
	}
	rc = ui_check_files(n, def);
	for (int i = 0; i < n; i++)
		free(def[i]);
	return n == 6 ? rc : ERR_USAGE;
}

const struct cli_cmd cli_run_cmds[] = {
	{ "tui", "[--member LOGIN] [--proposal ID] [--low-bandwidth] "
	    "[--screen-reader] [--lang fr|en] [--keymap NAME] [--theme NAME]",
	    "member:,proposal:,low-bandwidth,screen-reader,lang:,keymap:,"
	    "theme:", 0, 0,
	    0, N_("open the terminal interface"), c_tui },
	{ "ui check", "[FILE.keys|FILE.theme...]", "", 0, -1, CLI_NODB,
	    N_("check keymap and theme files (the shipped ones by default)"),
	    c_ui_check },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};
