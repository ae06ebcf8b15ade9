"""Group embedding: nn.Embedding, F.embedding and Embedding.from_pretrained, forward, in-place max_norm
renorm and weight gradients (dense and sparse), every option, all pairs of options, and the errors."""

import math
from fractions import Fraction

import torch
import torch.nn as nn
import torch.nn.functional as F

from .encoding import DTYPES, INF, NEG_INF, encode_tensor, js, js_to_py
from .runner import Case, grid, materialize, rand, sample
from .version import since

EMBEDDING_OPTIONS = ("padding_idx", "max_norm", "norm_type", "scale_grad_by_freq", "sparse")


def embedding_case(name, description, *, form="module", weight=None, indices, upstream="random",
                   raises=None, num_embeddings=None, embedding_dim=None, freeze=None, dtype=None, check=None,
                   **options):
    """nn.Embedding (weight injected through _weight), F.embedding or Embedding.from_pretrained:
    forward, the weight after the call (in-place max_norm renorm) and the weight gradient.
    `check(indices, upstream, grad)` asserts a property of torch's gradient that makes the case worth having."""
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
        if check is not None:
            check(idx, g, param.grad)

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
        e("scale_grad_single_rounding_f64", "float64 rows scaled by 1/7 and 1/3 accumulate with one rounding per "
          "step (a fused multiply-add), which differs from rounding the product first",
          weight=rand(3, 13, dtype=torch.float64), indices=idx(0, 2, 0, 0, 2, 0, 0, 2, 0, 0), scale_grad_by_freq=True,
          check=check_single_rounding),
        e("scale_grad_single_rounding_f64_padding", "float64 one-rounding accumulation in F.embedding, with a "
          "padding row that is counted but gets no gradient", form="functional",
          weight=rand(4, 3, dtype=torch.float64), indices=idx(1, 1, 3, 1, 1, 3, 1, 1, 1, shape=(3, 3)),
          padding_idx=3, scale_grad_by_freq=True,
          check=lambda i, g, grad: check_single_rounding(i, g, grad, padding_idx=3)),
    ]


def fma(a: float, b: float, c: float) -> float:
    """a * b + c rounded once (exact rational arithmetic, then one rounding to float64)."""
    return float(Fraction(a) * Fraction(b) + Fraction(c))


def check_single_rounding(indices, upstream, grad, padding_idx=None):
    """scale_grad_by_freq's backward does grad_weight[k].add_(grad[i], 1/count[k]) for each i in order:
    asserts that torch rounds each step once (a fused multiply-add) and that rounding the product
    first would differ in some element, so that the case tells the two apart."""
    flat = indices.reshape(-1).tolist()
    counts = {k: flat.count(k) for k in flat}
    rows = upstream.reshape(len(flat), -1).tolist()
    single = [[0.0] * len(rows[0]) for _ in range(grad.shape[0])] if rows else []
    double = [list(r) for r in single]
    for k, row in zip(flat, rows):
        if k == padding_idx:
            continue
        scale = 1.0 / counts[k]
        single[k] = [fma(x, scale, acc) for x, acc in zip(row, single[k])]
        double[k] = [acc + x * scale for x, acc in zip(row, double[k])]
    assert grad.tolist() == single, "torch's scale_grad_by_freq gradient is not one rounding per step"
    assert single != double, "no element where one rounding and two roundings differ: pick other inputs"


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
        e("from_pretrained_int_frozen", since("2.6", "a frozen from_pretrained of an integer tensor looks up integers",
                                              "from_pretrained of an integer tensor fails even when frozen"),
          form="from_pretrained", weight=torch.arange(8).reshape(4, 2), indices=i,
          raises=since("2.6", None, ("RuntimeError", "construct"))),
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


# indices around the 16-bit ranges of a 70,000-row table, its last rows, and repeats
PAST_16_BITS = (0, 1, 32767, 32768, 32769, 65535, 65536, 65537, 69998, 69999, 65536, 40000, 0, 32768)


def wide_rows(rows, cols, prefix=64, dtype=torch.float32):
    """Random rows whose first `prefix` elements are small: a norm over the prefix alone stays far
    below the whole row's, so renorming by a prefix norm is visible."""
    def make():
        w = torch.randn(rows, cols, dtype=dtype)
        w[:, :prefix] *= 0.1
        return w
    return make


def embedding_realistic_cases():
    """Realistic sizes and the max_norm extremes: a 70,000-row table read past 2^15 and 2^16, wide
    rows renormed, and rows where max_norm's epsilon or its strict `>` decide the output."""
    e = embedding_case
    zero_and_not = lambda dtype: grid(0.0, 0.0, 3.0, -4.0, 0.0, 0.0, dtype=dtype, shape=(3, 2))
    exact = grid(3.0, 4.0, 6.0, 8.0, -3.0, 4.0, 0.0, 5.0, dtype=torch.float64, shape=(4, 2))
    tiny = lambda dtype: grid(3e-7, 4e-7, 6e-7, -8e-7, dtype=dtype, shape=(2, 2))
    return [
        # frozen and narrow: a gradient over 70,000 rows costs tfjs-cpu ~10 s, a 70,000 x 4 lookup ~2 s
        e("large_table_past_16_bits", "a frozen 70,000 x 2 table read at indices past 2^15 and 2^16 and at "
          "its last rows", form="from_pretrained", freeze=True, weight=rand(70000, 2),
          indices=idx(*PAST_16_BITS, shape=(2, 7))),
        e("large_table_max_norm_int32", "a frozen 70,000 x 2 table with max_norm=1, int32 indices past 2^16",
          form="from_pretrained", freeze=True, weight=rand(70000, 2), indices=idx(*PAST_16_BITS, dtype=torch.int32),
          max_norm=1),
        e("wide_513_max_norm", "rows of 513 whose first 64 elements are small, max_norm=10 (norm ~21)",
          weight=wide_rows(6, 513), indices=idx(0, 1, 2, 5, 1), max_norm=10),
        e("wide_257_max_norm_p1", "rows of 257, norm_type=1, max_norm=100 (1-norm ~185, its first 64 ~5)",
          weight=wide_rows(5, 257), indices=idx(4, 0, 3), max_norm=100, norm_type=1),
        e("wide_513_max_norm_f64", "rows of 513 in float64, max_norm=10",
          weight=wide_rows(4, 513, dtype=torch.float64), indices=idx(3, 1, 3), max_norm=10),
        e("max_norm_zero_rows_at_zero", "zero rows with max_norm=0: 0 > 0 is false, they stay; the other row becomes 0",
          weight=zero_and_not(torch.float32), indices=idx(0, 1, 2), upstream="nice", max_norm=0),
        e("max_norm_zero_rows_negative", "zero rows with max_norm=-1: 0 > -1, scaled by -1/(0+1e-7) to -0.0",
          weight=zero_and_not(torch.float32), indices=idx(0, 1, 2), upstream="nice", max_norm=-1),
        e("max_norm_zero_rows_negative_f64", "zero rows with max_norm=-0.5 in float64",
          weight=zero_and_not(torch.float64), indices=idx(2, 0), upstream="nice", max_norm=-0.5),
        e("max_norm_exact_f64", "float64 rows of norm exactly 5 with max_norm=5 stay; [6,8] is scaled by 5/(10+1e-7)",
          weight=exact, indices=idx(0, 1, 2, 3), upstream="nice", max_norm=5),
        e("max_norm_exact_p1_f64", "float64 rows of 1-norm exactly 7 with max_norm=7, norm_type=1; [6,8] scaled",
          weight=exact, indices=idx(0, 1, 2, 3), upstream="nice", max_norm=7, norm_type=1),
        e("max_norm_epsilon_tiny_rows", "rows of norm 5e-7 and 1e-6 with max_norm=1e-7: the +1e-7 gives 1/6, not 1/5",
          weight=tiny(torch.float32), indices=idx(0, 1), upstream="nice", max_norm=1e-7),
        e("max_norm_epsilon_tiny_rows_f64", "the same in float64", weight=tiny(torch.float64), indices=idx(1, 0),
          upstream="nice", max_norm=1e-7),
        e("max_norm_epsilon_negative_p", "tiny rows, norm_type=-1, max_norm=1e-7",
          weight=tiny(torch.float64), indices=idx(0, 1), upstream="nice", max_norm=1e-7, norm_type=-1),
    ]


def embedding_cases():
    return (embedding_basic_cases() + embedding_padding_cases() + embedding_scale_grad_cases()
            + embedding_sparse_cases() + embedding_max_norm_cases() + embedding_size_cases()
            + embedding_random_cases() + embedding_pairwise_cases() + embedding_realistic_cases()
            + embedding_error_cases())
