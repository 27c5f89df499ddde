#!/usr/bin/env python3
"""Runs ../shared/tools/score_extraction.py with `accord extract` and fails
below the given thresholds. Prints the scorer's full report.

Usage: check_extraction_quality.py ACCORD_BINARY SHARED_DIR [--articles DIR --gold DIR] [--min NAME=VALUE ...]
  NAME is macro_f1 or SECTION.FIGURE, e.g. officials.f1, plans.signatory_f1.
  --articles/--gold default to SHARED_DIR/corpus/articles and SHARED_DIR/corpus/gold.
"""
import json
import subprocess
import sys


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    accord, shared = sys.argv[1], sys.argv[2]
    minimums = {}
    articles, gold = shared + "/corpus/articles", shared + "/corpus/gold"
    args = sys.argv[3:]
    while args:
        flag = args.pop(0)
        if flag not in ("--min", "--articles", "--gold") or not args:
            print("bad argument: %s" % flag)
            return 2
        value = args.pop(0)
        if flag == "--articles":
            articles = value
        elif flag == "--gold":
            gold = value
        else:
            name, number = value.split("=")
            minimums[name] = float(number)
    base = [sys.executable, shared + "/tools/score_extraction.py", "--extract-cmd", accord + " extract",
            "--articles", articles, "--gold", gold]
    report = subprocess.run(base, capture_output=True, text=True)
    print(report.stdout + report.stderr)
    figures = json.loads(subprocess.run(base + ["--json", "--quiet"], capture_output=True, text=True,
                                        check=True).stdout)
    if figures.get("extract_failures"):
        print("FAIL: %d articles failed to extract" % figures["extract_failures"])
        return 1
    failed = False
    for name, minimum in sorted(minimums.items()):
        value = figures
        for part in name.split("."):
            value = value[part]
        ok = value is not None and value >= minimum
        failed |= not ok
        print("%s %s = %s (minimum %.2f)" % ("ok  " if ok else "FAIL", name, value, minimum))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
