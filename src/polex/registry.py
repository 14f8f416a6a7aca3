"""Named, versioned stage factories, so a run records exactly which components coded it.

A name is ``polex.<stage>.<implementation>.v<N>``; a new behaviour gets a new version
rather than silently changing an old one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_FACTORIES: dict[str, Callable[..., Any]] = {}


def register(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorator(factory: Callable[..., Any]) -> Callable[..., Any]:
        if name in _FACTORIES:
            raise ValueError(f"component {name!r} is already registered")
        _FACTORIES[name] = factory
        return factory

    return decorator


def create(name: str, **kwargs: Any) -> Any:
    try:
        factory = _FACTORIES[name]
    except KeyError:
        known = ", ".join(sorted(_FACTORIES)) or "none"
        raise KeyError(f"no component named {name!r} (known: {known})") from None
    return factory(**kwargs)


def names() -> list[str]:
    return sorted(_FACTORIES)
