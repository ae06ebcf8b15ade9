"""Which PyTorch runs the exporter: the one place that knows. Cases that behave differently across
versions ask `since()`; new cases that need a newer API are listed behind `at_least()`. Nothing
else in the exporter reads torch.__version__.

VERSIONS lists, oldest first, the PyTorch versions rnnspec records (golden/<version>/); each comes
from a Debian release: 1.13 from Debian 12 (bookworm), 2.6 from Debian 13 (trixie).
"""

import torch

VERSIONS = ("1.13", "2.6")
TORCH = ".".join(torch.__version__.split("+")[0].split(".")[:2])  # "2.6.0+debian" -> "2.6"
assert TORCH in VERSIONS, f"PyTorch {torch.__version__} is not one of the recorded versions {VERSIONS}"


def _key(version: str) -> tuple:
    return tuple(int(p) for p in version.split("."))


def at_least(version: str) -> bool:
    """True when the running PyTorch is `version` or newer."""
    assert version in VERSIONS, version
    return _key(TORCH) >= _key(version)


def since(version: str, new, old):
    """`new` from PyTorch `version` on, `old` before it (an expected error, a description, ...)."""
    return new if at_least(version) else old
