"""Draws docs/chart.png, the README's picture, from the bundled dataset:

    python docs/make_chart.py

It runs `kdefense chart -p us -p gcc -p russia -p france --as-of 2026-12-04
-o docs/chart.png` with the kdefense installed beside this Python (the chart
extra is needed: pip install '.[chart]'). The as-of date is fixed, so the
picture changes only when the data or the chart does."""

import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "chart.png"
ARGS = ["chart", "-p", "us", "-p", "gcc", "-p", "russia", "-p", "france", "--as-of", "2026-12-04"]


def main(out: Path = OUT) -> int:
    return subprocess.run([sys.executable, "-m", "kdefense", *ARGS, "--output", str(out)]).returncode


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
