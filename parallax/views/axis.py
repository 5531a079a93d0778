"""The semantic axis a reader asks for: named in a link (a preset or a spec string) or typed into a form."""

from __future__ import annotations

from parallax.lenses import PRESET_AXES, Axis, format_axis, parse_axis

__all__ = ["PRESETS", "axis_from_inputs", "axis_value", "describe_axis", "form_values", "resolve_axis"]

PRESETS: dict[str, Axis] = {a.name: a for a in PRESET_AXES}


def resolve_axis(value: str | None) -> tuple[Axis, str | None]:
    """The axis a URL value names (a preset's name or a spec string), and a sentence when it is unreadable.

    An unreadable value gives the first preset, so the page still shows an axis.
    """
    if not value:
        return PRESET_AXES[0], None
    if value in PRESETS:
        return PRESETS[value], None
    try:
        axis = parse_axis(value)
        format_axis(axis)
    except ValueError as exc:
        return PRESET_AXES[0], (
            f"The link's axis “{value}” cannot be read ({exc}); showing “{PRESET_AXES[0].name}” instead."
        )
    return axis, None


def axis_value(axis: Axis) -> str:
    """What the URL holds for an axis: a preset's name, or the spec string of one's own."""
    return axis.name if axis in PRESET_AXES else format_axis(axis)


def _phrases(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split(",") if p.strip())


def axis_from_inputs(name: str, left_label: str, left_phrases: str, right_label: str, right_phrases: str) -> Axis:
    """The axis a person typed (phrases separated by commas); ValueError says in words what is missing."""
    left, right = left_label.strip(), right_label.strip()
    if not left or not right:
        raise ValueError("Give each pole a name.")
    found = _phrases(left_phrases), _phrases(right_phrases)
    if not all(found):
        raise ValueError("Give each pole at least one phrase.")
    if any(mark in part for part in (name, left, right, *found[0], *found[1]) for mark in ":|="):
        raise ValueError("Names and phrases cannot hold “:”, “|” or “=”.")
    if "," in left + right:
        raise ValueError("A pole's name cannot hold a comma: commas separate its phrases.")
    if set(found[0]) == set(found[1]):
        raise ValueError("The two poles have the same phrases.")
    return Axis(name.strip() or f"{left} vs {right}", left, found[0], right, found[1])


def form_values(axis: Axis) -> tuple[str, str, str, str, str]:
    """The form's fields filled in with an axis: name (blank when it is the default one), then each pole."""
    default_name = axis.name == f"{axis.left_label} vs {axis.right_label}"
    return (
        "" if default_name else axis.name,
        axis.left_label,
        ", ".join(axis.left_phrases),
        axis.right_label,
        ", ".join(axis.right_phrases),
    )


def describe_axis(axis: Axis) -> str:
    """The axis in one sentence: its name and each pole with its phrases."""
    return (
        f"{axis.name}: “{axis.left_label}” ({', '.join(axis.left_phrases)}) "
        f"against “{axis.right_label}” ({', '.join(axis.right_phrases)})."
    )
