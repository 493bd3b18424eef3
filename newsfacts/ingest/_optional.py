"""Optional packages (pyarrow, warcio, trafilatura, dask) imported on demand.

A missing package is a configuration problem, not a crash: ``require`` raises a coded
``ConfigError`` that names the extra to install, so the CLI prints one line.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from newsfacts.errors import ConfigError


def require(module: str, extra: str, purpose: str) -> ModuleType:
    """``module`` imported, or ConfigError saying which newsfacts extra provides it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ConfigError(
            f"{purpose} needs the optional package {module.split('.')[0]!r}, which is not "
            f"installed; install it with: pip install 'newsfacts[{extra}]'"
        ) from exc
