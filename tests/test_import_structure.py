"""The house as its imports draw it: no import circles, no app reaching into another beyond
what docs/architecture.md allows, and no import of our own code hidden inside a function
except where docs/architecture.md says why ("Imports inside functions"). Read with `ast`
only: nothing is imported or run."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "toolkit"
ARCHITECTURE = ROOT / "docs" / "architecture.md"


def modules():
    """{dotted name: path} of every module of ours, tests and migrations left out."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if "tests" in parts or "migrations" in parts:
            continue
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def resolve(module, node, known):
    """The modules of ours an import statement names (relative imports made absolute)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = module.split(".")
        is_package = known[module].name == "__init__.py"
        if node.level:
            base = base[: len(base) - node.level + (1 if is_package else 0)]
            prefix = ".".join(base + ([node.module] if node.module else []))
        else:
            prefix = node.module or ""
        # `from package import module` names the module; `from module import name`, the module.
        names = [
            f"{prefix}.{alias.name}" if f"{prefix}.{alias.name}" in known else prefix
            for alias in node.names
        ]
    found = set()
    for name in names:
        while name and name not in known:
            name = name.rpartition(".")[0]
        if name.startswith("toolkit") and name != "toolkit":
            found.add(name)
    return found - {module}


class Imports(ast.NodeVisitor):
    """Module-level imports, and the imports inside each function with where they stand."""

    def __init__(self, module, known):
        self.module, self.known = module, known
        self.top, self.inside, self.scope = set(), [], []

    def visit_ClassDef(self, node):
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()

    def visit_FunctionDef(self, node):
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Import(self, node):
        self._record(node)

    def visit_ImportFrom(self, node):
        self._record(node)

    def _record(self, node):
        targets = resolve(self.module, node, self.known)
        if not self.scope:
            self.top |= targets
        elif targets:
            self.inside.append((".".join(self.scope), sorted(targets)))


def read_house():
    known = modules()
    graph, inside = {}, {}
    for module, path in known.items():
        visitor = Imports(module, known)
        visitor.visit(ast.parse(path.read_text(), str(path)))
        graph[module] = visitor.top
        inside[module] = visitor.inside
    return graph, inside


def circles(graph):
    """Strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def allowed_inside():
    """The documented exceptions: `module:function` lines under "Imports inside functions"."""
    text = ARCHITECTURE.read_text()
    section = text.split("### Imports inside functions", 1)[1].split("\n#", 1)[0]
    return set(re.findall(r"`(toolkit\.[\w.]+:[\w.]+)`", section))


def is_app_ready(function):
    return function.endswith(".ready") and function.split(".")[-2].endswith("Config")


def test_no_module_of_ours_imports_itself_in_a_circle():
    graph, _inside = read_house()
    assert circles(graph) == []


def test_no_import_of_our_code_hides_inside_a_function_without_a_documented_reason():
    _graph, inside = read_house()
    allowed = allowed_inside()
    hidden = [
        f"{module}:{function} imports {', '.join(targets)}"
        for module, found in sorted(inside.items())
        for function, targets in found
        if not is_app_ready(function) and f"{module}:{function}" not in allowed
    ]
    assert hidden == []


def test_every_documented_exception_is_still_needed():
    _graph, inside = read_house()
    present = {f"{module}:{function}" for module, found in inside.items() for function, _t in found}
    assert allowed_inside() - present == set()


def test_the_circle_finder_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def allowed_uses():
    """{app: [what it may use]} from the apps table of docs/architecture.md."""
    section = ARCHITECTURE.read_text().split("## Apps, and who may use whom", 1)[1]
    table = section.strip().split("\n\n")[0]
    uses = {}
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        found = re.fullmatch(r"`toolkit/(\w+)`", cells[0])
        if found and len(cells) == 3:
            uses[found.group(1)] = re.findall(r"`([\w.]+)`", cells[2])
    return uses


def test_every_app_uses_only_what_the_architecture_allows():
    graph, _inside = read_house()
    uses = allowed_uses()
    reaching = []
    for module, targets in sorted(graph.items()):
        if module.count(".") < 2:  # toolkit.urls and toolkit.settings stand above every app
            continue
        app = module.split(".")[1]
        for target in sorted(targets):
            other = target.split(".")[1]
            if other == app or target == "toolkit.settings" or app not in uses:
                continue
            short = target.removeprefix("toolkit.")
            if not any(short == use or short.startswith(use + ".") for use in uses[app]):
                reaching.append(f"{module} -> {target} (may use: {', '.join(uses[app])})")
    assert reaching == []
