"""Errors: one line on stderr, the right exit code, never a traceback."""


import pytest

from helpers import RU23, SMALL, write


@pytest.mark.parametrize("args,fragment", [
    (["list", "-p", "rusia"], "unknown partner 'rusia'; did you mean: russia"),
    (["list", "--type", "militarytechnical"], "did you mean: military-technical"),
    (["list", "--status", "alive"], "unknown status 'alive'"),
    (["show", "kw-ru-2023-military-technicl"], f"did you mean: {RU23}"),
    (["list", "--fields", "id,nope"], "unknown field 'nope'; valid fields: id, partner"),
    (["list", "--format", "xml"], "unknown format 'xml'; choose one of: table, json"),
    (["list", "--from", "31 February 2020"], "--from:"),
    (["expiring", "--within", "soon"], "--within: 'soon' is not a span"),
    (["expiring", "2029", "--within", "2y"], "give only one of YEAR, --within and --before"),
    (["list", "--bogus"], "No such option: --bogus"),
    (["expirng", "2029"], "Did you mean"),
    (["list", "--year", "nineteen"], "nineteen"),
    (["deadlines", "-f", "ics", "--within", "0d"], "empty span"),
])
def test_usage_errors_exit_2_with_one_line(cli, args, fragment):
    r = cli(*args)
    assert r.code == 2, r
    assert r.err.startswith("kdefense: error: ")
    assert fragment in r.err
    assert len(r.err.strip().splitlines()) == 1
    assert r.out == ""


def test_bad_as_of_is_a_usage_error(cli):
    r = cli("list", as_of="someday")
    assert r.code == 2 and "--as-of" in r.err


def test_internal_error_exit_4_without_traceback(cli, monkeypatch):
    import kdefense.query as q

    def boom(*a, **k):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(q, "list_agreements", boom)
    r = cli("list")
    assert r.code == 4
    assert "internal error: RuntimeError: kaboom" in r.err and "KDEFENSE_DEBUG=1" in r.err
    assert "Traceback" not in r.err
    r = cli("list", env={"KDEFENSE_DEBUG": "1"})
    assert r.code == 4 and "Traceback" in r.err


def test_interrupt_exits_130(cli, monkeypatch):
    import kdefense.query as q

    def interrupted(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(q, "list_agreements", interrupted)
    assert cli("list").code == 130


def test_data_is_never_executed(cli, tmp_path):
    marker = tmp_path / "pwned"
    text = SMALL.read_text(encoding="utf-8").replace(
        'title: "GCC Joint Defence Agreement"',
        f'title: !!python/object/apply:os.system ["touch {marker}"]')
    r = cli("list", data=write(tmp_path, text))
    assert r.code == 3 and "tag" in r.err
    assert not marker.exists()


def test_error_messages_quote_data_safely(cli, tmp_path):
    text = SMALL.read_text(encoding="utf-8").replace("partner: turkey", 'partner: "tur\\e[2Jkey"')
    r = cli("list", data=write(tmp_path, text))
    assert r.code == 3
    assert "\x1b" not in r.err and "\\x1b[2J" in r.err
