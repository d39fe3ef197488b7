#!/usr/bin/env python3
"""Build a newsgraph graph on a Dask cluster (docs/scale.md).

Lists the inputs (*.txt and *.jsonl under the folders given, as `newsgraph
build` does), splits them into shards of about equal bytes, runs
`newsgraph extract` on each shard on the cluster's workers, then merges the
partial graphs in a tree (`newsgraph merge --out-part`, FAN_IN parts at a
time) and writes the graph with a last `newsgraph merge --out`. The files
are byte-identical to one `newsgraph build` over the same inputs, whatever
the number of shards, workers or the shape of the tree.

Paths must be the same on the driver and the workers (a shared filesystem);
an input or the parts folder may instead be an fsspec URL (s3://, gs://,
abfs://...: the worker copies its shard in and its part out, with the
filesystem package installed on the workers).

    python3 tools/dask_build.py --newsgraph target/release/newsgraph \
        --scheduler tcp://scheduler:8786 --shards 400 --parts /shared/parts \
        --out /shared/graph --format graphml,jsonld /shared/news

Without --scheduler it starts a dask.distributed.LocalCluster of
--local-workers processes.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile


def list_inputs(paths):
    """Every input file as (path, bytes), sorted by path."""
    found = []
    for p in paths:
        if "://" in p:
            import fsspec

            fs, root = fsspec.core.url_to_fs(p)
            proto = p.split("://", 1)[0]
            for f, info in fs.find(root, detail=True).items():
                if f.endswith((".txt", ".jsonl")):
                    found.append((f"{proto}://{f}", info.get("size", 0)))
        elif os.path.isdir(p):
            for d, _, names in os.walk(p):
                for n in names:
                    if n.endswith((".txt", ".jsonl")):
                        f = os.path.join(d, n)
                        found.append((f, os.path.getsize(f)))
        else:
            found.append((p, os.path.getsize(p)))
    return sorted(set(found))


def shards_of(files, n):
    """Splits files into at most n shards of about equal bytes (largest
    first, each into the lightest shard); the same split every time."""
    n = max(1, min(n, len(files)))
    shards = [[] for _ in range(n)]
    load = [0] * n
    for f, size in sorted(files, key=lambda x: (-x[1], x[0])):
        i = min(range(n), key=lambda k: (load[k], k))
        shards[i].append(f)
        load[i] += size
    return [sorted(s) for s in shards if s]


def run(cmd):
    """Runs newsgraph; exit 1 (some input skipped) is reported, not fatal."""
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd[:2])} failed ({p.returncode}): {p.stderr}")
    if p.stderr.strip():
        print(p.stderr.strip(), file=sys.stderr)
    return p.returncode


def staged(url, local_dir):
    """A local path for url: copied in when it is an fsspec URL."""
    if "://" not in url:
        return url
    import fsspec

    local = os.path.join(local_dir, str(abs(hash(url))) + "_" + os.path.basename(url))
    with fsspec.open(url, "rb") as src, open(local, "wb") as dst:
        shutil.copyfileobj(src, dst)
    return local


def put(local, url):
    if "://" not in url:
        return
    import fsspec

    with open(local, "rb") as src, fsspec.open(url, "wb") as dst:
        shutil.copyfileobj(src, dst)


def extract(newsgraph, files, part, extra):
    """A worker's task: one shard into one partial graph."""
    with tempfile.TemporaryDirectory() as tmp:
        local = [staged(f, tmp) for f in files]
        out = part if "://" not in part else os.path.join(tmp, "part.ngp")
        run([newsgraph, "extract", *local, "--out", out, "--quiet", *extra])
        put(out, part)
    return part


def merge(newsgraph, parts, out_part=None, out=None, formats=None):
    """A worker's task: parts into one part, or into the graph files."""
    with tempfile.TemporaryDirectory() as tmp:
        local = [staged(p, tmp) for p in parts]
        cmd = [newsgraph, "merge", *local, "--quiet"]
        target = None
        if out_part is not None:
            target = out_part if "://" not in out_part else os.path.join(tmp, "merged.ngp")
            cmd += ["--out-part", target]
        if out is not None:
            cmd += ["--out", out]
            if formats:
                cmd += ["--format", formats]
        run(cmd)
        if out_part is not None:
            put(target, out_part)
    return out_part or out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+", help="files or folders (or fsspec URLs)")
    ap.add_argument("--newsgraph", default="newsgraph", help="the binary, on every worker")
    ap.add_argument("--out", required=True, help="folder for the graph files")
    ap.add_argument("--format", default=None, help="as newsgraph build --format")
    ap.add_argument("--parts", default=None, help="folder (or URL) for the partial graphs")
    ap.add_argument("--shards", type=int, default=None, help="default: 4 per worker")
    ap.add_argument("--fan-in", type=int, default=8, help="parts per merge task")
    ap.add_argument("--scheduler", default=None, help="address of a running scheduler")
    ap.add_argument("--local-workers", type=int, default=2, help="without --scheduler")
    ap.add_argument(
        "--extract-arg",
        action="append",
        default=[],
        help="passed to every newsgraph extract (repeat: --extract-arg=--date=2024-05-01)",
    )
    args = ap.parse_args(argv)

    from dask.distributed import Client, LocalCluster

    files = list_inputs(args.inputs)
    if not files:
        print("dask_build: no *.txt or *.jsonl input found", file=sys.stderr)
        return 2
    own_parts = args.parts is None
    parts_dir = args.parts or tempfile.mkdtemp(prefix="newsgraph-parts-")
    if "://" not in parts_dir:
        os.makedirs(parts_dir, exist_ok=True)
    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(
            n_workers=args.local_workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
        client = Client(cluster)
    try:
        workers = max(1, len(client.scheduler_info()["workers"]))
        shards = shards_of(files, args.shards or 4 * workers)
        level = [
            client.submit(
                extract,
                args.newsgraph,
                shard,
                f"{parts_dir}/part-0-{i:05}.ngp",
                args.extract_arg,
                pure=False,
            )
            for i, shard in enumerate(shards)
        ]
        # Merge in a tree: each task merges fan-in parts of the level below
        # as soon as they are written (Dask runs a task when its inputs are
        # done), until few enough are left for the last merge.
        fan_in = max(2, args.fan_in)
        depth = 0
        while len(level) > fan_in:
            depth += 1
            level = [
                client.submit(
                    merge,
                    args.newsgraph,
                    level[i : i + fan_in],
                    f"{parts_dir}/part-{depth}-{i // fan_in:05}.ngp",
                    pure=False,
                )
                for i in range(0, len(level), fan_in)
            ]
        final = client.submit(
            merge, args.newsgraph, level, None, args.out, args.format, pure=False
        )
        final.result()
        print(
            f"dask_build: {len(files)} files in {len(shards)} shards on {workers} workers, "
            f"merged in {depth + 1} levels into {args.out}",
            file=sys.stderr,
        )
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
        if own_parts:
            shutil.rmtree(parts_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
