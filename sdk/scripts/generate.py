"""Regenerate ``sdk/src/faultlines/_generated/`` from ``openapi/openapi.json`` (``make sdk``).

The models are msgspec Structs written by datamodel-code-generator (a maintained generator with
a msgspec backend: dates, datetimes and enums come out typed). This script only runs it with
fixed options and replaces its header with one naming the spec's SHA-256, so the output is a
pure function of the spec and the generator version.

    python sdk/scripts/generate.py                  # write the models
    python sdk/scripts/generate.py --check          # exit 1 if the committed models drifted
    python sdk/scripts/generate.py --out DIR        # write into another folder (tests)
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "openapi" / "openapi.json"
OUT_DIR = REPO / "sdk" / "src" / "faultlines" / "_generated"
SPEC_LABEL = "openapi/openapi.json"

CODEGEN_OPTIONS = [
    "--input-file-type", "openapi",
    "--output-model-type", "msgspec.Struct",
    "--target-python-version", "3.11",
    "--use-annotated",
    "--use-standard-collections",
    "--use-union-operator",
    "--use-field-description",
    "--use-schema-description",
    "--enum-field-as-literal", "none",
    "--use-specialized-enum",
    "--deserialize-default-values", "enum",
    "--output-datetime-class", "datetime",
    "--keyword-only",
    "--use-double-quotes",
    "--field-constraints",
    "--disable-timestamp",
    "--formatters", "ruff-format",
]  # fmt: skip
"""Fixed generator options; changing one changes every generated file."""

INIT = '''{header}
"""Models generated from the OpenAPI contract. Never edit by hand: run ``make sdk``."""
'''


def header(spec_bytes: bytes) -> str:
    """The first line of every generated file: which spec it came from."""
    digest = hashlib.sha256(spec_bytes).hexdigest()
    return f"# generated from {SPEC_LABEL} sha256={digest} — do not edit"


def _strip_codegen_header(text: str) -> str:
    """Drop datamodel-codegen's own comment header (it names a temp path)."""
    lines = text.splitlines()
    while lines and (lines[0].startswith("#") or not lines[0].strip()):
        lines.pop(0)
    return "\n".join(lines) + "\n"


def render(spec: Path) -> dict[str, str]:
    """Generated file name -> content for ``spec``."""
    spec_bytes = spec.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "models.py"
        subprocess.run(
            [
                sys.executable, "-m", "datamodel_code_generator",
                "--input", str(spec), "--output", str(out), *CODEGEN_OPTIONS,
            ],
            check=True,
            cwd=tmp,
        )  # fmt: skip
        body = _strip_codegen_header(out.read_text(encoding="utf-8"))
    first = header(spec_bytes)
    return {
        "__init__.py": INIT.format(header=first),
        "models.py": f"{first}\n\n{body}",
    }


def write(files: dict[str, str], out_dir: Path) -> None:
    """Write the generated files into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (out_dir / name).write_text(content, encoding="utf-8")


def drift(files: dict[str, str], out_dir: Path) -> list[str]:
    """Unified diffs between ``files`` and what ``out_dir`` holds (empty: no drift)."""
    diffs = []
    for name, content in files.items():
        path = out_dir / name
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if current != content:
            diffs.append(
                "".join(
                    difflib.unified_diff(
                        current.splitlines(keepends=True),
                        content.splitlines(keepends=True),
                        f"committed/{name}",
                        f"regenerated/{name}",
                    )
                )
            )
    return diffs


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", type=Path, default=SPEC, help="OpenAPI document")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="folder to write into")
    parser.add_argument("--check", action="store_true", help="fail on drift, write nothing")
    args = parser.parse_args(argv)
    if not args.spec.is_file():
        parser.error(f"{args.spec} does not exist; run `make openapi` first")
    files = render(args.spec)
    if args.check:
        diffs = drift(files, args.out)
        if diffs:
            sys.stdout.writelines(diffs)
            print(f"{args.out} is out of date: run `make sdk`", file=sys.stderr)
            return 1
        return 0
    write(files, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
