"""Chinese typography in PDFs: punctuation from the Chinese font, headings in a Hei face."""

import pytest

from lib import pdf
from lib.languages import CHINESE_SANS, conventions


def test_shared_punctuation_in_chinese_text_is_marked_for_the_chinese_font():
    markup = '<p title="“a”">《暹粒—吴哥行动计划》“引号”……</p>'
    assert pdf.chinese_punctuation(markup) == (
        '<p title="“a”">《暹<span class="nobreak">粒<span class="zh-punct">—</span>吴</span>'
        '哥行动计划》<span class="zh-punct">“</span>引号<span class="zh-punct">”……</span></p>')


def test_a_dash_at_the_end_of_a_text_is_marked_alone():
    assert pdf.chinese_punctuation("<p>甲——</p>") == '<p>甲<span class="zh-punct">——</span></p>'



def test_styles_and_titles_are_left_alone():
    markup = '<style>p::before { content: "—"; }</style><title>“x”</title>'
    assert pdf.chinese_punctuation(markup) == markup


def test_chinese_headings_are_set_in_a_hei_face_and_english_ones_are_not():
    assert CHINESE_SANS in pdf.template_fonts("zh-hans")["heading"]
    assert pdf.template_fonts("zh-hans")["heading"].index(CHINESE_SANS) < \
        pdf.template_fonts("zh-hans")["heading"].index(pdf.CJK_FONT)
    assert pdf.template_fonts("en")["heading"].startswith('"Liberation Serif"')


def test_a_chinese_document_needs_the_hei_face(monkeypatch):
    installed = pdf.font_file
    monkeypatch.setattr(pdf, "font_file", lambda family: None if family == CHINESE_SANS
                        else installed(family))
    with pytest.raises(pdf.FontMissing, match="fonts-wqy-microhei"):
        pdf.fonts_for("zh-hans")


@pytest.mark.parametrize("language, letter", [("zh-hans", "C"), ("en", "E")])
def test_each_language_has_its_job_number_letter(language, letter):
    assert conventions(language).job_letter == letter
