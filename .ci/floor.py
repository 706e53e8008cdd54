#!/usr/bin/env python3
"""Fails when the dev evaluation falls below the floors, so accuracy cannot silently regress.
Raise a floor when a change lifts the figure; never lower one to make a change pass."""
import json
import sys

FLOORS = {
    "f1": 0.0,
    "fatalities_accuracy": 0.0,
}

figures = json.load(open(sys.argv[1], encoding="utf-8"))
failed = False
for key, floor in FLOORS.items():
    value = figures.get(key) or 0.0
    status = "ok" if value >= floor else "BELOW FLOOR"
    failed |= value < floor
    print(f"{key:<22} {value:6.3f}  floor {floor:5.3f}  {status}")
if figures.get("failures"):
    print(f"failures: {figures['failures']}")
    failed = True
sys.exit(1 if failed else 0)
