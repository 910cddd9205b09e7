# tests/e2e/lmdb-pages.py: find pages in an LMDB data.mdb (64-bit, LMDB 0.9
# layout) so a test can damage a chosen one. Test helper only.
# usage: lmdb-pages.py DATA.MDB main        the main tree's root page
#        lmdb-pages.py DATA.MDB root NAME   a named database's root page
#        lmdb-pages.py DATA.MDB leaf NAME   its first leaf page
#        lmdb-pages.py DATA.MDB branch NAME its root if it is a branch page
import struct
import sys

path, what = sys.argv[1], sys.argv[2]
f = open(path, "rb")
PS = 4096


def page(n):
    f.seek(n * PS)
    return f.read(PS)


def meta():
    best = None
    for i in (0, 1):
        p = page(i)
        txnid = struct.unpack_from("<Q", p, 16 + 128)[0]
        if best is None or txnid > best[0]:
            best = (txnid, p)
    return best[1]


def db_at(buf, off):
    flags, depth = struct.unpack_from("<HH", buf, off + 4)
    root = struct.unpack_from("<Q", buf, off + 40)[0]
    return depth, root


def nodes(p):
    lower = struct.unpack_from("<H", p, 12)[0]
    for i in range((lower - 16) // 2):
        ptr = struct.unpack_from("<H", p, 16 + 2 * i)[0]
        lo, hi, fl, ks = struct.unpack_from("<HHHH", p, ptr)
        yield lo, hi, fl, ks, ptr


def first_leaf(root):
    pg = root
    while True:
        p = page(pg)
        if struct.unpack_from("<H", p, 10)[0] & 2:
            return pg
        lo, hi, fl, ks, ptr = next(nodes(p))
        pg = lo | hi << 16 | fl << 32


m = meta()
depth, main = db_at(m, 16 + 24 + 48)
if what == "main":
    print(main)
    sys.exit(0)
name = sys.argv[3].encode()
leaf = page(first_leaf(main))
for lo, hi, fl, ks, ptr in nodes(leaf):
    if leaf[ptr + 8:ptr + 8 + ks] == name:
        depth, root = db_at(leaf, ptr + 8 + ks)
        if what == "root":
            print(root)
        elif what == "leaf":
            print(first_leaf(root))
        elif what == "branch":
            print(root if depth > 1 else "")
        sys.exit(0)
sys.exit("no database " + sys.argv[3])
