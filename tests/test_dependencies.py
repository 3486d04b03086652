"""Every package our code imports is declared in pyproject.toml, not merely brought along by
another one: an upgrade of Wagtail that dropped django-ninja must not break our API."""

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def normalise(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def declared():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = [*project["dependencies"], *project["optional-dependencies"]["scale"]]
    dev = tomllib.loads((ROOT / "pyproject.toml").read_text())["dependency-groups"]["dev"]

    def names(requirements):
        return {normalise(re.split(r"[\s\[<>=!~;]", item, maxsplit=1)[0]) for item in requirements}

    return names(runtime), names(dev)


def imported_modules(folder, include_tests):
    found = {}
    for path in folder.rglob("*.py"):
        is_test = "tests" in path.relative_to(ROOT).parts
        if is_test != include_tests or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                found.setdefault(module.split(".")[0], path.relative_to(ROOT))
    return found


def undeclared(modules, allowed):
    distributions = importlib.metadata.packages_distributions()
    missing = []
    for module, where in sorted(modules.items()):
        if module in sys.stdlib_module_names or module in ("toolkit", "tests", "bench"):
            continue
        names = {normalise(name) for name in distributions.get(module, [module])}
        if not names & allowed:
            missing.append(f"{module} ({', '.join(sorted(names))}), imported in {where}")
    return missing


def test_every_package_the_application_imports_is_declared():
    runtime, _dev = declared()
    assert undeclared(imported_modules(ROOT / "toolkit", include_tests=False), runtime) == []


def test_every_package_the_tests_import_is_declared():
    runtime, dev = declared()
    tests = {
        **imported_modules(ROOT / "toolkit", include_tests=True),
        **imported_modules(ROOT / "tests", include_tests=True),
    }
    assert undeclared(tests, runtime | dev) == []
