"""Phrase patterns as spaCy docs, with their analysis cached per pipeline.

`phrase` rules matched on lemmas need each phrase run through the tagger, attribute ruler and
lemmatizer, and the others through the tokenizer; for the built-in pack that is about 400
short docs and a noticeable part of a one-draft run. The words, spaces (and lemmas) of every
phrase are stored (marshal, atomic writes) under the user cache folder, keyed by spaCy's
version and the pipeline's name, version and components, and the pattern docs are rebuilt
from them with `Doc(vocab, words=..., spaces=..., lemmas=...)`, without running a model.
"""

from __future__ import annotations

import hashlib
import marshal
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from poalint.util.usercache import read_cache_file, user_cache_root, write_cache_file

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

FORMAT = "1"
Analysis = tuple[tuple[str, ...], tuple[bool, ...], tuple[str, ...]]  # words, spaces, lemmas
_loaded: dict[str, dict[str, Analysis]] = {}  # per process, by cache key
_identities: weakref.WeakKeyDictionary[Language, tuple[str, ...]] = weakref.WeakKeyDictionary()


def _cache_key(nlp: Language) -> str:
    parts = [*_pipeline_identity(nlp), *nlp.pipe_names]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]


def _pipeline_identity(nlp: Language) -> tuple[str, ...]:
    """spaCy's version and the pipeline's language, name and version (once per pipeline:
    `nlp.meta` lists every component's labels, a quarter of a millisecond each time)."""
    found = _identities.get(nlp)
    if found is None:
        import spacy

        meta = nlp.meta
        found = (
            FORMAT,
            spacy.__version__,
            meta.get("lang", ""),
            meta.get("name", ""),
            str(meta.get("version", "")),
        )
        _identities[nlp] = found
    return found


def _cache_file(key: str) -> Path:
    return user_cache_root() / "patterns" / f"{key}.marshal"


def _read(key: str) -> dict[str, Analysis]:
    if key not in _loaded:
        try:
            raw = read_cache_file(_cache_file(key))  # sealed: marshal only reads our own bytes
            data = marshal.loads(raw) if raw is not None else {}
            _loaded[key] = data if _well_formed(data) else {}
        except (ValueError, EOFError, TypeError):
            _loaded[key] = {}
    return _loaded[key]


def _well_formed(data: object) -> bool:
    """A dict of phrase -> (words, spaces, lemmas) tuples, as `_analyse` makes."""
    if not isinstance(data, dict):
        return False
    for name, value in data.items():
        if not (isinstance(name, str) and isinstance(value, tuple) and len(value) == 3):
            return False
        words, spaces, lemmas = value
        if not (isinstance(words, tuple) and isinstance(spaces, tuple) and len(words) == len(spaces)):
            return False
        if not (isinstance(lemmas, tuple) and len(lemmas) in (0, len(words))):
            return False
    return True


def _analyse(nlp: Language, phrases: list[str], lemmas: bool) -> dict[str, Analysis]:
    if lemmas:
        # the parser (the costliest component) adds nothing to lemmas
        skipped = [name for name in ("parser", "ner") if name in nlp.pipe_names]
        with nlp.select_pipes(disable=skipped):
            docs = list(nlp.pipe(phrases))
    else:
        docs = [nlp.make_doc(phrase) for phrase in phrases]
    return {
        _entry(phrase, lemmas): (
            tuple(t.text for t in doc),
            tuple(bool(t.whitespace_) for t in doc),
            tuple(t.lemma_ for t in doc) if lemmas else (),
        )
        for phrase, doc in zip(phrases, docs, strict=True)
    }


def _entry(phrase: str, lemmas: bool) -> str:
    return ("L:" if lemmas else "T:") + phrase


def pattern_docs(nlp: Language, phrases: list[str], lemmas: bool) -> list[Doc]:
    """One doc per phrase: its tokens, and with `lemmas` the lemmas the pipeline gives them
    (read from the cache when known, else computed and added to it)."""
    from spacy.tokens import Doc

    key = _cache_key(nlp)
    known = _read(key)
    missing = [p for p in dict.fromkeys(phrases) if _entry(p, lemmas) not in known]
    if missing:
        known.update(_analyse(nlp, missing, lemmas))
        write_cache_file(_cache_file(key), marshal.dumps(known))
    docs = []
    for phrase in phrases:
        words, spaces, lemma_list = known[_entry(phrase, lemmas)]
        docs.append(
            Doc(
                nlp.vocab, words=list(words), spaces=list(spaces), lemmas=list(lemma_list) if lemmas else None
            )
        )
    return docs
