"""Group tensor: torch.tensor(data, dtype, requires_grad) for what a JavaScript caller can pass."""

import math

import torch

from .encoding import (DTYPES, INF, NAN, NEG_INF, NEG_ZERO, NULL, big, cycle, encode_tensor, existing, js, js_to_py,
                       jsstr, typed)
from .runner import Case, grid
from .version import since

# PyTorch 2.6 turns Uint16Array/Uint32Array/BigUint64Array into torch.uint16/32/64 tensors, dtypes
# rnnspec does not implement (1.13 refused them with a TypeError); rnnspec raises instead.
UNSIGNED_DEVIATION = "tensor(): numpy.{dtype} arrays give torch.{dtype}, a dtype rnnspec does not implement"
UNSIGNED_DEVIATION_NOTE = (
    "torch 2.6 returns a torch.{dtype} tensor, a dtype rnnspec does not implement (1.13 raised a TypeError); "
    "rnnspec raises TypeError '" + UNSIGNED_DEVIATION + "'")


def tensor_case(name, description, data, dtype=None, requires_grad=False, raises=None, isolated=False,
                deviation=None):
    """torch.tensor(data, dtype=dtype, requires_grad=requires_grad) for a JS value `data`.
    With `deviation` = (note, message), torch must succeed and rnnspec raises TypeError(message)."""
    data = js(data)

    def body(rec, record):
        rec.phase = "forward"
        result = torch.tensor(js_to_py(data), dtype=DTYPES[dtype] if dtype else None,
                              requires_grad=requires_grad)
        if deviation:
            raise TypeError(deviation[1])
        record["expected"]["outputs"] = {"result": encode_tensor(result)}

    return Case("tensor", name, description, "tensor", body,
                args={"dtype": dtype, "requires_grad": requires_grad}, inputs={"data": data},
                raises=(raises, "forward") if raises else None, isolated=isolated,
                deviation=deviation[0] if deviation else None)


def unsigned_typed_case(name, array, dtype):
    """A typed array of an unsigned dtype numpy has and torch 1.13 lacks: refused by 1.13, a
    deviation from 2.6 on."""
    deviation = (UNSIGNED_DEVIATION_NOTE.format(dtype=dtype), UNSIGNED_DEVIATION.format(dtype=dtype))
    return tensor_case(name, since("2.6", f"a {array} is refused by rnnspec (torch 2.6 gives torch.{dtype})",
                                   f"a {array} is rejected"),
                       typed(dtype, [1, 2]), raises="TypeError", deviation=since("2.6", deviation, None))


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
        unsigned_typed_case("typed_uint16", "Uint16Array", "uint16"),
        unsigned_typed_case("typed_uint32", "Uint32Array", "uint32"),
        unsigned_typed_case("typed_uint64", "BigUint64Array", "uint64"),
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
        c("self_referential_list", "const z = [0]; z.push(z): a list that holds itself is refused",
          [0, cycle(0)], raises="TypeError"),
        c("self_referential_after_floats", "a list that holds itself after two numbers", [0.5, 1, cycle(0)],
          raises="TypeError"),
        c("self_referential_first", "a list whose first element is itself nests too deep", [cycle(0), 1],
          raises="ValueError"),
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
