"""rnnspec's golden fixture exporter: PyTorch itself computes every expectation (scripts/FIXTURES.md).

Run it as a package, with this folder's parent on the module path, under the PyTorch to record
(Debian 12's python3-torch 1.13 on the host, Debian 13's 2.6 inside a trixie root; scripts/golden.mjs
does both):
    PYTHONPATH=scripts /usr/bin/python3 -m golden --out DIR       every case into an empty folder
    PYTHONPATH=scripts /usr/bin/python3 -m golden --case ID       one case's JSON to stdout

Modules, in the order a reader needs them:
  version     which PyTorch runs this (the ONE place that knows; cases ask it, nothing else does)
  encoding    tensors and JS values as JSON that round-trips exactly
  runner      a Case, how it is run and how an error or warning is recorded; seeded sample data
  tensor, embedding, rnn, packing   the case groups
  upstream    PyTorch's own sample inputs (OpInfo / ModuleInfo) turned into cases
  output      the case list, ONNX export, the files and the manifest
Every expectation is what torch computed or raised, caught and recorded, never typed in by hand; the
one exception is a case marked "deviation", where rnnspec deliberately raises although torch does not.
The output is a pure function of this package's source and the installed torch/onnx/numpy.
"""
