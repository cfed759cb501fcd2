"""The vectorized language identifier gives exactly py3langid's answers (issue #16).

Every comparison is against py3langid's own ``LanguageIdentifier`` loaded from the same model: the feature counts
(and their order), the whole float32 score vector bit for bit, and ``classify``'s code and probability.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from py3langid.langid import MODEL_FILE, LanguageIdentifier, visit_counts

from tiktok_study.normalize import language
from tiktok_study.normalize.language import FastIdentifier, fast_identifier, synchronizes
from tiktok_study.normalize.rows import LANGUAGE_PREFIX, detect_language

FIXTURES = Path(__file__).parent / "fixtures"

# short texts written for this test, one per language or script (not taken from any article)
TEXTS = {
    "en": "The minister said on Tuesday that the app would be reviewed by regulators.",
    "de": "Die Regierung will die Nutzung der App auf Diensthandys verbieten.",
    "fr": "Le gouvernement a annoncé mardi une enquête sur l'application.",
    "es": "El Gobierno anunció el martes una investigación sobre la aplicación.",
    "it": "Il governo ha annunciato martedì un'indagine sull'applicazione.",
    "pt": "O governo anunciou na terça-feira uma investigação sobre o aplicativo.",
    "nl": "De regering kondigde dinsdag een onderzoek naar de app aan.",
    "sv": "Regeringen meddelade på tisdagen att appen ska granskas.",
    "pl": "Rząd ogłosił we wtorek dochodzenie w sprawie aplikacji.",
    "cs": "Vláda v úterý oznámila vyšetřování aplikace.",
    "ro": "Guvernul a anunțat marți o anchetă privind aplicația.",
    "tr": "Hükümet salı günü uygulama hakkında soruşturma başlattığını açıkladı.",
    "fi": "Hallitus ilmoitti tiistaina sovelluksen tutkinnasta.",
    "hu": "A kormány kedden vizsgálatot jelentett be az alkalmazás ügyében.",
    "ru": "Правительство во вторник объявило о проверке приложения.",
    "uk": "Уряд у вівторок оголосив про перевірку застосунку.",
    "el": "Η κυβέρνηση ανακοίνωσε την Τρίτη έρευνα για την εφαρμογή.",
    "ar": "أعلنت الحكومة يوم الثلاثاء عن تحقيق في التطبيق.",
    "he": "הממשלה הודיעה ביום שלישי על חקירה של האפליקציה.",
    "fa": "دولت روز سه‌شنبه از بررسی این برنامه خبر داد.",
    "hi": "सरकार ने मंगलवार को ऐप की जांच की घोषणा की।",
    "bn": "সরকার মঙ্গলবার অ্যাপটির তদন্তের ঘোষণা দিয়েছে।",
    "ta": "அரசு செவ்வாய்க்கிழமை செயலி குறித்த விசாரணையை அறிவித்தது.",
    "th": "รัฐบาลประกาศการสอบสวนแอปพลิเคชันเมื่อวันอังคาร",
    "zh": "政府周二宣布对该应用程序展开调查。",
    "ja": "政府は火曜日、アプリの調査を発表した。",
    "ko": "정부는 화요일 앱에 대한 조사를 발표했다.",
    "vi": "Chính phủ hôm thứ Ba công bố cuộc điều tra về ứng dụng.",
    "id": "Pemerintah pada hari Selasa mengumumkan penyelidikan terhadap aplikasi itu.",
}
ODD = [
    "",
    "a",
    "é",
    "中",
    "😀",
    "😀🎉🔥 🇺🇸🇨🇳",
    " ",
    "\n\n\t",
    "12345 67.8%",
    "BREAKING NEWS: THE APP IS BANNED",  # all upper: py3langid lower-cases it
    "DIE REGIERUNG PRÜFT EIN VERBOT",
    "Cafe\u0301 cre\u0300me bru\u0302le\u0301e",  # decomposed accents: NFC changes the bytes
    "Ω Å ﬁ ḱ",  # compatibility and singleton characters NFC treats differently
    "\u202eRTL override \u202c and مرحبا mixed with English",
    "a\ud800b",  # a lone surrogate: py3langid encodes it with surrogatepass
    "x" * 3000,
    "ab" * 1000 + "中文" * 500,
]


@pytest.fixture(scope="module")
def reference() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _same(reference: LanguageIdentifier, text: str | bytes) -> None:
    fast = fast_identifier()
    encoded = LanguageIdentifier._encode(text)
    expected = visit_counts(reference.tk_nextmove, reference._rowbase, reference.tk_output, encoded)
    found = fast.visits(encoded)
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert list(found.items()) == list(expected.items())  # same counts, same first-occurrence order
    want, got = reference._decide(text), fast._decide(text)
    assert want.dtype == got.dtype == np.float32
    assert want.tobytes() == got.tobytes()  # every class's score, bit for bit
    assert fast.classify(text) == reference.classify(text)


def test_window_is_read_from_the_model_and_synchronizes() -> None:
    fast = fast_identifier()
    assert fast.window >= 2
    assert synchronizes(fast)


def test_shipped_window_is_the_models() -> None:
    """The recorded digest and window are the shipped model's, measured; another automaton is measured at load."""
    fast = fast_identifier()
    assert language.automaton_sha256(fast._moves, fast._rows) == language.SHIPPED_WINDOW[0]
    assert language._depth(fast._moves, fast._rows) == language.SHIPPED_WINDOW[1] == fast.window
    # other automata (another digest) are searched: the n-gram "a" (window 1), then "ab" (window 2)
    moves = np.zeros(512, dtype=np.uint32)
    moves[ord("a")] = 1
    rows = np.array([0, 256], dtype=np.int64)
    assert language.automaton_sha256(moves, rows) != language.SHIPPED_WINDOW[0]
    assert language._window(moves, rows) == 1
    moves = np.zeros(768, dtype=np.uint32)
    moves[ord("a")], moves[256 + ord("b")] = 1, 2
    assert language._window(moves, np.array([0, 256, 512], dtype=np.int64)) == 2


def test_a_shorter_window_would_not_do() -> None:
    """The check can fail: one byte fewer than the model's longest n-gram leaves states apart."""
    fast = FastIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    fast.window -= 1
    assert not synchronizes(fast)


@pytest.mark.parametrize("code", sorted(TEXTS))
def test_languages_and_scripts(reference: LanguageIdentifier, code: str) -> None:
    text = TEXTS[code]
    _same(reference, text)
    _same(reference, text.upper())
    _same(reference, unicodedata.normalize("NFD", text))
    _same(reference, text.encode("utf-8"))


def test_many_languages_are_told_apart() -> None:
    """A sanity check that the texts above exercise many parts of the model, not one language."""
    assert len({fast_identifier().classify(text)[0] for text in TEXTS.values()}) >= 20


@pytest.mark.parametrize("text", ODD, ids=range(len(ODD)))
def test_odd_texts(reference: LanguageIdentifier, text: str) -> None:
    _same(reference, text)


def test_undecodable_bytes(reference: LanguageIdentifier) -> None:
    _same(reference, b"\xff\xfe plain bytes \x80")
    _same(reference, "Übergang".encode()[:-1] + b"\xc3")  # a partial trailing character is trimmed


def test_seed_and_real_articles(reference: LanguageIdentifier) -> None:
    paths = sorted(
        p
        for folder in ("seeds", "real")
        for p in (FIXTURES / folder).rglob("*")
        if p.suffix in {".txt", ".md"}
    )
    assert len(paths) >= 30
    for path in paths:
        text = path.read_text(encoding="utf-8")
        _same(reference, text[:LANGUAGE_PREFIX])
        _same(reference, text[LANGUAGE_PREFIX : 2 * LANGUAGE_PREFIX])


def test_detect_language_keeps_its_answers(reference: LanguageIdentifier) -> None:
    text = TEXTS["de"]
    code, prob = reference.classify(text)
    assert detect_language(text) == (code, round(float(prob), 4))
    assert detect_language("12345 ---") == (None, None)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(codec=None), max_size=400))
def test_random_text(reference: LanguageIdentifier, text: str) -> None:
    _same(reference, text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([*TEXTS.values(), *ODD[:12]]), max_size=8).map(" ".join))
def test_random_mixtures(reference: LanguageIdentifier, text: str) -> None:
    _same(reference, text)


def test_restricted_languages(reference: LanguageIdentifier) -> None:
    """``set_languages`` narrows the model's table; the fast scorer follows it and back."""
    fast = FastIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    narrow = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    for ident in (fast, narrow):
        ident.set_languages(["de", "nl", "en", "sr"])
    for text in (TEXTS["de"], TEXTS["nl"], TEXTS["ru"], ODD[5]):
        assert fast._decide(text).tobytes() == narrow._decide(text).tobytes()
        assert fast.classify(text) == narrow.classify(text)
    fast.set_languages(None)
    for text in TEXTS.values():
        assert fast._decide(text).tobytes() == reference._decide(text).tobytes()
