"""Exports of a comparison result: the JSON contract and flat CSV tables (a folder or one zip)."""

from __future__ import annotations

import csv
import io
import json
import math
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from parallax.text.tokens import word_count

__all__ = ["COLUMNS", "LENSES", "csv_zip_bytes", "tables", "to_json", "write_csv_dir"]

LENSES = ("tone", "words", "voices", "clashes", "axes")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
COLUMNS: dict[str, tuple[str, ...]] = {
    "passages": ("article", "outlet", "passage", "index", "start", "end", "words", "claim", "text"),
    "alignments": ("a", "b", "article_a", "article_b", "outlet_a", "outlet_b", "score", "match"),
    "claims": ("claim", "label", "outlets", "articles", "outlet_names", "passages"),
    "findings": ("kind", "article", "outlet", "claim", "text"),
    "measures_outlets": (
        "article",
        "outlet",
        "words",
        "passages",
        "claims",
        "unique_claims",
        "omitted_claims",
        "lead_claim",
    ),
    "measures_claims": (
        "claim",
        "label",
        "outlets",
        "article",
        "outlet",
        "covered",
        "position",
        "lead",
        "prominence",
        "word_share",
    ),
    "measures_pairs": ("a", "b", "outlet_a", "outlet_b", "coverage_similarity", "emphasis_divergence"),
    "tone_passages": ("passage", "article", "outlet", "tone"),
    "tone_articles": ("article", "outlet", "tone"),
    "tone_claims": ("claim", "article", "outlet", "tone"),
    "tone_gaps": ("a", "b", "outlet_a", "outlet_b", "tone_a", "tone_b", "gap", "text_a", "text_b"),
    "words": ("article", "outlet", "term", "ngram", "z", "delta", "count", "others"),
    "voices": ("article", "outlet", "voice", "words", "quotes", "direct", "indirect", "passages"),
    "quotes": ("article", "outlet", "voice", "kind", "words", "passages", "text"),
    "voices_unique": ("voice", "article", "outlet"),
    "clashes": ("a", "b", "outlet_a", "outlet_b", "kind", "a_value", "b_value", "detail", "text_a", "text_b"),
    "axes_positions": ("axis", "passage", "article", "outlet", "position"),
    "axes_outlets": ("axis", "article", "outlet", "mean", "median", "n"),
    "axes_extremes": ("axis", "article", "outlet", "side", "rank", "passage", "position"),
}


def _plain(value: Any) -> Any:
    """JSON-ready data: numpy values as Python ones, tuples as lists, NaN and infinities as null."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return _plain(value.tolist())
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def to_json(result: Mapping[str, Any], *, indent: int | None = 2) -> str:
    """The result as strict JSON text (the contract in the design notes), UTF-8 characters kept as is."""
    return json.dumps(_plain(result), ensure_ascii=False, indent=indent, allow_nan=False)


def _joined(values: Iterable[Any]) -> str:
    return ";".join(str(v) for v in values)


def _flat(row: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """One CSV row: nested mappings become dotted columns, lists of plain values `;`-joined text."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(_flat(value, f"{name}."))
        elif isinstance(value, list | tuple):
            plain = all(not isinstance(v, Mapping | list | tuple) for v in value)
            out[name] = _joined(value) if plain else json.dumps(_plain(value), ensure_ascii=False)
        else:
            out[name] = _plain(value)
    return out


def _generic_lens(name: str, value: Any) -> dict[str, list[dict[str, Any]]]:
    """A lens of a shape this module does not know: list items as rows, or one row of dotted columns."""
    if isinstance(value, list | tuple):
        return {name: [_flat(v) if isinstance(v, Mapping) else {"value": _plain(v)} for v in value]}
    if isinstance(value, Mapping):
        return {name: [_flat(value)]}
    return {name: [{"value": _plain(value)}]}


def _lens_tables(
    lenses: Mapping[str, Any], outlet: Mapping[str, str], article_of: Mapping[str, str]
) -> dict[str, list[dict[str, Any]]]:
    """Tables for the lenses present, in the shapes parallax.lenses documents; others flattened."""

    def at(article: Any) -> dict[str, Any]:
        return {"article": article, "outlet": outlet.get(article, "")}

    def of(pid: Any) -> dict[str, Any]:
        return at(article_of.get(pid, ""))

    def pair(row: Mapping[str, Any]) -> dict[str, Any]:
        a, b = article_of.get(row.get("a"), ""), article_of.get(row.get("b"), "")
        return {"outlet_a": outlet.get(a, ""), "outlet_b": outlet.get(b, ""), **_flat(row)}

    out: dict[str, list[dict[str, Any]]] = {}
    for name in (*LENSES, *sorted(k for k in lenses if k not in LENSES)):
        value = lenses.get(name)
        if value is None:
            continue
        if name == "tone" and isinstance(value, Mapping):
            out["tone_passages"] = [{"passage": p, **of(p), "tone": v} for p, v in value.get("passages", {}).items()]
            out["tone_articles"] = [{**at(a), "tone": v} for a, v in value.get("articles", {}).items()]
            if "claims" in value:
                out["tone_claims"] = [
                    {"claim": c, **at(a), "tone": v} for c, per in value["claims"].items() for a, v in per.items()
                ]
            out["tone_gaps"] = [pair(g) for g in value.get("gaps", [])]
        elif name == "words" and isinstance(value, Mapping):
            out["words"] = [{**at(a), **_flat(t)} for a, terms in value.get("terms", {}).items() for t in terms]
        elif name == "voices" and isinstance(value, Mapping):
            out["voices"] = [{**at(a), **_flat(v)} for a, vs in value.get("articles", {}).items() for v in vs]
            out["quotes"] = [{**at(q.get("article")), **_flat(q)} for q in value.get("quotes", [])]
            out["voices_unique"] = [{**at(u.get("article")), **_flat(u)} for u in value.get("unique", [])]
        elif name == "clashes" and isinstance(value, list | tuple):
            out["clashes"] = [pair(c) for c in value]
        elif name == "axes" and isinstance(value, list | tuple):
            for key in ("axes_positions", "axes_outlets", "axes_extremes"):
                out[key] = []
            for axis in value:
                label = (axis.get("axis") or {}).get("name", "")
                out["axes_positions"] += [
                    {"axis": label, "passage": p, **of(p), "position": v}
                    for p, v in (axis.get("positions") or {}).items()
                ]
                out["axes_outlets"] += [
                    {"axis": label, **at(a), **_flat(m)} for a, m in (axis.get("outlets") or {}).items()
                ]
                out["axes_extremes"] += [
                    {"axis": label, **at(a), "side": side, "rank": rank + 1, **_flat(e)}
                    for a, ends in (axis.get("extremes") or {}).items()
                    for side in ("left", "right")
                    for rank, e in enumerate(ends.get(side) or [])
                ]
        else:
            out.update(_generic_lens(name, value))
    return out


def tables(result: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The result as flat tables (name -> rows): passages, alignments, claims, findings, measures, lenses."""
    articles = list(result.get("articles") or [])
    outlet = {a["id"]: a.get("outlet", "") for a in articles}
    claims = list(result.get("claims") or [])
    claim_of = {p: c["id"] for c in claims for p in c.get("passages", [])}
    article_of = {p["id"]: a["id"] for a in articles for p in a.get("passages") or []}
    label = {c["id"]: c.get("label", "") for c in claims}
    out: dict[str, list[dict[str, Any]]] = {}

    out["passages"] = [
        {
            "article": a["id"],
            "outlet": a.get("outlet", ""),
            "passage": p["id"],
            "index": p.get("index"),
            "start": p.get("start"),
            "end": p.get("end"),
            "words": word_count(str(p.get("text", ""))),
            "claim": claim_of.get(p["id"], ""),
            "text": p.get("text", ""),
        }
        for a in articles
        for p in a.get("passages") or []
    ]
    out["alignments"] = [
        {
            "a": al["a"],
            "b": al["b"],
            "article_a": article_of.get(al["a"], ""),
            "article_b": article_of.get(al["b"], ""),
            "outlet_a": outlet.get(article_of.get(al["a"], ""), ""),
            "outlet_b": outlet.get(article_of.get(al["b"], ""), ""),
            "score": _plain(al.get("score")),
            "match": bool(al.get("match")),
        }
        for al in result.get("alignments") or []
    ]
    out["claims"] = [
        {
            "claim": c["id"],
            "label": c.get("label", ""),
            "outlets": len(c.get("outlets", [])),
            "articles": _joined(c.get("outlets", [])),
            "outlet_names": _joined(outlet.get(a, a) for a in c.get("outlets", [])),
            "passages": _joined(c.get("passages", [])),
        }
        for c in claims
    ]
    out["findings"] = [
        {
            "kind": f.get("kind", ""),
            "article": f.get("article", ""),
            "outlet": outlet.get(f.get("article", ""), ""),
            "claim": f.get("claim", ""),
            "text": f.get("text", ""),
        }
        for f in result.get("findings") or []
    ]
    measures = result.get("measures") or {}
    out["measures_outlets"] = [
        {
            "article": article_id,
            "outlet": outlet.get(article_id, ""),
            "words": m.get("words"),
            "passages": m.get("passages"),
            "claims": m.get("claims"),
            "unique_claims": _joined(m.get("unique_claims") or []),
            "omitted_claims": _joined(m.get("omitted_claims") or []),
            "lead_claim": m.get("lead_claim") or "",
        }
        for article_id, m in (measures.get("outlets") or {}).items()
    ]
    out["measures_claims"] = [
        {
            "claim": claim_id,
            "label": label.get(claim_id, ""),
            "outlets": m.get("outlets"),
            "article": article_id,
            "outlet": outlet.get(article_id, ""),
            "covered": bool(cov.get("covered")),
            "position": _plain(cov.get("position")),
            "lead": bool(cov.get("lead")),
            "prominence": _plain(cov.get("prominence")),
            "word_share": _plain(cov.get("word_share")),
        }
        for claim_id, m in (measures.get("claims") or {}).items()
        for article_id, cov in (m.get("coverage") or {}).items()
    ]
    out["measures_pairs"] = [
        {
            "a": p["a"],
            "b": p["b"],
            "outlet_a": outlet.get(p["a"], ""),
            "outlet_b": outlet.get(p["b"], ""),
            "coverage_similarity": _plain(p.get("coverage_similarity")),
            "emphasis_divergence": _plain(p.get("emphasis_divergence")),
        }
        for p in measures.get("pairs") or []
    ]
    out.update(_lens_tables(result.get("lenses") or {}, outlet, article_of))
    return out


def _cell(value: Any) -> Any:
    """A CSV cell; text a spreadsheet would run as a formula is prefixed with an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv_text(name: str, rows: list[dict[str, Any]]) -> str:
    columns: dict[str, None] = dict.fromkeys(COLUMNS.get(name, ()))
    for row in rows:
        columns.update(dict.fromkeys(row))
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return buffer.getvalue()


def write_csv_dir(result: Mapping[str, Any], directory: str | Path) -> list[Path]:
    """Write one UTF-8 CSV per table into `directory` (created if needed); return the files written."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in tables(result).items():
        path = folder / f"{name}.csv"
        path.write_text(_csv_text(name, rows), encoding="utf-8", newline="")
        written.append(path)
    return written


def csv_zip_bytes(result: Mapping[str, Any]) -> bytes:
    """All CSV tables in one zip archive, as bytes (for a download button or a file)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, rows in tables(result).items():
            archive.writestr(f"{name}.csv", _csv_text(name, rows).encode("utf-8"))
    return buffer.getvalue()
