from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from diplodata.ingest.articles import InputError, article_from_text, read_folder


def test_ingest_article_id_is_the_content_hash(tmp_path: Path) -> None:
    a = article_from_text("Same words.\n", "a.txt")
    b = article_from_text("Same words.\n", "b.txt")
    c = article_from_text("Other words.\n", "a.txt")
    assert a.article_id == b.article_id == a.sha256[:16]
    assert a.article_id != c.article_id


def test_ingest_reads_title_and_dateline() -> None:
    text = "Leaders held talks in Minsk\nJanuary 19, 2022\n\nThe two presidents met."
    article = article_from_text(text, "x.txt")
    assert article.title == "Leaders held talks in Minsk"
    assert article.published_date == dt.date(2022, 1, 19)


def test_ingest_first_sentence_is_not_a_title() -> None:
    article = article_from_text("Minsk, 2 September 2022: The ministers met on Friday.", "x.txt")
    assert article.title is None
    assert article.published_date == dt.date(2022, 9, 2)


def test_ingest_normalizes_line_endings_and_bom() -> None:
    article = article_from_text("\ufeffTitle\r\nBody.\r\n", "x.txt")
    assert article.text == "Title\nBody.\n"


def test_ingest_skips_bad_files_and_says_why(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Belarus and Russia held talks.", encoding="utf-8")
    (tmp_path / "copy.md").write_text("Belarus and Russia held talks.", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Erdo\xf0an".encode("latin-1"))
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("ignored", encoding="utf-8")
    batch = read_folder(tmp_path)
    assert [a.source for a in batch.articles] == ["copy.md"]
    reasons = {Path(s.source).name: s.reason for s in batch.skipped}
    assert set(reasons) == {"good.txt", "latin1.txt", "empty.txt", "notes.csv"}
    assert "not an article file" in reasons["notes.csv"]
    assert "not UTF-8" in reasons["latin1.txt"] and "re-save" in reasons["latin1.txt"]
    assert "empty" in reasons["empty.txt"]
    assert "same text" in reasons["good.txt"]


def test_ingest_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such folder"):
        read_folder(tmp_path / "nope")


def test_ingest_reduces_html_to_text(tmp_path: Path) -> None:
    body = "<p>The foreign ministers of Belarus and Turkey met in Ankara on Monday.</p>" * 3
    (tmp_path / "page.html").write_text(
        f"<html><head><title>Ministers meet</title></head><body><nav>Home | News</nav>"
        f"<article><h1>Ministers meet</h1>{body}</article></body></html>",
        encoding="utf-8",
    )
    [article] = read_folder(tmp_path).articles
    assert article.title == "Ministers meet"
    assert "met in Ankara" in article.text
    assert "<p>" not in article.text and "Home | News" not in article.text
