#!/usr/bin/env python3
"""Makes a NEW revision of a large package set with a known mix of changes, for bench/run-curate.

    bench/gen_set_pair.py OLD_SET OUT_DIR [--removed 1000] [--added 1000] [--upgraded 5000]
        [--downgraded 200] [--republished 500] [--changed 1000] [--project-roots 540] [--seed 2]

OLD_SET is a set written by bench/gen_set.py (one package per line). Writes, deterministically:

  OUT_DIR/new.json       OLD_SET with the changes below and its serial raised by one
  OUT_DIR/merge-b.json   the same without the republished checksums (a set that `pinset set merge`
                         can combine with OLD_SET: the same version with two checksums is refused)
  OUT_DIR/expected.json  the names in each category and their counts, as `pinset set diff` must
                         classify them
  OUT_DIR/project/pinset.yaml  a manifest on OLD_SET with PROJECT_ROOTS roots (about 2,000 locked
                         packages with the default), for `pinset policy check` and `resolve --locked`

The changes, on disjoint sets of packages:
  removed      packages nobody depends on, dropped (NEW stays valid: every range still satisfiable)
  added        new packages (1-3 versions) depending on packages of the set with caret ranges
  upgraded     the oldest version dropped and a higher one added (other versions unchanged)
  downgraded   the newest version dropped (only packages nobody depends on)
  republished  one version kept its number but got another checksum (`pinset set diff`: critical)
  changed      one version's license, or its dependencies (one dropped), changed
"""

import argparse
import hashlib
import json
import os
import random


def parse_set(path):
    """(head, [(name, entries)]) of a set written one package per line by gen_set.py."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    head = {k: v for k, v in data.items() if k != "packages"}
    return head, list(data["packages"].items())


def version_key(text):
    core, _, pre = text.partition("+")[0].partition("-")
    nums = tuple(int(x) for x in core.split("."))
    if not pre:
        return nums + ((1,),)
    parts = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in pre.split("."))
    return nums + ((0,) + parts,)


def bump(text, rng):
    major, minor, patch = (int(x) for x in text.split("-")[0].split("."))
    if rng.random() < 0.7:
        return f"{major}.{minor}.{patch + rng.randint(1, 3)}"
    return f"{major}.{minor + 1}.0"


def checksum(text):
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def new_entry(name, version, template):
    entry = dict(template)
    entry["version"] = version
    entry["checksum"] = checksum(f"{name}@{version}")
    entry["url"] = f"artifacts/{name}-{version}.tar.gz"
    entry.pop("vetted", None)
    return entry


def write_set(path, head, packages):
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"format": %d, "name": %s, "serial": %d,\n "expires": %s,\n "packages": {\n'
                  % (head["format"], json.dumps(head["name"]), head["serial"],
                     json.dumps(head["expires"])))
        for i, (name, entries) in enumerate(packages):
            sep = ",\n" if i + 1 < len(packages) else "\n"
            out.write("  " + json.dumps(name) + ": " + json.dumps(entries, separators=(",", ":")) + sep)
        out.write(" }\n}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("old_set")
    ap.add_argument("out_dir")
    for flag, default in [("removed", 1000), ("added", 1000), ("upgraded", 5000), ("downgraded", 200),
                          ("republished", 500), ("changed", 1000), ("project-roots", 540), ("seed", 2)]:
        ap.add_argument("--" + flag, type=int, default=default)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(os.path.join(args.out_dir, "project"), exist_ok=True)

    head, packages = parse_set(args.old_set)
    index = {name: i for i, (name, _) in enumerate(packages)}
    depended_on = set()
    for _, entries in packages:
        for e in entries:
            depended_on.update(e.get("dependencies", {}))

    # Disjoint picks: the ones that must stay satisfiable first, from packages nobody depends on.
    leaves = [name for name, _ in packages if name not in depended_on]
    rng.shuffle(leaves)
    need = args.removed + args.downgraded
    if len(leaves) < need:
        raise SystemExit(f"gen_set_pair: only {len(leaves)} packages nobody depends on, need {need}")
    removed = set(leaves[:args.removed])
    downgraded = set(leaves[args.removed:need])
    rest = [name for name, entries in packages
            if name not in removed and name not in downgraded and len(entries) >= 2]
    rng.shuffle(rest)
    upgraded = set(rest[:args.upgraded])
    republished = set(rest[args.upgraded:args.upgraded + args.republished])
    changed = set(rest[args.upgraded + args.republished:
                       args.upgraded + args.republished + args.changed])

    new_packages, merge_b = [], []
    for name, entries in packages:
        if name in removed:
            continue
        kept = entries
        if name in upgraded:
            newest = max(entries, key=lambda e: version_key(e["version"]))
            kept = entries[1:] + [new_entry(name, bump(newest["version"], rng), newest)]
        elif name in downgraded:
            newest = max(entries, key=lambda e: version_key(e["version"]))
            kept = [e for e in entries if e is not newest]
        elif name in changed:
            kept = [dict(e) for e in entries]
            e = kept[rng.randrange(len(kept))]
            if e.get("dependencies") and rng.random() < 0.5:
                deps = dict(e["dependencies"])
                deps.pop(sorted(deps)[0])
                if deps:
                    e["dependencies"] = deps
                else:
                    del e["dependencies"]
            else:
                e["license"] = "Apache-2.0" if e.get("license") != "Apache-2.0" else "MIT"
        merge_b.append((name, kept))
        if name in republished:
            kept = [dict(e) for e in entries]
            e = kept[rng.randrange(len(kept))]
            e["checksum"] = checksum(f"{name}@{e['version']}#republished")
        new_packages.append((name, kept))

    # Added packages go at the end, as a curator appends them; dependencies on kept packages only.
    targets = [name for name, _ in packages if name not in removed and name not in downgraded]
    newest_of = {name: max((e["version"] for e in entries), key=version_key)
                 for name, entries in packages}
    added = []
    for i in range(args.added):
        name = f"zz-added-{i:05d}"
        deps = {}
        for _ in range(rng.randint(0, 4)):
            t = targets[min(len(targets) - 1, int(len(targets) ** rng.random()) - 1)]
            deps[t] = "^" + newest_of[t].split("-")[0]
        entries = []
        version = f"{rng.randint(0, 3)}.{rng.randint(0, 9)}.{rng.randint(0, 9)}"
        for _ in range(rng.randint(1, 3)):
            entry = {"version": version, "checksum": checksum(f"{name}@{version}"),
                     "url": f"artifacts/{name}-{version}.tar.gz"}
            if deps:
                entry["dependencies"] = dict(sorted(deps.items()))
            entry["license"] = rng.choice(["MIT", "Apache-2.0", "BSD-3-Clause"])
            entry["size"] = rng.randint(2_000, 5_000_000)
            entries.append(entry)
            version = bump(version, rng)
        added.append(name)
        new_packages.append((name, entries))
        merge_b.append((name, entries))

    new_head = dict(head, serial=head["serial"] + 1)
    write_set(os.path.join(args.out_dir, "new.json"), new_head, new_packages)
    write_set(os.path.join(args.out_dir, "merge-b.json"), new_head, merge_b)

    categories = {"added": added, "removed": removed, "upgraded": upgraded,
                  "downgraded": downgraded, "changed": changed, "critical": republished}
    expected = {"summary": {k: len(v) for k, v in categories.items()},
                "packages": {k: sorted(v) for k, v in categories.items()}}
    with open(os.path.join(args.out_dir, "expected.json"), "w", encoding="utf-8") as out:
        json.dump(expected, out, indent=1)
        out.write("\n")

    # The project: roots drawn from the whole set, each with a caret range on its newest version.
    roots = sorted(rng.sample([name for name, _ in packages], args.project_roots))
    project = os.path.join(args.out_dir, "project")
    rel = os.path.relpath(os.path.abspath(args.old_set), os.path.abspath(project))
    with open(os.path.join(project, "pinset.yaml"), "w", encoding="utf-8") as out:
        out.write(f"name: bench-policy\npackage-set:\n  url: {json.dumps(rel)}\ndependencies:\n")
        for name in roots:
            out.write(f"  {name}: {json.dumps('^' + newest_of[name].split('-')[0])}\n")
    print(f"gen_set_pair: wrote {args.out_dir}/new.json and merge-b.json "
          f"({len(new_packages):,} packages; " +
          ", ".join(f"{len(v):,} {k}" for k, v in categories.items()) +
          f") and a project with {len(roots):,} roots")


if __name__ == "__main__":
    main()
