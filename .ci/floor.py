#!/usr/bin/env python3
"""Fails when the dev evaluation falls below the floors, so accuracy cannot silently regress.
Raise a floor when a change lifts the figure; never lower one to make a change pass."""
import json
import sys

FLOORS = {
    "f1": 0.85,
    "fatalities_accuracy": 0.90,
    "sub_event_type_accuracy": 0.90,
    "date_accuracy": 0.90,
    "within_5km": 0.70,
}
# Incidents reported by several dev articles that must come out merged, and false merges
# allowed.
MIN_MERGED_SHARE = 1.0
MAX_FALSE_MERGES = 0

figures = json.load(open(sys.argv[1], encoding="utf-8"))
failed = False
for key, floor in FLOORS.items():
    value = figures.get(key) or 0.0
    status = "ok" if value >= floor else "BELOW FLOOR"
    failed |= value < floor
    print(f"{key:<22} {value:6.3f}  floor {floor:5.3f}  {status}")
twice = figures.get("incidents_reported_twice") or 0
merged = figures.get("incidents_merged") or 0
if twice and merged / twice < MIN_MERGED_SHARE:
    print(f"merged incidents {merged}/{twice}: BELOW FLOOR")
    failed = True
if (figures.get("false_merges") or 0) > MAX_FALSE_MERGES:
    print(f"false merges {figures['false_merges']}: ABOVE CEILING")
    failed = True
if figures.get("failures"):
    print(f"failures: {figures['failures']}")
    failed = True
sys.exit(1 if failed else 0)
