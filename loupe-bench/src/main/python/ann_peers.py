#!/usr/bin/env python3
"""The ANN peers of `loupe-bench search`: FAISS (IndexHNSWFlat, IndexIVFFlat, IndexIVFPQ) and hnswlib, run on the
same .fvecs files and queries as Loupe's Lucene index and scored the same way.

Set-up: the Debian packages python3-faiss (FAISS 1.7.3), python3-hnswlib (0.6.2) and python3-numpy. This script
installs them with apt-get when they are missing (as root; otherwise it says what to run). Run it with Debian's
interpreter, /usr/bin/python3: another python3 on PATH (e.g. a pyenv build) does not see Debian's packages.

    /usr/bin/python3 ann_peers.py --data DIR --set synth --engine hnswlib --out results.jsonl

It builds the engine's index once (saved under DIR/indexes, with its build time) in a child process, then loads it
here, so that the resident memory it reports is the loaded index alone, and sweeps the search setting on one thread.
Every query is answered the way Loupe's approximate path answers it: candidates from the index, re-scored exactly
with the float vectors, top 10. SUM queries (text, image, composed, analogy-sum) ask once with the unit query
vector; analogy-diff queries ask at lambda = 0.5 and then at the tangent lambda of the best candidates so far, as
Loupe's default ProbeSettings do. Each result line is one JSON object with the fields of Loupe's Results records.
"""
import argparse
import json
import os
import subprocess
import sys
import time

# one thread everywhere: FAISS's OpenMP, numpy's BLAS
for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_v] = "1"

PACKAGES = ["python3-faiss", "python3-hnswlib", "python3-numpy"]


def ensure_packages():
    try:
        import faiss  # noqa: F401
        import hnswlib  # noqa: F401
        import numpy  # noqa: F401
        return
    except ImportError:
        pass
    if os.geteuid() != 0:
        sys.exit("ann_peers: FAISS, hnswlib or numpy is missing; install them with "
                 "'sudo apt-get install " + " ".join(PACKAGES) + "' and run this script with /usr/bin/python3")
    print("ann_peers: installing " + " ".join(PACKAGES) + " with apt-get", file=sys.stderr)
    cmd = ["apt-get", "install", "-y", "-qq"] + PACKAGES
    if subprocess.run(cmd, stdout=subprocess.DEVNULL).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)


ensure_packages()
import faiss  # noqa: E402
import hnswlib  # noqa: E402
import numpy as np  # noqa: E402

faiss.omp_set_num_threads(1)

KINDS = ["text", "image", "composed", "analogy-sum", "analogy-diff"]
HNSW_M = 16
HNSW_EF_CONSTRUCTION = 100
PQ_SUBQUANTIZERS = 48
K = 10
EPSILON = 0.01
DIFF_LAMBDA = 0.5
SAME_POINT_EPSILON = 1e-5


def read_fvecs(path, limit=-1):
    raw = np.memmap(path, dtype=np.float32, mode="r")
    d = raw[:1].view(np.int32)[0]
    rows = raw.reshape(-1, d + 1)
    if limit >= 0:
        rows = rows[:limit]
    return np.ascontiguousarray(rows[:, 1:])


def read_ivecs(path):
    raw = np.fromfile(path, dtype=np.int32)
    d = raw[0]
    return raw.reshape(-1, d + 1)[:, 1:]


def rss_bytes():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


class Engine:
    """One peer index: build, save, load, and candidates for a probe at one sweep setting."""

    def __init__(self, name, dim, n):
        self.name, self.dim, self.n = name, dim, n
        self.nlist = max(1, int(round(np.sqrt(n))))

    def params(self):
        if self.name in ("faiss-hnsw", "hnswlib"):
            return [10, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512]
        return [p for p in (1, 2, 4, 8, 16, 32, 64, 128, 256) if p <= self.nlist]

    def build(self, base, path):
        if self.name == "faiss-hnsw":
            index = faiss.IndexHNSWFlat(self.dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
            index.add(base)
            faiss.write_index(index, path)
        elif self.name in ("faiss-ivf-flat", "faiss-ivf-pq"):
            quantizer = faiss.IndexFlatIP(self.dim)
            if self.name == "faiss-ivf-flat":
                index = faiss.IndexIVFFlat(quantizer, self.dim, self.nlist, faiss.METRIC_INNER_PRODUCT)
            else:
                index = faiss.IndexIVFPQ(quantizer, self.dim, self.nlist, PQ_SUBQUANTIZERS, 8,
                                         faiss.METRIC_INNER_PRODUCT)
            sample = np.random.default_rng(42).choice(self.n, size=min(self.n, 64 * self.nlist), replace=False)
            index.train(base[np.sort(sample)])
            index.add(base)
            faiss.write_index(index, path)
        elif self.name == "hnswlib":
            index = hnswlib.Index(space="ip", dim=self.dim)
            index.init_index(max_elements=self.n, ef_construction=HNSW_EF_CONSTRUCTION, M=HNSW_M, random_seed=42)
            index.add_items(base, np.arange(self.n), num_threads=1)
            index.save_index(path)
        else:
            raise SystemExit("ann_peers: unknown engine " + self.name)

    def load(self, path):
        if self.name == "hnswlib":
            self.index = hnswlib.Index(space="ip", dim=self.dim)
            self.index.load_index(path, max_elements=self.n)
            self.index.set_num_threads(1)
        else:
            self.index = faiss.read_index(path)

    def candidates(self, probe, param, diff):
        """Ordinals of about the best candidates for a unit probe at this setting."""
        q = probe.reshape(1, -1)
        if self.name == "hnswlib":
            self.index.set_ef(param)
            labels, _ = self.index.knn_query(q, k=param, num_threads=1)
            return labels[0]
        if self.name == "faiss-hnsw":
            self.index.hnsw.efSearch = param
            _, labels = self.index.search(q, param)
        else:
            self.index.nprobe = param
            # IVF-Flat scores exactly inside the probed cells: k suffices (3k per DIFF probe, as Loupe asks);
            # IVF-PQ's codes are approximate, so 100 are re-ranked with the floats
            want = 100 if self.name == "faiss-ivf-pq" else (3 * K if diff else K)
            _, labels = self.index.search(q, want)
        ids = labels[0]
        return ids[ids >= 0]


def unit(v):
    return v / np.linalg.norm(v)


def sum_scores(x, q):
    return np.clip(x @ q / np.sqrt(np.einsum("ij,ij->i", x, x)), -1, 1)


def diff_scores(x, base, direction):
    xx = np.einsum("ij,ij->i", x, x)
    dist2 = xx - 2 * (x @ base) + 1
    s = (x @ direction - float(base @ direction)) / np.sqrt(np.maximum(dist2, SAME_POINT_EPSILON))
    return np.where(dist2 < SAME_POINT_EPSILON, -1.0, np.clip(s, -1, 1))


def top_k(ids, scores, k):
    order = np.argsort(-scores, kind="stable")[:k]
    return ids[order], scores[order]


def answer_sum(engine, base_vectors, q, param):
    ids = np.unique(engine.candidates(q, param, False))
    return top_k(ids, sum_scores(base_vectors[ids], q), K)


def answer_diff(engine, base_vectors, base, direction, param):
    ids = np.unique(engine.candidates(unit(base + DIFF_LAMBDA * direction), param, True))
    scores = diff_scores(base_vectors[ids], base, direction)
    # one more look-up at the lambda whose probe is tangent to the measure's level set at the best candidates
    best, best_scores = top_k(ids, scores, K)
    positive = best_scores > 0
    if positive.any():
        cos_to_base = base_vectors[best[positive]] @ base
        lambdas = np.sort(np.sqrt(np.maximum(0, 2 - 2 * cos_to_base)) / best_scores[positive])
        lam = lambdas[len(lambdas) // 2]
        if np.isfinite(lam) and lam > 0:
            more = engine.candidates(unit(base + lam * direction), param, True)
            ids = np.unique(np.concatenate([ids, more]))
            scores = diff_scores(base_vectors[ids], base, direction)
    return top_k(ids, scores, K)


def sweep(engine, base_vectors, data, set_name, kind, queries, bases, truth_ids, truth_scores, out):
    n = len(queries)
    for param in engine.params():
        nanos = np.zeros(n, dtype=np.int64)
        wall = 0
        recall = 0.0
        eps = 0.0
        for i in range(n):
            # thread CPU time, like Loupe's side: the machine is shared, and preemption is not the engine's cost
            w0 = time.perf_counter_ns()
            t0 = time.thread_time_ns()
            if bases is None:
                ids, scores = answer_sum(engine, base_vectors, queries[i], param)
            else:
                ids, scores = answer_diff(engine, base_vectors, bases[i], queries[i], param)
            nanos[i] = time.thread_time_ns() - t0
            wall += time.perf_counter_ns() - w0
            recall += len(np.intersect1d(ids, truth_ids[i][:K])) / K
            # epsilon recall on the cosine distance 1 - score, as ann-benchmarks defines it (see Loupe's Recall)
            threshold = 1 - (1 - truth_scores[i][K - 1]) * (1 + EPSILON)
            eps += min(K, int(np.sum(scores >= threshold - 1e-6))) / K
        nanos.sort()
        point = {"type": "point", "system": engine.name, "set": set_name, "kind": kind, "param": int(param),
                 "recall": recall / n, "epsilonRecall": eps / n, "qps": n / (nanos.sum() / 1e9),
                 "p50Ms": float(nanos[int(np.ceil(0.50 * n)) - 1]) / 1e6,
                 "p99Ms": float(nanos[int(np.ceil(0.99 * n)) - 1]) / 1e6, "queries": n,
                 "wallQps": n / (wall / 1e9)}
        print(json.dumps(point), file=out, flush=True)
        print("ann_peers: %s %s/%s param=%d recall=%.3f eps=%.3f qps=%.0f" % (
            engine.name, set_name, kind, param, point["recall"], point["epsilonRecall"], point["qps"]),
            file=sys.stderr, flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True, help="the folder 'loupe-bench vectors' wrote")
    ap.add_argument("--set", required=True, choices=["real", "synth"])
    ap.add_argument("--engine", required=True, choices=["faiss-hnsw", "faiss-ivf-flat", "faiss-ivf-pq", "hnswlib"])
    ap.add_argument("--out", required=True, help="JSON lines file to append results to")
    ap.add_argument("--index-dir", help="where built indexes are kept (default DATA/indexes)")
    ap.add_argument("--queries", type=int, default=-1, help="queries per kind (default all)")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()

    base_path = os.path.join(args.data, args.set + ".fvecs")
    index_dir = args.index_dir or os.path.join(args.data, "indexes")
    os.makedirs(index_dir, exist_ok=True)
    index_path = os.path.join(index_dir, "%s-%s.index" % (args.engine, args.set))
    build_path = index_path + ".build.json"

    if args.build_only:
        base = read_fvecs(base_path)
        engine = Engine(args.engine, base.shape[1], base.shape[0])
        t0 = time.perf_counter()
        engine.build(base, index_path)
        with open(build_path, "w") as f:
            json.dump({"buildSeconds": time.perf_counter() - t0, "vectors": int(base.shape[0])}, f)
        return

    if not (os.path.exists(index_path) and os.path.exists(build_path)):
        print("ann_peers: building %s on %s (one thread)" % (args.engine, args.set), file=sys.stderr, flush=True)
        subprocess.run([sys.executable, os.path.abspath(__file__), "--build-only", "--data", args.data, "--set",
                        args.set, "--engine", args.engine, "--out", args.out, "--index-dir", index_dir], check=True)
    with open(build_path) as f:
        build = json.load(f)

    base = read_fvecs(base_path)
    engine = Engine(args.engine, base.shape[1], base.shape[0])
    if build["vectors"] != base.shape[0]:
        sys.exit("ann_peers: %s was built on %d vectors but %s holds %d; delete it to rebuild"
                 % (index_path, build["vectors"], base_path, base.shape[0]))
    kinds = [k for k in args.kinds.split(",") if k]
    workload = {}
    for kind in kinds:
        q = read_fvecs(os.path.join(args.data, "queries", kind + ".q.fvecs"), args.queries)
        b = read_fvecs(os.path.join(args.data, "queries", kind + ".base.fvecs"), args.queries) \
            if kind == "analogy-diff" else None
        ids = read_ivecs(os.path.join(args.data, "truth", "%s.%s.ids.ivecs" % (args.set, kind)))
        scores = read_fvecs(os.path.join(args.data, "truth", "%s.%s.scores.fvecs" % (args.set, kind)))
        workload[kind] = (q, b, ids, scores)
    before = rss_bytes()
    engine.load(index_path)
    with open(args.out, "a") as out:
        # warm-up: caches and lazy set-up, not measured
        q0 = workload[kinds[0]][0]
        for i in range(min(200, len(q0))):
            answer_sum(engine, base, q0[i], engine.params()[len(engine.params()) // 2])
        for kind in kinds:
            q, b, ids, scores = workload[kind]
            sweep(engine, base, args.data, args.set, kind, q, b, ids, scores, out)
        resident = rss_bytes() - before
        print(json.dumps({"type": "build", "system": args.engine, "set": args.set, "vectors": int(base.shape[0]),
                          "buildSeconds": build["buildSeconds"], "diskBytes": os.path.getsize(index_path),
                          # the whole index is what a search reads (vectors or codes, graph or lists)
                          "searchBytes": os.path.getsize(index_path),
                          "residentBytes": int(resident)}), file=out, flush=True)


if __name__ == "__main__":
    main()
