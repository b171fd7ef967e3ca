"""The public Python API (`import poalint`): what the README documents works as written."""

from __future__ import annotations

import re

import pytest

import poalint
from tests.conftest import GOOD, ROOT

WEAK = (
    "# Plan\n\n## Root cause\nIt happened.\n\n## Immediate actions\nWe refunded the 3 buyers on 2 May.\n\n"
    "We will try harder. It was the carrier's fault!!!\n"
)


@pytest.fixture()
def shared_pipeline(nlp, monkeypatch):
    """Sessions built by the API load this test run's pipeline instead of a new one."""
    import poalint.nlp.pipeline

    monkeypatch.setattr(poalint.nlp.pipeline, "load_pipeline", lambda name=None, exclude=(): nlp)


def test_every_public_name_resolves():
    for name in poalint.__all__:
        assert getattr(poalint, name) is not None
    with pytest.raises(AttributeError):
        poalint.no_such_name  # noqa: B018


def test_module_level_lint_text_takes_a_config_file(tmp_path, shared_pipeline):
    config = tmp_path / "house.yaml"
    config.write_text("ignore: [tone, blame]\n")
    plain = poalint.lint_text(WEAK, path="poa.md", isolated=True, cache=False)
    assert {f.category for f in plain.findings} >= {"tone", "blame"}
    configured = poalint.lint_text(WEAK, path="poa.md", config=str(config), cache=False)
    assert not {f.category for f in configured.findings} & {"tone", "blame"}
    assert isinstance(configured, poalint.FileReport) and configured.explanation is not None
    assert configured.score > plain.score  # ignored rules deduct nothing


def test_module_level_lint_paths_returns_the_report(tmp_path, shared_pipeline):
    (tmp_path / "good.md").write_text(GOOD)
    (tmp_path / "weak.md").write_text(WEAK)
    report = poalint.lint_paths([str(tmp_path), str(tmp_path / "missing.md")], isolated=True, cache=False)
    assert isinstance(report, poalint.Report)
    assert sorted(f.path.rsplit("/", 1)[-1] for f in report.files) == ["good.md", "weak.md"]
    assert [e.path for e in report.errors] == [str(tmp_path / "missing.md")]


def test_unknown_options_and_bad_configuration_are_reported(tmp_path, shared_pipeline):
    with pytest.raises(TypeError):
        poalint.lint_text(GOOD, colour=True)
    bad = tmp_path / ".poalint.yaml"
    bad.write_text("fail_level: error\n")
    with pytest.raises(poalint.UserError) as caught:
        poalint.lint_text(GOOD, path=str(tmp_path / "poa.md"), cache=False)
    assert "fail-level" in caught.value.line()  # did you mean


def test_run_result_renders_every_format_and_exit_status_has_defaults(tmp_path, shared_pipeline):
    from poalint.render import formats

    (tmp_path / "weak.md").write_text(WEAK)
    session = poalint.Session(poalint.SessionOptions(isolated=True, cache=False, keep_sources=True))
    result = session.lint_paths([str(tmp_path)])
    assert result.exit_status() == 1 and result.exit_status(exit_zero=True) == 0
    assert result.exit_status(fail_level="error", fail_under=0) == 1  # the weak draft has errors
    for fmt in formats():
        assert str(tmp_path / "weak.md") in result.render(fmt)
    assert set(result.sources) == {str(tmp_path / "weak.md")}


def test_the_readme_example_runs_as_written(tmp_path, monkeypatch, shared_pipeline, capsys):
    readme = (ROOT / "README.md").read_text()
    section = readme.split("### Python API", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "poa.md").write_text(GOOD)
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.md").write_text(WEAK)
    exec(compile(code, "README.md", "exec"), {})  # our own documentation
    printed = capsys.readouterr().out.splitlines()
    assert printed and printed[0].split()[1] in "ABCDF"
    assert (tmp_path / "report.html").read_text().startswith("<!DOCTYPE html>")
