"""From messages to complaint candidates: a citizen's messages within the gap, the owner's first reply."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import pandas as pd

from kinerja.domain.text import keyed_hash
from kinerja.domain.vocabulary import LAMPIRAN_BUKTI
from kinerja.ingest.whatsapp.chat import DIHAPUS, SISTEM, Chat, Message
from kinerja.ingest.whatsapp.identity import (
    contact_names,
    mask_identities,
    safe_file_name,
    sender_id,
    sender_key,
)

WARGA, PEMILIK = "warga", "pemilik"
BARU = "baru"


@dataclass(frozen=True)
class Lampiran:
    """An attachment as kept: kind, a file name without identity, size and SHA-256 when in the .zip."""

    jenis: str
    nama: str | None
    ukuran: int | None
    sha256: str | None
    koordinat: str | None
    asli: str | None = field(default=None, compare=False, repr=False)  # name inside the export (media copy)


@dataclass
class Candidate:
    """A complaint candidate: one citizen's messages within the gap (masked text, no identity)."""

    id: str  # the keyed id of its first message
    pengirim: str  # keyed hash of the sender
    tanggal_masuk: datetime
    tanggal_tanggapan: datetime | None
    uraian: str
    pesan: list[str]  # keyed ids of its messages (new in this file)
    lampiran: list[Lampiran]
    catatan: list[str]
    baris: int  # line of its first message in the export
    lanjutan: bool = False  # extends a stored candidate still waiting for triage

    @property
    def ada_bukti(self) -> bool:
        return any(a.jenis in LAMPIRAN_BUKTI for a in self.lampiran)


@dataclass
class Intake:
    """What one export adds: new message ids per side, and candidates (new or extending stored ones)."""

    pesan: pd.DataFrame  # id, waktu, pengirim (hash), sisi, kandidat
    candidates: list[Candidate]
    tanggapan: dict[str, datetime]  # stored candidate id → first owner reply now visible
    masked: dict[str, int]
    skipped: int  # messages already stored


def message_ids(chat: Chat, secret: bytes) -> list[str | None]:
    """A keyed id per message: sender, minute, and its place among that sender's messages of the minute.

    The text is left out on purpose: an edited or deleted message keeps its id, so the same chat
    exported again next month is recognised message by message. System lines get None.
    """
    seen: dict[tuple[str, str], int] = {}
    out: list[str | None] = []
    for m in chat.messages:
        if m.pengirim is None:
            out.append(None)
            continue
        key = (sender_id(m.pengirim), m.waktu.strftime("%Y-%m-%dT%H:%M"))
        k = seen.get(key, 0)
        seen[key] = k + 1
        out.append(keyed_hash(secret, f"wa-pesan|{key[0]}|{key[1]}|{k}"))
    return out


def _runs(msgs: list[tuple[int, Message]], gap: timedelta) -> list[list[tuple[int, Message]]]:
    runs: list[list[tuple[int, Message]]] = []
    last: dict[str, datetime] = {}
    open_run: dict[str, list[tuple[int, Message]]] = {}
    for i, m in msgs:
        who = str(m.pengirim)
        if who in open_run and m.waktu - last[who] <= gap:
            open_run[who].append((i, m))
        else:
            open_run[who] = [(i, m)]
            runs.append(open_run[who])
        last[who] = m.waktu
    return runs


def build_intake(
    chat: Chat,
    owners: set[str],
    secret: bytes,
    *,
    gap_minutes: int = 30,
    stored: Mapping[str, str] | None = None,
    status: Mapping[str, str] | None = None,
) -> Intake:
    """Candidates of an export; `stored` maps known message ids → candidate id, `status` candidate → status."""
    stored, status = stored or {}, status or {}
    ids = message_ids(chat, secret)
    sides = [
        None if m.pengirim is None else PEMILIK if m.pengirim in owners else WARGA for m in chat.messages
    ]
    citizen = [
        (i, m) for i, m in enumerate(chat.messages) if sides[i] == WARGA and m.jenis not in (DIHAPUS, SISTEM)
    ]
    replies = [
        i for i, m in enumerate(chat.messages) if sides[i] == PEMILIK and m.jenis not in (DIHAPUS, SISTEM)
    ]
    runs = _runs(citizen, timedelta(minutes=gap_minutes))
    next_start: dict[int, int] = {}
    first_of: dict[str, list[int]] = {}
    for run in runs:
        first_of.setdefault(str(run[0][1].pengirim), []).append(run[0][0])
    for starts in first_of.values():
        for a, b in zip(starts, [*starts[1:], len(chat.messages)], strict=True):
            next_start[a] = b
    names = contact_names(chat)
    kandidat: dict[int, str] = {}
    candidates: list[Candidate] = []
    tanggapan: dict[str, datetime] = {}
    for run in runs:
        start = run[0][0]
        began = chat.messages[start].waktu
        reply = next((chat.messages[j].waktu for j in replies
                      if start < j < next_start[start] and chat.messages[j].waktu >= began), None)  # fmt: skip
        known = [stored[ids[i]] for i, _ in run if ids[i] in stored]  # type: ignore[index]
        fresh = [(i, m) for i, m in run if ids[i] not in stored]
        if not fresh:
            if known and reply is not None:
                tanggapan[known[0]] = reply
            continue
        owner = known[0] if known else None
        extend = owner is not None and status.get(owner, BARU) == BARU
        cid = owner if extend and owner else str(ids[fresh[0][0]])
        notes = [] if not known or extend else ["lanjutan pesan setelah kandidat sebelumnya ditriase"]
        cand = _candidate(chat, cid, fresh, reply, names, secret, notes)
        cand.pesan = [str(ids[i]) for i, _ in fresh]
        cand.lanjutan = extend
        candidates.append(cand)
        for i, _ in fresh:
            kandidat[i] = cid
    texts, masked = mask_identities(pd.Series([c.uraian for c in candidates], dtype=object), names)
    for c, t in zip(candidates, texts, strict=True):
        c.uraian = str(t)
    rows = [
        (ids[i], m.waktu, sender_key(secret, str(m.pengirim)), sides[i], kandidat.get(i))
        for i, m in enumerate(chat.messages)
        if ids[i] is not None and ids[i] not in stored
    ]
    frame = pd.DataFrame(rows, columns=["id", "waktu", "pengirim", "sisi", "kandidat"])
    skipped = sum(1 for x in ids if x is not None and x in stored)
    return Intake(frame, candidates, tanggapan, masked, skipped)


def _candidate(
    chat: Chat,
    cid: str,
    run: list[tuple[int, Message]],
    reply: datetime | None,
    names: Iterable[str],
    secret: bytes,
    notes: list[str],
) -> Candidate:
    first = run[0][1]
    texts = [m.teks for _, m in run if m.teks]
    lampiran = []
    omitted = edited = 0
    for _, m in run:
        edited += m.diedit
        a = m.lampiran
        if a is None:
            continue
        info = chat.media_info(a.nama) if a.nama and a.disertakan else None
        omitted += a.jenis == "media"
        name = safe_file_name(a.nama, a.jenis, names) if a.jenis != "lokasi" else a.nama
        size, sha = info if info else (None, None)
        lampiran.append(Lampiran(a.jenis, name, size, sha, a.koordinat, a.nama if info else None))
    if omitted:
        notes = [
            *notes,
            f"{omitted} media tidak disertakan dalam ekspor: jenisnya tidak diketahui, periksa di telepon",
        ]
    if edited:
        notes = [*notes, f"{edited} pesan diedit pengirim (teks terakhir yang dipakai)"]
    return Candidate(
        cid, sender_key(secret, str(first.pengirim)), first.waktu, reply, "\n".join(texts),
        [], lampiran, notes, first.baris,
    )  # fmt: skip
