"""A user's file is read as UTF-8 (a BOM allowed); anything else is one line naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from firedrill.errors import InputError
from firedrill.textfile import parse_json, read_json_file, read_text_file


def test_utf8_with_and_without_a_bom_reads_the_same(tmp_path: Path) -> None:
    plain, bom = tmp_path / "plain.yaml", tmp_path / "bom.yaml"
    plain.write_bytes("地点: 汉正街\n".encode())
    bom.write_bytes(b"\xef\xbb\xbf" + "地点: 汉正街\n".encode())
    assert read_text_file(plain) == read_text_file(bom) == "地点: 汉正街\n"


def test_a_gbk_file_is_named_with_its_line_and_the_remedy(tmp_path: Path) -> None:
    gbk = tmp_path / "playbook.yaml"
    gbk.write_bytes("id: local\n# 本地预案\n".encode("gbk"))
    with pytest.raises(InputError) as caught:
        read_text_file(gbk)
    assert caught.value.file == str(gbk) and caught.value.line == 2
    assert "GBK" in caught.value.message and "UTF-8" in caught.value.message


def test_binary_directory_missing_and_oversized_files_are_one_line(tmp_path: Path) -> None:
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\x00\xff\xfe\x80" * 4)
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a" * 2048)
    cases = [(binary, {}), (tmp_path, {}), (tmp_path / "absent.yaml", {}), (big, {"limit": 1024})]
    for path, options in cases:
        with pytest.raises(InputError) as caught:
            read_text_file(path, **options)
        assert caught.value.file == str(path) and "\n" not in caught.value.one_line()


def test_json_errors_name_the_line_and_deep_nesting_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "incident.json"
    bad.write_text('{\n  "deaths": 1,\n  oops\n}', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_json_file(bad)
    assert caught.value.line == 3
    with pytest.raises(InputError, match="nested too deeply"):
        parse_json("[" * 100_000, "deep.json")
