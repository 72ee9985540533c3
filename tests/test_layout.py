"""The layout shows the architecture: apps in layers, small modules, README's table true to the tree."""

import re
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent
LONGEST_MODULE = 800


def project_apps():
    return sorted(Path(config.path).name for config in apps.get_app_configs() if Path(config.path).parent == ROOT)


def test_no_module_of_an_app_is_longer_than_800_lines():
    too_long = {
        str(path.relative_to(ROOT)): lines
        for name in project_apps()
        for path in (ROOT / name).rglob("*.py")
        if "migrations" not in path.parts and (lines := len(path.read_text().splitlines())) > LONGEST_MODULE
    }
    assert too_long == {}


def test_the_layers_contract_names_every_app():
    contract = (ROOT / "pyproject.toml").read_text().split("[[tool.importlinter.contracts]]")[1]
    layers = set(re.findall(r'^\s+"(\w+)",$', contract, flags=re.M))
    assert layers == set(project_apps()) | {"config"}


def test_readme_layout_table_lists_every_app_and_names_only_what_exists():
    readme = (ROOT / "README.md").read_text()
    table = readme.split("## Layout", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^\| `([\w/]+?)/?`", table, flags=re.M))
    assert set(project_apps()) | {"config"} <= listed
    assert all((ROOT / path).exists() for path in listed), listed


def test_every_app_has_its_tests_folder():
    assert [name for name in project_apps() if not (ROOT / "tests" / name).is_dir()] == []
