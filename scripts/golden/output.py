"""Output: the case list, torch.onnx.export of RNN cases, the case files and the manifest."""

import copy
import hashlib
import io
import json
import os
import platform
import re
import subprocess
import sys
import warnings

import numpy as np
import onnx
import torch

from .embedding import embedding_cases
from .packing import packing_cases
from .rnn import rnn_cases
from .runner import Case, run_case
from .tensor import tensor_cases
from .upstream import moduleinfo_embedding_cases, moduleinfo_rnn_cases, opinfo_embedding_cases
from .version import TORCH

FORMAT = 2  # 2: one folder per PyTorch version, the version and BLAS in the manifest
ONNX_OPSET = 14
PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def all_cases(upstream: bool = True) -> list:
    """Every case, each group's own first, then (unless `upstream` is false: a faster list for
    --case of an own case) the cases made of PyTorch's own sample inputs."""
    theirs = (opinfo_embedding_cases() + moduleinfo_embedding_cases(), moduleinfo_rnn_cases()) if upstream else ([], [])
    cases = tensor_cases() + embedding_cases() + theirs[0] + rnn_cases() + theirs[1] + packing_cases()
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


def blas() -> str:
    """The BLAS torch was built for (torch.__config__.show()'s BLAS_INFO) and the library that the
    process actually loaded for it (Debian picks it with update-alternatives)."""
    info = re.search(r"BLAS_INFO=([^,\s]+)", torch.__config__.show())
    torch.mm(torch.ones(2, 2), torch.ones(2, 2))  # make sure the BLAS is loaded
    with open("/proc/self/maps") as f:
        libraries = sorted({os.path.realpath(line.split()[-1]) for line in f
                            if re.search(r"/lib[^/]*blas[^/]*\.so", line)})
    return f"{info.group(1) if info else 'unknown'}: {', '.join(libraries) or 'no BLAS library loaded'}"


def source_sha256() -> str:
    """The exporter's identity: sha256 over "<file name>\\n<sha256 of the file>\\n" for every .py file of
    this package in name order (test/harness/golden.ts computes the same to spot stale fixtures)."""
    lines = []
    for name in sorted(n for n in os.listdir(PACKAGE_DIR) if n.endswith(".py")):
        with open(os.path.join(PACKAGE_DIR, name), "rb") as f:
            lines.append(f"{name}\n{hashlib.sha256(f.read()).hexdigest()}\n")
    return hashlib.sha256("".join(lines).encode()).hexdigest()


def run_isolated(case: Case) -> dict:
    """Runs one case in a fresh interpreter, so that once-per-process warnings show up."""
    env = {**os.environ, "PYTHONPATH": os.path.dirname(PACKAGE_DIR), "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run([sys.executable, "-m", __package__, "--case", case.id],
                            check=True, capture_output=True, env=env)
    return json.loads(result.stdout)


def move_to_side_files(record: dict, case: Case, write) -> None:
    """Replaces every tensor that encode_tensor left as raw "$bytes" by a reference to a side file
    data/<group>/<name>/<path in the record>.bin, written through `write`, with its sha256."""
    def walk(node, path):
        if isinstance(node, dict):
            if "$bytes" in node:
                rel = f"data/{case.group}/{case.name}/{'.'.join(path)}.bin"
                raw = node.pop("$bytes")
                write(rel, raw)
                node["file"] = rel
                node["sha256"] = hashlib.sha256(raw).hexdigest()
                return
            for key in sorted(node):
                walk(node[key], (*path, key))
        elif isinstance(node, list):
            for k, item in enumerate(node):
                walk(item, (*path, str(k)))

    walk(record, ())


def export(out: str) -> None:
    if os.path.exists(out) and os.listdir(out):
        sys.exit(f"golden exporter: {out} is not empty")
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
        move_to_side_files(record, case, write)
        write(f"cases/{case.group}/{case.name}.json", dumps(record))
        print(f"[{k:>{width}}/{len(cases)}] {case.id}", flush=True)

    exporter_sha256 = source_sha256()
    manifest = {"format": FORMAT, "version": TORCH, "torch": torch.__version__, "onnx": onnx.__version__,
                "numpy": np.__version__, "python": platform.python_version(), "blas": blas(),
                "exporter_sha256": exporter_sha256,
                "cases": [c.id for c in cases], "files": dict(sorted(files.items()))}
    with open(os.path.join(out, "manifest.json"), "wb") as f:
        f.write(dumps(manifest))
