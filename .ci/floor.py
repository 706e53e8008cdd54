#!/usr/bin/env python3
"""Fails when the dev evaluation falls below the floors, so accuracy cannot silently regress.
Raise a floor when a change lifts the figure; never lower one to make a change pass."""
import json
import sys

# Per corpus: figure floors, the share of incidents reported by several articles that must
# come out merged, and the false merges allowed.
PROFILES = {
    "dev": (
        {
            "f1": 0.91,
            "fatalities_accuracy": 0.95,
            "sub_event_type_accuracy": 0.95,
            "date_accuracy": 0.95,
            "within_5km": 0.86,
            "injured_accuracy": 0.95,
            "actor_recall": 0.90,
        },
        1.0,
        0,
    ),
    "dev2": (
        {
            "f1": 0.95,
            "fatalities_accuracy": 0.95,
            "sub_event_type_accuracy": 0.91,
            "date_accuracy": 0.84,
            "within_5km": 0.89,
            "injured_accuracy": 0.97,
            "actor_recall": 0.94,
        },
        0.86,
        0,
    ),
}
FLOORS, MIN_MERGED_SHARE, MAX_FALSE_MERGES = PROFILES[sys.argv[2] if len(sys.argv) > 2 else "dev"]

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
