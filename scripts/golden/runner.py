"""Cases and their runner: a Case runs PyTorch and fills its JSON record; an exception torch raises
is the expectation (type, exact message, phase), warnings are recorded in order. Seeded sample data."""

import copy
import re
import warnings
import zlib
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Callable, Optional

import torch

@dataclass
class Case:
    """One fixture. `body(rec, record)` runs PyTorch and fills `record`; it sets `rec.phase` as it
    goes so that an exception is recorded with the phase it happened in."""
    group: str
    name: str
    description: str
    api: str
    body: Callable[[SimpleNamespace, dict], None]
    args: dict = field(default_factory=dict)
    inputs: dict = field(default_factory=dict)
    raises: Optional[tuple] = None      # (exception type name, phase) that torch must raise
    deviation: Optional[str] = None
    isolated: bool = False              # run in a fresh interpreter (TORCH_WARN_ONCE warnings)

    @property
    def id(self) -> str:
        return f"{self.group}/{self.name}"

    @property
    def seed(self) -> int:
        return zlib.crc32(self.id.encode()) & 0x7FFFFFFF


def run_case(case: Case) -> tuple[dict, Optional[tuple]]:
    """Runs one case; returns its JSON record and, for RNN cases, (module, example inputs) to export."""
    record = {"id": case.id, "group": case.group, "api": case.api, "description": case.description,
              "seed": case.seed, "args": copy.deepcopy(case.args), "inputs": copy.deepcopy(case.inputs),
              "params": {}, "upstream": {}, "expected": {}}
    if case.deviation:
        record["deviation"] = case.deviation
    rec = SimpleNamespace(phase="construct", onnx=None)
    torch.manual_seed(case.seed)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            case.body(rec, record)
            error = None
        except Exception as exc:  # torch's exception is the expectation; anything else is a bug
            if case.raises is None:
                raise RuntimeError(f"{case.id}: unexpected {type(exc).__name__}: {exc}") from exc
            error = {"type": type(exc).__name__, "message": str(exc), "phase": rec.phase}
    expected = record["expected"]
    if case.raises is not None:
        if error is None or (error["type"], error["phase"]) != case.raises:
            raise AssertionError(f"{case.id}: expected {case.raises} but got {error}")
        expected.clear()
        expected["error"] = error
        rec.onnx = None
    assert ("outputs" in expected) != ("error" in expected), case.id
    if caught:
        expected["warnings"] = [{"type": w.category.__name__, "message": without_source_location(str(w.message))}
                                for w in caught]
    return record, rec.onnx


def without_source_location(message: str) -> str:
    """Drops the " (Triggered internally at <file>:<line>.)" that torch's C++ warnings append."""
    return re.sub(r" \(Triggered internally at .*\)$", "", message, flags=re.S)


def materialize(value):
    """Case data is a tensor or a function drawing it from the seeded RNG inside the case."""
    return value() if callable(value) else value


def sample(shape, dtype=torch.float32, kind="random") -> torch.Tensor:
    """Seeded data: "nice" gives multiples of 1/8 in [-1, 1], "random" standard normal."""
    if kind == "nice":
        return torch.randint(-8, 9, tuple(shape)).to(dtype) / 8
    if dtype.is_floating_point:
        return torch.randn(tuple(shape), dtype=dtype)
    return torch.randint(-3, 4, tuple(shape), dtype=dtype)


def rand(*shape, dtype=torch.float32):
    """Random data drawn inside the case, from its seeded RNG."""
    return lambda: sample(shape, dtype, "random")


def grid(*values: float, dtype=torch.float32, shape=None) -> torch.Tensor:
    t = torch.tensor(values, dtype=dtype)
    return t.reshape(shape) if shape is not None else t
