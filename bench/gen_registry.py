#!/usr/bin/env python3
"""Generates a synthetic registry for pinset's install benchmark, deterministically.

    bench/gen_registry.py OUT_DIR [--set-url URL] [--packages 1000] [--files 27000]
                          [--compressed-mb 175] [--extracted-mb 520] [--seed 1] [--jobs N]

Writes into OUT_DIR:
  artifacts/<name>-<version>.tgz  one gzipped tarball per package, everything under one top folder
                                  <name>-<version>/; deterministic (names sorted, mtime 0, owner 0,
                                  no name or time in the gzip header, like `gzip -n`)
  set.json                        the package set (format 1): relative artifact URLs, size,
                                  strip-components 1, caret-range dependencies
  project/pinset.yaml             manifest `bench-app` whose dependencies are the packages nothing
                                  else depends on, so that its closure is every package; its
                                  package-set url is --set-url (default: file URL of set.json)
  urls.txt                        the artifact URLs relative to OUT_DIR, one a line (set order)
  SHA256SUMS                      `sha256sum -c` input for the artifacts, by file name
  names.txt                       `<name> <name>-<version>.tgz`, one package a line (set order)
  stats.json                      the measured totals printed at the end

The same arguments give the same bytes (for the same Python and zlib).

Sizes: the compressed size of the tarballs follows a log-normal law through the median (~20 KB) and
p90 (~280 KB), with a heavier tail above p90 solved so that the total is --compressed-mb (largest
capped at 10 MB), drawn at evenly spaced quantiles (so the figures do not depend on luck) and
shuffled over the packages. Each package holds a number of files growing with its size (the total
is --files). Content is code-like text (compresses ~4x with gzip) plus, in a share of the packages
(more often the large ones), incompressible bytes (prebuilt binaries, images, wasm); the share is
solved so that the extracted total is --extracted-mb. Those are targets for a model of gzip; the
totals printed are measured on the files written.

Dependencies: a layered DAG (see plan_dependencies): each package depends on 0-6 packages listed
before it, the longest chain is at most 10, every package but a few dozen roots (the manifest's
dependencies) has a dependent, and popular packages get more dependents. Ranges are caret ranges
(^MAJOR.MINOR.0, or ^0.0.PATCH) satisfied by the only version listed.
"""

import argparse
import gzip
import hashlib
import io
import itertools
import json
import math
import multiprocessing
import os
import random
import statistics
import sys
import tarfile
import time
import zlib
from statistics import NormalDist

SYLLABLES = [
    "ab", "ac", "al", "am", "an", "ar", "at", "ba", "be", "bi", "bo", "ca", "ce", "co", "da",
    "de", "di", "do", "el", "en", "er", "fa", "fe", "fi", "ga", "ge", "go", "ha", "he", "hi",
    "in", "io", "ka", "ke", "ki", "la", "le", "li", "lo", "ma", "me", "mi", "mo", "na", "ne",
    "ni", "no", "or", "pa", "pe", "pi", "po", "ra", "re", "ri", "ro", "sa", "se", "si", "so",
    "ta", "te", "ti", "to", "ul", "un", "va", "ve", "vi", "xa", "yo", "za", "ze", "zo",
]
PREFIXES = ["", "", "", "", "lib", "node-", "py-", "x-"]
SUFFIXES = ["", "", "", "", "", "-core", "-utils", "-io", "-cli", ".js", "_ext"]
KEYWORDS = [
    "const", "return", "function", "if", "else", "for", "while", "import", "from", "export",
    "class", "this", "new", "let", "var", "true", "false", "null", "await", "async", "self", "def",
    "struct", "static", "int", "void", "string", "public", "private",
]
TEXT_EXTS = [".js", ".js", ".js", ".ts", ".d.ts", ".mjs", ".json", ".md", ".py", ".c", ".h", ".css"]
BINARY_EXTS = [".wasm", ".node", ".png", ".woff2", ".so", ".bin", ".gz", ".jpg"]
TOP_DIRS = ["lib", "src", "dist", "test", "docs", "types", "bin", "assets", "build"]
DEP_COUNT_WEIGHTS = [18, 26, 20, 14, 10, 7, 5]  # 0..6 dependencies per package
MIT = """MIT License

Copyright (c) {year} {author}

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""

MEDIAN_BYTES = 20_000
P90_BYTES = 280_000
MIN_BYTES = 1_200
MAX_BYTES = 10_000_000
GZIP_LEVEL = 6  # gzip's default
FIXED_COST = 700  # compressed bytes of package.json, LICENSE and the gzip/tar framing (model)
FILE_COST = 200  # compressed bytes a file adds beyond its text at the pool's ratio (model)
POOL_BYTES = 8 << 20

# The text pool, made once per process before the workers fork (they inherit it).
POOL = b""
POOL_RATIO = 4.0


def make_pool(seed, size):
    """Code-like text: Zipf-distributed identifiers and keywords in lines, some lines repeated."""
    rng = random.Random(f"pool-{seed}")
    words = set()
    while len(words) < 3000:
        w = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4)))
        if rng.random() < 0.3:
            w += rng.choice(SYLLABLES).capitalize() + rng.choice(SYLLABLES)
        if rng.random() < 0.15:
            w += "_" + rng.choice(SYLLABLES)
        words.add(w)
    vocab = KEYWORDS + sorted(words)
    cum = list(itertools.accumulate(1 / (i + 1) ** 1.2 for i in range(len(vocab))))
    seps = [" "] * 6 + ["(", ")", ", ", ".", " = ", ": ", "[", "]", " + ", " => ", " && "]
    ends = [";", " {", "", "}", ");", ","]
    indents = ["", "  ", "    ", "      ", "        "]
    n = size // 6
    toks = rng.choices(vocab, cum_weights=cum, k=n)
    gaps = rng.choices(seps, k=n)
    lines, recent, total, k = [], [], 0, 0
    while total < size:
        if recent and rng.random() < 0.35:
            line = recent[-rng.randint(1, min(len(recent), 60))]
        else:
            m = rng.randint(2, 9)
            if k + m >= n:
                k = 0
            body = "".join(t + s for t, s in zip(toks[k:k + m - 1], gaps[k:k + m - 1]))
            line = rng.choice(indents) + body + toks[k + m - 1] + rng.choice(ends)
            k += m
            recent.append(line)
            if len(recent) > 200:
                recent.pop(0)
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines).encode()[:size]


def pool_ratio(pool):
    sample = b"".join(pool[i:i + (256 << 10)] for i in range(0, len(pool), len(pool) // 8))
    return len(sample) / len(zlib.compress(sample, GZIP_LEVEL))


def make_names(rng, count):
    names, seen = [], set()
    while len(names) < count:
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        name = rng.choice(PREFIXES) + stem + rng.choice(SUFFIXES)
        if name in seen:
            continue
        seen.add(name)
        names.append(name)
    return names


def compressed_targets(count, total):
    """Sizes at evenly spaced quantiles: log-normal through MEDIAN and P90, heavier above P90."""
    z90 = NormalDist().inv_cdf(0.9)
    sigma = math.log(P90_BYTES / MEDIAN_BYTES) / z90
    zs = [NormalDist().inv_cdf((i + 0.5) / count) for i in range(count)]

    def sizes(tail_sigma):
        out = []
        for z in zs:
            if z <= z90:
                x = MEDIAN_BYTES * math.exp(sigma * z)
            else:
                x = P90_BYTES * math.exp(tail_sigma * (z - z90))
            out.append(min(max(x, MIN_BYTES), MAX_BYTES))
        return out

    lo, hi = 0.5, 6.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if sum(sizes(mid)) < total:
            lo = mid
        else:
            hi = mid
    return sizes((lo + hi) / 2)


def plan_dependencies(rng, count, levels=10, extra_roots=35):
    """deps[i]: sorted indexes < i. Returns (deps, roots).

    Each package gets a number of dependencies (0-6) and a level: 0 for packages without
    dependencies, else 1..levels (fewer packages higher up); indexes ascend with the level and a
    package depends only on lower levels, so the longest chain is at most `levels`. The roots are the
    top level plus `extra_roots` packages of level 3 or more. Every other package first gets one
    dependent a few levels above it, then the remaining slots are filled by preferential attachment
    (weight (dependents + 1)^1.5: a few foundational packages are used by very many).
    """
    want = [rng.choices(range(len(DEP_COUNT_WEIGHTS)), weights=DEP_COUNT_WEIGHTS)[0]
            for _ in range(count)]
    level_weights = [max(1.0, 24 * 0.78**k) for k in range(levels)]
    level = [0 if w == 0 else 1 + rng.choices(range(levels), weights=level_weights)[0] for w in want]
    order = sorted(range(count), key=lambda i: (level[i], rng.random()))
    want = [want[i] for i in order]
    level = [level[i] for i in order]
    top = max(level)
    by_level = {}
    for i in range(count):
        by_level.setdefault(level[i], []).append(i)
    roots = set(by_level[top])
    candidates = [i for i in range(count) if level[i] >= 3 and i not in roots]
    roots |= set(rng.sample(candidates, min(extra_roots, len(candidates))))

    deps = [set() for _ in range(count)]
    dependents = [0] * count
    for j in sorted((j for j in range(count) if j not in roots), key=lambda j: -level[j]):
        above = lambda span, cap: [i for lv in range(level[j] + 1, level[j] + 1 + span)
                                   for i in by_level.get(lv, []) if len(deps[i]) < cap(i)]
        pool = (above(3, lambda i: want[i]) or above(levels, lambda i: want[i])
                or above(levels, lambda i: len(DEP_COUNT_WEIGHTS) - 1))
        if not pool:
            roots.add(j)
            continue
        deps[rng.choice(pool)].add(j)
        dependents[j] += 1
    for i in range(count):
        lower = range(len([j for j in range(count) if level[j] < level[i]]))
        for _ in range(50):
            if len(deps[i]) >= want[i]:
                break
            j = rng.choices(lower, weights=[(dependents[x] + 1) ** 1.5 for x in lower])[0]
            if j not in deps[i]:
                deps[i].add(j)
                dependents[j] += 1
    return [sorted(d) for d in deps], sorted(roots)


def file_counts(rng, targets, total_files):
    """Files per package, growing as size^0.6, at least 3, summing to about total_files."""
    raw = [t ** 0.6 * rng.uniform(0.7, 1.3) for t in targets]
    scale = total_files / sum(raw)
    for _ in range(20):
        counts = [max(3, round(r * scale)) for r in raw]
        scale *= total_files / sum(counts)
    return counts


def binary_shares(rng, targets, counts, extracted_total):
    """Share of incompressible bytes per package, solved to reach extracted_total."""
    base = []
    for t in targets:
        bigness = min(1.0, max(0.0, math.log(t / MEDIAN_BYTES) / math.log(MAX_BYTES / MEDIAN_BYTES)))
        p_binary = 0.15 + 0.6 * bigness  # large packages ship binaries more often
        base.append(rng.uniform(0.2, 1.0) * (0.3 + 0.7 * bigness) if rng.random() < p_binary else 0.0)

    def extracted(share):
        out = []
        for t, n, b in zip(targets, counts, base):
            f = min(0.97, b * share)
            body = max(t - FIXED_COST - FILE_COST * n, t * 0.15)
            out.append((body / (f + (1 - f) / POOL_RATIO), f))
        return out

    lo, hi = 0.0, 20.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if sum(e for e, _ in extracted(mid)) > extracted_total:
            lo = mid
        else:
            hi = mid
    return extracted((lo + hi) / 2)


def vstr(v):
    return f"{v[0]}.{v[1]}.{v[2]}"


def caret(v):
    """A caret range that v satisfies, as a dependent would write it: ^M.m.0, ^0.m.0 or ^0.0.p
    (node-semver's caret allows changes right of the first non-zero part only)."""
    if v[0] > 0 or v[1] > 0:
        return f"^{v[0]}.{v[1]}.0"
    return f"^0.0.{v[2]}"


def split_sizes(rng, total, n, sigma=1.3, minimum=1):
    """n sizes of at least `minimum` summing to about total, log-normally spread."""
    if n <= 0:
        return []
    w = [rng.lognormvariate(0, sigma) for _ in range(n)]
    s = sum(w)
    return [max(minimum, round(total * x / s)) for x in w]


def text_bytes(rng, size):
    out, left = [], size
    while left > 0:
        take = min(left, len(POOL) - 1)
        off = rng.randrange(0, len(POOL) - take)
        out.append(POOL[off:off + take])
        left -= take
    return b"".join(out)


def build_package(job):
    """Writes one tarball; returns its measured figures."""
    (index, seed, out_dir, name, version, deps, extracted, share, count) = job
    rng = random.Random(f"pkg-{seed}-{index}")
    top = f"{name}-{version}"
    files = {}  # path -> (bytes, mode)
    package_json = {"name": name, "version": version, "description": f"{name} (synthetic)",
                    "license": "MIT", "main": "lib/index.js",
                    "dependencies": {d: r for d, r in deps}}
    files["package.json"] = (json.dumps(package_json, indent=2).encode() + b"\n", 0o644)
    files["LICENSE"] = (MIT.format(year=2015 + index % 10, author=name).encode(), 0o644)

    binary_total = extracted * share
    text_total = max(0.0, extracted - binary_total - sum(len(b) for b, _ in files.values()))
    rest = count - len(files)
    n_binary = 0
    if binary_total >= 1:
        n_binary = min(rest - 1, max(1, round(rest * 0.06)))
    n_text = rest - n_binary

    # Folders: a few top-level ones, then nested ones, each under a random earlier one.
    n_dirs = max(1, min(len(TOP_DIRS), round(math.sqrt(rest) / 2)))
    dirs = ["lib"] + rng.sample([d for d in TOP_DIRS if d != "lib"], n_dirs - 1)
    for _ in range(max(0, round(rest / 12) - n_dirs)):
        parent = rng.choice(dirs)
        if parent.count("/") >= 3:
            continue
        dirs.append(f"{parent}/{rng.choice(SYLLABLES)}{rng.choice(SYLLABLES)}")
    dirs = sorted(set(dirs))

    def new_path(ext, stem=None):
        while True:
            d = "lib" if stem == "index" else rng.choice(dirs)
            base = stem or "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
            p = f"{d}/{base}{ext}"
            if p not in files:
                return p
            stem = None

    text_sizes = split_sizes(rng, text_total, n_text, minimum=40)
    for k, size in enumerate(text_sizes):
        if k == 0:
            path = "README.md"
        elif k == 1:
            path = new_path(".js", "index")
        else:
            path = new_path(rng.choice(TEXT_EXTS))
        mode = 0o755 if path.startswith("bin/") else 0o644
        files[path] = (text_bytes(rng, size), mode)
    for size in split_sizes(rng, binary_total, n_binary, sigma=1.0):
        files[new_path(rng.choice(BINARY_EXTS))] = (rng.randbytes(size), 0o644)

    members = {top: None}
    for path in files:
        parts = path.split("/")
        for i in range(1, len(parts)):
            members[top + "/" + "/".join(parts[:i])] = None
    for path, content in files.items():
        members[top + "/" + path] = content

    raw = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=GZIP_LEVEL,
                       mtime=0) as gz:
        with tarfile.open(fileobj=gz, mode="w", format=tarfile.GNU_FORMAT) as tar:
            for path in sorted(members):
                content = members[path]
                info = tarfile.TarInfo(path)
                info.mtime = 0
                info.uid = info.gid = 0
                info.uname = info.gname = ""
                if content is None:
                    info.type = tarfile.DIRTYPE
                    info.mode = 0o755
                    tar.addfile(info)
                else:
                    data, mode = content
                    info.size = len(data)
                    info.mode = mode
                    tar.addfile(info, io.BytesIO(data))
    blob = raw.getvalue()
    file_name = f"{top}.tgz"
    with open(os.path.join(out_dir, "artifacts", file_name), "wb") as f:
        f.write(blob)
    return {
        "index": index,
        "file": file_name,
        "sha256": hashlib.sha256(blob).hexdigest(),
        "size": len(blob),
        "files": len(files),
        "dirs": len(members) - len(files),
        "extracted": sum(len(b) for b, _ in files.values()),
        "binary": sum(len(b) for p, (b, _) in files.items() if p.endswith(tuple(BINARY_EXTS))),
    }


def init_worker(pool, ratio):
    global POOL, POOL_RATIO
    POOL, POOL_RATIO = pool, ratio


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--set-url", help="package-set url for project/pinset.yaml")
    ap.add_argument("--packages", type=int, default=1000)
    ap.add_argument("--files", type=int, default=27000)
    ap.add_argument("--compressed-mb", type=float, default=175)
    ap.add_argument("--extracted-mb", type=float, default=520)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    t0 = time.perf_counter()
    out = os.path.abspath(args.out_dir)
    os.makedirs(os.path.join(out, "artifacts"), exist_ok=True)
    os.makedirs(os.path.join(out, "project"), exist_ok=True)

    global POOL, POOL_RATIO
    POOL = make_pool(args.seed, POOL_BYTES)
    POOL_RATIO = pool_ratio(POOL)

    rng = random.Random(f"registry-{args.seed}")
    n = args.packages
    names = make_names(rng, n)
    versions = []
    for _ in range(n):
        major = rng.choice([0, 1, 1, 1, 1, 2, 2, 3, 4, 5])
        versions.append((major, rng.randint(0, 20), rng.randint(0, 30)))
    deps, roots = plan_dependencies(rng, n)
    closure, todo = set(roots), list(roots)
    while todo:
        for j in deps[todo.pop()]:
            if j not in closure:
                closure.add(j)
                todo.append(j)
    assert len(closure) == n, f"the roots reach {len(closure)} of {n} packages"
    targets = compressed_targets(n, args.compressed_mb * 1e6)
    rng.shuffle(targets)
    counts = file_counts(rng, targets, args.files)
    shapes = binary_shares(rng, targets, counts, args.extracted_mb * 1e6)

    jobs = []
    for i in range(n):
        dep_ranges = [(names[j], caret(versions[j])) for j in deps[i]]
        extracted, share = shapes[i]
        jobs.append((i, args.seed, out, names[i], vstr(versions[i]), dep_ranges, extracted, share,
                     counts[i]))
    jobs.sort(key=lambda j: -j[6])  # largest first, for an even load
    with multiprocessing.get_context("fork").Pool(args.jobs, init_worker,
                                                  (POOL, POOL_RATIO)) as pool:
        results = sorted(pool.imap_unordered(build_package, jobs), key=lambda r: r["index"])

    packages = {}
    for i, r in enumerate(results):
        entry = {"version": vstr(versions[i]), "checksum": "sha256:" + r["sha256"],
                 "url": "artifacts/" + r["file"], "size": r["size"], "strip-components": 1}
        if deps[i]:
            entry["dependencies"] = {names[j]: caret(versions[j]) for j in deps[i]}
        packages[names[i]] = [entry]
    with open(os.path.join(out, "set.json"), "w") as f:
        json.dump({"format": 1, "name": "bench", "serial": 1, "packages": packages}, f, indent=1)
        f.write("\n")
    set_url = args.set_url or "file://" + os.path.join(out, "set.json")
    with open(os.path.join(out, "project", "pinset.yaml"), "w") as f:
        f.write(f"name: bench-app\npackage-set:\n  url: {json.dumps(set_url)}\ndependencies:\n")
        for j in roots:
            f.write(f"  {json.dumps(names[j])}: {json.dumps(caret(versions[j]))}\n")
    with open(os.path.join(out, "urls.txt"), "w") as f:
        f.writelines(f"artifacts/{r['file']}\n" for r in results)
    with open(os.path.join(out, "SHA256SUMS"), "w") as f:
        f.writelines(f"{r['sha256']}  {r['file']}\n" for r in results)
    with open(os.path.join(out, "names.txt"), "w") as f:
        f.writelines(f"{names[r['index']]} {r['file']}\n" for r in results)

    sizes = sorted(r["size"] for r in results)
    edges = sum(len(d) for d in deps)
    depth = [0] * n  # longest dependency chain below each package
    dependents = [0] * n
    for i in range(n):
        for j in deps[i]:
            depth[i] = max(depth[i], depth[j] + 1)
            dependents[j] += 1
    stats = {
        "packages": n,
        "roots": len(roots),
        "dependency_edges": edges,
        "dependency_depth": max(depth),
        "max_dependents": max(dependents),
        "files": sum(r["files"] for r in results),
        "dirs": sum(r["dirs"] for r in results),
        "compressed_bytes": sum(sizes),
        "extracted_bytes": sum(r["extracted"] for r in results),
        "incompressible_bytes": sum(r["binary"] for r in results),
        "compressed_median": statistics.median(sizes),
        "compressed_p90": sizes[int(0.9 * n) - 1],
        "compressed_max": sizes[-1],
        "over_1mb": sum(1 for s in sizes if s > 1_000_000),
        "text_pool_gzip_ratio": round(POOL_RATIO, 2),
        "seconds": round(time.perf_counter() - t0, 1),
    }
    with open(os.path.join(out, "stats.json"), "w") as f:
        json.dump(stats, f, indent=1)
        f.write("\n")
    s = stats
    mb = 1e6
    print(f"gen_registry: {s['packages']:,} packages, {s['roots']} roots (the manifest's "
          f"dependencies), {s['dependency_edges']:,} dependency edges, longest chain "
          f"{s['dependency_depth']}, most depended-on package has {s['max_dependents']} dependents\n"
          f"  {s['files']:,} files in {s['dirs']:,} folders\n"
          f"  compressed {s['compressed_bytes'] / mb:.1f} MB: median {s['compressed_median'] / 1e3:.1f} KB, "
          f"p90 {s['compressed_p90'] / 1e3:.0f} KB, max {s['compressed_max'] / mb:.2f} MB, "
          f"{s['over_1mb']} over 1 MB\n"
          f"  extracted {s['extracted_bytes'] / mb:.1f} MB ({s['incompressible_bytes'] / mb:.1f} MB "
          f"incompressible), ratio {s['extracted_bytes'] / s['compressed_bytes']:.2f}\n"
          f"  {s['seconds']} s with {args.jobs} jobs (MB = 10^6 bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
