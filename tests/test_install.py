"""Installing as a user would: a fresh virtual environment, ``pip install .`` of the project
(its pinned dependencies from the package index, or pip's cache), then the ``directive-digest``
command on the bundled articles and ``mkdocs build --strict`` of the site with the installed
``directive-digest`` MkDocs plugin. Then ``pip install -e .`` in the same environment: the
command runs the source tree itself."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ARTICLES, ROOT

# What pip needs from the project (a copy, so that pip's build/ and *.egg-info stay out of the tree).
DISTRIBUTED = ("pyproject.toml", "README.md", "requirements.txt", "requirements-dask.txt", "directive_digest")


def run(args: list, cwd: Path, **kw) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True,
                            env={**env, "NO_MKDOCS_2_WARNING": "1"}, **kw)
    assert result.returncode == 0, f"{args}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def copy_tree(src: Path, dst: Path) -> None:
    if src.is_dir():
        shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    else:
        shutil.copy2(src, dst)


def site_skeleton(site: Path) -> Path:
    """mkdocs.yml, the theme overrides and the hand-written pages: no package (the site
    plugin is the installed one)."""
    site.mkdir()
    copy_tree(ROOT / "mkdocs.yml", site / "mkdocs.yml")
    copy_tree(ROOT / "overrides", site / "overrides")
    tracked = run(["git", "ls-files", "content"], ROOT).stdout.split()
    assert tracked, "no hand-written pages found in git"
    for relative in tracked:
        (site / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / relative, site / relative)
    return site / "content"


def pages(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.md"))}


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """(virtual environment, project copy) after ``pip install .`` from the copy."""
    base = tmp_path_factory.mktemp("install")
    project = base / "project"
    project.mkdir()
    for name in DISTRIBUTED:
        copy_tree(ROOT / name, project / name)
    venv = base / "venv"
    run([sys.executable, "-m", "venv", venv], base)
    run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "."], project,
        timeout=900)
    return venv, project


def test_pip_install_gives_the_command_and_a_site(installed, tmp_path):
    venv, project = installed
    work = tmp_path / "work"  # no package here: what runs is the installed one
    work.mkdir()
    where = run([venv / "bin" / "python", "-c", "import directive_digest; print(directive_digest.__file__)"], work)
    assert Path(where.stdout.strip()).is_relative_to(venv)
    assert run([venv / "bin" / "directive-digest", "--version"], work).stdout.strip() == "directive-digest 0.1.0"

    site = tmp_path / "site"
    content = site_skeleton(site)
    result = run([venv / "bin" / "directive-digest", "--input", ARTICLES, "--output", content,
                  "--report", work / "report.json"], work)
    assert "articles ->" in result.stdout
    # The same pages as the source tree's command gives (package data, registry, lexicon included).
    reference = tmp_path / "reference"
    run([sys.executable, ROOT / "build_digest.py", "--input", ARTICLES, "--output", reference, "--no-cache", "-q"],
        tmp_path)
    hand_written = pages(site_skeleton(tmp_path / "blank"))
    digest = {k: v for k, v in pages(content).items() if k not in hand_written}
    assert len(digest) > 50 and digest == pages(reference)

    plugins = run([venv / "bin" / "python", "-c", "import importlib.metadata as m; print(*sorted(f'{e.name}={e.value}' "
                   "for e in m.entry_points(group='mkdocs.plugins')))"], work).stdout.split()
    assert "directive-digest=directive_digest.site.plugin:DigestPlugin" in plugins
    run([venv / "bin" / "mkdocs", "build", "--strict", "--quiet"], site)
    built = site / "site"
    home = (built / "index.html").read_text(encoding="utf-8")
    assert "Chỉ thị 05" in home
    article = next(p for p in digest if p.count("/") == 2 and not p.endswith("index.md"))
    page = (built / article.replace(".md", ".html")).read_text(encoding="utf-8")
    assert 'class="digest-trail"' in page and 'class="digest-meta"' in page  # the plugin's breadcrumb
    # What the plugin writes besides pages: feeds, the export, the search index.
    assert ET.parse(built / "feed.xml").getroot().findall("./channel/item")
    articles = [p for p, text in digest.items() if b"\nkind: article\n" in text]
    assert json.loads((built / "digest.json").read_text(encoding="utf-8"))["count"] == len(articles) > 20
    assert (built / "search" / "index.js").is_file()


def test_editable_install_runs_the_source_tree(installed, tmp_path):
    venv, project = installed
    run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps",
         "-e", "."], project, timeout=600)
    where = run([venv / "bin" / "python", "-c", "import directive_digest; print(directive_digest.__file__)"], tmp_path)
    assert Path(where.stdout.strip()) == project / "directive_digest" / "__init__.py"
    # An edit in the tree is what the command runs, with no reinstall.
    version = project / "directive_digest" / "version.py"
    version.write_text(version.read_text(encoding="utf-8").replace('"0.1.0"', '"0.1.0+edited"'), encoding="utf-8")
    assert run([venv / "bin" / "directive-digest", "--version"], tmp_path).stdout.strip() == "directive-digest 0.1.0+edited"


def test_the_dask_engine_is_an_extra_the_command_asks_for(installed, tmp_path):
    """Installed without the extra, --engine dask says how to get it (exit 2, before any work);
    the extra pins what requirements-dask.txt pins."""
    venv, _ = installed
    result = subprocess.run([venv / "bin" / "directive-digest", "--input", ARTICLES, "--output", tmp_path / "out",
                             "--engine", "dask"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 2
    assert "--engine dask needs Dask distributed: pip install 'directive-digest[dask]'" in result.stderr
    assert not (tmp_path / "out").exists()
    metadata = run([venv / "bin" / "python", "-c", "import importlib.metadata as m, json; d = m.metadata("
                    "'directive-digest'); print(json.dumps([d.get_all('Provides-Extra'), d.get_all('Requires-Dist')]))"],
                   tmp_path)
    extras, requires = json.loads(metadata.stdout)
    assert extras == ["dask"]
    pinned = [line.split("#")[0].strip() for line in (ROOT / "requirements-dask.txt").read_text().splitlines()
              if line.split("#")[0].strip()]
    assert pinned and all(f'{pin}; extra == "dask"' in requires for pin in pinned)
