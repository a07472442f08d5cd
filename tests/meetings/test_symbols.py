"""UN document symbols are built from their parts and read back from what an officer types."""

import pytest

from meetings import symbols
from meetings.symbols import Symbol


@pytest.mark.parametrize("text", [
    "CCM/MSP/2017/4",
    "APLC/MSP.22/2025/5",
    "CCW/MSP/2014/3",
    "CCM/CONF/2020/PM.2/2",
    "CCM/MSP/2011/WP.1/Rev.2",
    "CCM/MSP/2011/WP.3/Rev.1/Amend.1",
    "APLC/CONF/2019/5/Add.1",
    "CCW/P.V/CONF/2019/3/Rev.1",
    "BWC/CONF.IX/9",
    "CCW/CONF.VI/14/Corr.1",
])
def test_a_symbol_reads_back_as_it_was_written(text):
    assert str(symbols.parse(text)) == text


def test_parsing_separates_prefix_component_number_and_suffixes():
    symbol = symbols.parse("CCM/MSP/2011/WP.3/Rev.1/Amend.1")
    assert symbol == Symbol("CCM/MSP/2011", 3, "WP", (("Rev", 1), ("Amend", 1)))


def test_a_change_names_the_symbol_it_changes_all_the_way_down_the_chain():
    amendment = symbols.parse("CCM/MSP/2011/WP.3/Rev.1/Amend.1")
    assert str(amendment.changed) == "CCM/MSP/2011/WP.3/Rev.1"
    assert str(amendment.changed.changed) == "CCM/MSP/2011/WP.3"
    assert amendment.changed.changed.changed is None


@pytest.mark.parametrize("text", [
    "", "CCM", "CCM/MSP/2017", "ccm/msp/2017/4", "CCM/MSP/2017/0", "CCM/MSP/2017/4/Corr",
    "CCM/MSP/2017/4/Cor.1", "CCM/MSP/2017/XX.4", "CCM//2017/4", "CCM/MSP/2017/4/",
])
def test_malformed_symbols_are_refused(text):
    with pytest.raises(symbols.SymbolError):
        symbols.parse(text)
