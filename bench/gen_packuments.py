#!/usr/bin/env python3
"""Turns bench/gen_registry.py's registry into a static npm registry, for bench/run-peers.

    bench/gen_packuments.py REGISTRY_DIR BASE_URL

Reads REGISTRY_DIR/set.json and the tarballs it names, and writes:
  npm/<name>             one packument per package (npm's registry document: name, dist-tags,
                         versions with dependencies and dist.tarball = BASE_URL/artifacts/<file>,
                         dist.integrity = sha512, dist.shasum = sha1), served as a file
  peers/package.json     the project for bun, pnpm and npm: the dependencies of pinset's manifest
                         (project/pinset.yaml), with the same ranges
Every tarball is read and hashed here, so a packument never names bytes the server does not hold.
"""

import base64
import hashlib
import json
import os
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gen_packuments.py REGISTRY_DIR BASE_URL")
    reg, base = sys.argv[1], sys.argv[2].rstrip("/")
    with open(os.path.join(reg, "set.json"), encoding="utf-8") as f:
        packages = json.load(f)["packages"]
    npm = os.path.join(reg, "npm")
    os.makedirs(npm, exist_ok=True)
    for name, entries in packages.items():
        versions = {}
        for e in entries:
            with open(os.path.join(reg, e["url"]), "rb") as f:
                blob = f.read()
            if "sha256:" + hashlib.sha256(blob).hexdigest() != e["checksum"]:
                sys.exit(f"gen_packuments: {e['url']} does not match its checksum in set.json")
            versions[e["version"]] = {
                "name": name,
                "version": e["version"],
                "dependencies": e.get("dependencies", {}),
                "dist": {
                    "tarball": f"{base}/{e['url']}",
                    "integrity": "sha512-" + base64.b64encode(hashlib.sha512(blob).digest()).decode(),
                    "shasum": hashlib.sha1(blob).hexdigest(),
                },
            }
        latest = entries[-1]["version"]
        doc = {"name": name, "dist-tags": {"latest": latest}, "versions": versions}
        with open(os.path.join(npm, name), "w", encoding="utf-8") as f:
            json.dump(doc, f)
    # The manifest's dependencies, as gen_registry.py wrote them: `  "name": "range"` lines.
    roots = {}
    with open(os.path.join(reg, "project", "pinset.yaml"), encoding="utf-8") as f:
        in_deps = False
        for line in f:
            if line.startswith("dependencies:"):
                in_deps = True
            elif in_deps and line.startswith("  "):
                name, rng = line.strip().split(": ", 1)
                roots[json.loads(name)] = json.loads(rng)
            else:
                in_deps = False
    if not roots:
        sys.exit("gen_packuments: project/pinset.yaml has no dependencies")
    os.makedirs(os.path.join(reg, "peers"), exist_ok=True)
    with open(os.path.join(reg, "peers", "package.json"), "w", encoding="utf-8") as f:
        json.dump({"name": "bench-app", "version": "1.0.0", "private": True,
                   "dependencies": dict(sorted(roots.items()))}, f, indent=2)
        f.write("\n")
    print(f"gen_packuments: {len(packages):,} packuments, {len(roots)} roots", file=sys.stderr)


if __name__ == "__main__":
    main()
