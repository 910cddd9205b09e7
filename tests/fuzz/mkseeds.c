/* mkseeds.c: writes the decoder's seed corpus (tests/fuzz/corpus/decode):
 * for every record type, an empty record and one with every field set,
 * each prefixed by the type byte fuzz-decode.c expects. Run by
 * `make fuzz-seeds`; the output is small and committed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"

static void
fill(int rt, void *rec)
{
	const struct rdesc *d = codec_desc(rt);

	for (size_t i = 0; i < d->nfields; i++) {
		void *p = (char *)rec + d->fields[i].off;

		switch (d->fields[i].type) {
		case F_U64: *(uint64_t *)p = 1000 + i; break;
		case F_I64: *(int64_t *)p = i % 2 ? -1763890200 : 1763890200;
			break;
		case F_STR: *(char **)p = xstrdup("Élodie «é» \xf0\x9f\x8c\x8d");
			break;
		case F_STRS: str_list_push(p, "Alpes");
			str_list_push(p, "Azur"); break;
		case F_U64S: u64_list_push(p, 1); u64_list_push(p, 42); break;
		case F_BIN32: memset(p, 0xab, 32); break;
		}
	}
}

int
main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "tests/fuzz/corpus/decode";

	for (int rt = 1; rt < RT__COUNT; rt++) {
		for (int full = 0; full < 2; full++) {
			struct buf b = { 0 };
			char path[512];
			void *rec = codec_new(rt);
			unsigned char tb = (unsigned char)(rt - 1);
			FILE *f;

			if (full)
				fill(rt, rec);
			codec_encode(rt, rec, &b);
			snprintf(path, sizeof path, "%s/%s-%s", dir,
			    model_rtype_name(rt), full ? "full" : "empty");
			if ((f = fopen(path, "wb")) == NULL)
				return 1;
			fwrite(&tb, 1, 1, f);
			fwrite(b.p, 1, b.len, f);
			fclose(f);
			buf_free(&b);
			codec_free_rec(rt, rec);
		}
	}
	return 0;
}
