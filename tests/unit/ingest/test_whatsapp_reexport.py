"""Property: the same chat exported again later (with more messages) adds only the new ones (issue 14)."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.ingest.whatsapp.candidates import Intake, build_intake
from kinerja.ingest.whatsapp.chat import read_chat

SECRET = b"s" * 32
SENDERS = ("Posko Wali Kota", "Budi Nalle", "+62 813-1111-2222", "Maria Lay")
TEXTS = ("Sampah menumpuk di Oebufu", "Air PDAM mati", "IMG-20180301-WA0001.jpg (file terlampir)",
         "Pesan ini telah dihapus", "ok", "Jalan berlubang <Pesan ini diedit>")  # fmt: skip

messages = st.lists(
    st.tuples(st.integers(0, 90), st.sampled_from(SENDERS), st.sampled_from(TEXTS)), min_size=1, max_size=25
)


def _text(rows: list[tuple[int, str, str]]) -> str:
    t = datetime(2018, 3, 13, 8, 0)  # a day above 12: the order is clear
    lines = ["13/03/18 08.00 - Pesan dan panggilan dienkripsi secara end-to-end."]
    for gap, who, text in rows:
        t += timedelta(minutes=gap)
        lines.append(f"{t:%d/%m/%y %H.%M} - {who}: {text}")
    return "\n".join(lines) + "\n"


def _intake(text: str, stored: dict[str, str] | None = None, status: dict[str, str] | None = None) -> Intake:
    chat = read_chat(text.encode(), "grup.txt")
    return build_intake(chat, {"Posko Wali Kota"}, SECRET, gap_minutes=30, stored=stored, status=status)


def _messages_by_candidate(*intakes: Intake) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for intake in intakes:
        for c in intake.candidates:
            out.setdefault(c.id, []).extend(c.pesan)
    return out


@settings(max_examples=60, deadline=None)
@given(rows=messages, data=st.data())
def test_a_longer_export_adds_only_the_new_messages(
    rows: list[tuple[int, str, str]], data: st.DataObject
) -> None:
    cut = data.draw(st.integers(0, len(rows)))
    full = _intake(_text(rows))
    first = _intake(_text(rows[:cut]))
    stored = dict(zip(first.pesan["id"], first.pesan["kandidat"].fillna(""), strict=True))
    status = {c.id: "baru" for c in first.candidates}
    second = _intake(_text(rows), stored, status)
    # only the new messages, none twice
    assert set(first.pesan["id"]).isdisjoint(second.pesan["id"])
    assert set(first.pesan["id"]) | set(second.pesan["id"]) == set(full.pesan["id"])
    assert second.skipped == len(first.pesan)
    # the candidates are those of the whole chat read at once, message for message
    assert _messages_by_candidate(first, second) == _messages_by_candidate(full)
    # and so is each one's first reply from the owner
    replies = {c.id: c.tanggal_tanggapan for c in first.candidates}
    for c in second.candidates:
        replies[c.id] = replies.get(c.id) or c.tanggal_tanggapan
    for cid, reply in second.tanggapan.items():
        replies[cid] = replies.get(cid) or reply
    assert replies == {c.id: c.tanggal_tanggapan for c in full.candidates}
    # the same export a third time adds nothing
    stored |= dict(zip(second.pesan["id"], second.pesan["kandidat"].fillna(""), strict=True))
    third = _intake(_text(rows), stored, status | {c.id: "baru" for c in second.candidates})
    assert third.pesan.empty and not third.candidates
