"""PyTorch's own sample inputs as golden cases: the OpInfo `sample_inputs_embedding` (for
F.embedding) and the ModuleInfo inputs of nn.RNN and nn.Embedding, from the torch.testing._internal
that ships inside python3-torch, so the grid holds what PyTorch's developers chose to test. Each
version yields its own samples (2.6 has more), so each version has its own such cases.

A case keeps the sample's configuration: its options, shapes, and for Embedding its index and weight
tensors as the generator drew them under the case seed. RNN values come from the case seed like every
other rnn case (the ModuleInfo draws them uniformly in [-9, 9], where tanh saturates and relu grows
large; only the configurations and shapes are PyTorch's).
"""

import sys
import types
import unittest

import torch

from .embedding import embedding_case
from .encoding import DTYPE_NAMES
from .rnn import rnn_case


def _testing_modules():
    """op_db and module_db. Their modules import test tooling the sample generators never use
    (expecttest in 1.13, setuptools through torch.utils.cpp_extension in 2.6), which Debian's
    python3-torch does not depend on: an empty stand-in is put in their place when they are missing."""
    stand_ins = {}
    try:
        import expecttest  # noqa: F401
    except ModuleNotFoundError:
        stand_ins["expecttest"] = types.SimpleNamespace(TestCase=unittest.TestCase, ACCEPT=False)
    try:
        import setuptools.command.build_ext  # noqa: F401
    except ModuleNotFoundError:
        stand_ins["torch.utils.cpp_extension"] = types.ModuleType("torch.utils.cpp_extension")
    for name, module in stand_ins.items():
        sys.modules.setdefault(name, module)
    from torch.testing._internal.common_methods_invocations import op_db
    from torch.testing._internal.common_modules import module_db
    return op_db, module_db


def opinfo_embedding_samples(dtype):
    """sample_inputs_embedding's samples (with requires_grad=False it also yields the option cases)."""
    op_db, _ = _testing_modules()
    op = next(o for o in op_db if o.name == "nn.functional.embedding")
    return list(op.sample_inputs_func(op, "cpu", dtype, requires_grad=False))


def module_samples(cls, dtype):
    _, module_db = _testing_modules()
    info = next(m for m in module_db if m.module_cls is cls)
    return list(info.module_inputs_func(info, device="cpu", dtype=dtype, requires_grad=False, training=True))


def drawn(draw, k):
    """Sample k of `draw()`, drawn once per case run from the case seed (weight and indices of one sample)."""
    cache = {}

    def get():
        if "sample" not in cache:
            cache["sample"] = draw()[k]
        return cache["sample"]
    return get


def opinfo_embedding_cases():
    cases = []
    for dtype in (torch.float32, torch.float64):
        name = DTYPE_NAMES[dtype].replace("float", "f")
        for k, s in enumerate(opinfo_embedding_samples(dtype)):
            sample = drawn(lambda dtype=dtype: opinfo_embedding_samples(dtype), k)
            options = {key: s.kwargs.get(key) for key in ("padding_idx", "max_norm", "norm_type",
                                                         "scale_grad_by_freq", "sparse")}
            described = ", ".join(f"{key}={v}" for key, v in s.kwargs.items()) or "no options"
            raises = ("RuntimeError", "backward") if options["sparse"] and options["scale_grad_by_freq"] else None
            cases.append(embedding_case(
                f"opinfo_{k:02d}_{name}", f"PyTorch's OpInfo sample {k} of nn.functional.embedding ({name}): "
                f"weight {tuple(s.input.shape)}, indices {tuple(s.args[0].shape)}, {described}", form="functional",
                weight=lambda sample=sample: sample().input, indices=lambda sample=sample: sample().args[0],
                raises=raises, **options))
    return cases


def moduleinfo_embedding_cases():
    cases = []
    for dtype in (torch.float32, torch.float64):
        name = DTYPE_NAMES[dtype].replace("float", "f")
        for k, s in enumerate(module_samples(torch.nn.Embedding, dtype)):
            ctor = s.constructor_input.kwargs
            V, D = ctor["num_embeddings"], ctor["embedding_dim"]
            sample = drawn(lambda dtype=dtype: module_samples(torch.nn.Embedding, dtype), k)
            cases.append(embedding_case(
                f"moduleinfo_{k:02d}_{name}", f"PyTorch's ModuleInfo sample {k} of nn.Embedding({V}, {D}), {name}: "
                f"indices {tuple(s.forward_input.args[0].shape)}{' ' + s.desc if s.desc else ''}",
                weight=lambda V=V, D=D, dtype=dtype: torch.randn(V, D, dtype=dtype),
                indices=lambda sample=sample: sample().forward_input.args[0]))
    return cases


def moduleinfo_rnn_cases():
    cases = []
    for k, s in enumerate(module_samples(torch.nn.RNN, torch.float32)):
        ctor = dict(s.constructor_input.kwargs)
        shapes = [tuple(a.shape) for a in s.forward_input.args]
        options = ", ".join(f"{key}={v}" for key, v in ctor.items())
        cases.append(rnn_case(
            f"moduleinfo_{k:02d}", f"PyTorch's ModuleInfo sample {k} of nn.RNN({options}): input {shapes[0]}"
            + (f", h0 {shapes[1]}" if len(shapes) > 1 else ""), ctor=ctor, input_shape=shapes[0],
            h0_shape=shapes[1] if len(shapes) > 1 else None))
    return cases
