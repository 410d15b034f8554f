#!/usr/bin/env python3
"""Keeps ARCHITECTURE.md true (issue 15, item 8).

1. Every `#include` in core/<folder>/ is allowed by that folder's row of ARCHITECTURE.md's table:
   a core module named in its "may include" column (or the folder itself), or a system library
   named there. "all modules above" allows every module of an earlier row. "LIB (a.cpp, b.cpp only)"
   allows LIB in those files only; any other parenthesis is a comment.
2. No C++ source file under core/, cli/, tests/ or bench/ has more than 600 lines.
3. Error codes are named constants (core/util/error_codes.hpp): no source under core/ or cli/ makes
   an error from a string-literal code (`fail("io", ...)`, `Error("io", ...)`) or compares a code
   with a literal (`code == "io"`).
4. No range-for loops over a member of a temporary (`for (x : json::parse(t)["a"])`): the parsed
   value dies before the loop runs (ASan found this twice in tests).

Prints every violation as `file:line: ...` and exits 1 if there is any; 0 otherwise.
Usage: check_architecture.py SOURCE_DIR
"""
import pathlib
import re
import sys

MAX_LINES = 600
DANGLING_FOR = re.compile(r'\bfor\s*\([^;{}]*:\s*[\w:]*parse\([^;{}]*\)\s*\[')
LITERAL_CODE = re.compile(r'\b(?:fail|Error|combine)\(\s*"[a-z]|\bcode\s*(?:==|!=|=)\s*"[a-z]')

# System library names used in the table -> how to recognise their headers.
LIBRARIES = {
    "std": lambda h: "." not in h and "/" not in h,
    "tl-expected": lambda h: h.startswith("tl/"),
    "yaml-cpp": lambda h: h.startswith("yaml-cpp/"),
    "libyaml": lambda h: h == "yaml.h",
    "simdjson": lambda h: h == "simdjson.h",
    "nlohmann_json": lambda h: h.startswith("nlohmann/"),
    "OpenSSL": lambda h: h.startswith("openssl/"),
    "libcurl": lambda h: h.startswith("curl/"),
    "libarchive": lambda h: h in ("archive.h", "archive_entry.h"),
    "libdeflate": lambda h: h == "libdeflate.h",
    "libyaml": lambda h: h == "yaml.h",
}


def is_posix(header):
    # Anything with a .h that no library above claims: POSIX and C headers (fcntl.h, sys/stat.h, ...).
    return header.endswith(".h") and not any(
        match(header) for name, match in LIBRARIES.items() if name != "std")


def parse_table(text):
    """Returns {module: [(token, files_or_None)]} in table order."""
    rows = {}
    for line in text.splitlines():
        m = re.match(r"\|\s*`core/([a-z_]+)`\s*\|[^|]*\|[^|]*\|([^|]*)\|", line)
        if not m:
            continue
        module, allowed = m.group(1), m.group(2)
        tokens = []
        for part in re.split(r",(?![^(]*\))", allowed):
            part = part.strip()
            if not part:
                continue
            # "LIB (a.cpp, b.cpp only)" restricts LIB to those files; any other "(...)" is a comment.
            paren = re.match(r"(.+?)\s*\((.+)\)$", part)
            files = None
            if paren:
                part = paren.group(1).strip()
                only = re.fullmatch(r"((?:[\w.]+\.[ch]pp)(?:,\s*[\w.]+\.[ch]pp)*) only", paren.group(2))
                if only:
                    files = [f.strip() for f in only.group(1).split(",")]
            tokens.append((part, files))
        rows[module] = tokens
    return rows


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    rows = parse_table((root / "ARCHITECTURE.md").read_text())
    problems = []
    if not rows:
        problems.append("ARCHITECTURE.md: no `core/...` rows found in the module table")
    order = list(rows)
    for folder in sorted((root / "core").iterdir()):
        if not folder.is_dir():
            continue
        module = folder.name
        if module not in rows:
            problems.append(f"core/{module}: no row in ARCHITECTURE.md's table; add one")
            continue
        allowed_modules = {module}
        allowed_libs = {"std": None}
        for token, files in rows[module]:
            if token == "all modules above":
                allowed_modules.update(order[: order.index(module)])
            elif token in rows:
                allowed_modules.add(token)
            elif token in LIBRARIES or token == "POSIX":
                allowed_libs[token] = files
            else:
                problems.append(f"ARCHITECTURE.md: core/{module}: unknown name {token!r} in 'may include'")
        for src in sorted(folder.rglob("*")):
            if src.suffix not in (".cpp", ".hpp"):
                continue
            rel = src.relative_to(root)
            for n, line in enumerate(src.read_text().splitlines(), 1):
                m = re.match(r'\s*#\s*include\s*([<"])([^>"]+)[>"]', line)
                if not m:
                    continue
                header = m.group(2)
                if m.group(1) == '"':
                    dep = re.match(r"core/([a-z_]+)/", header)
                    if dep and dep.group(1) not in allowed_modules:
                        problems.append(f"{rel}:{n}: core/{module} may not include core/{dep.group(1)} "
                                        f"({header}); ARCHITECTURE.md allows: "
                                        f"{', '.join(sorted(allowed_modules - {module})) or 'none'}")
                    continue
                owner = "POSIX" if is_posix(header) else next(
                    (name for name, match in LIBRARIES.items() if match(header)), None)
                if owner is None:
                    problems.append(f"{rel}:{n}: <{header}> belongs to no library ARCHITECTURE.md knows")
                    continue
                if owner not in allowed_libs:
                    problems.append(f"{rel}:{n}: core/{module} may not include <{header}> ({owner}); "
                                    f"move the call behind an adapter or update ARCHITECTURE.md")
                elif allowed_libs[owner] is not None and src.name not in allowed_libs[owner]:
                    problems.append(f"{rel}:{n}: <{header}> ({owner}) is allowed in core/{module} only in "
                                    f"{', '.join(allowed_libs[owner])}")
    # Every C++ source, read once: its length, string-literal error codes (core/ and cli/), and
    # range-for loops over a temporary's member.
    for top in ("core", "cli", "tests", "bench"):
        base = root / top
        if not base.exists():
            continue
        for src in sorted(base.rglob("*")):
            if src.suffix not in (".cpp", ".hpp") or not src.is_file():
                continue
            rel = src.relative_to(root)
            text = src.read_text(errors="replace")
            count = text.count("\n")
            if count > MAX_LINES:
                problems.append(f"{rel}: {count} lines, more than {MAX_LINES}; split it "
                                f"by concept (CONVENTIONS.md: files of about 100-300 lines)")
            if top in ("core", "cli"):
                for m in LITERAL_CODE.finditer(text):
                    start = text.rfind("\n", 0, m.start()) + 1
                    if text[start:m.start()].lstrip().startswith("//"):
                        continue
                    line = text.count("\n", 0, m.start()) + 1
                    problems.append(f"{rel}:{line}: an error code written as a string "
                                    f"literal; use its constant from core/util/error_codes.hpp")
            for n, line in enumerate(text.splitlines(), 1):
                if DANGLING_FOR.search(line):
                    problems.append(f"{rel}:{n}: a range-for over a member of a "
                                    f"temporary: the parsed value is destroyed before the loop "
                                    f"runs; keep it in a variable first")
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} architecture problem{'s' if len(problems) != 1 else ''}")
        return 1
    print("architecture: every include allowed, every source file within 600 lines, every error "
          "code a named constant")
    return 0


if __name__ == "__main__":
    sys.exit(main())
