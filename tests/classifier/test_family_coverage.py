"""The rule "every pattern family has a test in its language", enforced.

For every ``data/lang/<lang>.toml`` and every family it declares, some sentence test in that
language (``test_languages.CASES`` or ``family_cases.FAMILY_CASES``) must produce a hit of that
family when scanned with the language's own matcher. Each gazetteer file must likewise have a
sentence per script family in which one of its aliases resolves to the right canonical id.
"""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Iterable

import pytest

from agents.core.classifier import Classifier
from agents.core.classifier.lexicon import DATA_DIR, available_languages, load_lexicon
from agents.core.classifier.normalize import normalize_for_scan
from tests.classifier.family_cases import FAMILY_CASES, FamilyCase
from tests.classifier.test_languages import CASES

N, C, S = "negotiation_round", "ceasefire_condition", "leader_statement"


def families_hit(clf: Classifier, lang: str, text: str) -> set[str]:
    """Families with at least one hit in ``text``, scanned as ``classify`` scans it (capitals checked)."""
    norm, scan = normalize_for_scan(text)
    return {hit.family for hit in clf.matcher_for(lang).scan_padded(scan, norm=norm)}


def declared_pairs() -> list[tuple[str, str]]:
    """Every (language, family) with at least one term in the lexicon files."""
    return sorted({(lang, term.family) for lang in available_languages() for term in load_lexicon(lang).terms})


def sentence_tests() -> Iterable[tuple[str, str]]:
    yield from ((lang, text) for lang, text, _ in CASES)
    yield from ((case.lang, case.text) for case in FAMILY_CASES)


def test_every_family_has_a_sentence_in_its_language(clf: Classifier) -> None:
    covered: set[tuple[str, str]] = set()
    for lang, text in sentence_tests():
        covered |= {(lang, family) for family in families_hit(clf, lang, text)}
    pairs = declared_pairs()
    missing = [pair for pair in pairs if pair not in covered]
    assert not missing, (
        f"{len(missing)} of {len(pairs)} (language, family) pairs have no test sentence that hits them; "
        f"add one to tests/classifier/family_cases.py: {missing}"
    )


def _case_id(case: FamilyCase) -> str:
    return f"{case.lang}-{'+'.join(case.families)}"


@pytest.mark.parametrize("case", FAMILY_CASES, ids=[_case_id(c) for c in FAMILY_CASES])
def test_family_case_hits_its_families(clf: Classifier, case: FamilyCase) -> None:
    missing = set(case.families) - families_hit(clf, case.lang, case.text)
    assert not missing, f"{case.lang}: {case.text!r} does not hit {sorted(missing)}"


@pytest.mark.parametrize("case", FAMILY_CASES, ids=[_case_id(c) for c in FAMILY_CASES])
def test_family_case_labels(clf: Classifier, case: FamilyCase) -> None:
    """Positive families support their label; guards and negations keep a label from passing."""
    result = clf.classify(case.text, lang=case.lang)
    assert {str(c) for c in result.passed} == set(case.labels), [(r.label.value, r.score) for r in result.labels]


# A natural sentence the lexicon or the rules do not handle yet goes in a strict xfail list here, with
# the reason; when it starts passing, move it into FAMILY_CASES (the last gaps were closed that way).

#: (lang, text, family): forms a short or stem term used to match inside an unrelated word.
NOT_HIT: list[tuple[str, str, str]] = [
    ("ar", "وصل اللاعب إلى لندن لمدة أسبوع للنظر في المقترح.", "negation"),  # لا / لم / لن inside words
    ("ar", "بدأت في الدوحة جولة جديدة من المفاوضات حول تنفيذ الاتفاق.", "denial"),  # تنفي (denies) inside تنفيذ
    ("es", "El Gobierno negocia con el ELN una nueva ronda de conversaciones.", "negation"),  # negó inside negocia
    ("fa", "پوتین و ترامپ تلفنی گفتگو کردند.", "speech"),  # گفت (said) inside گفتگو (conversation)
    ("fa", "ویتکاف به مسقط رسید.", "pronoun"),  # وی (he) inside ویتکاف
    ("tr", "Türkiye'nin ekonomisi büyüyor.", "round"),  # tur (round) inside Türkiye once folded
    ("tr", "Bakan, enflasyonun bir süre daha süreceğini söyledi.", "condition"),  # sürece inside süreceğini
]


@pytest.mark.parametrize(("lang", "text", "family"), NOT_HIT, ids=[f"{c[0]}-{c[2]}" for c in NOT_HIT])
def test_term_does_not_match_inside_other_words(clf: Classifier, lang: str, text: str, family: str) -> None:
    assert family not in families_hit(clf, lang, text)


def test_persian_conversation_is_not_a_statement(clf: Classifier) -> None:
    """With a ZWNJ, 'گفت‌وگو' scans as 'گفت وگو': the speech hit exists but belongs to the talks noun."""
    passed = {str(c) for c in clf.classify("پوتین و ترامپ تلفنی گفت‌وگو کردند.", lang="fa").passed}
    assert passed == {N}


# --------------------------------------------------------------------------- gazetteers

SCRIPTS = ("latin", "cyrillic", "arabic", "hebrew", "persian")

#: (script, lang, text, "kind:id") — the entity must be found, and found through an alias in that script.
GAZETTEER_CASES: list[tuple[str, str, str, str]] = [
    ("latin", "fr", "Poutine a reçu Erdogan au Kremlin jeudi.", "leader:putin"),
    ("cyrillic", "uk", "Зеленський прибув до Вашингтона у понеділок.", "leader:zelensky"),
    ("arabic", "ar", "وصل ويتكوف إلى الدوحة مساء الخميس.", "leader:witkoff"),
    ("hebrew", "he", "נתניהו נפגש עם רוביו בירושלים.", "leader:rubio"),
    ("persian", "fa", "پوتین روز جمعه در مسکو با پزشکیان دیدار کرد.", "leader:pezeshkian"),
    ("latin", "tr", "Ukrayna heyeti Cenevre'ye ulaştı.", "country:UA"),
    ("cyrillic", "ru", "Россия и Иран подписали договор о сотрудничестве.", "country:IR"),
    ("arabic", "ar", "رحبت قطر ومصر بالاتفاق.", "country:EG"),
    ("hebrew", "he", "ישראל ומצרים חתמו על הסכם גז.", "country:EG"),
    ("persian", "fa", "روسیه قرارداد همکاری با ایران امضا کرد.", "country:RU"),
    ("latin", "es", "La reunión se celebró en Ginebra.", "place:geneva"),
    ("cyrillic", "ru", "Делегации прибыли в Стамбул.", "place:istanbul"),
    ("arabic", "ar", "انطلقت المحادثات في الدوحة.", "place:doha"),
    ("hebrew", "he", "המשלחת נחתה בקהיר.", "place:cairo"),
    ("persian", "fa", "هیئت ایرانی وارد آنکارا شد.", "place:ankara"),
    ("latin", "de", "Die Hamas lehnte den Vorschlag ab.", "organisation:hamas"),
    ("cyrillic", "uk", "Лідери НАТО зібралися в Гаазі.", "organisation:nato"),
    ("arabic", "ar", "أعلن حزب الله رفضه للمقترح.", "organisation:hezbollah"),
    ("hebrew", "he", "חמאס דחה את ההצעה.", "organisation:hamas"),
    ("persian", "fa", "ناتو نشست فوق العاده برگزار کرد.", "organisation:nato"),
    ("persian", "fa", "دبیرکل سازمان ملل خواستار آتش بس شد.", "organisation:un"),
]


def _script(lang: str, mention: str) -> str:
    letter = next(ch for ch in mention if ch.isalpha())
    name = unicodedata.name(letter).split()[0].lower()
    return "persian" if name == "arabic" and lang == "fa" else name


def gazetteer_kinds() -> list[str]:
    """The entity kind each gazetteer file declares (its top-level array of tables)."""
    kinds = []
    for path in sorted((DATA_DIR / "gazetteer").glob("*.toml")):
        kinds.extend(tomllib.loads(path.read_text(encoding="utf-8")))
    return sorted(kinds)


def test_every_gazetteer_has_a_sentence_per_script() -> None:
    covered = {(ref.split(":")[0], script) for script, _, _, ref in GAZETTEER_CASES}
    missing = [(kind, script) for kind in gazetteer_kinds() for script in SCRIPTS if (kind, script) not in covered]
    assert not missing, f"gazetteer (kind, script) pairs without a sentence: {missing}"


@pytest.mark.parametrize(
    ("script", "lang", "text", "ref"), GAZETTEER_CASES, ids=[f"{c[3]}-{c[0]}" for c in GAZETTEER_CASES]
)
def test_gazetteer_alias_resolves(clf: Classifier, script: str, lang: str, text: str, ref: str) -> None:
    kind, ident = ref.split(":")
    found = [e for e in clf.classify(text, lang=lang).entities if e.kind.value == kind and e.id == ident]
    assert found, f"{ref} not recognised in {text!r}"
    assert {_script(lang, m) for m in found[0].mentions} == {script}, found[0].mentions


#: (lang, text, ref, present): an alias must (not) resolve; stems of short names must not run into other names.
GAZETTEER_EDGES: list[tuple[str, str, str, bool]] = [
    ("fa", "عراقچی به مسقط رفت.", "country:IQ", False),  # Araghchi is not Iraq
    ("ar", "وصل عراقجي إلى مسقط.", "country:IQ", False),
    ("fa", "هیئت عراقی وارد تهران شد.", "country:IQ", True),  # Iraqi still is
    ("ar", "وصل الوفد العراقي إلى عمان.", "country:IQ", True),
    ("fa", "شورای امنیت سازمان ملل متحد تشکیل جلسه داد.", "organisation:un", True),
]


@pytest.mark.parametrize(("lang", "text", "ref", "present"), GAZETTEER_EDGES)
def test_gazetteer_edge(clf: Classifier, lang: str, text: str, ref: str, present: bool) -> None:
    refs = {f"{e.kind.value}:{e.id}" for e in clf.classify(text, lang=lang).entities}
    assert (ref in refs) is present, refs
