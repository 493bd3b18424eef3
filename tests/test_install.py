"""Reproducible installs: the README's Quick start and ``.ci/run`` install the same way, through
``constraints.txt``, and that file pins every package a development install pulls in, at versions
the project's own requirements allow.

The pins are read from the installed metadata (``importlib.metadata``): a requirement of
newsfacts, or of anything it pulls in, that has no pin fails here, and so does a pin outside a
range pyproject.toml declares.
"""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
CONSTRAINTS = ROOT / "constraints.txt"
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI_RUN = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def pins() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, version = line.partition("==")
        assert sep and version and re.fullmatch(r"[A-Za-z0-9._-]+", name), \
            f"not an exact pin: {line!r}"
        table[canonicalize_name(name)] = version
    return table


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.*?)\n```", section, re.S)


def pip_step(command: str) -> str:
    steps = [s.strip() for s in command.split("&&") if s.strip().startswith("pip ")]
    assert len(steps) == 1, command
    return steps[0]


def test_quick_start_installs_through_the_constraints() -> None:
    commands = quick_start_commands()
    assert len(commands) == 2
    assert [pip_step(c) for c in commands] == [
        "pip install -c constraints.txt -e .", 'pip install -c constraints.txt -e ".[dev]"']
    for command in commands:
        assert "--upgrade" not in command and "-U " not in command


def test_ci_runs_the_readme_install_verbatim() -> None:
    ci_installs = [line.strip() for line in CI_RUN.splitlines()
                   if line.strip().startswith("pip ")]
    assert ci_installs == ['pip install --quiet -c constraints.txt -e ".[dev]"']
    readme_dev = pip_step(quick_start_commands()[1])
    assert ci_installs[0].replace(" --quiet", "") == readme_dev  # only quieter
    assert "--upgrade" not in CI_RUN and "ensurepip" not in CI_RUN


def requirements_of(name: str, extras: frozenset[str]) -> list[Requirement]:
    """The requirements of an installed distribution that apply here with these extras."""
    wanted: list[Requirement] = []
    for text in metadata.requires(name) or []:
        requirement = Requirement(text)
        marker = requirement.marker
        if marker is None or any(marker.evaluate({"extra": extra}) for extra in extras or {""}):
            wanted.append(requirement)
    return wanted


def development_closure() -> dict[str, list[Requirement]]:
    """Every distribution a development install pulls in, with the requirements naming it."""
    seen: dict[str, list[Requirement]] = {}
    todo: list[tuple[str, frozenset[str]]] = [("newsfacts", frozenset({"dev"}))]
    done: set[tuple[str, frozenset[str]]] = set()
    while todo:
        name, extras = todo.pop()
        if (name, extras) in done:
            continue
        done.add((name, extras))
        for requirement in requirements_of(name, extras):
            key = canonicalize_name(requirement.name)
            seen.setdefault(key, []).append(requirement)
            todo.append((key, frozenset(requirement.extras)))
    return seen


def test_constraints_pin_every_package_of_a_development_install() -> None:
    pinned = pins()
    closure = development_closure()
    assert {"spacy", "pydantic", "trafilatura", "lxml-html-clean", "hypothesis"} <= set(closure)
    missing = sorted(set(closure) - set(pinned))
    assert not missing, f"no pin in constraints.txt for {missing}"


def test_every_pin_meets_the_requirements() -> None:
    pinned = pins()
    outside = sorted({f"{r.name}=={pinned[name]} outside {r.specifier}"
                      for name, rs in development_closure().items() if name in pinned
                      for r in rs if not r.specifier.contains(pinned[name], prereleases=True)})
    assert not outside, f"constraints.txt: {outside}"
