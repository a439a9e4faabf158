"""Quality floors shared by the evaluation scripts: a file of 'name value' lines ('#' comments);
a figure below its floor (or missing) fails the gate."""

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
