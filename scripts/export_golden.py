#!/usr/bin/python3
"""Export rnnspec's golden fixtures from PyTorch (the spec's oracle).

Writes into the folder given by --out (normally golden/, through `npm run golden`):
  cases/<group>/<name>.json   one case per file; groups tensor, embedding, rnn, packing
  onnx/rnn/<name>.onnx        torch.onnx.export of the case's nn.RNN, where ONNX can express it
  manifest.json               versions, this script's sha256, the case list, a sha256 per file
The format is scripts/FIXTURES.md. Every expectation is computed here by PyTorch, and every error is
the exception torch raised, caught and recorded (never typed in by hand); the one exception is a
case marked "deviation", where rnnspec deliberately raises although torch 1.13 does not.
The output is a pure function of this file and the installed torch/onnx/numpy: two runs give
byte-identical files.

Run it with Debian's interpreter (python3-torch, python3-onnx), from any folder but the torch
package's own:
    /usr/bin/python3 scripts/export_golden.py --out golden        (or: npm run golden)
    /usr/bin/python3 scripts/export_golden.py --case tensor/NAME  (one case's JSON to stdout)
The --out folder must be empty or absent.
"""

import argparse
import copy
import hashlib
import io
import json
import math
import os
import platform
import re
import subprocess
import sys
import warnings
import zlib
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Callable, Optional

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils.rnn import (PackedSequence, pack_padded_sequence, pack_sequence,
                                pad_packed_sequence, pad_sequence, unpack_sequence,
                                unpad_sequence)

FORMAT = 1
ONNX_OPSET = 14
MAX_SAFE_INT = 2**53 - 1

# The message rnnspec raises where torch 1.13 silently packs garbage (FIXTURES.md, "deviation").
LENGTH_DEVIATION = "pack_padded_sequence: lengths[{i}]={length} exceeds the padded sequence length {T}"
LENGTH_DEVIATION_NOTE = (
    "torch 1.13 does not check that a length fits the padded input and packs garbage (issues #144207, "
    "#146744); rnnspec raises ValueError '" + LENGTH_DEVIATION + "' for the first such i, after "
    "torch's own checks on the lengths have passed")

DTYPES = {
    "float32": torch.float32, "float64": torch.float64, "int64": torch.int64, "int32": torch.int32,
    "int16": torch.int16, "int8": torch.int8, "uint8": torch.uint8, "bool": torch.bool,
}
DTYPE_NAMES = {v: k for k, v in DTYPES.items()}
# JS typed arrays play numpy arrays; the unsigned wide ones exist in JS but torch 1.13 rejects them.
NP_DTYPES = {
    "float32": np.float32, "float64": np.float64, "int64": np.int64, "int32": np.int32,
    "int16": np.int16, "int8": np.int8, "uint8": np.uint8, "uint16": np.uint16,
    "uint32": np.uint32, "uint64": np.uint64,
}
FLOATS = ("float32", "float64")


# =============================================================================== value encoding

def encode_element(value, dtype: str):
    """One element as FIXTURES.md says: repr of the float64, non-finite as strings, big ints as strings."""
    if dtype in FLOATS:
        value = float(value)
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return value
    if dtype == "bool":
        return bool(value)
    value = int(value)
    if abs(value) > MAX_SAFE_INT:
        return str(value)
    return value


def decode_element(value, dtype: str):
    if dtype in FLOATS:
        return float(value)  # float("nan"), float("-inf") and plain numbers alike
    if dtype == "bool":
        return bool(value)
    return int(value)


def encode_tensor(t: torch.Tensor) -> dict:
    """{dtype, shape, data}; checks that the encoding decodes back to the very same values."""
    t = t.detach()
    name = DTYPE_NAMES[t.dtype]
    encoded = {"dtype": name, "shape": list(t.shape),
               "data": [encode_element(v, name) for v in t.reshape(-1).tolist()]}
    back = decode_tensor(encoded)
    assert torch.equal(back, t) or (name in FLOATS and torch.equal(back.isnan(), t.isnan())
                                    and torch.equal(back.nan_to_num(0.0), t.nan_to_num(0.0))), name
    return encoded


def decode_tensor(encoded: dict) -> torch.Tensor:
    dtype = encoded["dtype"]
    values = [decode_element(v, dtype) for v in encoded["data"]]
    return torch.tensor(values, dtype=DTYPES[dtype]).reshape(encoded["shape"])


def encode_packed(packed: PackedSequence) -> dict:
    """A PackedSequence's fields; the index tensors are absent when None."""
    out = {"data": encode_tensor(packed.data), "batch_sizes": encode_tensor(packed.batch_sizes)}
    if packed.sorted_indices is not None:
        out["sorted_indices"] = encode_tensor(packed.sorted_indices)
    if packed.unsorted_indices is not None:
        out["unsorted_indices"] = encode_tensor(packed.unsorted_indices)
    return out


def decode_packed(encoded: dict) -> PackedSequence:
    optional = {k: decode_tensor(encoded[k]) for k in ("sorted_indices", "unsorted_indices") if k in encoded}
    return PackedSequence(decode_tensor(encoded["data"]), decode_tensor(encoded["batch_sizes"]), **optional)


# ----------------------------------------------------------------------- JS values (FIXTURES.md)

NAN = {"$num": "nan"}
INF = {"$num": "inf"}
NEG_INF = {"$num": "-inf"}
NEG_ZERO = {"$num": "-0"}
NULL = {"$none": True}


def big(n: int) -> dict:
    """A JS bigint."""
    return {"$bigint": str(n)}


def typed(dtype: str, values) -> dict:
    """A JS typed array (Float32Array, BigInt64Array, ...): numpy rounds the values to its dtype."""
    arr = np.array(values, dtype=NP_DTYPES[dtype])
    kind = "float32" if dtype == "float32" else ("float64" if dtype == "float64" else "int64")
    return {"$typed": dtype, "data": [encode_element(v, kind) for v in arr.tolist()]}


def existing(t: torch.Tensor) -> dict:
    """An existing rnnspec Tensor."""
    return {"$tensor": encode_tensor(t)}


def jsstr(s: str) -> dict:
    return {"$str": s}


def js(value):
    """Canonical JSON of a JS value: an integer-valued number is written as an integer when it is a
    safe integer, in exponent form (e.g. 1e+40) beyond; -0 must be written NEG_ZERO."""
    if isinstance(value, bool) or value is None or isinstance(value, (dict, str)):
        return value
    if isinstance(value, int):
        assert abs(value) <= MAX_SAFE_INT, f"{value} is no JS number: use big() or a float"
        return value
    if isinstance(value, float):
        assert math.isfinite(value), "use NAN / INF / NEG_INF"
        assert not (value == 0 and math.copysign(1, value) < 0), "use NEG_ZERO"
        if value.is_integer() and abs(value) <= MAX_SAFE_INT:
            return int(value)
        return value
    if isinstance(value, (list, tuple)):
        return [js(v) for v in value]
    raise TypeError(f"not a JS value: {value!r}")


def js_to_py(value):
    """What the exporter passes to PyTorch for a JS value: integer-valued numbers become Python
    ints, other numbers floats, typed arrays numpy arrays, existing tensors torch tensors."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, list):
        return [js_to_py(v) for v in value]
    tag = next(iter(value))
    if tag == "$num":
        # Number.isInteger(-0) is true in JS, so -0 is the int 0 like any integer-valued number
        return {"nan": math.nan, "inf": math.inf, "-inf": -math.inf, "-0": 0}[value["$num"]]
    if tag == "$bigint":
        return int(value["$bigint"])
    if tag == "$typed":
        dtype = value["$typed"]
        kind = dtype if dtype in FLOATS else "int64"
        return np.array([decode_element(v, kind) for v in value["data"]], dtype=NP_DTYPES[dtype])
    if tag == "$tensor":
        return decode_tensor(value["$tensor"])
    if tag == "$str":
        return value["$str"]
    if tag == "$none":
        return None
    raise ValueError(f"unknown JS value tag {tag}")


# =============================================================================== cases and runner

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


# =============================================================================== group: tensor

def tensor_case(name, description, data, dtype=None, requires_grad=False, raises=None, isolated=False):
    """torch.tensor(data, dtype=dtype, requires_grad=requires_grad) for a JS value `data`."""
    data = js(data)

    def body(rec, record):
        rec.phase = "forward"
        result = torch.tensor(js_to_py(data), dtype=DTYPES[dtype] if dtype else None,
                              requires_grad=requires_grad)
        record["expected"]["outputs"] = {"result": encode_tensor(result)}

    return Case("tensor", name, description, "tensor", body,
                args={"dtype": dtype, "requires_grad": requires_grad}, inputs={"data": data},
                raises=(raises, "forward") if raises else None, isolated=isolated)


def tensor_inference_cases():
    """Spec §1.1: dtype and shape inferred from what a JS caller can pass."""
    c = tensor_case
    return [
        c("int_scalar", "an integer number gives a 0-d int64 tensor", 5),
        c("float_scalar", "a non-integer number gives a 0-d float32 tensor", 2.5),
        c("bool_scalar", "a boolean gives a 0-d bool tensor", True),
        c("bigint_scalar", "a bigint gives a 0-d int64 tensor", big(7)),
        c("int_list", "integer numbers give int64", [1, 2, 3]),
        c("float_list", "non-integer numbers give float32", [0.5, -1.25, 3.375]),
        c("int_float_mix", "one non-integer number makes the list float32", [1, 2.5]),
        c("int_2d", "nested integer lists give a 2-D int64 tensor", [[1, 2], [3, 4]]),
        c("int_float_2d", "a float anywhere promotes the whole nested list", [[1, 2], [3, 4.5]]),
        c("int_3d", "three levels of nesting give a 3-D tensor", [[[1], [2]], [[3], [4]]]),
        c("bool_list", "booleans give bool", [True, False]),
        c("bool_int_mix", "bool and int promote to int64", [True, 1]),
        c("bool_int_nested", "bool and int in different rows promote to int64", [[True], [2]]),
        c("bool_float_mix", "bool and float promote to float32", [True, 1.5]),
        c("bigint_list", "bigints give int64", [big(1), big(-2)]),
        c("bigint_int_mix", "bigints and integer numbers give int64", [big(1), 2]),
        c("bigint_float_mix", "a bigint with a float gives float32", [big(3), 0.5]),
        c("empty_list", "[] gives float32 of shape (0,)", []),
        c("empty_nested", "[[]] gives float32 of shape (1, 0)", [[]]),
        c("empty_nested_two", "[[], []] gives float32 of shape (2, 0)", [[], []]),
        c("empty_then_nonempty", "quirk: [[], [1]] gives shape (2, 0), the [1] is dropped", [[], [1]]),
        c("empty_then_scalar", "quirk: [[], 1] gives shape (2, 0) too (no 'not a sequence')", [[], 1]),
        c("nan_inf_list", "NaN and infinities are floats", [NAN, INF, NEG_INF, 0.5]),
        c("neg_zero_list", "a JS -0 is an integer (the int 0), so the float32 result holds +0.0", [NEG_ZERO, 1.5]),
        c("neg_zero_alone", "[-0] alone is int64 [0]", [NEG_ZERO]),
        c("nan_scalar", "NaN alone is a 0-d float32", NAN),
        c("float32_rounding", "0.1 rounds to the nearest float32", [0.1, 0.2, 0.3]),
        c("float32_subnormal", "1e-40 is kept as a float32 subnormal", 1e-40),
        c("float32_underflow", "1e-46 underflows to 0 in float32", [1e-46, -1e-46]),
        c("float32_overflow_list", "an integer-valued 1e40 next to a float is cast to float32 inf",
          [1e40, 0.5]),
        c("large_int_number", "2**60 as a JS number is an integer: int64", [2.0**60, -(2.0**60)]),
        c("int64_limits", "the int64 extremes as bigints", [big(2**63 - 1), big(-2**63)]),
        c("int64_safe_boundary", "2**53-1, 2**53 and 2**53+1 in int64", [big(2**53 - 1), big(2**53), big(2**53 + 1)]),
    ]


def tensor_typed_array_cases():
    """Typed arrays play numpy arrays: their dtype is kept (spec §1.1 ndarray rows)."""
    c = tensor_case
    return [
        c("typed_float32", "a Float32Array keeps float32",
          typed("float32", [0.5, -0.0, math.nan, math.inf, 1e-45, 3.4028234663852886e38])),
        c("typed_float64", "a Float64Array keeps float64", typed("float64", [0.1, 5e-324, -0.0, -math.inf])),
        c("typed_int64", "a BigInt64Array keeps int64", typed("int64", [2**63 - 1, -2**63, 2**53 + 1])),
        c("typed_int32", "an Int32Array keeps int32", typed("int32", [-2**31, 2**31 - 1, 0])),
        c("typed_int16", "an Int16Array keeps int16", typed("int16", [-32768, 32767])),
        c("typed_int8", "an Int8Array keeps int8", typed("int8", [-128, 127])),
        c("typed_uint8", "a Uint8Array keeps uint8", typed("uint8", [0, 255])),
        c("typed_empty", "an empty Float32Array gives float32 of shape (0,)", typed("float32", [])),
        c("typed_empty_int32", "an empty Int32Array gives int32 of shape (0,)", typed("int32", [])),
        c("typed_uint16", "a Uint16Array is rejected", typed("uint16", [1, 2]), raises="TypeError"),
        c("typed_uint32", "a Uint32Array is rejected", typed("uint32", [1, 2]), raises="TypeError"),
        c("typed_uint64", "a BigUint64Array is rejected", typed("uint64", [1, 2]), raises="TypeError"),
        c("typed_int32_as_float32", "an explicit dtype converts a typed array", typed("int32", [1, -2]),
          dtype="float32"),
        c("typed_float64_as_int64", "float64 to int64 truncates toward zero", typed("float64", [2.7, -2.7]),
          dtype="int64"),
        c("typed_float32_as_float64", "float32 to float64 is exact", typed("float32", [0.1]), dtype="float64"),
        c("typed_int64_as_int32", "an int64 typed array wraps into int32 (no range check)",
          typed("int64", [2**40 + 5, -1]), dtype="int32"),
        c("typed_list_of_float32", "a list of typed arrays stacks them (with the slow-path warning)",
          [typed("float32", [1.0, 2.0]), typed("float32", [3.0, 4.0])], isolated=True),
        c("typed_list_float32_float64", "typed arrays of different dtypes promote",
          [typed("float32", [1.5, 2.0]), typed("float64", [3.0, 4.25])], isolated=True),
        c("typed_list_and_array", "a typed array next to a plain array", [typed("float64", [1.5, 2.0]), [3, 4]],
          isolated=True),
    ]


def tensor_existing_tensor_cases():
    """torch.tensor(existing tensor) copies with a warning; lists of one-element tensors collapse."""
    c = tensor_case
    t = existing
    return [
        c("copy_tensor", "copying a tensor warns and keeps its dtype", t(grid(1.0, 2.5))),
        c("copy_tensor_signed_zeros", "a copied float32 tensor keeps -0.0", t(grid(-0.0, 0.0, -1.5))),
        c("copy_tensor_as_int32", "a copied float64 0-d tensor converted to int32",
          t(torch.tensor(2.5, dtype=torch.float64)), dtype="int32"),
        c("copy_bool_tensor_as_float32", "a copied bool tensor converted to float32",
          t(torch.tensor([True, False])), dtype="float32"),
        c("copy_int64_tensor_as_int32", "tensor-to-tensor conversion wraps (no range check)",
          t(torch.tensor([2**40 + 5, -1])), dtype="int32"),
        c("copy_tensor_requires_grad", "a copied tensor can require grad", t(grid(0.5, -1.5)), requires_grad=True),
        c("list_of_scalar_tensors", "0-d tensors in a list are scalars", [t(torch.tensor(1.0)), t(torch.tensor(2.0))]),
        c("list_of_one_element_tensors", "one-element tensors of rank 1 collapse to scalars: shape (2,)",
          [t(grid(1.0)), t(grid(3.0))]),
        c("list_of_one_element_2d_tensor", "[tensor([[1.]])] gives shape (1,)", [t(grid(1.0, shape=(1, 1)))]),
        c("list_tensor_float64_and_float", "a float64 tensor in a list makes the list float64",
          [t(torch.tensor(1.0, dtype=torch.float64)), 2.5]),
        c("list_tensor_int32_and_int", "int32 tensor and an int promote to int64",
          [t(torch.tensor(1, dtype=torch.int32)), 2]),
        c("list_tensor_int32_alone", "int32 tensors alone stay int32",
          [t(torch.tensor(1, dtype=torch.int32)), t(torch.tensor(2, dtype=torch.int32))]),
        c("list_tensor_uint8_and_bool", "uint8 tensor and a bool stay uint8",
          [t(torch.tensor(1, dtype=torch.uint8)), True]),
        c("list_tensor_uint8_and_int", "uint8 tensor and an int promote to int64",
          [t(torch.tensor(1, dtype=torch.uint8)), -1]),
        c("list_of_two_element_float_tensor", "a multi-element float tensor in a list is rejected",
          [t(grid(1.0, 2.0))], raises="ValueError"),
        c("list_of_two_element_int_tensor", "a multi-element int tensor in a list is rejected",
          [t(torch.tensor([1, 2]))], raises="TypeError"),
        c("list_of_two_element_bool_tensor", "a multi-element bool tensor in a list is rejected",
          [t(torch.tensor([True, False]))], raises="TypeError"),
        c("list_of_empty_tensor", "an empty tensor in a list is rejected", [t(torch.tensor([]))], raises="ValueError"),
    ]


def tensor_conversion_cases():
    """Spec §1.2: explicit dtype conversions and their range checks."""
    c = tensor_case
    return [
        c("float_to_int64_truncates", "2.7 to int64 truncates toward zero", 2.7, dtype="int64"),
        c("negative_float_to_int64_truncates", "-2.7 to int64 truncates toward zero", -2.7, dtype="int64"),
        c("floats_to_int32", "[1.5, -1.5] to int32", [1.5, -1.5], dtype="int32"),
        c("float_to_uint8", "2.5 to uint8 truncates", 2.5, dtype="uint8"),
        c("negative_fraction_to_uint8", "-0.5 to uint8 is out of range", -0.5, dtype="uint8", raises="RuntimeError"),
        c("int_to_int8_range", "int8 limits", [-128, 127], dtype="int8"),
        c("int_to_int16_range", "int16 limits", [-32768, 32767], dtype="int16"),
        c("int_to_int32_range", "int32 limits", [-2**31, 2**31 - 1], dtype="int32"),
        c("uint8_wraps_negative", "-1 and -255 wrap into uint8", [-1, -255, 0, 255], dtype="uint8"),
        c("uint8_rejects_minus_256", "-256 does not fit uint8", -256, dtype="uint8", raises="RuntimeError"),
        c("uint8_rejects_256", "256 does not fit uint8", 256, dtype="uint8", raises="RuntimeError"),
        c("int8_rejects_128", "128 does not fit int8", 128, dtype="int8", raises="RuntimeError"),
        c("int8_rejects_minus_129", "-129 does not fit int8", -129, dtype="int8", raises="RuntimeError"),
        c("int16_rejects_32768", "32768 does not fit int16", 32768, dtype="int16", raises="RuntimeError"),
        c("int32_rejects_1e10", "1e10 does not fit int32", 1e10, dtype="int32", raises="RuntimeError"),
        c("nan_to_int64", "NaN cannot become int64", NAN, dtype="int64", raises="RuntimeError"),
        c("inf_to_int32", "Infinity cannot become int32", INF, dtype="int32", raises="RuntimeError"),
        c("neg_inf_to_int16", "-Infinity cannot become int16", NEG_INF, dtype="int16", raises="RuntimeError"),
        c("int_to_bool", "non-zero ints are true", [2, 0, -1], dtype="bool"),
        c("float_to_bool", "[1.5, 0.0] to bool", [1.5, 0, NEG_ZERO], dtype="bool"),
        c("nan_to_bool", "NaN and Infinity are true", [NAN, INF], dtype="bool"),
        c("bool_to_float32", "true to float32 is 1.0", [True, False], dtype="float32"),
        c("bool_to_int64", "booleans to int64", [True, False], dtype="int64"),
        c("int_to_float32_through_double", "a bigint to float32 rounds twice (through float64)",
          big(2**54 + 2**30 + 1), dtype="float32"),
        c("int_to_float64", "2**54+2**30+1 to float64 rounds to nearest", big(2**54 + 2**30 + 1), dtype="float64"),
        c("bigint_2pow63_to_float32", "2**63 overflows int64 but converts to float32", big(2**63), dtype="float32"),
        c("float_to_float64_exact", "0.1 in float64 is the double 0.1", 0.1, dtype="float64"),
        c("float64_min_subnormal", "5e-324 survives in float64", [5e-324, -5e-324], dtype="float64"),
        c("float32_max_and_beyond", "float32 max stays, 3.5e38 overflows to inf",
          [3.4028234663852886e38, 3.5e38], dtype="float32"),
        c("float32_subnormal_explicit", "1e-40 and 1e-46 with an explicit float32", [1e-40, 1e-46], dtype="float32"),
        c("int_list_to_float64", "ints to float64", [1, 2, 3], dtype="float64"),
        c("empty_list_int64", "[] with dtype int64", [], dtype="int64"),
        c("empty_nested_bool", "[[], []] with dtype bool", [[], []], dtype="bool"),
        c("ragged_quirk_int64", "the [[], [1]] quirk with dtype int64", [[], [1]], dtype="int64"),
        c("int_list_to_uint8", "small ints into uint8", [0, 1, 254], dtype="uint8"),
        c("neg_zero_to_float64", "-0 is the int 0, so float64 gets +0.0", [NEG_ZERO], dtype="float64"),
        c("neg_zero_to_int64", "-0 into int64 is 0", [NEG_ZERO], dtype="int64"),
        c("bigint_to_int32", "bigints into int32", [big(5), big(-7)], dtype="int32"),
        c("bigint_to_int32_overflow", "2**40 as a bigint does not fit int32", big(2**40), dtype="int32",
          raises="RuntimeError"),
        c("bigint_to_bool", "bigints into bool", [big(0), big(3)], dtype="bool"),
        c("list_of_tensors_as_int64", "quirk: 0-d float tensors in a list cannot be converted to int64",
          [existing(torch.tensor(1.5)), existing(torch.tensor(-2.5))], dtype="int64", raises="TypeError"),
        c("list_of_tensors_as_float64", "0-d float32 tensors in a list, converted to float64",
          [existing(torch.tensor(1.5)), existing(torch.tensor(0.1))], dtype="float64"),
    ]


def tensor_requires_grad_cases():
    """Spec §1.5: only floating tensors can require gradients."""
    c = tensor_case
    return [
        c("requires_grad_float", "a float list can require grad", [0.5, 1.5], requires_grad=True),
        c("requires_grad_int_with_float_dtype", "an int list with dtype float64 can require grad", [1, 2],
          dtype="float64", requires_grad=True),
        c("requires_grad_typed_float32", "a Float32Array can require grad", typed("float32", [0.25, -4.0]),
          requires_grad=True),
        c("requires_grad_int", "an int list cannot require grad", [1, 2], requires_grad=True, raises="RuntimeError"),
        c("requires_grad_bool", "a bool list cannot require grad", [True], requires_grad=True, raises="RuntimeError"),
        c("requires_grad_int_dtype", "a float list with dtype int64 cannot require grad", [1.5], dtype="int64",
          requires_grad=True, raises="RuntimeError"),
    ]


def tensor_error_cases():
    """Spec §1.3 and §1.6: ragged input, unsupported leaves and overflow."""
    c = tensor_case
    return [
        c("ragged_row_short", "rows of different length", [[1, 2], [3]], raises="ValueError"),
        c("ragged_row_long", "the first row fixes the length", [[1], [2, 3]], raises="ValueError"),
        c("ragged_row_empty", "an empty second row", [[1], []], raises="ValueError"),
        c("ragged_dim2", "a mismatch at depth 2", [[[1], [2]], [[3], [4, 5]]], raises="ValueError"),
        c("scalar_where_sequence", "a number where a list is expected", [[1, 2], 3], raises="TypeError"),
        c("sequence_where_int", "a list where an int is expected", [1, [2, 3]], raises="TypeError"),
        c("sequence_where_float", "a list where a float is expected", [1.5, [2]], raises="TypeError"),
        c("sequence_where_bool", "a list after a bool", [True, [2]], raises="TypeError"),
        c("string_leaf", "a string is not a number", jsstr("a"), raises="TypeError"),
        c("string_in_list", "a string inside a list", [1, jsstr("a")], raises="TypeError"),
        c("string_first_in_list", "a string first in a list is taken for a sequence", [jsstr("a"), 1],
          raises="ValueError"),
        c("null_leaf", "null cannot be inferred", NULL, raises="RuntimeError"),
        c("null_in_list", "null inside a list", [NULL], raises="RuntimeError"),
        c("null_after_int", "null after an int", [1, NULL], raises="RuntimeError"),
        c("null_with_dtype", "null with an explicit float dtype", NULL, dtype="float32", raises="TypeError"),
        c("int64_overflow_bigint", "2**63 does not fit int64", big(2**63), raises="RuntimeError"),
        c("int64_overflow_in_list", "2**63 in a list", [big(2**63)], raises="RuntimeError"),
        c("int64_underflow_bigint", "-2**63-1 does not fit int64", big(-2**63 - 1), raises="RuntimeError"),
        c("int64_overflow_number", "1e20 is an integer JS number that overflows int64", 1e20, raises="RuntimeError"),
    ]


def tensor_random_cases():
    """Seeded random data, encoded as JS values at definition time (a local generator per case)."""
    cases = []
    for k, shape in enumerate([(4,), (3, 4), (2, 3, 2)]):
        g = torch.Generator().manual_seed(1000 + k)
        values = torch.randn(shape, dtype=torch.float64, generator=g)
        name = "random_floats_" + "x".join(map(str, shape))
        cases.append(tensor_case(name, f"random non-integer numbers {shape} round to float32", values.tolist()))
        cases.append(tensor_case(name + "_float64", f"random numbers {shape} kept in float64", values.tolist(),
                                 dtype="float64"))
    g = torch.Generator().manual_seed(2000)
    ints = torch.randint(-10**6, 10**6, (3, 5), generator=g)
    cases.append(tensor_case("random_ints_3x5", "random integers give int64", ints.tolist()))
    cases.append(tensor_case("random_ints_3x5_int16", "random integers out of int16 range", ints.tolist(),
                             dtype="int16", raises="RuntimeError"))
    g = torch.Generator().manual_seed(3000)
    f32 = torch.randn(6, generator=g).tolist()
    cases.append(tensor_case("random_typed_float32", "random Float32Array", typed("float32", f32)))
    return cases


def tensor_cases():
    return (tensor_inference_cases() + tensor_typed_array_cases() + tensor_existing_tensor_cases()
            + tensor_conversion_cases() + tensor_requires_grad_cases() + tensor_error_cases()
            + tensor_random_cases())


# =============================================================================== group: embedding

EMBEDDING_OPTIONS = ("padding_idx", "max_norm", "norm_type", "scale_grad_by_freq", "sparse")


def embedding_case(name, description, *, form="module", weight=None, indices, upstream="random",
                   raises=None, num_embeddings=None, embedding_dim=None, freeze=None, dtype=None, **options):
    """nn.Embedding (weight injected through _weight), F.embedding or Embedding.from_pretrained:
    forward, the weight after the call (in-place max_norm renorm) and the weight gradient."""
    assert set(options) <= set(EMBEDDING_OPTIONS), options
    options = {k: js(v) for k, v in options.items()}

    def body(rec, record):
        w = materialize(weight)
        idx = materialize(indices)
        V, D = num_embeddings, embedding_dim
        if form == "module" and w is not None:
            V = w.shape[0] if V is None else V
            D = w.shape[1] if D is None and w.dim() > 1 else D
        record["args"] = {"form": form, "num_embeddings": js(V), "embedding_dim": js(D), "freeze": freeze,
                          "dtype": dtype, **{k: options.get(k) for k in EMBEDDING_OPTIONS}}
        if w is not None:
            record["params"]["weight"] = encode_tensor(w)
        record["inputs"]["indices"] = encode_tensor(idx)
        kwargs = {k: js_to_py(v) for k, v in options.items() if v is not None}

        rec.phase = "construct"
        if form == "module":
            module = nn.Embedding(js_to_py(V), js_to_py(D), _weight=None if w is None else w.clone(),
                                  dtype=DTYPES[dtype] if dtype else None, **kwargs)
            param = module.weight
        elif form == "from_pretrained":
            extra = {} if freeze is None else {"freeze": freeze}
            module = nn.Embedding.from_pretrained(w.clone(), **extra, **kwargs)
            param = module.weight
        else:
            param = w.clone().requires_grad_(w.is_floating_point())
            module = lambda i: F.embedding(i, param, **kwargs)

        rec.phase = "forward"
        out = module(idx)
        record["expected"]["outputs"] = {"output": encode_tensor(out),
                                         "weight_after": encode_tensor(param.detach())}
        if not param.requires_grad:
            return
        rec.phase = "backward"
        g = materialize(upstream) if not isinstance(upstream, str) else sample(out.shape, out.dtype, upstream)
        record["upstream"]["output"] = encode_tensor(g)
        out.backward(g)
        if param.grad.is_sparse:
            grads = {"weight_sparse": {"indices": encode_tensor(param.grad._indices()),
                                       "values": encode_tensor(param.grad._values()),
                                       "size": list(param.grad.shape)}}
        else:
            grads = {"weight": encode_tensor(param.grad)}
        record["expected"]["grads"] = grads

    return Case("embedding", name, description, "embedding", body, raises=raises)


def eighths(rows, cols, dtype=torch.float32):
    """A readable weight: row r is (r*cols + c) / 8."""
    return (torch.arange(rows * cols, dtype=dtype) / 8).reshape(rows, cols)


def idx(*values, dtype=torch.int64, shape=None):
    t = torch.tensor(values, dtype=dtype)
    return t.reshape(shape) if shape is not None else t


def embedding_basic_cases():
    e = embedding_case
    W = eighths(4, 2)
    return [
        e("lookup_1d", "module lookup of three rows", weight=W, indices=idx(2, 0, 3), upstream="nice"),
        e("lookup_0d", "a 0-d index gives a (D,) output", weight=W, indices=torch.tensor(1), upstream="nice"),
        e("lookup_2d_repeated", "repeated indices accumulate in the dense gradient", weight=W,
          indices=idx(0, 1, 1, 3, shape=(2, 2)), upstream="nice"),
        e("lookup_3d", "a 3-D index tensor", weight=W, indices=idx(0, 1, 2, 3, 3, 2, 1, 1, shape=(2, 2, 2)),
          upstream="nice"),
        e("lookup_int32", "int32 indices", weight=W, indices=idx(3, 1, 1, dtype=torch.int32), upstream="nice"),
        e("lookup_int32_2d", "int32 indices, 2-D", weight=W, indices=idx(0, 3, 2, 0, dtype=torch.int32, shape=(2, 2)),
          upstream="nice"),
        e("lookup_float64", "a float64 weight", weight=eighths(4, 2, torch.float64), indices=idx(1, 2, 1),
          upstream="nice"),
        e("functional_basic", "F.embedding with a float32 weight", form="functional", weight=W,
          indices=idx(3, 3, 0), upstream="nice"),
        e("functional_float64", "F.embedding with a float64 weight", form="functional",
          weight=eighths(3, 2, torch.float64), indices=idx(2, 0), upstream="nice"),
        e("from_pretrained_frozen", "from_pretrained freezes by default: no gradient", form="from_pretrained",
          weight=W, indices=idx(1, 0)),
        e("from_pretrained_freeze_true", "from_pretrained with freeze=True", form="from_pretrained", freeze=True,
          weight=W, indices=idx(1, 3)),
        e("from_pretrained_trainable", "from_pretrained with freeze=False has a gradient", form="from_pretrained",
          freeze=False, weight=W, indices=idx(2, 2, 1), upstream="nice"),
        e("functional_int64_weight", "F.embedding works with an int64 weight (no gradient)", form="functional",
          weight=torch.arange(8).reshape(4, 2), indices=idx(3, 0)),
        e("functional_int32_weight", "F.embedding works with an int32 weight", form="functional",
          weight=torch.arange(6, dtype=torch.int32).reshape(3, 2), indices=idx(1, 2)),
    ]


def embedding_padding_cases():
    e = embedding_case
    W = eighths(4, 2)
    return [
        e("padding_idx_0_referenced", "the padding row gets no gradient", weight=W, padding_idx=0,
          indices=idx(0, 1, 0), upstream="nice"),
        e("padding_idx_not_referenced", "padding_idx without the row in the input", weight=W, padding_idx=3,
          indices=idx(0, 1, 2), upstream="nice"),
        e("padding_row_nonzero_forward", "forward returns the stored padding row even if non-zero", weight=W,
          padding_idx=2, indices=idx(2, 1), upstream="nice"),
        e("padding_row_zeroed_weight", "a weight whose padding row is zero, as a fresh module's is",
          weight=eighths(4, 2).index_fill(0, torch.tensor([1]), 0.0), padding_idx=1, indices=idx(1, 0, 1),
          upstream="nice"),
        e("padding_idx_negative", "padding_idx -1 means row V-1", weight=W, padding_idx=-1, indices=idx(3, 0, 3),
          upstream="nice"),
        e("padding_idx_minus_v", "padding_idx -V means row 0", weight=W, padding_idx=-4, indices=idx(0, 1),
          upstream="nice"),
        e("padding_idx_functional", "F.embedding with padding_idx", form="functional", weight=W, padding_idx=1,
          indices=idx(1, 2, 1), upstream="nice"),
        e("padding_idx_functional_negative", "F.embedding with padding_idx -1", form="functional", weight=W,
          padding_idx=-1, indices=idx(3, 2), upstream="nice"),
        e("padding_idx_from_pretrained", "from_pretrained keeps the padding row as given", form="from_pretrained",
          freeze=False, weight=W, padding_idx=0, indices=idx(0, 2), upstream="nice"),
        e("padding_all_positions", "every position is the padding row: zero gradient", weight=W, padding_idx=1,
          indices=idx(1, 1), upstream="nice"),
    ]


def embedding_scale_grad_cases():
    e = embedding_case
    spec_g = torch.arange(12, dtype=torch.float32).reshape(2, 3, 2)
    return [
        e("scale_grad_spec_example", "spec 2.4: rows scaled by 1/count",
          weight=eighths(4, 2), indices=idx(1, 1, 2, 1, 3, 2, shape=(2, 3)), upstream=spec_g,
          scale_grad_by_freq=True),
        e("scale_grad_with_padding", "padding positions are counted but get no gradient",
          weight=eighths(4, 2), indices=idx(1, 1, 2, 1, 3, 2, shape=(2, 3)), upstream=spec_g,
          scale_grad_by_freq=True, padding_idx=1),
        e("scale_grad_functional_float64", "scale_grad_by_freq in float64 through F.embedding", form="functional",
          weight=eighths(5, 3, torch.float64), indices=idx(4, 4, 4, 0, 2, 0), upstream="nice",
          scale_grad_by_freq=True),
        e("scale_grad_false_explicit", "scale_grad_by_freq=False passed explicitly", weight=eighths(3, 2),
          indices=idx(1, 1, 2), upstream="nice", scale_grad_by_freq=False),
    ]


def embedding_sparse_cases():
    e = embedding_case
    return [
        e("sparse_basic", "a sparse gradient keeps one row per position", weight=eighths(4, 2),
          indices=idx(2, 0, 2), upstream="nice", sparse=True),
        e("sparse_padding_removed", "spec 2.4: [3,0,3,5] with padding 0 gives indices [[3,3,5]]",
          weight=eighths(6, 2), indices=idx(3, 0, 3, 5), upstream="nice", sparse=True, padding_idx=0),
        e("sparse_all_padding", "only padding positions: indices (1,0), values (0,D)", weight=eighths(4, 2),
          indices=idx(2, 2, shape=(1, 2)), upstream="nice", sparse=True, padding_idx=2),
        e("sparse_2d_indices", "a 2-D index with sparse gradient", weight=eighths(5, 3),
          indices=idx(4, 1, 1, 0, shape=(2, 2)), upstream="nice", sparse=True),
        e("sparse_functional", "F.embedding with sparse=True", form="functional", weight=eighths(3, 2),
          indices=idx(0, 2, 0), upstream="nice", sparse=True),
        e("sparse_from_pretrained", "from_pretrained trainable with sparse=True", form="from_pretrained",
          freeze=False, weight=eighths(3, 2), indices=idx(1, 1), upstream="nice", sparse=True),
        e("sparse_false_explicit", "sparse=False passed explicitly", weight=eighths(3, 2), indices=idx(2, 1),
          upstream="nice", sparse=False),
        e("sparse_scale_grad_frozen", "sparse with scale_grad_by_freq is fine when nothing is differentiated",
          form="from_pretrained", weight=eighths(3, 2), indices=idx(1, 1), sparse=True, scale_grad_by_freq=True),
    ]


def embedding_max_norm_cases():
    """Spec §2.3: the in-place renorm of referenced rows, including the [3,-4] table."""
    e = embedding_case
    row = lambda dtype=torch.float32: grid(3.0, -4.0, 0.5, 0.25, dtype=dtype, shape=(2, 2))
    cases = []
    for p, label in [(1, "1"), (2, "2"), (3, "3"), (INF, "inf"), (0, "0"), (0.5, "0_5"), (-1, "minus1"),
                     (NEG_INF, "minus_inf")]:
        cases.append(e(f"max_norm_1_norm_type_{label}",
                       f"row [3,-4] with max_norm=1, norm_type={label.replace('_', '.')}",
                       weight=row(), indices=idx(0), upstream="nice", max_norm=1, norm_type=p))
    W = eighths(4, 2) * 8  # rows [0,1], [2,3], [4,5], [6,7]
    cases += [
        e("max_norm_default_norm_type", "max_norm with the default norm_type 2", weight=row(), indices=idx(0, 1),
          upstream="nice", max_norm=1),
        e("max_norm_float64", "renorm in float64", weight=row(torch.float64), indices=idx(0, 1), upstream="nice",
          max_norm=1.5),
        e("max_norm_zero", "max_norm=0 zeroes the referenced rows", weight=row(), indices=idx(0), upstream="nice",
          max_norm=0),
        e("max_norm_negative", "max_norm=-1 flips the sign of referenced rows", weight=row(), indices=idx(0),
          upstream="nice", max_norm=-1),
        e("max_norm_equal_norm_untouched", "a row whose norm equals max_norm is not changed",
          weight=grid(3.0, 4.0, 6.0, 8.0, shape=(2, 2)), indices=idx(0, 1), upstream="nice", max_norm=5),
        e("max_norm_zero_row", "an all-zero row with max_norm=0 stays zero",
          weight=grid(0.0, 0.0, 1.0, 1.0, shape=(2, 2)), indices=idx(0), upstream="nice", max_norm=0),
        e("max_norm_only_referenced_rows", "rows not in the input are left alone", weight=W, indices=idx(2, 3),
          upstream="nice", max_norm=2),
        e("max_norm_repeated_indices", "a repeated index is renormed once; gradient is the plain sum",
          weight=grid(3.0, -4.0, 1.0, 0.0, shape=(2, 2)), indices=idx(0, 0),
          upstream=grid(1.0, 2.0, 3.0, 5.0, shape=(2, 2)), max_norm=1),
        e("max_norm_padding_row_renormed", "the padding row is renormed too when referenced", weight=W,
          indices=idx(3, 1), upstream="nice", max_norm=2, padding_idx=3),
        e("max_norm_functional", "F.embedding renorms the weight it is given in place", form="functional",
          weight=W, indices=idx(1, 2), upstream="nice", max_norm=3, norm_type=1),
        e("max_norm_from_pretrained_frozen", "a frozen weight is renormed too", form="from_pretrained",
          weight=W, indices=idx(3, 0), max_norm=2.5),
        e("max_norm_inf", "max_norm=inf never renorms", weight=row(), indices=idx(0), upstream="nice", max_norm=INF),
        e("max_norm_nan_row", "a row holding NaN is not renormed (NaN > max is false)",
          weight=grid(math.nan, -4.0, 1.0, 1.0, shape=(2, 2)), indices=idx(0, 1), upstream="nice", max_norm=1),
        e("max_norm_inf_row", "a row holding inf becomes [nan, -0]",
          weight=grid(math.inf, -4.0, 1.0, 1.0, shape=(2, 2)), indices=idx(0), upstream="nice", max_norm=1),
        # float32 norms are computed in float32: powers overflow to inf (found by the differential campaign)
        e("max_norm_float32_power_overflow_p2", "|1e20|^2 overflows float32: the norm is inf and the row becomes 0",
          weight=grid(1e20, 1.0, 0.5, 0.5, shape=(2, 2)), indices=idx(0), upstream="nice", max_norm=1),
        e("max_norm_float32_power_overflow_p3", "|1e13|^3 overflows float32: the norm is inf and the row becomes 0",
          weight=grid(1e13, 1.0, 0.5, 0.5, shape=(2, 2)), indices=idx(0), upstream="nice", max_norm=1, norm_type=3),
        e("max_norm_float32_subnormal_negative_p", "|1.4e-45|^-1 overflows float32: the norm is 0, not renormed",
          weight=grid(1.4e-45, 2.8e-45, -4.2e-45, -1e-7, 1.0, 1.0, 1.0, 1.0, shape=(2, 4)), indices=idx(0),
          upstream="nice", max_norm=0, norm_type=-1),
        e("max_norm_float32_tiny_negative_p", "|1e-40|^-1 overflows float32: the norm is 0, not renormed",
          weight=grid(1e-40, 0.5, 1.0, 1.0, shape=(2, 2)), indices=idx(0), upstream="nice", max_norm=0, norm_type=-1),
        e("max_norm_scale_grad", "max_norm with scale_grad_by_freq", weight=W, indices=idx(3, 3, 1),
          upstream="nice", max_norm=2, scale_grad_by_freq=True),
        e("max_norm_sparse", "max_norm with a sparse gradient", weight=W, indices=idx(1, 3, 1), upstream="nice",
          max_norm=2, sparse=True),
    ]
    return cases


def embedding_size_cases():
    e = embedding_case
    return [
        e("empty_indices", "an index tensor of shape (0,) gives (0, D)", weight=eighths(3, 2),
          indices=torch.zeros(0, dtype=torch.int64)),
        e("empty_indices_2d", "an index tensor of shape (2, 0) gives (2, 0, D)", weight=eighths(3, 2),
          indices=torch.zeros(2, 0, dtype=torch.int64)),
        e("num_embeddings_0", "V=0 with empty indices", weight=torch.zeros(0, 2),
          indices=torch.zeros(0, dtype=torch.int64)),
        e("num_embeddings_0_padding_0", "quirk: padding_idx=0 is accepted with V=0", weight=torch.zeros(0, 2),
          indices=torch.zeros(0, dtype=torch.int64), padding_idx=0),
        e("embedding_dim_0", "D=0 gives (..., 0)", weight=torch.zeros(3, 0), indices=idx(0, 2, shape=(1, 2))),
        e("single_row", "V=1, D=1", weight=grid(0.5, shape=(1, 1)), indices=idx(0, 0, 0), upstream="nice"),
    ]


def embedding_random_cases():
    e = embedding_case
    return [
        e("random_module_f32", "random weight and indices, float32", weight=rand(10, 4),
          indices=lambda: torch.randint(0, 10, (3, 5))),
        e("random_module_f64", "random weight and indices, float64", weight=rand(10, 4, dtype=torch.float64),
          indices=lambda: torch.randint(0, 10, (3, 5))),
        e("random_scale_grad_f32", "random scale_grad_by_freq", weight=rand(6, 5),
          indices=lambda: torch.randint(0, 6, (4, 6)), scale_grad_by_freq=True),
        e("random_max_norm_f32", "random max_norm renorm", weight=rand(8, 6),
          indices=lambda: torch.randint(0, 8, (5,)), max_norm=1.5),
        e("random_max_norm_p3_f64", "random max_norm with norm_type 3, float64", weight=rand(8, 6, dtype=torch.float64),
          indices=lambda: torch.randint(0, 8, (2, 5)), max_norm=1.5, norm_type=3),
        e("random_sparse_padding", "random sparse gradient with padding", weight=rand(7, 3),
          indices=lambda: torch.randint(0, 7, (3, 4)), sparse=True, padding_idx=2),
    ]


def pairwise(factors: dict) -> list:
    """Deterministic greedy covering array: every pair of values of any two factors is in some row."""
    names = list(factors)
    sizes = [len(factors[n]) for n in names]
    uncovered = {(a, va, b, vb) for a in range(len(names)) for b in range(a + 1, len(names))
                 for va in range(sizes[a]) for vb in range(sizes[b])}
    rows = []
    while uncovered:
        a, va, b, vb = min(uncovered)
        row = {a: va, b: vb}
        for f in range(len(names)):
            if f in row:
                continue
            gain = lambda v: sum(((g, row[g], f, v) if g < f else (f, v, g, row[g])) in uncovered for g in row)
            row[f] = max(range(sizes[f]), key=lambda v: (gain(v), -v))
        uncovered -= {(x, row[x], y, row[y]) for x in row for y in row if x < y}
        rows.append({names[f]: factors[names[f]][row[f]] for f in range(len(names))})
    return rows


def embedding_pairwise_cases():
    """All pairs of options (form, padding_idx, max_norm, norm_type, scale_grad_by_freq, sparse,
    weight dtype, index dtype, index rank) on random data."""
    rows = pairwise({
        "form": ["module", "functional", "from_pretrained", "from_pretrained_trainable"],
        "padding_idx": [None, 0, 3, -1],
        "max_norm": [None, 1.25],
        "norm_type": [None, 1, 3, INF],
        "scale_grad_by_freq": [None, True],
        "sparse": [None, True],
        "dtype": ["float32", "float64"],
        "index_dtype": ["int64", "int32"],
        "rank": [1, 2],
    })
    cases = []
    for k, r in enumerate(rows):
        form = "from_pretrained" if r["form"].startswith("from_pretrained") else r["form"]
        freeze = False if r["form"] == "from_pretrained_trainable" else None
        pad = r["padding_idx"]
        tokens = [f"pair{k:02d}", {"module": "module", "functional": "functional", "from_pretrained": "frozen",
                                   "from_pretrained_trainable": "trainable"}[r["form"]]]
        tokens += [] if pad is None else [f"pad{pad}".replace("-", "m")]
        tokens += [] if r["max_norm"] is None else ["maxnorm"]
        tokens += [] if r["norm_type"] is None else [f"p{'inf' if r['norm_type'] is INF else r['norm_type']}"]
        tokens += (["sgbf"] if r["scale_grad_by_freq"] else []) + (["sparse"] if r["sparse"] else [])
        tokens += [r["dtype"].replace("float", "f"), r["index_dtype"].replace("int", "i"), f"{r['rank']}d"]
        trainable = r["form"] != "from_pretrained"
        raises = ("RuntimeError", "backward") if trainable and r["sparse"] and r["scale_grad_by_freq"] else None
        options = [f"{k}={'inf' if v is INF else v}" for k, v in r.items() if k not in ("form", "rank")
                   and v is not None]
        description = f"pairwise coverage, {r['form']}, {r['rank']}-D indices: " + ", ".join(options)
        cases.append(embedding_case(
            "_".join(tokens), description, form=form, freeze=freeze,
            weight=rand(6, 3, dtype=DTYPES[r["dtype"]]), indices=pairwise_indices(pad, r["rank"], r["index_dtype"]),
            padding_idx=pad, max_norm=r["max_norm"], norm_type=r["norm_type"],
            scale_grad_by_freq=r["scale_grad_by_freq"], sparse=r["sparse"], raises=raises))
    return cases


def pairwise_indices(pad, rank, dtype):
    """Six random indices into 6 rows with a repeat and, when there is one, the padding row."""
    def make():
        t = torch.randint(0, 6, (6,))
        t[2] = t[4]
        if pad is not None:
            t[1] = pad % 6
        t = t.to(DTYPES[dtype])
        return t.reshape(2, 3) if rank == 2 else t
    return make


def embedding_error_cases():
    """Spec §2.6, as a JS caller can trigger them."""
    e = embedding_case
    W = eighths(4, 2)
    i = idx(0, 2)
    return [
        e("error_padding_idx_too_large", "padding_idx >= V", weight=W, indices=i, padding_idx=4,
          raises=("AssertionError", "construct")),
        e("error_padding_idx_too_negative", "padding_idx < -V", weight=W, indices=i, padding_idx=-5,
          raises=("AssertionError", "construct")),
        e("error_padding_idx_functional", "F.embedding with padding_idx >= V", form="functional", weight=W,
          indices=i, padding_idx=4, raises=("AssertionError", "forward")),
        e("error_padding_idx_from_pretrained", "from_pretrained with padding_idx >= V", form="from_pretrained",
          weight=W, indices=i, padding_idx=7, raises=("AssertionError", "construct")),
        e("error_padding_idx_float_fresh_module", "a float padding_idx fails zeroing the row of a fresh module",
          num_embeddings=4, embedding_dim=2, indices=i, padding_idx=2.5, raises=("IndexError", "construct")),
        e("error_padding_idx_float_injected", "with _weight a float padding_idx fails at forward", weight=W,
          indices=i, padding_idx=2.5, raises=("TypeError", "forward")),
        e("error_padding_idx_float_functional", "F.embedding with a float padding_idx", form="functional",
          weight=W, indices=i, padding_idx=2.5, raises=("TypeError", "forward")),
        e("error_padding_idx_bool", "a bool padding_idx is stored and fails at forward", weight=W, indices=i,
          padding_idx=True, raises=("TypeError", "forward")),
        e("error_index_too_large", "an index >= V", weight=W, indices=idx(1, 4), raises=("IndexError", "forward")),
        e("error_index_negative", "a negative index", weight=W, indices=idx(-1), raises=("IndexError", "forward")),
        e("error_index_too_large_int32", "an int32 index >= V", weight=W, indices=idx(9, dtype=torch.int32),
          raises=("IndexError", "forward")),
        e("error_index_too_large_max_norm", "an index >= V with max_norm fails in the renorm", weight=W,
          indices=idx(0, 10), max_norm=1, raises=("IndexError", "forward")),
        e("error_index_negative_max_norm", "a negative index with max_norm fails in the lookup", weight=W,
          indices=idx(-1), max_norm=1, raises=("IndexError", "forward")),
        e("error_index_below_minus_v_max_norm", "an index < -V with max_norm fails in the renorm", weight=W,
          indices=idx(-5), max_norm=1, raises=("IndexError", "forward")),
        e("error_index_into_empty_table", "any index into V=0", weight=torch.zeros(0, 2), indices=idx(0),
          raises=("RuntimeError", "forward")),
        e("error_indices_float32", "float32 indices", weight=W, indices=grid(1.0), raises=("RuntimeError", "forward")),
        e("error_indices_float64", "float64 indices", weight=W, indices=grid(1.0, dtype=torch.float64),
          raises=("RuntimeError", "forward")),
        e("error_indices_uint8", "uint8 indices", weight=W, indices=idx(1, dtype=torch.uint8),
          raises=("RuntimeError", "forward")),
        e("error_indices_int16", "int16 indices", weight=W, indices=idx(1, dtype=torch.int16),
          raises=("RuntimeError", "forward")),
        e("error_indices_int8", "int8 indices", weight=W, indices=idx(1, dtype=torch.int8),
          raises=("RuntimeError", "forward")),
        e("error_indices_bool", "bool indices", weight=W, indices=torch.tensor([True]),
          raises=("RuntimeError", "forward")),
        e("error_indices_empty_float", "tensor([]) is float32, so it is rejected", weight=W, indices=torch.tensor([]),
          raises=("RuntimeError", "forward")),
        e("error_weight_1d_functional", "F.embedding with a 1-D weight", form="functional", weight=grid(1.0, 2.0),
          indices=i, raises=("RuntimeError", "forward")),
        e("error_weight_3d_functional", "F.embedding with a 3-D weight", form="functional",
          weight=torch.zeros(4, 2, 1), indices=i, raises=("RuntimeError", "forward")),
        e("error_weight_shape_mismatch", "_weight shape differs from (V, D)", weight=W, num_embeddings=4,
          embedding_dim=3, indices=i, raises=("AssertionError", "construct")),
        e("error_from_pretrained_1d", "from_pretrained needs a 2-D tensor", form="from_pretrained",
          weight=grid(1.0, 2.0), indices=i, raises=("AssertionError", "construct")),
        e("error_module_int_dtype", "an integer dtype cannot require gradients", num_embeddings=4, embedding_dim=2,
          dtype="int64", indices=i, raises=("RuntimeError", "construct")),
        e("error_module_int_weight", "an injected integer weight cannot require gradients",
          weight=torch.arange(8).reshape(4, 2), indices=i, raises=("RuntimeError", "construct")),
        e("error_from_pretrained_int", "from_pretrained of an integer tensor fails even when frozen",
          form="from_pretrained", weight=torch.arange(8).reshape(4, 2), indices=i,
          raises=("RuntimeError", "construct")),
        e("error_negative_num_embeddings", "num_embeddings=-1", num_embeddings=-1, embedding_dim=3, indices=i,
          raises=("RuntimeError", "construct")),
        e("error_negative_embedding_dim", "embedding_dim=-1", num_embeddings=3, embedding_dim=-1, indices=i,
          raises=("RuntimeError", "construct")),
        e("error_float_num_embeddings", "num_embeddings=3.5", num_embeddings=3.5, embedding_dim=2, indices=i,
          raises=("TypeError", "construct")),
        e("error_float_embedding_dim", "embedding_dim=2.5", num_embeddings=3, embedding_dim=2.5, indices=i,
          raises=("TypeError", "construct")),
        e("error_sparse_scale_grad", "sparse with scale_grad_by_freq fails at backward", weight=W, indices=i,
          upstream="nice", sparse=True, scale_grad_by_freq=True, raises=("RuntimeError", "backward")),
        e("error_sparse_scale_grad_functional", "the same through F.embedding", form="functional", weight=W,
          indices=i, upstream="nice", sparse=True, scale_grad_by_freq=True, raises=("RuntimeError", "backward")),
        e("error_max_norm_int64_weight", "max_norm needs a floating weight", form="functional",
          weight=torch.arange(8).reshape(4, 2), indices=i, max_norm=1, raises=("RuntimeError", "forward")),
        e("error_max_norm_int32_weight", "max_norm with an int32 weight", form="functional",
          weight=torch.arange(8, dtype=torch.int32).reshape(4, 2), indices=i, max_norm=1,
          raises=("RuntimeError", "forward")),
    ]


def embedding_cases():
    return (embedding_basic_cases() + embedding_padding_cases() + embedding_scale_grad_cases()
            + embedding_sparse_cases() + embedding_max_norm_cases() + embedding_size_cases()
            + embedding_random_cases() + embedding_pairwise_cases() + embedding_error_cases())


# =============================================================================== group: rnn

RNN_CTOR = ("input_size", "hidden_size", "num_layers", "nonlinearity", "bias", "batch_first", "dropout",
            "bidirectional", "dtype")


def rnn_case(name, description, *, ctor, L=3, N=2, unbatched=False, h0=False, values="random", training=True,
             lengths=None, enforce_sorted=True, input_shape=None, h0_shape=None, input_dtype=None,
             zero_padding=None, raises=None, deviation=None):
    """nn.RNN under the case seed (its own init, recorded as params), fed a padded or packed input,
    with gradients of (output*g_out).sum() + (h_n*g_h).sum() w.r.t. input, h0 and every parameter."""
    assert set(ctor) <= set(RNN_CTOR), ctor
    ctor = {k: js(v) for k, v in ctor.items()}
    args = {**{k: ctor.get(k) for k in RNN_CTOR}, "training": training}

    def body(rec, record):
        kwargs = {k: js_to_py(v) for k, v in ctor.items() if v is not None}
        if "dtype" in kwargs:
            kwargs["dtype"] = DTYPES[kwargs["dtype"]]
        rec.phase = "construct"
        rnn = nn.RNN(**kwargs)
        if not training:
            rnn.eval()
        params = dict(rnn.named_parameters())
        record["params"] = {k: encode_tensor(v) for k, v in rnn.state_dict().items()}

        dtype = DTYPES[input_dtype or ctor.get("dtype") or "float32"]
        D = 2 if rnn.bidirectional else 1
        bf = bool(rnn.batch_first)
        shape = input_shape if input_shape is not None else ((L, rnn.input_size) if unbatched else
                                (N, L, rnn.input_size) if bf else (L, N, rnn.input_size))
        x = sample(shape, dtype, values)
        if lengths is not None and (zero_padding if zero_padding is not None else values == "nice"):
            x = zero_past_lengths(x, lengths, bf)
        x.requires_grad_(x.is_floating_point())
        record["inputs"]["input"] = encode_tensor(x)
        hx = None
        if h0 or h0_shape is not None:
            hshape = h0_shape if h0_shape is not None else ((D * rnn.num_layers, rnn.hidden_size) if unbatched else
                                  (D * rnn.num_layers, N, rnn.hidden_size))
            hx = sample(hshape, dtype, values).requires_grad_(dtype.is_floating_point)
            record["inputs"]["h0"] = encode_tensor(hx)
        if lengths is not None:
            record["inputs"]["lengths"] = js(lengths)
            record["inputs"]["enforce_sorted"] = enforce_sorted

        rec.phase = "forward"
        feed = x
        if lengths is not None:
            if deviation:
                raise_length_deviation(x, js_to_py(lengths), bf, enforce_sorted)
            feed = pack_padded_sequence(x, js_to_py(lengths), batch_first=bf, enforce_sorted=enforce_sorted)
        p = rnn.dropout
        dropout_active = rnn.training and p > 0 and rnn.num_layers > 1
        if dropout_active:
            torch.manual_seed(record["seed"])  # the masks are then the first draws after seeding
        out, hn = rnn(feed) if hx is None else rnn(feed, hx)
        outputs = {}
        if lengths is not None:
            outputs.update({"output_data": encode_tensor(out.data), "batch_sizes": encode_tensor(out.batch_sizes)})
            if out.sorted_indices is not None:
                outputs["sorted_indices"] = encode_tensor(out.sorted_indices)
                outputs["unsorted_indices"] = encode_tensor(out.unsorted_indices)
            output = pad_packed_sequence(out, batch_first=bf)[0]
        else:
            output = out
        outputs.update({"output": encode_tensor(output), "h_n": encode_tensor(hn)})
        record["expected"]["outputs"] = outputs

        rec.phase = "backward"
        g_out, g_h = sample(output.shape, dtype, values), sample(hn.shape, dtype, values)
        record["upstream"] = {"output": encode_tensor(g_out), "h_n": encode_tensor(g_h)}
        wrt = {"input": x, **({} if hx is None else {"h0": hx}), **params}
        loss = (output * g_out).sum() + (hn * g_h).sum()
        grads = torch.autograd.grad(loss, list(wrt.values()), allow_unused=True)
        record["expected"]["grads"] = {k: encode_tensor(torch.zeros_like(v) if g is None else g)
                                       for (k, v), g in zip(wrt.items(), grads)}

        if dropout_active:
            masks = redraw_dropout_masks(rnn, out, record["seed"], lengths is not None)
            check_dropout_masks(rnn, feed, hx, masks, out, hn)
            record["inputs"]["dropout_masks"] = [encode_tensor(m) for m in masks]
        if dtype == torch.float32 and lengths is None and not dropout_active and x.numel() > 0:
            rec.onnx = (rnn, (x.detach(),) if hx is None else (x.detach(), hx.detach()))

    return Case("rnn", name, description, "rnn", body, args=args, raises=raises, deviation=deviation)


def zero_past_lengths(x, lengths, batch_first):
    """Readable packed inputs: padding positions hold 0 (they are ignored either way)."""
    x = x.clone()
    for b, n in enumerate(lengths):
        if batch_first:
            x[b, n:] = 0
        else:
            x[n:, b] = 0
    return x


def raise_length_deviation(x, lengths, batch_first, enforce_sorted):
    """rnnspec's deviation: torch 1.13 packs a length > T without complaint (checked here), rnnspec raises."""
    T = x.shape[1 if batch_first else 0]
    pack_padded_sequence(x.detach(), lengths, batch_first=batch_first, enforce_sorted=enforce_sorted)
    i = next(i for i, n in enumerate(lengths) if n > T)
    raise ValueError(LENGTH_DEVIATION.format(i=i, length=lengths[i], T=T))


def redraw_dropout_masks(rnn, out, seed, packed):
    """The masks at::dropout drew: after seeding, one bernoulli_(1-p) over each non-final layer's
    output, (L, N, D*H) time-major or (sum of lengths, D*H) packed; p == 1 draws nothing (zeros)."""
    D = 2 if rnn.bidirectional else 1
    width = D * rnn.hidden_size
    data = out.data if packed else out
    shape = (data.shape[0], width) if packed else (
        (data.shape[1], data.shape[0], width) if rnn.batch_first else (data.shape[0], data.shape[1], width))
    dtype = data.dtype
    torch.manual_seed(seed)
    if rnn.dropout == 1:
        return [torch.zeros(shape, dtype=dtype) for _ in range(rnn.num_layers - 1)]
    return [torch.empty(shape, dtype=dtype).bernoulli_(1 - rnn.dropout) for _ in range(rnn.num_layers - 1)]


def check_dropout_masks(rnn, feed, hx, masks, out, hn):
    """Asserts that single layers composed by hand with these masks reproduce torch bit for bit."""
    D = 2 if rnn.bidirectional else 1
    p = rnn.dropout
    packed = isinstance(feed, PackedSequence)
    layer_in = feed if packed or not rnn.batch_first else feed.transpose(0, 1)
    finals = []
    with torch.no_grad():
        for layer in range(rnn.num_layers):
            single = nn.RNN(layer_in.data.shape[-1], rnn.hidden_size, 1, nonlinearity=rnn.nonlinearity,
                            bias=rnn.bias, bidirectional=rnn.bidirectional, dtype=layer_in.data.dtype)
            for name, param in single.named_parameters():
                param.copy_(getattr(rnn, name.replace("_l0", f"_l{layer}")))
            h_layer = None if hx is None else hx[layer * D:(layer + 1) * D]
            o, h = single(layer_in) if h_layer is None else single(layer_in, h_layer)
            finals.append(h)
            if layer < rnn.num_layers - 1:
                noise = masks[layer].clone()
                data = o.data * torch.zeros((), dtype=noise.dtype) if p == 1 else o.data * noise.div_(1 - p)
                layer_in = PackedSequence(data, o.batch_sizes, o.sorted_indices, o.unsorted_indices) if packed else data
        expected_out = out.data if packed else (out.transpose(0, 1) if rnn.batch_first else out)
        assert torch.equal(o.data if packed else o, expected_out), "dropout masks do not reproduce the output"
        assert torch.equal(torch.cat(finals), hn), "dropout masks do not reproduce h_n"


def rnn_readable_cases():
    r = rnn_case
    return [
        r("tiny_tanh_h1", "input_size 1, hidden 1, two steps, one sequence, float64",
          ctor=dict(input_size=1, hidden_size=1, dtype="float64"), L=2, N=1, values="nice"),
        r("tiny_relu_h1", "relu, input_size 1, hidden 1, two steps, one sequence, float64",
          ctor=dict(input_size=1, hidden_size=1, nonlinearity="relu", dtype="float64"), L=2, N=1, values="nice"),
        r("tiny_tanh_h2_h0", "hidden 2 with an initial state, float64",
          ctor=dict(input_size=2, hidden_size=2, dtype="float64"), L=2, N=1, h0=True, values="nice"),
        r("defaults", "only input_size and hidden_size passed (tanh, 1 layer, bias, float32)",
          ctor=dict(input_size=3, hidden_size=4), values="nice"),
        r("defaults_h0", "defaults with an initial state", ctor=dict(input_size=3, hidden_size=4), h0=True,
          values="nice"),
        r("small_bidirectional", "a small bidirectional layer, float64",
          ctor=dict(input_size=2, hidden_size=2, bidirectional=True, dtype="float64"), L=3, N=1, values="nice"),
        r("small_two_layers", "a small two-layer stack, float64",
          ctor=dict(input_size=2, hidden_size=2, num_layers=2, dtype="float64"), L=3, N=1, values="nice"),
    ]


def combo_name(nl, bias, bf, bidir, layers, dtype, h0):
    return (f"{nl}_l{layers}_{'bias' if bias else 'nobias'}_{'bf' if bf else 'tm'}_{'bi' if bidir else 'uni'}"
            f"_{dtype.replace('float', 'f')}{'_h0' if h0 else ''}")


def rnn_grid_cases():
    """nonlinearity x bias x batch_first x bidirectional at 1 and 2 layers (float32 with and without
    h0, float64 with h0 on alternate combos) and 3 layers (float32)."""
    cases = []
    combos = [(nl, bias, bf, bidir) for nl in ("tanh", "relu") for bias in (True, False)
              for bf in (False, True) for bidir in (False, True)]

    def add(nl, bias, bf, bidir, layers, dtype, h0):
        ctor = dict(input_size=3, hidden_size=4, num_layers=layers, nonlinearity=nl, bias=bias, batch_first=bf,
                    bidirectional=bidir, dtype=dtype)
        cases.append(rnn_case(combo_name(nl, bias, bf, bidir, layers, dtype, h0),
                              f"{nl}, {layers} layer(s), bias={bias}, batch_first={bf}, bidirectional={bidir}, "
                              f"{dtype}{', with h0' if h0 else ''}", ctor=ctor, L=3, N=2, h0=h0))

    for layers in (1, 2):
        for k, (nl, bias, bf, bidir) in enumerate(combos):
            add(nl, bias, bf, bidir, layers, "float32", False)
            add(nl, bias, bf, bidir, layers, "float32", True)
            add(nl, bias, bf, bidir, layers, "float64", k % 2 == 1)
    for k, (nl, bias, bf, bidir) in enumerate(combos):
        add(nl, bias, bf, bidir, 3, "float32", k % 2 == 0)
    return cases


def rnn_edge_cases():
    r = rnn_case
    base = dict(input_size=3, hidden_size=4)
    bi2 = dict(input_size=3, hidden_size=4, num_layers=2, bidirectional=True)
    return [
        r("seq_len_1", "L=1", ctor=bi2, L=1, N=2, h0=True),
        r("batch_1", "N=1", ctor=bi2, L=4, N=1, h0=True),
        r("batch_0", "N=0: empty output, no error", ctor=base, L=3, N=0),
        r("batch_0_h0_bidir_2layers", "N=0 with an empty h0, bidirectional, 2 layers", ctor=bi2, L=2, N=0, h0=True),
        r("hidden_1", "H=1", ctor=dict(input_size=3, hidden_size=1, num_layers=2, bidirectional=True), L=4, N=2,
          h0=True),
        r("input_size_1", "input_size 1", ctor=dict(input_size=1, hidden_size=3), L=4, N=3),
        r("input_size_0", "input_size 0: weight_ih is (H, 0)", ctor=dict(input_size=0, hidden_size=3), L=2, N=1),
        r("long_seq_200_tanh_bidir", "L=200, tanh, bidirectional, 2 layers, float32",
          ctor=bi2, L=200, N=2, h0=True),
        r("long_seq_200_relu_f64", "L=200, relu, float64",
          ctor=dict(input_size=3, hidden_size=4, nonlinearity="relu", dtype="float64"), L=200, N=2),
        r("long_seq_200_relu_f32", "L=200, relu, float32",
          ctor=dict(input_size=3, hidden_size=4, nonlinearity="relu"), L=200, N=2),
        r("wide_32", "input 16, hidden 32, batch 4, 2 layers, bidirectional",
          ctor=dict(input_size=16, hidden_size=32, num_layers=2, bidirectional=True), L=10, N=4, h0=True),
    ]


def rnn_unbatched_cases():
    r = rnn_case
    cases = []
    for bidir in (False, True):
        for layers in (1, 2):
            for h0 in (False, True):
                ctor = dict(input_size=3, hidden_size=4, num_layers=layers, bidirectional=bidir)
                cases.append(r(f"unbatched_l{layers}_{'bi' if bidir else 'uni'}{'_h0' if h0 else ''}",
                               f"2-D input (L, input_size), {layers} layer(s), bidirectional={bidir}",
                               ctor=ctor, L=4, unbatched=True, h0=h0))
    cases += [
        r("unbatched_batch_first_ignored", "batch_first is ignored for 2-D input",
          ctor=dict(input_size=3, hidden_size=4, batch_first=True), L=4, unbatched=True, h0=True),
        r("unbatched_relu_f64", "2-D input, relu, float64",
          ctor=dict(input_size=3, hidden_size=4, nonlinearity="relu", dtype="float64"), L=4, unbatched=True, h0=True),
        r("unbatched_seq_len_1", "2-D input with one step", ctor=dict(input_size=3, hidden_size=4), L=1,
          unbatched=True),
    ]
    return cases


def rnn_dropout_cases():
    """Dropout between layers, with the masks torch drew (asserted by a composition by hand)."""
    r = rnn_case
    cases = [
        r("dropout_eval_mode", "dropout=0.5 in eval mode is off",
          ctor=dict(input_size=3, hidden_size=4, num_layers=2, dropout=0.5), training=False, h0=True),
        r("dropout_eval_mode_bidir_3layers", "dropout=0.3 in eval mode, bidirectional, 3 layers",
          ctor=dict(input_size=3, hidden_size=4, num_layers=3, dropout=0.3, bidirectional=True), training=False),
        r("dropout_one_layer_warns", "dropout>0 with one layer only warns (nothing is dropped)",
          ctor=dict(input_size=3, hidden_size=4, dropout=0.5)),
        r("dropout_zero_explicit", "dropout=0 passed explicitly", ctor=dict(input_size=3, hidden_size=4, num_layers=2,
                                                                             dropout=0)),
    ]
    for layers, bidir, p, bf, dtype, h0 in [
        (2, False, 0.5, False, "float32", False), (2, True, 0.5, False, "float32", True),
        (3, False, 0.3, False, "float32", True), (3, True, 0.25, True, "float32", False),
        (2, False, 1, False, "float32", True), (2, True, 0.5, True, "float64", True),
        (3, False, 0.5, False, "float64", False),
    ]:
        label = f"{p}".replace(".", "_")
        ctor = dict(input_size=3, hidden_size=4, num_layers=layers, dropout=p, bidirectional=bidir,
                    batch_first=bf, dtype=dtype)
        cases.append(r(f"dropout_train_l{layers}_{'bi' if bidir else 'uni'}_p{label}{'_bf' if bf else ''}"
                       f"_{dtype.replace('float', 'f')}{'_h0' if h0 else ''}",
                       f"training-mode dropout p={p} between {layers} layers with the masks torch drew",
                       ctor=ctor, L=4, N=3, h0=h0))
    cases += [
        r("dropout_train_packed_l2_bi", "packed input with dropout between 2 bidirectional layers",
          ctor=dict(input_size=3, hidden_size=4, num_layers=2, dropout=0.5, bidirectional=True), L=4, N=3,
          lengths=[2, 4, 3], enforce_sorted=False, h0=True),
        r("dropout_train_packed_l3_f64", "packed input with dropout between 3 layers, float64",
          ctor=dict(input_size=3, hidden_size=4, num_layers=3, dropout=0.4, dtype="float64"), L=5, N=3,
          lengths=[5, 3, 1]),
    ]
    return cases


def rnn_packed_cases():
    r = rnn_case
    base = dict(input_size=2, hidden_size=3)
    cases = [
        r("packed_sorted_small", "lengths [3, 2, 1] sorted, enforce_sorted=True, float64",
          ctor=dict(input_size=2, hidden_size=3, dtype="float64"), L=3, N=3, lengths=[3, 2, 1], values="nice"),
        r("packed_unsorted_small", "lengths [2, 1, 3] with enforce_sorted=False, float64",
          ctor=dict(input_size=2, hidden_size=3, dtype="float64"), L=3, N=3, lengths=[2, 1, 3],
          enforce_sorted=False, values="nice"),
        r("packed_batch_first", "packed batch_first input",
          ctor=dict(input_size=2, hidden_size=3, batch_first=True), L=4, N=3, lengths=[4, 2, 1]),
        r("packed_batch_first_unsorted", "packed batch_first input, unsorted",
          ctor=dict(input_size=2, hidden_size=3, batch_first=True), L=4, N=3, lengths=[1, 4, 2], enforce_sorted=False),
        r("packed_h0", "packed input with h0 (in the original batch order)", ctor=base, L=4, N=3,
          lengths=[2, 4, 3], enforce_sorted=False, h0=True),
        r("packed_bidir", "packed bidirectional: the reverse pass starts at each sequence's end",
          ctor=dict(input_size=2, hidden_size=3, bidirectional=True), L=4, N=3, lengths=[4, 3, 1]),
        r("packed_bidir_l2_h0_unsorted", "packed, bidirectional, 2 layers, h0, unsorted",
          ctor=dict(input_size=2, hidden_size=3, num_layers=2, bidirectional=True), L=4, N=4,
          lengths=[2, 4, 1, 3], enforce_sorted=False, h0=True),
        r("packed_bidir_l2_h0_unsorted_f64", "packed, bidirectional, 2 layers, h0, unsorted, float64",
          ctor=dict(input_size=2, hidden_size=3, num_layers=2, bidirectional=True, dtype="float64"), L=4, N=4,
          lengths=[2, 4, 1, 3], enforce_sorted=False, h0=True),
        r("packed_bidir_l3_relu_bf", "packed, relu, bidirectional, 3 layers, batch_first",
          ctor=dict(input_size=2, hidden_size=3, num_layers=3, nonlinearity="relu", bidirectional=True,
                    batch_first=True), L=5, N=3, lengths=[3, 5, 2], enforce_sorted=False, h0=True),
        r("packed_ties_sorted", "tied lengths, enforce_sorted=True", ctor=base, L=3, N=4, lengths=[3, 3, 2, 2]),
        r("packed_ties_unsorted", "tied lengths, enforce_sorted=False (stable sort for batch <= 16)",
          ctor=dict(input_size=2, hidden_size=3, bidirectional=True), L=3, N=5, lengths=[2, 3, 2, 3, 1],
          enforce_sorted=False, h0=True),
        r("packed_ties_unsorted_16", "16 sequences with many ties, unsorted",
          ctor=base, L=4, N=16, lengths=[(k * 7) % 4 + 1 for k in range(16)], enforce_sorted=False),
        r("packed_all_equal", "all lengths equal the padded length", ctor=base, L=3, N=2, lengths=[3, 3]),
        r("packed_shorter_than_padding", "max length 2 < T=4: the padded output has 2 steps", ctor=base, L=4, N=2,
          lengths=[2, 1], zero_padding=False),
        r("packed_single_sequence", "one sequence", ctor=base, L=3, N=1, lengths=[3]),
        r("packed_all_length_1", "every sequence of length 1", ctor=dict(input_size=2, hidden_size=3,
                                                                            bidirectional=True), L=2, N=3,
          lengths=[1, 1, 1]),
        r("packed_no_bias_relu", "packed, no bias, relu", ctor=dict(input_size=2, hidden_size=3, bias=False,
                                                                    nonlinearity="relu"), L=3, N=3, lengths=[3, 1, 2],
          enforce_sorted=False),
        r("packed_h0_batch_larger_unsorted", "quirk: with enforce_sorted=False an h0 with extra batch rows is "
          "accepted (the permutation drops them)", ctor=base, L=3, N=3, lengths=[1, 3, 2], enforce_sorted=False,
          h0_shape=(1, 4, 3)),
        r("packed_float_lengths", "float lengths are truncated ([2.7, 1.2] acts as [2, 1])", ctor=base, L=3, N=2,
          lengths=[2.7, 1.2]),
    ]
    return cases


def rnn_error_cases():
    """Spec §3.4, as a JS caller can trigger them."""
    r = rnn_case
    base = dict(input_size=4, hidden_size=5)
    fwd = ("RuntimeError", "forward")
    return [
        r("error_input_size_mismatch", "last dim != input_size", ctor=base, input_shape=(2, 3, 6), raises=fwd),
        r("error_input_size_mismatch_unbatched", "unbatched last dim != input_size", ctor=base, input_shape=(2, 6),
          raises=fwd),
        r("error_h0_wrong_batch", "h0 batch differs", ctor=base, input_shape=(2, 3, 4), h0_shape=(1, 2, 5), raises=fwd),
        r("error_h0_wrong_hidden", "h0 hidden size differs", ctor=base, input_shape=(2, 3, 4), h0_shape=(1, 3, 4),
          raises=fwd),
        r("error_h0_wrong_layers_bidir", "h0 first dim must be num_layers * num_directions",
          ctor=dict(input_size=4, hidden_size=5, num_layers=2, bidirectional=True), input_shape=(2, 3, 4),
          h0_shape=(2, 3, 5), raises=fwd),
        r("error_h0_wrong_first_dim_unbatched", "unbatched h0 with the wrong first dim", ctor=base, input_shape=(2, 4),
          h0_shape=(2, 5), raises=fwd),
        r("error_h0_2d_for_batched", "3-D input with a 2-D h0", ctor=base, input_shape=(2, 3, 4), h0_shape=(3, 5),
          raises=fwd),
        r("error_h0_3d_for_unbatched", "2-D input with a 3-D h0", ctor=base, input_shape=(2, 4), h0_shape=(1, 1, 5),
          raises=fwd),
        r("error_input_1d", "1-D input", ctor=base, input_shape=(4,), raises=fwd),
        r("error_input_4d", "4-D input", ctor=base, input_shape=(1, 2, 3, 4), raises=fwd),
        r("error_input_0d", "0-D input", ctor=base, input_shape=(), raises=("IndexError", "forward")),
        r("error_seq_len_0", "zero sequence length", ctor=base, input_shape=(0, 3, 4), raises=fwd),
        r("error_seq_len_0_unbatched", "zero sequence length, unbatched", ctor=base, input_shape=(0, 4), raises=fwd),
        r("error_input_float64_module_float32", "input dtype differs from the weights", ctor=base,
          input_shape=(2, 3, 4), input_dtype="float64", raises=fwd),
        r("error_input_int64", "an int64 input", ctor=base, input_shape=(2, 3, 4), input_dtype="int64", raises=fwd),
        r("error_dropout_negative", "dropout < 0", ctor=dict(input_size=4, hidden_size=5, num_layers=2, dropout=-0.1),
          raises=("ValueError", "construct")),
        r("error_dropout_above_1", "dropout > 1", ctor=dict(input_size=4, hidden_size=5, num_layers=2, dropout=1.5),
          raises=("ValueError", "construct")),
        r("error_dropout_nan", "dropout NaN", ctor=dict(input_size=4, hidden_size=5, num_layers=2, dropout=NAN),
          raises=("ValueError", "construct")),
        r("error_dropout_inf", "dropout Infinity", ctor=dict(input_size=4, hidden_size=5, num_layers=2, dropout=INF),
          raises=("ValueError", "construct")),
        r("error_dropout_bool", "dropout=true is not a number here", ctor=dict(input_size=4, hidden_size=5,
                                                                                num_layers=2, dropout=True),
          raises=("ValueError", "construct")),
        r("error_unknown_nonlinearity", "nonlinearity 'sigmoid'", ctor=dict(input_size=4, hidden_size=5,
                                                                             nonlinearity="sigmoid"),
          raises=("ValueError", "construct")),
        r("error_nonlinearity_case", "nonlinearity is case-sensitive", ctor=dict(input_size=4, hidden_size=5,
                                                                                 nonlinearity="Tanh"),
          raises=("ValueError", "construct")),
        r("error_hidden_size_0", "hidden_size 0 (misleading proj_size message)", ctor=dict(input_size=4, hidden_size=0),
          raises=("ValueError", "construct")),
        r("error_hidden_size_negative", "hidden_size -1", ctor=dict(input_size=4, hidden_size=-1),
          raises=("ValueError", "construct")),
        r("error_hidden_size_float", "hidden_size 2.5", ctor=dict(input_size=4, hidden_size=2.5),
          raises=("TypeError", "construct")),
        r("error_input_size_float", "input_size 2.5", ctor=dict(input_size=2.5, hidden_size=3),
          raises=("TypeError", "construct")),
        r("error_input_size_negative", "input_size -1", ctor=dict(input_size=-1, hidden_size=3),
          raises=("RuntimeError", "construct")),
        r("error_num_layers_0", "num_layers 0", ctor=dict(input_size=4, hidden_size=5, num_layers=0),
          raises=("IndexError", "construct")),
        r("error_num_layers_float", "num_layers 1.5", ctor=dict(input_size=4, hidden_size=5, num_layers=1.5),
          raises=("TypeError", "construct")),
        r("error_bias_not_bool", "bias=0 is accepted at construction but fails at forward",
          ctor=dict(input_size=4, hidden_size=5, bias=0), input_shape=(2, 3, 4), raises=("TypeError", "forward")),
        r("error_packed_not_sorted", "unsorted lengths with enforce_sorted=True", ctor=base, L=3, N=3,
          input_shape=(3, 3, 4), lengths=[1, 3, 2], raises=fwd),
        r("error_packed_length_0", "a length of 0", ctor=base, input_shape=(3, 2, 4), lengths=[3, 0], raises=fwd),
        r("error_packed_length_negative", "a negative length", ctor=base, input_shape=(3, 2, 4), lengths=[3, -1],
          raises=fwd),
        r("error_packed_lengths_count", "len(lengths) != batch", ctor=base, input_shape=(3, 2, 4), lengths=[3, 2, 1],
          raises=fwd),
        r("error_packed_empty", "cannot pack an input with T=0", ctor=base, input_shape=(0, 2, 4), lengths=[1, 1],
          raises=fwd),
        r("error_packed_data_3d", "packing a 4-D input gives 3-D data the RNN rejects", ctor=base,
          input_shape=(3, 2, 1, 4), lengths=[3, 2], raises=fwd),
        r("error_packed_h0_wrong_batch", "packed input with an h0 of the wrong batch", ctor=base,
          input_shape=(3, 3, 4), lengths=[3, 2, 1], h0_shape=(1, 2, 5), raises=fwd),
        r("error_packed_h0_batch_too_small_unsorted", "unsorted packed input with too small an h0 batch", ctor=base,
          input_shape=(3, 3, 4), lengths=[1, 3, 2], enforce_sorted=False, h0_shape=(1, 2, 5), raises=fwd),
        r("error_packed_h0_wrong_hidden_unsorted", "unsorted packed input with the wrong h0 hidden size", ctor=base,
          input_shape=(3, 3, 4), lengths=[1, 3, 2], enforce_sorted=False, h0_shape=(1, 3, 4), raises=fwd),
        r("error_packed_input_size", "packed input with the wrong feature size", ctor=base, input_shape=(3, 2, 6),
          lengths=[3, 2], raises=fwd),
        r("deviation_packed_length_exceeds_input", "a length longer than the padded input", ctor=base,
          input_shape=(3, 2, 4), lengths=[4, 2], raises=("ValueError", "forward"), deviation=LENGTH_DEVIATION_NOTE),
        r("deviation_packed_length_exceeds_input_unsorted", "a length longer than the padded batch_first input",
          ctor=dict(input_size=4, hidden_size=5, batch_first=True), input_shape=(2, 3, 4), lengths=[2, 4],
          enforce_sorted=False, raises=("ValueError", "forward"), deviation=LENGTH_DEVIATION_NOTE),
    ]


def rnn_cases():
    return (rnn_readable_cases() + rnn_grid_cases() + rnn_edge_cases() + rnn_unbatched_cases()
            + rnn_packed_cases() + rnn_dropout_cases() + rnn_error_cases())


# =============================================================================== group: packing

PACKING_KWARGS = {
    "pack_padded_sequence": ("batch_first", "enforce_sorted"),
    "pack_sequence": ("enforce_sorted",),
    "pad_sequence": ("batch_first", "padding_value"),
    "pad_packed_sequence": ("batch_first", "padding_value", "total_length"),
    "unpack_sequence": (),
    "unpad_sequence": ("batch_first",),
}
PACKING_FNS = {"pack_padded_sequence": pack_padded_sequence, "pack_sequence": pack_sequence,
               "pad_sequence": pad_sequence, "pad_packed_sequence": pad_packed_sequence,
               "unpack_sequence": unpack_sequence, "unpad_sequence": unpad_sequence}


def packing_case(name, description, fn, *, input=None, sequences=None, packed=None, lengths=None, raises=None,
                 deviation=None, **kwargs):
    """One torch.nn.utils.rnn function on a tensor, a list of tensors or a PackedSequence."""
    assert set(kwargs) <= set(PACKING_KWARGS[fn]), kwargs
    kwargs = {k: js(v) for k, v in kwargs.items()}
    args = {"fn": fn, **{k: kwargs.get(k) for k in PACKING_KWARGS[fn]}}

    def body(rec, record):
        inputs = record["inputs"]
        call = []
        if input is not None:
            x = materialize(input)
            inputs["input"] = encode_tensor(x)
            call.append(x)
        if sequences is not None:
            seqs = [materialize(s) for s in sequences]
            inputs["sequences"] = [encode_tensor(s) for s in seqs]
            call.append(seqs)
        if packed is not None:
            inputs["packed"] = encode_packed(materialize(packed))
            call.append(decode_packed(inputs["packed"]))
        if lengths is not None:
            inputs["lengths"] = js(lengths)
            call.append(js_to_py(lengths))
        rec.phase = "forward"
        py_kwargs = {k: js_to_py(v) for k, v in kwargs.items() if v is not None}
        if deviation:
            raise_length_deviation(call[0], call[1], bool(py_kwargs.get("batch_first")),
                                   py_kwargs.get("enforce_sorted", True))
        result = PACKING_FNS[fn](*call, **py_kwargs)
        record["expected"]["outputs"] = encode_packing_result(fn, result)

    return Case("packing", name, description, "packing", body, args=args, raises=raises, deviation=deviation)


def encode_packing_result(fn, result):
    if isinstance(result, PackedSequence):
        return encode_packed(result)
    if fn == "pad_sequence":
        return {"padded": encode_tensor(result)}
    if fn == "pad_packed_sequence":
        return {"padded": encode_tensor(result[0]), "lengths": encode_tensor(result[1])}
    return {"sequences": [encode_tensor(s) for s in result]}


def seqs_of(*lens, dtype=torch.float32, features=()):
    """Readable sequences: sequence b holds (b+1)*10 + t (times ones over the feature dims)."""
    return [((b + 1) * 10 + torch.arange(n, dtype=dtype)).reshape(n, *([1] * len(features))).expand(n, *features)
            .contiguous() for b, n in enumerate(lens)]


def padded_of(lens, batch_first=False, features=(), dtype=torch.float32):
    return pad_sequence(seqs_of(*lens, dtype=dtype, features=features), batch_first=batch_first)


def packed_of(lens, enforce_sorted=False, features=()):
    return lambda: pack_sequence(seqs_of(*lens, features=features), enforce_sorted=enforce_sorted)


def packing_pack_cases():
    p = packing_case
    spec_example = torch.tensor([[1, 2, 0], [3, 0, 0], [4, 5, 6]])
    return [
        p("pack_padded_spec_example", "spec 3.3: batch_first [[1,2,0],[3,0,0],[4,5,6]], lengths [2,1,3], unsorted",
          "pack_padded_sequence", input=spec_example, lengths=[2, 1, 3], batch_first=True, enforce_sorted=False),
        p("pack_padded_sorted", "time-major, sorted lengths, defaults", "pack_padded_sequence",
          input=padded_of([3, 2, 1]), lengths=[3, 2, 1]),
        p("pack_padded_sorted_explicit", "enforce_sorted=True and batch_first=False passed", "pack_padded_sequence",
          input=padded_of([3, 1]), lengths=[3, 1], batch_first=False, enforce_sorted=True),
        p("pack_padded_batch_first", "batch_first, sorted", "pack_padded_sequence",
          input=padded_of([4, 2, 2], batch_first=True), lengths=[4, 2, 2], batch_first=True),
        p("pack_padded_unsorted", "time-major, unsorted", "pack_padded_sequence", input=padded_of([1, 3, 2]),
          lengths=[1, 3, 2], enforce_sorted=False),
        p("pack_padded_sorted_with_enforce_false", "already sorted with enforce_sorted=False still gets indices",
          "pack_padded_sequence", input=padded_of([3, 2]), lengths=[3, 2], enforce_sorted=False),
        p("pack_padded_features", "trailing feature dims (2, 3) are carried along", "pack_padded_sequence",
          input=padded_of([2, 3], features=(2, 3)), lengths=[2, 3], enforce_sorted=False),
        p("pack_padded_ties", "tied lengths keep their order (batch <= 16)", "pack_padded_sequence",
          input=padded_of([2, 3, 2, 3, 1]), lengths=[2, 3, 2, 3, 1], enforce_sorted=False),
        p("pack_padded_shorter_than_padding", "lengths shorter than T", "pack_padded_sequence",
          input=lambda: torch.randn(5, 2, 2), lengths=[3, 2]),
        p("pack_padded_float_lengths", "float lengths are truncated", "pack_padded_sequence",
          input=padded_of([3, 2]), lengths=[2.7, 1.2]),
        p("pack_padded_int64_data", "int64 data", "pack_padded_sequence",
          input=padded_of([2, 1], dtype=torch.int64), lengths=[2, 1]),
        p("pack_sequence_sorted", "pack_sequence of sorted sequences", "pack_sequence",
          sequences=seqs_of(3, 2, 2)),
        p("pack_sequence_unsorted", "pack_sequence with enforce_sorted=False", "pack_sequence",
          sequences=seqs_of(1, 3, 2), enforce_sorted=False),
        p("pack_sequence_features", "pack_sequence of (n, 2) sequences", "pack_sequence",
          sequences=seqs_of(2, 3, features=(2,)), enforce_sorted=False),
        p("pack_sequence_single", "a single sequence", "pack_sequence", sequences=seqs_of(4)),
        p("pack_sequence_random", "random float64 sequences", "pack_sequence",
          sequences=[rand(4, 3, dtype=torch.float64), rand(6, 3, dtype=torch.float64), rand(1, 3, dtype=torch.float64)],
          enforce_sorted=False),
    ]


def packing_pad_cases():
    p = packing_case
    return [
        p("pad_sequence_basic", "time-major padding with zeros", "pad_sequence", sequences=seqs_of(3, 1, 2)),
        p("pad_sequence_batch_first", "batch_first padding", "pad_sequence", sequences=seqs_of(3, 1, 2),
          batch_first=True),
        p("pad_sequence_padding_value", "padding_value -1.5", "pad_sequence", sequences=seqs_of(2, 3),
          padding_value=-1.5, batch_first=True),
        p("pad_sequence_padding_nan", "padding_value NaN", "pad_sequence", sequences=seqs_of(1, 2), padding_value=NAN),
        p("pad_sequence_int_fraction_padding", "an int64 sequence padded with 0.5 gets 0", "pad_sequence",
          sequences=seqs_of(2, 1, dtype=torch.int64), padding_value=0.5),
        p("pad_sequence_int_negative_padding", "an int64 sequence padded with -1.5 gets -1", "pad_sequence",
          sequences=seqs_of(2, 1, dtype=torch.int64), padding_value=-1.5),
        p("pad_sequence_features", "sequences of shape (n, 2)", "pad_sequence", sequences=seqs_of(1, 2, features=(2,)),
          batch_first=True),
        p("pad_sequence_equal_lengths", "no padding needed", "pad_sequence", sequences=seqs_of(2, 2)),
        p("pad_sequence_empty_sequence", "a sequence of length 0 is allowed here", "pad_sequence",
          sequences=[torch.zeros(0), torch.ones(2)]),
        p("pad_packed_basic", "pad_packed_sequence restores the original order", "pad_packed_sequence",
          packed=packed_of([2, 3, 1])),
        p("pad_packed_batch_first", "batch_first output", "pad_packed_sequence", packed=packed_of([2, 3, 1]),
          batch_first=True),
        p("pad_packed_padding_value", "padding_value 7", "pad_packed_sequence", packed=packed_of([1, 2]),
          padding_value=7),
        p("pad_packed_total_length", "total_length pads further", "pad_packed_sequence", packed=packed_of([2, 1]),
          total_length=4, batch_first=True),
        p("pad_packed_total_length_equal", "total_length equal to the longest", "pad_packed_sequence",
          packed=packed_of([2, 1]), total_length=2),
        p("pad_packed_sorted_no_indices", "a PackedSequence without indices", "pad_packed_sequence",
          packed=packed_of([3, 2], enforce_sorted=True)),
        p("pad_packed_features", "with a feature dim", "pad_packed_sequence", packed=packed_of([1, 3], features=(2,)),
          batch_first=True, padding_value=-1),
        p("unpack_sequence_basic", "unpack_sequence gives the original sequences", "unpack_sequence",
          packed=packed_of([2, 3, 1])),
        p("unpack_sequence_sorted", "unpack_sequence of a sorted PackedSequence", "unpack_sequence",
          packed=packed_of([3, 1], enforce_sorted=True)),
        p("unpad_sequence_basic", "unpad_sequence of a time-major padded tensor", "unpad_sequence",
          input=padded_of([3, 1, 2]), lengths=[3, 1, 2]),
        p("unpad_sequence_batch_first", "unpad_sequence of a batch_first padded tensor", "unpad_sequence",
          input=padded_of([1, 2], batch_first=True, features=(2,)), lengths=[1, 2], batch_first=True),
        p("unpad_sequence_length_beyond_padding", "quirk: a length > T is clipped by the mask", "unpad_sequence",
          input=padded_of([3, 1], batch_first=True), lengths=[4, 1], batch_first=True),
    ]


def packing_error_cases():
    p = packing_case
    rt = ("RuntimeError", "forward")
    return [
        p("error_not_sorted", "unsorted lengths with enforce_sorted=True", "pack_padded_sequence",
          input=padded_of([1, 2]), lengths=[1, 2], raises=rt),
        p("error_pack_sequence_not_sorted", "pack_sequence of unsorted sequences", "pack_sequence",
          sequences=seqs_of(1, 2), raises=rt),
        p("error_length_0", "a length of 0", "pack_padded_sequence", input=padded_of([2, 1]), lengths=[2, 0],
          raises=rt),
        p("error_length_negative", "a negative length", "pack_padded_sequence", input=padded_of([2, 1]),
          lengths=[2, -1], raises=rt),
        p("error_lengths_count", "len(lengths) != batch", "pack_padded_sequence", input=padded_of([2, 1]),
          lengths=[2, 1, 1], raises=rt),
        p("error_lengths_2d", "nested lengths", "pack_padded_sequence", input=padded_of([2, 1]), lengths=[[2, 1]],
          raises=rt),
        p("error_empty_time", "T=0 cannot be packed", "pack_padded_sequence", input=torch.zeros(0, 2), lengths=[1, 1],
          raises=rt),
        p("error_empty_batch", "B=0 cannot be packed", "pack_padded_sequence", input=torch.zeros(3, 0), lengths=[],
          raises=rt),
        p("error_input_1d", "a 1-D input", "pack_padded_sequence", input=grid(1.0, 2.0, 3.0), lengths=[3],
          raises=("IndexError", "forward")),
        p("error_pack_sequence_empty_list", "pack_sequence([])", "pack_sequence", sequences=[], raises=rt),
        p("error_pad_sequence_empty_list", "pad_sequence([])", "pad_sequence", sequences=[], raises=rt),
        p("error_pack_sequence_empty_tensor", "pack_sequence with an empty sequence", "pack_sequence",
          sequences=[torch.ones(2), torch.zeros(0)], raises=rt),
        p("error_pad_sequence_trailing_dims", "trailing dims differ", "pad_sequence",
          sequences=[torch.zeros(2, 3), torch.zeros(1, 4)], raises=rt),
        p("error_pad_sequence_0d", "0-d sequences", "pad_sequence", sequences=[torch.tensor(1.0), torch.tensor(2.0)],
          raises=("IndexError", "forward")),
        p("error_pad_sequence_uint8_overflow", "padding_value 300 does not fit uint8", "pad_sequence",
          sequences=[torch.tensor([1, 2], dtype=torch.uint8), torch.tensor([3], dtype=torch.uint8)],
          padding_value=300, raises=rt),
        p("error_total_length_too_small", "total_length below the longest sequence", "pad_packed_sequence",
          packed=packed_of([3, 1]), total_length=2, raises=("ValueError", "forward")),
        p("error_pad_packed_increasing_batch_sizes", "a hand-built PackedSequence with increasing batch_sizes",
          "pad_packed_sequence",
          packed=lambda: PackedSequence(torch.arange(4.0).reshape(4, 1), torch.tensor([1, 3])), raises=rt),
        p("deviation_length_exceeds_input", "a length longer than the padded input", "pack_padded_sequence",
          input=padded_of([3, 2]), lengths=[4, 2], raises=("ValueError", "forward"), deviation=LENGTH_DEVIATION_NOTE),
        p("deviation_length_exceeds_input_batch_first", "a length longer than the padded batch_first input, unsorted",
          "pack_padded_sequence", input=padded_of([1, 3], batch_first=True), lengths=[1, 5], batch_first=True,
          enforce_sorted=False, raises=("ValueError", "forward"), deviation=LENGTH_DEVIATION_NOTE),
    ]


def packing_cases():
    return packing_pack_cases() + packing_pad_cases() + packing_error_cases()


# =============================================================================== output

def all_cases() -> list:
    cases = tensor_cases() + embedding_cases() + rnn_cases() + packing_cases()
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    for c in cases:
        assert c.name.replace("_", "").isalnum() and c.name == c.name.lower(), c.id
    return cases


def dumps(obj) -> bytes:
    return (json.dumps(obj, indent=1, sort_keys=True, ensure_ascii=True, allow_nan=False) + "\n").encode("ascii")


def export_onnx(module, example) -> bytes:
    """PyTorch's own ONNX export (opset 14, eval mode) with inputs input[, h0], outputs output, h_n."""
    module = copy.deepcopy(module).eval()
    input_names = ["input", "h0"][:len(example)]
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(module, example, buffer, opset_version=ONNX_OPSET, do_constant_folding=True,
                          input_names=input_names, output_names=["output", "h_n"],
                          training=torch.onnx.TrainingMode.EVAL)
    model = onnx.load_from_string(buffer.getvalue())
    onnx.checker.check_model(model)
    assert [i.name for i in model.graph.input] == input_names
    assert [o.name for o in model.graph.output] == ["output", "h_n"]
    return buffer.getvalue()


def run_isolated(case: Case) -> dict:
    """Runs one case in a fresh interpreter, so that once-per-process warnings show up."""
    result = subprocess.run([sys.executable, os.path.abspath(__file__), "--case", case.id],
                            check=True, capture_output=True)
    return json.loads(result.stdout)


def export(out: str) -> None:
    if os.path.exists(out) and os.listdir(out):
        sys.exit(f"export_golden.py: {out} is not empty")
    cases = all_cases()
    files = {}

    def write(rel: str, data: bytes):
        path = os.path.join(out, *rel.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        files[rel] = hashlib.sha256(data).hexdigest()

    width = len(str(len(cases)))
    for k, case in enumerate(cases, 1):
        if case.isolated:
            record, onnx_job = run_isolated(case), None
        else:
            record, onnx_job = run_case(case)
        if onnx_job is not None:
            rel = f"onnx/{case.group}/{case.name}.onnx"
            write(rel, export_onnx(*onnx_job))
            record["onnx"] = rel
        write(f"cases/{case.group}/{case.name}.json", dumps(record))
        print(f"[{k:>{width}}/{len(cases)}] {case.id}", flush=True)

    with open(os.path.abspath(__file__), "rb") as f:
        exporter_sha256 = hashlib.sha256(f.read()).hexdigest()
    manifest = {"format": FORMAT, "torch": torch.__version__, "onnx": onnx.__version__, "numpy": np.__version__,
                "python": platform.python_version(), "exporter_sha256": exporter_sha256,
                "cases": [c.id for c in cases], "files": dict(sorted(files.items()))}
    with open(os.path.join(out, "manifest.json"), "wb") as f:
        f.write(dumps(manifest))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--out", help="folder to write the fixtures into (empty or absent)")
    group.add_argument("--case", help="print one case's JSON to stdout (used for isolated cases)")
    options = parser.parse_args()
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float32)
    if options.case:
        case = next(c for c in all_cases() if c.id == options.case)
        record, _ = run_case(case)
        sys.stdout.buffer.write(dumps(record))
    else:
        export(os.path.abspath(options.out))


if __name__ == "__main__":
    main()
