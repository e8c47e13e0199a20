"""The Dask engine: check articles on a Dask distributed cluster (`--engine dask`).

The client does what the local engine does around the checking: it reads the articles
one at a time, looks every pair up in the verdict cache (a cached pair is never sent),
writes fresh verdicts to the cache and hands each article's results to the run's store
in article order. Only the checking moves: articles that need it go to the workers in
batches (1, 2, 4 ... then 32 articles a task, so the first results come back at once
and later tasks are big enough to hide the scheduler's overhead). Each worker builds
the run's verifier once, in a worker plugin (and again on a worker that joins or is
restarted mid-run). Results come back through `as_completed` with at most a window of
batches in flight, so memory stays flat however many articles there are; batches that
finish early wait in that window until the ones before them are in. Same inputs, same
order, same results: the reports are byte-identical to a local run.

A worker that dies mid-run loses its task; the scheduler runs it again elsewhere, and
since a batch's results are taken once, by batch number, nothing is lost or counted
twice.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import os
import signal
import threading
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from .cache import ResultCache, claim_key, verifier_fingerprint
from .engine import Verifier, _Checker
from .errors import UsageError, VerifierError
from .model import Article, Claim, Result

try:
    import distributed
except ImportError:  # the optional extra is not installed
    raise UsageError("--engine dask needs Dask, which is not installed; install the extra: "
                     "pip install -c constraints.txt -e '.[dask]'") from None

FIRST_BATCH, LAST_BATCH = 1, 32  # articles per task: doubling from the first to the last
CONNECT_SECONDS = 10  # to reach a scheduler given with --scheduler
WORKERS_SECONDS = 60  # for a first worker to join it
_KEPT = 2  # verifiers a worker keeps for later runs (one per claim set)
_VERIFIERS: dict[str, Verifier] = {}  # on a worker: claim digest -> verifier


def claims_digest(claims: tuple[Claim, ...], events: dict[str, str]) -> str:
    """Return a digest of a claim set (fields, order and events) and of the verifier."""
    listed = [[c.id, claim_key(c), events.get(c.id, "")] for c in claims]
    text = json.dumps([verifier_fingerprint(), listed])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _verifier_for(digest: str, claims: tuple[Claim, ...], events: dict[str, str]) -> Verifier:
    """Return this process's verifier of a claim set, built on first use."""
    verifier = _VERIFIERS.pop(digest, None) or Verifier(claims, events)
    _VERIFIERS[digest] = verifier  # the most recently used last
    while len(_VERIFIERS) > _KEPT:
        del _VERIFIERS[next(iter(_VERIFIERS))]
    return verifier


class VerifierPlugin(distributed.WorkerPlugin):
    """Build a run's verifier once on each worker, including workers that join later."""

    def __init__(self, claims: tuple[Claim, ...], events: dict[str, str], digest: str) -> None:
        self.claims, self.events, self.digest = claims, events, digest
        self.verifier: Verifier | None = None
        self.fingerprint = ""

    def setup(self, worker) -> None:
        self.verifier = _verifier_for(self.digest, self.claims, self.events)
        self.fingerprint = verifier_fingerprint()

    def teardown(self, worker) -> None:
        self.verifier = None


class IgnoreInterrupts(distributed.WorkerPlugin):
    """Leave Ctrl-C to the client on the workers of a local cluster: it stops them, says so
    once, and no worker prints a traceback."""

    def setup(self, worker) -> None:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def _interrupts_ignored() -> Iterator[None]:
    """Ignore SIGINT while processes are started, so that they ignore it too."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set a handler (a library caller's thread)
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def check_batch(plugin: str, batch: list[tuple[int, Article, set[str] | None]]
                ) -> tuple[str, str, list[tuple[int, list[Result]]]]:
    """Check a batch of articles on a worker (each for the claims in its `only`, or all).

    Return the worker's address and verifier fingerprint with the results, so the
    client can refuse results from a worker that runs another verifier.
    """
    worker = distributed.get_worker()
    found = worker.plugins.get(plugin)
    if found is None or found.verifier is None:
        raise RuntimeError(f"worker {worker.address} has no verifier plugin {plugin}")
    check = found.verifier.check
    return worker.address, found.fingerprint, [(n, check(a, only)) for n, a, only in batch]


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _sizes() -> Iterator[int]:
    size = FIRST_BATCH
    while True:
        yield size
        size = min(size * 2, LAST_BATCH)


class DaskChecker(_Checker):
    """Check articles on a Dask cluster: an existing one at `scheduler`, or a local one
    of `workers` processes (one per core by default) started for the run."""

    def __init__(self, claims: list[Claim], events: dict[str, str], cache: ResultCache | None,
                 scheduler: str | None = None, workers: int | None = None) -> None:
        super().__init__(claims, events, 1, cache)
        self.scheduler, self.workers = scheduler, workers
        self.client = None  # connected when the first article needs checking
        self._plugin = ""
        self._fingerprint = ""
        self.window = 1  # batches in flight; set from the cluster's threads on connecting
        self._exit = ExitStack()

    def run(self, articles: Iterator[Article]) -> Iterator[list[Result]]:
        """Yield each article's results, in article order."""
        try:
            yield from self._stream(self._task(a) for a in articles)
        finally:
            self.close()

    def _stream(self, tasks) -> Iterator[list[Result]]:
        waiting: dict[int, list[tuple]] = {}  # batch number -> its tasks, until yielded
        checked: dict[int, dict[int, list[Result]]] = {}  # batch number -> results by index
        numbers: dict[str, int] = {}  # future key -> batch number
        running = None  # as_completed over the batches sent
        done = 0  # the next batch to yield

        def ready() -> Iterator[list[Result]]:
            nonlocal done
            while done in checked:
                fresh = checked.pop(done)
                for index, (article, hashed, cached, _) in enumerate(waiting.pop(done)):
                    yield self._merge(article, hashed, cached, fresh.get(index, []))
                done += 1

        def receive() -> None:
            future = next(running)
            number = numbers.pop(future.key)
            checked[number] = self._results(future, waiting[number])

        for number, size in enumerate(_sizes()):
            batch = list(itertools.islice(tasks, size))
            if not batch:
                break
            waiting[number] = batch
            send = [(i, task[0], task[3]) for i, task in enumerate(batch) if task[3] != set()]
            if not send:
                checked[number] = {}  # every pair cached: nothing goes to the cluster
            else:
                if running is None:
                    self._connect()
                    running = distributed.as_completed(loop=self.client.loop)
                future = self.client.submit(check_batch, self._plugin, send, pure=False,
                                            key=f"{self._plugin}-batch-{number}")
                numbers[future.key] = number
                running.add(future)
            yield from ready()
            while len(waiting) >= self.window:
                receive()
                yield from ready()
        while numbers:
            receive()
            yield from ready()

    def _results(self, future, batch: list[tuple]) -> dict[int, list[Result]]:
        """Return the results of a finished batch by index, or say why it failed."""
        try:
            address, fingerprint, results = future.result()
        except distributed.client.FutureCancelledError:
            raise VerifierError(f"lost the Dask scheduler {self._where()} mid-run; reports "
                                "were left as they were") from None
        except distributed.KilledWorker:
            first, last = batch[0][0], batch[-1][0]
            raise VerifierError(
                f"Dask workers kept dying while checking {len(batch)} article(s) from "
                f"{first.path or first.source} to {last.path or last.source} (out of memory?); "
                "see the workers' logs") from None
        finally:
            future.release()
        if fingerprint != self._fingerprint:
            raise UsageError(
                f"Dask worker {address} runs another verifier (fingerprint {fingerprint[:12]}, "
                f"here {self._fingerprint[:12]}: another version, lexicon or library); install "
                "the same claim-verifier and constraints.txt on the workers")
        return dict(results)

    def _connect(self) -> None:
        """Connect to the scheduler (or start a local cluster) and put the verifier on it."""
        self._fingerprint = verifier_fingerprint()
        if self.scheduler:
            try:
                self.client = self._exit.enter_context(distributed.Client(
                    self.scheduler, timeout=CONNECT_SECONDS, set_as_default=False))
            except (OSError, ValueError, TypeError) as err:
                reason = str(err).splitlines()[0] if str(err) else type(err).__name__
                raise UsageError(f"--scheduler {self.scheduler}: cannot reach the Dask scheduler "
                                 f"({reason}); start one with `dask scheduler`, or leave out "
                                 "--scheduler for a local cluster") from None
            try:
                self.client.wait_for_workers(1, timeout=WORKERS_SECONDS)
            except TimeoutError:
                raise UsageError(f"--scheduler {self.scheduler}: no worker joined in "
                                 f"{WORKERS_SECONDS} s; start some with `dask worker "
                                 f"{self.scheduler}`") from None
        else:
            with _interrupts_ignored():  # inherited by the worker processes spawned now
                cluster = self._exit.enter_context(distributed.LocalCluster(
                    n_workers=self.workers or _cores(), threads_per_worker=1, processes=True,
                    host="127.0.0.1", dashboard_address="127.0.0.1:0",
                    silence_logs=logging.ERROR))
            self.client = self._exit.enter_context(
                distributed.Client(cluster, set_as_default=False))
            # ... and by the ones the cluster restarts later.
            self.client.register_plugin(IgnoreInterrupts(), name="claim-verifier-interrupts")
        # Two batches per worker thread (one running, one queued behind it) and a spare.
        self.window = 2 * sum(self.client.nthreads().values()) + 1
        digest = claims_digest(tuple(self.claims), self.events)
        # A name of its own per run: two runs on one cluster never remove each other's.
        self._plugin = f"claim-verifier-{digest}-{uuid.uuid4().hex[:8]}"
        self._exit.callback(self._unregister)
        try:
            self.client.register_plugin(
                VerifierPlugin(tuple(self.claims), self.events, digest), name=self._plugin)
        except Exception as err:  # noqa: BLE001 - whatever a worker raised, said in one line
            reason = str(err).splitlines()[0] if str(err) else ""
            raise VerifierError(
                f"the Dask workers could not build the verifier ({type(err).__name__}"
                f"{': ' + reason if reason else ''}); install claim-verifier on them as on "
                "this machine: pip install -c constraints.txt -e '.[dask]'") from None

    def _unregister(self) -> None:
        try:
            self.client.unregister_worker_plugin(self._plugin)
        except Exception:  # noqa: BLE001 - the cluster may be gone; nothing left to tidy
            pass

    def _where(self) -> str:
        return self.scheduler or "of the local cluster"

    def close(self) -> None:
        """Take the verifier off the workers and disconnect (stopping a local cluster)."""
        self._exit.close()
