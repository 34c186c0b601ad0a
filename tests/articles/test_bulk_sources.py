import pytest

from articles.bulk_sources import items_from_file


@pytest.mark.parametrize("name", ["story.txt", "records.jsonl", "records.csv"])
def test_a_file_that_cannot_be_read_is_one_failed_item(tmp_path, name):
    unreadable = tmp_path / name
    unreadable.mkdir()

    [item] = items_from_file(unreadable)

    assert item.label == str(unreadable)
    assert item.error.startswith("cannot be read (")


def test_csv_from_a_spreadsheet_keeps_its_first_column_name(tmp_path):
    path = tmp_path / "records.csv"
    path.write_text("url,text\nhttps://news.example/a,Some text\n", encoding="utf-8-sig")

    [item] = items_from_file(path)

    assert (item.url, item.text, item.error) == ("https://news.example/a", "Some text", None)
    assert item.label == f"{path}:2"


def test_jsonl_records_are_labelled_by_line(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text('{"text": "First"}\n\n[1]\n{"text": "Second"}\n', encoding="utf-8")

    items = list(items_from_file(path))

    assert [(item.label, item.text, item.error) for item in items] == [
        (f"{path}:1", "First", None),
        (f"{path}:3", None, "a JSON object was expected"),
        (f"{path}:4", "Second", None),
    ]


def test_a_jsonl_line_nested_too_deeply_is_an_error_for_that_line_only(tmp_path):
    path = tmp_path / "records.jsonl"
    deep = '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}"
    path.write_text(f'{deep}\n{{"text": "Next"}}\n', encoding="utf-8")

    items = list(items_from_file(path))

    assert [(item.label, item.text, item.error) for item in items] == [
        (f"{path}:1", None, "not valid JSON (nested too deeply)"),
        (f"{path}:2", "Next", None),
    ]
