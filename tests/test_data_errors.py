"""A broken data file is the editor's mistake, not a bug: the command line names the file,
the entry and the field, exits with 2, shows no traceback and writes nothing. Each case runs
the real command on a broken copy of the shipped data file."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import frontmatter
import pytest

from conftest import ARTICLES, ROOT

REGISTRY = ROOT / "directive_digest" / "data" / "directives.yaml"
LEXICON = ROOT / "directive_digest" / "data" / "lexicon.yaml"
CALENDAR = ROOT / "directive_digest" / "data" / "calendar.yaml"

# (case, what to replace in directives.yaml, by what, what stderr must say after the file name)
REGISTRY_CASES = [
    ("missing id", "  - id: 03-CT/TW\n    kind: Chỉ thị\n", "  - kind: Chỉ thị\n",
     "entry 2 (line {second}): field 'id': missing"),
    ("missing slug", "    slug: chi-thi-03-ct-tw\n", "",
     "entry 2 (id 03-CT/TW, line {second}): field 'slug': missing"),
    ("duplicate id", "  - id: 03-CT/TW\n", "  - id: 06-CT/TW\n",
     "entry 2 (id 06-CT/TW, line {second}): field 'id': '06-CT/TW' again: entry 1 (id 06-CT/TW, line {first}) has it already"),
    ("duplicate slug", "    slug: chi-thi-03-ct-tw\n", "    slug: chi-thi-06-ct-tw\n",
     "entry 2 (id 03-CT/TW, line {second}): field 'slug': 'chi-thi-06-ct-tw' again: entry 1 (id 06-CT/TW, line {first})"),
    ("impossible date", "issued: 2011-05-14", "issued: 2011-02-30",
     "entry 2 (id 03-CT/TW, line {second}): field 'issued': '2011-02-30' is not a real date"),
    ("date as dd/mm/yyyy", "issued: 2011-05-14", "issued: 14/5/2011",
     "entry 2 (id 03-CT/TW, line {second}): field 'issued': '14/5/2011' is not a real date"),
    ("unknown continues", "continues: [06-CT/TW]", "continues: [6-CT/TW]",
     "entry 2 (id 03-CT/TW, line {second}): field 'continues': '6-CT/TW' is not the id of any entry"),
    ("wrong type", "    bare_number: true\n    aliases: []\n", "    bare_number: true\n    aliases: Chỉ thị ba\n",
     "entry 2 (id 03-CT/TW, line {second}): field 'aliases': must be a list, not text"),
    ("number as a list", '    number: "03"\n', "    number: [3]\n",
     "entry 2 (id 03-CT/TW, line {second}): field 'number': must be text or a whole number, not a list"),
    ("misspelt field", "    slug: chi-thi-03-ct-tw\n", "    slug: chi-thi-03-ct-tw\n    shortname: CT 03\n",
     "entry 2 (id 03-CT/TW, line {second}): field 'shortname': unknown field"),
    ("slug not URL-safe", "    slug: chi-thi-03-ct-tw\n", "    slug: ../chỉ-thị-03\n",
     "entry 2 (id 03-CT/TW, line {second}): field 'slug': '../chỉ-thị-03' must be lower-case ASCII"),
    ("unknown kind", "  - id: 03-CT/TW\n    kind: Chỉ thị\n", "  - id: 03-CT/TW\n    kind: Chỉ thi\n",
     "entry 2 (id 03-CT/TW, line {second}): field 'kind': 'Chỉ thi' is not a document kind"),
    ("entry not a mapping", "  - id: 03-CT/TW\n", "  - 03-CT/TW\n  - id: 03-CT/TW\n",
     "entry 2 (line {second}): an entry must be a mapping"),
    ("YAML syntax", "    slug: chi-thi-03-ct-tw\n", "    slug: [chi-thi-03-ct-tw\n",
     "not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence opened on line {slug})"),
    ("no directives list", "directives:\n", "directive:\n", "the file must hold a list 'directives:'"),
]

LEXICON_CASES = [
    ("misspelt list", "tail_markers:\n", "tail_marker:\n", "field 'tail_marker': unknown list"),
    ("item not text", "  - Tin ngành\n", "  - [Tin ngành]\n", "item 1 (line {label}): field 'section_labels': must be text, not a list"),
    ("empty marker", "  - Tin ngành\n", "  - '--'\n", "item 1 (line {label}): field 'section_labels': '--' is empty"),
    ("list as text", "section_labels:\n  - Tin ngành\n", "section_labels: Tin ngành\n  - Tin ngành\n",
     "field 'section_labels': must be a list, not text"),
    ("year not a number", "anniversaries:\n", "anniversaries:\n  ngày thành lập Đảng: năm 1930\n",
     "field 'anniversaries': 'ngày thành lập Đảng': the year must be a year such as 1890, not text"),
]

CALENDAR_CASES = [
    ("session day not a date", "start: 2017-11-07, end: 2017-11-09}", "start: 7/11/2017, end: 2017-11-09}",
     "body 'Ủy ban Kiểm tra Trung ương': field 'sessions': item "),
    ("session ends before it starts", "start: 2017-11-07, end: 2017-11-09}", "start: 2017-11-09, end: 2017-11-07}",
     "ends before it starts"),
    ("session without a number", "{term: XII, number: 19,", "{term: XII,",
     "field 'sessions': item 5: number must be a whole number"),
    ("term_written not true/false", "    term_written: true\n", "    term_written: có\n",
     "body 'Quốc hội': field 'term_written': must be true or false"),
    ("no bodies list", "bodies:\n", "body:\n", "the file must hold a list 'bodies:'"),
]


def line_of(path: Path, text: str) -> int:
    """Where ``text`` opens a line of the shipped file (so the cases survive editors' changes)."""
    return path.read_text(encoding="utf-8").split("\n").index(text) + 1


# The lines the messages name: the first two registry entries, the second's slug, the first label.
LINES = {"first": line_of(REGISTRY, "  - id: 06-CT/TW"), "second": line_of(REGISTRY, "  - id: 03-CT/TW"),
         "slug": line_of(REGISTRY, "    slug: chi-thi-03-ct-tw"), "label": line_of(LEXICON, "  - Tin ngành")}


def run(args: list[str], cwd: Path, package: Path = ROOT) -> subprocess.CompletedProcess:
    """The command line (``python -m directive_digest``) of the package found in ``package``."""
    return subprocess.run([sys.executable, "-m", "directive_digest", *args], cwd=cwd, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(package)})


def broken_copy(original: Path, target: Path, old: str, new: str) -> Path:
    text = original.read_text(encoding="utf-8")
    assert old in text, f"the case no longer fits {original.name}: {old!r}"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def assert_refused(result: subprocess.CompletedProcess, path: Path, says: str, out: Path) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"error: {path}: "), result.stderr
    assert says.format(**LINES) in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert not out.exists()  # nothing written: the mistake is found before any article is read


@pytest.mark.parametrize("case, old, new, says", REGISTRY_CASES, ids=[c[0] for c in REGISTRY_CASES])
def test_broken_registry_names_file_entry_and_field(tmp_path, case, old, new, says):
    registry = broken_copy(REGISTRY, tmp_path / "directives.yaml", old, new)
    out = tmp_path / "content"
    result = run(["--registry", str(registry), "--input", str(ARTICLES), "--output", str(out), "-q"], tmp_path)
    assert_refused(result, registry, says, out)


def test_missing_registry_file_is_a_usage_error(tmp_path):
    out = tmp_path / "content"
    result = run(["--registry", "khong-co.yaml", "--input", str(ARTICLES), "--output", str(out)], tmp_path)
    assert_refused(result, Path("khong-co.yaml"), "cannot read it: No such file or directory", out)


@pytest.fixture(scope="module")
def package_copy(tmp_path_factory) -> Path:
    """A copy of the package, whose lexicon each case breaks (the lexicon has no option)."""
    root = tmp_path_factory.mktemp("package")
    shutil.copytree(ROOT / "directive_digest", root / "directive_digest", ignore=shutil.ignore_patterns("__pycache__"))
    return root


PACKAGE_DATA_CASES = [(LEXICON, *case) for case in LEXICON_CASES] + [(CALENDAR, *case) for case in CALENDAR_CASES]


@pytest.mark.parametrize("data_file, case, old, new, says", PACKAGE_DATA_CASES,
                         ids=[f"{c[0].stem}: {c[1]}" for c in PACKAGE_DATA_CASES])
def test_broken_package_data_names_file_entry_and_field(tmp_path, package_copy, data_file, case, old, new, says):
    """The lexicon and the calendar have no option: a broken copy in a copy of the package."""
    broken = package_copy / "directive_digest" / "data" / data_file.name
    broken_copy(data_file, broken, old, new)
    out = tmp_path / "content"
    try:
        result = run(["--input", str(ARTICLES), "--output", str(out), "-q"], tmp_path, package_copy)
    finally:
        shutil.copy2(data_file, broken)
    assert_refused(result, broken, says, out)


def test_registry_kept_outside_the_package_is_used(tmp_path):
    """--registry takes effect: a directive renamed in an outside copy is named so on its page."""
    registry = broken_copy(REGISTRY, tmp_path / "so-tay.yaml", "    short_name: Chỉ thị 05\n",
                           "    short_name: Chỉ thị năm 2016\n")
    out = tmp_path / "content"
    result = run(["--registry", str(registry), "--input", str(ARTICLES), "--output", str(out), "-q",
                  "--no-cache"], tmp_path)
    assert result.returncode == 0, result.stderr
    page = frontmatter.load(out / "chi-thi-05-ct-tw" / "index.md")
    assert page["title"] == "Chỉ thị năm 2016 (05-CT/TW)"
    default = tmp_path / "default"
    assert run(["--input", str(ARTICLES), "--output", str(default), "-q", "--no-cache"], tmp_path).returncode == 0
    assert frontmatter.load(default / "chi-thi-05-ct-tw" / "index.md")["title"] == "Chỉ thị 05 (05-CT/TW)"
