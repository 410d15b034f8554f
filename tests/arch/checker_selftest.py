#!/usr/bin/env python3
"""Shows that check_architecture.py can fail: a made-up tree with one forbidden include, one
module include the table does not allow, a long file and an unknown table name must give exactly
those six problems and exit 1; the same tree without them must pass."""
import pathlib
import subprocess
import sys
import tempfile

checker = pathlib.Path(__file__).with_name("check_architecture.py")
TABLE = """| folder | kind | what | may include |
| --- | --- | --- | --- |
| `core/util` | pure | x | std |
| `core/net` | adapter | x | util, libcurl |
| `core/app` | use cases | x | all modules above, nlohmann_json (a comment), OpenSSL (sign.cpp only) |
"""


def make_tree(root, bad):
    (root / "core" / "util").mkdir(parents=True)
    (root / "core" / "net").mkdir()
    (root / "core" / "app").mkdir()
    (root / "ARCHITECTURE.md").write_text(TABLE + ("| `core/x` | pure | x | util, frobnicate |\n" if bad else ""))
    if bad:
        (root / "core" / "x").mkdir()
        (root / "core" / "x" / "x.cpp").write_text("#include <vector>\n")
    (root / "core" / "util" / "u.hpp").write_text("#pragma once\n#include <string>\n")
    (root / "core" / "net" / "n.cpp").write_text(
        '#include <curl/curl.h>\n#include "core/util/u.hpp"\n' + ('#include "core/app/a.hpp"\n' if bad else ""))
    (root / "core" / "app" / "sign.cpp").write_text("#include <openssl/evp.h>\n")
    (root / "core" / "app" / "a.cpp").write_text(
        '#include <nlohmann/json.hpp>\n#include "core/net/n.hpp"\n' + ("#include <unistd.h>\n" if bad else "")
        + "int x;\n" * (700 if bad else 10))
    (root / "cli").mkdir()
    (root / "cli" / "c.cpp").write_text(
        "// fail(\"io\", ...) in a comment is fine\nauto e = fail(codes::io, \"x\");\n"
        + ('bool b = e.code == "io";\n' if bad else ""))
    (root / "tests").mkdir()
    (root / "tests" / "t.cpp").write_text(
        "auto doc = json::parse(text);\nfor (const auto& p : doc[\"packages\"]) {}\n"
        + ('for (const auto& p : nlohmann::json::parse(text)["packages"]) {}\n' if bad else ""))


def run(bad):
    with tempfile.TemporaryDirectory() as d:
        make_tree(pathlib.Path(d), bad)
        return subprocess.run([sys.executable, str(checker), d], capture_output=True, text=True)


good = run(False)
assert good.returncode == 0, good.stdout + good.stderr
bad = run(True)
lines = bad.stdout.splitlines()
expected = [
    "core/app/a.cpp:3: core/app may not include <unistd.h> (POSIX); move the call behind an adapter or update ARCHITECTURE.md",
    "core/net/n.cpp:3: core/net may not include core/app (core/app/a.hpp); ARCHITECTURE.md allows: util",
    "ARCHITECTURE.md: core/x: unknown name 'frobnicate' in 'may include'",
    "core/app/a.cpp: 703 lines, more than 600; split it by concept (CONVENTIONS.md: files of about 100-300 lines)",
    "cli/c.cpp:3: an error code written as a string literal; use its constant from core/util/error_codes.hpp",
    "tests/t.cpp:3: a range-for over a member of a temporary: the parsed value is destroyed before the loop runs; keep it in a variable first",
    "6 architecture problems",
]
assert bad.returncode == 1, bad.stdout
assert lines == expected, "\n".join(lines)
print("checker self-test: the good tree passes, the bad tree gives exactly its six problems")
