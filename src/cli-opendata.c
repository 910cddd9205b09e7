/* cli-opendata.c: commands for open data: the national mappings, the data
 * package, the import from the field, indicators and the ledger. Bodies
 * parse, call the hub, print; no rule and no count lives here. */
#include "cli.h"
#include "codec.h"
#include "emit.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- config map, config set, config mappings ---- */

static int
c_config_map(struct cli *c)
{
	if (hub_config_map(c->h, &c->who, c->argv[0], c->argv[1],
	    c->argc > 2 ? c->argv[2] : "", &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static int
c_config_set(struct cli *c)
{
	if (hub_config_opendata(c->h, &c->who, c->argv[0], c->argv[1],
	    &c->e) != 0)
		return cli_fail(c);
	return 0;
}

static void
map_rows(struct emit *em, const char *kind, const struct str_list *words,
    const struct str_list *map)
{
	for (size_t i = 0; i < words->n; i++) {
		emit_rec_begin(em, NULL);
		emit_str(em, "kind", kind);
		emit_str(em, "value", words->v[i]);
		emit_str(em, "codes", hub_config_codes(map, words->v[i]));
		emit_rec_end(em);
	}
}

static int
c_config_mappings(struct cli *c)
{
	struct hub_rd *r;
	struct config cfg;
	struct buf b = { 0 };
	struct emit em;
	int f = c->json ? EMIT_JSON : EMIT_TEXT;
	char prod[64];
	static const int w[] = { 9, 30, 0 };

	if (cli_flag(c, "csv"))
		f = EMIT_CSV;
	if (hub_rd_open(c->h, &c->who, &r, &c->e) != 0)
		return cli_fail(c);
	if (hub_config_view(r, &cfg, &c->e) != 0) {
		hub_rd_close(r);
		return cli_fail(c);
	}
	hub_rd_close(r);
	emit_init(&em, f, &b);
	emit_widths(&em, w, 3);
	if (f == EMIT_JSON) {
		emit_rec_begin(&em, NULL);
		emit_str(&em, "licence", hub_config_licence(&cfg));
		emit_str(&em, "producer", hub_config_producer(&cfg, prod,
		    sizeof prod));
		emit_bool(&em, "votes_public", cfg.open_votes != 0);
		emit_list_begin(&em, "mappings");
	} else
		emit_list_begin(&em, NULL);
	map_rows(&em, "category", &cfg.categories, &cfg.catmap);
	map_rows(&em, "public", &cfg.publics, &cfg.pubmap);
	emit_list_end(&em);
	if (f == EMIT_JSON)
		emit_rec_end(&em);
	emit_free(&em);
	if (f == EMIT_TEXT)
		buf_printf(&b, "%s %s\n%s %s\n%s %s\n", _("licence:"),
		    hub_config_licence(&cfg), _("producer:"),
		    hub_config_producer(&cfg, prod, sizeof prod), _("votes:"),
		    cfg.open_votes ? "public" : "private");
	cli_write(&b);
	buf_free(&b);
	codec_free(RT_CONFIG, &cfg);
	return 0;
}

/* ---- export --format datapackage --to DIR ---- */

/* One file of the package being written: rows drain into f as they
 * come, so memory does not grow with the hub. */
struct dp_out {
	FILE *f;
	struct buf b;
	int failed;
};

static void
dp_drain(void *arg)
{
	struct dp_out *o = arg;

	if (o->b.len < 65536)
		return;
	if (fwrite(o->b.p, 1, o->b.len, o->f) != o->b.len)
		o->failed = 1;
	o->b.len = 0;
	o->b.p[0] = '\0';
}

static int
dp_open(struct cli *c, const char *dir, const char *name, char *tmp,
    size_t n, struct dp_out *o)
{
	memset(o, 0, sizeof *o);
	snprintf(tmp, n, "%s/.%s.tmp", dir, name);
	if ((o->f = fopen(tmp, "w")) == NULL)
		return err_set(&c->e, ERR_SYSTEM, "cannot write %s: %s", tmp,
		    strerror(errno));
	return 0;
}

/* Write what is left, then rename the temporary file into place. */
static int
dp_close(struct cli *c, const char *dir, const char *name, const char *tmp,
    struct dp_out *o, int rc)
{
	char path[1024];

	if (o->b.len && fwrite(o->b.p, 1, o->b.len, o->f) != o->b.len)
		o->failed = 1;
	buf_free(&o->b);
	if (fclose(o->f) != 0)
		o->failed = 1;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (rc == 0 && o->failed)
		rc = err_set(&c->e, ERR_SYSTEM, "cannot write %s: %s", path,
		    strerror(errno));
	if (rc == 0 && rename(tmp, path) != 0)
		rc = err_set(&c->e, ERR_SYSTEM, "cannot write %s: %s", path,
		    strerror(errno));
	if (rc != 0)
		unlink(tmp);
	return rc;
}

int
cli_export_datapackage(struct cli *c)
{
	const char *dir = cli_opt(c, "to");
	struct hub_rd *r;
	struct hub_dp *d;
	struct dp_out o;
	struct emit em;
	struct buf msg = { 0 };
	char name[256], tmp[1024];
	uint64_t rows, files = 0;
	struct stat st;
	int rc = 0;

	if (dir == NULL || *dir == '\0')
		return cli_usage(c, "--format datapackage needs --to DIR");
	if (cli_opt(c, "what") != NULL)
		return cli_usage(c, "a data package holds every resource: "
		    "--what is for json and csv");
	if (stat(dir, &st) != 0 && mkdir(dir, 0755) != 0) {
		err_set(&c->e, ERR_SYSTEM, "cannot create %s: %s", dir,
		    strerror(errno));
		return cli_fail(c);
	}
	if (hub_rd_open(c->h, &c->who, &r, &c->e) != 0)
		return cli_fail(c);
	if (hub_dp_open(r, util_now(), &d, &c->e) != 0) {
		hub_rd_close(r);
		return cli_fail(c);
	}
	for (int res = 0; rc == 0 && res < HUB_DP__COUNT; res++) {
		if (!hub_dp_included(d, res))
			continue;
		hub_dp_file(d, res, name, sizeof name);
		if ((rc = dp_open(c, dir, name, tmp, sizeof tmp, &o)) != 0)
			break;
		emit_init(&em, EMIT_CSV, &o.b);
		rc = hub_dp_rows(d, res, &em, dp_drain, &o, &rows, &c->e);
		emit_free(&em);
		if ((rc = dp_close(c, dir, name, tmp, &o, rc)) == 0) {
			buf_printf(&msg, "%s/%s\t%llu\n", dir, name,
			    (unsigned long long)rows);
			files++;
		}
	}
	if (rc == 0 && (rc = dp_open(c, dir, "datapackage.json", tmp,
	    sizeof tmp, &o)) == 0) {
		emit_init(&em, EMIT_JSON, &o.b);
		hub_dp_descriptor(d, &em);
		emit_free(&em);
		buf_add(&o.b, "\n", 1);
		rc = dp_close(c, dir, "datapackage.json", tmp, &o, 0);
		files++;
	}
	if (rc == 0 && (rc = dp_open(c, dir, "README.md", tmp, sizeof tmp,
	    &o)) == 0) {
		hub_dp_readme(d, &o.b);
		rc = dp_close(c, dir, "README.md", tmp, &o, 0);
		files++;
	}
	hub_dp_close(d);
	hub_rd_close(r);
	if (rc != 0) {
		buf_free(&msg);
		return cli_fail(c);
	}
	buf_printf(&msg, ngettext("%llu file written in %s\n",
	    "%llu files written in %s\n", files), (unsigned long long)files,
	    dir);
	cli_write(&msg);
	buf_free(&msg);
	return 0;
}

/* ---- indicators ---- */

static int
round_ok(const char *r)
{
	return r != NULL && strlen(r) == 7 && r[4] == '-' && r[5] == 'B' &&
	    r[6] >= '1' && r[6] <= '6' && strspn(r, "0123456789") == 4;
}

static void
ind_text(struct buf *b, const struct hub_indicators *v)
{
	char d[32];

	if (v->round[0])
		buf_printf(b, _("Collection round %s (previous: %s)\n"),
		    v->round, v->prev);
	else
		buf_puts(b, _("Every collection round\n"));
	buf_printf(b, ngettext("%llu need, %llu supports",
	    "%llu needs, %llu supports", v->total.needs),
	    (unsigned long long)v->total.needs,
	    (unsigned long long)v->total.supports);
	if (v->prev[0]) {
		snprintf(d, sizeof d, "%+lld", (long long)v->total.needs -
		    (long long)v->total.prev_needs);
		buf_printf(b, _(" (%s needs from the previous round)"), d);
	}
	buf_puts(b, "\n\n  ");
	util_col(b, _("territory"), 16);
	buf_puts(b, " ");
	util_col(b, _("category"), 32);
	buf_printf(b, " %7s %6s%s\n", _("needs"), _("supp."), v->prev[0] ?
	    _("  change") : "");
	for (size_t ti = 0; ti <= v->territories.n; ti++)
		for (size_t ci = 0; ci <= v->categories.n; ci++) {
			const struct hub_ind_cell *c = hub_indicators_cell(v,
			    ti, ci);
			if (c->needs == 0 && c->prev_needs == 0)
				continue;
			buf_puts(b, "  ");
			util_col(b, ti < v->territories.n ? v->territories.v[ti] :
			    "-", 16);
			buf_puts(b, " ");
			util_col(b, ci < v->categories.n ? v->categories.v[ci] :
			    "-", 32);
			buf_printf(b, " %7llu %6llu", (unsigned long long)c->needs,
			    (unsigned long long)c->supports);
			if (v->prev[0])
				buf_printf(b, " %+6lld", (long long)c->needs -
				    (long long)c->prev_needs);
			buf_puts(b, "\n");
		}
	if (v->ntop)
		buf_printf(b, "\n%s\n", _("Needs seen in most territories:"));
	for (size_t i = 0; i < v->ntop; i++) {
		buf_printf(b, "  #%-6llu %2llu ", (unsigned long long)v->top[i].id,
		    (unsigned long long)v->top[i].territories);
		util_col(b, v->top[i].title, 60);
		buf_puts(b, "\n");
	}
}

static int
c_indicators(struct cli *c)
{
	const char *round = cli_opt(c, "round");
	struct hub_indicators v;
	struct hub_rd *r;
	struct buf b = { 0 };
	struct emit em;
	int csv = cli_flag(c, "csv");

	if (round != NULL && !round_ok(round))
		return cli_usage(c, "--round is a collection round like "
		    "2026-B6, not '%.40s'", round);
	if (hub_rd_open(c->h, &c->who, &r, &c->e) != 0)
		return cli_fail(c);
	if (hub_indicators_view(r, round, &v, &c->e) != 0) {
		hub_rd_close(r);
		return cli_fail(c);
	}
	hub_rd_close(r);
	if (c->json || csv) {
		emit_init(&em, csv ? EMIT_CSV : EMIT_JSON, &b);
		if (!csv) {
			emit_rec_begin(&em, NULL);
			emit_str(&em, "round", v.round[0] ? v.round : NULL);
			emit_str(&em, "previous", v.prev[0] ? v.prev : NULL);
			emit_u64(&em, "needs", v.total.needs);
			emit_u64(&em, "supports", v.total.supports);
			emit_u64(&em, "prev_needs", v.total.prev_needs);
			emit_u64(&em, "prev_supports", v.total.prev_supports);
		}
		emit_list_begin(&em, csv ? NULL : "cells");
		hub_indicators_emit(&em, &v);
		emit_list_end(&em);
		if (!csv) {
			emit_list_begin(&em, "top");
			for (size_t i = 0; i < v.ntop; i++) {
				emit_rec_begin(&em, NULL);
				emit_u64(&em, "id", v.top[i].id);
				emit_str(&em, "title", v.top[i].title);
				emit_u64(&em, "territories", v.top[i].territories);
				emit_u64(&em, "supports", v.top[i].supports);
				emit_rec_end(&em);
			}
			emit_list_end(&em);
			emit_rec_end(&em);
		}
		emit_free(&em);
		if (!csv)
			buf_add(&b, "\n", 1);
	} else
		ind_text(&b, &v);
	cli_write(&b);
	buf_free(&b);
	hub_indicators_free(&v);
	return 0;
}

/* ---- need import ---- */

#define IMPORT_MAX ((size_t)1 << 30)	/* 1 GiB: ~3M needs */

/* "cannot read PATH: why" (errno), in the reader's language. */
static const char *
import_err(const char *path)
{
	static char msg[600];
	char safe[300];

	snprintf(msg, sizeof msg, _("cannot read %s: %s"), util_safe(path,
	    safe, sizeof safe), strerror(errno));
	return msg;
}

/* The whole file (or standard input for "-") into b; 0, or a message. */
static int
import_read(struct cli *c, const char *path, struct buf *b)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char chunk[65536];
	size_t n;

	if (f == NULL) {
		fprintf(stderr, "cercle: %s\n", import_err(path));
		return ERR_USAGE;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b->len + n > IMPORT_MAX) {
			if (f != stdin)
				fclose(f);
			return cli_usage(c, "%s is larger than 1 GiB: split it",
			    path);
		}
		buf_add(b, chunk, n);
	}
	if (ferror(f)) {
		fprintf(stderr, "cercle: %s\n", import_err(path));
		if (f != stdin)
			fclose(f);
		return ERR_SYSTEM;
	}
	if (f != stdin)
		fclose(f);
	return 0;
}

static void
import_json(struct buf *b, const struct hub_import_report *rep, int dry)
{
	buf_printf(b, "{\"dry_run\":%s,\"imported\":%s",
	    dry ? "true" : "false", rep->done ? "true" : "false");
	for (int k = 0; k < HUB_IMPORT__COUNT; k++)
		buf_printf(b, ",\"%s\":%zu", hub_import_outcome(k),
		    rep->count[k]);
	buf_printf(b, ",\"without_external_id\":%zu", rep->no_xid);
	buf_puts(b, ",\"rows\":[");
	for (size_t i = 0; i < rep->n; i++) {
		const struct hub_import_row *o = &rep->v[i];
		buf_printf(b, "%s{\"line\":%zu,\"outcome\":\"%s\"",
		    i ? "," : "", o->line, hub_import_outcome(o->outcome));
		/* A dry run's new ids are not kept: none is shown. */
		if (o->id && !(dry && o->outcome == HUB_IMPORT_ADDED))
			buf_printf(b, ",\"id\":%llu",
			    (unsigned long long)o->id);
		if (o->reason) {
			buf_puts(b, ",\"reason\":");
			json_str(b, o->reason);
		}
		buf_puts(b, "}");
	}
	buf_puts(b, "]}\n");
}

/* "12 rows: 10 added, 1 already imported, ..." (to add on a dry run). */
static void
import_text(struct buf *b, const struct hub_import_report *rep, int dry)
{
	size_t rows = 0;

	for (int k = 0; k < HUB_IMPORT__COUNT; k++)
		rows += rep->count[k];
	if (dry)
		buf_puts(b, _("dry run, nothing imported: "));
	buf_printf(b, ngettext("%zu row: ", "%zu rows: ", rows), rows);
	buf_printf(b, dry ? ngettext("%zu to add", "%zu to add",
	    rep->count[HUB_IMPORT_ADDED]) : ngettext("%zu added",
	    "%zu added", rep->count[HUB_IMPORT_ADDED]),
	    rep->count[HUB_IMPORT_ADDED]);
	buf_printf(b, ngettext(", %zu already imported",
	    ", %zu already imported", rep->count[HUB_IMPORT_PRESENT]),
	    rep->count[HUB_IMPORT_PRESENT]);
	if (rep->count[HUB_IMPORT_MERGED])
		buf_printf(b, ngettext(", %zu merged duplicate left out",
		    ", %zu merged duplicates left out",
		    rep->count[HUB_IMPORT_MERGED]),
		    rep->count[HUB_IMPORT_MERGED]);
	buf_printf(b, ngettext(", %zu rejected", ", %zu rejected",
	    rep->count[HUB_IMPORT_REJECTED]),
	    rep->count[HUB_IMPORT_REJECTED]);
	buf_puts(b, "\n");
}

int
cli_need_import(struct cli *c)
{
	const char *path = c->argv[0];
	int dry = cli_flag(c, "dry-run"), skip = cli_flag(c, "skip-invalid");
	struct hub_import_report rep;
	struct buf data = { 0 }, b = { 0 };
	char safe[600];
	int rc;

	if (!c->ssh && cli_opt(c, "as") == NULL)
		return cli_usage(c, "imported needs need a member: --as LOGIN");
	if ((rc = import_read(c, path, &data)) != 0) {
		buf_free(&data);
		return rc;
	}
	rc = hub_need_import(c->h, &c->who, data.p ? data.p : "", data.len,
	    (dry ? HUB_IMPORT_DRY : 0) | (skip ? HUB_IMPORT_SKIP : 0), &rep,
	    &c->e);
	buf_free(&data);
	/* Each rejected row, on stderr, as a compiler reports lines. */
	for (size_t i = 0; i < rep.n; i++)
		if (rep.v[i].outcome == HUB_IMPORT_REJECTED)
			fprintf(stderr, "cercle: %s:%zu: %s\n", util_safe(path,
			    safe, 200), rep.v[i].line, util_safe(
			    rep.v[i].reason, safe + 200, sizeof safe - 200));
	if (rep.no_xid > 0 && (rc == 0 || skip)) {
		fputs("cercle: ", stderr);
		fprintf(stderr, ngettext("warning: %zu row has no "
		    "external_id: importing it again would add it again\n",
		    "warning: %zu rows have no external_id: importing "
		    "them again would add them again\n", rep.no_xid),
		    rep.no_xid);
	}
	if (c->json)
		import_json(&b, &rep, dry);
	else if (rc == 0 || rep.n > 0)
		import_text(&b, &rep, dry);
	cli_write(&b);
	buf_free(&b);
	if (rc != 0) {
		if (rep.count[HUB_IMPORT_REJECTED] > 0 && !skip) {
			fprintf(stderr, "cercle: %s", util_safe(c->e.msg,
			    safe, sizeof safe));
			fputs(_(" (--skip-invalid imports the valid rows)\n"),
			    stderr);
		} else
			cli_fail(c);
		rc = err_exit_code(&c->e);
	}
	hub_import_report_free(&rep);
	return rc;
}

/* ---- ledger ---- */

static int
c_ledger(struct cli *c)
{
	const char *from = cli_opt(c, "from"), *to = cli_opt(c, "to");
	/* Column heads of at most 7 columns, in the ledger's own words. */
	const char *const head[HUB_LEDGER__COUNT] = { P_("ledger", "needs"),
	    P_("ledger", "supp."), P_("ledger", "room"), P_("ledger",
	    "remote"), P_("ledger", "posit."), P_("ledger", "propos."),
	    P_("ledger", "wkstr."), P_("ledger", "actions") };
	int64_t f = 0, t = 0;
	struct hub_ledger l;
	struct hub_rd *r;
	struct buf b = { 0 };
	struct emit em;
	int csv = cli_flag(c, "csv");

	if (from != NULL && (f = util_parse_date(from)) < 0)
		return cli_usage(c, "--from is a date (YYYY-MM-DD), not '%.40s'",
		    from);
	if (to != NULL && (t = util_parse_date(to)) < 0)
		return cli_usage(c, "--to is a date (YYYY-MM-DD), not '%.40s'",
		    to);
	/* A day alone is read as its last minute (a closing date): the
	 * period starts at its first and ends after its last. */
	if (from != NULL && strlen(from) == 10)
		f -= 23 * 3600 + 59 * 60;
	if (to != NULL && strlen(to) == 10)
		t += 60;	/* the whole of that day */
	if (to != NULL && t <= f)
		return cli_usage(c, "--to is before --from");
	if (hub_rd_open(c->h, &c->who, &r, &c->e) != 0)
		return cli_fail(c);
	if (hub_ledger_view(r, f, t, &l, &c->e) != 0) {
		hub_rd_close(r);
		return cli_fail(c);
	}
	hub_rd_close(r);
	if (c->json || csv) {
		emit_init(&em, csv ? EMIT_CSV : EMIT_JSON, &b);
		emit_list_begin(&em, NULL);
		for (size_t i = 0; i < l.n; i++) {
			emit_rec_begin(&em, NULL);
			hub_ledger_emit(&em, &l.rows[i]);
			emit_rec_end(&em);
		}
		emit_list_end(&em);
		emit_free(&em);
		if (!csv)
			buf_add(&b, "\n", 1);
	} else {
		util_col(&b, _("member"), 16);
		for (int k = 0; k < HUB_LEDGER__COUNT; k++) {
			buf_puts(&b, " ");
			util_col(&b, head[k], 7);
		}
		buf_puts(&b, "\n");
		for (size_t i = 0; i < l.n; i++) {
			util_col(&b, l.rows[i].login, 16);
			for (int k = 0; k < HUB_LEDGER__COUNT; k++)
				buf_printf(&b, " %7llu",
				    (unsigned long long)l.rows[i].c[k]);
			buf_puts(&b, "\n");
		}
	}
	cli_write(&b);
	buf_free(&b);
	hub_ledger_free(&l);
	return 0;
}

const struct cli_cmd cli_opendata_cmds[] = {
	{ "config map", "category|public VALUE [CODE;CODE...]", "as:", 2, 3,
	    0, "map a category to national thematiques or a public to "
	    "data·inclusion publics (no codes: unmap)", c_config_map },
	{ "config set", "licence|producer|votes VALUE", "as:", 2, 2, 0,
	    "set the open-data licence, producer, or votes public|private",
	    c_config_set },
	{ "config mappings", "[--json|--csv]", "json,csv", 0, 0, 0,
	    "show the national codes of each category and public",
	    c_config_mappings },
	{ "indicators", "[--round R] [--json|--csv]", "round:,json,csv", 0, 0,
	    0, "needs and supports by territory and category, the change "
	    "from the previous round, the needs seen in most territories",
	    c_indicators },
	{ "ledger", "[--from D] [--to D] [--json|--csv]", "from:,to:,json,csv",
	    0, 0, 0, "the contribution ledger: per member, needs, supports, "
	    "meetings, positions, proposals, workstreams, actions done",
	    c_ledger },
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};
