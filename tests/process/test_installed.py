"""The installed command as a process: packaging, exit codes, pipes and signals."""

import json
import os
import signal
import subprocess
import sys
import time
import zipfile

import pytest

from helpers import EXE, ROOT, SMALL, kd


def test_command_is_installed():
    assert EXE.exists(), f"{EXE} missing: install the project (pip install '.[test]') before running the tests"


def test_bundled_dataset_is_found_from_any_folder(tmp_path):
    r = kd("expiring", "2029", "--as-of", "2026-11-24", "--format", "json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert "kw-ru-2023-military-technical" in [row["id"] for row in rows]


@pytest.mark.parametrize("args,code", [
    (["list", "--year", "1990", "-e", "--data", SMALL], 1),
    (["list", "--year", "1990", "--data", SMALL], 0),
    (["list", "--partner", "atlantis", "--data", SMALL], 2),
    (["list", "--nope"], 2),
    (["list", "--data", "/nonexistent/agreements.yaml"], 3),
    (["--version"], 0),
])
def test_exit_codes(tmp_path, args, code):
    r = kd(*args, "--as-of", "2026-11-24", cwd=tmp_path) if args != ["--version"] else kd(*args, cwd=tmp_path)
    assert r.returncode == code, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    if code >= 2:
        assert r.stderr.startswith("kdefense: error: ") and len(r.stderr.strip().splitlines()) == 1


def test_invalid_dataset_exit_3_with_location(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: 1\npartners: {}\ntypes: {}\nagreements:\n  - id: x\n    id: y\n", encoding="utf-8")
    r = kd("--data", bad, "list", cwd=tmp_path)
    assert r.returncode == 3
    assert r.stderr.startswith(f"kdefense: error: {bad}:6:5: duplicate key 'id'")


def test_pipe_closed_early_is_quiet(tmp_path):
    r = subprocess.run(f"'{EXE}' --data '{SMALL}' --as-of 2026-11-24 list -f jsonl | head -n 1",
                       shell=True, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0
    assert json.loads(r.stdout)["id"]
    assert r.stderr == ""


def test_big_output_into_a_closed_pipe_is_quiet(tmp_path):
    # Many copies of the list force writes after `head` has gone.
    r = subprocess.run(
        f"set -o pipefail; '{EXE}' --as-of 2026-11-24 list -f json | head -c 10; echo; "
        f"'{EXE}' --as-of 2026-11-24 list -f yaml | head -n 1",
        shell=True, executable="/bin/bash", cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert "Traceback" not in r.stderr and "BrokenPipe" not in r.stderr and "Exception" not in r.stderr


def test_ctrl_c_exits_130(tmp_path):
    fifo = tmp_path / "data.yaml"
    os.mkfifo(fifo)  # a command stuck reading its dataset, to be interrupted
    env = {k: v for k, v in os.environ.items() if k not in ("KDEFENSE_DATA", "KDEFENSE_DEBUG")}
    proc = subprocess.Popen([str(EXE), "--data", str(fifo), "list"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    writer = None
    deadline = time.monotonic() + 30
    while writer is None and time.monotonic() < deadline:
        try:  # succeeds only once kdefense has the FIFO open for reading
            writer = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            time.sleep(0.05)
    assert writer is not None, "kdefense never opened its dataset"
    try:
        time.sleep(0.2)  # now blocked in read(): Python's SIGINT handler is long installed
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        os.close(writer)
    assert proc.returncode == 130, err
    assert "Traceback" not in err


def test_piped_output_is_tsv_and_terminal_colour_free(tmp_path):
    r = kd("--data", SMALL, "--as-of", "2026-11-24", "list", cwd=tmp_path)
    assert r.stdout.splitlines()[0].startswith("id\tpartner\t")
    assert "\x1b" not in r.stdout


def test_wheel_contains_the_dataset(tmp_path):
    pytest.importorskip("hatchling")
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                        "-w", str(tmp_path), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    wheels = list(tmp_path.glob("kdefense-*.whl"))
    assert len(wheels) == 1
    with zipfile.ZipFile(wheels[0]) as z:
        names = z.namelist()
        assert "kdefense/data/agreements.yaml" in names
        assert "kdefense/data/agreements.schema.json" in names
        shipped = z.read("kdefense/data/agreements.yaml")
    assert shipped == (ROOT / "data" / "agreements.yaml").read_bytes()


@pytest.mark.parametrize("args", [
    ["list", "-p", "russia"], ["show", "kw-ru-2023-military-technical"], ["expiring", "2029"],
    ["deadlines", "--within", "5y"], ["partners"], ["types"], ["timeline", "-p", "russia"], ["stats"],
    ["validate"],
])
def test_every_command_through_the_console_script(tmp_path, args):
    # The console script builds only the command asked for; it must behave as the full app.
    r = kd("--as-of", "2026-11-24", *args, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() and r.stderr == ""


def test_command_detection():
    from kdefense.cli.typer_app import command_in

    assert command_in(["list", "-p", "x"]) == "list"
    assert command_in(["--data", "f.yaml", "--as-of=2029", "show", "id"]) == "show"
    assert command_in(["--version"]) is None
    assert command_in(["--help"]) is None
    assert command_in(["lsit"]) is None
    assert command_in([]) is None


def test_the_chart_stays_out_of_other_commands_import_path():
    code = ("import sys, kdefense.cli as c; sys.argv=['kdefense','--as-of','2026-11-24','list','-p','russia'];"
            "\ntry: c.main()\nexcept SystemExit: pass\n"
            "print(','.join(m for m in ('matplotlib','kdefense.chart','kdefense.export','kdefense.report','sqlite3',"
            "'pycountry','rich') if m in sys.modules), 'loaded')")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.stdout.splitlines()[-1] == " loaded", r.stdout.splitlines()[-1]
