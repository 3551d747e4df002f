"""Hostile input folders and texts: every path ends as an article or a reject with its
reason; links do not lead out; invisible characters do not split names; pages that are
not English news articles are set aside."""

from __future__ import annotations

import contextlib
import os
import socket
import stat
from pathlib import Path

import pytest

from diplodata.extract import extract_article
from diplodata.ingest import walk
from diplodata.ingest.articles import article_from_text, read_folder
from diplodata.run.pipeline import screen
from tests.conftest import FIXTURES, SAMPLES

TEXT = (FIXTURES / "articles" / "extra_visit.txt").read_text(encoding="utf-8")


def _every_path(folder: Path) -> set[str]:
    """Every entry under ``folder``, not descending into links or unreadable folders."""
    found = set()
    for dirpath, dirnames, filenames in os.walk(folder):
        rel = Path(dirpath).relative_to(folder)
        for name in dirnames + filenames:
            found.add((rel / name).as_posix())
    return found


def test_every_input_path_is_an_article_or_a_reject(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = tmp_path / "articles"
    (articles / "a").mkdir(parents=True)
    (articles / "b").mkdir()
    (articles / "locked").mkdir()
    (articles / "locked" / "inside.txt").write_text(TEXT)
    (articles / "a" / "same.txt").write_text(TEXT)
    (articles / "b" / "same.txt").write_text(TEXT + "\nA second text.")
    (articles / "notes.pdf").write_text("not read")
    (articles / ".hidden.txt").write_text(TEXT + "\nHidden.")
    os.mkfifo(articles / "pipe.txt")
    with contextlib.suppress(PermissionError):  # a device node needs root (or CAP_MKNOD)
        os.mknod(articles / "null.txt", stat.S_IFCHR | 0o600, os.makedev(1, 3))
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(articles / "sock.txt"))
    (articles / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (articles / "passwd.txt").symlink_to("/etc/passwd")
    (articles / "inside-link.txt").symlink_to(articles / "a" / "same.txt")
    every_path = _every_path(articles)
    real_scandir = os.scandir

    def scandir(path: os.PathLike[str] | str) -> object:  # root reads every folder: pretend
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(walk.os, "scandir", scandir)
    try:
        batch = read_folder(articles)
    finally:
        server.close()
    sources = [a.source for a in batch.articles]
    reasons = {s.source: s.reason for s in batch.skipped}
    assert sources == ["a/same.txt", "b/same.txt"]  # relative paths: no two alike
    # folders are read; what an unreadable folder holds is covered by its reject
    accounted = set(sources) | set(reasons) | {"a", "b"} | {"locked/inside.txt"}
    assert accounted == every_path
    assert "cannot read the folder" in reasons["locked"]
    assert "named pipe" in reasons["pipe.txt"] and "socket" in reasons["sock.txt"]
    if (articles / "null.txt").exists():
        assert "character device" in reasons["null.txt"]
    assert "dangling symbolic link" in reasons["dangling.txt"]
    assert "outside the articles folder" in reasons["passwd.txt"]
    assert "same text as another" in reasons["inside-link.txt"]
    assert "hidden" in reasons[".hidden.txt"]
    assert "not an article file" in reasons["notes.pdf"]


def test_links_out_of_the_folder_are_followed_only_when_asked(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.txt"
    outside.write_text(TEXT)
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "linked.txt").symlink_to(outside)
    assert read_folder(tmp_path / "articles").articles == []
    [article] = read_folder(tmp_path / "articles", follow_links=True).articles
    assert article.source == "linked.txt"


@pytest.mark.parametrize(
    "mark",
    ["\u00a0", "\u00ad", "\u200d", "\u200b", "\u200e", "\u200f", "\u2060", "\ufeff", "\u202f"],
)
def test_invisible_characters_do_not_split_or_truncate_a_name(mark: str) -> None:
    if mark in ("\u00a0", "\u202f"):  # spaces: between the two names
        text = TEXT.replace("Ararat Mirzoyan", f"Ararat{mark}Mirzoyan")
    else:  # inside a name
        text = TEXT.replace("Mirzoyan", f"Mirz{mark}oyan")
    names = sorted(p.name for p in extract_article(article_from_text(text, "x.txt")).persons)
    plain = sorted(p.name for p in extract_article(article_from_text(TEXT, "x.txt")).persons)
    assert names == plain == ["Ararat Mirzoyan", "Ilia Darchiashvili"]


def test_offsets_refer_to_the_normalized_text_and_say_so(tmp_path: Path) -> None:
    """CRLF, a BOM and invisible characters are normalized; offsets and sha256 refer to
    the normalized text, as the README states."""
    raw = "\ufeff" + TEXT.replace("\n", "\r\n").replace("Mirzoyan", "Mirz\u00adoyan")
    (tmp_path / "crlf.txt").write_bytes(raw.encode("utf-8"))
    [article] = read_folder(tmp_path).articles
    assert "\r" not in article.text and "\u00ad" not in article.text
    assert article.text == TEXT
    facts = extract_article(article)
    for person in facts.persons:
        assert person.name.split()[-1] in article.text[person.start : person.end]
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    assert "refer to the normalized text" in readme


def _screened(text: str, source: str = "x.txt") -> str | None:
    batch = screen(read_folder_of({source: text}), 200_000)
    return batch.skipped[0].reason if batch.skipped else None


def read_folder_of(files: dict[str, str]):  # type: ignore[no-untyped-def]
    from diplodata.ingest.articles import Batch

    return Batch(articles=[article_from_text(t, s) for s, t in files.items()])


NGINX = (
    "Welcome to nginx!\nIf you see this page, the nginx web server is successfully installed "
    "and working. Further configuration is required.\nFor online documentation and support "
    "please refer to nginx.org.\nCommercial support is available at nginx.com.\n"
    "Thank you for using nginx."
)
GERMAN = (
    "Der Bundeskanzler traf sich am Montag in Berlin mit dem französischen Präsidenten. "
    "Die beiden Politiker sprachen über die Lage in der Ukraine, über den Handel zwischen "
    "beiden Ländern und über die Zusammenarbeit in der Europäischen Union. Nach dem Treffen "
    "sagte der Kanzler, die Beziehungen seien so eng wie nie zuvor."
)
FRENCH = (
    "Le président de la République a reçu lundi à Paris le chancelier allemand. Les deux "
    "dirigeants ont évoqué la situation en Ukraine, les échanges commerciaux entre les deux "
    "pays et la coopération au sein de l'Union européenne. À l'issue de la rencontre, le "
    "président a salué des relations d'une qualité exceptionnelle."
)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" * 20, "a PDF file"),
        (NGINX, "default page (nginx)"),
        ("Home", "too short for an article"),
        ("Home\nNews\nSport\nContact us\nPrivacy policy\nTerms", "too short"),
        ("\x00\x01\x02binary\x03\x04" * 50, "binary-looking"),
        (GERMAN, "written in German (de), not English"),
        (FRENCH, "written in French (fr), not English"),
    ],
)
def test_pages_that_are_not_english_articles_are_rejects(text: str, reason: str) -> None:
    assert reason in (_screened(text) or "")


@pytest.mark.parametrize(
    "path", sorted(SAMPLES.iterdir()) + sorted((FIXTURES / "articles").iterdir())
)
def test_real_articles_pass_the_screen(path: Path) -> None:
    assert _screened(path.read_text(encoding="utf-8")) is None


def test_screen_a_clearly_english_text_is_not_sent_to_lingua_and_lingua_agrees(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from diplodata.ingest import screen as screening

    texts = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "articles").iterdir())]
    clear = [t for t in texts if screening.clearly_english(t)]
    assert len(clear) >= len(texts) * 3 // 4  # the usual English article takes the short cut
    assert all(screening.language(t) == ("en", "English") for t in clear)

    def no_lingua() -> None:
        raise AssertionError("lingua was asked")

    monkeypatch.setattr(screening, "_detector", no_lingua)
    assert all(_screened(t) is None for t in clear)


@pytest.mark.parametrize("other", [GERMAN, FRENCH])
def test_screen_another_language_with_an_english_quote_is_still_a_reject(other: str) -> None:
    quote = ' "We have said that this is the start of a new era for the region," he said. '
    for text in (other.replace(". ", ". " + quote, 1), quote + other + quote):
        assert "not English" in (_screened(text) or "")


def test_a_file_name_that_is_not_utf8_is_a_reject_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(TEXT)
    with open(os.path.join(bytes(tmp_path), b"caf\xe9.txt"), "wb") as handle:
        handle.write((TEXT + "\nOther.").encode())
    batch = read_folder(tmp_path)
    assert [a.source for a in batch.articles] == ["good.txt"]
    [skipped] = batch.skipped
    assert skipped.source == "caf\ufffd.txt" and "not valid UTF-8; rename it" in skipped.reason
    skipped.reason.encode("utf-8")  # printable and publishable
