"""kdefense partners, types and stats."""





def test_partners_and_types(cli):
    rows = cli("partners", "-f", "json").json()
    ru = next(r for r in rows if r["id"] == "russia")
    assert (ru["agreements"], ru["in_force"], ru["iso"]) == (2, 1, ["RU", "RUS"])
    assert {"id", "name", "iso", "aliases", "agreements", "in_force"} <= ru.keys()
    types = {r["id"]: r for r in cli("types", "-f", "json").json()}
    assert types["military-technical"]["agreements"] == 1
    assert set(types["mou"]) == {"id", "description", "agreements"}


def test_stats(cli):
    rows = cli("stats", "-f", "json").json()
    got = {(r["group"], r["key"]): r["agreements"] for r in rows}
    assert got[("total", "agreements")] == 6 and got[("partner", "russia")] == 2
    assert got[("decade", "1990s")] == 2 and got[("status", "in-force")] == 3
