#!/usr/bin/env python3
"""Compares the accuracies of two report folders: records.csv row by row (keyed by study,
dataset, variant and seed; status, epochs, test and validation accuracy, best epoch, rate) and
every percentage of summary.md in order. Times are not compared. Exit 0 when equal.

    scripts/slurm/compare-reports.py REPORT_A REPORT_B
"""
import csv
import re
import sys

FIELDS = ["status", "epochs", "final_test_accuracy", "final_val_accuracy", "best_epoch", "lr"]


def records(folder):
    with open(f"{folder}/records.csv", newline="") as f:
        return {(r["study"], r["dataset"], r["variant"], r["seed"]): [r[k] for k in FIELDS] for r in csv.DictReader(f)}


def percentages(folder):
    text = open(f"{folder}/summary.md").read()
    return re.findall(r"\d+\.\d+(?: ± \d+\.\d+)? %", text)


def main(a, b):
    ra, rb = records(a), records(b)
    problems = []
    if ra.keys() != rb.keys():
        problems.append(f"records differ: only in {a}: {sorted(ra.keys() - rb.keys())}; only in {b}: {sorted(rb.keys() - ra.keys())}")
    for k in sorted(ra.keys() & rb.keys()):
        if ra[k] != rb[k]:
            problems.append(f"{'/'.join(k)}: {dict(zip(FIELDS, ra[k]))} != {dict(zip(FIELDS, rb[k]))}")
    pa, pb = percentages(a), percentages(b)
    if pa != pb:
        problems.append(f"summary.md percentages differ ({len(pa)} vs {len(pb)} figures)")
    for p in problems:
        print("compare-reports:", p, file=sys.stderr)
    if not problems:
        print(f"compare-reports: {len(ra)} records and {len(pa)} summary.md percentages equal")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
