#!/usr/bin/env python3
"""Builds data/wordstats.bin, the word statistics table of src/lexicon/wordstats.rs:
for the English strings of spaCy's old vocabulary data that are common enough,
their log probability (quantised to a byte) and their Brown cluster path.
Not run at build or run time; the output is deterministic (same wheel, same
file, byte for byte).

Usage (Python 3 standard library only; nothing else is downloaded):
    pip download --no-deps -d /tmp/wordstats spacy-lookups-data==1.0.5
    python3 tools/make_wordstats.py \
        /tmp/wordstats/spacy_lookups_data-1.0.5-py2.py3-none-any.whl data/wordstats.bin

Source (see data/README.md): PyPI spacy-lookups-data 1.0.5 by Explosion,
licence MIT (the wheel's LICENSE; the data files carry no other notice: the
wheel's en_license.txt is WordNet's and covers the lemma tables only). Its
files spacy_lookups_data/data/en_lexeme_prob.json.gz (1,000,001 cased
strings -> natural-log probability, unseen -20.50) and
en_lexeme_cluster.json.gz (the same strings -> Brown cluster as an int) are
the probability and cluster tables that spaCy v2.2's English models shipped.
The script checks both files against the sha256 in the wheel's RECORD.

Cluster ints: spaCy stored a Brown path such as "0110" as int(path[::-1], 2),
the path reversed, so that the first step of the path is the lowest bit and
`c & ((1 << k) - 1)` is the k-step prefix. Trailing zeros of a path are lost
that way ("011" and "0110" give the same int). Brown's merge tree is a full
binary tree, so the lengths come back: a path must reach down to the deepest
point where another cluster branches off it, and no further (every internal
node has two children). The script rebuilds the lengths, then checks that the
paths are prefix-free and that Kraft's sum over them is exactly 1 (the leaves
of a full binary tree), and stops otherwise. Int 0 means "no cluster" for
most strings and is also the all-zero leaf; the two cannot be told apart,
so 0 is written as no cluster.

File layout (all integers little-endian):
    header, 40 bytes:
        magic b"NGWS", version u32 (1), words u32, slots u32, clusters u32,
        offset_bits u32, prob_base f32, prob_step f32, records_len u32,
        max_probe u32
    clusters: u32 each, path bits (first step lowest) | length << 24
    slots: u32 each, 0xFFFFFFFF when empty, else
        fingerprint << offset_bits | offset of the record in the records
    records: length u8, quantised log prob u8, cluster index u16
        (0xFFFF: none), then the word's UTF-8 bytes
    checksum u64 of everything before it (see `checksum`)
A word's hash is splitmix64's finaliser of FNV-1a of its bytes (the crate's
util::hash::finish(fnv(..))); its home slot is the hash's high bits,
(hash * slots) >> 64, and its fingerprint the hash's low 32 - offset_bits
bits; collisions probe the next slots (linear probing, at most max_probe
further slots). Log prob = prob_base + q * prob_step.
"""
import base64
import gzip
import hashlib
import json
import struct
import sys
import zipfile
from fractions import Fraction

# Words with a log probability at or above this are kept: 290,593 strings,
# about 5 MB (the budget is 6 MB).
THRESHOLD = -18.0
# Slots per word: linear probing stays short at this load.
LOAD = 0.7
DATA = "spacy_lookups_data/data/"
FILES = ["en_lexeme_prob.json.gz", "en_lexeme_cluster.json.gz"]
NO_CLUSTER = 0xFFFF
EMPTY = 0xFFFFFFFF
M64 = (1 << 64) - 1
FNV_START = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3


def fnv(data):
    h = FNV_START
    for b in data:
        h = ((h ^ b) * FNV_PRIME) & M64
    return h


def finish(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return z ^ (z >> 31)


def checksum(data):
    """FNV-1a over 64-bit little-endian words (the tail zero-padded), then
    the length mixed in and finished: fast enough to check at start-up."""
    h = FNV_START
    pad = data + b"\0" * (-len(data) % 8)
    for (w,) in struct.iter_unpack("<Q", pad):
        h = ((h ^ w) * FNV_PRIME) & M64
    return finish(h ^ len(data))


def read_wheel(path):
    with zipfile.ZipFile(path) as z:
        record = z.read(next(n for n in z.namelist() if n.endswith(".dist-info/RECORD")))
        sums = {}
        for line in record.decode().splitlines():
            name, digest, _ = line.rsplit(",", 2)
            sums[name] = digest
        tables = []
        for f in FILES:
            raw = z.read(DATA + f)
            digest = "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(raw).digest()).decode().rstrip("=")
            if sums.get(DATA + f) != digest:
                sys.exit(f"{f}: sha256 differs from the wheel's RECORD")
            tables.append(json.loads(gzip.decompress(raw)))
    return tables


def path_lengths(ints):
    """Length of each cluster's path, rebuilt as the module docstring says."""
    paths = {v: bin(v)[2:][::-1] if v else "" for v in ints}
    lengths = {}
    for v, s in paths.items():
        n = len(s)
        for t in paths.values():
            if t != s and t.startswith(s):
                n = max(n, t.index("1", len(s)) + 1)
        lengths[v] = n
    full = sorted(paths[v] + "0" * (lengths[v] - len(paths[v])) for v in ints)
    if any(b.startswith(a) for a, b in zip(full, full[1:])):
        sys.exit("cluster paths are not prefix-free: not spaCy's reversed encoding")
    if sum(Fraction(1, 2 ** len(p)) for p in full) != 1:
        sys.exit("cluster paths are not the leaves of a full binary tree")
    if max(lengths.values()) > 24:
        sys.exit("cluster paths longer than 24 steps")
    return lengths


def main(wheel, out):
    probs, clusters = read_wheel(wheel)
    lengths = path_lengths(sorted(set(clusters.values())))
    cluster_ids = sorted(v for v in lengths if v)
    index = {v: i for i, v in enumerate(cluster_ids)}
    # Most probable first: they are inserted first, so sit nearest their
    # home slot; ties by code point, for a deterministic order.
    words = sorted((w for w, p in probs.items() if p >= THRESHOLD), key=lambda w: (-probs[w], w))
    words = [w for w in words if 0 < len(w.encode()) <= 255]
    base = min(probs[w] for w in words)
    step = (max(probs[w] for w in words) - base) / 255
    # The dequantiser reads these back as f32.
    base, step = struct.unpack("<ff", struct.pack("<ff", base, step))

    records = bytearray()
    offsets = []
    for w in words:
        q = max(0, min(255, round((probs[w] - base) / step)))
        c = clusters.get(w, 0)
        offsets.append(len(records))
        b = w.encode()
        records += struct.pack("<BBH", len(b), q, index[c] if c else NO_CLUSTER) + b
    offset_bits = max(len(records).bit_length(), 16)
    if offset_bits > 28:
        sys.exit("records too large for 32-bit slots")
    fp_mask = (1 << (32 - offset_bits)) - 1

    nslots = int(len(words) / LOAD) + 1
    slots = [EMPTY] * nslots
    max_probe = 0
    for w, off in zip(words, offsets):
        h = finish(fnv(w.encode()))
        i = (h * nslots) >> 64
        probe = 0
        while slots[i] != EMPTY:
            i = (i + 1) % nslots
            probe += 1
        max_probe = max(max_probe, probe)
        slots[i] = ((h & fp_mask) << offset_bits) | off

    body = bytearray(b"NGWS")
    body += struct.pack(
        "<IIIIIffII", 1, len(words), nslots, len(cluster_ids), offset_bits, base, step, len(records), max_probe
    )
    for v in cluster_ids:
        body += struct.pack("<I", v | lengths[v] << 24)
    body += struct.pack(f"<{nslots}I", *slots)
    body += records
    body += struct.pack("<Q", checksum(bytes(body)))
    with open(out, "wb") as f:
        f.write(body)
    print(
        f"{len(words)} words (log prob >= {THRESHOLD}), {len(cluster_ids)} clusters, "
        f"{sum(1 for w in words if clusters.get(w, 0))} words with a cluster, {nslots} slots, "
        f"max probe {max_probe}, {len(body)} bytes",
        file=sys.stderr,
    )


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
