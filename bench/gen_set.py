#!/usr/bin/env python3
"""Generates a synthetic package set and a manifest for pinset's load benchmark, deterministically.

    bench/gen_set.py OUT_DIR [--packages 100000] [--versions 3] [--roots 2000] [--seed 1] [--yaml]
                     [--deep FRACTION]

Writes OUT_DIR/set.json (the set), OUT_DIR/pinset.yaml and OUT_DIR/pinset.json (the same manifest
with ROOTS root dependencies). With --yaml, the set is OUT_DIR/set.yaml instead, in block style as
a person would write it, and the manifests name it. The same arguments always give the same bytes.

The dependency graph is a DAG: package i depends only on packages with a smaller index, drawn with
probability proportional to 1/(j+1) (power-law fan-in: a few foundational packages are required by
very many). Each entry has 0-8 dependencies, mostly caret and tilde ranges, and every range is
satisfied by the newest version of its target, so picking the newest version of everything always
satisfies every constraint: the set is always resolvable for any choice of roots.

With --deep F, a fraction F of the dependencies are drawn uniformly from all earlier packages
instead (no power law), so a root's closure reaches far down the graph: deep, wide closures like
a large application's (--deep 0.12 with the defaults: about 19,000 packages resolved).
"""

import argparse
import hashlib
import json
import math
import os
import random

SYLLABLES = [
    "ab", "ac", "al", "am", "an", "ar", "at", "ba", "be", "bi", "bo", "ca", "ce", "co", "da",
    "de", "di", "do", "el", "en", "er", "fa", "fe", "fi", "ga", "ge", "go", "ha", "he", "hi",
    "in", "io", "ka", "ke", "ki", "la", "le", "li", "lo", "ma", "me", "mi", "mo", "na", "ne",
    "ni", "no", "or", "pa", "pe", "pi", "po", "ra", "re", "ri", "ro", "sa", "se", "si", "so",
    "ta", "te", "ti", "to", "ul", "un", "va", "ve", "vi", "xa", "yo", "za", "ze", "zo",
]
PREFIXES = ["", "", "", "lib", "py-", "node-", "go-", "rs-", "x-"]
SUFFIXES = ["", "", "", "", "-core", "-utils", "-io", "-net", "-cli", "-sys", ".js", "_ext"]
LICENSES = [
    "MIT", "MIT", "MIT", "Apache-2.0", "Apache-2.0", "BSD-3-Clause", "BSD-2-Clause", "ISC",
    "MIT OR Apache-2.0", "MPL-2.0", "LGPL-2.1-or-later", "Zlib", "Unlicense",
]
REVIEWERS = ["alice@example.com", "bob@example.com", "carol@example.com", "dan@example.com"]
CRITERIA = ["safe-to-deploy", "safe-to-run", "safe-to-deploy", "crypto-reviewed"]
DEP_COUNT_WEIGHTS = [18, 20, 18, 14, 10, 8, 6, 4, 2]  # 0..8 dependencies per entry


def make_names(rng, count):
    names = []
    seen = set()
    while len(names) < count:
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        name = rng.choice(PREFIXES) + stem + rng.choice(SUFFIXES)
        if name in seen:
            name = f"{name}{len(names)}"
        if name in seen:
            continue
        seen.add(name)
        names.append(name)
    return names


def make_versions(rng, count):
    """`count` distinct ascending (major, minor, patch, prerelease) tuples from a realistic space."""
    major = rng.choice([0, 0, 1, 1, 1, 2, 2, 3, 4, 5])
    minor = rng.randint(0, 12)
    patch = rng.randint(0, 20)
    out = []
    for _ in range(count):
        out.append((major, minor, patch, ""))
        step = rng.random()
        if step < 0.6:
            patch += rng.randint(1, 4)
        elif step < 0.9:
            minor += 1
            patch = 0
        else:
            major += 1
            minor = 0
            patch = 0
    if count > 1 and rng.random() < 0.02:  # now and then the oldest listed version is a prerelease
        m, n, p, _ = out[0]
        out[0] = (m, n, p, "rc.1")
    return out


def vstr(v):
    return f"{v[0]}.{v[1]}.{v[2]}" + (f"-{v[3]}" if v[3] else "")


def satisfies(newest, form, base):
    """Whether the release `newest` satisfies the range `form` of `base` (the forms we generate)."""
    n, b = newest[:3], base[:3]
    if form == "caret":
        if b[0] > 0:
            upper = (b[0] + 1, 0, 0)
        elif b[1] > 0:
            upper = (0, b[1] + 1, 0)
        else:
            upper = (0, 0, b[2] + 1)
        return b <= n < upper
    if form == "tilde":
        return b <= n < (b[0], b[1] + 1, 0)
    if form == "ge":
        return n >= b
    if form == "exact":
        return n == b
    if form == "xmajor":
        return n[0] == b[0]
    if form == "between":
        return b <= n < (b[0] + 1, 0, 0)
    raise ValueError(form)


def range_text(form, base):
    b = f"{base[0]}.{base[1]}.{base[2]}"
    return {
        "caret": f"^{b}",
        "tilde": f"~{b}",
        "ge": f">={b}",
        "exact": b,
        "xmajor": f"{base[0]}.x",
        "between": f">={b} <{base[0] + 1}.0.0",
    }[form]


FORMS = ["caret"] * 70 + ["tilde"] * 18 + ["ge"] * 5 + ["exact"] * 3 + ["xmajor"] * 2 + ["between"] * 2


def make_range(rng, versions):
    newest = versions[-1]
    releases = [v for v in versions if not v[3]]
    for _ in range(4):
        form = rng.choice(FORMS)
        base = rng.choice(releases)
        if satisfies(newest, form, base):
            return range_text(form, base)
    return range_text("caret", newest)  # always satisfied by the newest version


def pick_dependency(rng, i, deep=0.0):
    """A package index in [0, i) with P(j) proportional to 1/(j+1): power-law fan-in; with
    probability `deep`, uniform over [0, i) instead."""
    if deep and rng.random() < deep:
        return rng.randrange(i)
    return min(i - 1, int(math.floor((i + 1) ** rng.random())) - 1)


def yaml_package(name, entries):
    """One package in block-style YAML: plain scalars where YAML reads them as text, else quoted."""
    def scalar(v):
        if isinstance(v, int):
            return str(v)
        return v if v[:1].isalpha() and ": " not in v and " #" not in v else json.dumps(v)
    lines = [f"  {scalar(name)}:"]
    for entry in entries:
        first = True
        for key, value in entry.items():
            lead = "    - " if first else "      "
            first = False
            if isinstance(value, dict):
                lines.append(f"{lead}{key}:")
                lines.extend(f"        {scalar(k)}: {json.dumps(v) if k != 'on' else v}"
                             for k, v in value.items())
            else:
                lines.append(f"{lead}{key}: {scalar(value)}")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir")
    ap.add_argument("--packages", type=int, default=100_000)
    ap.add_argument("--versions", type=int, default=3)
    ap.add_argument("--roots", type=int, default=2_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--yaml", action="store_true", help="write set.yaml (block style)")
    ap.add_argument("--deep", type=float, default=0.0,
                    help="fraction of dependencies drawn uniformly (deeper closures)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out_dir, exist_ok=True)

    names = make_names(rng, args.packages)
    versions = [make_versions(rng, args.versions) for _ in names]

    set_name = "set.yaml" if args.yaml else "set.json"
    set_path = os.path.join(args.out_dir, set_name)
    with open(set_path, "w", encoding="utf-8") as out:
        if args.yaml:
            out.write("format: 1\nname: bench-synthetic\nserial: %d\nexpires: 2030-01-01T00:00:00Z\n"
                      "packages:\n" % args.seed)
        else:
            out.write('{"format": 1, "name": "bench-synthetic", "serial": %d,\n'
                  ' "expires": "2030-01-01T00:00:00Z",\n "packages": {\n' % args.seed)
        for i, name in enumerate(names):
            entries = []
            for v in versions[i]:
                text = vstr(v)
                entry = {
                    "version": text,
                    "checksum": "sha256:" + hashlib.sha256(f"{name}@{text}".encode()).hexdigest(),
                    "url": f"artifacts/{name}-{text}.tar.gz",
                }
                deps = {}
                if i > 0:
                    for _ in range(rng.choices(range(9), DEP_COUNT_WEIGHTS)[0]):
                        j = pick_dependency(rng, i, args.deep)
                        deps[names[j]] = make_range(rng, versions[j])
                if deps:
                    entry["dependencies"] = dict(sorted(deps.items()))
                entry["license"] = rng.choice(LICENSES)
                entry["size"] = rng.randint(2_000, 5_000_000)
                if rng.random() < 0.5:
                    entry["strip-components"] = 1
                if rng.random() < 0.15:
                    entry["vetted"] = {
                        "by": rng.choice(REVIEWERS),
                        "on": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                        "criteria": rng.choice(CRITERIA),
                    }
                entries.append(entry)
            if args.yaml:
                out.write(yaml_package(name, entries))
                continue
            sep = ",\n" if i + 1 < len(names) else "\n"
            out.write("  " + json.dumps(name) + ": " + json.dumps(entries, separators=(",", ":")) + sep)
        if not args.yaml:
            out.write(" }\n}\n")

    roots = {}
    candidates = list(range(len(names)))
    for j in rng.sample(candidates, min(args.roots, len(names))):
        roots[names[j]] = make_range(rng, versions[j])
    roots = dict(sorted(roots.items()))
    manifest = {"name": "bench-app", "package-set": {"url": set_name}, "dependencies": roots}
    with open(os.path.join(args.out_dir, "pinset.json"), "w", encoding="utf-8") as out:
        json.dump(manifest, out, indent=2)
        out.write("\n")
    with open(os.path.join(args.out_dir, "pinset.yaml"), "w", encoding="utf-8") as out:
        out.write(f"name: bench-app\npackage-set:\n  url: {set_name}\ndependencies:\n")
        for name, rng_text in roots.items():
            out.write(f"  {name}: {json.dumps(rng_text)}\n")
    print(f"gen_set: wrote {set_path} ({os.path.getsize(set_path):,} bytes, "
          f"{len(names):,} packages x {args.versions} versions) and a manifest with {len(roots):,} roots")


if __name__ == "__main__":
    main()
