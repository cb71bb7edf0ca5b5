"""Numbers a user may set in the environment ($PUFA_BATCH_TRIPLES, $PUFA_REMOTE_CHUNK …), checked in one place."""

from __future__ import annotations

import os

from .errors import PufaError


def setting(name: str, default: int) -> int:
    """A positive whole number from the environment, or one line saying what is wrong with it."""
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise PufaError(f"${name} must be a positive whole number (it is {value!r})")
    return number
