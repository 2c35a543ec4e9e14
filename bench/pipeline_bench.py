"""End-to-end benchmark of the Kafka pipeline on a real broker (prints figures; not a test).

    .venv/bin/python bench/pipeline_bench.py [--articles N] [--bootstrap HOST:PORT] [--probe P]

Without ``--bootstrap`` it starts its own single-node KRaft broker on free loopback ports in a
temporary directory and destroys it at the end. Two workers run, one after the other, each as
a separate process (``python -m streams ...``) with its own topics and app id:

1. BASELINE: ``wirewatch relay SRC DST`` copying the same N article payloads: pure Kafka +
   Faust overhead (consume, produce, commit), no parsing.
2. PIPELINE: ``wirewatch worker`` (ingest -> classify -> story/route) on N raw articles: ~10%
   relevant ones built from ``samples/articles.jsonl`` (the hard negatives left out; unique ids;
   each copy gets a unique ~1.5x-length markets digest, whose numbers make its word 3-grams
   unique, so every copy is a distinct story and raises alerts, not updates), ~90% ordinary
   ~3 KB news prose (economy, sport, weather, culture) in en/fr/de/es/it/ru/ar, generated here,
   without a ``language`` field (so language detection runs).

All N messages are produced as one burst (acks=all), so the figures are saturation figures:

- throughput: N / (last output seen - first produce). For the relay the output is the last
  copied record; for the pipeline it is the later of the last alert received and the moment
  the worker's ``/metrics`` shows N articles classified (polled every 0.1 s; ordinary articles
  produce no output record).
- alert latency: produce time recorded by this script (wall clock, as each record is handed to
  the producer) to the time this script's consumer received the alert on an ``alerts.*`` topic.
  Under a burst this is dominated by queueing (an article waits for the ones ahead of it).
  ``--probe P`` (default 30) then sends P more relevant articles at 10/s to the idle worker and
  reports their latency too: the pipeline's own latency at light load.
- peak RSS of each worker: ``VmHWM`` from ``/proc/<pid>/status`` read just before it is stopped.

The default N=5000 takes about 1-2 minutes on a 2-core machine (broker start included).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import socket
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import orjson  # noqa: E402
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer  # noqa: E402
from prometheus_client.parser import text_string_to_metric_families  # noqa: E402

from streams.localkafka import LocalKafka, free_port_base  # noqa: E402
from tests.support.kafka import create_topics, produce  # noqa: E402
from tests.support.pipeline import Pipeline, sample_articles  # noqa: E402
from tests.support.processes import WorkerProcess  # noqa: E402

RELEVANT_EVERY = 10  # one article in ten is relevant
ARTICLE_SIZE = 3000
DONE_TIMEOUT = 120.0  # per run: give up waiting for outputs after this long

#: Everyday news sentences per language; generated articles are ~3 KB of these, shuffled, with
#: numbers varied so no two articles are the same. They match no cue of the classifier.
PROSE = {
    "en": [
        "The central bank kept interest rates at {n}.{d} percent on Tuesday as inflation eased for a third month.",
        "Retail sales rose {d}.{d} percent in the spring, while factory output was flat.",
        "The home side won the match {d} to {d} after a late goal in the second half.",
        "Forecasters expect rain across the north tomorrow, with highs of {n} degrees in the south.",
        "The city council approved a budget of {n} million pounds for new cycle lanes and bus shelters.",
        "Tickets for the summer festival, which drew {n} thousand visitors last year, go on sale on Friday.",
        "House prices in the region climbed {d}.{d} percent over the year, according to the lenders' survey.",
        "The museum will reopen its east wing after a renovation that lasted {d} years.",
        "Commuters faced delays of up to {n} minutes after a signal fault near the main station.",
        "The local team signed a {d}-year contract with its goalkeeper, the club said on its website.",
    ],
    "fr": [
        "La banque centrale a maintenu son taux à {n},{d} % mardi alors que l'inflation ralentit.",
        "Les ventes au détail ont progressé de {d},{d} % au printemps et la production industrielle est stable.",
        "L'équipe locale a gagné le match {d} buts à {d} grâce à un but tardif.",
        "Météo : de la pluie au nord demain et jusqu'à {n} degrés au sud.",
        "Le conseil municipal a voté un budget de {n} millions d'euros pour les pistes cyclables.",
        "Le festival d'été, qui a accueilli {n} mille visiteurs l'an dernier, ouvre sa billetterie vendredi.",
        "Les prix de l'immobilier ont augmenté de {d},{d} % sur un an selon les notaires.",
        "Le musée rouvre son aile est après {d} ans de travaux de rénovation.",
        "Les usagers du train ont subi jusqu'à {n} minutes de retard après une panne de signalisation.",
    ],
    "de": [
        "Die Zentralbank hat den Leitzins am Dienstag bei {n},{d} Prozent belassen, da die Inflation nachlässt.",
        "Der Einzelhandel legte im Frühjahr um {d},{d} Prozent zu, die Industrieproduktion blieb stabil.",
        "Die Heimmannschaft gewann das Spiel mit {d} zu {d} nach einem späten Tor.",
        "Morgen wird im Norden Regen erwartet, im Süden werden bis zu {n} Grad gemessen.",
        "Der Stadtrat beschloss {n} Millionen Euro für neue Radwege und Bushaltestellen.",
        "Das Sommerfest, das im Vorjahr {n} tausend Besucher zählte, beginnt mit dem Kartenverkauf am Freitag.",
        "Die Immobilienpreise in der Region stiegen binnen eines Jahres um {d},{d} Prozent.",
        "Das Museum öffnet seinen Ostflügel nach {d} Jahren Renovierung wieder.",
        "Pendler mussten nach einer Signalstörung bis zu {n} Minuten Verspätung hinnehmen.",
    ],
    "es": [
        "El banco central mantuvo los tipos en el {n},{d} % el martes porque la inflación se modera.",
        "Las ventas minoristas subieron un {d},{d} % en primavera y la producción industrial se mantuvo estable.",
        "El equipo local ganó el partido {d} a {d} con un gol en los últimos minutos.",
        "Mañana se espera lluvia en el norte y hasta {n} grados en el sur.",
        "El ayuntamiento aprobó {n} millones de euros para carriles bici y marquesinas de autobús.",
        "El festival de verano, que reunió a {n} mil visitantes el año pasado, abre la venta de entradas el viernes.",
        "El precio de la vivienda subió un {d},{d} % en un año, según los tasadores.",
        "El museo reabre su ala este tras {d} años de obras.",
        "Los viajeros sufrieron retrasos de hasta {n} minutos por una avería en la señalización.",
    ],
    "it": [
        "La banca centrale ha lasciato i tassi al {n},{d} per cento martedì mentre l'inflazione rallenta.",
        "Le vendite al dettaglio sono salite del {d},{d} per cento in primavera, la produzione industriale è stabile.",
        "La squadra di casa ha vinto la partita {d} a {d} con un gol nel finale.",
        "Domani è prevista pioggia al nord e fino a {n} gradi al sud.",
        "Il consiglio comunale ha approvato {n} milioni di euro per nuove piste ciclabili.",
        "Il festival estivo, che l'anno scorso ha avuto {n} mila visitatori, apre la biglietteria venerdì.",
        "I prezzi delle case sono aumentati del {d},{d} per cento in un anno secondo i notai.",
        "Il museo riapre l'ala est dopo {d} anni di restauri.",
    ],
    "ru": [
        "Центральный банк во вторник сохранил ключевую ставку на уровне {n},{d} процента на фоне замедления инфляции.",
        "Розничные продажи весной выросли на {d},{d} процента, а промышленное производство не изменилось.",
        "Хозяева поля выиграли матч со счётом {d}:{d} благодаря позднему голу.",
        "Завтра на севере ожидается дождь, на юге до {n} градусов тепла.",
        "Городской совет утвердил {n} миллионов рублей на новые велодорожки и остановки.",
        "Летний фестиваль, который в прошлом году посетили {n} тысяч человек, начинает продажу билетов в пятницу.",
        "Цены на жильё в регионе за год выросли на {d},{d} процента.",
        "Музей вновь открывает восточное крыло после {d} лет реставрации.",
    ],
    "ar": [
        "أبقى البنك المركزي سعر الفائدة عند {n}.{d} في المئة يوم الثلاثاء مع تراجع التضخم.",
        "ارتفعت مبيعات التجزئة {d}.{d} في المئة في الربيع بينما استقر الإنتاج الصناعي.",
        "فاز الفريق المضيف بالمباراة {d} مقابل {d} بهدف في الدقائق الأخيرة.",
        "يتوقع خبراء الأرصاد أمطارا في الشمال غدا ودرجات حرارة تصل إلى {n} في الجنوب.",
        "أقر المجلس البلدي ميزانية قدرها {n} مليون لإنشاء مسارات للدراجات ومحطات للحافلات.",
        "يبدأ بيع تذاكر مهرجان الصيف الذي استقبل {n} ألف زائر العام الماضي يوم الجمعة.",
        "ارتفعت أسعار المساكن في المنطقة {d}.{d} في المئة خلال عام.",
        "يعيد المتحف فتح جناحه الشرقي بعد {d} سنوات من الترميم.",
    ],
}

#: Tickers for the markets digest that makes each relevant copy a distinct story.
TICKERS = ("Brent", "WTI", "Gold", "EUR/USD", "DAX", "CAC40", "FTSE", "Nikkei", "S&P500", "MOEX", "TASI", "IBEX")


def fill(rng: random.Random, template: str) -> str:
    out = template
    while "{n}" in out or "{d}" in out:
        out = out.replace("{n}", str(rng.randint(11, 999)), 1).replace("{d}", str(rng.randint(1, 9)), 1)
    return out


def ordinary_article(rng: random.Random, i: int) -> dict[str, str]:
    lang = sorted(PROSE)[i % len(PROSE)]
    pool = PROSE[lang]
    sentences: list[str] = []
    while sum(len(s) + 1 for s in sentences) < ARTICLE_SIZE:
        sentences.append(fill(rng, rng.choice(pool)))
    paragraphs = [" ".join(sentences[k : k + 4]) for k in range(0, len(sentences), 4)]
    return {
        "id": f"bench-{i}",
        "title": sentences[0][:90],
        "text": "\n\n".join(paragraphs[1:] or paragraphs),
        "source": f"local{i % 17}.example",
        "url": f"https://local{i % 17}.example/news/{i}",
    }


def digest(rng: random.Random, words: int) -> str:
    """A markets digest of about ``words`` words, mostly random numbers: its 3-grams are unique."""
    parts: list[str] = []
    count = 0
    while count < words:
        parts.append(f"{rng.choice(TICKERS)} {rng.randint(10, 99999)}.{rng.randint(0, 99):02d} "
                     f"({rng.choice('+-')}{rng.randint(0, 9)}.{rng.randint(0, 99):02d})")  # fmt: skip
        count += 4
    return "Markets: " + ", ".join(parts) + "."


def relevant_article(rng: random.Random, base: dict[str, object], i: int) -> dict[str, object]:
    text = str(base["text"])
    words = len(f"{base['title']} {text}".split())
    url = base.get("url")
    return {
        **base,
        "id": f"bench-{i}-{base['id']}",
        "text": f"{text}\n\n{digest(rng, int(words * 1.5) + 20)}",
        **({"url": f"{url}?copy={i}"} if url else {}),
    }


def relevant_bases() -> list[dict[str, object]]:
    rows = [json.loads(line) for line in sample_articles()]
    return [r for r in rows if not str(r["id"]).startswith("demo-neg")]


def build_articles(n: int, seed: int = 7) -> list[tuple[str, bytes, bool]]:
    """``n`` (article id, raw JSON, relevant?) in send order: every tenth is relevant."""
    rng = random.Random(seed)
    bases = relevant_bases()
    out = []
    for i in range(n):
        if i % RELEVANT_EVERY == RELEVANT_EVERY - 1:
            row: dict[str, object] = relevant_article(rng, bases[(i // RELEVANT_EVERY) % len(bases)], i)
            relevant = True
        else:
            row = dict(ordinary_article(rng, i))
            relevant = False
        out.append((str(row["id"]), orjson.dumps(row), relevant))
    return out


def build_probe(count: int, offset: int) -> list[tuple[str, bytes, bool]]:
    """``count`` more relevant articles (ids ``probe-<i>``) for the light-load latency probe."""
    rng = random.Random(99)
    bases = relevant_bases()
    rows = [relevant_article(rng, bases[i % len(bases)], offset + i) for i in range(count)]
    return [(f"probe-{i}", orjson.dumps({**row, "id": f"probe-{i}"}), True) for i, row in enumerate(rows)]


# --- measurement --------------------------------------------------------------------------------


@dataclass
class Received:
    """What the output consumer saw: (receive time, topic, key, value) per record."""

    records: list[tuple[float, str, bytes | None, bytes | None]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.records)

    @property
    def last(self) -> float:
        return max((t for t, *_ in self.records), default=0.0)


class Collector:
    """Reads ``topics`` from the beginning in a background task, stamping each record on arrival."""

    def __init__(self, bootstrap: str, topics: list[str]) -> None:
        self.consumer = AIOKafkaConsumer(
            *topics, bootstrap_servers=bootstrap, group_id=None, auto_offset_reset="earliest",
            enable_auto_commit=False, fetch_max_wait_ms=50,
        )  # fmt: skip
        self.received = Received()
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> Collector:
        await self.consumer.start()
        self._task = asyncio.create_task(self._run())
        return self

    async def _run(self) -> None:
        while True:
            batch = await self.consumer.getmany(timeout_ms=100)
            now = time.time()
            for recs in batch.values():
                self.received.records.extend((now, r.topic, r.key, r.value) for r in recs)

    async def __aexit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        await self.consumer.stop()


async def burst(bootstrap: str, topic: str, articles: list[tuple[str, bytes, bool]]) -> dict[str, float]:
    """Produce every article (key = id) with the helper, in its own thread and event loop so the
    collector keeps stamping arrivals; returns the produce time of each id."""
    stamps: dict[str, float] = {}

    def records() -> Iterator[tuple[bytes, bytes]]:
        for article_id, value, _ in articles:
            stamps[article_id] = time.time()
            yield article_id.encode(), value

    await asyncio.to_thread(asyncio.run, produce(bootstrap, topic, records()))
    return stamps


async def paced(bootstrap: str, topic: str, articles: list[tuple[str, bytes, bool]], rate: float) -> dict[str, float]:
    """Produce ``articles`` at ``rate`` per second, each sent on its own (light load)."""
    stamps: dict[str, float] = {}
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=0, max_request_size=4 << 20)
    await producer.start()
    try:
        for article_id, value, _ in articles:
            stamps[article_id] = time.time()
            await producer.send(topic, key=article_id.encode(), value=value)
            await asyncio.sleep(1 / rate)
        await producer.flush()
    finally:
        await producer.stop()
    return stamps


def metrics(port: int) -> dict[str, float]:
    """The worker's /metrics as {sample name + labels: value}."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=2) as resp:
        text = resp.read().decode()
    out: dict[str, float] = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            labels = ",".join(f"{k}={v}" for k, v in sorted(s.labels.items()))
            out[f"{s.name}{{{labels}}}" if labels else s.name] = s.value
    return out


def total(values: dict[str, float], name: str, **labels: str) -> float:
    """Sum of the samples of ``name`` whose labels include ``labels``."""
    want = [f"{k}={v}" for k, v in labels.items()]
    found = 0.0
    for key, value in values.items():
        sample, _, rest = key.partition("{")
        if sample == name and all(w in rest.rstrip("}").split(",") for w in want):
            found += value
    return found


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def worker(args: list[str], env: dict[str, str], bootstrap: str, tmp: Path, name: str) -> WorkerProcess:
    port = free_port()
    base = {
        "WIREWATCH_KAFKA_BOOTSTRAP": bootstrap,
        "WIREWATCH_DATA_DIR": str(tmp / name),
        "WIREWATCH_WEB_PORT": str(port),
    }
    return WorkerProcess(args, {**base, **env}, tmp / f"{name}.log", port)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))  # nearest rank
    return ordered[k]


def latency_line(latencies: list[float]) -> str:
    if not latencies:
        return "no alerts"
    ms = [v * 1000 for v in latencies]
    return (f"min {min(ms):6.0f} ms  p50 {percentile(ms, 50):7.0f} ms  p95 {percentile(ms, 95):7.0f} ms  "
            f"p99 {percentile(ms, 99):7.0f} ms  max {max(ms):7.0f} ms  (n={len(ms)})")  # fmt: skip


# --- the two runs -------------------------------------------------------------------------------


@dataclass
class Result:
    name: str
    count: int
    seconds: float
    rss_mb: float
    complete: bool
    notes: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.count / self.seconds if self.seconds > 0 else 0.0


async def run_relay(bootstrap: str, articles: list[tuple[str, bytes, bool]], tmp: Path) -> Result:
    unique = uuid.uuid4().hex[:10]
    src, dst = f"bench-relay-in-{unique}", f"bench-relay-out-{unique}"
    await create_topics(bootstrap, [src, dst], partitions=6)
    proc = worker(["relay", src, dst], {"WIREWATCH_APP_ID": f"bench-relay-{unique}"}, bootstrap, tmp, "relay")
    await asyncio.to_thread(proc.start)
    try:
        async with Collector(bootstrap, [dst]) as out:
            stamps = await burst(bootstrap, src, articles)
            deadline = time.monotonic() + DONE_TIMEOUT
            while len(out.received) < len(articles) and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            await asyncio.sleep(0.5)  # a moment for duplicates, if any
        assert proc.proc is not None
        rss = peak_rss_mb(proc.proc.pid)
    finally:
        code = await asyncio.to_thread(proc.stop)
    got = len(out.received)
    result = Result("relay", got, out.received.last - min(stamps.values()), rss, got >= len(articles))
    if got != len(articles):
        result.notes.append(f"received {got} of {len(articles)} records")
    if code != 0:
        result.notes.append(f"worker exited with {code}; log {proc.log}")
    return result


@dataclass
class PipelineFigures:
    result: Result
    alerts: int
    updates: int
    alert_topics: dict[str, int]
    burst_latency: list[float]
    probe_latency: list[float]
    relevant: int
    dead_letters: int
    produced_s: float
    classified_s: float | None
    last_alert_s: float | None


async def wait_pipeline_done(port: int, n: int, out: Collector, started: float) -> tuple[float | None, bool]:
    """Poll /metrics until N articles are classified, the story agent consumed every match and
    every emitted alert arrived (then 1 s of quiet); returns when classification finished."""
    classified_at: float | None = None
    stable_since: float | None = None
    last_state: tuple[float, ...] = ()
    while time.time() - started < DONE_TIMEOUT:
        try:
            m = metrics(port)
        except OSError:
            await asyncio.sleep(0.1)
            continue
        classified = total(m, "wirewatch_classification_seconds_count")
        failed = total(m, "wirewatch_dead_letters_total")
        if classified_at is None and classified + failed >= n:
            classified_at = time.time()
        matches = total(m, "wirewatch_classified_total") - total(m, "wirewatch_classified_total", category="none")
        consumed_matches = sum(
            v for k, v in m.items() if k.startswith("wirewatch_messages_consumed_total{") and "news.matches" in k
        )
        emitted = total(m, "wirewatch_alerts_emitted_total")
        state = (classified, matches, consumed_matches, emitted, float(len(out.received)))
        done = classified_at is not None and consumed_matches >= matches and len(out.received) >= emitted
        if done and state == last_state:
            if stable_since is not None and time.time() - stable_since >= 1.0:
                return classified_at, True
            stable_since = stable_since or time.time()
        else:
            stable_since = None
        last_state = state
        await asyncio.sleep(0.1)
    return classified_at, False


async def run_pipeline(
    bootstrap: str, articles: list[tuple[str, bytes, bool]], probe: list[tuple[str, bytes, bool]], tmp: Path
) -> PipelineFigures:
    pipe = Pipeline(uuid.uuid4().hex[:10], bootstrap, {})
    await pipe.create_topics()
    proc = worker(["worker"], pipe.env, bootstrap, tmp, "pipeline")
    await asyncio.to_thread(proc.start)
    probe_latency: list[float] = []
    try:
        async with Collector(bootstrap, pipe.alert_topics) as out:
            stamps = await burst(bootstrap, pipe.topic("raw"), articles)
            first = min(stamps.values())
            classified_at, complete = await wait_pipeline_done(proc.web_port, len(articles), out, first)
            in_burst = len(out.received)
            burst_records = list(out.received.records)
            if probe and complete:
                probe_stamps = await paced(bootstrap, pipe.topic("raw"), probe, rate=10)
                deadline = time.monotonic() + 30
                while time.monotonic() < deadline:
                    seen = {orjson.loads(v or b"{}")["article"]["article_id"] for _, _, _, v in out.received.records}
                    if probe_stamps.keys() <= seen:
                        break
                    await asyncio.sleep(0.1)
                await asyncio.sleep(0.5)
                for t, _, _, value in out.received.records[in_burst:]:
                    aid = orjson.loads(value or b"{}")["article"]["article_id"]
                    if aid in probe_stamps:
                        probe_latency.append(t - probe_stamps[aid])
            final = metrics(proc.web_port)
        assert proc.proc is not None
        rss = peak_rss_mb(proc.proc.pid)
    finally:
        code = await asyncio.to_thread(proc.stop)

    latencies: list[float] = []
    kinds = {"alert": 0, "update": 0}
    per_topic: dict[str, int] = {}
    for t, topic, _, value in burst_records:
        alert = orjson.loads(value or b"{}")
        kinds[alert["kind"]] = kinds.get(alert["kind"], 0) + 1
        per_topic[topic] = per_topic.get(topic, 0) + 1
        produced = stamps.get(alert["article"]["article_id"])
        if produced is not None:
            latencies.append(t - produced)
    ends = [x for x in (classified_at, max((t for t, *_ in burst_records), default=None)) if x is not None]
    result = Result("pipeline", len(articles), (max(ends) - first) if ends else float("nan"), rss, complete)
    if not complete:
        result.notes.append(f"did not finish within {DONE_TIMEOUT:.0f}s; log {proc.log}")
    if code != 0:
        result.notes.append(f"worker exited with {code}; log {proc.log}")
    return PipelineFigures(
        result, kinds["alert"], kinds["update"], per_topic, latencies, probe_latency,
        relevant=sum(1 for *_, rel in articles if rel), dead_letters=int(total(final, "wirewatch_dead_letters_total")),
        produced_s=max(stamps.values()) - first,
        classified_s=None if classified_at is None else classified_at - first,
        last_alert_s=None if not burst_records else max(t for t, *_ in burst_records) - first,
    )  # fmt: skip


# --- main ---------------------------------------------------------------------------------------


@contextlib.contextmanager
def broker(bootstrap: str | None) -> Iterator[str]:
    if bootstrap:
        yield bootstrap
        return
    with tempfile.TemporaryDirectory(prefix="wirewatch-bench-kafka-") as tmp:
        cluster = LocalKafka(Path(tmp), nodes=1, base_port=free_port_base(1))
        try:
            seconds = cluster.up()
            print(f"broker: started a single-node broker at {cluster.bootstrap} in {seconds:.1f}s", flush=True)
            yield cluster.bootstrap
        finally:
            cluster.destroy()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=5000, help="messages per run (default 5000)")
    ap.add_argument("--bootstrap", help="use this broker instead of starting one")
    ap.add_argument("--probe", type=int, default=30, help="relevant articles sent at 10/s after the burst (0: none)")
    args = ap.parse_args()
    n = args.articles
    articles = build_articles(n)
    probe = build_probe(args.probe, n)
    avg_kb = sum(len(v) for _, v, _ in articles) / n / 1024
    print(f"{n} articles, avg {avg_kb:.1f} KB, {sum(r for *_, r in articles)} relevant "
          f"({len(relevant_bases())} sample stories, each copy distinct); one burst per run", flush=True)  # fmt: skip
    started = time.monotonic()
    with broker(args.bootstrap) as bootstrap, tempfile.TemporaryDirectory(prefix="wirewatch-bench-") as tmpdir:
        tmp = Path(tmpdir)
        base = asyncio.run(run_relay(bootstrap, articles, tmp))
        print(f"BASELINE relay : {base.rate:8.0f} msg/s  ({base.count} msgs in {base.seconds:.2f}s)  "
              f"worker peak RSS {base.rss_mb:.0f} MB", flush=True)  # fmt: skip
        for note in base.notes:
            print(f"  ! {note}")
        fig = asyncio.run(run_pipeline(bootstrap, articles, probe, tmp))
        res = fig.result
        print(f"PIPELINE worker: {res.rate:8.0f} msg/s  ({res.count} articles in {res.seconds:.2f}s)  "
              f"worker peak RSS {res.rss_mb:.0f} MB", flush=True)  # fmt: skip
        for note in res.notes:
            print(f"  ! {note}")
        topics = ", ".join(f"{t.split('.')[1]} {c}" for t, c in sorted(fig.alert_topics.items()))
        print(f"  alerts: {fig.alerts} new + {fig.updates} updates from {fig.relevant} relevant articles ({topics}); "
              f"dead letters {fig.dead_letters}")  # fmt: skip
        marks = [("produced", fig.produced_s), ("all classified", fig.classified_s), ("last alert", fig.last_alert_s)]
        print("  timeline from first produce: " + ", ".join(f"{k} {v:.2f}s" for k, v in marks if v is not None))
        print(f"  alert latency, burst (queueing included): {latency_line(fig.burst_latency)}")
        if args.probe:
            print(f"  alert latency, {args.probe} relevant at 10/s after the burst: {latency_line(fig.probe_latency)}")
        ratio = res.rate / base.rate if base.rate else float("nan")
        print(f"RATIO pipeline/baseline throughput: {ratio:.3f}")
    print(f"total wall time {time.monotonic() - started:.0f}s")


if __name__ == "__main__":
    main()
