#!/usr/bin/python3
"""Validates a JSON document against a JSON Schema with Debian's python3-jsonschema.

Usage: validate_json.py SCHEMA DOCUMENT
Every *.json file in SCHEMA's folder is loaded into the reference store under its $id, so schemas
that refer to each other (CycloneDX -> spdx, jsf) resolve offline. Formats are checked too.
Exit 0 valid (prints "valid"), 1 invalid (prints each error with its path), 2 unusable input.
"""
import json
import pathlib
import sys

import jsonschema


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    schema_path = pathlib.Path(sys.argv[1])
    try:
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        document = json.loads(pathlib.Path(sys.argv[2]).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        print(f"cannot read input: {e}", file=sys.stderr)
        return 2
    store = {}
    for other in schema_path.parent.glob("*.json"):
        try:
            loaded = json.loads(other.read_text(encoding="utf-8"))
        except ValueError:
            continue
        key = loaded.get("$id") or loaded.get("id")
        if key:
            store[key] = loaded
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    resolver = jsonschema.RefResolver.from_schema(schema, store=store)
    validator = cls(schema, resolver=resolver, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    for e in errors:
        path = "/".join(str(p) for p in e.absolute_path)
        print(f"/{path}: {e.message}")
    if errors:
        return 1
    print("valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
