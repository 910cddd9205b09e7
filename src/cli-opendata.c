/* cli-opendata.c: commands for open data: the national mappings, the data
 * package, the import from the field, indicators and the ledger. Bodies
 * parse, call the hub, print; no rule and no count lives here. */
#include "cli.h"
#include "codec.h"
#include "emit.h"

#include <stdlib.h>
#include <string.h>

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
	{ NULL, NULL, NULL, 0, 0, 0, NULL, NULL }
};
