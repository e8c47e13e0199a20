"""Encodings: UTF-8 as it is; other encodings detected, read right and named in a warning."""

import gzip
from pathlib import Path

import pytest

from verifier.articles import load_article
from verifier.errors import ArticleError
from verifier.sources.encoding import decode, detect, encoding_label

INPUTS = Path(__file__).resolve().parents[1] / "data" / "inputs"

# Short news sentences in the encodings archives hold. Left to itself, charset-normalizer
# reads the German one as Chinese (big5hkscs), the Portuguese one as Central European
# ('năo') and the Greek one as Mac Greek.
SCRIPTS = [
    ("cp1251", "windows-1251 (Cyrillic)",
     "Минск освободил 52 заключённых в четверг, сообщили официальные лица."),
    ("cp1251", "windows-1251 (Cyrillic)",
     "Мінск вызваліў 52 палітвязні ў чацвер, паведамілі праваабаронцы."),
    ("koi8_r", "koi8-r (Cyrillic)",
     "Минск освободил 52 заключённых в четверг, сообщили официальные лица."),
    ("cp1252", "windows-1252 (Western European)",
     "Die Regierung in Minsk hat 52 Gefangene freigelassen, berichtete ein Sprecher für "
     "Außenpolitik."),
    ("cp1252", "windows-1252 (Western European)",
     "O governo não confirmou a libertação de 52 presos, disse o ministério à imprensa."),
    ("cp1250", "windows-1250 (Central European)",
     "Wojciech Białacki powiedział, że Mińsk uwolnił 52 więźniów w czwartek."),
    ("cp1253", "windows-1253 (Greek)",
     "Η Μινσκ απελευθέρωσε 52 κρατουμένους την Πέμπτη, ανέφεραν αξιωματούχοι."),
    ("cp1254", "windows-1254 (Turkish)",
     "Minsk perşembe günü 52 mahkumu serbest bıraktı, yetkililer açıkladı."),
    ("cp1255", "windows-1255 (Hebrew)", "מינסק שחררה 52 אסירים ביום חמישי, כך מסרו גורמים רשמיים."),
    ("gb18030", "gb18030 (Chinese)", "明斯克周四释放了52名囚犯，官员们说。"),
    ("cp932", "cp932 (Japanese)", "ミンスクは木曜日に52人の囚人を釈放したと当局者が述べた。"),
]


@pytest.mark.parametrize("encoding,label,text", SCRIPTS, ids=[f"{s[0]}-{i}"
                                                                for i, s in enumerate(SCRIPTS)])
def test_encoding_scripts_read_right_with_a_warning_naming_the_encoding(encoding, label, text):
    decoded, (warning,) = decode(text.encode(encoding), "a.txt")
    assert decoded == text
    assert warning.level == "warning"
    assert f"read as {label}, the encoding detected; convert it to UTF-8" in warning.message


def test_encoding_utf8_is_silent_and_a_byte_order_mark_is_dropped():
    assert decode("Мінск".encode("utf-8-sig"), "a.txt") == ("Мінск", [])


def test_encoding_cp1251_article_file():
    article, (warning,) = load_article(INPUTS / "cyrillic-cp1251.txt")
    assert (article.source, article.outlet) == ("minsk-daily", "Minsk Daily")
    assert article.body.startswith("Минск освободил 52 заключённых")
    assert str(warning) == (f"{INPUTS / 'cyrillic-cp1251.txt'}: not UTF-8 (invalid continuation "
                            "byte at byte 48); read as windows-1251 (Cyrillic), the encoding "
                            "detected; convert it to UTF-8 to silence this")


@pytest.mark.parametrize("raw,message", [
    (b"\x89PNG\x00\x00\x01", "binary file, not text; give a UTF-8 text file"),
    (bytes(range(128, 256)) * 3, "and no known encoding reads it; convert it to UTF-8"),
    (b"\xff\xfeA", "starts like UTF-16 but is not; save it as UTF-8"),
])
def test_encoding_unreadable_bytes_are_refused(raw, message):
    with pytest.raises(ArticleError, match=message.replace("(", r"\(")):
        decode(raw, "a.txt")


def test_encoding_a_declared_charset_wins_and_a_wrong_one_is_ignored():
    raw = "Минск освободил 52 заключённых.".encode("cp1251")
    assert decode(raw, "p.html", "windows-1251") == ("Минск освободил 52 заключённых.", [])
    text, (warning,) = decode(raw, "p.html", "utf-8")
    assert text == "Минск освободил 52 заключённых." and "windows-1251" in warning.message
    assert decode(raw, "p.html", "no-such-charset")[0] == text


def test_encoding_labels():
    assert encoding_label("cp1251") == "windows-1251 (Cyrillic)"
    assert encoding_label("koi8_r") == "koi8-r (Cyrillic)"
    assert detect(b"plain ascii") is not None


@pytest.mark.parametrize("raw,label", [
    ("Minsk freed 52 prisoners.\n".encode("utf-16-le"), "UTF-16"),
    ("Minsk freed 52 prisoners.\n".encode("utf-16-be"), "UTF-16"),
    ("Minsk freed 52 prisoners.\n".encode("utf-32"), "UTF-32"),
    ("Minsk freed 52 prisoners.\n".encode("utf-32-le"), "UTF-32"),
])
def test_encoding_wide_text_without_or_with_a_byte_order_mark(raw, label):
    text, warnings = decode(raw, "a.txt")
    assert text == "Minsk freed 52 prisoners.\n"
    assert [w.message for w in warnings] == [f"{label} text; read as {label} (save it as "
                                             "UTF-8 to silence this)"]


ALPHABETS = {
    "Cyrillic": "Минск освободил 52 заключённых в четверг, сообщили власти.\n",
    "Greek": "Η Αθήνα ανακοίνωσε ότι 52 κρατούμενοι αφέθηκαν ελεύθεροι.\n",
    "Arabic": "أفرجت السلطات عن 52 سجينا يوم الخميس.\n",
    "Hebrew": "שוחררו 52 אסירים ביום חמישי, כך נמסר.\n",
}


@pytest.mark.parametrize("codec,label", [("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"),
                                         ("utf-32-le", "UTF-32"), ("utf-32-be", "UTF-32")])
@pytest.mark.parametrize("alphabet", ALPHABETS)
def test_encoding_wide_text_in_another_alphabet_without_a_byte_order_mark(alphabet, codec,
                                                                          label):
    text, warnings = decode(ALPHABETS[alphabet].encode(codec), "a.txt")
    assert text == ALPHABETS[alphabet]
    assert [w.message for w in warnings] == [f"{label} text; read as {label} (save it as "
                                             "UTF-8 to silence this)"]


@pytest.mark.parametrize("raw", [
    bytes(range(256)) * 8,                                  # every byte value
    gzip.compress(b"Minsk freed 52 prisoners. " * 300),
    b"\x89PNG\r\n\x1a\n" + bytes(64) + bytes(range(200, 256)) * 40,
    "Минск".encode("utf-16-le") + bytes(range(1, 256)) * 6,  # wide start, then noise
])
def test_encoding_binary_is_never_taken_for_wide_text(raw):
    with pytest.raises(ArticleError, match="binary file, not text|no known encoding reads"):
        decode(raw, "a.txt")


def test_encoding_a_stray_nul_byte_is_dropped_with_a_warning():
    tail = b" Officials in Vilnius confirmed the release on Thursday evening." * 3
    text, warnings = decode(b"Minsk freed 52\x00 prisoners." + tail, "a.txt")
    assert text.startswith("Minsk freed 52 prisoners. Officials")
    assert warnings[0].message == "1 NUL byte(s) in the text, dropped; check the scrape"


def test_encoding_mixed_encodings_read_line_by_line_and_the_line_named():
    raw = ("Café owners in Minsk said ‘yes’.\nThe second line is fine.\n"
           "A third line, also fine.\n").encode() + "Eine Straße in Köln.\n".encode(
        "cp1252") + "Last line: é.\n".encode()
    text, warnings = decode(raw, "a.txt")
    assert "Eine Straße in Köln." in text and "Café" in text and "‘yes’" in text
    assert (warnings[0].line, warnings[0].message) == (
        4, "mixed encodings: UTF-8, but line 4 read as windows-1252 (Western European); "
           "convert the file to UTF-8 to silence this")


def test_encoding_wide_spaces_and_invisible_characters_inside_names():
    text, warnings = decode("Anna\u00a0Vi\u200bdal said\u202f52 were\u2060 freed.\n".encode(),
                            "a.txt")
    assert text == "Anna Vidal said 52 were freed.\n" and warnings == []
