"""Value encoding (FIXTURES.md "Encoding of values"): tensors as {dtype, shape, data} that
round-trip exactly, PackedSequences, and the tagged JS values a JavaScript caller passes."""

import math

import numpy as np
import torch
from torch.nn.utils.rnn import PackedSequence

MAX_SAFE_INT = 2**53 - 1
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
# A tensor of at least this many elements is stored as a little-endian binary side file (FIXTURES.md
# "Side files"); every smaller one stays inline (JSON costs about 20 bytes an element, a side file 4 or 8).
SIDE_FILE_MIN_ELEMENTS = 2**10
SIDE_FILE_DTYPES = {"float32": "<f4", "float64": "<f8", "int64": "<i8", "int32": "<i4"}


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
    if t.numel() >= SIDE_FILE_MIN_ELEMENTS and name in SIDE_FILE_DTYPES:
        # output.py names the file and replaces "$bytes" with "file" and "sha256"
        raw = t.contiguous().numpy().astype(SIDE_FILE_DTYPES[name]).tobytes()
        return {"dtype": name, "shape": list(t.shape), "$bytes": raw}
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


def cycle(levels_up: int) -> dict:
    """A reference back to an enclosing JS array (`const z = [0]; z.push(z)` is [0, cycle(0)])."""
    return {"$cycle": levels_up}


def iterable(items: list) -> dict:
    """A JS iterable that is not an Array (a generator): the exporter passes a Python tuple."""
    return {"$iterable": items}


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


def js_to_py(value, enclosing=()):
    """What the exporter passes to PyTorch for a JS value: integer-valued numbers become Python
    ints, other numbers floats, typed arrays numpy arrays, existing tensors torch tensors.
    `enclosing` holds the lists being built, innermost last, for {"$cycle": k} (a self-referential list)."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, list):
        out = []  # filled in place so that a $cycle inside can refer to it
        out.extend(js_to_py(v, (*enclosing, out)) for v in value)
        return out
    tag = next(iter(value))
    if tag == "$iterable":
        return tuple(js_to_py(v, enclosing) for v in value["$iterable"])
    if tag == "$cycle":
        # the array k levels up from the array holding the marker (0: that array itself)
        return enclosing[-1 - value["$cycle"]]
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
