"""The integer graph on ONNX Runtime's CUDA provider: same logits as the golden vectors (and the CPU
provider)? How fast are full-window passes and batched incremental decoding?

For a lent device machine (Python onnxruntime with CUDA, no Java there): issue 5 asks for the CUDA
logits check and the batched decoding throughput (target 2 MB/s). Run from the repository root:

    python3 training/tools/cuda_check.py --out "$OUT"            # on the device (training/device_leg.sh)
    /usr/bin/python3 training/tools/cuda_check.py --mock --out /tmp/cc   # here: plumbing only

Checks, for every provider that loads (CUDA first, then CPU with 1 and 2 threads):
  * full-window logits of each golden sequence, batch 1 and batch 8 (eight copies), against golden.bin;
  * incremental logits (the prefix at once, then one byte per run with the KV cache), batch 1 and 8;
  * timing (CUDA, and CPU for comparison): full-window batches of 512-byte windows (bytes predicted
    per second at the codec's stride of 384), and lock-step incremental decoding of B sequences
    (a 128-byte prefill, then single-byte steps to 512 positions: decoded bytes per second).
Writes cuda_check.json and prints a summary. Exit status 1 when any provider disagrees with the golden
vectors. `--mock` replaces ONNX Runtime by the Python integer network (training/intnet.py) behind the
same run() interface, to test this script where onnxruntime is not installed.
"""
import argparse
import json
import os
import struct
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
RES = os.path.join(ROOT, "codec-model", "src", "main", "resources", "io", "kolmo", "model")
GOLDEN = os.path.join(ROOT, "codec-model", "src", "test", "resources", "io", "kolmo", "model", "golden",
                      "golden.bin")


def read_golden(path):
    """[(bytes uint8 array, prefix, logits int32 [len, 256])] from golden.bin (export.py's format)."""
    data = open(path, "rb").read()
    if data[:8] != b"KOLMOGV1":
        raise ValueError(f"{path}: not a golden file")
    (count,) = struct.unpack_from("<i", data, 8)
    at, seqs = 12, []
    for _ in range(count):
        n, prefix = struct.unpack_from("<ii", data, at)
        at += 8
        b = np.frombuffer(data, np.uint8, n, at)
        at += n
        lg = np.frombuffer(data, "<i4", n * 256, at).reshape(n, 256)
        at += n * 256 * 4
        seqs.append((b, prefix, lg))
    return seqs


class OrtRunner:
    """One InferenceSession of the single graph (bytes, past_k, past_v, first -> logits, present_k/v)."""

    def __init__(self, path, provider, threads=None):
        import onnxruntime as ort
        so = ort.SessionOptions()
        if threads:
            so.intra_op_num_threads = threads
            so.inter_op_num_threads = 1
        providers = [provider] if provider == "CPUExecutionProvider" else [provider, "CPUExecutionProvider"]
        self.s = ort.InferenceSession(path, so, providers=providers)
        self.providers = self.s.get_providers()
        if provider not in self.providers:
            raise RuntimeError(f"{provider} did not initialise (session has {self.providers})")
        md = self.s.get_modelmeta().custom_metadata_map
        self.layers, self.heads = int(md["kolmo.n_layer"]), int(md["kolmo.n_head"])
        self.head_dim, self.ctx = int(md["kolmo.head_dim"]), int(md["kolmo.context_length"])

    def empty(self, batch):
        z = np.zeros((self.layers, batch, self.heads, 0, self.head_dim), np.int8)
        return z, z.copy()

    def run(self, tokens, past, first=0):
        """tokens int32 [B, n]; past (k, v) int8; returns (logits [B, n - first, 256], (k, v))."""
        lg, k, v = self.s.run(None, {"bytes": tokens.astype(np.int32), "past_k": past[0], "past_v": past[1],
                                      "first": np.array(first, np.int64)})
        return lg, (k, v)

    def decode(self, toks, pre, first=None):
        """Lock-step decoding through plain runs: toks[:, :pre] in one run (its logits from row `first`,
        default pre - 1), then one byte a run with the KV cache. The logits from row `first` on."""
        B, n = toks.shape
        parts, past = [], self.empty(B)
        if pre > 0:
            lg, past = self.run(toks[:, :pre], past, pre - 1 if first is None else first)
            parts.append(lg)
        for pos in range(pre, n):
            lg, past = self.run(toks[:, pos:pos + 1], past)
            parts.append(lg)
        return np.concatenate(parts, axis=1)

    def decode_bound(self, toks, pre):
        """decode() with the KV cache kept on the GPU (IOBinding): bytes in and logits out through
        the host, present_k/v bound to CUDA and fed back as the next past. Logits from row pre - 1 on."""
        B, n = toks.shape
        past = self.empty(B)
        out = np.zeros((B, n - pre + 1, 256), np.int32)
        k = v = None
        for pos in range(pre - 1, n):
            io = self.s.io_binding()
            if k is None:
                io.bind_cpu_input("bytes", np.ascontiguousarray(toks[:, :pre], np.int32))
                io.bind_cpu_input("past_k", past[0])
                io.bind_cpu_input("past_v", past[1])
                io.bind_cpu_input("first", np.array(pre - 1, np.int64))
            else:
                io.bind_cpu_input("bytes", np.ascontiguousarray(toks[:, pos:pos + 1], np.int32))
                io.bind_ortvalue_input("past_k", k)
                io.bind_ortvalue_input("past_v", v)
                io.bind_cpu_input("first", np.array(0, np.int64))
            io.bind_output("logits", "cpu")
            io.bind_output("present_k", "cuda", 0)
            io.bind_output("present_v", "cuda", 0)
            self.s.run_with_iobinding(io)
            lg, k, v = io.get_outputs()
            out[:, pos - pre + 1] = lg.numpy()[:, -1]
        return out


class MockRunner(OrtRunner):
    """The Python integer network behind run(): the 'cache' carries the bytes seen so far."""

    def __init__(self, weights):
        sys.path.insert(0, os.path.dirname(HERE))
        import intnet
        self.intnet = intnet
        self.P = intnet.load_weights(weights)
        self.providers = ["mock (training/intnet.py)"]
        self.layers, self.heads = self.P["n_layer"], self.P["n_head"]
        self.head_dim, self.ctx = self.P["d"] // self.P["n_head"], self.P["ctx"]

    def run(self, tokens, past, first=0):
        seen = past[0][0, :, 0, :, 0].astype(np.int64) + 128       # [B, past]
        allb = np.concatenate([seen, tokens.astype(np.int64)], axis=1)
        lg = self.intnet.forward(self.P, allb)[:, seen.shape[1]:]
        k = np.zeros((self.layers, allb.shape[0], self.heads, allb.shape[1], self.head_dim), np.int8)
        k[0, :, 0, :, 0] = (allb - 128).astype(np.int8)
        return lg[:, first:], (k, k.copy())


def check(r, seqs):
    """Mismatching logits (full and incremental, batch 1 and 8) per golden sequence."""
    out = []
    for b, prefix, want in seqs:
        row = {"len": int(len(b)), "prefix": int(prefix)}
        for batch in (1, 8):
            toks = np.tile(b[None].astype(np.int32), (batch, 1))
            lg, _ = r.run(toks, r.empty(batch))
            row[f"full_b{batch}"] = int(sum((lg[i] != want).sum() for i in range(batch)))
            got = r.decode(toks, prefix, 0)
            row[f"step_b{batch}"] = int(sum((got[i] != want).sum() for i in range(batch)))
        out.append(row)
    return out


def timed(fn, seconds):
    """Median seconds of fn() over repeated calls for about `seconds` (after one warm-up call)."""
    fn()
    ts, t0 = [], time.perf_counter()
    while not ts or time.perf_counter() - t0 < seconds:
        t = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t)
    return float(np.median(ts)), len(ts)


def speed(r, text, seconds, full_batches, step_batches, stride=384, bound=False):
    """Full-window and lock-step incremental throughput on windows cut from `text`."""
    ctx = r.ctx
    res = {"full": [], "step": []}
    for B in full_batches:
        starts = (np.arange(B) * stride) % max(1, len(text) - ctx)
        toks = np.stack([text[s:s + ctx] for s in starts]).astype(np.int32)
        first = ctx - stride
        t, n = timed(lambda: r.run(toks, r.empty(B), first), seconds)
        res["full"].append({"batch": B, "median_s": t, "runs": n, "predicted_bytes_per_s": B * stride / t})
    for B in step_batches:
        starts = (np.arange(B) * 4099) % max(1, len(text) - ctx)
        toks = np.stack([text[s:s + ctx] for s in starts]).astype(np.int32)
        pre = ctx - stride
        t, n = timed(lambda: r.decode(toks, pre), seconds)
        res["step"].append({"batch": B, "median_s_per_window": t, "runs": n,
                            "decoded_bytes_per_s": B * stride / t})
        if bound:  # the same with the cache left on the GPU; first checked against plain runs
            try:
                same = bool((r.decode_bound(toks, pre) == r.decode(toks, pre)).all())
                t, n = timed(lambda: r.decode_bound(toks, pre), seconds)
                res["step"].append({"batch": B, "iobinding": True, "same_logits_as_plain_runs": same,
                                    "median_s_per_window": t, "runs": n, "decoded_bytes_per_s": B * stride / t})
            except Exception as e:
                res["step"].append({"batch": B, "iobinding": True, "error": f"{type(e).__name__}: {e}"})
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--onnx", default=os.path.join(RES, "default.onnx"))
    ap.add_argument("--golden", default=GOLDEN)
    ap.add_argument("--text", help="bytes to time on (default: the golden sequences repeated)")
    ap.add_argument("--seconds", type=float, default=4.0, help="timing per configuration")
    ap.add_argument("--full-batches", default="1,16,64,256")
    ap.add_argument("--step-batches", default="1,64,256,1024")
    ap.add_argument("--mock", action="store_true", help="Python integer network instead of ONNX Runtime")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    seqs = read_golden(args.golden)
    text = np.frombuffer(open(args.text, "rb").read(), np.uint8) if args.text else \
        np.tile(np.concatenate([s[0] for s in seqs]), 64)
    fb = [int(x) for x in args.full_batches.split(",")]
    sb = [int(x) for x in args.step_batches.split(",")]
    if args.mock:  # the mock recomputes every prefix: plumbing only
        fb, sb = fb[:1], sb[:1]
    report = {"onnx": args.onnx, "runs": []}
    try:
        import onnxruntime as ort
        report["onnxruntime"] = ort.__version__
        report["available_providers"] = ort.get_available_providers()
    except ImportError as e:
        report["onnxruntime"] = f"not importable: {e}"
    if args.mock:
        configs = [("mock", None)]
    else:
        configs = [("CUDAExecutionProvider", None), ("CPUExecutionProvider", 1), ("CPUExecutionProvider", 2)]
    bad = False
    for provider, threads in configs:
        entry = {"provider": provider, "threads": threads}
        report["runs"].append(entry)
        try:
            if args.mock:
                r = MockRunner(os.path.join(RES, "default.weights"))
            else:
                r = OrtRunner(args.onnx, provider, threads)
            entry["session_providers"] = r.providers
            t = time.perf_counter()
            entry["golden"] = check(r, seqs)
            entry["golden_seconds"] = time.perf_counter() - t
            mism = sum(v for row in entry["golden"] for k, v in row.items() if k.startswith(("full", "step")))
            entry["golden_ok"] = mism == 0
            bad |= mism != 0
            print(f"{provider} threads={threads}: golden {'OK' if mism == 0 else f'{mism} MISMATCHES'}"
                  f" ({entry['golden_seconds']:.1f} s)", flush=True)
            save(report, args.out)  # kept should the timing below run out of time
            if threads in (None, 2):
                quick = args.mock or provider != "CUDAExecutionProvider"
                entry["speed"] = speed(r, text, args.seconds if not args.mock else 0.0,
                                       fb[:2] if quick else fb, sb[:2] if quick else sb,
                                       bound=provider == "CUDAExecutionProvider")
                for kind in ("full", "step"):
                    for s in entry["speed"][kind]:
                        rate = s.get("predicted_bytes_per_s", s.get("decoded_bytes_per_s"))
                        tag = " iobinding" if s.get("iobinding") else ""
                        if rate is None:
                            print(f"  {kind}{tag} batch {s['batch']}: {s.get('error')}", flush=True)
                        else:
                            same = s.get("same_logits_as_plain_runs")
                            print(f"  {kind}{tag} batch {s['batch']}: {rate / 1e3:.1f} KB/s"
                                  + ("" if same is None else f" (same logits as plain runs: {same})"), flush=True)
        except Exception as e:  # recorded: a provider that cannot load is a finding, not a crash
            entry["error"] = f"{type(e).__name__}: {e}"
            print(f"{provider} threads={threads}: {entry['error']}", flush=True)
            if provider == "CUDAExecutionProvider" or args.mock:
                bad = True
        save(report, args.out)
    return 1 if bad else 0


def save(report, out):
    with open(os.path.join(out, "cuda_check.json"), "w") as f:
        json.dump(report, f, indent=1)


if __name__ == "__main__":
    sys.exit(main())
