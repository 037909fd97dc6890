"""The PyTorch peer's side of the bench: builds one workload, then runs a step per request.

    python3 bench/peer/serve.py WORKLOAD_MODULE STEPS [THREADS]

Prints one JSON line when ready ({"ready": true, "buildMs": ..., "torch": ..., "threads": ...}), then
answers each "step" line on stdin with {"ms": ..., "losses": {...}}: ms is the step's own wall time,
measured here, and the losses are read back after it. "quit" or the end of stdin ends it.
"""
import importlib
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402


def main():
    module, steps = sys.argv[1], int(sys.argv[2])
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    torch.set_num_threads(threads)
    workload = importlib.import_module(module)
    t0 = time.perf_counter()
    step = workload.make(steps)
    build_ms = (time.perf_counter() - t0) * 1000
    print(json.dumps({'ready': True, 'buildMs': build_ms, 'torch': torch.__version__, 'threads': torch.get_num_threads()}), flush=True)
    t = 0
    for line in sys.stdin:
        if line.strip() != 'step':
            break
        start = time.perf_counter()
        losses = step(t)
        ms = (time.perf_counter() - start) * 1000
        t += 1
        print(json.dumps({'ms': ms, 'losses': {k: float(v.item()) for k, v in losses.items()}}), flush=True)


if __name__ == '__main__':
    main()
