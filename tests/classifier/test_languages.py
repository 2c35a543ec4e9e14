"""Hand-written sentences per language: positives for each rule and the hard negatives."""

from __future__ import annotations

import pytest

from agents.core.classifier import Classifier

N, C, S = "negotiation_round", "ceasefire_condition", "leader_statement"

CASES: list[tuple[str, str, set[str]]] = [
    # English
    ("en", "A new round of talks between Russian and Ukrainian delegations will begin in Istanbul on Monday.", {N}),
    ("en", "Putin said Russia would halt strikes on energy sites if Kyiv does the same.", {C, S}),
    ("en", "Foreign Minister Sergei Lavrov told reporters the proposal was unacceptable.", {S}),
    ("en", "Arsenal have opened negotiations with Sporting over a transfer fee for the striker.", set()),
    ("en", "Shares jumped after the company resumed takeover talks with its rival.", set()),
    ("en", "The union returned to wage bargaining talks with the employer on Friday.", set()),
    ("en", "A Kremlin spokesman said Putin was ready to help.", set()),
    ("en", "The ceasefire in Gaza was violated overnight, residents said.", set()),
    ("en", "Kyiv said it would join talks only if a ceasefire was in place.", set()),
    ("en", "In 1953 the armistice negotiations resumed at Panmunjom under new terms.", set()),
    # Arabic
    ("ar", "انطلقت اليوم في الدوحة جولة جديدة من المفاوضات بين وفدي حماس وإسرائيل.", {N}),
    ("ar", "قال بوتين إن روسيا مستعدة لوقف الهجمات في حال وافقت كييف على الشروط.", {C, S}),
    ("ar", "قال المتحدث باسم الكرملين إن المحادثات ستستمر.", set()),
    ("ar", "تعثرت مفاوضات انتقال اللاعب بين نادي الهلال وفنربخشه بسبب قيمة الصفقة.", set()),
    ("ar", "خرق جديد لوقف إطلاق النار في غزة أسفر عن سقوط ضحايا.", set()),
    # Russian
    ("ru", "Новый раунд переговоров делегаций России и Украины начнется в Стамбуле в понедельник.", {N}),
    ("ru", "Путин заявил, что Россия прекратит удары по энергетике, если Киев сделает то же самое.", {C, S}),
    ("ru", "Футбольный клуб возобновил переговоры о трансфере нападающего.", set()),
    ("ru", "Пресс-секретарь Кремля сообщил, что контакты продолжаются.", set()),
    # Ukrainian
    ("uk", "Зеленський заявив, що Україна готова до енергетичного перемир'я, якщо Росія припинить удари.", {C, S}),
    ("uk", "Новий раунд переговорів делегацій України та США розпочався у Женеві.", {N}),
    ("uk", "Речник Кремля заявив, що контакти тривають.", set()),
    # French
    ("fr", "Un nouveau cycle de négociations entre les délégations s'ouvrira lundi à Doha.", {N}),
    ("fr", "Le président Emmanuel Macron a déclaré que la France soutiendrait l'Ukraine.", {S}),
    ("fr", "Israël n'acceptera un cessez-le-feu qu'à condition que le Hezbollah se retire au nord du Litani.", {C}),
    ("fr", "Le club a entamé des négociations pour le transfert du joueur.", set()),
    ("fr", "La trêve hivernale des expulsions prend fin le 31 mars.", set()),
    # German
    ("de", "Die neue Verhandlungsrunde zwischen den Delegationen Russlands und der Ukraine beginnt am Montag.", {N}),
    ("de", "Außenminister Johann Wadephul sagte, Deutschland werde die Ukraine weiter unterstützen.", {S}),
    ("de", "Moskau sei zu einer Waffenruhe bereit, wenn die Ukraine ihre Truppen abzieht, sagte Putin.", {C, S}),
    ("de", "Die Gewerkschaft setzt die Tarifverhandlungen mit den Arbeitgebern fort.", set()),
    # Spanish
    ("es", "Una nueva ronda de negociaciones entre el Gobierno colombiano y el ELN comenzará el lunes.", {N}),
    ("es", "Hamás aceptará una tregua siempre que Israel retire sus tropas de Gaza.", {C}),
    ("es", "El portavoz del club dijo que las negociaciones por el fichaje continúan.", set()),
    # Italian, Turkish, Hebrew, Persian
    ("it", "Il ministro degli Esteri Antonio Tajani ha detto che l'Italia sostiene i negoziati.", {S}),
    ("tr", "Rusya ve Ukrayna heyetleri arasında yeni müzakere turu İstanbul'da başladı.", {N}),
    ("he", "נתניהו אמר כי ישראל תסכים להפסקת אש בתנאי שכל החטופים ישוחררו.", {C, S}),
    ("fa", "عراقچی گفت دور جدید مذاکرات با آمریکا در مسقط برگزار می شود.", {N, S}),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_sentence(clf: Classifier, lang: str, text: str, expected: set[str]) -> None:
    result = clf.classify(text, lang=lang)
    assert {str(c) for c in result.passed} == expected, [(r.label.value, r.score) for r in result.labels]
    for label in result.labels:
        for ev in label.evidence:
            assert text[ev.start : ev.end] == ev.sentence


@pytest.mark.parametrize(
    ("alias", "lang"), [("Putin", "en"), ("بوتين", "ar"), ("Путин", "ru"), ("Путін", "uk"), ("פוטין", "he")]
)
def test_leader_alias_across_scripts(clf: Classifier, alias: str, lang: str) -> None:
    result = clf.classify(f"{alias} ...", lang=lang)
    assert "putin" in {e.id for e in result.entities}
