"""The docs name only code that exists: files, modules and their names, commands, make targets.

Reads docs/architecture.md, README.md and CONTRIBUTING.md (when there is one). Only backticked
code spans and markdown links are references; fenced code blocks, URLs, runtime paths and
placeholders (`<app>`, `…`, `*`, `{a,b}`) are left alone. Nothing from toolkit is imported: its
modules are parsed with ast, so the test needs neither Django settings nor a database.
"""

import ast
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOLKIT = ROOT / "toolkit"
ARCHITECTURE = ROOT / "docs" / "architecture.md"
DOCS = [ARCHITECTURE, ROOT / "README.md"] + [
    doc for doc in [ROOT / "CONTRIBUTING.md"] if doc.exists()
]
APPS = {init.parent.name for init in TOOLKIT.glob("*/__init__.py")}
APPS_TABLE = "## Apps, and who may use whom"
COMMANDS_TABLE = "## Management commands"
# Commands that Django, Wagtail and django-tasks bring, which the docs may name.
FOREIGN_COMMANDS = {
    "check", "collectstatic", "compilemessages", "createcachetable", "createsuperuser",
    "db_worker", "dbshell", "makemessages", "makemigrations", "migrate", "runserver", "shell",
    "update_index",
}  # fmt: skip

SPAN = re.compile(r"`([^`]+)`")
LINK = re.compile(r"\]\(([^)\s]+)\)")
NOT_A_PATH = re.compile(r"^([a-z][a-z0-9+.-]*:|/|~/|var/|\.venv/|node_modules/)|[<>…*{}\s]")
FILE_NAME = re.compile(r"\.(py|md|html|txt|js|css|toml|json|po|sh|ttf|png|svg|lock)$")
DOTTED = re.compile(r"^[a-z_]\w*(\.\w+)+(\(\))?$")
MANAGE = re.compile(r"\bmanage\.py\s+([\w-]+)")
MAKE = re.compile(r"(?:^|[\s;&|])make\s+(?:\w+=\S*\s+)*([A-Za-z0-9_][\w.-]*)")


@cache
def lines(doc):
    """(number, line) of every line of doc outside fenced code blocks."""
    found, fenced = [], False
    for number, line in enumerate(doc.read_text().splitlines(), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced:
            found.append((number, line))
    return found


def spans(doc):
    return [(number, span.strip()) for number, line in lines(doc) for span in SPAN.findall(line)]


def table_rows(doc, heading):
    """(number, cells) of the body rows of the table in the section under heading."""
    rows, inside = [], False
    for number, line in lines(doc):
        if line.startswith("#"):
            inside = line.strip() == heading
        elif inside and line.startswith("|") and set(line.strip()) - set("|-: "):
            rows.append((number, [cell.strip() for cell in line.strip().strip("|").split("|")]))
    return rows[1:]  # the first one is the header


def where(doc, number, ref, why):
    return f"{doc.relative_to(ROOT)}:{number}: `{ref}` {why}"


def report(problems, what):
    assert not problems, f"{len(problems)} {what}:\n" + "\n".join(problems)


def is_path(ref):
    """A file or folder of ours, as opposed to a URL path, a MIME type or a placeholder."""
    if "/" not in ref or NOT_A_PATH.search(ref):
        return False
    top = ref.split("/")[0]
    return bool(FILE_NAME.search(ref)) or any((r / top).is_dir() for r in (ROOT, TOOLKIT))


def path_exists(doc, ref):
    roots = (ROOT, TOOLKIT, TOOLKIT / "templates", doc.parent)  # static/, templates/, chapters/…
    return any((root / ref).exists() for root in roots)


@cache
def top_level_names(module):
    """What a module defines at its top level: defs, classes, assignments and imports."""
    names, statements = set(), list(ast.parse(module.read_text()).body)
    while statements:
        node = statements.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
        elif isinstance(node, ast.If | ast.Try | ast.With):
            statements += [n for n in ast.iter_child_nodes(node) if isinstance(n, ast.stmt)]
    return names


def module_of(parts):
    """The file under toolkit/ of the longest module prefix of parts, and the names after it."""
    folder = TOOLKIT
    for index, part in enumerate(parts):
        if (folder / part / "__init__.py").exists():
            folder = folder / part
        elif (folder / f"{part}.py").exists():
            return folder / f"{part}.py", parts[index + 1 :]
        else:
            return folder / "__init__.py", parts[index:]
    return folder / "__init__.py", []


def undefined(module, names):
    if names and names[0] not in top_level_names(module):
        return f"`{names[0]}` is no module, nor defined in {module.relative_to(ROOT)}"
    return None


def qualified(ref):
    """The parts of a reference to our code by its full name (`practices.search`), or None."""
    parts = ref.removesuffix("()").split(".")
    if parts[0] == "toolkit":
        return parts[1:]
    return parts if parts[0] in APPS else None


def test_every_file_the_docs_name_exists():
    problems = []
    for doc in DOCS:
        for number, ref in spans(doc):
            if is_path(ref) and not path_exists(doc, ref):
                problems.append(where(doc, number, ref, "names a path that does not exist"))
        for number, line in lines(doc):
            for target in LINK.findall(line):
                path = target.split("#")[0]
                if path and not NOT_A_PATH.search(path) and not (doc.parent / path).exists():
                    problems.append(where(doc, number, target, "links to a missing file"))
    report(problems, "references to missing files")


def test_every_module_the_docs_name_exists_and_defines_the_name_after_it():
    problems = []
    for doc in DOCS:
        dotted = [(n, r) for n, r in spans(doc) if DOTTED.match(r) and not FILE_NAME.search(r)]
        introduced = {}  # `search` -> toolkit/practices/search.py, once `practices.search` is named
        for number, ref in dotted:
            if (parts := qualified(ref)) is not None:
                module, names = module_of(parts)
                introduced.setdefault(module.stem, module)
                if problem := undefined(module, names):
                    problems.append(where(doc, number, ref, problem))
        for number, ref in dotted:
            first, *names = ref.removesuffix("()").split(".")
            if qualified(ref) is None and first in introduced:
                problem = undefined(introduced[first], names)
                problems += [where(doc, number, ref, problem)] if problem else []
    report(problems, "references to missing modules or names")


def test_every_file_and_app_in_the_apps_table_belongs_to_its_row():
    rows = table_rows(ARCHITECTURE, APPS_TABLE)
    assert rows, f"no table of apps under {APPS_TABLE!r}"
    problems = []
    for number, cells in rows:
        app = SPAN.findall(cells[0])[0]
        if not (ROOT / app).is_dir():
            problems.append(where(ARCHITECTURE, number, app, "is not a folder"))
        for ref in SPAN.findall("|".join(cells[1:-1])):
            if re.fullmatch(r"\w+\.py", ref) and not (ROOT / app / ref).exists():
                problems.append(where(ARCHITECTURE, number, ref, f"is not a file of {app}"))
        for ref in SPAN.findall(cells[-1]):
            parts = qualified(ref)
            problem = undefined(*module_of(parts)) if parts else "is not an app of ours"
            problems += [where(ARCHITECTURE, number, ref, problem)] if problem else []
    report(problems, "wrong entries in the apps table")


def command_references(doc):
    refs = [(number, name) for number, ref in spans(doc) for name in MANAGE.findall(ref)]
    for number, cells in table_rows(doc, COMMANDS_TABLE):
        refs += [(number, ref.split()[0]) for ref in SPAN.findall(cells[0])]
    return refs


def test_every_management_command_the_docs_name_exists():
    ours = {command.stem for command in TOOLKIT.glob("*/management/commands/[!_]*.py")}
    problems = [
        where(doc, number, name, "is not a management command")
        for doc in DOCS
        for number, name in command_references(doc)
        if name not in ours | FOREIGN_COMMANDS
    ]
    report(problems, "references to missing management commands")


def test_every_make_target_the_docs_name_is_in_the_makefile():
    rules = re.findall(r"^([^\s:=#][^:=]*):(?!=)", (ROOT / "Makefile").read_text(), re.M)
    targets = {target for rule in rules for target in rule.split()}
    problems = [
        where(doc, number, f"make {target}", "is not a target of the Makefile")
        for doc in DOCS
        for number, ref in spans(doc)
        for target in MAKE.findall(ref)
        if target not in targets
    ]
    report(problems, "references to missing make targets")
