"""Optional packages (pyarrow, warcio, trafilatura, dask) imported on demand.

A missing package is a configuration problem, not a crash: ``require`` raises a coded
``ConfigError`` that names the extra to install, so the CLI prints one line.
"""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType

from newsfacts.errors import Errors


def require(module: str, extra: str, purpose: str) -> ModuleType:
    """``module`` imported, or ConfigError saying which newsfacts extra provides it.

    A package that is installed but fails to import (one of its own dependencies missing,
    say) is reported as that, with the import error's message, not as a missing package.
    """
    top = module.split(".")[0]
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        if importlib.util.find_spec(top) is not None:
            raise Errors.EXTRA_BROKEN(
                purpose=purpose,
                top=top,
                module=module,
                exc=exc,
                extra=extra) from exc
        raise Errors.EXTRA_NOT_INSTALLED(purpose=purpose, top=top, extra=extra) from exc
