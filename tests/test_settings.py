"""Every declared setting is documented, validated and reachable from the command line."""

from pathlib import Path

import pytest

from parallax.cli import build_parser
from parallax.settings import SETTINGS, Settings

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_in_the_readme_table_with_its_default(setting):
    assert f"| `{setting.name}` | `{setting.default}` | {setting.help} |" in README


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_a_compare_flag_with_its_default(setting):
    args = build_parser().parse_args(["compare", "x"])
    assert getattr(args, setting.name) == setting.default == getattr(Settings(), setting.name)


def test_out_of_range_values_are_refused_by_name():
    with pytest.raises(ValueError, match="threshold"):
        Settings.from_dict({"threshold": 2})
    with pytest.raises(ValueError, match="passage_size"):
        Settings.from_dict({"passage_size": "chapter"})
    assert Settings.from_dict({"threshold": 0.7, "unknown": 1}).threshold == 0.7
