"""The Python API: the event record, the flat table, errors, threads, the store."""

import concurrent.futures
import json
import subprocess
import sys

import pytest

import rasid
from conftest import EXAMPLE, REPO, SHARED


def test_example_events(example):
    ev = rasid.code([example])
    assert len(ev) == 9
    first = ev[0]
    assert first["event_id"] == "riyadh-talks:1"
    assert (first["cameo"], first["source"]["code"], first["target"]["code"]) == ("043", "SAUGOV", "TURGOV")
    assert first["trigger"]["text"] == "استقبل"
    assert (first["date"], first["date_precision"], first["date_text"]) == ("2025-10-19", "day", "أمس")
    assert first["location"]["text"] == "الرياض" and first["location"]["country"] == "SAU"
    assert first["plover"] == {"event": "CONSULT", "mode": "visit", "context": []}
    # the UN secretary-general's announced visit to Aden: future, a week after the article
    un = [e for e in ev if e["source"]["code"] == "IGOUNO" and e["cameo"] == "042"]
    assert len(un) == 1 and un[0]["aux"] == "future" and un[0]["target"]["code"] == "YEM"
    assert un[0]["date"] == "2025-10-27"


def test_frame_columns_and_offsets(example):
    df = rasid.code_frame([example])
    assert tuple(df.columns) == rasid.COLUMNS
    assert len(df) == 9
    assert list(df["cameo"][:3]) == ["043", "042", "040"]
    assert list(df["source"][:3]) == ["SAUGOV", "TURGOV", "SAUGOV"]
    assert df["quad_class"].tolist() == [1] * 7 + [3, 1]
    assert df.loc[0, "goldstein"] == 2.8 and df.loc[0, "confidence"] == 0.9
    assert df.loc[0, "lat"] == pytest.approx(24.68773)
    assert str(df["geonameid"].dtype) == "Int64" and df.loc[0, "geonameid"] == 108410
    # the phone call names no place: it takes the dateline's (الرياض - خاص)
    assert df.loc[5, "cameo"] == "041" and df.loc[5, "geonameid"] == 108410
    # without a dateline it has no location: <NA>, the integer column stays integer
    call = {"doc_id": "call", "text": example["text"].split("\n", 1)[1], "date": "2025-10-20"}
    nd = rasid.code_frame([call])
    assert str(nd["geonameid"].dtype) == "Int64"
    assert nd["location"].isna().tolist() == [False] * 5 + [True] + [False] * 3
    assert nd["geonameid"].isna().sum() == 1
    raw = example["text"].encode()
    for r in df.itertuples():
        assert raw[r.source_start : r.source_end].decode() == r.source_text
        assert raw[r.trigger_start : r.trigger_end].decode() == r.trigger_text
        assert raw[r.evidence_start : r.evidence_end].decode() == r.evidence_text
        assert r.trigger_text in r.evidence_text
    t = rasid.code_arrow([example])
    assert t.num_rows == 9 and t.column_names == list(rasid.COLUMNS)
    # a pandas DataFrame of documents is taken as well
    assert rasid.code_frame(df[["doc_id"]].head(0)).empty
    import pandas as pd

    assert len(rasid.code_frame(pd.DataFrame([example]))) == 9


def test_same_record_as_cli(example, cli):
    out = subprocess.run(
        [cli, "code", str(EXAMPLE), "--date", "2025-10-20"], check=True, capture_output=True
    ).stdout.decode()
    mine = rasid.default_coder().code_jsonl({"doc_id": "riyadh-talks", "text": example["text"]}, date="2025-10-20")
    assert mine == out


def test_seed_gold(tmp_path):
    gold = SHARED / "gold" / "seed.jsonl"
    if not gold.exists():
        pytest.skip(f"{gold} not found (../shared is not beside the repo)")
    docs = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    ev = rasid.code([{k: d[k] for k in ("doc_id", "text", "date")} for d in docs])
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in ev), encoding="utf-8")
    r = subprocess.run(
        [sys.executable, str(SHARED / "gold" / "score.py"), str(gold), str(pred), "--json"],
        check=True, capture_output=True, text=True,
    )
    score = json.loads(r.stdout)
    floor = json.loads((REPO / "eval" / "floors.json").read_text())["seed"]["f1"]
    assert score["f1"] >= floor, score
    # every required gold event is found: CAMEO root, primary actors, aux
    want = {(g["cameo"][:2], g["source"][:3], (g["target"] or "")[:3], g["aux"]) for d in docs for g in d["events"] if not g.get("optional")}
    got = {(e["cameo_root"], e["source"]["code"][:3], (e["target"] or {}).get("code", "")[:3], e["aux"]) for e in ev}
    assert want <= got
    frame = rasid.code_frame([{k: d[k] for k in ("doc_id", "text", "date")} for d in docs])
    assert len(frame) == len(ev)


def test_bad_input_names_document_and_offset():
    with pytest.raises(rasid.RasidError, match=r"document 1 \(doc_id \"b\"\): text is not UTF-8: invalid byte at byte 5") as e:
        rasid.code([{"doc_id": "a", "text": "زار"}, {"doc_id": "b", "text": "abcde\xff".encode("latin-1")}])
    assert (e.value.doc_index, e.value.doc_id, e.value.offset) == (1, "b", 5)
    with pytest.raises(rasid.RasidError, match=r"document 0 .*lone surrogate .* at byte 6") as e:
        rasid.code(["زار\ud800"])
    assert e.value.offset == 6
    with pytest.raises(rasid.RasidError, match=r'document 2 \(doc_id "x"\): a document dict needs a "text"'):
        rasid.code(["a", "b", {"doc_id": "x"}])
    with pytest.raises(rasid.RasidError, match=r"document 1: expected a str, UTF-8 bytes or a dict .* not int"):
        rasid.code(["a", 42])
    with pytest.raises(rasid.RasidError, match=r'document 0 \(doc_id "d"\): date "20-10-2025" is not a date YYYY-MM-DD'):
        rasid.code([{"doc_id": "d", "text": "x", "date": "20-10-2025"}])
    with pytest.raises(rasid.RasidError, match=r"date: date \"yesterday\""):
        rasid.code(["x"], date="yesterday")
    with pytest.raises(rasid.RasidError, match="doc_id must be a str or an int, not list"):
        rasid.code([{"doc_id": [1], "text": "x"}])
    with pytest.raises(rasid.RasidError, match="threads must be at least 1"):
        rasid.code(["x"], threads=0)
    with pytest.raises(TypeError):
        rasid.code(5)
    assert issubclass(rasid.RasidError, ValueError)
    with pytest.raises(rasid.RasidError, match="model"):
        rasid.Coder(model=REPO / "no-such-model")


def test_inputs_and_dates(example):
    import datetime

    ev_str = rasid.code(example["text"], date=datetime.date(2025, 10, 20))
    assert [e["event_id"] for e in ev_str][:2] == ["0:1", "0:2"]
    assert ev_str[0]["date"] == "2025-10-19"
    ev_bytes = rasid.code([example["text"].encode()], date="2025-10-20")
    assert [e["cameo"] for e in ev_bytes] == [e["cameo"] for e in ev_str]
    # the document's own date wins over date=; without any date, "أمس" stays unresolved
    ev = rasid.code([{"text": example["text"], "date": "2025-01-02"}], date="2025-10-20")
    assert ev[0]["date"] == "2025-01-01"
    assert rasid.code([example["text"]])[0]["date"] is None
    assert rasid.code([]) == [] and rasid.code_frame([]).empty


def docs_for_threads(example):
    lines = [l for l in example["text"].splitlines() if l.strip()]
    return [{"doc_id": f"d{i}", "text": "\n".join(lines[i % len(lines):] + lines[: i % len(lines)]), "date": "2025-10-20"} for i in range(64)]


def test_threads_give_the_same_events(example):
    docs = docs_for_threads(example)
    one = rasid.code(docs, threads=1)
    assert len(one) > 64
    assert rasid.code(docs, threads=2) == one
    assert rasid.code(docs) == one
    coder = rasid.Coder()
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        parts = list(pool.map(lambda d: coder.code([d], threads=1), docs))
    assert [e for p in parts for e in p] == one


def test_coder_options(example, cli):
    rules = rasid.Coder(rules_only=True).code([example])
    assert rules and all(e["lexicon"] == rasid.Coder().lexicon_version for e in rules)
    # the options are the CLI's: same output as `rasid --rules-only code --statements …`
    for coder, flags in [
        (rasid.Coder(rules_only=True, statements=True), ["--rules-only", "code", "--statements"]),
        (rasid.Coder(min_confidence=0.85), ["code", "--min-confidence", "0.85"]),
    ]:
        out = subprocess.run(
            [cli, *flags, str(EXAMPLE), "--date", "2025-10-20"], check=True, capture_output=True
        ).stdout.decode()
        assert coder.code_jsonl({"doc_id": "riyadh-talks", "text": example["text"]}, date="2025-10-20") == out
    with pytest.raises(rasid.RasidError, match="outside 0..1"):
        rasid.Coder(min_confidence=2)


def test_store(tmp_path, example):
    path = tmp_path / "events.db"
    s = rasid.Store(path)
    st = s.ingest([example])
    assert (st["read"], st["stored"], st["mentions"], st["new_events"]) == (1, 1, 9, 9)
    again = rasid.Store(path).ingest([example])
    assert (again["stored"], again["skipped"]) == (0, 1)
    # the two acts of March recalled in an article of 20 October are history (issue 17)
    ev = s.events()
    assert len(ev) == 7 and {"id", "cameo", "source_code", "target_code", "num_mentions"} <= set(ev.columns)
    every = s.events(include_history=True)
    assert len(every) == 9 and every["history"].sum() == 2
    assert list(every["date"]) == sorted(every["date"], reverse=True)
    assert len(s.events(entity="faisal-bin-farhan")) == 3
    assert set(s.events(source="TUR")["source_code"]) == {"TURGOV"}
    assert len(s.events(root="11")) == 1
    ms = s.events(mentions=True, include_history=True)
    assert len(ms) == 9 and ms["lag_days"].max() > 31
    # issue 17: each mention and event carries its evidence sentence (and url column)
    raw = example["text"].encode()
    for r in ms.itertuples():
        assert raw[r.evidence_start : r.evidence_end].decode() == r.evidence_text
    assert ev["evidence_text"].notna().all() and {"doc_id", "url"} <= set(ev.columns)
    d = s.dyad("SAU", "TUR", by="month")
    assert d[["period", "source", "target", "events"]].values.tolist() == [["2025-10", "SAU", "TUR", 2], ["2025-10", "TUR", "SAU", 1]]
    a = s.actors(code_len=3)
    assert a.iloc[0]["code"] in {"SAU", "TUR"} and a["events"].iloc[0] >= 3
    # labels are the code's own description; the entries seen under it apart
    sau = a[a["code"] == "SAU"].iloc[0]
    assert sau["name"] == "Saudi Arabia" and "faisal-bin-farhan" in sau["entities"]
    assert s.counts()["documents"] == 1
    with pytest.raises(TypeError, match="unknown filter"):
        s.events(colour="red")
    with pytest.raises(rasid.RasidError, match="from_"):
        s.events(from_="2025-13-40")
