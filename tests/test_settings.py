"""Every declared setting is documented, validated and reachable from the command line."""

from pathlib import Path

import pytest

from parallax.cli import build_parser
from parallax.settings import LIMITS, SETTINGS, Limits, Settings

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


@pytest.mark.parametrize("limit", LIMITS, ids=lambda limit: limit.name)
def test_every_limit_is_in_the_readme_with_its_default_and_variable(limit):
    assert f"| `{limit.env}` | {limit.default:,} | {limit.help} |" in README


def test_limits_default_to_their_declaration_and_a_deployment_overrides_them():
    assert Limits() == Limits.from_env({})
    assert {limit.name: limit.default for limit in LIMITS} == Limits().__dict__
    assert Limits.from_env({"PARALLAX_MAX_ARTICLES": "12", "PARALLAX_STORE_QUOTA_MB": "2_000"}) == Limits(
        max_articles=12, store_quota_mb=2000
    )
    with pytest.raises(ValueError, match="PARALLAX_MAX_PASSAGES must be a whole number"):
        Limits.from_env({"PARALLAX_MAX_PASSAGES": "lots"})
    with pytest.raises(ValueError, match="PARALLAX_TIME_BUDGET_S must be at least 1"):
        Limits.from_env({"PARALLAX_TIME_BUDGET_S": "0"})
