"""Per-file statistics for the report: words, sentences, readability (textstat)."""

from __future__ import annotations

from poalint.nlp.analysis import AnalysedDocument

MIN_WORDS_FOR_READABILITY = 30


def readability_module():  # the textstat module
    """textstat, with its CMU syllable counts read from poalint's compact cache."""
    import textstat

    from poalint.nlp import syllables

    syllables.install()
    return textstat


def document_stats(analysed: AnalysedDocument) -> dict:
    sentences = [s for s in analysed.sentences() if not s.quoted and s.block.type != "heading"]
    text = " ".join(s.text.strip() for s in sentences)
    words = len(text.split())
    ease = grade = None
    if words >= MIN_WORDS_FOR_READABILITY:
        textstat = readability_module()

        ease = round(float(textstat.flesch_reading_ease(text)), 1)
        grade = round(float(textstat.flesch_kincaid_grade(text)), 1)
    return {
        "words": words,
        "sentences": len(sentences),
        "flesch_reading_ease": ease,
        "flesch_kincaid_grade": grade,
        "average_sentence_words": round(words / len(sentences), 1) if sentences else 0.0,
    }
