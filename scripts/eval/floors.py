"""Quality floors shared by the evaluation scripts: a file of 'name value' lines ('#' comments);
a figure below its floor (or missing) fails the gate."""

import json
import sys


def check_floors(path, figures, prog):
    """Prints the figures below their floor in path (to stderr, as prog); returns how many."""
    below = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.split("#")[0].strip()
            if not line:
                continue
            name, value = line.split()
            if figures.get(name, -1) < float(value):
                below.append(f"{name} {figures.get(name)} < {value}")
    for b in below:
        print(f"{prog}: below the floor: {b}", file=sys.stderr)
    return len(below)


def finish(figures, json_path, floor_path, prog):
    """Writes the figures to json_path (when given) and returns the exit code: 1 when a figure is
    below its floor in floor_path (when given), else 0."""
    if json_path:
        with open(json_path, "w", encoding="utf-8") as out:
            json.dump(figures, out, indent=1)
    return 1 if floor_path and check_floors(floor_path, figures, prog) else 0
