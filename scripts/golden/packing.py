"""Group packing: torch.nn.utils.rnn's pack/pad functions, their errors, and rnnspec's one deliberate
deviation (a packed length longer than the padded input)."""

import torch
from torch.nn.utils.rnn import (PackedSequence, pack_padded_sequence, pack_sequence, pad_packed_sequence,
                                pad_sequence, unpack_sequence, unpad_sequence)

from .encoding import NAN, decode_packed, encode_packed, encode_tensor, existing, iterable, js, js_to_py
from .runner import Case, grid, materialize, rand
from .version import since

# The message rnnspec raises where torch 1.13 silently packs garbage (FIXTURES.md, "deviation").
LENGTH_DEVIATION = "pack_padded_sequence: lengths[{i}]={length} exceeds the padded sequence length {T}"
LENGTH_DEVIATION_NOTE = (
    "torch 1.13 does not check that a length fits the padded input and packs garbage (issues #144207, "
    "#146744); rnnspec raises ValueError '" + LENGTH_DEVIATION + "' for the first such i, after "
    "torch's own checks on the lengths have passed")


def raise_length_deviation(x, lengths, batch_first, enforce_sorted):
    """rnnspec's deviation: torch 1.13 packs a length > T without complaint (checked here), rnnspec raises."""
    T = x.shape[1 if batch_first else 0]
    pack_padded_sequence(x.detach(), lengths, batch_first=batch_first, enforce_sorted=enforce_sorted)
    i = next(i for i, n in enumerate(lengths) if n > T)
    raise ValueError(LENGTH_DEVIATION.format(i=i, length=lengths[i], T=T))


PACKING_KWARGS = {
    "pack_padded_sequence": ("batch_first", "enforce_sorted"),
    "pack_sequence": ("enforce_sorted",),
    "pad_sequence": ("batch_first", "padding_value", "padding_side"),
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
        if isinstance(sequences, list):
            seqs = [materialize(s) for s in sequences]
            inputs["sequences"] = [encode_tensor(s) for s in seqs]
            call.append(seqs)
        elif sequences is not None:  # anything else a caller may pass: a JS value (an iterable, a tensor, ...)
            inputs["sequences"] = js(materialize(sequences))
            call.append(js_to_py(inputs["sequences"]))
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
    # 2.x's unpad_sequence takes lengths as a Tensor only (it reads lengths.device)
    list_lengths_note = since("2.6", ": a list of lengths is refused", "")
    list_lengths_raise = since("2.6", ("AttributeError", "forward"), None)
    new_kwarg_raise = since("2.6", None, ("TypeError", "forward"))  # 1.13 has no padding_side
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
        p("unpad_sequence_basic", "unpad_sequence of a time-major padded tensor" + list_lengths_note,
          "unpad_sequence", input=padded_of([3, 1, 2]), lengths=[3, 1, 2], raises=list_lengths_raise),
        p("unpad_sequence_batch_first", "unpad_sequence of a batch_first padded tensor" + list_lengths_note,
          "unpad_sequence", input=padded_of([1, 2], batch_first=True, features=(2,)), lengths=[1, 2],
          batch_first=True, raises=list_lengths_raise),
        p("unpad_sequence_length_beyond_padding", "quirk: a length > T is clipped by the mask" + list_lengths_note,
          "unpad_sequence", input=padded_of([3, 1], batch_first=True), lengths=[4, 1], batch_first=True,
          raises=list_lengths_raise),
        p("unpad_sequence_tensor_lengths", "unpad_sequence with lengths as a tensor, as documented",
          "unpad_sequence", input=padded_of([3, 1, 2]), lengths=existing(torch.tensor([3, 1, 2]))),
        p("unpad_sequence_tensor_lengths_beyond_padding", "quirk: a tensor length > T is clipped by the mask",
          "unpad_sequence", input=padded_of([3, 1], batch_first=True, features=(2,)),
          lengths=existing(torch.tensor([4, 1])), batch_first=True),
        p("pad_sequence_tuple", "a tuple (a JS iterable that is not an Array) of sequences", "pad_sequence",
          sequences=lambda: iterable([existing(s) for s in seqs_of(2, 3)])),
        p("pad_sequence_tensor", "a 2-D tensor is unbound along dim 0 into its rows", "pad_sequence",
          sequences=lambda: existing(torch.arange(6.0).reshape(2, 3)), batch_first=True),
        p("pad_sequence_padding_side_left", "padding_side='left' pads before each sequence (new in 2.x)",
          "pad_sequence", sequences=seqs_of(3, 1, 2), padding_side="left", raises=new_kwarg_raise),
        p("pad_sequence_padding_side_left_batch_first", "padding_side='left', batch_first, padding_value -1",
          "pad_sequence", sequences=seqs_of(1, 3, features=(2,)), batch_first=True, padding_value=-1,
          padding_side="left", raises=new_kwarg_raise),
        p("pad_sequence_padding_side_right", "padding_side='right' passed explicitly", "pad_sequence",
          sequences=seqs_of(2, 1), padding_side="right", raises=new_kwarg_raise),
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
          raises=since("2.6", rt, ("IndexError", "forward"))),
        p("error_pad_sequence_int", "a number is not an iterable of sequences", "pad_sequence", sequences=5,
          raises=rt),
        p("error_pad_sequence_padding_side", "padding_side must be 'left' or 'right'", "pad_sequence",
          sequences=seqs_of(2, 1), padding_side="middle", raises=since("2.6", rt, ("TypeError", "forward"))),
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
