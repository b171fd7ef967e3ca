"""The README's module table matches the code: every package and module of poalint/ is named in
its package's row (a folder of one-file plug-ins, `kinds/*.py` or `outputs/*.py`, by its
pattern), and every module the table names exists. The diagram names every stage package."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "poalint"
PLUGIN_FOLDERS = {"kinds", "outputs"}  # one file per kind / output format: the row names the pattern


def table() -> dict[str, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(poalint/[\w/]*)` \| (.*) \|$", text, re.M)
    return {package.rstrip("/"): job for package, job in rows}


def test_every_package_and_module_is_in_the_table():
    rows = table()
    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(ROOT)
        parts = relative.parts
        if path.name in ("__init__.py", "__main__.py") and len(parts) > 2:
            continue
        if len(parts) > 2 and parts[-2] in PLUGIN_FOLDERS:
            package, name = "/".join(parts[:-2]), f"{parts[-2]}/*.py"
        else:
            package, name = "/".join(parts[:-1]), path.name
        if package not in rows or f"`{name}`" not in rows[package]:
            missing.append(str(relative))
    assert not missing, f"README's module table does not name: {missing}"


def test_every_module_the_table_names_exists():
    for package, job in table().items():
        for name in re.findall(r"`([\w/*]+\.py)`", job):
            if "*" in name:
                assert (ROOT / package / name.split("/")[0]).is_dir(), f"{package}/{name}"
            else:
                assert (ROOT / package / name).is_file(), (
                    f"README names {package}/{name}, which does not exist"
                )


def test_the_diagram_names_every_stage():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    diagram = text[text.index("## How it works") :].split("```")[1]
    stages = [p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists() and p.name != "util"]
    assert all(re.search(rf"\b{stage}\b", diagram) for stage in stages), stages
