"""Options every command takes (--data, --as-of), version and help."""


from helpers import RU23, SMALL


def ids(run):
    return run.out.split()


def test_global_options_work_after_the_command_too(raw):
    r = raw("list", "--data", str(SMALL), "--as-of", "2026-11-24", "-p", "russia", "-f", "ids")
    assert r.code == 0 and RU23 in r.out


def test_kdefense_data_environment_variable(raw):
    r = raw("--as-of", "2026-11-24", "list", "-f", "ids", env={"KDEFENSE_DATA": str(SMALL)})
    assert r.code == 0 and len(ids(r)) == 6


def test_version_and_help(raw):
    r = raw("--version")
    assert r.code == 0 and r.out.startswith("kdefense 0.")
    r = raw()
    assert r.code == 0 and "expiring" in r.out
    r = raw("expiring", "--help")
    assert r.code == 0 and "--within" in r.out


def test_an_empty_data_path_is_a_usage_error(raw):
    r = raw("--data", "", "list")
    assert r.code == 2 and "--data" in r.err and "empty" in r.err
