#!/usr/bin/env python3
"""Tools for the annotated corpus (eval/annotations/README.md tells the whole procedure).

The repository holds no news text: annotations are stored as byte offsets into the text of
`../shared/corpus/saudinewsnet-2015.jsonl.gz` (or of `../shared/gold/dev.jsonl` for the dev
articles), and rebuilt into full gold JSONL (gold/GUIDE.md format) on demand.

Subcommands
  sample  --out TSV                 draw the seeded, outlet-stratified sample and its split
  sample-more --sample TSV --n N [--split S]  a further seeded draw of clearly political
                                    articles (of one split only with --split)
  show    DOC_ID... | --list FILE   print articles with numbered sentences, for annotators
  check   FILE... [--out GOLD] [--annotator NAME]  validate annotator files (compact
                                    form, below) and expand them into gold JSONL with text
  pack    GOLD... --out ANN [--append]  turn gold JSONL into offset annotations (no text),
                                    or add them to an existing ANN file
  unpack  ANN                       rebuild gold JSONL (with text) from offset annotations
  texts   --list FILE               gold-format articles without events (calibration input)
  events  GOLD...                   one event a line with its doc_id (score.py's PRED form)
  agree   --first GOLD... --second GOLD...  agreement of two annotations of the same articles
  stats   ANN... --sample TSV       articles and events per outlet, topic and split (Markdown)

Compact annotator form, one JSON object a line:
  {"doc_id": "...", "topic": "politics|economy|sports|culture|society|other",
   "events": [{"s": 3, "trigger": "زار", "cameo": "042", "source": "IGOUNO",
               "source_text": "...", "target": "CHN", "target_text": "بكين", "aux": null,
               "date": "2015-07-20", "location": "بكين", "location_country": "CHN",
               "optional": false}]}
`s` is the sentence number printed by `show`; the sentence becomes the event's evidence,
and trigger / source_text / target_text must be exact substrings of it.

Sentences: a line of the text is split after `.`, `!`, `?`, `؟` followed by white space
(the evidence unit of gold/dev.jsonl).
"""
import argparse
import collections
import gzip
import hashlib
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("RASID_SHARED", os.path.join(HERE, "..", "..", "shared"))
CORPUS = os.path.join(SHARED, "corpus", "saudinewsnet-2015.jsonl.gz")
DEV = os.path.join(SHARED, "gold", "dev.jsonl")
CAMEO_DIR = os.path.join(SHARED, "data", "cameo")

ACTOR = re.compile(r"^([A-Z]{3})+$")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
AUX = {None, "negated", "future", "hypothetical"}
TOPICS = {"politics", "economy", "sports", "culture", "society", "other"}
SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")

# Validation share of the frozen split (by doc_id hash) and the sample sizes.
VALIDATION_PERCENT = 20
SEED = 2015


def die(msg):
    print(f"annotate: {msg}", file=sys.stderr)
    sys.exit(2)


def split_of(doc_id):
    """'validation' or 'train', fixed by the SHA-256 of the doc_id (decided before tuning)."""
    h = int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:8], 16)
    return "validation" if h % 100 < VALIDATION_PERCENT else "train"


def text_sha(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def load_corpus():
    if not os.path.exists(CORPUS):
        die(f"corpus not found: {CORPUS} (set RASID_SHARED to the shared/ folder)")
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        return {d["doc_id"]: d for d in map(json.loads, f)}


def load_dev():
    if not os.path.exists(DEV):
        die(f"dev gold not found: {DEV}")
    with open(DEV, encoding="utf-8") as f:
        return {d["doc_id"]: d for d in map(json.loads, f)}


def articles():
    """All articles an annotation may refer to: corpus and dev gold, by doc_id."""
    docs = load_corpus()
    for doc_id, d in load_dev().items():
        docs[doc_id] = {k: v for k, v in d.items() if k != "events"} | {"source": "spa-dev"}
    return docs


def sentences(text):
    """[(start, end)] character spans of the sentences of `text` (see module doc)."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        start = 0
        for m in SENTENCE_END.finditer(line):
            piece = line[start:m.start()]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                spans.append((pos + start + lead, pos + m.start()))
            start = m.end()
        piece = line[start:].rstrip()
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((pos + start + lead, pos + start + len(piece)))
        pos += len(line) + 1
    return spans


# ---------------------------------------------------------------- sample

POLITICS = re.compile(
    "وزير|رئيس|حكوم|الملك|الأمير|ولي العهد|سفير|مجلس الأمن|الأمم المتحدة|قوات|الجيش|عسكري|"
    "هجوم|غارة|غارات|قصف|داعش|الحوثي|المعارضة|اجتماع|مباحثات|زيارة|استقبل|برقية|اتفاق|"
    "الشرطة|اعتقال|القبض|محكمة|انتخاب|برلمان|دبلوماس|إيران|إسرائيل|سوريا|اليمن|العراق|ليبيا|مصر|تركيا")
SPORT_ECON = re.compile(
    "مباراة|الدوري|المنتخب|نادي|لاعب|مدرب|بطولة|كأس|هدف|الأسهم|مؤشر|ريال|أرباح|السوق|النفط|"
    "الشركة|شركة|بنك|استثمار|فيلم|مهرجان|معرض|ثقاف|فني|الفنان|صحة|مستشفى|طلاب|جامعة|الطقس")


def stratum(doc):
    """'politics' or 'other' by a keyword count over title and lead (a sampling aid only:
    the topic recorded for each article is the annotator's)."""
    head = doc.get("title", "") + " " + doc["text"][:600]
    p = len(POLITICS.findall(head))
    o = len(SPORT_ECON.findall(head))
    return "politics" if p >= 3 and p > o else "other"


def strictly_politics(doc):
    """The second draw's filter: at least 6 politics cues in title and lead and twice as
    many as other-topic cues (86% politics by the annotators' topic on the first 112
    annotated articles, against 69% for `stratum`)."""
    head = doc.get("title", "") + " " + doc["text"][:600]
    p = len(POLITICS.findall(head))
    o = len(SPORT_ECON.findall(head))
    return p >= 6 and p > 2 * o


def shingles(text, n=6):
    words = re.findall(r"\w+", text)
    return {" ".join(words[i:i + n]) for i in range(max(0, len(words) - n + 1))}


class Taken:
    """Texts already drawn, indexed by 6-word shingles, to skip near-duplicates (50% of the
    shingles of the shorter text shared: a wire republished by another outlet)."""

    def __init__(self, texts):
        self.sets = []
        self.index = collections.defaultdict(set)
        for t in texts:
            self.take(t)

    def near_duplicate(self, text):
        s = shingles(text)
        if not s:
            return False
        hits = collections.Counter(i for x in s for i in self.index.get(x, ()))
        return any(c >= 0.5 * min(len(s), len(self.sets[i])) for i, c in hits.items())

    def take(self, text):
        s = shingles(text)
        self.sets.append(s)
        for x in s:
            self.index[x].add(len(self.sets) - 1)


def cmd_sample_more(a):
    """A further draw appended to an existing sample: `--n` articles that pass
    `strictly_politics`, per outlet in proportion to its size (at least 2 where it has
    them), seeded, skipping drawn articles and near-duplicates of them and of dev; the
    split is the doc_id hash (no quota), or only `--split` articles are drawn (a draw
    that grows train and leaves the frozen validation set as it is); `--double-share`
    of them annotated twice."""
    docs = load_corpus()
    dev = load_dev()
    with open(a.sample, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        rows = [dict(zip(header, line.rstrip("\n").split("\t"))) for line in f if line.strip()]
    drawn = {r["doc_id"] for r in rows}
    draw = 1 + max(int(r.get("draw", 1)) for r in rows)
    seen = Taken([d["text"] for d in dev.values()] + [docs[i]["text"] for i in drawn if i in docs])
    rng = random.Random(a.seed)
    pools = collections.defaultdict(list)
    for d in sorted(docs.values(), key=lambda d: d["doc_id"]):
        if a.split and split_of(d["doc_id"]) != a.split:
            continue
        if d["doc_id"] not in drawn and len(d["text"].strip()) >= 80 and strictly_politics(d):
            pools[d["source"]].append(d)
    total = sum(len(p) for p in pools.values())
    want = {o: max(min(2, len(p)), int(a.n * len(p) / total)) for o, p in pools.items()}
    for o in sorted(pools, key=lambda o: -len(pools[o]))[: max(0, a.n - sum(want.values()))]:
        want[o] += 1
    new = []
    for outlet in sorted(pools):
        pool = pools[outlet]
        rng.shuffle(pool)
        got = 0
        for d in pool:
            if got == want[outlet]:
                break
            if seen.near_duplicate(d["text"]):
                continue
            seen.take(d["text"])
            new.append((d["doc_id"], outlet))
            got += 1
    rng.shuffle(new)
    double = {i for i, _ in rng.sample(new, round(len(new) * a.double_share))}
    with open(a.sample, "w", encoding="utf-8") as f:
        f.write("doc_id\toutlet\tstratum\tsplit\tdouble\tdraw\n")
        for r in rows:
            f.write("\t".join([r["doc_id"], r["outlet"], r["stratum"], r["split"], r["double"],
                               r.get("draw", "1")]) + "\n")
        for doc_id, outlet in new:
            f.write(f"{doc_id}\t{outlet}\tpolitics-strict\t{split_of(doc_id)}\t"
                    f"{int(doc_id in double)}\t{draw}\n")
    c = collections.Counter(split_of(i) for i, _ in new)
    print(f"draw {draw}: {len(new)} articles {dict(c)}, {len(double)} double", file=sys.stderr)


def cmd_sample(a):
    """Seeded sample: per outlet (all 14) and per stratum, drawn separately from the train
    and validation halves of the hash split, so that validation holds at least
    a.validation articles. Near-duplicates (republished wires: 50% of the 6-word shingles
    of the shorter article shared) of a dev article or of an earlier pick are skipped."""
    docs = load_corpus()
    dev = load_dev()
    rng = random.Random(a.seed)
    seen = Taken([d["text"] for d in dev.values()])
    near_duplicate, take = seen.near_duplicate, seen.take

    by_cell = collections.defaultdict(list)
    for d in sorted(docs.values(), key=lambda d: d["doc_id"]):
        if len(d["text"].strip()) < 80:
            continue  # an empty page or a caption: nothing to annotate
        by_cell[(split_of(d["doc_id"]), d["source"], stratum(d))].append(d)
    outlets = sorted({d["source"] for d in docs.values()})
    sizes = collections.Counter(d["source"] for d in docs.values())

    def allocate(total):
        # at least 4 per outlet, the rest in proportion to outlet size
        base = {o: 4 for o in outlets}
        rest = total - sum(base.values())
        n = sum(sizes.values())
        for o in outlets:
            base[o] += int(rest * sizes[o] / n)
        for o in sorted(outlets, key=lambda o: -sizes[o])[: total - sum(base.values())]:
            base[o] += 1
        return base

    rows = []

    def fill(pool, want, outlet, strat, split):
        """Draws up to `want` articles of `pool` (shuffled by the seeded generator),
        skipping near-duplicates; returns how many."""
        pool = list(pool)
        rng.shuffle(pool)
        got = 0
        for d in pool:
            if got == want:
                break
            if near_duplicate(d["text"]):
                continue
            take(d["text"])
            rows.append((d["doc_id"], outlet, strat, split))
            got += 1
        return got

    for split, total in (("validation", a.validation), ("train", a.train)):
        for outlet, n in allocate(total).items():
            n_other = round(n * a.other_share)
            for strat, want in (("other", n_other), ("politics", n - n_other)):
                got = fill(by_cell[(split, outlet, strat)], want, outlet, strat, split)
                if got < want:  # a small outlet: fill from its other stratum
                    other = "politics" if strat == "other" else "other"
                    drawn = {r[0] for r in rows}
                    pool = [d for d in by_cell[(split, outlet, other)] if d["doc_id"] not in drawn]
                    fill(pool, want - got, outlet, other, split)
    rng.shuffle(rows)
    n_double = round(len(rows) * a.double_share)
    double = {r[0] for r in rng.sample(rows, n_double)}
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("doc_id\toutlet\tstratum\tsplit\tdouble\tdraw\n")
        for doc_id in sorted(dev):
            f.write(f"{doc_id}\tspa-dev\tpolitics\ttrain\t0\t0\n")
        for doc_id, outlet, strat, split in rows:
            f.write(f"{doc_id}\t{outlet}\t{strat}\t{split}\t{int(doc_id in double)}\t1\n")
    c = collections.Counter((r[3], r[2]) for r in rows)
    print(f"wrote {a.out}: {len(rows)} corpus articles + {len(dev)} dev; {dict(c)}; "
          f"{n_double} double-annotated", file=sys.stderr)


# ---------------------------------------------------------------- show / texts

def read_list(path):
    with open(path, encoding="utf-8") as f:
        return [line.split()[0] for line in f if line.strip() and not line.startswith("doc_id")]


def cmd_show(a):
    ids = a.doc_ids + (read_list(a.list) if a.list else [])
    docs = articles()
    for doc_id in ids:
        d = docs.get(doc_id) or die(f"unknown doc_id {doc_id}")
        print(f"=== {doc_id} | date {d['date']} | {d.get('source', '')}")
        print(f"title: {d.get('title', '')}")
        for i, (s, e) in enumerate(sentences(d["text"]), 1):
            print(f"[{i}] {d['text'][s:e]}")
        print()


def cmd_texts(a):
    docs = articles()
    for doc_id in read_list(a.list):
        d = docs[doc_id]
        print(json.dumps({"doc_id": doc_id, "date": d["date"], "title": d.get("title", ""),
                          "text": d["text"], "events": []}, ensure_ascii=False))


# ---------------------------------------------------------------- check

def load_cameo():
    codes = {}
    with open(os.path.join(CAMEO_DIR, "eventcodes.tsv"), encoding="utf-8") as f:
        next(f)
        for row in f:
            codes[row.split("\t")[0]] = True
    plover = {}  # "030: AGREE,  , diplomatic # comment" -> (event, mode)
    with open(os.path.join(CAMEO_DIR, "CAMEO2PLOVER-2021.txt"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^(\d{2,4}):\s*([^#]*)", line)
            if m and m.group(1) in codes:
                fields = [x.strip() for x in m.group(2).split(",")]
                plover[m.group(1)] = (fields[0] or None, (fields[1] if len(fields) > 1 else "") or None)
    return codes, plover


def cmd_check(a):
    docs = articles()
    codes, plover = load_cameo()
    problems, out, seen = [], [], set()
    for path in a.files:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                where = f"{path}:{n}"
                try:
                    ann = json.loads(line)
                except json.JSONDecodeError as e:
                    problems.append(f"{where}: not JSON ({e})")
                    continue
                doc_id = ann.get("doc_id")
                d = docs.get(doc_id)
                if d is None:
                    problems.append(f"{where}: unknown doc_id {doc_id!r}")
                    continue
                if doc_id in seen and not a.allow_repeats:
                    problems.append(f"{where}: {doc_id} annotated twice in these files")
                seen.add(doc_id)
                if ann.get("topic") not in TOPICS:
                    problems.append(f"{where}: topic must be one of {sorted(TOPICS)}")
                sents = sentences(d["text"])
                events = []
                for i, ev in enumerate(ann.get("events", [])):
                    w = f"{where}: {doc_id} event {i}"
                    s = ev.get("s")
                    if not isinstance(s, int) or not 1 <= s <= len(sents):
                        problems.append(f"{w}: s={s!r} is not a sentence number 1..{len(sents)}")
                        continue
                    evidence = d["text"][sents[s - 1][0]:sents[s - 1][1]]
                    cameo = str(ev.get("cameo"))
                    if cameo not in codes:
                        problems.append(f"{w}: unknown cameo {cameo!r}")
                    for side in ("source", "target"):
                        code = ev.get(side)
                        if code is not None and not ACTOR.match(code):
                            problems.append(f"{w}: bad {side} code {code!r}")
                    if ev.get("source") is None and ev.get("target") is None:
                        problems.append(f"{w}: neither source nor target")
                    if ev.get("aux") not in AUX:
                        problems.append(f"{w}: bad aux {ev.get('aux')!r}")
                    date = ev.get("date")
                    if date is not None and not DATE.match(str(date)):
                        problems.append(f"{w}: bad date {date!r}")
                    for key in ("trigger", "source_text", "target_text"):
                        t = ev.get(key)
                        if t is not None and t not in evidence:
                            problems.append(f"{w}: {key} {t!r} is not in sentence [{s}]")
                    if ev.get("trigger") is None:
                        problems.append(f"{w}: trigger missing")
                    if (ev.get("source") is None) != (ev.get("source_text") is None) and ev.get("source") is not None:
                        problems.append(f"{w}: source {ev.get('source')} has no source_text")
                    p = plover.get(cameo, (None, None))
                    g = {"cameo": cameo, "plover": p[0], "mode": p[1], "aux": ev.get("aux"),
                         "source": ev.get("source"), "source_text": ev.get("source_text"),
                         "target": ev.get("target"), "target_text": ev.get("target_text"),
                         "trigger": ev.get("trigger"), "evidence": evidence, "date": date,
                         "location": ev.get("location"),
                         "location_country": ev.get("location_country")}
                    if ev.get("optional"):
                        g["optional"] = True
                    events.append(g)
                row = {"doc_id": doc_id, "date": d["date"], "title": d.get("title", ""),
                       "text": d["text"], "topic": ann.get("topic"), "events": events}
                annotators = ann.get("annotators") or ([a.annotator] if a.annotator else None)
                if annotators:
                    row["annotators"] = annotators
                out.append(row)
    for p in problems:
        print(p)
    print(f"{len(out)} articles, {sum(len(d['events']) for d in out)} events, "
          f"{len(problems)} problems", file=sys.stderr)
    if a.out and not problems:
        with open(a.out, "w", encoding="utf-8") as f:
            for d in out:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
    return 1 if problems else 0


# ---------------------------------------------------------------- pack / unpack

def byte_span(text, start_char, end_char):
    return [len(text[:start_char].encode("utf-8")), len(text[:end_char].encode("utf-8"))]


def find_in(text, needle, lo, hi):
    """Character index of `needle` in text[lo:hi], or die."""
    i = text.find(needle, lo, hi)
    if i < 0:
        raise ValueError(f"{needle!r} not found")
    return i


def cmd_pack(a):
    docs = articles()
    rows = {}
    if a.append:
        # the articles already in --out stay as they are; a new one must not repeat them
        with open(a.out, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    rows[r["doc_id"]] = r
        kept = set(rows)
    for path in a.gold:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                g = json.loads(line)
                d = docs.get(g["doc_id"]) or die(f"{path}:{n}: unknown doc_id {g['doc_id']}")
                if a.append and g["doc_id"] in kept:
                    die(f"{path}:{n}: {g['doc_id']} is already in {a.out}")
                text = d["text"]
                if g["text"] != text:
                    die(f"{path}:{n}: text of {g['doc_id']} differs from the corpus")
                events = []
                for ev in g["events"]:
                    e0 = find_in(text, ev["evidence"], 0, len(text))
                    e1 = e0 + len(ev["evidence"])
                    packed = {k: ev.get(k) for k in ("cameo", "aux", "source", "target", "date",
                                                     "location_country")}
                    packed["evidence"] = byte_span(text, e0, e1)
                    for key in ("trigger", "source_text", "target_text"):
                        s = ev.get(key)
                        if s is None:
                            packed[key] = None
                        else:
                            i = find_in(text, s, e0, e1)
                            packed[key] = byte_span(text, i, i + len(s))
                    loc = ev.get("location")
                    if loc is None:
                        packed["location"] = None
                    else:
                        # the place as written: prefer the evidence, else anywhere in the text
                        i = text.find(loc, e0, e1)
                        i = i if i >= 0 else text.find(loc)
                        packed["location"] = byte_span(text, i, i + len(loc)) if i >= 0 else loc
                    if ev.get("optional"):
                        packed["optional"] = True
                    events.append(packed)
                origin = "dev" if d.get("source") == "spa-dev" else "corpus"
                rows[g["doc_id"]] = {"doc_id": g["doc_id"], "origin": origin,
                                     "text_sha256": text_sha(text), "topic": g.get("topic"),
                                     "annotators": g.get("annotators"), "events": events}
    with open(a.out, "w", encoding="utf-8") as f:
        for doc_id in sorted(rows):
            f.write(json.dumps(rows[doc_id], ensure_ascii=False) + "\n")
    print(f"wrote {a.out}: {len(rows)} articles", file=sys.stderr)


def cmd_unpack(a):
    codes, plover = load_cameo()
    corpus = load_corpus()
    dev = None
    with open(a.ann, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            r = json.loads(line)
            if r["origin"] == "dev":
                dev = dev or load_dev()
                d = dev.get(r["doc_id"])
            else:
                d = corpus.get(r["doc_id"])
            if d is None:
                die(f"{a.ann}:{n}: {r['doc_id']} is not in {r['origin']}")
            text = d["text"]
            if text_sha(text) != r["text_sha256"]:
                die(f"{a.ann}:{n}: text of {r['doc_id']} changed (sha256 prefix "
                    f"{text_sha(text)} != {r['text_sha256']})")
            raw = text.encode("utf-8")

            def cut(span):
                return None if span is None else raw[span[0]:span[1]].decode("utf-8")
            events = []
            for ev in r["events"]:
                p = plover.get(ev["cameo"], (None, None))
                loc = ev.get("location")
                g = {"cameo": ev["cameo"], "plover": p[0], "mode": p[1], "aux": ev["aux"],
                     "source": ev["source"], "source_text": cut(ev["source_text"]),
                     "target": ev["target"], "target_text": cut(ev["target_text"]),
                     "trigger": cut(ev["trigger"]), "evidence": cut(ev["evidence"]),
                     "date": ev["date"],
                     "location": cut(loc) if isinstance(loc, list) else loc,
                     "location_country": ev.get("location_country")}
                if ev.get("optional"):
                    g["optional"] = True
                events.append(g)
            print(json.dumps({"doc_id": r["doc_id"], "date": d["date"], "title": d.get("title", ""),
                              "text": text, "events": events}, ensure_ascii=False))


def cmd_events(a):
    """One predicted-event line per event (score.py's PRED form) from gold JSONL files."""
    for path in a.gold:
        with open(path, encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                for ev in d["events"]:
                    print(json.dumps({"doc_id": d["doc_id"], **ev}, ensure_ascii=False))


def load_scorer():
    """gold/score.py as a module: agreement is computed by the scoring rule itself."""
    import importlib.util
    path = os.path.join(SHARED, "gold", "score.py")
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def read_gold(paths):
    docs = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    d = json.loads(line)
                    docs[d["doc_id"]] = d
    return docs


def cmd_agree(a):
    """Agreement of two independent annotations of the same articles: main P/R/F1 of the
    second against the first by the rule of gold/score.py (events matched one-to-one on
    CAMEO root, primary source and target codes and aux; optional events neither count
    nor cost), and per article the events each side has alone (--disagreements)."""
    sc = load_scorer()
    first, second = read_gold(a.first), read_gold(a.second)
    common = sorted(set(first) & set(second))
    tp = fp = fn = full = 0
    report = []
    for doc_id in common:
        g = [e for e in first[doc_id]["events"] if str(e["cameo"]) != "010"]
        p = [e for e in second[doc_id]["events"] if str(e["cameo"]) != "010"]
        pairs, left_g, left_p = sc.match_doc(g, p)
        for ge, pe in pairs:
            if ge.get("optional"):
                continue
            tp += 1
            full += (ge["cameo"] == pe["cameo"] and ge.get("source") == pe.get("source")
                     and ge.get("target") == pe.get("target"))
        fn += sum(1 for e in left_g if not e.get("optional"))
        fp += len(left_p)
        if left_g or left_p:
            report.append({"doc_id": doc_id, "first_only": left_g, "second_only": left_p})
    pr, rc, f1 = sc.prf(tp, fp, fn)
    out = {"articles": len(common), "tp": tp, "fp": fp, "fn": fn, "precision": round(pr, 4),
           "recall": round(rc, 4), "f1": round(f1, 4),
           "full_code_and_actors_of_matched": round(full / tp, 4) if tp else 0.0,
           "articles_in_full_agreement": len(common) - len(report)}
    print(json.dumps(out))
    if a.disagreements:
        with open(a.disagreements, "w", encoding="utf-8") as f:
            for r in report:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")


def cmd_stats(a):
    """Markdown tables of the packed annotations: articles and events per outlet, topic
    and split."""
    outlet = {}
    with open(a.sample, encoding="utf-8") as f:
        next(f)
        for line in f:
            r = line.rstrip("\n").split("\t")
            outlet[r[0]] = r[1]
    rows = []
    for path in a.ann:
        split = os.path.basename(path).split(".")[0]
        with open(path, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                req = sum(1 for e in r["events"] if not e.get("optional"))
                rows.append((split, outlet.get(r["doc_id"], "?"), r.get("topic") or "?",
                             len(r["events"]), req))
    splits = sorted({r[0] for r in rows}, key=lambda s: s != "train")

    def table(col, title):
        keys = sorted({r[col] for r in rows})
        print(f"| {title} | " + " | ".join(f"{s} articles | {s} events (required)" for s in splits)
              + " |")
        print("|---|" + "---|---|" * len(splits))
        for k in keys + ["all"]:
            cells = []
            for s in splits:
                sel = [r for r in rows if r[0] == s and (k == "all" or r[col] == k)]
                cells.append(f"{len(sel)} | {sum(r[3] for r in sel)} ({sum(r[4] for r in sel)})")
            print(f"| {k} | " + " | ".join(cells) + " |")
        print()
    table(1, "outlet")
    table(2, "topic")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("sample")
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=SEED)
    p.add_argument("--train", type=int, default=470)
    p.add_argument("--validation", type=int, default=130)
    p.add_argument("--other-share", type=float, default=0.2)
    p.add_argument("--double-share", type=float, default=0.1)
    p = sub.add_parser("sample-more")
    p.add_argument("--sample", required=True)
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--seed", type=int, default=SEED + 1)
    p.add_argument("--double-share", type=float, default=0.1)
    p.add_argument("--split", choices=["train", "validation"],
                   help="draw only articles of this split (default: both, by the hash)")
    p = sub.add_parser("show")
    p.add_argument("doc_ids", nargs="*")
    p.add_argument("--list")
    p = sub.add_parser("texts")
    p.add_argument("--list", required=True)
    p = sub.add_parser("check")
    p.add_argument("files", nargs="+")
    p.add_argument("--out")
    p.add_argument("--allow-repeats", action="store_true")
    p.add_argument("--annotator", help="record this annotator on every article of --out")
    p = sub.add_parser("pack")
    p.add_argument("gold", nargs="+")
    p.add_argument("--out", required=True)
    p.add_argument("--append", action="store_true",
                   help="add the articles to the existing --out file (sorted by doc_id)")
    p = sub.add_parser("events")
    p.add_argument("gold", nargs="+")
    p = sub.add_parser("agree")
    p.add_argument("--first", nargs="+", required=True)
    p.add_argument("--second", nargs="+", required=True)
    p.add_argument("--disagreements")
    p = sub.add_parser("stats")
    p.add_argument("ann", nargs="+")
    p.add_argument("--sample", required=True)
    p = sub.add_parser("unpack")
    p.add_argument("ann")
    a = ap.parse_args()
    return {"sample": cmd_sample, "sample-more": cmd_sample_more, "show": cmd_show, "texts": cmd_texts, "check": cmd_check,
            "pack": cmd_pack, "unpack": cmd_unpack, "events": cmd_events,
            "agree": cmd_agree, "stats": cmd_stats}[a.cmd](a) or 0


if __name__ == "__main__":
    sys.exit(main())
