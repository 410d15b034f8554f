#!/usr/bin/env python3
"""Writes bench/run-peers' report from hyperfine's JSON and the R_* variables run-peers exports."""

import datetime
import json
import os

e = os.environ
results = {r["command"]: r for r in json.load(open(e["R_JSON"]))["results"]}
st = json.load(open(e["R_STATS"]))
tools = e["R_LIST"].split(",")
kinds = [("cold", "cold (empty cache, empty install folder)"),
         ("warm", "warm (full cache, empty install folder)"),
         ("noop", "no-op (everything installed, nothing changed)")]
p = [float(x) for x in e["R_PROBE"].split()]


def med(tool, kind):
    r = results.get(f"{tool}, {kind}")
    return r["median"] if r else None


lines = []
w = lines.append
w("# pinset and its peers: install benchmark")
w("")
w(f"{datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}, commit {e['R_COMMIT']}"
  + (f" + {e['R_DIRTY']} uncommitted changes" if e["R_DIRTY"] != "0" else ""))
w("")
w("Median wall seconds (min in parentheses), " + e["R_RUNS"] + " runs each after 1 warm-up run:")
w("")
w("| | " + " | ".join(tools) + " |")
w("|---|" + "---|" * len(tools))
for kind, label in kinds:
    cells = []
    for t in tools:
        r = results.get(f"{t}, {kind}")
        cells.append(f"{r['median']:.3f} ({r['min']:.3f})" if r else "—")
    w(f"| {label} | " + " | ".join(cells) + " |")
w("")
if "pinset" in tools:
    for kind, _ in kinds:
        ratios = []
        for t in tools:
            if t != "pinset" and med("pinset", kind) and med(t, kind):
                ratios.append(f"{med('pinset', kind) / med(t, kind):.2f}x {t}")
        w(f"- pinset {kind} / peer {kind} (medians): " + ", ".join(ratios))
cpu = []
for kind, _ in kinds:
    for t in tools:
        r = results.get(f"{t}, {kind}")
        if r:
            cpu.append(f"{t} {kind} {r['user'] + r['system']:.2f}")
w("- CPU seconds (user + sys, mean): " + "; ".join(cpu))
w(f"- file-creation probe on the scratch filesystem (5,000 empty files, µs per create / per "
  f"unlink): {p[0]:.1f} / {p[1]:.1f} at the start, {p[2]:.1f} / {p[3]:.1f} at the end")
w(f"- every tool installed every file: {e['R_COUNTS']} (workload: {st['files']:,} files)")
w("")
w("## Machine")
w("")
w(e["R_MACHINE"])
load = e["R_LOAD"]
busy = max(float(half.split()[0]) for half in load.split("/")) > int(e["R_NPROC"])
w(f"- load average (1, 5, 15 min) before / after the runs: {load}"
  + (" (above the CPU count: other jobs competed, so wall times are inflated and noisy)" if busy else ""))
w(f"- scratch filesystem: {e['R_FS']}")
w(f"- {e['R_TOOLS']}")
w("")
w("## Workload (bench/gen_registry.py, measured on the files written)")
w("")
w(f"- {st['packages']:,} packages, {st['roots']} roots, {st['dependency_edges']:,} dependency edges; "
  f"{st['files']:,} files in {st['dirs']:,} folders; tarballs {st['compressed_bytes'] / 1e6:.1f} MB, "
  f"extracted {st['extracted_bytes'] / 1e6:.1f} MB")
w("- Served by one nginx on 127.0.0.1 (plain http): set.json for pinset, a static npm registry "
  "(bench/gen_packuments.py: packuments with sha512 integrity) for bun, pnpm and npm; the same tarballs.")
w("- Each tool keeps the lockfile its first, untimed install wrote (pinset.lock, bun.lock, "
  "pnpm-lock.yaml, package-lock.json); caches and trees on the scratch filesystem; `sync -f` before "
  "each run; hyperfine times each tool's command itself (its shell's start-up subtracted), not a wrapper script. Commands: `pinset install --locked`, `bun install --frozen-lockfile`, "
  "`pnpm install --frozen-lockfile --ignore-scripts`, `npm install --no-audit --no-fund --ignore-scripts`.")
w("- Raw times: peers-hyperfine.json.")
text = "\n".join(lines) + "\n"
open(e["R_OUT"], "w").write(text)
print()
print(text)
