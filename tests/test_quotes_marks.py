"""Rule tests for quotation-mark pairing (text only, no model)."""

from __future__ import annotations

import pytest

from pipeline.quotes.marks import pair_marks


def contents(text: str) -> list[str]:
    spans, _ = pair_marks(text)
    return [text[s.start : s.end] for s in spans]


def codes(text: str) -> list[str]:
    _, problems = pair_marks(text)
    return [p.code for p in problems]


@pytest.mark.parametrize(
    ("text", "expected", "problems"),
    [
        # French guillemets with narrow no-break spaces: the content has no marks and no outer spaces.
        pytest.param("Il a dit : «\u202fNous sommes prêts\u202f».", ["Nous sommes prêts"], [], id="guillemets-nnbsp"),
        # English curly quotes, common in translated NATO texts.
        pytest.param("M. Stoltenberg a déclaré : “Nous sommes unis.”", ["Nous sommes unis."], [], id="curly"),
        # Straight ASCII quotes pair by alternation.
        pytest.param('Il a ajouté : "Oui." Puis : "Non."', ["Oui.", "Non."], [], id="ascii"),
        # Single guillemets ‹ › are quotes too.
        pytest.param("Il a dit : ‹ Nous restons vigilants ›.", ["Nous restons vigilants"], [], id="single-guillemets"),
        # Seen in dev_000: « … « , a-t-il déclaré — the opening mark used as the closing one.
        pytest.param(
            "« Cela facilitera l’engagement« , a-t-il déclaré.",
            ["Cela facilitera l’engagement"],
            ["reversed_closing_mark"],
            id="reversed-closer",
        ),
        # Seen in dev_008: « … ”, a ajouté — mismatched pair still closes the quote.
        pytest.param(
            "« L’Alliance la plus fructueuse de l’Histoire”, a ajouté le secrétaire général.",
            ["L’Alliance la plus fructueuse de l’Histoire"],
            ["mismatched_marks"],
            id="mismatched-closer",
        ),
        # A quote never closed ends with its paragraph, and the next paragraph is not swallowed.
        pytest.param(
            "« Nous devons agir maintenant.\nLe sommet a lieu demain.",
            ["Nous devons agir maintenant."],
            ["unclosed_quote"],
            id="unclosed-ends-at-paragraph",
        ),
        # A quotation continued in the next paragraph gives one quote per paragraph.
        pytest.param(
            "« Premier paragraphe.\n« Second paragraphe », a-t-il dit.",
            ["Premier paragraphe.", "Second paragraphe"],
            ["unclosed_quote"],
            id="continued-next-paragraph",
        ),
        # Inner quotes belong to the outer quote.
        pytest.param(
            "Il a dit : « Le mot “prête” est juste ».",
            ["Le mot “prête” est juste"],
            [],
            id="nested-curly-in-guillemets",
        ),
        # A lone straight quote opens nothing (inch marks, typos) but is reported.
        pytest.param('Un écran de 15" suffit.', [], ["unclosed_quote"], id="lone-ascii"),
        # A closing mark with nothing open is reported, not fatal.
        pytest.param("Texte » sans ouverture.", [], ["stray_closing_mark"], id="stray-closer"),
        # Interrupted quote: two quotes around the cue.
        pytest.param("« A », a-t-il dit, « B ».", ["A", "B"], [], id="interrupted"),
    ],
)
def test_pair_marks(text: str, expected: list[str], problems: list[str]) -> None:
    assert contents(text) == expected
    assert codes(text) == problems


def test_offsets_point_into_the_text() -> None:
    text = "Avant.\n« Un », puis « deux »\n"
    spans, _ = pair_marks(text)
    for span in spans:
        assert text[span.open_at] == "«"
        assert text[span.close_end - 1] == "»"
