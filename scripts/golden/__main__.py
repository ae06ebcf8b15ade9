"""Command line: python3 -m golden --out DIR | --case ID (see __init__.py)."""

import argparse
import os
import sys

import torch

from .output import all_cases, dumps, export
from .runner import run_case
from .version import TORCH, VERSIONS


def main() -> None:
    parser = argparse.ArgumentParser(prog="python3 -m golden", description="Export rnnspec's golden fixtures")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--out", help="folder to write the fixtures into (empty or absent)")
    group.add_argument("--case", help="print one case's JSON to stdout (used for isolated cases)")
    parser.add_argument("--torch", choices=VERSIONS, help="refuse to run unless this is the PyTorch version here")
    options = parser.parse_args()
    if options.torch and options.torch != TORCH:
        sys.exit(f"golden exporter: asked to record PyTorch {options.torch}, but {torch.__version__} is installed here")
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float32)
    if options.case:
        own = not options.case.split("/")[-1].startswith(("opinfo_", "moduleinfo_"))
        case = next(c for c in all_cases(upstream=not own) if c.id == options.case)
        record, _ = run_case(case)
        sys.stdout.buffer.write(dumps(record))
    else:
        export(os.path.abspath(options.out))


main()
