"""Group rnn: nn.RNN under the case seed (its own init), padded, unbatched and packed input, with and
without h0, training-mode dropout with the very masks torch drew, edge sizes, and the errors."""

import torch
import torch.nn as nn
from torch.nn.utils.rnn import PackedSequence, pack_padded_sequence, pad_packed_sequence

from .encoding import DTYPES, INF, NAN, encode_tensor, js, js_to_py
from .runner import Case, sample
from .packing import LENGTH_DEVIATION_NOTE, raise_length_deviation
from .version import since

RNN_CTOR = ("input_size", "hidden_size", "num_layers", "nonlinearity", "bias", "batch_first", "dropout",
            "bidirectional", "dtype")


def rnn_case(name, description, *, ctor, L=3, N=2, unbatched=False, h0=False, values="random", training=True,
             lengths=None, enforce_sorted=True, input_shape=None, h0_shape=None, input_dtype=None,
             zero_padding=None, raises=None, deviation=None, positional=None, shape_values=None):
    """nn.RNN under the case seed (its own init, recorded as params), fed a padded or packed input,
    with gradients of (output*g_out).sum() + (h_n*g_h).sum() w.r.t. input, h0 and every parameter.
    `ctor` is passed by keyword; `positional` (recorded as args.positional) before it, by position.
    `shape_values(rnn, x, hx)` (extreme-value cases) may change the parameters in place and returns
    the input and h0 to use, before anything is recorded."""
    assert set(ctor) <= set(RNN_CTOR), ctor
    ctor = {k: js(v) for k, v in ctor.items()}
    args = {**{k: ctor.get(k) for k in RNN_CTOR}, "training": training}
    if positional is not None:
        args["positional"] = js(list(positional))

    def body(rec, record):
        kwargs = {k: js_to_py(v) for k, v in ctor.items() if v is not None}
        if "dtype" in kwargs:
            kwargs["dtype"] = DTYPES[kwargs["dtype"]]
        rec.phase = "construct"
        rnn = nn.RNN(*js_to_py(args.get("positional", [])), **kwargs)
        if not training:
            rnn.eval()
        params = dict(rnn.named_parameters())

        dtype = DTYPES[input_dtype or ctor.get("dtype") or "float32"]
        D = 2 if rnn.bidirectional else 1
        bf = bool(rnn.batch_first)
        shape = input_shape if input_shape is not None else ((L, rnn.input_size) if unbatched else
                                (N, L, rnn.input_size) if bf else (L, N, rnn.input_size))
        x = sample(shape, dtype, values)
        if lengths is not None and (zero_padding if zero_padding is not None else values == "nice"):
            x = zero_past_lengths(x, lengths, bf)
        hx = None
        if h0 or h0_shape is not None:
            hshape = h0_shape if h0_shape is not None else ((D * rnn.num_layers, rnn.hidden_size) if unbatched else
                                  (D * rnn.num_layers, N, rnn.hidden_size))
            hx = sample(hshape, dtype, values)
        if shape_values is not None:
            with torch.no_grad():
                x, hx = shape_values(rnn, x, hx)
        record["params"] = {k: encode_tensor(v) for k, v in rnn.state_dict().items()}
        x.requires_grad_(x.is_floating_point())
        record["inputs"]["input"] = encode_tensor(x)
        if hx is not None:
            hx.requires_grad_(dtype.is_floating_point)
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
    value_error = ("ValueError", "forward")  # 2.x checks the input before the C++ kernel does
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
        r("error_input_1d", "1-D input", ctor=base, input_shape=(4,), raises=since("2.6", value_error, fwd)),
        r("error_input_4d", "4-D input", ctor=base, input_shape=(1, 2, 3, 4), raises=since("2.6", value_error, fwd)),
        r("error_input_0d", "0-D input", ctor=base, input_shape=(),
          raises=since("2.6", value_error, ("IndexError", "forward"))),
        r("error_seq_len_0", "zero sequence length", ctor=base, input_shape=(0, 3, 4), raises=fwd),
        r("error_seq_len_0_unbatched", "zero sequence length, unbatched", ctor=base, input_shape=(0, 4), raises=fwd),
        r("error_input_float64_module_float32", "input dtype differs from the weights", ctor=base,
          input_shape=(2, 3, 4), input_dtype="float64", raises=since("2.6", value_error, fwd)),
        r("error_input_int64", "an int64 input", ctor=base, input_shape=(2, 3, 4), input_dtype="int64",
          raises=since("2.6", value_error, fwd)),
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
        r("error_hidden_size_0", since("2.6", "hidden_size 0", "hidden_size 0 (misleading proj_size message)"),
          ctor=dict(input_size=4, hidden_size=0),
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
          raises=since("2.6", ("ValueError", "construct"), ("IndexError", "construct"))),
        r("positional_fourth_relu", "nn.RNN(3, 4, 1, 'relu'): the 4th positional argument is bias in 1.13 "
          "(a str bias fails at forward), nonlinearity from 2.x on", ctor={}, positional=(3, 4, 1, "relu"), L=2,
          N=1, raises=since("2.6", None, ("TypeError", "forward"))),
        r("positional_fourth_false", "nn.RNN(3, 4, 1, false): bias=False in 1.13, an unknown nonlinearity from "
          "2.x on", ctor={}, positional=(3, 4, 1, False), L=2, N=1,
          raises=since("2.6", ("ValueError", "construct"), None)),
        r("error_positional_num_layers_0", "nn.RNN(3, 4, 0): num_layers 0 passed by position", ctor={},
          positional=(3, 4, 0), raises=since("2.6", ("ValueError", "construct"), ("IndexError", "construct"))),
        r("error_positional_hidden_size_0", "nn.RNN(3, 0): hidden_size 0 passed by position", ctor={}, positional=(3, 0),
          raises=("ValueError", "construct")),
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


def rnn_size_cases():
    """Sizes just past tile and chunk boundaries (I, H in 17, 33, 65, 129; N in 17, 33, 65), padded
    and packed, with and without h0, and sequences of 256 steps at a small width."""
    r = rnn_case
    descending = sorted((3 - (b * 7) % 3 for b in range(65)), reverse=True)  # lengths 3..1
    # distinct lengths: with ties PyTorch's unstable sort picks an order rnnspec does not copy (docs/spec.md §5.4)
    permuted = [(b * 7) % 33 + 1 for b in range(33)]
    return [
        r("size_i33_h17_n17_h0", "input 33, hidden 17, batch 17, with h0", ctor=dict(input_size=33, hidden_size=17),
          L=3, N=17, h0=True),
        r("size_i17_h65_n33", "input 17, hidden 65, batch 33", ctor=dict(input_size=17, hidden_size=65), L=2, N=33),
        r("size_i129_h33_n9_relu_h0", "relu, input 129, hidden 33, with h0",
          ctor=dict(input_size=129, hidden_size=33, nonlinearity="relu"), L=2, N=9, h0=True),
        r("size_i65_h129_n65_packed", "input 65, hidden 129, batch 65, packed with lengths 3..1",
          ctor=dict(input_size=65, hidden_size=129), L=3, N=65, lengths=descending),
        r("size_i65_h65_n33_bf_packed_h0", "relu, batch_first, input 65, hidden 65, batch 33, packed, with h0",
          ctor=dict(input_size=65, hidden_size=65, nonlinearity="relu", batch_first=True), L=3, N=33, h0=True,
          lengths=descending[:33]),
        r("size_i17_h65_n33_packed_unsorted_h0", "input 17, hidden 65, batch 33, lengths a permutation of 1..33 "
          "(enforce_sorted=False), with h0", ctor=dict(input_size=17, hidden_size=65), L=33, N=33, h0=True,
          lengths=permuted, enforce_sorted=False),
        r("size_i17_h33_n17_bi_l2_h0", "2 bidirectional layers, input 17, hidden 33, batch 17, with h0",
          ctor=dict(input_size=17, hidden_size=33, num_layers=2, bidirectional=True), L=3, N=17, h0=True),
        r("long_l256_h0", "256 steps, input 4, hidden 8, with h0", ctor=dict(input_size=4, hidden_size=8),
          L=256, N=2, h0=True),
        r("long_l256_relu_packed_bf", "relu, 256 steps, batch_first, packed lengths 256, 129",
          ctor=dict(input_size=4, hidden_size=8, nonlinearity="relu", batch_first=True), L=256, N=2,
          lengths=[256, 129]),
    ]


def scaled_input(factor):
    """Multiplies the input (and h0) by `factor`: pre-activations of size `factor`."""
    return lambda rnn, x, hx: (x * factor, None if hx is None else hx * factor)


def zero_units(*units, factor=1.0):
    """Zero weight rows and zero bias entries for `units` of every layer: their pre-activation is
    exactly 0 at every step; the input is multiplied by `factor`."""
    def shape(rnn, x, hx):
        for name, param in rnn.named_parameters():
            if name.startswith(("weight", "bias")):
                param[list(units)] = 0
        return x * factor, hx
    return shape


def cancelling(rnn, x, hx):
    """Input feature 0 is 2^26 + r and feature 1 is -2^26 with weights exactly 1 on both: in float64
    the sum is r exactly, in float32 2^26 + r rounds to a multiple of 8 and r is lost."""
    rnn.weight_ih_l0[:, :2] = 1
    x = x.clone()
    x[..., 0] += 2.0 ** 26
    x[..., 1] = -(2.0 ** 26)
    return x, hx


def rnn_extreme_cases():
    """Saturating values: tanh pre-activations past +-50 (a tanh from exp overflows), relu values
    past 6 and exactly-zero relu pre-activations, and float64 sums that float32 cannot hold."""
    r = rnn_case
    return [
        r("saturate_tanh", "tanh with pre-activations of size ~100", ctor=dict(input_size=3, hidden_size=4), L=3,
          N=2, h0=True, shape_values=scaled_input(100.0)),
        r("saturate_tanh_f64", "float64 tanh with pre-activations of size ~1000",
          ctor=dict(input_size=3, hidden_size=4, dtype="float64"), L=3, N=2, shape_values=scaled_input(1000.0)),
        r("saturate_relu", "relu with hidden values up to ~40", ctor=dict(input_size=3, hidden_size=4,
          nonlinearity="relu"), L=3, N=2, h0=True, shape_values=scaled_input(20.0)),
        r("relu_zero_preactivation", "relu with units 0 and 2 of zero weights and bias: pre-activation exactly 0",
          ctor=dict(input_size=3, hidden_size=4, nonlinearity="relu"), L=3, N=2, h0=True,
          shape_values=zero_units(0, 2)),
        r("relu_zero_preactivation_l2_f64", "float64 relu, 2 layers, unit 1 of every layer exactly 0, inputs x10",
          ctor=dict(input_size=3, hidden_size=3, num_layers=2, nonlinearity="relu", dtype="float64"), L=3, N=2,
          shape_values=zero_units(1, factor=10.0)),
        r("cancel_f64_tanh", "float64 tanh, input features 2^26 + r and -2^26 that cancel exactly",
          ctor=dict(input_size=3, hidden_size=4, dtype="float64"), L=3, N=2, h0=True, shape_values=cancelling),
        r("cancel_f64_relu_bf", "float64 relu, batch_first, features 2^26 + r and -2^26 that cancel exactly",
          ctor=dict(input_size=3, hidden_size=4, nonlinearity="relu", batch_first=True, dtype="float64"), L=4,
          N=3, shape_values=cancelling),
    ]


def rnn_cases():
    return (rnn_readable_cases() + rnn_grid_cases() + rnn_edge_cases() + rnn_unbatched_cases()
            + rnn_packed_cases() + rnn_dropout_cases() + rnn_size_cases() + rnn_extreme_cases()
            + rnn_error_cases())
