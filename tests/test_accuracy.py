"""The built-in rule pack must stay accurate on our own labelled corpus (issue targets)."""

from __future__ import annotations

import pytest

from tests.accuracy import CATEGORIES, ELEMENTS, report_figures, run
from tests.conftest import CORPUS

TARGET_PRECISION = 0.90
TARGET_RECALL = 0.85
TARGET_CATEGORY_F1 = 0.75
TARGET_SECTION_IOU = 0.90
TARGET_RANKING = 0.90


@pytest.fixture(scope="module")
def figures():
    result = run(CORPUS)
    print(report_figures(result))
    return result


def test_corpus_is_large_enough():
    assert len(list(CORPUS.glob("*.labels.json"))) >= 60


def test_overall_precision_and_recall(figures):
    precision, recall, _ = figures.overall()
    assert precision >= TARGET_PRECISION, report_figures(figures)
    assert recall >= TARGET_RECALL, report_figures(figures)


@pytest.mark.parametrize("category", CATEGORIES)
def test_category_f1(figures, category):
    assert figures.category(category)[2] >= TARGET_CATEGORY_F1, report_figures(figures)


@pytest.mark.parametrize("element", ELEMENTS)
def test_section_agreement(figures, element):
    assert figures.section(element) >= TARGET_SECTION_IOU, report_figures(figures)


def test_ranking(figures):
    assert figures.ranking >= TARGET_RANKING, report_figures(figures)
