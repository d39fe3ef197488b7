#!/usr/bin/env python3
"""Scores the document dates newsgraph reads: builds each .txt article of a
folder alone, takes the NewsArticle's datePublished from graph.jsonld, and
compares it with a list of intended publication dates.

Usage (standard library only):
    python3 tools/doc_dates.py target/release/newsgraph FOLDER DATES.tsv

DATES.tsv: one line per article, `<file name> <YYYY-MM-DD>` (or `-` when the
text gives no date). Prints one line per article (OK / WRONG / none; a
partial `--MM-DD` date counts as none) and a summary line
`right R wrong W none N of T`.
"""
import json
import os
import subprocess
import sys
import tempfile


def main(binary, folder, dates_file):
    gold = {}
    with open(dates_file) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 2:
                gold[parts[0]] = parts[1]
    files = sorted(f for f in os.listdir(folder) if f.endswith(".txt"))
    right = wrong = none = 0
    for name in files:
        with tempfile.TemporaryDirectory() as out:
            subprocess.run(
                [binary, "build", os.path.join(folder, name), "--out", out, "-q", "--format", "jsonld"],
                check=True,
            )
            with open(os.path.join(out, "graph.jsonld")) as f:
                graph = json.load(f)
        got = None
        for node in graph.get("@graph", []):
            if "NewsArticle" in str(node.get("@type")):
                published = node.get("datePublished")
                got = published.get("@value") if isinstance(published, dict) else published
        want = gold.get(name, "?")
        if got is None or str(got).startswith("--"):
            verdict = "none"
            none += 1
        elif got == want:
            verdict = "OK"
            right += 1
        else:
            verdict = "WRONG"
            wrong += 1
        print(name, want, got, verdict)
    print(f"right {right} wrong {wrong} none {none} of {len(files)}")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
