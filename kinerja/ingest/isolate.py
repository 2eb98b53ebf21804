"""Reading uploads in a separate process with a memory limit: whatever a reader does, the caller survives.

The sheet reader is native code: on a hostile file it can abort the whole process (a Rust
`memory allocation … failed` is SIGABRT, which no `except` catches) or eat the machine's memory.
Every upload is therefore read in a child process with an address-space and CPU limit
(`resource.setrlimit`). The children are forked from one `forkserver` started on first use with
the readers already imported, so a file costs a fork and two pickles, not an interpreter start;
a fork of the server itself is avoided because the server runs threads (Streamlit, Tornado,
database pools) whose locks a forked child could inherit held. A process running no other thread
(the CLI) forks itself instead: it has the readers imported, and no server to start. One child per file keeps a crash
to that file: an executor pool would break for every file in flight.
"""

from __future__ import annotations

import dataclasses
import faulthandler
import io
import multiprocessing
import os
import resource
import signal
import threading
from collections.abc import Callable, Sequence
from multiprocessing import context, forkserver, popen_forkserver, process, reduction, spawn, util
from multiprocessing.connection import Connection
from typing import Any, TypeVar

import pandas as pd

from kinerja.domain import schema
from kinerja.domain.profiles import Profile
from kinerja.errors import KinerjaError, WorkbookError
from kinerja.ingest.filelevel import FileOptions
from kinerja.ingest.files import ReadFile, read_file
from kinerja.ingest.report import ImportReport

T = TypeVar("T")

MEMORY_LIMIT = 2 << 30  # bytes of address space a reader may add to what the server has mapped
CPU_LIMIT = 300  # seconds of CPU time for one file
PRELOAD = ["kinerja.ingest.isolate"]  # modules the reader children start with (preload_modules adds)
_SLOTS = threading.BoundedSemaphore(2)  # files read at once (the server has 2 cores)
_lock = threading.Lock()
_context: Any = None

UNREADABLE = "berkas tidak dapat dibaca"


class _Popen(popen_forkserver.Popen):
    """The forkserver's launcher, without re-running the parent's `__main__` in the child.

    multiprocessing re-imports the parent's main module in each child; under Streamlit that
    module is the app script itself (and under other hosts any unguarded script), so the child
    would run the app. The reader child needs nothing of it: its job is a module-level function.
    """

    def _launch(self, process_obj: Any) -> None:
        prep = spawn.get_preparation_data(process_obj.name)
        prep.pop("init_main_from_path", None)
        prep.pop("init_main_from_name", None)
        buf = io.BytesIO()
        context.set_spawning_popen(self)
        try:
            reduction.dump(prep, buf)
            reduction.dump(process_obj, buf)
        finally:
            context.set_spawning_popen(None)
        self.sentinel, w = forkserver.connect_to_new_process(self._fds)  # type: ignore[attr-defined]
        parent_w = os.dup(w)
        self.finalizer = util.Finalize(self, util.close_fds, (parent_w, self.sentinel))  # type: ignore[attr-defined]
        with open(w, "wb", closefd=True) as f:
            f.write(buf.getbuffer())
        self.pid = forkserver.read_signed(self.sentinel)


class _ReaderProcess(process.BaseProcess):
    _start_method = "forkserver"

    @staticmethod
    def _Popen(process_obj: Any) -> Any:
        return _Popen(process_obj)


def preload_modules(*names: str) -> None:
    """Modules the reader children should find imported (call before the first file is read)."""
    with _lock:
        PRELOAD.extend(n for n in names if n not in PRELOAD)


def start_reader() -> None:
    """Start the reader server now, in the background, so the first upload does not wait for it."""
    _ctx()
    forkserver.ensure_running()  # type: ignore[attr-defined]


def _ctx() -> Any:
    global _context
    with _lock:
        if _context is None:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(PRELOAD)
            _context = ctx
    return _context


def _mapped_bytes() -> int:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _child(conn: Connection, fn: Callable[..., Any], args: tuple, memory: int, cpu: int) -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)  # a native abort prints a backtrace: not for the admin's terminal
    faulthandler.disable()  # nor a forked parent's fault handler's (it writes to its own copy of stderr)
    limit = _mapped_bytes() + memory
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    try:
        outcome: tuple[str, Any] = ("ok", fn(*args))
    except KinerjaError as exc:
        outcome = ("refused", str(exc))
    except MemoryError:
        outcome = ("failed", "memori tidak cukup untuk isi berkas ini")
    except Exception as exc:  # a reader's own error on a corrupt file
        outcome = ("failed", f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
    try:
        conn.send(outcome)
    except MemoryError:
        conn.send(("failed", "memori tidak cukup untuk mengirim hasil bacaan"))
    conn.close()


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        sig = -exitcode
        if sig == signal.SIGABRT:
            return "proses pembaca berhenti mendadak (SIGABRT), biasanya karena memori tidak cukup"
        if sig == signal.SIGXCPU:
            return f"waktu baca habis (lebih dari {CPU_LIMIT} detik)"
        if sig == signal.SIGKILL:
            return "proses pembaca dihentikan sistem (SIGKILL), biasanya karena memori habis"
        return f"proses pembaca berhenti oleh sinyal {signal.Signals(sig).name}"
    return f"proses pembaca berhenti (kode {exitcode})"


def _reader_process(target: Callable[..., None], args: tuple) -> Any:
    """A child from the reader server; or, in a process running no other thread (the CLI), a plain
    fork of this one: it has the readers imported already, and no other thread's lock to inherit."""
    if threading.active_count() == 1:
        return multiprocessing.get_context("fork").Process(target=target, args=args, daemon=True)
    return _ReaderProcess(target=target, args=args, daemon=True)


def run_isolated(fn: Callable[..., T], *args: Any, memory: int = MEMORY_LIMIT, cpu: int = CPU_LIMIT) -> T:
    """fn(*args) in a memory- and CPU-limited child; WorkbookError("berkas tidak dapat dibaca: …")
    when the child fails or dies. `fn` and its arguments must pickle (a module-level function)."""
    ctx = _ctx()
    with _SLOTS:
        receive, send = ctx.Pipe(duplex=False)
        child = _reader_process(_child, (send, fn, args, memory, cpu))
        child.start()
        send.close()
        try:
            status, value = receive.recv()
        except EOFError:
            child.join()
            raise WorkbookError(f"{UNREADABLE}: {_death(child.exitcode)}") from None
        finally:
            receive.close()
        child.join()
    if status == "ok":
        return value  # type: ignore[no-any-return]
    if status == "refused":
        raise WorkbookError(value)
    raise WorkbookError(f"{UNREADABLE}: {value}")


def _read_slim(
    data: bytes,
    file_name: str,
    today: pd.Timestamp | None,
    options: FileOptions | None,
    profiles: Sequence[Profile],
) -> ReadFile:
    """read_file in the child; the raw cell frames stay there (only canonical frames come back)."""
    read = read_file(data, file_name, today=today, options=options, profiles=profiles)
    read.raw = {k: dataclasses.replace(r, frame=r.frame.iloc[0:0]) for k, r in read.raw.items()}
    return read


def read_isolated(
    data: bytes,
    file_name: str,
    *,
    today: pd.Timestamp | None = None,
    options: FileOptions | None = None,
    profiles: Sequence[Profile] = (),
) -> ReadFile:
    """`files.read_file` in a limited child process; a child that fails becomes the file's error."""
    try:
        return run_isolated(_read_slim, data, file_name, today, options, tuple(profiles))
    except WorkbookError as exc:
        import hashlib

        report = ImportReport(file_name)
        report.error(str(exc).removeprefix(f"{file_name}: "))
        return ReadFile(report, hashlib.sha256(data).hexdigest(), {}, dict.fromkeys(schema.COLUMNS))
