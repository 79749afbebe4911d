"""The package's structure: the import contracts in pyproject.toml (import-linter), no import
hidden in a function to dodge a cycle, no private name imported from another module."""
from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "directive_digest"
SITE = "directive_digest.site"  # the MkDocs plugin


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_imports(path: Path):
    """(node, imported module, names, inside a function?) for each import of the package's own modules."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    in_function: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            in_function.update(id(inner) for inner in ast.walk(node) if inner is not node)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            target, names = node.names[0].name, []
        else:
            continue
        if target == "directive_digest" or target.startswith("directive_digest."):
            yield node, target, names, id(node) in in_function


def package_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 7 kept, 0 broken." in result.stdout


def _contract(contract_id: str) -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return next(c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == contract_id)


def test_the_site_contract_names_every_module_but_the_site():
    """Nothing imports the site plugin: the contract's list is every module of the package
    (a module added later is in it, or this fails)."""
    modules = {module_name(p).split(".")[1] for p in PACKAGE.rglob("*.py") if p.parent != PACKAGE or p.name != "__init__.py"}
    listed = {name.split(".")[1] for name in _contract("site-above")["source_modules"]}
    assert listed == modules - {"site"}
    assert _contract("site-above")["forbidden_modules"] == [SITE]


def test_the_site_plugin_is_registered_by_entry_point():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    target = config["project"]["entry-points"]["mkdocs.plugins"]["directive-digest"]
    assert target.startswith(SITE + ".")
    mkdocs_yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\nplugins:\n  - directive-digest:" in mkdocs_yml and "\nhooks:" not in mkdocs_yml
    # CI's site build installs the project, or MkDocs would not find the plugin.
    workflow = (ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8")
    assert "python -m pip install --no-deps .\n" in workflow


def test_no_import_of_the_package_inside_a_function():
    hidden = [f"{path.relative_to(ROOT)}:{node.lineno} imports {target}"
              for path in package_files() for node, target, _, inside in package_imports(path) if inside]
    assert hidden == []


def test_no_private_name_imported_from_another_module():
    private = [f"{path.relative_to(ROOT)}:{node.lineno} imports {target}.{name}"
               for path in package_files() for node, target, names, _ in package_imports(path)
               for name in names if name.startswith("_") and not name.startswith("__")]
    assert private == []


@pytest.mark.parametrize("source, found", [
    ("def f():\n    from .build import understand\n", "imports directive_digest.build"),
    ("from .write import _digest\n", "imports directive_digest.write._digest"),
])
def test_the_checks_see_what_they_look_for(tmp_path, monkeypatch, source, found):
    """The two checks above, on a module that breaks each rule: they report it."""
    (tmp_path / "directive_digest").mkdir()
    (tmp_path / "directive_digest" / "__init__.py").write_text("")
    (tmp_path / "directive_digest" / "bad.py").write_text(source)
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", tmp_path / "directive_digest")
    with pytest.raises(AssertionError, match=found.replace(".", r"\.")):
        test_no_import_of_the_package_inside_a_function()
        test_no_private_name_imported_from_another_module()
