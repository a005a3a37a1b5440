"""The same funding reported twice in a batch (a release and a news article) is linked."""

from __future__ import annotations

import json
from pathlib import Path

from annonces.batch import run_batch

RELEASE = (
    "QUÉBEC, le 14 mars 2023 /CNW Telbec/ - La ministre de la Culture et des Communications, "
    "Mme Nathalie Roy, annonce une aide financière de 240 000 $ à la Corporation du Théâtre de Baie-Saint-Paul "
    "dans le cadre du programme Aide aux immobilisations.\n"
)
ARTICLE = (
    "Baie-Saint-Paul — Bonne nouvelle pour la Corporation du Théâtre de Baie-Saint-Paul, qui recevra "
    "240 000 $ du programme Aide aux immobilisations pour rénover sa salle, a annoncé Québec mardi.\n"
)
OTHER = "La Ville de Gaspé accorde 15 000 $ à la Corporation du Théâtre de Baie-Saint-Paul pour sa tournée.\n"


def test_second_report_points_to_the_first(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a-communique.txt").write_text(RELEASE, encoding="utf-8")
    (src / "b-article.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "c-autre.txt").write_text(OTHER, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run_batch(src, out, fast=True, progress=False)
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    first, second, third = (line["records"] for line in lines)
    assert [r["amount"] for r in first] == [240000] and first[0]["duplicate_of"] is None
    assert [r["duplicate_of"] for r in second] == ["a-communique#0"]
    assert second[0]["recipient_id"] == first[0]["recipient_id"]
    assert all(r["duplicate_of"] is None for r in third)  # another amount: another funding
