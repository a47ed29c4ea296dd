"""Benchmark kdefense as whole processes, as users run it.

    python bench/run.py            # full run: 15 runs per command, 1k/10k/20k/100k datasets
    python bench/run.py --quick    # CI smoke test: 3 runs, 1k dataset only

Every figure is the median wall time of several runs after a warm-up, also given
as a ratio to a bare `python -c pass` measured in the same run. The synthetic
datasets (bench/synth.py) are timed on a cold cache (first run) and a warm one
(repeated), with the peak resident memory of the process. Where `yq` is on the
PATH, the same question asked of the YAML file with yq is timed as a peer figure.

This is a benchmark, not a test: it reports, it never fails on a timing.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import synth  # noqa: E402


def kdefense_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("kdefense")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("kdefense")
    if found:
        return [found]
    sys.exit("bench: no installed `kdefense` next to this Python or on PATH; run `pip install .` first")


def compile_package() -> str:
    """Byte-compile the installed package, as `pip install` does: an editable
    install under PYTHONDONTWRITEBYTECODE=1 would otherwise compile every
    module on every run (about 50 ms, measured 2026-12-05). Says what it did."""
    import compileall  # noqa: PLC0415
    import importlib.util  # noqa: PLC0415

    spec = importlib.util.find_spec("kdefense")
    if spec is None or not spec.submodule_search_locations:
        return "kdefense not importable from this Python: its modules were not byte-compiled"
    folder = list(spec.submodule_search_locations)[0]
    ok = compileall.compile_dir(folder, quiet=1)
    return f"modules byte-compiled first ({folder})" if ok else f"byte-compiling {folder} failed: timings include it"


def run_once(cmd: list[str], env: dict, tty: bool = False) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one process; output discarded."""
    if tty:
        import pty  # noqa: PLC0415 - only for the terminal rows

        master, slave = pty.openpty()
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=slave, stderr=subprocess.DEVNULL, env=env, close_fds=True)
        os.close(slave)
        try:
            while True:
                try:
                    if not os.read(master, 65536):
                        break
                except OSError:
                    break
        finally:
            _, status, usage = os.wait4(proc.pid, 0)
            elapsed = time.perf_counter() - t0
            os.close(master)
            proc.returncode = os.waitstatus_to_exitcode(status)
    else:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        proc.stdout.read()
        proc.stdout.close()
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}")
    return elapsed, usage.ru_maxrss


def median_time(cmd, env, runs, warmup=2, tty=False) -> tuple[float, int]:
    for _ in range(warmup):
        run_once(cmd, env, tty)
    samples = [run_once(cmd, env, tty) for _ in range(runs)]
    return statistics.median(s[0] for s in samples), max(s[1] for s in samples)


def interleaved(commands: list[tuple[list[str], bool]], env, runs, warmup=2) -> list[float]:
    """Median time of each command, run round-robin so that drift in the
    machine's speed touches every command alike."""
    for _ in range(warmup):
        for cmd, tty in commands:
            run_once(cmd, env, tty)
    samples: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for i, (cmd, tty) in enumerate(commands):
            samples[i].append(run_once(cmd, env, tty)[0])
    return [statistics.median(s) for s in samples]


def yq_query(yq: str, path: Path) -> list[str] | None:
    """The same question for whichever yq is installed (Go or Python flavour)."""
    try:
        version = subprocess.run([yq, "--version"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    query = '[.agreements[] | select(.partner == "russia")]'
    if "mikefarah" in version or "version v4" in version:
        return [yq, "-o=json", query, str(path)]
    return [yq, query, str(path)]  # kislyuk's yq: a jq wrapper, JSON out


def fmt_ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="few runs and only the 1k dataset (CI smoke test)")
    ap.add_argument("--runs", type=int, default=None, help="runs per command (default 15, quick 3)")
    ap.add_argument("--sizes", default=None, help="synthetic sizes, comma-separated (default 1000,10000,20000,100000)")
    args = ap.parse_args()
    runs = args.runs or (3 if args.quick else 15)
    sizes = [int(s) for s in (args.sizes or ("1000" if args.quick else "1000,10000,20000,100000")).split(",")]

    kd = kdefense_cmd()
    compiled = compile_package()
    workdir = Path(tempfile.mkdtemp(prefix="kdefense-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("KDEFENSE_")}
    env["KDEFENSE_CACHE_DIR"] = str(workdir / "cache")
    env["COLUMNS"] = "120"

    asof = ["--as-of", "2026-11-24"]
    rows = [
        ("python -c pass", [sys.executable, "-c", "pass"], False),
        ("python -c 'import typer' (framework floor)", [sys.executable, "-c", "import typer"], False),
        ("kdefense --version", kd + ["--version"], False),
        ("list --partner russia (piped, tsv)", kd + asof + ["list", "--partner", "russia"], False),
        ("list --partner russia --format json", kd + asof + ["list", "--partner", "russia", "--format", "json"], False),
        ("list --partner russia --format table (tty)", kd + asof + ["list", "--partner", "russia", "--format", "table"], True),
        ("expiring 2029 (piped)", kd + asof + ["expiring", "2029"], False),
        ("show kw-ru-2023-military-technical", kd + asof + ["show", "kw-ru-2023-military-technical"], False),
        ("list (all agreements, piped)", kd + asof + ["list"], False),
        ("dyad-years (all partners, piped)", kd + asof + ["dyad-years"], False),
    ]
    run_once(kd + ["list"], env)  # fill the cache
    times = interleaved([(cmd, tty) for _, cmd, tty in rows], env, runs)
    base = times[0]
    print(f"kdefense benchmark  {time.strftime('%Y-%m-%d')}  {platform.node()}  "
          f"{platform.machine()}  {os.cpu_count()} cores  Python {platform.python_version()}")
    print(f"median of {runs} interleaved rounds after 2 warm-ups; python -c pass = {base * 1000:.1f} ms; {compiled}\n")
    print(f"{'command (bundled dataset, warm cache)':<48}{'median':>12}{'x pass':>9}")
    for (label, _, _), t in zip(rows, times):
        print(f"{label:<48}{fmt_ms(t):>12}{t / base:>8.1f}x")

    print(f"\ndyad-years / list (all agreements): {times[-1] / times[-2]:.2f}")

    print(f"\n{'synthetic dataset: list --partner russia --format json':<56}")
    print(f"{'agreements':>10}{'file':>10}{'first run':>13}{'repeated':>13}{'x pass':>9}{'peak RSS':>11}")
    results = {}
    yq = shutil.which("yq")
    for n in sizes:
        path = workdir / f"agreements-{n}.yaml"
        with open(path, "w", encoding="utf-8") as fh:
            synth.generate(n, fh)
        old = time.time() - 60
        os.utime(path, (old, old))  # outside the cache's racy window
        cmd = kd + ["--data", str(path)] + asof + ["list", "--partner", "russia", "--format", "json"]
        cache_dir = workdir / f"cache-{n}"
        e = dict(env, KDEFENSE_CACHE_DIR=str(cache_dir))
        firsts = []
        for _ in range(1 if args.quick or n >= 100000 else 3):
            shutil.rmtree(cache_dir, ignore_errors=True)
            firsts.append(run_once(cmd, e))
        first = statistics.median(f[0] for f in firsts)
        rep_runs = max(3, runs // 3) if n >= 100000 else runs
        repeated, rss = median_time(cmd, e, rep_runs, warmup=1)
        rss = max(rss, max(f[1] for f in firsts))
        results[n] = repeated
        size_mb = path.stat().st_size / 1e6
        print(f"{n:>10}{size_mb:>8.1f}MB{fmt_ms(first):>13}{fmt_ms(repeated):>13}{repeated / base:>8.1f}x"
              f"{rss / 1024:>8.0f} MB")
        if n <= 20000:
            dyads = kd + ["--data", str(path)] + asof + ["dyad-years", "--from", "1990", "--to", "2026"]
            t_dy, _ = median_time(dyads, e, 3, warmup=1)
            print(f"{'':>10}{'':>10}{'dyad-years':>13}{fmt_ms(t_dy):>13}{t_dy / base:>8.1f}x"
                  f"   (partners x years = {10 * 37})")
            results[("dyad", n)] = t_dy
        q = yq_query(yq, path) if yq and n <= 20000 else None
        if q:
            try:
                t, yrss = median_time(q, env, 3, warmup=0)
                print(f"{'':>10}{'':>10}{'yq (peer)':>13}{fmt_ms(t):>13}{t / base:>8.1f}x{yrss / 1024:>8.0f} MB")
            except RuntimeError as exc:
                print(f"    yq failed: {exc}")
    print(f"\n{'files from the bundled dataset (median of 5)':<48}{'median':>12}{'x pass':>9}")
    for label, command in [("chart --output chart.svg", ["chart", "--output", str(workdir / "chart.svg")]),
                           ("report -f html (with the chart)", ["report", "-f", "html"]),
                           ("export --sqlite kdefense.db (--force)",
                            ["export", "--sqlite", str(workdir / "kdefense.db"), "--force"]),
                           ("export --datapackage DIR (--force)",
                            ["export", "--datapackage", str(workdir / "package"), "--force"])]:
        t, _ = median_time(kd + asof + command, env, 3 if args.quick else 5, warmup=1)
        print(f"{label:<48}{fmt_ms(t):>12}{t / base:>8.1f}x")
    broken = workdir / "broken.yaml"
    megabytes = 2 if args.quick else 20
    with open(broken, "w", encoding="utf-8") as fh:
        synth.generate_broken(megabytes * 1_000_000, fh)
    t0 = time.perf_counter()
    proc = subprocess.run(kd + ["validate", str(broken)], capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - t0
    problems = proc.stdout.count("\n")
    print(f"\nvalidate on a broken {broken.stat().st_size / 1e6:.0f} MB file: {problems} problems reported "
          f"(exit {proc.returncode}) in {elapsed:.2f} s")
    if 10000 in results and 100000 in results:
        print(f"\nscaling, repeated query: 100k / 10k = {results[100000] / results[10000]:.1f}")
    if ("dyad", 1000) in results and ("dyad", 20000) in results:
        print(f"scaling, dyad-years: 20k / 1k = {results[('dyad', 20000)] / results[('dyad', 1000)]:.1f}")
    if not yq:
        print("\n(yq not installed: no peer figure)")
    else:
        print("\n(yq: the same select over the YAML file, each run parsing it whole; not run above 20k)")
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
