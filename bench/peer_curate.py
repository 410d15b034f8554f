#!/usr/bin/env python3
"""THE PEER of bench/run-curate, not part of pinset: plain python3 doing the job of `pinset set diff`,
`pinset set merge --strategy highest` and `pinset set validate` on JSON sets, the way a small
in-house script would (json.load, dicts, one pass), so pinset's times have a reference measured in
the same run on the same machine.

    bench/peer_curate.py diff OLD NEW             JSON on stdout, like `pinset set diff --format json`
    bench/peer_curate.py merge A B -o OUT         like `pinset set merge A B --strategy highest -o OUT`
    bench/peer_curate.py validate SET             like `pinset set validate SET` (exit 0 valid, 1 not)

What it does, per command:
  diff      per package: added / removed / upgraded / downgraded / changed / critical (the same
            version with another checksum), the versions that came and went, and per kept version
            the fields that changed (checksum, url, dependencies, license, size, strip-components,
            vetted); the set's own fields; a summary of counts. Written as indented JSON.
  merge     the union of both sets' packages; a package pinned to different versions takes the
            entries of the set with the highest version (the first set on a tie); the same version
            with different checksums is an error; each entry records its set (`from`: name@serial);
            packages sorted by name; written as JSON indented by 2, as pinset writes it.
  validate  every dependency range of every entry is satisfied by some version of its target in the
            set; dependency cycles between packages found (Tarjan's algorithm, iteratively).

Simplifications (the generated sets never need more): versions are MAJOR.MINOR.PATCH[-PRE][+BUILD]
ordered by SemVer precedence; ranges are node-semver's `||` of space-separated comparators, each
`^V`, `~V`, `>=V`, `>V`, `<=V`, `<V`, `=V`, `V` or an x-range (`1.x`, `1.2.x`, `*`), with node-semver's
prerelease rule (a prerelease matches only a comparator set naming a prerelease of the same
MAJOR.MINOR.PATCH); no hyphen ranges, no loose syntax, no error messages beyond the first line per
problem. Parsed ranges are cached by their text.
"""

import json
import sys


# --- versions and ranges ---------------------------------------------------------------------------

def parse_version(text):
    """(major, minor, patch, prerelease-key) where a release sorts after all its prereleases."""
    core = text.partition("+")[0]
    core, _, pre = core.partition("-")
    major, minor, patch = (int(x) for x in core.split("."))
    if not pre:
        return (major, minor, patch, (1,))
    parts = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in pre.split("."))
    return (major, minor, patch, (0,) + parts)


def is_pre(v):
    return v[3] != (1,)


def partial(text):
    """A possibly partial version ("1", "1.2", "1.x", "*"): (numbers given, full version key)."""
    core = text.partition("+")[0]
    core, _, pre = core.partition("-")
    nums = []
    for p in core.split("."):
        if p in ("x", "X", "*", ""):
            break
        nums.append(int(p))
    full = tuple(nums + [0] * (3 - len(nums)))
    if pre and len(nums) == 3:
        return 3, parse_version(core + "-" + pre)
    return len(nums), full + ((1,),)


LOWEST_PRE = (0,)  # sorts before every prerelease: "X.Y.Z-0"


def comparators(token):
    """The primitive comparators [(op, version)] of one token; [] matches anything."""
    op = ""
    for candidate in (">=", "<=", ">", "<", "=", "^", "~"):
        if token.startswith(candidate):
            op, token = candidate, token[len(candidate):]
            break
    n, v = partial(token)
    major, minor, patch = v[0], v[1], v[2]
    if op == "^":
        if major > 0 or n == 1:
            upper = (major + 1, 0, 0, LOWEST_PRE)
        elif minor > 0 or n == 2:
            upper = (0, minor + 1, 0, LOWEST_PRE)
        else:
            upper = (0, 0, patch + 1, LOWEST_PRE)
        return [(">=", v), ("<", upper)]
    if op == "~":
        upper = (major + 1, 0, 0, LOWEST_PRE) if n == 1 else (major, minor + 1, 0, LOWEST_PRE)
        return [(">=", v), ("<", upper)]
    if n == 0:
        return [("<", (0, 0, 0, LOWEST_PRE))] if op in ("<", ">") else []
    if n < 3:  # an x-range
        upper = (major + 1, 0, 0, LOWEST_PRE) if n == 1 else (major, minor + 1, 0, LOWEST_PRE)
        if op in ("", "="):
            return [(">=", v), ("<", upper)]
        if op == ">":
            return [(">=", upper)]
        if op == "<=":
            return [("<", upper)]
        return [(op, v)]
    return [(op or "=", v)]


def parse_range(text):
    return [[c for token in alternative.split() for c in comparators(token)]
            for alternative in text.split("||")]


def test(op, a, b):
    return {"=": a == b, ">=": a >= b, ">": a > b, "<=": a <= b, "<": a < b}[op]


def satisfies(version, rng):
    for alternative in rng:
        if not all(test(op, version, v) for op, v in alternative):
            continue
        if not is_pre(version):
            return True
        if any(is_pre(v) and v[:3] == version[:3] for _, v in alternative):
            return True
    return False


# --- diff --------------------------------------------------------------------------------------------

FIELDS = ["url", "dependencies", "license", "size", "strip-components", "vetted"]


def text(value):
    return "none" if value is None else json.dumps(value, sort_keys=True) if isinstance(value, dict) \
        else str(value)


def diff(old_path, new_path):
    with open(old_path, encoding="utf-8") as f:
        old = json.load(f)
    with open(new_path, encoding="utf-8") as f:
        new = json.load(f)
    set_changes = [{"field": k, "old": text(old.get(k)), "new": text(new.get(k))}
                   for k in ("name", "serial", "published", "expires")
                   if old.get(k) != new.get(k)]
    po, pn = old["packages"], new["packages"]
    packages = []
    counts = dict.fromkeys(["added", "removed", "upgraded", "downgraded", "changed", "critical"], 0)
    for name in sorted(po.keys() | pn.keys()):
        a = {e["version"]: e for e in po.get(name, [])}
        b = {e["version"]: e for e in pn.get(name, [])}
        before = sorted(a, key=parse_version)
        after = sorted(b, key=parse_version)
        changed, critical = [], False
        for v in after:
            if v not in a:
                continue
            x, y = a[v], b[v]
            fields = []
            republished = x["checksum"] != y["checksum"]
            if republished:
                critical = True
                fields.append({"field": "checksum", "old": x["checksum"], "new": y["checksum"]})
            for f in FIELDS:
                if x.get(f) != y.get(f):
                    fields.append({"field": f, "old": text(x.get(f)), "new": text(y.get(f))})
            if fields:
                changed.append({"version": v, "critical": republished, "fields": fields})
        added = [v for v in after if v not in a]
        removed = [v for v in before if v not in b]
        if not (added or removed or changed):
            continue
        if not a:
            kind = "added"
        elif not b:
            kind = "removed"
        elif critical:
            kind = "critical"
        elif parse_version(before[-1]) < parse_version(after[-1]):
            kind = "upgraded"
        elif parse_version(after[-1]) < parse_version(before[-1]):
            kind = "downgraded"
        else:
            kind = "changed"
        counts[kind] += 1
        packages.append({"name": name, "change": kind, "old-versions": before,
                         "new-versions": after, "added-versions": added,
                         "removed-versions": removed, "changed-versions": changed})
    json.dump({"diff-format": 1, "identical": not packages and not set_changes,
               "critical": counts["critical"] > 0, "set": set_changes, "packages": packages,
               "summary": counts}, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 1 if packages or set_changes else 0


# --- merge -------------------------------------------------------------------------------------------

def merge(a_path, b_path, out_path):
    sets = []
    for path in (a_path, b_path):
        with open(path, encoding="utf-8") as f:
            sets.append(json.load(f))
    labels = [f"{s['name']}@{s['serial']}" for s in sets]
    errors = 0
    merged = {}
    for name in sorted(sets[0]["packages"].keys() | sets[1]["packages"].keys()):
        holders = [(i, s["packages"][name]) for i, s in enumerate(sets) if name in s["packages"]]
        if len(holders) == 2:
            first = {e["version"]: e["checksum"] for e in holders[0][1]}
            for e in holders[1][1]:
                if first.get(e["version"], e["checksum"]) != e["checksum"]:
                    print(f"error: {name} {e['version']} has checksum {first[e['version']]} in "
                          f"{labels[0]} but {e['checksum']} in {labels[1]}", file=sys.stderr)
                    errors += 1
        best = holders[0]
        for h in holders[1:]:
            if max(map(parse_version, (e["version"] for e in h[1]))) > \
                    max(map(parse_version, (e["version"] for e in best[1]))):
                best = h
        entries = sorted(best[1], key=lambda e: parse_version(e["version"]))
        merged[name] = [dict(e, **{"from": labels[best[0]]}) for e in entries]
    if errors:
        return 1
    expires = min((s["expires"] for s in sets if "expires" in s), default=None)
    out = {"format": 1, "name": sets[0]["name"], "serial": max(s["serial"] for s in sets)}
    if expires:
        out["expires"] = expires
    out["packages"] = merged
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2)
        f.write("\n")
    print(f"wrote {out_path}: {len(merged)} packages, "
          f"{sum(len(v) for v in merged.values())} entries from 2 sets (strategy highest)")
    return 0


# --- validate ----------------------------------------------------------------------------------------

def validate(path):
    with open(path, encoding="utf-8") as f:
        packages = json.load(f)["packages"]
    names = list(packages)
    index = {name: i for i, name in enumerate(names)}
    versions = {name: [parse_version(e["version"]) for e in entries]
                for name, entries in packages.items()}
    ranges = {}
    errors = 0
    edges = [set() for _ in names]
    for p, name in enumerate(names):
        for e in packages[name]:
            for target, text_ in e.get("dependencies", {}).items():
                rng = ranges.get(text_)
                if rng is None:
                    rng = ranges[text_] = parse_range(text_)
                have = versions.get(target)
                if have is None or not any(satisfies(v, rng) for v in have):
                    print(f"error: {name} {e['version']} depends on {target} {text_}, "
                          f"which nothing in the set satisfies", file=sys.stderr)
                    errors += 1
                if have is not None:
                    edges[p].add(index[target])
    cycles = tarjan([sorted(e) for e in edges])
    for c in cycles:
        print("warning: dependency cycle: " + " -> ".join(names[v] for v in c), file=sys.stderr)
    entries = sum(len(v) for v in packages.values())
    print(f"{path}: {len(names)} packages, {entries} entries: "
          f"{'valid' if not errors else f'{errors} errors'}, {len(cycles)} cycles")
    return 1 if errors else 0


def tarjan(edges):
    n = len(edges)
    index, low, on_stack = [-1] * n, [0] * n, [False] * n
    stack, out, counter = [], [], 0
    for root in range(n):
        if index[root] >= 0:
            continue
        work = [(root, 0)]
        while work:
            v, nxt = work[-1]
            if nxt == 0 and index[v] < 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack[v] = True
            if nxt < len(edges[v]):
                work[-1] = (v, nxt + 1)
                w = edges[v][nxt]
                if index[w] < 0:
                    work.append((w, 0))
                elif on_stack[w]:
                    low[v] = min(low[v], index[w])
                continue
            if low[v] == index[v]:
                component = []
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    component.append(w)
                    if w == v:
                        break
                if len(component) > 1 or v in edges[v]:
                    out.append(sorted(component))
            work.pop()
            if work:
                u = work[-1][0]
                low[u] = min(low[u], low[v])
    return out


def main():
    argv = sys.argv[1:]
    if len(argv) == 3 and argv[0] == "diff":
        return diff(argv[1], argv[2])
    if len(argv) == 5 and argv[0] == "merge" and argv[3] == "-o":
        return merge(argv[1], argv[2], argv[4])
    if len(argv) == 2 and argv[0] == "validate":
        return validate(argv[1])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
