/* codec.h: msgpack encoding and decoding of every record, driven by one
 * field table per record type. Decoders copy everything out of the input
 * (which may point into the LMDB map) and refuse malformed input with an
 * error, never a crash: this code is fuzzed (tests/fuzz/). */
#ifndef CERCLE_CODEC_H
#define CERCLE_CODEC_H

#include <stddef.h>
#include <stdint.h>
#include "util.h"
#include "model.h"

enum ftype { F_U64, F_I64, F_STR, F_STRS, F_U64S, F_BIN32 };

/* One field: map key (>= 1, never reused), type, offset in the struct. */
struct field {
	uint8_t key;
	uint8_t type;
	uint16_t off;
	const char *name;
};

struct rdesc {
	int rtype;
	uint64_t version;	/* current schema version of this record */
	size_t size;		/* sizeof the struct */
	const struct field *fields;
	size_t nfields;
};

/* NULL for an unknown type. */
const struct rdesc *codec_desc(int rtype);
/* A zeroed record of that type, to free with codec_free_rec(). */
void *codec_new(int rtype);
/* Free what a record owns, then zero it (the struct itself is kept). */
void codec_free(int rtype, void *rec);
/* codec_free() and free() the struct. */
void codec_free_rec(int rtype, void *rec);

/* Append the msgpack form of rec to out. The id is not encoded: it is the
 * record's key. */
void codec_encode(int rtype, const void *rec, struct buf *out);
/* Decode data into rec (zeroed first). On error, rec holds nothing and e
 * says what is wrong (ERR_SYSTEM: a damaged record). */
int codec_decode(int rtype, const void *data, size_t len, void *rec,
    struct err *e);

/* A record read in place, without allocating (for pages of a list, which
 * show a few fields of many records). Field keys below CODEC_VIEW_KEYS
 * whose bit is set in want are read: an integer field into u (F_I64 as
 * its two's complement), a string as p and n pointing into data (not
 * NUL-terminated: valid as long as data is, so only inside the read
 * transaction), a list (F_STRS, F_U64S) as its item count in u. Other
 * fields are skipped unread. Bit k of have says key k was present (absent
 * fields are 0 and empty, as codec_decode leaves them). Refuses what
 * codec_decode refuses for the fields it reads (wrong type, invalid
 * UTF-8, a newer record version, malformed msgpack), with the same
 * message. */
#define CODEC_VIEW_KEYS 32
struct codec_view {
	uint32_t have;
	struct {
		const char *p;
		size_t n;
		uint64_t u;
	} f[CODEC_VIEW_KEYS];
};
int codec_view(int rtype, const void *data, size_t len, uint32_t want,
    struct codec_view *v, struct err *e);

#endif
