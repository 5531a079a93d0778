"""The settings sidebar, drawn from the one declaration in `parallax.settings`, and the deployment's limits."""

from __future__ import annotations

import streamlit as st

from parallax.plots.labels import SETTING_VALUES
from parallax.settings import SETTINGS, Limits, Settings

__all__ = ["WIDGET_KEYS", "current_settings", "deployment_limits", "restore_settings", "settings_sidebar"]

WIDGET_KEYS: dict[str, str] = {s.name: f"setting_{s.name}" for s in SETTINGS}
"""Setting name -> the key of the sidebar widget that holds it."""
_SETTING = {s.name: s for s in SETTINGS}


def _strictness_words(value: float) -> str:
    if value < 0.35:
        return "Loose: passages on the same topic count as the same report; expect some false pairs."
    if value <= 0.65:
        return "Balanced: passages must report the same thing, in any words."
    return "Strict: only passages that say nearly the same thing are paired; some real pairs are missed."


def settings_sidebar() -> Settings:
    """The comparison settings, one control per declared setting, with the declaration's help."""
    st.subheader("Settings")
    threshold = st.slider(
        "Match strictness",
        0.0,
        1.0,
        float(_SETTING["threshold"].default),
        0.05,
        key=WIDGET_KEYS["threshold"],
        help=_SETTING["threshold"].help,
    )
    st.caption(_strictness_words(threshold))
    st.radio(
        "Compare by",
        list(_SETTING["passage_size"].choices),
        format_func=str.capitalize,
        horizontal=True,
        key=WIDGET_KEYS["passage_size"],
        help=_SETTING["passage_size"].help,
    )
    with st.expander("Model"):
        st.text_input("Embedding model", _SETTING["model"].default, key=WIDGET_KEYS["model"],
                      help=_SETTING["model"].help)
        st.radio("Run it with", list(_SETTING["backend"].choices), horizontal=True, key=WIDGET_KEYS["backend"],
                 format_func=SETTING_VALUES["backend"].__getitem__,
                 help=_SETTING["backend"].help)
    return current_settings()


def current_settings() -> Settings:
    """The settings the sidebar holds (defaults before it is drawn)."""
    values = {name: st.session_state.get(key, _SETTING[name].default) for name, key in WIDGET_KEYS.items()}
    values["model"] = str(values["model"]).strip() or _SETTING["model"].default
    return Settings(**{**values, "threshold": float(values["threshold"])})


def restore_settings(settings: Settings) -> None:
    """Put these settings into the sidebar's controls (before they are drawn), as when a saved comparison opens."""
    for name, key in WIDGET_KEYS.items():
        st.session_state[key] = getattr(settings, name)


def deployment_limits() -> Limits:
    """The deployment's limits (environment read once per call; a bad value falls back to the defaults)."""
    try:
        return Limits.from_env()
    except ValueError:
        return Limits()
