import pytest

from lib.numbering import chapter_label, chinese, letters, roman


@pytest.mark.parametrize("number, expected", [(1, "I"), (4, "IV"), (8, "VIII"), (14, "XIV"), (40, "XL")])
def test_chapters_are_numbered_in_roman_numerals_in_english(number, expected):
    assert roman(number) == expected


@pytest.mark.parametrize(
    "number, expected",
    [(1, "一"), (8, "八"), (10, "十"), (12, "十二"), (20, "二十"), (23, "二十三"), (100, "一百"),
     (105, "一百零五"), (110, "一百一十"), (1001, "一千零一")],
)
def test_chinese_numerals_follow_chinese_usage(number, expected):
    assert chinese(number) == expected


def test_sub_paragraph_letters_double_after_z():
    assert [letters(n) for n in (1, 2, 26, 27, 28)] == ["a", "b", "z", "aa", "bb"]


def test_chapter_labels_differ_by_language():
    assert chapter_label(6, "en") == "VI."
    assert chapter_label(6, "zh-hans") == "六."


def test_numbering_refuses_zero():
    with pytest.raises(ValueError):
        roman(0)
    with pytest.raises(ValueError):
        chinese(0)
