"""Entity mentions: the profile's gazetteer, rules on tokens, and the entity tagger shipped with seed-graph.

Candidates come from these sources, in order of trust: the gazetteer and patterns (spaCy's EntityRuler); a
name typed by the category noun that introduces it (チップ「AI6」, N2プロセス, AI7は…チップです, Dojoという基盤),
or by the verb that publishes it (「…」を刊行), and countries written a character each (日米欧);
the trained tagger (graph/ner.py, whose spans are read from ``doc.spans``), which also wins over a known name
nested inside a longer name it found (日本 in 日本証券業協会); the other rules (a name before a facility suffix,
a person's name before an honorific, a company's legal form, a country prefix, and a place-name tag where the
tagger has not run); and any other recogniser's labels mapped through ``ner_labels``. Overlaps go to the more
trusted, then the longer. An organisation's legal form is part of its mention (テスラ社, (株)ファミリーマート) but
not of its key. Within a document, a name found once is found everywhere it recurs, and a person's full name
teaches its parts (イーロン・マスク -> イーロン, マスク).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from graph.extract.quantities import NUMBER, alternation
from graph.model import ENTITY_TYPES, Mention
from graph.profile import Profile
from graph.resolve import normalise, reference_companies, reference_text

# How far each source is trusted when candidates overlap: the profile's gazetteer, then a name typed by the
# category noun that introduces it (チップ「AI6」, N2プロセス), then the trained tagger, then the other rules, then
# a recogniser with foreign labels.
GAZETTEER, CUE, TAGGER, RULE, NER, SPREAD = 5, 4, 3, 2, 1, 0
_KATAKANA = re.compile(r"^[\u30A0-\u30FF\u31F0-\u31FF\uFF66-\uFF9F]+$")
_LATIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.&'\-]*$")
_CODE = re.compile(r"^(?=.*\d)[A-Za-z][A-Za-z0-9\-]*$")
MODEL_CODE = re.compile(r"^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9\-]+$")  # F-11D, 106SH, MALI400MP; not 10.1
_IN_TITLES = ("・", "-", "!", "?", "！", "？")  # the punctuation a quoted name may have
_QUOTES = {"「": "」", "『": "』", "“": "”", "\"": "\""}
# closing characters and the opening ones they pair with, when both are inside a name: Sea of Dreams 〜Tokyo〜
_PAIRS = {close: open_ for open_, close in {**_QUOTES, "(": ")", "（": "）", "〜": "〜", "～": "～"}.items()}
# web and mail addresses name nothing, nor do the words inside them (news.livedoor.com, info@sony.co.jp), nor does a
# firmware's build (IMM76D.OMLPH, HONEYCOMB.SC01DOMLB7)
_ADDRESS = re.compile(r"(?:https?://|www\.)[\w\-./?%&=~#:+@]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[A-Z0-9]+\.[A-Z0-9]{5,}\b",
                      re.ASCII)
# what cuts a name short: markup left in the text (&nbsp;, &reg;, &#8482;) and a table's marks between cells (○, ×)
_MARKUP = re.compile(r"&(?:#\d+|[A-Za-z][A-Za-z0-9]{1,7});|(?<=\s)[○◯〇●×](?=\s)")
# a final full stop that belongs to the name: F.C., D.C., Y.M.C.A.
_ABBREVIATION = re.compile(r"(?:^|[^A-Za-z])(?:[A-Za-z]\.)+[A-Za-z]$")
_NAME_JOINERS = ("・", "＝", "=")
_FUNCTION_WORDS = {"by", "of", "at", "for", "and", "the", "in", "with", "from", "to", "on"}  # end no name
_LEADING_WORDS = _FUNCTION_WORDS | {"inside", "vs"}  # in lower case, begin none: (ITニュース) by livedoor
_VERSION = re.compile(r"^(?:\d+(?:\.\d+)*|XP|Vista)$")  # 4.0, 5.1.1; Windows XP, Windows Vista
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")  # WBC, NHK, SCE
_SAYING = ("が", "を", "は", "も", "、", "。")  # particles and marks of a clause, not of a title (猫と宇宙, 千と千尋)
_CASE_PARTICLES = ("を", "が", "に", "で", "の", "は", "も", "へ", "より", "から", "まで")  # what takes up a quoted name
_OPENERS = {**_QUOTES, "(": ")", "（": "）", "【": "】", "[": "]", "［": "］", "〈": "〉", "《": "》", "〔": "〕"}
_CLOSERS = {close: open_ for open_, close in _OPENERS.items() if close != open_}
_KANJI = re.compile(r"[\u4E00-\u9FFF\u3400-\u4DBF々]")
_KATAKANA_CHAR = re.compile(r"[\u30A1-\u30FA]")
_COPULA_SUBJECT = ("が", "は")
TAGGER_SPANS = "entities"  # the doc.spans key graph/ner.py keeps its entities in
_NESTABLE = ("gazetteer", "version", "place-name", "place-prefix", "spread")
# parts of speech that end no compound: particles, punctuation, and symbols (the dash or slash of a headline)
_AROUND_NAMES = ("ADP", "PUNCT", "SYM", "SCONJ", "CCONJ", "AUX", "SPACE")
_COMMON = ("普通名詞", "接頭辞", "接尾辞")  # Sudachi's tags of words that are no part of a name (教育用OS)
_WHOLE_TYPES = ("Organization", "Product", "Technology", "Event", "Facility")  # names taken whole where they recur


@dataclass(slots=True)
class Candidate:
    start: int  # token index in the segment
    end: int  # exclusive
    type: str
    source: str
    priority: int
    key: str | None = None
    role: str | None = None


def is_katakana(text: str) -> bool:
    return bool(_KATAKANA.match(text))


def is_latin(text: str) -> bool:
    return bool(_LATIN.match(text))


def is_proper(token) -> bool:
    """Sudachi's dictionary tag, not the morphologizer's guess (which calls 大規模言語モデル a PROPN)."""
    return "固有名詞" in token.tag_


def is_namelike(token) -> bool:
    """A token that can be part of a name: a proper noun, a katakana word or a Latin word."""
    return is_proper(token) or is_katakana(token.text) or is_latin(token.text)


def find(segments: list[tuple[int, object]], profile: Profile,
         teachers: list[tuple[int, object]] = ()) -> list[Mention]:
    """Entity mentions of one document, given its parsed segments [(offset, Doc)], sorted by position. The names
    found in ``teachers`` (the document's boilerplate) are no mentions, but are found where the segments repeat
    them exactly (a company the tagger knew only in a link list); they teach no name parts."""
    lex = Lexicon.of(profile)
    mentions = [m for offset, doc in segments for m in _in_segment(offset, doc, lex)]
    taught = [m for offset, doc in teachers for m in _in_segment(offset, doc, lex)]
    return _spread(segments, _whole_names(segments, mentions, lex), lex, taught)


def _whole_names(segments: list[tuple[int, object]], mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """A name of Latin words found whole once in a document is taken whole wherever it is written, over a shorter
    name found there (the gazetteer's GALAXY where the text says GALAXY Note, which the tagger found in another
    sentence; Optimus it L-05D), or as far as its words are written (Optimus Vu of Optimus Vu L-06D). Only Latin
    words and numbers lengthen a Latin name (GALAXYのケース stays GALAXY), and a known company stays itself before its
    product (QUALCOMM MSM8960)."""
    wholes = sorted({m.text: m for m in mentions if m.type in _WHOLE_TYPES and m.source != "spread"}.values(),
                    key=lambda m: -len(m.text))
    by_prefix: dict[str, list[Mention]] = {}
    for whole in wholes:
        by_prefix.setdefault(whole.text[:2], []).append(whole)
    starts = [offset for offset, _ in segments]
    ends: dict[int, set[int]] = {}  # a segment's token ends, as they are needed
    ordered, out, k = sorted(mentions, key=lambda m: (m.start, m.end)), [], 0
    while k < len(ordered):
        m, k = ordered[k], k + 1
        out.append(m)
        if m.type not in _WHOLE_TYPES or m.type == "Organization" and known_company(m, lex):
            continue
        n = bisect.bisect_right(starts, m.start) - 1
        offset, doc = segments[n]
        if n not in ends:
            ends[n] = {offset + t.idx + len(t.text) for t in doc}
        whole, name = next(((w, name) for w in by_prefix.get(m.text[:2], ()) for name in _leading_words(w.text)
                            if len(name) > len(m.text) and doc.text.startswith(name, m.start - offset)
                            and m.start + len(name) in ends[n] and _latin_words(m.text, name[len(m.text):])),
                           (None, None))
        if whole is None:
            continue
        end, inside = m.start + len(name), k
        while inside < len(ordered) and ordered[inside].start < end:
            inside += 1
        if all(o.end <= end for o in ordered[k:inside]):  # the names it holds give way to it
            out[-1] = Mention(m.start, end, name, whole.type, "spread", key=whole.key if name == whole.text else None)
            k = inside
    return out


def _in_segment(offset: int, doc, lex: Lexicon) -> list[Mention]:
    """The mentions one parsed segment gives by itself, before names spread through the document."""
    mentions: list[Mention] = []
    kept = _resolve_overlaps(doc, _candidates(doc, lex), lex)
    _with_legal_forms(doc, kept, lex)
    for c in _abbreviations(doc, _nicknames(doc, _aliases_in_parentheses(doc, kept)), lex):
        span = doc[c.start:c.end]
        text = span.text
        if c.source == "countries":  # 日米欧: one place a character
            mentions += [Mention(offset + span.start_char + k, offset + span.start_char + k + 1, ch, "Place",
                                 c.source, key=lex.place_prefixes[ch]) for k, ch in enumerate(text)]
            continue
        if c.type == "Person":  # 山田隆持氏 is one token: the honorific is cut off the characters
            text = next((text[:-len(h)] for h in lex.honorifics if text.endswith(h) and len(text) > len(h) + 1),
                        text)
        mentions.append(Mention(offset + span.start_char, offset + span.start_char + len(text), text, c.type,
                                c.source, key=c.key, role=c.role))
    return mentions


class Lexicon:
    """The profile's name words as sets, built once per profile."""

    _cache: dict[str, Lexicon] = {}

    def __init__(self, profile: Profile) -> None:
        names = profile["names"]
        self.ner_labels: dict[str, str] = profile["ner_labels"]
        self.legal_forms = set(names.get("legal_forms", []))
        # 社 only follows a name (テスラ社), and ends common nouns too (会社, 商社); the others stand on their own
        self.full_legal_forms = self.legal_forms - {"社"}
        self.latin_legal_forms = {form.casefold().rstrip(".") for form in self.legal_forms if form.isascii()}
        self.model_words = set(names.get("model_words", []))
        self.series_words = tuple(names.get("series_words", []))
        self.collective_pronouns = set(names.get("collective_pronouns", []))
        self.collective_prefixes = set(names.get("collective_prefixes", []))
        self.org_suffixes = set(names.get("organization_suffixes", []))
        self.membership_suffixes = tuple(names.get("membership_suffixes", []))
        self.market_words = tuple(names.get("market_words", []))
        self.honorifics = set(names.get("honorifics", []))
        self.roles = set(names.get("roles", []))
        self.office_roles = set(names.get("leader_roles", [])) | set(names.get("member_roles", []))
        self.facility_suffixes = set(names.get("facility_suffixes", []))
        self.place_prefixes: dict[str, str] = names.get("place_prefixes", {})
        self.not_countries = set(names.get("not_countries", []))
        self.not_names = set(names.get("not_names", []))
        self.time_prefixes = set(names.get("time_prefixes", []))
        self.scope_suffixes = set(names.get("scope_suffixes", []))
        self.former_prefixes = set(names.get("former_prefixes", []))
        self.support_words = set(names.get("support_words", []))
        self.award_suffixes = tuple(names.get("award_suffixes", []))
        self.event_words = {word.casefold() for word in names.get("event_words", [])}
        self.thing_heads = tuple(names.get("thing_heads", []))
        self.item_marks = set(profile["boilerplate"].get("marks", ""))
        # a how-to's control: a label in a menu path (「設定」→「端末情報」) or one acted on (［Pick］をタップ,
        # 「Quick Share」とタップ)
        acted = "|".join(map(re.escape, names.get("control_verbs", []))) or "(?!)"
        chosen = "|".join(map(re.escape, names.get("bracketed_control_verbs", []))) or "(?!)"
        self.control = re.compile(r"(?:(?<=[→⇒＞>›])|(?<=[→⇒＞>›]\s))[「［\[][^」］\]\n]{1,40}[」］\]]"
                                  r"|[「［\[][^」］\]\n]{1,40}[」］\]](?=\s?[→⇒＞>›])"
                                  rf"|[「［\[][^」］\]\n]{{1,40}}[」］\]](?=\s?[をとに](?:{acted}))"
                                  rf"|[［\[][^］\]\n]{{1,40}}[］\]](?=\s?[をに](?:{chosen}))")
        self.generic = {w.casefold() for w in names.get("generic", [])}
        self.categories: dict[str, str] = profile["categories"]
        self.list_endings = set(names.get("list_endings", []))
        self.generic_products = set(names.get("generic_products", []))
        self.abbreviation_markers = set(names.get("abbreviation_markers", []))
        self.colours = {c.casefold() for c in names.get("colours", [])}
        self.title_verbs = set(names.get("title_verbs", []))
        self.operating_verbs = set(names.get("operating_verbs", []))
        self.platforms = tuple(profile["appositions"].get("platforms", []))
        self.maker_marks = set(profile["appositions"].get("makers", {})) - {""}
        self.record_names = tuple(profile["tables"].get("records", {}).get("names", []))
        # a measured value or range at the end of a span, in a unit of the profile's written in Latin letters
        # (ACアダプタ 5V, 900／1800MHz, 400-450Lm)
        quantities = profile["quantities"]
        units = alternation([u for u in quantities.get("units", {}) if u.isascii() and u.isalpha()])
        range_ = alternation(quantities.get("range", []))
        self.measure = re.compile(rf"(?:^|(?<=[\s/／、,])){NUMBER}(?:\s?(?:{range_})\s?{NUMBER})?\s?(?:{units})$"
                                  if units else "(?!)")
        self.reported = set(profile["modality"].get("reported", []))
        self.gazetteer_ids = {e["id"] for e in profile["entities"]}
        self.spellings = {e["id"]: {e["ja"], e["en"], *e.get("aliases", [])} for e in profile["entities"]}
        # the gazetteer's technologies written in Latin letters, whose versions are technologies too (Bluetooth 4.0)
        self.technologies = tuple(sorted({name for e in profile["entities"] if e["type"] == "Technology"
                                          for name in self.spellings[e["id"]] if name and name.isascii()}))

    @classmethod
    def of(cls, profile: Profile) -> Lexicon:
        if profile.digest not in cls._cache:
            cls._cache[profile.digest] = cls(profile)
        return cls._cache[profile.digest]

    def role(self, text: str) -> str | None:
        """The role a word names: one of the profile's, or one after a character that only places it (県知事,
        州知事; not 元社長, a former one)."""
        if text in self.roles:
            return text
        if len(text) > 2 and text[1:] in self.roles and text[0] not in self.time_prefixes:
            return text[1:]
        return None

    def category(self, text: str) -> str | None:
        """The type a category noun gives, matching the longest category the text ends with."""
        for size in range(len(text), 0, -1):
            type_ = self.categories.get(text[-size:])
            if type_:
                return type_
        return None


def _candidates(doc, lex: Lexicon) -> list[Candidate]:
    found: list[Candidate] = []
    for ent in doc.ents:
        if ent.ent_id_ and ent.label_ in ENTITY_TYPES:  # the ruler's: the gazetteer or a profile pattern
            gazetteer = ent.ent_id_ in lex.gazetteer_ids
            found.append(Candidate(ent.start, ent.end, ent.label_, "gazetteer" if gazetteer else "pattern",
                                   GAZETTEER, key=ent.ent_id_ if gazetteer else None))
    found = _versioned(doc, found)
    if TAGGER_SPANS in doc.spans:  # the tagger shipped with seed-graph (the ruler may have overwritten doc.ents)
        for span in _model_names(doc, doc.spans[TAGGER_SPANS]):
            for part_start, part_end in _slashed(doc, span.start, _without_reading(doc, span.start, span.end),
                                                 _LIST_MARKS.get(span.label_, ("/", "／"))):
                start, end = _whole_words(doc, *_trim(doc, part_start, part_end, lex, span.label_))
                if span.label_ in ("Organization", "Product", "Technology"):
                    start, end = _without_label_words(doc, start, end)
                    start = _without_category_before(doc, start, end, lex)
                if span.label_ == "Product":
                    end = _without_common_tail(doc, start, end, lex)
                if span.label_ in ("Organization", "Product", "Technology"):
                    end = _without_measure(doc, start, end, lex)
                if start < end and span.label_ in ENTITY_TYPES and doc[start:end].text.casefold() not in lex.generic \
                        and not _category_phrase(doc[start:end], lex, quoted=in_quotes(doc, start, end)):
                    found.append(Candidate(start, end, _typed_by_form(doc[start:end], span.label_, lex), "tagger",
                                           TAGGER))
    else:  # another recogniser's labels, mapped through the profile's ner_labels
        for ent in doc.ents:
            if not ent.ent_id_ and ent.label_ in lex.ner_labels and ent.text.casefold() not in lex.generic \
                    and _plausible_ner(ent, lex):
                type_ = lex.ner_labels[ent.label_]
                start, end = _trim(doc, ent.start, ent.end, lex, type_)
                if start < end:
                    found.append(Candidate(start, end, type_, "ner", NER))
    _without_makers(doc, found, lex)
    found += _split_at_known_names(doc, found)
    quotes = _quotes(doc)
    found += _quoted_names(doc, _quotes(doc, longest=24), lex) + _titles_before_makers(doc, lex)
    found += _codes_before_categories(doc, lex) + _brand_names(doc, lex) + _record_names(doc, lex)
    found += _facilities(doc, lex)
    found += _operated(doc, lex)
    for person in _people(doc, lex) + [c for c in found if c.type == "Person" and c.source == "tagger"]:
        group, person.start, person.end = _person_core(doc, person.start, person.end, lex)
        if group:
            found.append(Candidate(*group, "Organization", "group", RULE))
        if person.source != "tagger":
            found.append(person)
    found += _people_after_companies(doc, found, lex)
    found += _organizations(doc, lex)
    found += _places(doc, lex)
    found += _countries(doc, lex)
    _roles_in_apposition(doc, found, lex)
    _typed_by_category(doc, found, lex)
    _whole_quotes(doc, found, lex)
    found = [c for c in found if c.source != "tagger" or _name_like(doc, c, quotes, lex)]
    found += _dictionary_names(doc, found)
    return _before_markup(doc, _outside_controls(doc, _outside_addresses(doc, _speech(doc, quotes, found, lex)), lex))


def _without_makers(doc, found: list[Candidate], lex: Lexicon) -> None:
    """A product's name the tagger read with its maker's before it (インテルCore i7, インテルSmart Response
    Technology, ドコモ AQUOS PHONE SH-01D, which it may take for a company's name) starts after the maker, which the
    gazetteer names on its own."""
    makers = {c.start: c for c in found if c.source == "gazetteer" and c.type == "Organization"}
    for c in found:
        maker = makers.get(c.start)
        if c.source != "tagger" or not maker or maker.end >= c.end or is_latin(doc[maker.end - 1].text) \
                or not is_latin(doc[maker.end].text) or doc[maker.end].like_num:
            continue
        if c.type == "Organization" and lex.category(doc[maker.end:c.end].text) == "Technology":
            c.type = "Technology"
        elif c.type == "Organization" and any(ch.isdigit() for ch in doc[maker.end:c.end].text):
            c.type = "Product"  # ドコモ AQUOS PHONE SH-01D: a carrier's model
        if c.type in ("Product", "Technology"):
            c.start = maker.end


def _split_at_known_names(doc, found: list[Candidate]) -> list[Candidate]:
    """A spec sheet's row the tagger read as one name, a model and then the maker of the chip in it (ARROWS Me F-11D
    QUALCOMM MSM8255, F-09D ANTEPRIMA QUALCOMM MSM8255): the model, which holds a code, ends before a company the
    gazetteer knows, and what follows the company is a product of its own (MSM8255). A technology after a code
    stays (GA-Z77X-UD3H WiFi is one name). Returns the new products."""
    makers = [c for c in found if c.source == "gazetteer" and c.type == "Organization"]
    out = []
    for c in found:
        if c.source != "tagger" or c.type not in ("Product", "Organization", "Event"):
            continue
        maker = next((k for k in makers if c.start < k.start < c.end and doc[k.start - 1].whitespace_
                      and any(MODEL_CODE.match(word) for word in doc[c.start:k.start].text.split())), None)
        if maker is None:
            continue
        if maker.end < c.end:
            out.append(Candidate(maker.end, c.end, "Product", "tagger", TAGGER))
        c.end = maker.start
    return out


def _model_names(doc, spans) -> list:
    """The tagger's spans, with those of Latin words that a version and spaces alone part joined into one name
    when it ends in a model number (GALAXY Tab and LTE SC-01D in GALAXY Tab 10.1 LTE SC-01D), and a model number
    right after a name of Latin words taken into it."""
    from spacy.tokens import Span

    def latin(span) -> bool:
        return all(is_latin(t.text) or t.text in ("-", ".") for t in span)

    out = sorted(spans, key=lambda s: s.start)
    k = 0
    while k + 1 < len(out):
        a, b = out[k], doc[slice(*_whole_words(doc, out[k + 1].start, out[k + 1].end))]
        gap = doc[a.end:b.start]
        if latin(a) and latin(b) and a[-1].whitespace_ and all(_VERSION.match(t.text) and t.whitespace_ for t in gap) \
                and _MODEL.match(b.text.split()[-1]):
            out[k:k + 2] = [Span(doc, a.start, b.end, label="Product")]
        else:
            k += 1
    for k, span in enumerate(out):  # AQUOS PHONE SERIE ISW16SH: the model number the tagger left after the name
        after = _whole_words(doc, span.end, span.end + 1) if span.end < len(doc) else None
        if after and latin(span) and span[-1].whitespace_ and _MODEL.match(doc[slice(*after)].text) \
                and not any(o.start < after[1] and after[0] < o.end for o in out):
            out[k] = Span(doc, span.start, after[1], label="Product")
    return out


def _whole_words(doc, start: int, end: int) -> tuple[int, int]:
    """A span that cuts a word of Latin letters and digits is widened to the whole word: AQUOS PHONE IS|14SH,
    ホットローブCWS|-X180LA, PIX-|DT230-PE0."""
    if start >= end:
        return start, end
    def glued(a, b) -> bool:  # token b follows a with no space, both within one word of letters, digits and -
        return not a.whitespace_ and _WORD_CHAR.match(a.text[-1]) and _WORD_CHAR.match(b.text[0]) \
            and (_ALNUM.match(a.text[-1]) or _ALNUM.match(b.text[0]))
    while end < len(doc) and glued(doc[end - 1], doc[end]) and (doc[end].text != "-" or end + 1 < len(doc)
                                                                 and glued(doc[end], doc[end + 1])):
        end += 1
    while start > 0 and glued(doc[start - 1], doc[start]) and (doc[start - 1].text != "-" or start > 1
                                                                 and glued(doc[start - 2], doc[start - 1])):
        start -= 1
    return start, end


def _without_reading(doc, start: int, end: int) -> int:
    """The end of a name before the reading or translation a span carries in parentheses: ギルガメッシュLIGHT
    (ライト), Lexar（レキサー）, FINAL FANTASY（ファイナル・ファンタジー）; and before a footnote's mark
    (iHSテクノロジー（※4））."""
    if end - start < 4 or doc[end - 1].text not in (")", "）"):
        return end
    opening = next((k for k in range(end - 2, start, -1) if doc[k].text in ("(", "（")), None)
    if opening is None or opening == start:
        return end
    inside = doc[opening + 1:end - 1]
    if all(is_katakana(t.text) or is_latin(t.text) or t.text in _NAME_JOINERS or t.is_space for t in inside) \
            or inside.text[:1] in _FOOTNOTE_MARKS:
        return opening
    return end


# what lists names in one span, by type: a slash (Windows/Mac), an ampersand between people, a dot between places
_LIST_MARKS = {"Person": ("/", "／", "&", "＆"), "Place": ("/", "／", "・")}
_BARS = ("|", "｜", "；")
_FOOTNOTE_MARKS = ("※", "*", "＊")
_DASHES = ("-", "－")  # between spaces, a page title's bar too: Samsung GALAXY Note - Samsung Mobile


def _slashed(doc, start: int, end: int, marks: tuple[str, ...]) -> list[tuple[int, int]]:
    """The names a slash lists in one span, each a span of its own: Windows/Mac, パトリック・スウェイジ＆デミ・ムーア,
    台湾・台北 (places Sudachi knows apart: ボスニア・ヘルツェゴビナ is one word to it); but IEEE802.11b/g/n is one. A
    page title's bar, a dash between spaces and a full-width semicolon always part names (DCMX｜ドコモ, GALAXY Note -
    Samsung Mobile, IceCream Sandwich；ICS)."""
    bars = [i for i in range(start, end) if doc[i].text in _BARS or doc[i].text in _DASHES and i > start
            and doc[i - 1].whitespace_ and doc[i].whitespace_]
    if bars:
        return [part for a, b in zip([start] + [i + 1 for i in bars], bars + [end]) if a < b
                for part in _slashed(doc, a, b, marks)]
    cuts = [i for i in range(start + 1, end - 1) if doc[i].text in marks]
    parts = list(zip([start] + [i + 1 for i in cuts], cuts + [end]))

    def named(t) -> bool:  # a place Sudachi knows, where a dot lists places; else a word that can be a name
        return "地名" in t.tag_ if "・" in marks else len(t.text) > 2 and (t.text[0].isupper() or is_katakana(t.text))

    if cuts and all(any(named(t) for t in doc[a:b]) for a, b in parts):
        return parts
    return [(start, end)]


def _without_label_words(doc, start: int, end: int) -> tuple[int, int]:
    """A name without the common words a space sets apart from it: the row label of a table (メーカー シャープ),
    a link's words (パナソニック　ホームページ). Where no name is left (アウトカメラ 8M), the span is empty."""
    parts, first = [], start
    for i in range(start, end):
        if doc[i].is_space or doc[i].tag_ == "空白":
            parts.append((first, i))
            first = i + 1
        elif doc[i].whitespace_:
            parts.append((first, i + 1))
            first = i + 1
    parts = [(a, b) for a, b in parts + [(first, end)] if a < b]
    if len(parts) < 2:
        return start, end
    kept = [i for i, (a, b) in enumerate(parts)
            if not _common_words(doc[a:b]) or normalise(doc[a:b].text) in reference_companies()]
    if len(kept) == len(parts) or kept and kept != list(range(kept[0], kept[-1] + 1)):
        return start, end  # nothing to cut, or common words inside a name
    names = [t for i in kept for t in doc[parts[i][0]:parts[i][1]]]
    if not any(is_namelike(t) and not t.like_num and len(t.text) > 1 for t in names):
        return start, start
    return parts[kept[0]][0], parts[kept[-1]][1]


def _without_common_tail(doc, start: int, end: int, lex: Lexicon) -> int:
    """The end of a Latin name the tagger ran on into a common noun: Bluetooth in Bluetoothキーボード, iPhone in
    iPhone勉強会 (but ESPNサンデーナイトフットボール is a name of words)."""
    nouns = common_nouns()
    tail = end
    if "普通名詞" in doc[end - 1].tag_ and doc[end - 1].text in nouns \
            and doc[end - 1].text not in lex.generic_products:  # Xperiaシリーズ names a line of products
        tail -= 1
    head = doc[start:tail]
    if start < tail < end and any(is_latin(t.text) and len(t.text) > 1 and not t.like_num for t in head) and all(
            is_latin(t.text) or t.like_num or t.text in _NAME_JOINERS + ("-", "+", "＋") for t in head):
        return tail
    return end


def _without_category_before(doc, start: int, end: int, lex: Lexicon) -> int:
    """The start of a Latin name the tagger ran on from the category noun before it, and from the maker and the
    common words before that: AQUOS in シャープ液晶テレビAQUOS (but not SALON in ビデオSALON, a magazine's name of
    words, nor a company before a name alone, ドコモ AQUOS PHONE, which the makers' rule reads)."""
    nouns = common_nouns()
    first = next((i for i in range(start, end) if is_latin(doc[i].text) and not doc[i].like_num), None)
    if first is None or first == start or lex.category(doc[start:first].text.strip()) is None:
        return start
    head = [t for t in doc[start:first] if not (t.is_space or t.tag_ == "空白")]
    common = [t for t in head if "普通名詞" in t.tag_ and t.text in nouns]
    if common and all(t in common or t.ent_type_ == "Organization" and t.ent_id_
                      or any(k in t.tag_ for k in ("接尾辞", "接頭辞", "数詞")) for t in head):
        return first
    return start


def _without_measure(doc, start: int, end: int, lex: Lexicon) -> int:
    """The end of a name before the value a spec sheet gives it (PowerBank in PowerBank 10000mAh); a span that is
    all values ends where it starts (5V/9V/12V); but a series' letters keep the number that makes them a model
    (HDR-CX 700V)."""
    span = doc[start:end]
    while start < end:
        found = lex.measure.search(span.text)
        if not found or _SERIES.search(span.text[:found.start()]):
            return end
        cut, before = span.start_char + found.start(), end
        while end > start and doc[end - 1].idx >= cut:
            end -= 1
        if end == before:
            return end
        while end > start and (doc[end - 1].is_space or doc[end - 1].text in "/／、,"):
            end -= 1
        span = doc[start:end]
    return end


_OS = re.compile(r"(?:^|[a-z\s])OS(?:$|[\s\d.X])")  # Mac OS X, AndroidOS3.0, iOS 5, not BOSS
_MODEL = re.compile(r"^[A-Za-z]+(?:\d+[A-Za-z][A-Za-z0-9]*|-(?=[A-Za-z]*\d)[A-Za-z0-9]+)$")  # ISW11F, SC-06D; not HKT48
_SERIES = re.compile(r"(?:^|\s)[A-Z]{2,}-[A-Z]{1,3}\s?$")  # HDR-CX of HDR-CX 700V: a model's letters before its number
_CHIP = re.compile(r"^[A-Za-z]{2,}(?!(?:19|20)\d\d$)\d{3,}$")  # MSM8960, a number of three digits or more; not WJ2012
_TECH_VERSION = re.compile(r"^\s?[Vv]?\d+(?:\.\d+)*[A-Za-z0-9.+\- ]*$")  # 4.0, 3.0+HS of Bluetooth; not 2割
_SITE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-]*(?:\.[A-Za-z0-9\-]+)*\.(?:jp|com|net|org|info|tv)$")  # a domain
_SURNAME = re.compile(r"^[\u4E00-\u9FFF々]{2,4}$")  # a person's name in kanji, as a surname or a full name
_WORD_CHAR = re.compile(r"[A-Za-z0-9\-]")
_ALNUM = re.compile(r"[A-Za-z0-9]")
_LATIN_TAIL = re.compile(r"[A-Za-z][A-Za-z/]*$")  # the Latin word a name ends with, glued too (M2MクラウドEXPO)


def _typed_by_form(span, type_: str, lex: Lexicon) -> str:
    """A type the name's form says better than the tagger: an operating system (Mac OS X, AndroidOS3.0) is a
    technology, and so are a version of a platform or of a technology the gazetteer knows (Android 4.0 ICS,
    Bluetooth3.0+HS) and a product whose name ends in a category noun of technologies (Smart Response Technology;
    a company's stays a company: マイクロン・テクノロジー); a model number alone (ISW11F, MSM8960) is a product, not
    an organisation, and so is an event's name with one (F-09D ANTEPRIMA), a line of products (docomo NEXT
    series), an award (芥川賞, as the NER gold has it) and a site named by its address (Ultrabooker.jp); a Latin name
    that ends in a legal form is an organisation (IGNIS LTD), and one that ends in a model's word a product (MacBook
    Pro); a name that ends in a category noun of events, or holds a word of an event's name (Google I/O 2012), is an
    event (プラチナバンド記念キャンペーン); a name of kanji a title of respect follows is a person's (稲盛さん)."""
    if type_ in ("Product", "Organization") and _OS.search(span.text) \
            or type_ == "Product" and lex.category(span.text) == "Technology" \
            or type_ in ("Product", "Organization") and any(
                span.text.startswith(name) and span.text[len(name):].strip()[:1].isdigit() for name in lex.platforms) \
            or type_ in ("Product", "Organization") and any(
                span.text.startswith(name) and _TECH_VERSION.match(span.text[len(name):]) for name in lex.technologies):
        return "Technology"
    if type_ in ("Product", "Organization") and (lex.category(span.text) == "Event" or any(
            word.strip("!！").casefold() in lex.event_words
            for word in span.text.split() + _LATIN_TAIL.findall(span.text))):
        return "Event"
    words = span.text.split()
    if type_ in ("Product", "Person") and len(words) > 1 and words[-1].casefold().rstrip(".") in lex.latin_legal_forms:
        return "Organization"  # IGNIS LTD, Keynan Software Inc.
    if type_ in ("Person", "Organization") and len(words) > 1 and words[-1] in lex.model_words \
            and all(map(is_latin, words)):
        return "Product"  # MacBook Pro, GALAXY Note
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if type_ in ("Product", "Organization") and after is not None and after.text in lex.honorifics \
            and _SURNAME.match(span.text) and normalise(span.text) not in reference_companies():
        return "Person"  # 稲盛さん: kanji a title of respect follows name a person
    if type_ == "Organization" and _SITE.match(span.text) and normalise(span.text) not in reference_companies() \
            and not any(span.text in names for names in lex.spellings.values()):
        return "Product"  # Ultrabooker.jp: a site's name, its address (not Amazon.com, the company)
    if type_ == "Organization" and (_MODEL.match(span.text) or _CHIP.match(span.text)) \
            or type_ == "Event" and any(_MODEL.match(word) for word in span.text.split()):
        return "Product"
    if type_ == "Organization" and (len(span.text) > 2 and span.text.endswith(lex.award_suffixes)
                                    or len(span) > 1 and span[-1].text in lex.generic_products):
        return "Product"
    return type_


def _name_like(doc, c: Candidate, quotes: list[tuple[int, int]], lex: Lexicon) -> bool:
    """Whether what the tagger found can be a name: not a remark in quotes (「酷すぎる」, 「プチ家電ということで」,
    孫さん尊敬) or outside them (see _remark), nor a phrase cut off before its verb (サエコ擁護し) or a headline's
    pieces (シンジ・カガ…誰?), nor a number (118番, 2010) or the end of one (3M in 1.3M), a spec's value (F2.6,
    ISO100〜12800, ISO 3200, the W156 of W156×H80), a comment's laugh (よなｗｗ), a season's lineup (2012年夏モデル),
    a file or a folder (rktools.msi, Windows\\System32), a colour (ローマンホワイト), a list of three items or more
    (ポートレート／風景／夜景), a handle (@jojo_sma, or the name after its @), a nationality (イタリア人), one
    character (but a surname's kanji, not a country's: 英 of 英王子), a model's word alone (Lite of Blow Up (Lite)),
    a market (日本市場), a span with a bracket it does not close, nor common words only (電源コネクタ, 記念写真,
    サークル as a person), unless they end in the suffix of an organisation's name or name a company of the
    reference list. A name a category noun, a verb of publishing or the gazetteer types comes by another source and
    stays."""
    span = doc[c.start:c.end]
    text = span.text
    if len(text) == 1 and not (c.type == "Person" and _KANJI.match(text) and text not in lex.place_prefixes) \
            or text.startswith(("@", "＠")) \
            or c.start > 0 and doc[c.start - 1].text in ("@", "＠") and _HANDLE.match(text) \
            or not any(t.tag_.startswith("名詞") and "数詞" not in t.tag_ or is_latin(t.text) and not t.like_num
                       for t in span) \
            or _NUMBER_ONLY.match(text) or _SPEC_VALUE.search(text) or _unbalanced(span) \
            or c.type == "Place" and text.endswith("人") or _LAUGHING.search(text) or _FILE.search(text) \
            or _LINEUP.match(text) or _DIMENSION.match(text) and _by_times(doc, c.start, c.end) \
            or len(_SLASHES.findall(text)) >= 2 \
            or "…" in text and not any((i + 1, end) == (c.start, c.end) for i, end in quotes) \
            or c.start >= 2 and doc[c.start - 1].text == "." and doc[c.start - 2].like_num \
            and not doc[c.start - 2].whitespace_ and not doc[c.start - 1].whitespace_:  # 3M in 1.3M
        return False
    if text.casefold() in lex.colours or all(w.casefold() in lex.colours for w in text.split()) \
            or c.type in ("Product", "Organization") and (
            span[-1].text.casefold() in lex.colours and (c.type == "Product" or is_latin(span[-1].text))
            or c.end < len(doc) and doc[c.end].text.casefold() in lex.colours):  # (not ザ・ブリリアント・グリーン)
        return False
    if text in lex.model_words:
        return False  # a model's word alone, an edition of the name before it: Blow Up (Lite)
    if any(text.endswith(w) and text[:-len(w)].strip() in common_nouns() for w in lex.market_words):
        return False  # a market, no place or body: 日本市場, グローバル市場, スマートフォン市場
    if c.type != "Person" and len(span) > 1 and span[-1].text in lex.support_words:
        return False  # a feature, not a name: オーディオプロファイル対応, 本棚切替フリック対応
    if c.type == "Organization" and any(text.endswith(head) and len(text) > len(head) for head in lex.thing_heads):
        return False  # a part or a place of a thing, not an organisation: イヤホンジャックカバー, KDDIブース
    whole_quote = any((i + 1, end) == (c.start, c.end) for i, end in quotes)
    if c.type != "Person" and any(t.text in lex.honorifics and "接尾辞" in t.tag_ for t in span[:-1]) or (
            not whole_quote and len(span) > 1 and span[-1].tag_.startswith(("動詞", "助動詞", "助詞"))):
        return False
    quoted = any(i < c.start and c.end <= end for i, end in quotes)
    if quoted and c.type in ("Product", "Event", "Organization") \
            and not (whole_quote and _named_in_clause(doc, c.end)) and (
            any(t.pos_ in ("VERB", "AUX", "ADJ", "SCONJ") or t.text in _SAYING for t in span)
            or text[-1] in "！？!?…。、"):
        return False
    if not quoted and c.type in ("Product", "Event", "Organization") and _remark(span):
        return False
    katakana_word = len(span) == 1 and is_katakana(text) and text in common_nouns()
    common_word = katakana_word and "普通名詞" in span[0].tag_
    if katakana_word and text not in named_nouns() \
            and c.type not in ("Place", "Event", "Facility") and not _named_by_context(doc, c.end, lex) \
            and normalise(text) not in reference_companies() \
            and not (c.end + 1 < len(doc) and doc[c.end].text in "(（" and is_latin(doc[c.end + 1].text)):
        return False  # one katakana word that is only a word to JMdict, whatever Sudachi says (ツールバー,
        # ボールペン, フリック), not a name too (ディズニー, テトリス), a company's (シャープ) or one its Latin
        # spelling follows (オーブ（ORB）)
    if c.type == "Person":  # a name Sudachi does not know is a common noun to it (ベリーン): a person is only
        # suspect if one katakana word the dictionary holds (サークル), or a word ending in one of four letters or
        # more (タスクマネージャー, デベロッパプレビュー: not マックスウェル, a name of its own)
        return not (common_word or is_katakana(text) and "・" not in text
                    and any(text[i:] in common_nouns() for i in range(1, len(text) - 3)))
    if c.type in ("Place", "Event", "Facility") and common_word:
        return False  # one katakana word both dictionaries hold as a common noun: バッテリ, ホール, コンテスト
    if c.type in ("Place", "Event", "Facility") or text.endswith(tuple(lex.legal_forms | lex.org_suffixes)) \
            or c.end + 2 < len(doc) and doc[c.end].text in "(（" and _ACRONYM.match(doc[c.end + 1].text):
        return True  # places, events and facilities are often named by common words (中部, 国際数学オリンピック,
        # 動物ふれあい広場), and so are organisations with the suffix of one (財務省, 著作権情報集中処理機構) and what
        # an abbreviation stands for
    if not _KATAKANA_CHAR.search(text) and len(text) > 3 and (len(span) > 1 or "普通名詞" in span[0].tag_) \
            and text in common_nouns() and normalise(text) not in reference_companies():
        return False  # words of kanji the dictionary holds as one common noun (希望小売価格), not 東洋陶器, nor an
        # institution it holds as one (上院, 幕府)
    if whole_quote and c.type == "Product" and (any(t.pos_ in _AROUND_NAMES for t in span[1:-1]) or len(span) > 2):
        return True  # a title of words in quotes: 「裸のサル」, 「月刊ドラゴンジュニア」; not 「記念写真」, 「タイムライン」
    if sum(t.pos_ not in _AROUND_NAMES for t in span) > 2 or c.type == "Organization" and (
            not _KATAKANA_CHAR.search(text) or any(t.text in _NAME_JOINERS + ("-",) for t in span)
            or _named_by_context(doc, c.end, lex)):
        return True  # ブラックマジックデザイン, 東洋陶器, イエロー・マジック・オーケストラ, コンチネンタル製: common
        # words make names (but not 電源コネクタ, 韓流スター)
    return not _common_words(span) or normalise(text) in reference_companies()


def _remark(span) -> bool:
    """Words someone says, not a name: a comment or a tweet the tagger read as one (これはひどいｗけど、でも笑って許せる
    レベル, 10月韓国いきませんかー?笑): a predicate, and a clause's mark (、。?) or a predicate or a particle to end
    the words. A title keeps its predicates (アキバ大好き！祭り, 香りつづくトップ, and POISON 〜言いたい事も言えない
    こんな世の中は〜, whose subtitle is between waves)."""
    if not any(t.tag_.startswith(_PREDICATE_TAGS) and not is_latin(t.text) for t in span) \
            or _SUBTITLE.search(span.text):
        return False
    words = [t for t in span if t.pos_ not in ("PUNCT", "SYM", "SPACE", "X") and not _LAUGH_WORD.match(t.text)]
    return any(t.text in "、。?？" for t in span) or bool(words) and words[-1].tag_.startswith(
        _PREDICATE_TAGS + ("助詞",))


def _named_in_clause(doc, close: int) -> bool:
    """A whole quote a case particle takes up is a name the clause is about (「風と共に去りぬ」で受賞,
    「タイムマシンに気をつけろ!」を放送), and so is one its maker or broadcaster follows in parentheses (「火曜曲!」
    （TBS系）), where a remark is quoted with と or ends its sentence (or laughs: 「…」（笑））."""
    after = doc[close + 1:close + 3]
    return len(after) > 0 and after[0].text in _CASE_PARTICLES \
        or len(after) == 2 and after[0].text in ("(", "（") and is_namelike(after[1])


def _named_by_context(doc, end: int, lex: Lexicon) -> bool:
    """The words after an organisation say it is one: コンチネンタル製, ユニバーサル側, ジャッカルの社長."""
    after = doc[end:end + 2]
    return len(after) > 0 and after[0].text in ("製", "社", "側") or len(after) == 2 and after[0].text == "の" \
        and after[1].text in lex.roles


_COLONS = ("：", ":")
_FILE = re.compile(r"\\|\.(?:msi|cab|bat|dll|ini|sys|txt|csv|zip|lzh|rar|jpe?g|png|gif|bmp|pdf|docx?|xlsx?|pptx?"
                   r"|iso|mp3|mp4|wav)$", re.IGNORECASE)  # a file, a path: no thing of the world
_LINEUP = re.compile(r"^(?:[0-9０-９]{2,4}年)?(?:春|夏|秋|冬|春夏|秋冬)(?:モデル|商戦|新製品|新機種)$")  # 2012年夏モデル
# わw, よなｗｗ, クソワロタｗｗ: a comment, laughing
_LAUGHING = re.compile(r"^[wｗ]{2,}$|[ぁ-ゖ][wｗWＷ]+$|[^\x00-\x7F][wｗ]{2,}")
_PREDICATE_TAGS = ("動詞", "助動詞", "形容詞")  # Sudachi's: the tagger's parts of speech call names verbs (文教堂)
_SLASHES = re.compile(r"[／/](?=\S)(?<=\S[／/])")  # a list's items (ポートレート／風景／スポーツ), not one name
_SUBTITLE = re.compile(r"[〜～].+[〜～]$")
_LAUGH_WORD = re.compile(r"^(?:[wｗ]+|笑)$")
_HANDLE = re.compile(r"^[A-Za-z0-9_.\-]+$")  # an account's name or a mail domain, after its @
# a range (ISO100〜12800), an aperture or a zoom's (F2.6, F3.5-5.6), a video's lines (HD 720p), a serial or a
# build number of seven digits or more (A1001701, a tweet's status/127025804055019520), a version (ver.5650,
# バージョン：1.5), a sensitivity (ISO 3200), a resolution (1024x600 IPS), a row's label and value (VGA：640), a
# generation (iPad (3rd)), a count (USB x1), or a page (p.132)
_SPEC_VALUE = re.compile(r"\d\s?[〜～~]\s?\d|^F\d+(?:\.\d+|(?:\.\d+)?-\d+(?:\.\d+)?)$|(?:^|\s)\d{3,4}[pi]$|\d{7}"
                         r"|^(?:[Vv]er\.?|[Vv]\.|バージョン[：:]?)\s?\d|^ISO\s?\d+$|\d{3,4}\s?[x×]\s?\d{3,4}|[：:]\s?\d"
                         r"|^\d+(?:st|nd|rd|th)(?:/\d+(?:st|nd|rd|th))*$|(?:^|\s)[x×]\d{1,2}$|p\.\s?\d+$")
# a record's row, key and value (アプリ名：X, ANDROID 要件：2.2 以上), without the edition a name's brackets give
# after it (ぬこショートカットアイコン【無料版】)
RECORD_ROW = re.compile(r"^\s*[・■]?\s*(?P<key>[^：:\s][^：:]{0,15}?)\s*[：:]\s*(?P<value>\S(?:.*?\S)?)\s*"
                        r"(?:[【（(][^】）)]*[】）)])?\s*$")
_DIMENSION = re.compile(r"^[WHDＷＨＤ]\s?[\d.]+$")  # W156 of W156×H80×D30mm
_NUMBER_ONLY = re.compile(r"^[0-9０-９]+[^0-9０-９A-Za-zＡ-Ｚａ-ｚ]?$")  # 118番, 2010, １００回


def _by_times(doc, start: int, end: int) -> bool:
    """Whether a multiplication sign stands right before or after the span: a size's side (W156×H80)."""
    return start > 0 and doc[start - 1].text in ("×", "x", "X", "*") or end < len(doc) and doc[end].text[:1] in "×xX*"


def _unbalanced(span) -> bool:
    """A span with a bracket or a quote it opens and does not close, or closes and did not open: おしらせ【紺子."""
    depth = Counter()
    for t in span:
        if t.text in _OPENERS:
            depth[t.text] += 1
        elif t.text in _CLOSERS:
            depth[_CLOSERS[t.text]] -= 1
            if depth[_CLOSERS[t.text]] < 0:
                return True
    return any(depth.values())


def _common_words(span) -> bool:
    """Whether a span says nothing but common words: each word a common noun of the dictionary (JMdict's, read by
    Sudachi as one; see graph/reference/NOTICE), an affix or a particle. Words Sudachi holds as common nouns
    but JMdict does not are mostly names (ドスパラ, エステー)."""
    words = [t for t in span if t.pos_ not in _AROUND_NAMES and t.pos_ != "DET"]
    nouns = common_nouns()
    return bool(words) and any(t.text in nouns for t in words) and all(
        "普通名詞" in t.tag_ and t.text in nouns or any(k in t.tag_ for k in ("接尾辞", "接頭辞", "数詞")) for t in words)


def known_company(mention: Mention, lex: Lexicon) -> bool:
    """Whether a mention of an organisation names a company for sure: the gazetteer's, one of the reference list,
    or one written with a legal form or the suffix of a company (not ボカロ or HTPC, which the tagger took for one)."""
    return mention.source == "gazetteer" or mention.text.endswith(tuple(lex.legal_forms | lex.org_suffixes)) \
        or normalise(mention.text) in reference_companies()


@lru_cache(maxsize=1)
def dictionary_names() -> dict[str, str]:
    """The companies, organisations, products and works of JMnedict that it types no other way
    (graph/reference/names.tsv.gz): NFKC name -> type."""
    return dict(line.split("\t") for line in reference_text("names.tsv.gz").splitlines())


def _dictionary_names(doc, found: list[Candidate]) -> list[Candidate]:
    """Names of the dictionary where no other candidate is (無印良品, which the tagger misses): whole nouns, not glued
    to a name's word before or after, the longest first."""
    taken = {i for c in found for i in range(c.start, c.end)}
    names = dictionary_names()
    out: list[Candidate] = []
    i = 0
    while i < len(doc):
        for j in range(min(len(doc), i + 8), i, -1) if i not in taken and doc[i].tag_.startswith("名詞") else ():
            type_ = names.get(unicodedata.normalize("NFKC", doc[i:j].text))
            if type_ is None or taken.intersection(range(i, j)) or not doc[j - 1].tag_.startswith("名詞") \
                    or i > 0 and not doc[i - 1].whitespace_ and is_namelike(doc[i - 1]) \
                    or j < len(doc) and not doc[j - 1].whitespace_ and is_namelike(doc[j]):
                continue  # a noun phrase of its own, not an adverb that is also a name (ザラ)
            out.append(Candidate(i, j, type_, "dictionary", RULE))
            i = j - 1
            break
        i += 1
    return out


@lru_cache(maxsize=1)
def named_nouns() -> frozenset[str]:
    """The katakana words of common_nouns that JMdict glosses as names too (graph/reference/named-nouns.txt.gz)."""
    return frozenset(reference_text("named-nouns.txt.gz").split())


@lru_cache(maxsize=1)
def common_nouns() -> frozenset[str]:
    """The common nouns of graph/reference/common-nouns.txt.gz."""
    return frozenset(reference_text("common-nouns.txt.gz").split())


def _outside_addresses(doc, found: list[Candidate]) -> list[Candidate]:
    """The candidates that touch no web or mail address, nor a firmware's build."""
    addresses = [(m.start(), m.end()) for m in _ADDRESS.finditer(doc.text)]
    return [c for c in found
            if not any(start < doc[c.start:c.end].end_char and doc[c.start].idx < end for start, end in addresses)]


def _before_markup(doc, found: list[Candidate]) -> list[Candidate]:
    """The candidates cut before the markup or the table mark in them (SoftBank 106SH &mdash;, Bluetooth&reg;,
    デコレメール ○ Flash), and none that start in one or with = (a spreadsheet's formula: =COUNTA(C2:C16))."""
    marks = [(m.start(), m.end()) for m in _MARKUP.finditer(doc.text)]
    out = []
    for c in found:
        start, end = doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1])
        cut = min((s for s, e in marks if s < end and start < e), default=None)
        if cut is not None:
            c.end = max([c.start] + [t.i + 1 for t in doc[c.start:c.end] if t.idx + len(t) <= cut])
            while c.end > c.start and doc[c.end - 1].is_space:
                c.end -= 1
        if c.start < c.end and not doc[c.start].text.startswith(("=", "＝")):
            out.append(c)
    return out


def _outside_controls(doc, found: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """The candidates that are not a how-to's buttons and menu items (「メニューキー」→「本体設定」, ［Pick］をタップ),
    but for the gazetteer's names."""
    controls = [(m.start(), m.end()) for m in lex.control.finditer(doc.text)]
    return [c for c in found if c.source == "gazetteer"
            or not any(start < doc[c.start].idx and doc[c.start:c.end].end_char < end for start, end in controls)]


def _plausible_ner(ent, lex: Lexicon) -> bool:
    """GiNZA's fine labels are noisy: keep a span only if something in it looks like a name."""
    head = ent[-1]
    if not (is_proper(head) or any(ch.isdigit() for ch in head.text) or is_latin(head.text)
            or ent.label_ == "Person" or in_quotes(ent.doc, ent.start, ent.end)):
        return False
    # An acronym in parentheses after a common noun abbreviates that noun (大規模言語モデル(LLM)).
    if ent.start >= 2 and ent.end < len(ent.doc) and ent.doc[ent.start - 1].text in "(（" \
            and ent.doc[ent.end].text in ")）" and not is_proper(ent.doc[ent.start - 2]):
        return False
    return True


def _category_phrase(span, lex: Lexicon, quoted: bool = False) -> bool:
    """A category noun with only common words or known technologies before it names no one thing: AIチップ,
    大規模言語モデル, モバイルWi-Fiルーター (but a word of Latin letters, full-width too, is a name's: ｉＨＳテクノロジー;
    and an event's in quotes is one: 「プラチナバンド記念キャンペーン」, unlike 「WEBサービス」)."""
    text, type_ = span.text, lex.category(span.text)
    if type_ is None or quoted and type_ == "Event" or any(text.endswith(form) for form in lex.full_legal_forms):
        return False  # 東洋パルプ株式会社 names one company
    size = max(n for n in range(1, len(text) + 1) if text[-n:] in lex.categories)
    rest = [t for t in span if t.idx - span.start_char < len(text) - size]
    return all(t.text.casefold() in lex.generic or t.pos_ in ("ADJ", "NUM") or t.ent_id_ and t.ent_type_ == "Technology"
               or (any(c in t.tag_ for c in _COMMON) and not is_latin(normalise(t.text))) for t in rest)


def in_quotes(doc, start: int, end: int) -> bool:
    """Whether the tokens start:end are all a pair of quotes holds (「REGZA Phone T-02D」)."""
    return start > 0 and end < len(doc) and doc[start - 1].text in _QUOTES and doc[end].text == _QUOTES[doc[start - 1].text]


def _trim(doc, start: int, end: int, lex: Lexicon, type_: str) -> tuple[int, int]:
    """Drop from the ends of a span the honorifics, words that define an abbreviation (以下), legal forms (but for an
    organisation), a country prefix and punctuation that are not part of the name; from a person's also roles and
    words like 夫妻 and 政権 (an organisation called ニクソン政権 is the administration, not ニクソン); from a place a
    role after it (佐賀県知事: 佐賀 and its governor); from a thing's a style after it (ジョジョ風); from any the words
    that say where or how it is (日本国内, 東京電力管内) and an English word in lower case before it (in スペイン広場);
    and from a product's what it is said to support before it (Xi対応Android 4.0)."""
    edge_words = lex.honorifics | lex.abbreviation_markers | (set() if type_ == "Organization" else lex.legal_forms)
    if type_ == "Person":
        edge_words |= lex.roles | lex.not_names
    if type_ in ("Product", "Technology"):  # Xi対応Android 4.0: what the name supports is written before it
        start = max([start] + [i + 1 for i in range(start, end - 1) if doc[i].text in lex.support_words])
    while start < end and (doc[start].text in edge_words or _country_prefix(doc, start, end, lex, type_)
                           or type_ == "Facility" and _place_before(doc, start, end)
                           or doc[start].text in lex.time_prefixes and start + 1 < end
                           and (is_latin(doc[start + 1].text) or is_katakana(doc[start + 1].text))
                           or _label_before_code(doc, start, end, lex) or _stray_opening(doc, start, end, lex)
                           or doc[start].text in _LEADING_WORDS and start + 1 < end or doc[start].is_space):
        start += 1
    while start < end and (doc[end - 1].text in edge_words or doc[end - 1].is_punct or doc[end - 1].is_space
                           or type_ != "Person" and end - start > 1 and doc[end - 1].tag_.startswith("接尾辞-形状詞的")
                           or end - start > 1 and doc[end - 1].text.casefold() in _FUNCTION_WORDS
                           or end - start > 1 and doc[end - 1].text in lex.scope_suffixes
                           or end - start > 1 and type_ == "Place" and lex.role(doc[end - 1].text)) \
            and not _abbreviated(doc, start, end, lex, type_) and not _closes(doc, start, end) \
            and not (doc[end - 1].text in "!！?？" and end < len(doc) and doc[end].text in ("」", "』")):
        end -= 1  # but a title's own mark before its closing quote stays: 「火曜曲!」
    return start, end


def _place_before(doc, start: int, end: int) -> bool:
    """大阪・ in 大阪・心斎橋OPA: the city a facility is in, written before its name, is no part of it."""
    return start + 2 < end and "地名" in doc[start].tag_ and doc[start + 1].text == "・" \
        and not doc[start].whitespace_


def _person_core(doc, start: int, end: int, lex: Lexicon) -> tuple[tuple[int, int] | None, int, int]:
    """The name in a person's span that holds words of another kind: 杉山宣嗣写真展 and フォトグラファー杉山宣嗣 are
    杉山宣嗣; the group in SPEED上原多香子, ナイナイ岡村 is a name of its own ((start, end) of it, or None), where the
    words before the name are no role (タレント岡村). Only a span with tokens Sudachi tags as a person's name is cut."""
    named = [i for i in range(start, end) if "人名" in doc[i].tag_]
    if not named:
        return None, start, end
    first, core = named[0], named[-1] + 1
    while core + 1 < end and doc[core].text in _NAME_JOINERS and (is_katakana(doc[core + 1].text)
                                                               or "人名" in doc[core + 1].tag_):
        core += 2  # ジョン・スミス: the parts joined to the name are of it
    last = end
    while last > core and _not_of_a_name(doc[last - 1], lex) and not (
            len(doc[last - 1].text) == 1 and _KANJI.match(doc[last - 1].text) and last - 2 in named):
        last -= 1  # 杉山宣嗣写真展; but アントニオ猪木 and 長谷川徳海 (長谷川, 徳 and 海 to Sudachi) are whole
    if first > start and is_proper(doc[first - 1]) and _KANJI.match(doc[first - 1].text) \
            and "国" not in doc[first - 1].tag_ and doc[first - 1].text[-1] not in "都道府県市町村区州" \
            and not doc[first - 1].whitespace_:
        first -= 1  # 船越陽大: a surname Sudachi takes for a place, glued to the name
    if last + 1 < len(doc) and last + 1 >= end and len(doc[last].text) == 1 and _KANJI.match(doc[last].text) \
            and doc[last].text not in lex.honorifics and doc[last + 1].text in lex.honorifics:
        last += 1  # 金正恩氏, which Sudachi reads as 金正, 恩 and 氏
    while first > start and doc[first - 1].text in _NAME_JOINERS + (" ", "　") or first > start and (
            "人名" in doc[first - 1].tag_ or is_katakana(doc[first - 1].text) and doc[first].text in _NAME_JOINERS):
        first -= 1
    group = None
    before = doc[start:first]
    if first > start and not doc[first - 1].whitespace_ and not any(t.text in lex.roles for t in before) \
            and is_namelike(before[0]) and all((is_namelike(t) or t.like_num) and "地名" not in t.tag_ for t in before) \
            and not _KANJI.search(before.text) and (_KANJI.match(doc[first].text) or is_latin(before[-1].text)):
        group = (start, first)  # a name glued before the person's, in another script: the group they belong to
        # (SPEED上原多香子, ナイナイ岡村), not a place (ナポリ) nor one katakana name Sudachi cut (ナポリターノ)
    elif first > start and is_katakana(before.text) and is_katakana(doc[first].text) \
            and not doc[first - 1].whitespace_ and not any(t.text in lex.roles or t.text in common_nouns()
                                                            for t in before):
        first = start
    return group, first, last


def _not_of_a_name(token, lex: Lexicon) -> bool:
    """A word after a person's name that is no part of it: a role, an affix, a common noun of the dictionary or a
    mark (写真展, 選手, 氏)."""
    return token.text in lex.roles | lex.honorifics or token.is_punct or token.is_space or "接尾辞" in token.tag_ \
        or "普通名詞" in token.tag_ and token.text in common_nouns() or not token.tag_.startswith("名詞")


def _stray_opening(doc, start: int, end: int, lex: Lexicon) -> bool:
    """A mark or a list's number that opens a span without being part of the name: ■, ！, 【 with no 】, 19. in a
    list."""
    token = doc[start]
    if token.text in _OPENERS:
        return not any(t.text == _OPENERS[token.text] for t in doc[start + 1:end])
    if token.like_num and start + 1 < end and doc[start + 1].text == ".":
        return True
    return token.is_punct or token.is_space or token.text in lex.item_marks  # ！コミックマーケット, ・S-MAX, ●丸善


def _label_before_code(doc, start: int, end: int, lex: Lexicon) -> bool:
    """OS in "OS Android 4.0" and "OS：Android4.0", チップセット in "チップセット MSM8960": a generic word or a category
    noun that labels the name after it (a row of a table), and the colon after it, are no part of it."""
    word, after = doc[start].text, start + 1 + (start + 1 < end and doc[start + 1].text in _COLONS)
    return after < end and (word.casefold() in lex.generic or word in lex.categories or word in _COLONS) \
        and is_latin(doc[after].text) and not doc[after].like_num


def _country_prefix(doc, start: int, end: int, lex: Lexicon, type_: str) -> bool:
    """米 in 米テスラ is the country of the name after it, not part of it; 日 in 日学株式会社 is part of it."""
    return type_ != "Place" and doc[start].text in lex.place_prefixes and start + 1 < end \
        and is_namelike(doc[start + 1])


def _closes(doc, start: int, end: int) -> bool:
    """The span's last token closes a bracket or a pair the span opened: Sea of Dreams 〜Tokyo DisneySea〜."""
    opening = _PAIRS.get(doc[end - 1].text)
    return opening is not None and any(t.text == opening for t in doc[start:end - 1])


def _abbreviated(doc, start: int, end: int, lex: Lexicon, type_: str) -> bool:
    """The span ends with the full stop of an abbreviation: 京都サンガF.C., ワシントンD.C., Amazon.com Inc."""
    if doc[end - 1].text != "." or end - start < 2:
        return False
    return bool(_ABBREVIATION.search(doc[start:end - 1].text)) or (
        type_ == "Organization" and doc[end - 2].text + "." in lex.legal_forms)


def _quoted_names(doc, quotes: list[tuple[int, int]], lex: Lexicon) -> list[Candidate]:
    """A name in quotes takes a type from the words around it: the category noun right before it, or before
    its subject marker (チップ「AI6」, このチップが「AI6」です); the category a list of quotes ends with
    (「エコノミスト」、「メンズ・ヘルス」といった雑誌), or the one right after it (「Photo Stream」機能); a verb that
    publishes a title (「春は馬車に乗って」を…刊行); a headline's tag after it (「トイレダッシュ」【Androidアプリ】)."""
    out = []
    for n, (i, close) in enumerate(quotes):
        end = _gloss_start(doc, i, close) or close  # 「ソニッケアー エアーフロス（Sonicare AirFloss）」: the name before it
        if end > i + 11 or any(t.is_punct and t.text not in _IN_TITLES for t in doc[i + 1:end]) \
                or doc[end - 1].text.casefold() in lex.colours:  # 新色「Pure White」: a colour, no product
            continue
        said_to_be = i > 1 and doc[i - 1].text in _COPULA_SUBJECT and end + 1 < len(doc) \
            and doc[end + 1].lemma_ in ("だ", "です", "で")  # このチップが「AI6」です, not 企業が「駆逐」される
        last = i - 1 if said_to_be else i
        before = doc[max(0, last - 4):last].text
        listed = _listed_as(doc, quotes[n:], lex)
        if listed and _remark(doc[i + 1:end]):
            continue  # 『これがなければ買わない！』という機能: what someone says of a kind of thing
        type_ = (lex.category(before) if before else None) or listed or _kind_after(doc, i, close, lex) \
            or _published(doc, end, lex) or _tagged_as(doc, end, lex)
        if type_:
            out.append(Candidate(i + 1, end, type_, "category", CUE))
    return out


def _gloss_start(doc, i: int, end: int) -> int | None:
    """Where the gloss in parentheses that ends the quote opening at token ``i`` and closing at ``end`` starts."""
    if doc[end - 1].text not in ")）":
        return None
    return next((j for j in range(end - 2, i, -1) if doc[j].text in "(（"), None)


def _titles_before_makers(doc, lex: Lexicon) -> list[Candidate]:
    """A quote its maker, publisher or broadcaster follows in parentheses names a product, however long and whatever
    marks it holds: 「スッキリ!!」（日本テレビ系列）, 「CX6」（リコー）, 「…超常現象SP(秘)Xファイル」（テレビ朝日／12月22日
    放送）; the company is one the gazetteer knows."""
    companies = {e.start: e for e in doc.ents if e.label_ == "Organization" and e.ent_id_ in lex.gazetteer_ids}
    out = []
    for i, end in _quotes(doc, longest=40):
        company = companies.get(end + 2)
        if company is not None and doc[end + 1].text in ("(", "（") and company.end < len(doc) \
                and (doc[company.end].text in lex.maker_marks or doc[company.end].text in (")", "）", "／", "/")) \
                and not any(t.text == "。" for t in doc[i + 1:end]):
            gloss = _gloss_start(doc, i, end)  # 「デジタイザー・ペン（型番：41U3143）」: a labelled gloss is no part of it
            end = gloss if gloss is not None and any(t.text in _COLONS for t in doc[gloss:end]) else end
            out.append(Candidate(i + 1, end, "Product", "category", CUE))
    return out


def _quotes(doc, longest: int = 12) -> list[tuple[int, int]]:
    """(opening, closing) token indices of the quotes in a doc of fewer than ``longest`` tokens, none inside
    another."""
    out = []
    for i, token in enumerate(doc):
        close = _QUOTES.get(token.text)
        end = next((j for j in range(i + 1, min(i + longest, len(doc))) if doc[j].text == close), None) \
            if close else None
        if end is not None and end > i + 1 and (not out or out[-1][1] < i):
            out.append((i, end))
    return out


def _listed_as(doc, quotes: list[tuple[int, int]], lex: Lexicon) -> str | None:
    """The category a list of quotes is said to be of: 「A」、「B」といった雑誌, 「A」などの番組."""
    end = quotes[0][1]
    for i, next_end in quotes[1:]:  # the quotes listed after this one, joined by 、, と or や
        if i - end > 2 or any(t.text not in ("、", "と", "や") for t in doc[end + 1:i]):
            break
        end = next_end
    rest = doc[end + 1:end + 8]
    ending = next((e for e in lex.list_endings if rest.text.startswith(e)), None)
    if ending is None:
        return None
    after = [t for t in rest if t.idx >= rest.start_char + len(ending)][:3]
    return next((lex.categories[t.text] for t in after if t.text in lex.categories), None)


def _kind_after(doc, i: int, close: int, lex: Lexicon) -> str | None:
    """The category the noun right after a quote names it as (「Photo Stream」機能, 「おでかけナビ」アプリ), unless
    its words are common ones or a predicate's (「リーダー」機能, 「全部入り」スマホ, 「かゆいところに手が届く」機能)."""
    words = doc[i + 1:close]
    if close + 1 >= len(doc) or _common_words(words) or any(t.pos_ in ("VERB", "ADJ", "AUX") for t in words):
        return None
    return lex.categories.get(doc[close + 1].text)


def _tagged_as(doc, end: int, lex: Lexicon) -> str | None:
    """The category of a headline's tag in 【】 right after a quote, which it ends with: 【Androidアプリ】."""
    close = next((j for j in range(end + 2, min(end + 8, len(doc))) if doc[j].text == "】"), None)
    if end + 1 >= len(doc) or doc[end + 1].text != "【" or close is None:
        return None
    return lex.category(doc[end + 2:close].text)


def _published(doc, end: int, lex: Lexicon) -> str | None:
    """A quote that is the object of a verb that publishes a title is a product: 「X」を改造社から刊行した, and so is
    one a headline says is published: 「目もとエステ」新発売."""
    if end + 1 < len(doc) and doc[end + 1].text.removeprefix("新") in lex.title_verbs:
        return "Product"
    if end + 1 >= len(doc) or doc[end + 1].text != "を":
        return None
    for token in doc[end + 2:end + 10]:
        if token.is_punct:
            return None
        if token.lemma_ in lex.title_verbs:
            return "Product"
    return None


def _speech(doc, quotes: list[tuple[int, int]], found: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """A quote said (「イグアナかな」と答えた, 「繊細で優しく誠実」と評価) names no title: drop the titles found in it."""
    said = [(i, end) for i, end in quotes if end + 2 < len(doc) and doc[end + 1].text == "と"
            and doc[end + 2].lemma_ in lex.reported]
    return [c for c in found if not (c.source == "tagger" and c.type in ("Product", "Event")
                                     and any(i < c.start and c.end <= end for i, end in said))]


def _codes_before_categories(doc, lex: Lexicon) -> list[Candidate]:
    """A model code right before a category noun is a name of that type: N2プロセス, A17チップ."""
    out = []
    for i, token in enumerate(doc):
        type_ = lex.categories.get(token.text)
        if not type_ or i == 0:
            continue
        start = i
        while start > 0 and is_latin(doc[start - 1].text) and not doc[start - 1].whitespace_:
            start -= 1
        if start < i and _CODE.match(doc[start:i].text):
            out.append(Candidate(start, i, type_, "category", CUE))
    return out


def _record_names(doc, lex: Lexicon) -> list[Candidate]:
    """The value of a record's row that names its thing is a product's name (アプリ名：ぬこショートカットアイコン), or
    the names of its models (製品名：NT-TX1000/AC200BK), without the quotes around it."""
    row = RECORD_ROW.match(doc.text)
    if row is None or row.group("key") not in lex.record_names:
        return []
    value, offset = row.group("value"), row.start("value")
    if len(value) > 2 and _PAIRS.get(value[-1]) == value[0]:
        value, offset = value[1:-1], offset + 1  # 製品名：「IMPRESSION(R) KT-i7A 4.0」, a name in quotes
    pieces = [(m.start(), m.end()) for m in re.finditer(r"[^/／]+", value)]
    if len(pieces) < 2 or not all(MODEL_CODE.match(value[a:b].strip()) for a, b in pieces):
        pieces = [(0, len(value))]
    spans = [doc.char_span(offset + a, offset + b, alignment_mode="expand") for a, b in pieces]
    return [Candidate(span.start, span.end, "Product", "category", CUE) for span in spans if span]


def _brand_names(doc, lex: Lexicon) -> list[Candidate]:
    """A known company's name glued to a katakana word that is not, nor ends in, a common noun of the dictionary
    or a category's is a product named with the company's brand: auスマートパス, auスマートバリュー (not
    ドコモショップ, 日立フルハイビジョンテレビ, NHKアナ)."""
    nouns, out = common_nouns(), []
    ends = lex.facility_suffixes | lex.org_suffixes | lex.legal_forms | lex.generic_products

    def common(text: str) -> bool:  # the word, or its end of five characters or more (…アプリケーション)
        return any(text[i:] in nouns or text[i:] in ends for i in [0, *range(1, len(text) - 4)])

    for ent in doc.ents:
        word = doc[ent.end] if ent.end < len(doc) else None
        if ent.label_ == "Organization" and ent.ent_id_ in lex.gazetteer_ids and not doc[ent.end - 1].whitespace_ \
                and word is not None and is_katakana(word.text) and word.text not in _NAME_JOINERS \
                and not common(word.text) and lex.category(word.text) is None and not lex.role(word.text) \
                and not (word.i + 1 < len(doc) and is_katakana(doc[word.i + 1].text) and not word.whitespace_):
            out.append(Candidate(ent.start, ent.end + 1, "Product", "category", CUE))
    return out


def _operated(doc, lex: Lexicon) -> list[Candidate]:
    """What a company runs, written as a word the dictionary does not hold, is the name of a shop, a chain or a
    service: ドスパラを運営する (サイトを運営する names nothing)."""
    out = []
    for verb in doc:
        if verb.lemma_ not in lex.operating_verbs:
            continue
        for obj in verb.children:
            if obj.dep_ != "obj" or not any(c.text == "を" for c in obj.children if c.dep_ == "case"):
                continue
            start = obj.i
            while start > 0 and doc[start - 1].dep_ == "compound" and is_namelike(doc[start - 1]) \
                    and not doc[start - 1].whitespace_:
                start -= 1
            words = doc[start:obj.i + 1]
            if all(is_namelike(t) and t.text not in common_nouns() and not t.like_num for t in words):
                out.append(Candidate(start, obj.i + 1, "Organization", "operated", RULE))
    return out


def _facilities(doc, lex: Lexicon) -> list[Candidate]:
    """A name before a facility suffix is a facility: テイラー工場 (the places before it stay places)."""
    out = []
    for i, token in enumerate(doc):
        if token.text not in lex.facility_suffixes or i == 0:
            continue
        start = i
        while start > 0 and is_namelike(doc[start - 1]) and "地名" not in doc[start - 1].tag_ \
                and doc[start - 1].text not in lex.place_prefixes and not doc[start - 1].ent_id_:
            start -= 1
        if start == i and "地名" in doc[i - 1].tag_:
            start = i - 1  # named after its place: 熊本工場
        if start < i:
            out.append(Candidate(start, i + 1, "Facility", "facility-suffix", RULE))
    return out


def _people(doc, lex: Lexicon) -> list[Candidate]:
    """Names joined by ・ (ミン・チー・クオ), family + given names (来嶋 勇人), and any name before 氏 or a role."""
    out = []
    markers = lex.honorifics | lex.roles
    i = 0
    while i < len(doc):
        token = doc[i]
        if not (is_katakana(token.text) or "人名" in token.tag_) or token.text in _NAME_JOINERS:
            i += 1
            continue
        end = i + 1
        while end + 1 < len(doc) and doc[end].text in _NAME_JOINERS and (
                is_katakana(doc[end + 1].text) or "人名" in doc[end + 1].tag_):
            end += 2
        if end == i + 1 and "人名-姓" in token.tag_:
            j = end + (1 if end < len(doc) and doc[end].is_space else 0)
            if j < len(doc) and "人名-名" in doc[j].tag_:
                end = j + 1
        joined = end > i + 1
        marked = end < len(doc) and doc[end].text in markers
        tagged = any("人名" in t.tag_ for t in doc[i:end])
        if not joined and not tagged and token.text in common_nouns():  # コラボモデル, ハイスペックモデル
            i = end
            continue
        if (joined and (marked or tagged)) or (marked and (tagged or is_namelike(token))) or (
                end > i + 1 and "人名-姓" in token.tag_):
            role = doc[end].text if marked and doc[end].text in lex.roles else None
            out.append(Candidate(i, end, "Person", "person-name", RULE, role=role))
        i = end
    return out


def _people_after_companies(doc, found: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """ソフトバンク孫社長, インテル吉田社長, ドコモ加藤新社長: a headline's surname glued between a company's name and
    the person's role. The company, in katakana or Latin letters, ends where the kanji of the surname begin, so the
    name the tagger reads over both (ソフトバンク孫) is cut there; the surname becomes a person with that role.
    Returns the new candidates."""
    out = []
    for i in range(1, len(doc) - 1):
        surname, before = doc[i], doc[i - 1]
        after = i + 1 + (doc[i + 1].tag_.startswith("接頭辞") and i + 2 < len(doc))  # 加藤新社長
        role = doc[after].text if doc[after].text in lex.office_roles else None  # not 関西支社長, nor 夏モデル
        if not (role and all(_KANJI.match(ch) for ch in surname.text)
                and len(surname.text) <= 3 and surname.tag_.startswith("名詞") and "国" not in surname.tag_
                and (len(surname.text) == 1 or is_proper(surname) or surname.text not in common_nouns())
                and (is_katakana(before.text) or is_latin(before.text) and not before.like_num)
                and before.text not in _NAME_JOINERS and not before.whitespace_ and not surname.whitespace_):
            continue
        start = i - 1
        while start > 0 and (is_katakana(doc[start - 1].text) or is_latin(doc[start - 1].text)) \
                and not doc[start - 1].whitespace_ and not doc[start - 1].is_punct:
            start -= 1
        named = [c for c in found if c.type != "Person" and c.start <= start and i <= c.end]
        if doc[start:i].text in lex.roles or doc[start:i].text in common_nouns() and not named:
            continue  # タレント岡村社長: a role, read as one
        for c in found:
            if c.type != "Person" and c.start < after and c.end > i:  # ソフトバンク孫, 加藤新: the name stops short
                c.end = i if c.start < i else c.start
        found[:] = [c for c in found if c.start < c.end]
        out.append(Candidate(i, i + 1, "Person", "person-name", RULE, role=role))
        if not named:
            out.append(Candidate(start, i, "Organization", "company-person", RULE))
    return out


def _organizations(doc, lex: Lexicon) -> list[Candidate]:
    """A name with a legal form ((株)ファミリーマート, テスラ社) or an organisation suffix (ソニーグループ). The legal form
    is part of the mention, as news and NER corpora write it, and left out of its key (so of its label)."""
    out = []
    for i, token in enumerate(doc):
        if token.text in lex.full_legal_forms:
            end = i + 1
            while end < len(doc) and is_namelike(doc[end]) and doc[end].text not in lex.legal_forms:
                end += 1
            if end > i + 1:
                out.append(Candidate(i, end, "Organization", "legal-form", RULE, key=doc[i + 1:end].text))
                continue
        if token.text in lex.legal_forms | lex.org_suffixes and i > 0:
            start = i
            while start > 0 and is_namelike(doc[start - 1]) and "地名" not in doc[start - 1].tag_ \
                    and doc[start - 1].text not in lex.legal_forms | set(lex.place_prefixes):
                start -= 1
            named = any(is_proper(t) or is_latin(t.text) and not t.like_num for t in doc[start:i])
            if start < i and named and not doc[start].is_punct:
                key = None if token.text in lex.org_suffixes else doc[start:i].text
                out.append(Candidate(start, i + 1, "Organization", "legal-form", RULE, key=key))
    return out


def _with_legal_forms(doc, kept: list[Candidate], lex: Lexicon) -> None:
    """An organisation's mention takes in the legal form written next to it: テスラ社, 株式会社トヨタ."""
    taken = {i for c in kept for i in range(c.start, c.end)}
    for c in kept:
        if c.type != "Organization":
            continue
        name = doc[c.start:c.end].text
        if c.end < len(doc) and doc[c.end].text in lex.legal_forms and c.end not in taken \
                and not doc[c.end - 1].whitespace_:
            c.end += 1
            c.key = c.key or name
        if c.start > 0 and doc[c.start - 1].text in lex.full_legal_forms and c.start - 1 not in taken:
            c.start -= 1
            c.key = c.key or name


def _versioned(doc, found: list[Candidate]) -> list[Candidate]:
    """A known technology or product with a version number after it is a name of its own, of its type:
    Android 4.0, Windows Phone 7.5, iOS 5.1.1, Bluetooth 3.0, Windows XP."""
    out = []
    for c in found:
        end = c.end
        while c.source == "gazetteer" and c.type in ("Technology", "Product") and end < len(doc) and (
                _VERSION.match(doc[end].text) or doc[end].text == "." and end > c.end and end + 1 < len(doc)
                and doc[end + 1].text.isdigit()):
            end += 1
        out.append(Candidate(c.start, end, c.type, "version", c.priority) if end > c.end else c)
    return out


def _places(doc, lex: Lexicon) -> list[Candidate]:
    """A country prefix before a name (米テキサス州, 台TSMC), and, where seed-graph's tagger has not read the text,
    tokens Sudachi tags as place names. The tagger reads that tag among its features and knows better: 喜望 in
    喜望峰, 王子 in 王子電気軌道 are no places."""
    read_by_tagger = TAGGER_SPANS in doc.spans
    out = []
    for i, token in enumerate(doc):
        if "地名" in token.tag_ and not read_by_tagger:
            out.append(Candidate(i, i + 1, "Place", "place-name", RULE))
        elif token.text in lex.place_prefixes and i + 1 < len(doc) and not token.whitespace_:
            after = doc[i + 1]
            starts_name = is_namelike(after) and not after.like_num and not after.is_punct
            glued = i == 0 or not (doc[i - 1].pos_ in ("NOUN", "PROPN", "NUM") and not doc[i - 1].whitespace_)
            if starts_name and glued:
                out.append(Candidate(i, i + 1, "Place", "place-prefix", RULE, key=lex.place_prefixes[token.text]))
    return out


def _countries(doc, lex: Lexicon) -> list[Candidate]:
    """Countries abbreviated to a character each and written together, on their own: 日米欧豪の4市場, 米中が接近
    (not 日米首脳会談, one name, nor 中米 or 中日, names of their own, nor 日中, also a word: daytime)."""
    def abbreviations(token) -> bool:  # a pair is a common noun (日米), not a verbal one (印加: to apply)
        return not is_proper(token) and token.text not in lex.not_countries \
            and all(ch in lex.place_prefixes for ch in token.text) \
            and (len(token.text) == 1 or token.tag_ == "名詞-普通名詞-一般")

    out = []
    i = 0
    while i < len(doc):
        end = i
        while end < len(doc) and abbreviations(doc[end]):
            end += 1
        alone = (i == 0 or doc[i - 1].pos_ in _AROUND_NAMES) and (end == len(doc) or doc[end].pos_ in _AROUND_NAMES)
        if len(doc[i:end].text) >= 2 and alone:
            out.append(Candidate(i, end, "Place", "countries", CUE))
        i = max(end, i + 1)
    return out


def _whole_quotes(doc, found: list[Candidate], lex: Lexicon) -> None:
    """A title the tagger found inside a short quote is the whole quote: 「タイムマシンに気をつけろ!」, and so is the
    name of a company's service that opens with the company's (「livedoorニュース」); but a company named in a headline
    is not the headline."""
    for c in found:
        if c.source != "tagger" or c.type not in ("Product", "Event"):
            continue
        open_ = next((i for i in range(c.start - 1, max(-1, c.start - 12), -1) if doc[i].text in _QUOTES), None)
        if open_ is None or any(t.text in _QUOTES.values() for t in doc[open_ + 1:c.start]):
            continue
        close = next((j for j in range(c.end, min(len(doc), c.end + 12)) if doc[j].text == _QUOTES[doc[open_].text]), None)
        if close is None or (open_ + 1, close) == (c.start, c.end):
            continue
        inside = doc[open_ + 1:close]
        brand = [o for o in found if o.source == "gazetteer" and o.type == "Organization" and o.start == open_ + 1
                 and not doc[close - 1].text.endswith(tuple(lex.facility_suffixes))]  # not "Apple工場"
        if len(inside.text) <= 30 and not any(t.text in "。「『" for t in inside) and not any(
                o is not c and o not in brand and o.priority > TAGGER and o.start < close and open_ < o.end
                for o in found):
            c.start, c.end = open_ + 1, _without_reading(doc, open_ + 1, close)


def _typed_by_category(doc, found: list[Candidate], lex: Lexicon) -> None:
    """A name said to be of a category takes its type: AI7は…本命チップです, Dojoという学習基盤 (AI6/AI7というチップ),
    and so does a name after a category phrase in apposition: 教育用OSのMINIX, 投資会社であるインベストール (but not a
    person: 投資会社の佐藤氏 is someone who works there)."""
    for c in found:
        if c.priority not in (TAGGER, NER):
            continue
        last = doc[c.end - 1]
        noun = None
        linker = 1 if c.start > 1 and doc[c.start - 1].text == "の" else \
            2 if c.start > 2 and doc[c.start - 2:c.start].text == "である" else 0
        apposition = bool(linker) and c.type != "Person"
        if apposition:
            noun = doc[c.start - linker - 1]
        elif c.end + 1 < len(doc) and doc[c.end].text == "という":
            noun = doc[c.end + 1]
            while noun.i + 1 < len(doc) and noun.dep_ == "compound" and noun.head.i > noun.i:
                noun = doc[noun.i + 1]
        elif last.dep_ in ("nsubj", "dislocated") and any(t.dep_ == "cop" for t in last.head.children) \
                and any(t.text in _COPULA_SUBJECT for t in last.children if t.dep_ == "case") \
                and not (c.start > 0 and doc[c.start - 1].text in "(（"):  # 「X」（芳文社）は漫画だ: X is
            noun = last.head
        if noun is None:
            continue
        start = noun.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == noun.i:
            start -= 1
        phrase = doc[start:noun.i + 1]
        type_ = lex.category(phrase.text)
        if type_ and (not apposition or _category_phrase(phrase, lex)):  # not a name: 東インド会社のジョン
            c.type, c.source, c.priority = type_, "category", CUE


def _roles_in_apposition(doc, found: list[Candidate], lex: Lexicon) -> None:
    """アナリストのミン・チー・クオ氏, 代表 孫正義氏, CEOであるグラント・ペティ: the role noun before a person describes them."""
    for c in found:
        if c.type == "Person" and c.role is None:
            i = role_before(doc, c.start, lex)
            c.role = lex.role(doc[i].text) if i is not None else None


def role_before(doc, start: int, lex: Lexicon) -> int | None:
    """The token of a role written right before the name starting at token ``start``: before の (アナリストの),
    ・ or 、 (アナウンサー・夏目三久), である (CEOであるグラント・ペティ), a space (代表 孫正義氏) or glued to it
    (ニワンゴ社長杉本)."""
    i = start - 1
    if i >= 1 and doc[i].text in ("の", "・", "、"):
        i -= 1
    elif i >= 2 and doc[i].lemma_ == "ある" and doc[i - 1].text == "で":
        i -= 2
    return i if i >= 0 and lex.role(doc[i].text) else None


def _outer_place(doc, place: Candidate, c: Candidate, lex: Lexicon) -> bool:
    """テキサス州 in テキサス州テイラー工場: a facility named after a place is in it, and is not the same name."""
    return place.type == "Place" and place.start == c.start and c.type == "Facility" and \
        any(doc[c.start:c.end].text.endswith(suffix) for suffix in lex.facility_suffixes)


def _only_places(doc, c: Candidate, inner: Candidate, lex: Lexicon) -> bool:
    """米テキサス州, 米テスラ: what a longer span adds to a known name is only a country prefix or place names,
    so the span is names written one after the other, not one name."""
    rest = [t for t in doc[c.start:c.end] if not inner.start <= t.i < inner.end]
    return all(t.text in lex.place_prefixes or "地名" in t.tag_ for t in rest)


def _only_words_around(doc, c: Candidate, inner: Candidate) -> bool:
    """最新プラットフォームAndroid 4.0: what a longer span adds to a known name is only common words before it, so
    the known name is the name."""
    return inner.source in ("gazetteer", "version") and inner.end == c.end and all(
        any(k in t.tag_ for k in _COMMON) and not is_latin(t.text) or t.pos_ == "ADJ" for t in doc[c.start:inner.start])


def _known_then_words(doc, c: Candidate, inner: Candidate) -> bool:
    """SATAポート, Android端末: a known technology or product followed by common nouns only is that name and words
    about it, not a longer name, unless quotes make them one (「プラチナバンドスタート記念キャンペーン」)."""
    nouns = common_nouns()
    return inner.source == "gazetteer" and inner.type in ("Technology", "Product") and inner.start == c.start \
        and inner.end < c.end and not in_quotes(doc, c.start, c.end) \
        and all(t.text in nouns and not is_latin(t.text) for t in doc[inner.end:c.end])


def _resolve_overlaps(doc, candidates: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """Keep the most trusted, then the longest, of overlapping candidates; a role or key seen by any of them is kept.

    A known name inside a longer one the tagger found (or a category typed) is part of that name (日本 in
    日本証券業協会, イギリス in イギリス軍, Tokyo in a song's title): the longer one is kept instead, unless the rest
    of it is only places (米テキサス州); one that opens with a known product is a product."""
    for c in candidates:
        nested = [o for o in candidates if o.source in _NESTABLE and c.start <= o.start and o.end <= c.end
                  and o.end - o.start < c.end - c.start]
        if c.source in ("tagger", "category") and any(
                not _outer_place(doc, o, c, lex) and not _only_places(doc, c, o, lex)
                and not _only_words_around(doc, c, o) and not _known_then_words(doc, c, o)
                for o in nested):
            c.priority = GAZETTEER + 1
            if c.source == "tagger" and any(o.start == c.start and o.type == "Product" for o in nested):
                c.type = "Product"  # GALAXY Tab, Xperia arc: a model of a known line of products
    ranked = sorted(candidates, key=lambda c: (-c.priority, -(c.end - c.start), c.start))
    kept: list[Candidate] = []
    taken: set[int] = set()
    for c in ranked:
        tokens = set(range(c.start, c.end))
        if tokens & taken:
            for k in kept:
                if k.role is None and c.role and k.type == c.type and set(range(k.start, k.end)) & tokens:
                    k.role = c.role
                if k.key is None and c.key and (k.start, k.end, k.type) == (c.start, c.end, c.type):
                    k.key = c.key  # 米 found by the tagger is the United States the place-prefix rule knows
            continue
        kept.append(c)
        taken |= tokens
    return sorted(kept, key=lambda c: c.start)


def _aliases_in_parentheses(doc, kept: list[Candidate]) -> list[Candidate]:
    """A name in parentheses right after another names the same thing: TSMC(台湾積体電路製造), a quoted name's
    other spelling (「エアーフロス（AirFloss）」, of the name's type), and a byline's pen name before the real one,
    がす(来嶋 勇人)."""
    by_start = {c.start: c for c in kept}
    added = []
    for c in kept:
        if c.start < 2 or c.end >= len(doc) or doc[c.start - 1].text not in "(（" or doc[c.end].text not in ")）":
            continue
        before = next((k for k in kept if k.end == c.start - 1), None)
        if before is not None:
            if c.end + 1 < len(doc) and doc[c.end + 1].text in "」』" and before.start > 0 \
                    and doc[before.start - 1].text in "「『":  # 「エアーフロス（AirFloss）」: one name, two spellings
                c.type = before.type
            if before.type == c.type == "Person":  # a pen name, then the real one: key on the real name
                before.key = before.key or c.key or doc[c.start:c.end].text
            elif before.type == c.type:  # TSMC(台湾積体電路製造): key on the name used in the text
                c.key = c.key or before.key or doc[before.start:before.end].text
            continue
        start = c.start - 1
        while start > 0 and not (doc[start - 1].is_punct or doc[start - 1].is_space) and c.start - 1 - start < 3:
            start -= 1
        at_line_start = start == 0 or doc[start - 1].is_space or doc[start - 1].is_punct
        if at_line_start and start < c.start - 1 and c.type == "Person" and start not in by_start:
            name = doc[c.start:c.end].text
            added.append(Candidate(start, c.start - 1, c.type, "alias", RULE, key=c.key or name))
    return sorted(kept + added, key=lambda c: c.start)


def _nicknames(doc, kept: list[Candidate]) -> list[Candidate]:
    """A name and こと before a person's name is what the person is called: 「マルモ」こと阿部サダヲ. It is keyed to
    the person."""
    by_start = {c.start: c for c in kept}
    for c in kept:
        i = c.end + (c.end < len(doc) and doc[c.end].text in "」』")
        person = by_start.get(i + 1) if i < len(doc) and doc[i].text == "こと" else None
        if person is not None and person.type == "Person" and c.type != "Person":
            c.type, c.key = "Person", person.key or doc[person.start:person.end].text
    return kept


def _abbreviations(doc, kept: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """An abbreviation the text defines names the same thing as the name before it: ワールド・ベースボール・クラシック
    （WBC）, マンチェスター・ユナイテッド（以下「マンU」）, …、以下「マンU」, 略して「X」. It is keyed to that name."""
    taken = {i for c in kept for i in range(c.start, c.end)}
    added = []
    for c in kept:
        if c.type == "Person" or c.end >= len(doc):
            continue
        i = c.end + (doc[c.end].text in "」』")
        bracket = i < len(doc) and doc[i].text in "（("
        j = i + bracket
        marked = j < len(doc) and doc[j].text in lex.abbreviation_markers
        if not (bracket or (j < len(doc) and doc[j].text == "、" and j + 1 < len(doc)
                            and doc[j + 1].text in lex.abbreviation_markers and (j := j + 1))):
            continue
        if marked or doc[j].text in lex.abbreviation_markers:
            j += 1 + (j + 1 < len(doc) and doc[j + 1].text in "、，:：")
            marked = True
        quoted = j < len(doc) and doc[j].text in _QUOTES
        start = j + quoted
        end = start
        while end < len(doc) and end - start < 4 and doc[end].text not in ")）」』、。" and not doc[end].is_space:
            end += 1
        closing = end < len(doc) and doc[end].text in (")）" if bracket and not quoted else "」』")
        abbreviation = doc[start:end]
        if not (start < end and closing and (marked or _ACRONYM.match(abbreviation.text))) \
                or len(abbreviation.text) >= len(doc[c.start:c.end].text):
            continue
        key = c.key or doc[c.start:c.end].text
        found = next((k for k in kept if (k.start, k.end) == (start, end)), None)
        if found is not None:  # the tagger read it as a name already: it is this one's
            found.type, found.key = c.type, key
        elif not any(k in taken for k in range(start, end)):
            added.append(Candidate(start, end, c.type, "alias", CUE, key=key))
            taken |= set(range(start, end))
    return sorted(kept + added, key=lambda c: c.start)


def _leading_words(name: str) -> list[str]:
    """The name and its leading words, longest first: Optimus Vu L-06D, Optimus Vu, Optimus."""
    return [name] + [name[:k] for k in range(len(name) - 1, 0, -1) if name[k] in " 　"]


def _latin_words(name: str, rest: str) -> bool:
    """Whether ``rest`` carries a name that ends in a Latin letter or digit on with Latin words (Tab, it L-05D)."""
    name, rest = unicodedata.normalize("NFKC", name), unicodedata.normalize("NFKC", rest).lstrip()
    return bool(name[-1:].isascii() and name[-1:].isalnum() and rest[:1].isascii() and rest[:1].isalnum())


def _spread(segments: list[tuple[int, object]], mentions: list[Mention], lex: Lexicon,
            taught: list[Mention] = ()) -> list[Mention]:
    """Within a document, give every occurrence of a name the type and key its best mention has, and
    teach a person's full name's parts; the ``key`` ties the copies to the original. Names ``taught`` (found
    outside the segments) are found too, where no name of the segments is."""
    best: dict[str, tuple[int, str, str | None]] = {}
    votes: dict[str, Counter] = {}
    trust = {"gazetteer": GAZETTEER, "pattern": GAZETTEER, "category": CUE, "tagger": TAGGER, "ner": NER}
    for m in mentions:
        votes.setdefault(m.text, Counter())[m.type] += trust.get(m.source, RULE)
    top: dict[str, Counter] = {}  # the types the most trusted source gave a name, by count
    for m in mentions:
        rank = trust.get(m.source, RULE)
        if m.text not in best or rank > best[m.text][0]:
            best[m.text] = (rank, m.type, m.key)
            top[m.text] = Counter()
        if rank == best[m.text][0]:
            top[m.text][m.type] += 1
    for text, (rank, type_, key) in best.items():
        best[text] = (rank, top[text].most_common(1)[0][0], key)
    for m in mentions:
        rank, type_, key = best[m.text]
        if m.source in ("tagger", "ner") or trust.get(m.source, RULE) < rank:
            m.type = type_ if rank > NER else votes[m.text].most_common(1)[0][0]
            m.key = m.key or key
    people = {t for t, (_, type_, _) in best.items() if type_ == "Person"}
    pieces = {piece for t in people for piece in re.split(r"[・＝=]", t)[:1] if piece != t}
    for m in mentions:  # マツコ・デラックス or マツコ, which the tagger took for a company, where the other is a person
        first = re.split(r"[・＝=]", m.text)[0]
        if m.source == "tagger" and m.type == "Organization" and (
                first != m.text and first in people or m.text in pieces):
            m.type = "Person"
    parts: dict[str, tuple[str, str]] = {}
    for m in mentions:
        if m.type == "Person":
            pieces = re.split(r"[・＝=\s]+", m.text)
            if len(pieces) > 1:
                for piece in pieces:
                    if len(piece) >= 2:
                        parts.setdefault(piece, ("Person", m.key or m.text))
    surfaces = {text: (type_, key) for text, (rank, type_, key) in best.items()
                if len(text) >= 2 and text.casefold() not in lex.generic}
    for piece, value in parts.items():
        if piece not in surfaces or (surfaces[piece][0] == "Person" and not surfaces[piece][1]):
            surfaces[piece] = value
    short_names = _short_names(mentions, lex)
    for short, value in short_names.items():
        surfaces.setdefault(short, value)
    for m in taught:
        if len(m.text) >= 2 and m.text.casefold() not in lex.generic:
            surfaces.setdefault(m.text, (m.type, m.key))
    for m in mentions:  # a part already found on its own is tied to the full name
        if m.text in parts and m.text not in best or (m.text in parts and m.type == "Person" and not m.key):
            m.key = parts[m.text][1]
    starts = sorted(m.start for m in mentions)
    by_start = sorted(mentions, key=lambda m: m.start)
    added = []
    for offset, doc in segments:
        text = doc.text
        bounds_start = {offset + t.idx for t in doc}
        bounds_end = {offset + t.idx + len(t.text) for t in doc}
        busy = bytearray(len(text))  # characters already inside a mention: linear, however long the text
        for m in by_start[bisect.bisect_left(starts, offset):bisect.bisect_left(starts, offset + len(text))]:
            busy[m.start - offset:m.end - offset] = b"\1" * (m.end - m.start)
        for surface, (type_, key) in surfaces.items():
            at = text.find(surface)
            while at >= 0:
                end = at + len(surface)
                if offset + at in bounds_start and offset + end in bounds_end and not any(busy[at:end]) \
                        and not (surface in short_names and any("地名" in t.tag_ for t in doc.char_span(at, end))):
                    added.append(Mention(offset + at, offset + end, surface, type_, "spread", key=key))
                    busy[at:end] = b"\1" * len(surface)
                at = text.find(surface, at + 1)
    return sorted(mentions + added, key=lambda m: (m.start, m.end))


def _short_names(mentions: list[Mention], lex: Lexicon) -> dict[str, tuple[str, str]]:
    """The short name an organisation goes by after its full name (読売新聞 -> 読売, トヨタ自動車 -> トヨタ): the name
    without a suffix of organisations' names, if two characters or more remain; never a place (東京大学 -> 東京).
    A phone's model is called by its name without its model number, if two words remain (Optimus Vu L-06D ->
    Optimus Vu)."""
    shorts: dict[str, tuple[str, str]] = {}
    for m in mentions:
        words = m.text.split(" ")
        if m.type == "Product" and len(words) > 2 and MODEL_CODE.match(words[-1]) and all(map(is_latin, words)):
            shorts.setdefault(" ".join(words[:-1]), ("Product", m.key or m.text))
        if m.type != "Organization":
            continue
        for suffix in lex.org_suffixes:
            rest = m.text[:-len(suffix)]
            if m.text.endswith(suffix) and len(rest) >= 2 and rest.casefold() not in lex.generic \
                    and rest not in lex.place_prefixes and not rest.endswith(_NAME_JOINERS):
                shorts.setdefault(rest, ("Organization", m.key or m.text))
    return shorts
