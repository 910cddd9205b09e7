/* hub-need-import.c: needs gathered in the field (paper, focus groups,
 * digital-pass statistics) imported from a CSV file: columns mapped by
 * their header, every row checked by the rules of need add, idempotent
 * through external_id. Must not read files or print: the CLI hands the
 * bytes over and prints the report. */
#include "hub.h"
#include "codec.h"
#include "csv.h"

/*
 * One write transaction for the whole file, not one per need: a file is
 * imported whole or not at all (a rejected row leaves the hub as it was,
 * so fixing the file and running it again is the whole procedure); the
 * external-id check sees the rows of the same file; --dry-run is the same
 * transaction aborted, so it checks exactly what a real run would; and
 * the hub syncs once, not once per need (317 needs of the demo: 40 ms).
 * The price: other writers wait while it runs, about 85 us a row (100,000
 * rows: 8.5 s), which suits files gathered in the field (hundreds of
 * rows); a bigger file is better split. Each need is still its own
 * journal entry (need.import, with the row's line).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Who may report needs (as hub-need.c). */
#define NEED_WRITERS (ROLE_MEMBER | ROLE_CORRESPONDENT | ROLE_FACILITATOR | \
	ROLE_ADMIN)

enum col {
	COL_TITLE, COL_DESC, COL_TERR, COL_CAT, COL_PUB, COL_SRC, COL_ROUND,
	COL_INSEE, COL_XID, COL_CREATED, COL_STATUS, COL__FIELDS,
	COL_IGNORED = COL__FIELDS
};

/* The header names, folded (util_fold): those cercle's own exports write
 * (need list --csv, export --what needs, the data package's needs) and
 * the English and French ones people write on a sheet. Columns of the
 * exports that the importing hub makes itself (ids, dates of change,
 * supports, territories reached, practices, merges, national codes,
 * people) are read and left out. */
static const struct head {
	int col;
	const char *names;	/* "|"-separated, folded */
} heads[] = {
	{ COL_TITLE, "title|titre|intitule|intitule du besoin|besoin|"
	    "libelle" },
	{ COL_DESC, "description|descriptif|detail|details" },
	{ COL_TERR, "territory|territoire" },
	{ COL_CAT, "category|categorie|categorie du besoin" },
	{ COL_PUB, "public|public concerne|public cible" },
	{ COL_SRC, "source|origine" },
	{ COL_ROUND, "round|collection round|campagne|campagne de collecte" },
	{ COL_INSEE, "insee|insee code|code insee|code commune|"
	    "code insee commune" },
	{ COL_XID, "external id|id externe|identifiant externe|"
	    "reference externe" },
	{ COL_CREATED, "created|date|reported|date de signalement|"
	    "signale le|cree le" },
	{ COL_STATUS, "status|statut|etat" },
	{ COL_IGNORED, "id|updated|supports|territories|practices|"
	    "merged into|merged from|thematiques|publics|reporter|"
	    "supporters|identifiant|modifie le|soutiens|territoires|"
	    "pratiques|fusionne dans|signale par" },
	{ -1, NULL }
};

static const char *const col_names[COL__FIELDS] = { "title",
	"description", "territory", "category", "public", "source", "round",
	"insee", "external_id", "created", "status" };

static int
head_find(const char *folded)
{
	size_t n = strlen(folded);

	for (const struct head *h = heads; h->names != NULL; h++) {
		const char *p = h->names;
		while (*p) {
			const char *bar = strchr(p, '|');
			size_t len = bar ? (size_t)(bar - p) : strlen(p);
			if (len == n && memcmp(p, folded, n) == 0)
				return h->col;
			p += len + (bar != NULL);
		}
	}
	return -1;
}

struct imp {
	const char *data;
	size_t len;
	int flags;
	int map[COL__FIELDS];		/* column index of each field, -1 */
	size_t ncols;
	int unnamed;			/* first column without a name, -1 */
	struct hub_import_report *rep;
	uint64_t first;			/* first id this batch added */
	int finished;			/* every row was looked at */
};

/* Map the header (the first record) to fields: ERR_USAGE on an unknown
 * or repeated name, or without a title or territory column. */
static int
header_map(struct imp *a, const struct csv_row *row, struct err *e)
{
	char f[128];
	int col;

	for (int i = 0; i < COL__FIELDS; i++)
		a->map[i] = -1;
	a->ncols = row->n;
	a->unnamed = -1;
	for (size_t i = 0; i < row->n; i++) {
		util_fold(row->v[i], f, sizeof f);
		/* Spreadsheets leave empty columns at the end: the columns
		 * after the last name must be empty in every row. */
		if (f[0] == '\0') {
			if (a->unnamed < 0)
				a->unnamed = (int)i;
			continue;
		}
		if (a->unnamed >= 0)
			return err_set(e, ERR_USAGE, "line %zu: column %d "
			    "has no name", row->line, a->unnamed + 1);
		if ((col = head_find(f)) < 0) {
			char safe[80];
			return err_set(e, ERR_USAGE, "line %zu: unknown "
			    "column '%s' (known: title, description, "
			    "territory, category, public, source, round, "
			    "insee, external_id, created, status)",
			    row->line, util_safe(row->v[i], safe,
			    sizeof safe));
		}
		if (col == COL_IGNORED)
			continue;
		if (a->map[col] >= 0)
			return err_set(e, ERR_USAGE, "line %zu: columns %d "
			    "and %zu both give the %s", row->line,
			    a->map[col] + 1, i + 1, col_names[col]);
		a->map[col] = (int)i;
	}
	if (a->map[COL_TITLE] < 0)
		return err_set(e, ERR_USAGE, "the file has no title column "
		    "(title or titre)");
	if (a->map[COL_TERR] < 0)
		return err_set(e, ERR_USAGE, "the file has no territory column "
		    "(territory or territoire)");
	return 0;
}

/* ISO 8601 in UTC as the exports write it (2026-03-04T10:00:00Z,
 * 2026-03-04T10:00Z), a day (2026-03-04, 04/03/2026: noon UTC, so the
 * day is that day everywhere), or util_parse_date's local forms. */
static int64_t
date_parse(const char *s)
{
	int y, mo, d, h = 12, mi = 0, sec = 0, k = 0;
	struct tm tm;

	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d%n", &y, &mo, &d, &h, &mi,
	    &k) == 5) {
		const char *rest = s + k;
		int k2 = 0;
		if (*rest == ':' && sscanf(rest, ":%2d%n", &sec, &k2) == 1)
			rest += k2;
		if (strcmp(rest, "Z") != 0 && strcmp(rest, "") != 0 &&
		    strcmp(rest, "+00:00") != 0)
			return -1;
	} else if (sscanf(s, "%2d/%2d/%4d%n", &d, &mo, &y, &k) == 3 &&
	    s[k] == '\0') {
		;
	} else if (strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%n", &y, &mo,
	    &d, &k) == 3 && s[k] == '\0') {
		;
	} else
		return util_parse_date(s);
	if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 ||
	    h > 23 || mi > 59 || sec > 60 || h < 0 || mi < 0 || sec < 0)
		return -1;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	{
		time_t t = timegm(&tm);
		if (t == (time_t)-1 || tm.tm_mday != d)
			return -1;
		return (int64_t)t;
	}
}

/* A cell as the need takes it: NULL when empty; single-line fields
 * trimmed of spaces; the quote that cercle's CSV (and OWASP's advice)
 * puts before a cell starting like a formula is taken off again. */
static char *
cell(const struct imp *a, const struct csv_row *row, int col)
{
	int i = a->map[col];
	char *s, *end;

	if (i < 0 || (size_t)i >= row->n)
		return NULL;
	s = row->v[i];
	if (col != COL_DESC) {
		while (*s == ' ')
			s++;
		end = s + strlen(s);
		while (end > s && end[-1] == ' ')
			*--end = '\0';
	}
	if (s[0] == '\'' && s[1] != '\0' && strchr("=+-@\t\r", s[1]))
		s++;
	return s[0] != '\0' ? s : NULL;
}

static void
row_out(struct imp *a, size_t line, int outcome, uint64_t id,
    const char *reason)
{
	struct hub_import_report *r = a->rep;
	struct hub_import_row *o;

	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->v = xrealloc(r->v, r->cap * sizeof *r->v);
	}
	o = &r->v[r->n++];
	o->line = line;
	o->outcome = outcome;
	o->id = id;
	o->reason = reason != NULL ? xstrdup(reason) : NULL;
	r->count[outcome]++;
}

static int
reject(struct imp *a, struct hub_ctx *c, size_t line)
{
	row_out(a, line, HUB_IMPORT_REJECTED, 0, c->e->msg);
	err_clear(c->e);
	return 0;
}

static int
import_row(struct hub_ctx *c, struct imp *a, struct csv_row *row)
{
	struct need_input in;
	const char *created, *status;
	char sum[300], f[32];
	uint64_t id = 0;
	int rc;

	if (row->n > a->ncols) {
		err_set(c->e, ERR_USAGE, "%zu cells, the header has %zu",
		    row->n, a->ncols);
		return reject(a, c, row->line);
	}
	for (size_t i = a->unnamed < 0 ? row->n : (size_t)a->unnamed;
	    i < row->n; i++)
		if (row->v[i][0] != '\0') {
			err_set(c->e, ERR_USAGE, "a value in column %zu, "
			    "which has no name in the header", i + 1);
			return reject(a, c, row->line);
		}
	memset(&in, 0, sizeof in);
	in.title = cell(a, row, COL_TITLE);
	in.description = cell(a, row, COL_DESC);
	in.territory = cell(a, row, COL_TERR);
	in.category = cell(a, row, COL_CAT);
	in.public_ = cell(a, row, COL_PUB);
	in.source = cell(a, row, COL_SRC);
	in.round = cell(a, row, COL_ROUND);
	in.insee = cell(a, row, COL_INSEE);
	in.external_id = cell(a, row, COL_XID);
	created = cell(a, row, COL_CREATED);
	status = cell(a, row, COL_STATUS);
	/* A duplicate merged into another in the source: the survivor
	 * carries it, so it is not a need of its own here. */
	if (status != NULL && (strcmp(util_fold(status, f, sizeof f),
	    "merged") == 0 || strcmp(f, "fusionne") == 0)) {
		row_out(a, row->line, HUB_IMPORT_MERGED, 0, NULL);
		return 0;
	}
	if (created != NULL) {
		int64_t t = date_parse(created);
		char safe[48];
		if (t <= 0) {
			err_set(c->e, ERR_USAGE, "created: '%s' is not a date "
			    "(YYYY-MM-DD, DD/MM/YYYY or ISO 8601)",
			    util_safe(created, safe, sizeof safe));
			return reject(a, c, row->line);
		}
		if (t > util_now() + 86400) {
			err_set(c->e, ERR_USAGE, "created: %s is in the "
			    "future", util_safe(created, safe, sizeof safe));
			return reject(a, c, row->line);
		}
		in.created = t;
	}
	if (hub_need_input_check(&in, 1, c->e) != 0)
		return reject(a, c, row->line);
	if ((rc = hub_need_by_external_id(c->t, in.external_id, &id,
	    c->e)) != 0)
		return rc;
	if (id != 0 && a->first != 0 && id >= a->first) {
		size_t k;
		for (k = 0; k < a->rep->n; k++)
			if (a->rep->v[k].id == id &&
			    a->rep->v[k].outcome == HUB_IMPORT_ADDED)
				break;
		err_set(c->e, ERR_USAGE, "external id '%.60s' is on line %zu "
		    "already", in.external_id, k < a->rep->n ?
		    a->rep->v[k].line : 0);
		return reject(a, c, row->line);
	}
	if (id != 0) {
		row_out(a, row->line, HUB_IMPORT_PRESENT, id, NULL);
		return 0;
	}
	snprintf(sum, sizeof sum, "line %zu: %.200s", row->line, in.title);
	hub_set_op(c, "need.import", sum);
	rc = hub_need_add_in(c, &in, &id);
	hub_set_summary(c, NULL);
	if (rc == ERR_SYSTEM)
		return rc;
	if (rc != 0)
		return reject(a, c, row->line);
	if (a->first == 0)
		a->first = id;
	if (in.external_id == NULL)
		a->rep->no_xid++;
	row_out(a, row->line, HUB_IMPORT_ADDED, id, NULL);
	return 0;
}

static void
report_reset(struct hub_import_report *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->v[i].reason);
	r->n = 0;
	memset(r->count, 0, sizeof r->count);
	r->no_xid = 0;
	r->done = 0;
}

static int
op_import(struct hub_ctx *c, void *argp)
{
	struct imp *a = argp;
	struct csv_row row = { 0 };
	struct csv r;
	int rc, got;

	/* hub_run may run this again from scratch (the map grew). */
	report_reset(a->rep);
	a->first = 0;
	a->finished = 0;
	if ((rc = hub_require(c, NEED_WRITERS, "import needs")) != 0)
		return rc;
	if (c->who->id == 0)
		return err_set(c->e, ERR_REFUSED, "imported needs need a "
		    "reporter: act as a member (--as LOGIN)");
	if ((rc = csv_open(&r, a->data, a->len, c->e)) != 0)
		return rc;
	if ((got = csv_next(&r, &row, c->e)) <= 0)
		rc = got < 0 ? c->e->code : err_set(c->e, ERR_USAGE,
		    "the file is empty");
	while (rc == 0 && (got = csv_next(&r, &row, c->e)) == 1) {
		if (csv_row_blank(&row))
			continue;
		rc = import_row(c, a, &row);
	}
	if (rc == 0 && got < 0)
		rc = c->e->code;
	csv_row_free(&row);
	if (rc != 0)
		return rc;
	a->finished = 1;
	if (a->rep->count[HUB_IMPORT_REJECTED] > 0 &&
	    !(a->flags & HUB_IMPORT_SKIP))
		return err_setn(c->e, ERR_REFUSED,
		    a->rep->count[HUB_IMPORT_REJECTED], "%zu row rejected: "
		    "nothing imported", "%zu rows rejected: nothing imported",
		    a->rep->count[HUB_IMPORT_REJECTED]);
	if (a->flags & HUB_IMPORT_DRY)
		/* Every row went through the real writes: drop them. */
		return err_set(c->e, ERR_USAGE, "dry run");
	return 0;
}

int
hub_need_import(struct hub *h, struct actor *who, const char *data,
    size_t len, int flags, struct hub_import_report *rep, struct err *e)
{
	struct imp a;
	struct csv_row row = { 0 };
	struct csv r;
	int rc;

	memset(rep, 0, sizeof *rep);
	memset(&a, 0, sizeof a);
	a.data = data;
	a.len = len;
	a.flags = flags;
	a.rep = rep;
	/* The file's shape first, before any lock is taken. */
	if ((rc = csv_open(&r, data, len, e)) != 0)
		return rc;
	rc = csv_next(&r, &row, e);
	if (rc == 0)
		rc = err_set(e, ERR_USAGE, "the file is empty");
	else if (rc == 1)
		rc = header_map(&a, &row, e);
	else
		rc = e->code;
	csv_row_free(&row);
	if (rc != 0)
		return rc;
	rc = hub_run(h, who, "need.import", NULL, op_import, &a, e);
	if (a.finished && (flags & HUB_IMPORT_DRY) &&
	    (rep->count[HUB_IMPORT_REJECTED] == 0 ||
	    (flags & HUB_IMPORT_SKIP))) {
		err_clear(e);
		return 0;
	}
	if (rc == 0)
		rep->done = 1;
	return rc;
}

void
hub_import_report_free(struct hub_import_report *rep)
{
	report_reset(rep);
	free(rep->v);
	memset(rep, 0, sizeof *rep);
}

const char *
hub_import_outcome(int outcome)
{
	static const char *const names[] = { "added", "present", "merged",
		"rejected" };

	return outcome >= 0 && outcome < HUB_IMPORT__COUNT ?
	    names[outcome] : "?";
}
