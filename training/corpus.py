#!/usr/bin/python3
"""Build the kolmo training corpus from pinned Debian bookworm packages.

Steps (all deterministic; every list is sorted):
  1. download the exact versions in packages.lock (apt-get download pkg=version)
  2. extract each .deb (dpkg-deb -x), pick text files per SOURCES (regex, transform, byte cap)
  3. split big files into <= CHUNK-byte documents at line boundaries
  4. exact dedup (sha256 of document bytes)
  5. drop every document sharing a 64-byte window with any benchmark file in /work/shared/data
  6. validation split by file: sha256(package/path) mod 50 == 0  (about 2 %)
  7. write train-NN.bin / valid.bin shards, manifest.tsv, dropped.tsv and SHA256SUMS

Usage: /usr/bin/python3 training/corpus.py [--work training/work] [--bench /work/shared/data]
"""
import argparse
import bz2
import gzip
import hashlib
import html.parser
import io
import lzma
import os
import re
import subprocess
import sys
import tarfile
import time
import zipfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MB = 1 << 20
CHUNK = 256 * 1024
WINDOW = 64
SHARD = 32 * MB

# (package, path regex, transform, cap in bytes, category)
# Caps keep the mix balanced: roughly 45 % prose, 40 % code, 15 % structured text.
SOURCES = [
    # --- English prose: manuals, handbooks, dictionaries
    ("debian-handbook", r"/html/en-US/.*\.html$", "html", 6 * MB, "prose"),
    ("python3.11-doc", r"/_sources/.*\.txt$", "raw", 8 * MB, "prose"),
    ("python-django-doc", r"\.html$", "html", 5 * MB, "prose"),
    ("dict-gcide", r"gcide\.dict\.dz$", "raw", 8 * MB, "prose"),
    ("wordnet-base", r"/wordnet/data\.(noun|verb|adj|adv)$", "raw", 4 * MB, "prose"),
    ("perl-doc", r"\.pod$", "raw", 8 * MB, "prose"),
    ("postgresql-doc-15", r"\.html$", "html", 6 * MB, "prose"),
    ("sqlite3-doc", r"\.html$", "html", 3 * MB, "prose"),
    ("git-doc", r"\.txt$", "raw", 3 * MB, "prose"),
    ("vim-runtime", r"/doc/.*\.txt$", "raw", 4 * MB, "prose"),
    ("coreutils", r"/info/.*\.info.*\.gz$", "raw", 2 * MB, "prose"),
    ("bash-doc", r"(\.info.*\.gz|\.txt|\.gz)$", "raw", 2 * MB, "prose"),
    ("gnu-standards", r"\.info.*\.gz$", "raw", 1 * MB, "prose"),
    ("debian-policy", r"\.(txt|txt\.gz)$", "raw", 2 * MB, "prose"),
    ("developers-reference", r"\.html$", "html", 1536 * 1024, "prose"),
    ("debian-reference-en", r"\.html$", "html", 2 * MB, "prose"),
    ("nodejs-doc", r"\.(md|md\.gz)$", "raw", 3 * MB, "prose"),
    ("cmake-doc", r"/_sources/.*\.txt$", "raw", 2 * MB, "prose"),
    ("wamerican", r"/dict/american-english$", "raw", 1 * MB, "prose"),
    # --- English prose: quotations, verse and literature (the only literary text Debian ships freely)
    ("fortunes", r"/games/fortunes/[a-z-]+$", "raw", 3 * MB, "prose"),
    ("fortunes-min", r"/games/fortunes/[a-z-]+$", "raw", 1 * MB, "prose"),
    ("dict-devil", r"devil\.dict\.dz$", "raw", 1 * MB, "prose"),
    # --- source code
    ("openjdk-17-source", r"src\.zip!.*\.java$", "raw", 14 * MB, "code"),
    ("linux-source-6.1", r"\.tar\.xz!linux-source-6\.1/(kernel|mm|fs|lib|net|block|ipc|security|crypto|init|include/linux|drivers/(net|usb|gpu/drm/i915|ata|input))/.*\.[ch]$", "raw", 14 * MB, "code"),
    ("libpython3.11-stdlib", r"\.py$", "raw", 5 * MB, "code"),
    ("python3-django", r"\.py$", "raw", 4 * MB, "code"),
    ("python3-numpy", r"\.py$", "raw", 2 * MB, "code"),
    ("golang-1.19-src", r"\.go$", "raw", 5 * MB, "code"),
    ("node-typescript", r"\.(js|ts)$", "raw", 4 * MB, "code"),
    ("libjs-jquery", r"\.js$", "raw", 1 * MB, "code"),
    ("libjs-lodash", r"\.js$", "raw", 1 * MB, "code"),
    ("libjs-d3", r"\.js$", "raw", 1 * MB, "code"),
    ("libjs-moment", r"\.js$", "raw", 1 * MB, "code"),
    ("libjs-three", r"\.js$", "raw", 1 * MB, "code"),
    ("perl-modules-5.36", r"\.pm$", "raw", 2 * MB, "code"),
    ("libruby3.1", r"\.rb$", "raw", 3 * MB, "code"),
    ("cmake-data", r"\.cmake$", "raw", 1 * MB, "code"),
    # --- structured text: markup, JSON, XML, CSV, tables
    ("manpages", r"/man/man\d/.*\.gz$", "raw", 2 * MB, "structured"),
    ("manpages-dev", r"/man/man\d/.*\.gz$", "raw", 3 * MB, "structured"),
    ("iso-codes", r"\.(json|xml)$", "raw", 3 * MB, "structured"),
    ("shared-mime-info", r"\.xml$", "raw", 2 * MB, "structured"),
    ("unicode-data", r"\.txt$", "raw", 4 * MB, "structured"),
    ("ieee-data", r"\.(csv|txt)$", "raw", 3 * MB, "structured"),
    ("unicode-cldr-core", r"/common/(main/en.*|supplemental/.*)\.xml$", "raw", 4 * MB, "structured"),
    ("osinfo-db", r"\.xml$", "raw", 2 * MB, "structured"),
    ("docbook-xml", r"\.(dtd|mod|ent|xml)$", "raw", 1 * MB, "structured"),
]


def sha256(b):
    return hashlib.sha256(b).hexdigest()


def read_lock(path):
    out = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                name, ver = line.split("=", 1)
                out.append((name, ver))
    return out


def download(lock, debdir):
    os.makedirs(debdir, exist_ok=True)
    debs = {}
    for name, ver in lock:
        fname = f"{name}_{ver.replace(':', '%3a')}_"
        have = [f for f in os.listdir(debdir) if f.startswith(fname) and f.endswith(".deb")]
        if not have:
            r = subprocess.run(["apt-get", "download", f"{name}={ver}"], cwd=debdir, stdout=subprocess.DEVNULL)
            if r.returncode != 0:
                # A fresh machine's package lists may predate the pinned (security) update.
                raise SystemExit(f"apt-get download {name}={ver} failed: run 'apt-get update' (the lock pins "
                                 "versions from bookworm, bookworm-updates and bookworm-security) or, if Debian "
                                 "no longer serves that version, put its .deb from snapshot.debian.org into "
                                 f"{debdir}")
            have = [f for f in os.listdir(debdir) if f.startswith(fname) and f.endswith(".deb")]
        debs[name] = os.path.join(debdir, sorted(have)[0])
    return debs


class _Text(html.parser.HTMLParser):
    BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "dt", "dd",
             "table", "section", "blockquote", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in self.BLOCK:
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def html_to_text(s):
    p = _Text()
    p.feed(s)
    p.close()
    lines = [re.sub(r"[ \t\r\f\v]+", " ", l).strip() for l in "".join(p.out).split("\n")]
    text, blank = [], 0
    for l in lines:
        if l:
            text.append(l)
            blank = 0
        elif not blank and text:
            text.append("")
            blank = 1
    return "\n".join(text).strip() + "\n"


def decompress(path, data):
    if path.endswith(".gz") or path.endswith(".dz"):
        return gzip.decompress(data)
    if path.endswith(".bz2"):
        return bz2.decompress(data)
    return data


def is_text(b):
    if not b or b"\x00" in b:
        return False
    try:
        s = b.decode("utf-8")
    except UnicodeDecodeError:
        return False
    ctrl = sum(1 for c in s[:65536] if ord(c) < 32 and c not in "\n\t\r\f")
    if ctrl > 0.005 * min(len(s), 65536):
        return False
    lines = b.count(b"\n") + 1
    return len(b) / lines < 400  # skips minified JS / one-line blobs


def iter_members(name, root):
    """Yield (path, bytes) for every regular file of an extracted package, descending into the
    archives that ship sources (src.zip, linux-source tarball), sorted by path."""
    files = []
    for d, _, fs in os.walk(root):
        for f in fs:
            files.append(os.path.join(d, f))
    for full in sorted(files):
        rel = os.path.relpath(full, root)
        if os.path.islink(full):
            continue
        if rel.endswith("src.zip"):
            with zipfile.ZipFile(full) as z:
                for n in sorted(z.namelist()):
                    if n.endswith(".java"):
                        yield f"{rel}!{n}", lambda z=z, n=n: z.read(n)
        elif rel.endswith(".tar.xz"):
            yield from _tar_members(rel, full)
        else:
            yield rel, lambda full=full: open(full, "rb").read()


def _tar_members(rel, full):
    # one sequential pass; keep only members the linux regex could select
    keep = re.compile(SOURCES_BY_NAME["linux-source-6.1"][0])
    out = []
    with tarfile.open(full, "r:xz") as t:
        for m in t:
            if m.isfile():
                p = f"{rel}!{m.name}"
                if keep.search(p):
                    out.append((p, t.extractfile(m).read()))
    for p, b in sorted(out):
        yield p, lambda b=b: b


SOURCES_BY_NAME = {s[0]: s[1:] for s in SOURCES}


def chunks(b):
    """Split at line boundaries into pieces of at most CHUNK bytes (a longer line is cut)."""
    out, i = [], 0
    while i < len(b):
        j = min(len(b), i + CHUNK)
        if j < len(b):
            k = b.rfind(b"\n", i, j)
            if k > i:
                j = k + 1
        out.append(b[i:j])
        i = j
    return out


def select(name, version, root, log):
    regex, transform, cap, cat = SOURCES_BY_NAME[name]
    rx = re.compile(regex)
    cand = []
    for path, get in iter_members(name, root):
        if not rx.search(path):
            continue
        b = decompress(path, get())
        if transform == "html":
            try:
                b = html_to_text(b.decode("utf-8")).encode("utf-8")
            except UnicodeDecodeError:
                continue
        for k, c in enumerate(chunks(b)):
            if is_text(c):
                cand.append((sha256(f"{name}/{path}#{k}".encode()), path, k, c))
    cand.sort()
    docs, total = [], 0
    for _, path, k, c in cand:
        if total + len(c) > cap:
            continue
        docs.append(dict(package=name, version=version, path=path, chunk=k, category=cat, data=c))
        total += len(c)
    log(f"  {name}: {len(cand)} candidates, kept {len(docs)} docs, {total / MB:.2f} MB")
    return docs


# ---- overlap with the benchmark corpora: 64-byte windows, polynomial hash mod 2^64
P = np.uint64(0x9E3779B97F4A7C15 | 1)
P_INV = np.uint64(pow(int(P), -1, 1 << 64))


def _pows(base, n):
    out = np.empty(n, dtype=np.uint64)
    out[0] = 1
    if n > 1:
        out[1:] = base
        with np.errstate(over="ignore"):
            out = np.cumprod(out, dtype=np.uint64)
    return out


def window_hashes(b):
    """hash of b[i:i+64] for every i, as uint64 (exact integer arithmetic mod 2^64)."""
    a = np.frombuffer(b, dtype=np.uint8).astype(np.uint64) + np.uint64(1)
    n = len(a)
    if n < WINDOW:
        return np.empty(0, dtype=np.uint64)
    with np.errstate(over="ignore"):
        g = np.zeros(n + 1, dtype=np.uint64)
        np.cumsum(a * _pows(P, n), out=g[1:])
        return (g[WINDOW:] - g[:-WINDOW]) * _pows(P_INV, n - WINDOW + 1)


def informative(b):
    """True for windows with >= 16 byte changes: runs of spaces, dashes or zeros are not evidence."""
    a = np.frombuffer(b, dtype=np.uint8)
    ch = np.concatenate([[0], np.cumsum(a[1:] != a[:-1])])
    return (ch[WINDOW - 1:] - ch[:len(a) - WINDOW + 1]) >= 16


def bench_hashes(bench_dir):
    hs, files = [], []
    for d, _, fs in os.walk(bench_dir):
        for f in fs:
            files.append(os.path.join(d, f))
    for f in sorted(files):
        b = open(f, "rb").read()
        if len(b) >= WINDOW:
            hs.append(window_hashes(b)[informative(b)])
    return np.unique(np.concatenate(hs)), sorted(files)


def overlaps(data, bench):
    w = np.sort(window_hashes(data))  # sorted needles make searchsorted cache-friendly
    if len(w) == 0:
        return False
    idx = np.searchsorted(bench, w)
    idx[idx == len(bench)] = 0
    return bool(np.any(bench[idx] == w))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", default=os.path.join(HERE, "work"))
    ap.add_argument("--bench", default="/work/shared/data")
    ap.add_argument("--lock", default=os.path.join(HERE, "packages.lock"))
    args = ap.parse_args()
    out = os.path.join(args.work, "corpus")
    os.makedirs(out, exist_ok=True)
    logf = open(os.path.join(out, "build.log"), "w")

    def log(s):
        print(s, flush=True)
        logf.write(s + "\n")

    t0 = time.time()
    lock = read_lock(args.lock)
    missing = set(SOURCES_BY_NAME) - {n for n, _ in lock}
    assert not missing, f"packages without a pinned version: {sorted(missing)}"
    debs = download(lock, os.path.join(args.work, "debs"))
    log(f"downloaded {len(debs)} packages in {time.time() - t0:.0f}s")

    docs = []
    for name, ver in lock:
        root = os.path.join(args.work, "x", name)
        if not os.path.isdir(root):
            os.makedirs(root)
            subprocess.run(["dpkg-deb", "-x", debs[name], root], check=True)
        docs += select(name, ver, root, log)
    log(f"selected {len(docs)} docs, {sum(len(d['data']) for d in docs) / MB:.1f} MB "
        f"at {time.time() - t0:.0f}s")

    seen, uniq, dups = set(), [], 0
    for d in docs:
        d["sha256"] = sha256(d["data"])
        if d["sha256"] in seen:
            dups += 1
            continue
        seen.add(d["sha256"])
        uniq.append(d)
    log(f"exact dedup removed {dups} docs")

    bench, bench_files = bench_hashes(args.bench)
    log(f"benchmark: {len(bench_files)} files, {len(bench)} informative 64-byte windows")
    kept, dropped = [], []
    for d in uniq:
        (dropped if overlaps(d["data"], bench) else kept).append(d)
    log(f"benchmark overlap removed {len(dropped)} docs, "
        f"{sum(len(d['data']) for d in dropped) / MB:.2f} MB at {time.time() - t0:.0f}s")

    for d in kept:
        h = hashlib.sha256(f"{d['package']}/{d['path']}".encode()).digest()
        d["split"] = "valid" if int.from_bytes(h[:4], "big") % 50 == 0 else "train"
    kept.sort(key=lambda d: (d["split"], d["package"], d["path"], d["chunk"]))

    cols = ["split", "package", "version", "path", "chunk", "category", "size", "sha256"]
    with open(os.path.join(out, "manifest.tsv"), "w") as f:
        f.write("\t".join(cols) + "\n")
        for d in kept:
            f.write("\t".join(str(len(d["data"])) if c == "size" else str(d[c]) for c in cols) + "\n")
    with open(os.path.join(out, "dropped.tsv"), "w") as f:
        for d in dropped:
            f.write(f"{d['package']}\t{d['path']}\t{d['chunk']}\t{d['sha256']}\n")

    for fn in os.listdir(out):
        if fn.endswith(".bin"):
            os.remove(os.path.join(out, fn))
    shards, cur, n = [], [], 0

    def flush(name):
        with open(os.path.join(out, name), "wb") as f:
            for b in cur:
                f.write(b)
        shards.append(name)

    for d in kept:
        if d["split"] == "train":
            cur.append(d["data"])
            n += len(d["data"])
            if n >= SHARD:
                flush(f"train-{len(shards):02d}.bin")
                cur, n = [], 0
    if cur:
        flush(f"train-{len(shards):02d}.bin")
    cur = [d["data"] for d in kept if d["split"] == "valid"]
    flush("valid.bin")

    with open(os.path.join(out, "SHA256SUMS"), "w") as f:
        for name in sorted(shards) + ["manifest.tsv"]:
            f.write(f"{sha256(open(os.path.join(out, name), 'rb').read())}  {name}\n")
    stats = {}
    for d in kept:
        key = (d["split"], d["category"])
        stats[key] = stats.get(key, 0) + len(d["data"])
    for k in sorted(stats):
        log(f"  {k[0]:5s} {k[1]:10s} {stats[k] / MB:7.2f} MB")
    log(open(os.path.join(out, "SHA256SUMS")).read().rstrip())
    log(f"done in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    sys.exit(main())
