"""Each extraction rule on a hand-built Doc (no model) or, marked `model`, on a sentence not from the seed."""

import pytest
from conftest import facts
from helpers import make_doc

from graph import ingest, pipeline
from graph.extract import extract
from graph.resolve import resolve


def table_rows(extraction) -> set[tuple[tuple[str, str, str], str]]:
    """((subject text, kind, object text), modality) of the facts a table's rows give."""
    m = extraction.mentions
    return {((m[r.subject].text, r.predicate, m[r.object].text), r.modality) for r in extraction.relations
            if r.rule == "table-row"}


def run(doc, profile):
    document = ingest.from_text(doc.text, "t")
    extraction = extract(document, [(0, doc)], profile)
    resolve([extraction], profile)
    return extraction


def test_relative_clause_fills_the_quoted_name_after_a_category_noun(profile):
    doc = make_doc("""
        トヨタ トヨタ PROPN 名詞-固有名詞-一般 2 nsubj
        が が ADP 助詞-格助詞 0 case
        開発 開発 VERB 名詞-普通名詞-サ変可能 5 acl
        し する AUX 動詞-非自立可能 2 aux
        た た AUX 助動詞 2 aux
        ロボット ロボット NOUN 名詞-普通名詞-一般 7 nmod
        「 「 PUNCT 補助記号-括弧開 7 punct
        ティーハー ティーハー NOUN 名詞-普通名詞-一般 7 ROOT
        」 」 PUNCT 補助記号-括弧閉 7 punct
        です です AUX 助動詞 7 cop
    """, ents=[(0, 1, "Organization", "Toyota")])
    extraction = run(doc, profile)
    assert ("ティーハー", "Product") in {(m.text, m.type) for m in extraction.mentions}
    assert facts(extraction) == {("トヨタ", "develops", "ティーハー")}


def test_nominalised_theme_of_a_contract_is_made_by_the_partner(profile):
    doc = make_doc("""
        アップル アップル PROPN 名詞-固有名詞-一般 10 nsubj
        は は ADP 助詞-係助詞 0 case
        A17 a17 NOUN 名詞-普通名詞-一般 4 nmod
        の の ADP 助詞-格助詞 2 case
        量産 量産 NOUN 名詞-普通名詞-サ変可能 10 obj
        を を ADP 助詞-格助詞 4 case
        TSMC TSMC PROPN 名詞-固有名詞-一般 10 obl
        と と ADP 助詞-格助詞 6 case
        100億ドル 100億ドル NOUN 名詞-普通名詞-一般 10 obl
        で で ADP 助詞-格助詞 8 case
        契約 契約 VERB 名詞-普通名詞-サ変可能 10 ROOT
        し する AUX 動詞-非自立可能 10 aux
        た た AUX 助動詞 10 aux
    """, ents=[(0, 1, "Organization", "Apple"), (2, 3, "Product_Other", ""), (6, 7, "Organization", "TSMC")])
    extraction = run(doc, profile)
    assert facts(extraction) == {("アップル", "contractsWith", "TSMC"), ("TSMC", "manufactures", "A17")}
    [contract] = [r for r in extraction.relations if r.predicate == "contractsWith"]
    named = {role: [extraction.mentions[i].text for i in ids] for role, ids in contract.qualifiers.items()}
    assert named == {"about": ["A17"], "value": ["100億ドル"]}
    assert extraction.mentions[contract.qualifiers["value"][0]].value == {"amount": 10000000000, "currency": "USD"}


def test_possessive_of_an_organisation_and_a_product_is_development(profile):
    doc = make_doc("""
        インテル インテル PROPN 名詞-固有名詞-一般 2 nmod
        の の ADP 助詞-格助詞 0 case
        CPU CPU NOUN 名詞-普通名詞-一般 4 nmod
        「 「 PUNCT 補助記号-括弧開 4 punct
        Xeon xeon NOUN 名詞-普通名詞-一般 4 ROOT
        」 」 PUNCT 補助記号-括弧閉 4 punct
    """, ents=[(0, 1, "Organization", "Intel")])
    assert facts(run(doc, profile)) == {("インテル", "develops", "Xeon")}


def test_names_written_together_nest_places_and_facilities(profile):
    doc = make_doc("""
        米 米 NOUN 名詞-普通名詞-一般 3 compound
        アリゾナ州 アリゾナ州 PROPN 名詞-固有名詞-地名-一般 3 compound
        フェニックス フェニックス PROPN 名詞-固有名詞-一般 3 compound
        工場 工場 NOUN 名詞-普通名詞-一般 3 ROOT
    """)
    extraction = run(doc, profile)
    assert {(m.text, m.type) for m in extraction.mentions} == {
        ("米", "Place"), ("アリゾナ州", "Place"), ("フェニックス工場", "Facility")}
    assert facts(extraction) == {("アリゾナ州", "locatedIn", "米"), ("フェニックス工場", "locatedIn", "アリゾナ州")}
    united_states = next(m for m in extraction.mentions if m.text == "米")
    assert united_states.entity.endswith("/United_States")


def test_person_names_joined_by_a_middle_dot_before_an_honorific_are_one_person_with_a_role(profile):
    doc = make_doc("""
        アナリスト アナリスト NOUN 名詞-普通名詞-一般 5 nmod
        の の ADP 助詞-格助詞 0 case
        ジョン ジョン PROPN 名詞-固有名詞-人名-一般 5 compound
        ・ ・ SYM 補助記号-一般 5 compound
        スミス スミス PROPN 名詞-普通名詞-一般 5 compound
        氏 氏 NOUN 接尾辞-名詞的-一般 5 ROOT
    """, ents=[(2, 3, "Person", ""), (4, 5, "Person", "")])
    [person] = run(doc, profile).mentions
    assert (person.text, person.type, person.role) == ("ジョン・スミス", "Person", "アナリスト")


@pytest.mark.model
def test_dropped_subject_is_the_person_of_a_byline(extract_text):
    extraction = extract_text("佐藤 花子\n北海道出身。株式会社テストラボの開発部で働いた。")
    assert ("佐藤 花子", "bornIn", "北海道") in facts(extraction)
    assert ("佐藤 花子", "worksFor", "株式会社テストラボ") in facts(extraction)


@pytest.mark.model
@pytest.mark.parametrize("sentence, modality", [
    ("ホンダは新型ロボット「アシモ」を発売する。", "asserted"),
    ("ホンダは新型ロボット「アシモ」を発売した。", "past"),
    ("ホンダは新型ロボット「アシモ」を発売する予定だ。", "planned"),
    ("ホンダは新型ロボット「アシモ」を発売するかもしれない。", "speculative"),
    ("ホンダは新型ロボット「アシモ」を発売しない。", "negated"),
    ("ホンダがロボット「アシモ」を発売するとき、市場は変わる。", "speculative"),
    ("ホンダがロボット「アシモ」を発売したとき、市場は変わった。", "past"),
    ("ホンダがロボット「アシモ」を発売する際、市場は変わった。", "past"),
    ("ホンダがロボット「アシモ」を発売した場合、市場は変わる。", "speculative"),
])
def test_modality_of_a_statement(extract_text, sentence, modality):
    extraction = extract_text(sentence)
    [release] = [r for r in extraction.relations if r.predicate == "releases"]
    assert release.modality == modality


@pytest.mark.model
def test_measured_attribute_said_of_the_noun_a_clause_modifies(extract_text):
    extraction = extract_text("歩留まりが60%と報じられるインテルは、新工場の建設を急ぐ。")
    [rate] = [r for r in extraction.relations if r.predicate == "yieldRate"]
    assert extraction.mentions[rate.subject].text == "インテル"
    assert extraction.mentions[rate.object].value == {"value": 60, "unit": "percent"}
    assert rate.modality == "reported"


@pytest.mark.model
@pytest.mark.parametrize("text, fact", [
    ("ドコモから新スマートフォン「ARROWS X F-10D」が登場した。", ("ドコモ", "releases", "ARROWS X F-10D")),  # from whom
    ("ソフトバンクは、渋谷に直営店「ソフトバンク表参道」をオープンした。", ("ソフトバンク", "operates", "ソフトバンク表参道")),
])
def test_what_appears_from_a_company_is_its_release_and_a_shop_it_opens_it_runs(extract_text, text, fact):
    assert fact in facts(extract_text(text))


@pytest.mark.model
@pytest.mark.parametrize("text, fact", [
    # the parser hangs から on a noun of the subject, or on the noun before the name, not on the predicate
    ("任天堂からパズルゲーム「ブロックタウン」が登場！", ("任天堂", "releases", "ブロックタウン")),
    ("ニコンから高画質の小型デジカメ「COOLPIX A」登場", ("ニコン", "releases", "COOLPIX A")),  # what appears
    ("auから販売中の「INFOBAR C01」は人気の端末です。", ("au", "releases", "INFOBAR C01")),  # an ongoing event
    ("日立は洗濯機「BD-S8600」を製品化した。", ("日立", "releases", "BD-S8600")),
    ("テレビ東京はドラマ「湯けむり探偵」を放映する。", ("テレビ東京", "releases", "湯けむり探偵")),
])
def test_a_release_said_from_its_source_or_as_an_ongoing_event(extract_text, text, fact):
    assert fact in facts(extract_text(text))


@pytest.mark.model
def test_a_place_marked_by_the_written_nite_is_where_an_event_is_held(extract_text):
    assert ("なにわ花火", "locatedIn", "大阪市") in facts(extract_text("大阪市にて花火大会「なにわ花火」が開催された。"))
    assert ("ぷよぷよフェスタ", "locatedIn", "秋葉原") in facts(extract_text("セガは秋葉原にて「ぷよぷよフェスタ」を開催した。"))


@pytest.mark.model
def test_who_releases_a_series_releases_the_models_of_it_the_article_names(extract_text):
    extraction = extract_text("キヤノンは、デジタルカメラ「PowerShot Gシリーズ」の2機種を発売する。\n"
                              "「PowerShot G15」は明るいレンズを備える。「PowerShot G1 X」は大型センサーを備える。\n"
                              "「PowerShot Sシリーズ」も好評だ。")
    found = facts(extraction)
    assert {("キヤノン", "releases", "PowerShot G15"), ("キヤノン", "releases", "PowerShot G1 X")} <= found
    [fact] = [r for r in extraction.relations if extraction.mentions[r.object].text == "PowerShot G15"]
    assert (fact.rule, fact.start) == ("series", 0)  # the evidence is the sentence that names the series' fact
    assert not {f for f in found if f[2].startswith("PowerShot S")}


@pytest.mark.model
@pytest.mark.parametrize("after, facts_", [
    ("いずれもAndroid 4.0を搭載します。",
     {("Android 4.0", "installedIn", "ARROWS X F-10D"), ("Android 4.0", "installedIn", "MEDIAS X N-07D")}),
    ("両機種ともBluetoothに対応する。",
     {("ARROWS X F-10D", "usesTechnology", "Bluetooth"), ("MEDIAS X N-07D", "usesTechnology", "Bluetooth")}),
    ("2機種ともBluetoothに対応する。",
     {("ARROWS X F-10D", "usesTechnology", "Bluetooth"), ("MEDIAS X N-07D", "usesTechnology", "Bluetooth")}),
])
def test_a_collective_word_stands_for_each_item_of_the_list_just_named(extract_text, after, facts_):
    extraction = extract_text("NTTドコモは、スマートフォン「ARROWS X F-10D」と「MEDIAS X N-07D」を発売する。" + after)
    assert facts_ <= facts(extraction)
    assert {r.rule for r in extraction.relations if r.predicate != "releases"} == {"collective"}


@pytest.mark.model
def test_a_collective_word_far_from_any_list_stands_for_nothing(extract_text):
    extraction = extract_text("NTTドコモは、スマートフォン「ARROWS X F-10D」と「MEDIAS X N-07D」を発売する。"
                              + "価格は未定で、発売日は追って知らせるとしており、店頭での予約は来週から受け付ける予定だ。" * 4
                              + "いずれもBluetoothに対応する。")
    assert not [r for r in extraction.relations if r.rule == "collective"]


@pytest.mark.model
def test_a_headlines_closing_tag_is_a_sentence_of_its_own():
    from graph import nlp

    doc = nlp.load_model()("ヤマハが新型ピアノ「P-125」を発売へ【売れ筋チェック】")
    assert [s.text for s in doc.sents] == ["ヤマハが新型ピアノ「P-125」を発売へ", "【売れ筋チェック】"]


@pytest.mark.model
def test_a_name_written_full_width_is_read_as_ascii_at_the_articles_offsets(extract_text):
    text = "ソニーは新製品「ＮＷ−Ｓ７６４」を発売した。"
    [model] = [m for m in extract_text(text).mentions if m.text == "NW-S764"]
    assert text[model.start:model.end] == "ＮＷ−Ｓ７６４"


@pytest.mark.model
@pytest.mark.parametrize("text, fact", [
    ("NMB48の山本彩が番組に出演した。", ("山本彩", "memberOf", "NMB48")),  # a group's member, not its employee
    ("自民党の安倍晋三が語った。", ("安倍晋三", "memberOf", "自民党")),  # a party's
    ("トヨタ自動車の山田太郎が語った。", ("山田太郎", "worksFor", "トヨタ自動車")),  # a company's employee
    ("布袋寅泰の妻の今井美樹が語った。", ("今井美樹", "spouseOf", "布袋寅泰")),  # a spouse, by the noun
])
def test_a_person_named_with_an_organisation_or_a_person(extract_text, text, fact):
    assert fact in facts(extract_text(text))


@pytest.mark.model
def test_a_shop_named_with_its_company_is_run_by_it(extract_text):
    text = "新製品はオンライン直販「パナソニックストア」で購入できる。パナソニックは新製品を発表した。"
    assert ("パナソニック", "operates", "パナソニックストア") in facts(extract_text(text))


@pytest.mark.model
def test_a_category_noun_continued_by_de_is_the_topic_it_describes(extract_text):
    text = "「MEDIAS W」は、NECが開発したスマートフォンで、Android 4.0を搭載している。"
    assert ("NEC", "develops", "MEDIAS W") in facts(extract_text(text))


@pytest.mark.model
def test_a_relative_clause_modifies_the_name_its_nouns_are_written_with(extract_text):
    assert ("RING CUBE", "locatedIn", "銀座") in facts(extract_text("銀座にあるリコーフォトギャラリーRING CUBEで開催される。"))


@pytest.mark.model
def test_coordinated_targets_give_one_fact_each(extract_text):
    extraction = extract_text("新しいチップ「X9」は、ロボット「アトラス」やロボット「スポット」に搭載される。")
    assert {("X9", "installedIn", "アトラス"), ("X9", "installedIn", "スポット")} <= facts(extraction)


@pytest.mark.model
@pytest.mark.parametrize("text, expected, wrong", [
    # a list the parse loses: items parted by や and 、, a gloss in parentheses, common nouns between names
    ("REGZA Phone T-02Dは、ワンセグやおサイフケータイ（FeliCa）、防水・防塵、NFCに対応している。",
     {("REGZA Phone T-02D", "usesTechnology", t) for t in ("ワンセグ", "おサイフケータイ", "NFC")}, None),
    # or at its end: 赤外線, a feature any phone may have, is no named technology
    ("REGZA Phone T-02Dは、ワンセグやおサイフケータイ（FeliCa）、防水・防塵、赤外線に対応している。",
     {("REGZA Phone T-02D", "usesTechnology", t) for t in ("ワンセグ", "おサイフケータイ")},
     ("REGZA Phone T-02D", "usesTechnology", "赤外線")),
    # names written quote after quote, each the thing an event is of
    ("NTTドコモ、スマートフォン「ELUGA V P-06D」「MEDIAS X N-07D」の発売日を正式決定",
     {("NTTドコモ", "releases", "ELUGA V P-06D"), ("NTTドコモ", "releases", "MEDIAS X N-07D")}, None),
    # a noun before a name is no item of the list: the brand is not what is released
    ("ソニーモバイル、新作Xperiaスマートフォン「Xperia tipo」「Xperia tipo dual」を発表！",
     {("ソニーモバイル", "releases", "Xperia tipo"), ("ソニーモバイル", "releases", "Xperia tipo dual")},
     ("ソニーモバイル", "releases", "Xperia")),
    # a common noun stands for the names its parentheses give
    ("AQUOS PHONE si SH-01Eは、防水（IPX5およびIPX7準拠）や防塵（IP5X準拠）に対応しています。",
     {("AQUOS PHONE si SH-01E", "usesTechnology", t) for t in ("IPX5", "IPX7", "IP5X")}, None),
    ("「AT830」は、モバイルネットワーク（3Gおよび4G）には非対応。",
     {("AT830", "usesTechnology", "3G"), ("AT830", "usesTechnology", "4G")}, None),
])
def test_every_name_of_a_written_list_gets_the_fact(extract_text, text, expected, wrong):
    found = facts(extract_text(text))
    assert expected <= found and wrong not in found


@pytest.mark.model
@pytest.mark.parametrize("text, fact, modality", [
    # a headline after a line's mark, its plan of release a noun (発売予定)
    ("■NTTドコモ、薄型スマホ「MEDIAS X N-07D」を7月13日に発売予定！", ("NTTドコモ", "releases", "MEDIAS X N-07D"), "planned"),
    # a maker at the end of a line that opens with the product's name and a colon
    ("・「EXILIMケータイ W53CA」: 2007年8月発売、出荷台数約80万台 (カシオ計算機株式会社製)",
     ("カシオ計算機株式会社", "manufactures", "EXILIMケータイ W53CA"), None),
    # a release put off is still one to come
    ("東芝は「REGZAブルーレイ D-BR1」の発売を来年1月に延期。", ("東芝", "releases", "REGZAブルーレイ D-BR1"), "planned"),
    # a headline's subject, before a name that is no second subject of a list
    ("■Google、どらえもんの誕生を記念してコンテンツ「みらいサーチ」を開設", ("Google", "operates", "みらいサーチ"), None),
    # a headline the parse cuts in two still opens with its subject
    ("■jig.jp、位置情報ベースのAndroid向けリマインダーアプリ「Spotus」を公開", ("jig.jp", "releases", "Spotus"), None),
    # the count of models stands for the name it begins with
    ("パナソニックは、冷蔵庫 「NR-F556XV」他、5機種を10月15日より発売する。", ("パナソニック", "releases", "NR-F556XV"), None),
    # a maker after the quote, past the model number the quote gives in parentheses
    ("タッチペンの「デジタイザー・ペン（型番：41U3143）」（レノボ製）を紹介します。",
     ("レノボ", "manufactures", "デジタイザー・ペン"), None),
    # a line that opens with a name and a colon describes it
    ("「ＣＯＯＬＰＩＸ　Ｓ８００ｃ」：Ａｎｄｒｏｉｄ搭載、Ｗｉ−Ｆｉ（Ｒ）対応モデル",
     ("COOLPIX S800c", "usesTechnology", "Wi-Fi"), None),  # full-width letters read as ASCII
    # a device's operating system, written with の
    ("GALAXY Note SC-05DのAndroid 4.0が8月中に！", ("Android 4.0", "installedIn", "GALAXY Note SC-05D"), None),
])
def test_headlines_counts_and_descriptions_name_what_they_are_about(extract_text, text, fact, modality):
    extraction = extract_text(text)
    assert fact in facts(extraction)
    if modality:
        [found] = [r for r in extraction.relations if r.predicate == fact[1]]
        assert found.modality == modality


@pytest.mark.model
@pytest.mark.parametrize("text, fact, wrong", [
    # the parse hangs the owner on the verb before it: the surface still says whose the product is
    ("先日新モデルが登場したASUSTeKのスレートPC「Eee Slate B121」。", ("ASUSTeK", "develops", "Eee Slate B121"), None),
    # a platform glued to the category noun says what the product is built on, not what the company makes
    ("I-O DATAのAndroidプレーヤー「alimo」を紹介した。", ("I-O DATA", "develops", "alimo"),
     ("I-O DATA", "develops", "Android")),
])
def test_a_name_and_its_category_nouns_before_a_quoted_product_own_it(extract_text, text, fact, wrong):
    found = facts(extract_text(text))
    assert fact in found and wrong not in found


@pytest.mark.model
@pytest.mark.parametrize("text, fact, wrong", [
    # each owner owns what comes after it, not the name listed before it
    ("ほかにもパナソニックの「ビエラ」やアップルの「iPad」でもサービスを行っている。",
     ("アップル", "develops", "iPad"), ("アップル", "develops", "ビエラ")),
    # a carrier's own make (純正) is one it develops, not only sells
    ("ホームアプリはドコモ純正の「docomo PALLET UI」が搭載されている。",
     ("ドコモ", "develops", "docomo PALLET UI"), None),
    # a place of a company's factory, a list's "besides" and a quoted work say nothing of where or whom
    ("同氏による中国の“Apple工場”の報告だ。", None, ("Apple", "locatedIn", "中国")),
    ("「IPAD」を中国のほか、EU、メキシコなどで販売していた。", None, ("EU", "locatedIn", "中国")),
    ("“アメイジング・スパイダーマン” のマーク・ウェッブがプロデューサーに名を連ねている。", None,
     ("マーク・ウェッブ", "worksFor", "アメイジング・スパイダーマン")),
])
def test_what_a_possessive_owns_and_what_it_does_not(extract_text, text, fact, wrong):
    found = facts(extract_text(text))
    assert (fact is None or fact in found) and wrong not in found


@pytest.mark.model
@pytest.mark.parametrize("text, fact, wrong", [
    # a product named with its maker's name, in another spelling than the maker's mention
    ("Intel Core i7-3517Uを搭載した。インテルの新型CPUだ。", ("インテル", "develops", "Intel Core i7-3517U"), None),
    ("KDDIは、「auスマートパス」向けのLINEを提供する。", ("KDDI", "releases", "auスマートパス"), None),  # au is KDDI, which sells
    ("EU9iはEUの規格に沿う。", None, ("EU", "develops", "EU9i")),  # the company's name is no word of its own
    # a service the text has introduced as one, and a shop, are run, not made
    ("UQコミュニケーションズは、データ通信サービス「UQ WiMAX」を提供する。UQ WiMAXの料金を改定した。",
     ("UQコミュニケーションズ", "operates", "UQ WiMAX"), ("UQコミュニケーションズ", "releases", "UQ WiMAX")),
])
def test_a_product_named_with_a_company_s_name_is_the_company_s(extract_text, text, fact, wrong):
    found = facts(extract_text(text))
    assert (fact is None or fact in found) and wrong not in found


@pytest.mark.model
def test_a_noun_stands_for_the_name_quoted_after_it(extract_text):
    extraction = extract_text("Googleは、同社が運営するコンテンツ配信マーケット「Google Play」で使えるカードを発表した。")
    assert ("Google", "operates", "Google Play") in facts(extraction)


@pytest.mark.model
@pytest.mark.parametrize("text, expected", [
    # a cleft: what was announced is the names the clause is equated with, each of a count of models
    ("東芝は、タブレット4機種を発表した。今回発表されたのは「AT830」「AT700」の2モデル。",
     {("東芝", "releases", "AT830"), ("東芝", "releases", "AT700")}),
    ("「AT830」を開発したのは東芝だ。", {("東芝", "develops", "AT830")}),
    ("ソニーは「Xperia GX」と「Xperia SX」の2機種をリリースします。",
     {("ソニー", "releases", "Xperia GX"), ("ソニー", "releases", "Xperia SX")}),
])
def test_a_cleft_and_a_count_of_models_stand_for_the_names_they_equal(extract_text, text, expected):
    assert expected <= facts(extract_text(text))


@pytest.mark.model
@pytest.mark.parametrize("text, expected", [
    ("NTTドコモ、スマートフォン「ARROWS X F-10D」を発売\n\n■主な仕様\n\nOS Android 4.0\nCPU\n"
     "(チップ名/クロック) MSM8960/1.5GHz デュアルコア\nBluetooth：2.1+EDR\nGPS ◯\nNFC -\n"
     "DLNA\n（対応機器） ◯（テレビ）\n",
     {(("Android 4.0", "installedIn", "ARROWS X F-10D"), "asserted"),
      (("MSM8960", "installedIn", "ARROWS X F-10D"), "asserted"),  # a key alone on its line keys the next
      (("ARROWS X F-10D", "usesTechnology", "Bluetooth"), "asserted"),  # a version says it has it
      (("ARROWS X F-10D", "usesTechnology", "GPS"), "asserted"),
      (("ARROWS X F-10D", "usesTechnology", "NFC"), "negated"),
      (("ARROWS X F-10D", "usesTechnology", "DLNA"), "asserted")}),
    # a row of cells marks each technology; a short line that opens with a heading's word heads a list of rows
    ("ソフトバンク、「かんたん携帯 108SH」を発表\n\n■主な対応サービス・機能\n"
     "ワンセグ ○ メディアプレイヤー ○ Bluetooth ○\nIrDA − 3Gハイスピード ○※1\n\n"
     "主な仕様は以下の通り\n\n・OS：Android 4.0\n",
     {(("かんたん携帯 108SH", "usesTechnology", "ワンセグ"), "asserted"),
      (("かんたん携帯 108SH", "usesTechnology", "Bluetooth"), "asserted"),
      (("かんたん携帯 108SH", "usesTechnology", "IrDA"), "negated"),
      (("かんたん携帯 108SH", "usesTechnology", "3G"), "asserted"),
      (("Android 4.0", "installedIn", "かんたん携帯 108SH"), "asserted")}),
    # the product the title quotes, not a service it supports; the maker a row names makes it
    ("NTTドコモ、XiやNOTTVに対応した全部入りスマホ「REGZA Phone T-02D」の発売日を決定\n\n■主な仕様\n\n"
     "メーカー 富士通東芝モバイルコミュニケーションズ株式会社\nOS Android 4.0\n",
     {(("Android 4.0", "installedIn", "REGZA Phone T-02D"), "asserted"),
      (("富士通東芝モバイルコミュニケーションズ株式会社", "manufactures", "REGZA Phone T-02D"), "asserted")}),
])
def test_a_spec_table_says_what_its_product_holds_and_uses(extract_text, text, expected):
    assert table_rows(extract_text(text)) == expected


@pytest.mark.model
def test_a_record_says_who_makes_its_thing_and_what_it_requires(extract_text):
    extraction = extract_text("記事執筆：にゃんこ\n\nアプリ名：ぬこショートカットアイコン【無料版】\n価格：無料\n"
                              "開発者：IGNIS LTD.\nANDROID 要件：2.2 以上\n\n開発者：Keynan Software\n")
    assert facts(extraction) == {("IGNIS LTD", "develops", "ぬこショートカットアイコン"),
                                 ("ぬこショートカットアイコン", "usesTechnology", "ANDROID")}  # a blank line ends it
    assert next(m for m in extraction.mentions if m.text == "IGNIS LTD").type == "Organization"
    models = extract_text("製品名：NT-TX1000/AC200BK\n").mentions
    assert [m.text for m in models] == ["NT-TX1000", "AC200BK"]
    assert [m.text for m in extract_text("製品名：「Stylo Pad 2」\n").mentions] == ["Stylo Pad 2"]  # no quotes


@pytest.mark.model
def test_a_footnotes_mark_after_a_quoted_name_is_no_part_of_it(extract_text):
    names = [m.text for m in extract_text("映像エンジン「DIGIC 5（※1）」を搭載する。").mentions]
    assert names == ["DIGIC 5"]


@pytest.mark.model
def test_what_a_sentence_builds_in_without_saying_into_what_goes_into_the_product_of_the_text(extract_text):
    extraction = extract_text("ASUSは「Nexus 7」を発表した。GPSやNFCを搭載します。")
    assert {("Nexus 7", "usesTechnology", "GPS"), ("Nexus 7", "usesTechnology", "NFC")} <= facts(extraction)
    # a clause that only describes a thing says nothing of the product
    assert not {f for f in facts(extract_text("「Nexus 7」は7インチのタブレットです。NFCを搭載したモデルもある。"))
                if f[2] == "NFC"}


@pytest.mark.model
def test_who_appears_without_a_named_event_appears_at_the_event_of_the_title(extract_text):
    extraction = extract_text("「ニコニコ町会議」が呼子町で開催\n8月5日、呼子町にてニコニコ町会議が開催された。\n"
                              "人気踊り手のめろちんさんが登場した。")
    assert ("めろちん", "appearsIn", "ニコニコ町会議") in facts(extraction)
    # without an event in the title, nothing is said of where
    assert not facts(extract_text("夏祭りが開かれた。\n人気踊り手のめろちんさんが登場した。"))


@pytest.mark.model
def test_subjects_joined_by_a_conjunction_give_one_fact_each(extract_text):
    extraction = extract_text("KDDIおよび沖縄セルラーは、おサイフケータイに対応したスマートフォン「AQUOS PHONE IS13SH」を発売した。")
    assert {("KDDI", "releases", "AQUOS PHONE IS13SH"), ("沖縄セルラー", "releases", "AQUOS PHONE IS13SH")} \
        <= facts(extraction)


def test_a_legal_form_is_part_of_the_mention_and_not_of_the_label(profile):
    doc = make_doc("""
        株式会社 株式会社 NOUN 名詞-普通名詞-一般 1 compound
        ミライテック ミライテック PROPN 名詞-固有名詞-一般 3 nsubj
        は は ADP 助詞-係助詞 1 case
        設立 設立 VERB 名詞-普通名詞-サ変可能 3 ROOT
        さ する AUX 動詞-非自立可能 3 aux
        れ れる AUX 助動詞 3 aux
        た た AUX 助動詞 3 aux
    """)
    [company] = run(doc, profile).mentions
    assert (company.text, company.type) == ("株式会社ミライテック", "Organization")
    from graph.resolve import resolve as resolve_all
    entities = resolve_all([run(doc, profile)], profile).entities
    assert [e.labels["ja"] for e in entities.values()] == ["ミライテック"]


def test_a_known_company_takes_in_the_legal_form_after_it(profile):
    doc = make_doc("""
        インテル インテル PROPN 名詞-固有名詞-一般 3 nsubj
        社 社 NOUN 接尾辞-名詞的-一般 0 compound
        が が ADP 助詞-格助詞 0 case
        発表 発表 VERB 名詞-普通名詞-サ変可能 3 ROOT
    """, ents=[(0, 1, "Organization", "Intel")])
    [company] = run(doc, profile).mentions
    assert (company.text, company.type) == ("インテル社", "Organization")
    assert company.entity.endswith("/Intel")


def tagged(doc, *spans):
    """The doc with the tagger's spans (start, end, label) set where graph/ner.py keeps them."""
    from spacy.tokens import Span

    doc.spans["entities"] = [Span(doc, s, e, label=label) for s, e, label in spans]
    return doc


def test_a_known_name_inside_a_longer_tagged_name_is_part_of_it(profile):
    doc = tagged(make_doc("""
        日本 日本 PROPN 名詞-固有名詞-地名-国 1 compound
        証券業協会 証券業協会 NOUN 名詞-普通名詞-一般 1 ROOT
    """, ents=[(0, 1, "Place", "Japan")]), (0, 2, "Organization"))
    assert [(m.text, m.type) for m in run(doc, profile).mentions] == [("日本証券業協会", "Organization")]


PLACE_NAME_INSIDE_A_NAME = """
    喜望 喜望 PROPN 名詞-固有名詞-地名-一般 1 compound
    峰 峰 NOUN 名詞-普通名詞-一般 3 obl
    に に ADP 助詞-格助詞 1 case
    到達 到達 VERB 名詞-普通名詞-サ変可能 3 ROOT
"""


def test_a_place_name_tag_is_a_place_only_where_the_tagger_has_not_read_the_text(profile):
    assert [(m.text, m.type) for m in run(make_doc(PLACE_NAME_INSIDE_A_NAME), profile).mentions] == [("喜望", "Place")]
    # the tagger reads Sudachi's tag among its features: where it found no name, there is none
    assert run(tagged(make_doc(PLACE_NAME_INSIDE_A_NAME)), profile).mentions == []


@pytest.mark.parametrize("name, word, label, mention", [
    ("ニクソン", "政権", "Organization", "ニクソン政権"),  # the administration, not Nixon
    ("山田", "夫妻", "Person", "山田"),
])
def test_words_like_seiken_are_cut_off_a_person_and_not_off_an_organisation(profile, name, word, label, mention):
    doc = tagged(make_doc(f"""
        {name} {name} PROPN 名詞-固有名詞-一般 1 compound
        {word} {word} NOUN 名詞-普通名詞-一般 1 ROOT
    """), (0, 2, label))
    assert [(m.text, m.type) for m in run(doc, profile).mentions] == [(mention, label)]


def test_a_facility_named_after_a_place_is_split_from_it(profile):
    doc = tagged(make_doc("""
        アリゾナ州 アリゾナ州 PROPN 名詞-固有名詞-地名-一般 2 compound
        フェニックス フェニックス PROPN 名詞-固有名詞-一般 2 compound
        工場 工場 NOUN 名詞-普通名詞-一般 2 ROOT
    """, ents=[(0, 1, "Place", "Arizona")]), (0, 3, "Facility"))
    extraction = run(doc, profile)
    assert [(m.text, m.type) for m in extraction.mentions] == [("アリゾナ州", "Place"), ("フェニックス工場", "Facility")]
    assert facts(extraction) == {("フェニックス工場", "locatedIn", "アリゾナ州")}


def test_a_category_noun_with_common_words_is_no_name_and_a_tagged_name_takes_a_known_key(profile):
    doc = tagged(make_doc("""
        AI AI NOUN 名詞-普通名詞-一般 1 compound
        チップ チップ NOUN 名詞-普通名詞-一般 4 nmod
        と と ADP 助詞-格助詞 1 case
        米 米 NOUN 名詞-普通名詞-一般 4 compound
        インテル インテル PROPN 名詞-固有名詞-一般 4 ROOT
    """, ents=[(4, 5, "Organization", "Intel")]), (0, 2, "Product"), (3, 4, "Place"))
    mentions = run(doc, profile).mentions
    assert [(m.text, m.type) for m in mentions] == [("米", "Place"), ("インテル", "Organization")]
    assert mentions[0].entity.endswith("/United_States")


@pytest.mark.parametrize("rows, tagged_as, name", [
    ("""
        X9 X9 NOUN 名詞-普通名詞-一般 3 nsubj
        は は ADP 助詞-係助詞 0 case
        新型 新型 NOUN 名詞-普通名詞-一般 3 compound
        チップ チップ NOUN 名詞-普通名詞-一般 4 ROOT
        です です AUX 助動詞 3 cop
    """, "Organization", "X9"),
    ("""
        X9 X9 NOUN 名詞-普通名詞-一般 2 nmod
        という という ADP 助詞-格助詞 0 case
        チップ チップ NOUN 名詞-普通名詞-一般 2 ROOT
    """, "Event", "X9"),
])
def test_a_name_said_to_be_of_a_category_takes_its_type(profile, rows, tagged_as, name):
    doc = make_doc(rows)
    doc = tagged(doc, (0, 1, tagged_as))
    [m] = [m for m in run(doc, profile).mentions if m.text == name]
    assert m.type == "Product"


def test_a_name_tagged_inside_a_short_quote_is_the_whole_quote(profile):
    doc = tagged(make_doc("""
        「 「 PUNCT 補助記号-括弧開 3 punct
        猫 猫 NOUN 名詞-普通名詞-一般 3 nmod
        と と ADP 助詞-格助詞 1 case
        宇宙 宇宙 NOUN 名詞-普通名詞-一般 5 obj
        」 」 PUNCT 補助記号-括弧閉 3 punct
        を を ADP 助詞-格助詞 3 case
        読む 読む VERB 動詞-一般 5 ROOT
    """), (3, 4, "Product"))
    assert [(m.text, m.type) for m in run(doc, profile).mentions] == [("猫と宇宙", "Product")]


def test_a_quote_a_publisher_brings_out_is_a_title(profile):
    doc = make_doc("""
        「 「 PUNCT 補助記号-括弧開 3 punct
        春 春 NOUN 名詞-普通名詞-一般 3 nsubj
        は は ADP 助詞-係助詞 1 case
        来る 来る VERB 動詞-非自立可能 8 obj
        」 」 PUNCT 補助記号-括弧閉 3 punct
        を を ADP 助詞-格助詞 3 case
        東都 東都 PROPN 名詞-固有名詞-一般 8 obl
        から から ADP 助詞-格助詞 6 case
        刊行 刊行 VERB 名詞-普通名詞-サ変可能 8 ROOT
    """)
    assert ("春は来る", "Product") in [(m.text, m.type) for m in run(doc, profile).mentions]


def test_quotes_listed_before_a_category_noun_take_its_type(profile):
    doc = tagged(make_doc("""
        「 「 PUNCT 補助記号-括弧開 1 punct
        ボヌール ボヌール NOUN 名詞-普通名詞-一般 12 obl
        」 」 PUNCT 補助記号-括弧閉 1 punct
        、 、 PUNCT 補助記号-読点 1 punct
        「 「 PUNCT 補助記号-括弧開 5 punct
        月光 月光 NOUN 名詞-普通名詞-一般 1 conj
        」 」 PUNCT 補助記号-括弧閉 5 punct
        と と ADP 助詞-格助詞 5 case
        いっ いう VERB 動詞-一般 5 acl
        た た AUX 助動詞 8 aux
        文芸 文芸 NOUN 名詞-普通名詞-一般 11 compound
        誌 誌 NOUN 接尾辞-名詞的-一般 12 nmod
        に に ADP 助詞-格助詞 11 case
    """), (1, 2, "Organization"))
    assert [(m.text, m.type) for m in run(doc, profile).mentions] == [("ボヌール", "Product"), ("月光", "Product")]


def test_a_quote_someone_says_names_no_title(profile):
    doc = tagged(make_doc("""
        「 「 PUNCT 補助記号-括弧開 1 punct
        イグアナ イグアナ NOUN 名詞-普通名詞-一般 5 obl
        かな かな PART 助詞-終助詞 1 mark
        」 」 PUNCT 補助記号-括弧閉 1 punct
        と と ADP 助詞-格助詞 1 case
        答え 答える VERB 動詞-一般 5 ROOT
        た た AUX 助動詞 5 aux
    """), (1, 3, "Product"))
    assert run(doc, profile).mentions == []


@pytest.mark.parametrize("rows, tagged_as, typed", [
    # a category phrase in apposition types the name after it
    ("""
        教育 教育 NOUN 名詞-普通名詞-一般 2 compound
        用 用 NOUN 接尾辞-名詞的-一般 2 compound
        OS OS NOUN 名詞-普通名詞-一般 4 nmod
        の の ADP 助詞-格助詞 2 case
        ミニクス ミニクス PROPN 名詞-固有名詞-一般 4 ROOT
    """, "Organization", "Product"),
    ("""
        投資 投資 NOUN 名詞-普通名詞-サ変可能 1 compound
        会社 会社 NOUN 名詞-普通名詞-一般 4 obl
        で だ AUX 助動詞 1 cop
        ある ある VERB 動詞-非自立可能 4 acl
        インベストール インベストール PROPN 名詞-固有名詞-一般 4 ROOT
    """, "Product", "Organization"),
    # but a person after a company is someone who works there
    ("""
        投資 投資 NOUN 名詞-普通名詞-サ変可能 1 compound
        会社 会社 NOUN 名詞-普通名詞-一般 4 nmod
        の の ADP 助詞-格助詞 1 case
        佐藤 佐藤 PROPN 名詞-固有名詞-人名-姓 4 compound
        一郎 一郎 PROPN 名詞-固有名詞-人名-名 4 ROOT
    """, "Person", "Person"),
])
def test_a_name_after_a_category_phrase_in_apposition_takes_its_type(profile, rows, tagged_as, typed):
    doc = make_doc(rows)
    name = doc[len(doc) - (2 if tagged_as == "Person" else 1):]
    doc = tagged(doc, (name.start, name.end, tagged_as))
    assert (name.text, typed) in [(m.text, m.type) for m in run(doc, profile).mentions]


def test_a_company_named_in_a_quoted_headline_is_not_the_headline(profile):
    doc = tagged(make_doc("""
        「 「 PUNCT 補助記号-括弧開 4 punct
        東都電力 東都電力 PROPN 名詞-固有名詞-一般 4 nsubj
        に に ADP 助詞-格助詞 1 case
        撤退 撤退 NOUN 名詞-普通名詞-サ変可能 4 nmod
        無し 無し NOUN 名詞-普通名詞-一般 4 ROOT
        」 」 PUNCT 補助記号-括弧閉 4 punct
    """), (1, 2, "Organization"))
    assert [(m.text, m.type) for m in run(doc, profile).mentions] == [("東都電力", "Organization")]


@pytest.mark.parametrize("rows, span, name", [
    # a legal form names one company, though the words before it are common nouns
    ("""
        東洋 東洋 NOUN 名詞-普通名詞-一般 2 compound
        パルプ パルプ NOUN 名詞-普通名詞-一般 2 compound
        株式会社 株式会社 NOUN 名詞-普通名詞-一般 2 ROOT
    """, (0, 3), "東洋パルプ株式会社"),
    # 日 before a common noun is the name's first character, not the country
    ("""
        日 日 NOUN 名詞-普通名詞-一般 2 compound
        学 学 NOUN 接尾辞-名詞的-一般 2 compound
        株式会社 株式会社 NOUN 名詞-普通名詞-一般 2 ROOT
    """, (0, 3), "日学株式会社"),
    # the full stop of an abbreviation ends the name
    ("""
        京都 京都 PROPN 名詞-固有名詞-地名-一般 5 compound
        サンガ サンガ PROPN 名詞-固有名詞-一般 5 compound
        F F NOUN 名詞-普通名詞-一般 5 compound
        . . PUNCT 補助記号-句点 2 punct
        C C NOUN 名詞-普通名詞-一般 5 compound
        . . PUNCT 補助記号-句点 4 punct
    """, (0, 6), "京都サンガF.C."),
])
def test_a_tagged_organisation_keeps_the_ends_that_belong_to_its_name(profile, rows, span, name):
    doc = tagged(make_doc(rows), (*span, "Organization"))
    assert [(m.text, m.type) for m in run(doc, profile).mentions] == [(name, "Organization")]


def test_a_title_keeps_its_closing_wave_dash_and_the_known_place_inside_it(profile):
    doc = tagged(make_doc("""
        Sea Sea NOUN 名詞-普通名詞-一般 0 ROOT
        〜 〜 PUNCT 補助記号-一般 2 punct
        Tokyo Tokyo PROPN 名詞-固有名詞-地名-一般 3 compound
        Edition Edition NOUN 名詞-普通名詞-一般 0 appos
        〜 〜 PUNCT 補助記号-一般 3 punct
        が が ADP 助詞-格助詞 0 case
    """, ents=[(2, 3, "Place", "Tokyo")]), (0, 5, "Product"))
    assert [(m.text, m.type) for m in run(doc, profile).mentions] == [("Sea〜TokyoEdition〜", "Product")]


@pytest.mark.model
def test_a_possessive_spreads_over_a_list_joined_by_soshite(extract_text):
    extraction = extract_text("ソニーの新型ゲーム機「P5」、そしてロボット「アイボ」。")
    assert {("ソニー", "develops", "P5"), ("ソニー", "develops", "アイボ")} <= facts(extraction)


@pytest.mark.model
def test_the_noun_before_naru_carries_the_predicate_and_its_list(extract_text):
    extraction = extract_text("新チップ「Z1」は、ロボット「アトラス」やドローン「スカイ」の頭脳となる。")
    assert {("Z1", "installedIn", "アトラス"), ("Z1", "installedIn", "スカイ")} <= facts(extraction)


@pytest.mark.model
def test_a_category_noun_is_named_by_the_next_sentence(extract_text):
    extraction = extract_text("重要なのは、ロボット「アトラス」に搭載されるチップです。ホンダが開発したこのチップが「Q7」です。")
    assert {("Q7", "installedIn", "アトラス"), ("ホンダ", "develops", "Q7")} <= facts(extraction)


@pytest.mark.model
def test_a_passive_without_an_agent_takes_the_topic_by_a_rule_of_its_own(extract_text):
    extraction = extract_text("ホンダは新しい工場を建てた。新型チップ「Q9」はそこで量産される。")
    [made] = [r for r in extraction.relations if r.predicate == "manufactures"]
    assert (extraction.mentions[made.subject].text, extraction.mentions[made.object].text) == ("ホンダ", "Q9")
    assert made.rule == "zero-subject"  # whose confidence is measured apart from a stated subject's


def test_a_value_the_tagger_took_for_a_name_stays_a_value(profile):
    doc = tagged(make_doc("""
        フォロワー フォロワー NOUN 名詞-普通名詞-一般 1 compound
        240万人 240万人 NOUN 名詞-普通名詞-一般 1 ROOT
    """), (0, 2, "Product"))
    assert [(m.text, m.type) for m in run(doc, profile).mentions] == [("240万人", "Quantity")]


@pytest.mark.parametrize("name, label", [
    ("(株)ファミリーマート", "ファミリーマート"), ("テスラ社", "テスラ"), ("BLW社", "BLW"), ("講談社", "講談社"),
    ("トヨタ自動車株式会社", "トヨタ自動車"),
])
def test_an_organisation_is_labelled_without_its_legal_form(profile, name, label):
    from graph.resolve import bare

    assert bare(name, profile["names"]["legal_forms"]) == label


@pytest.mark.model
@pytest.mark.parametrize("text, fact", [
    ("ホンダは新型車を発表した。同社社長の佐藤太郎氏によると、販売は好調だ。", ("佐藤太郎", "leads", "ホンダ")),
    ("ホンダの佐藤太郎社長は、販売は好調だと語った。", ("佐藤太郎", "leads", "ホンダ")),
    ("ホンダは決算を発表した。佐藤太郎社長は、販売は好調だと語った。", ("佐藤太郎", "leads", "ホンダ")),
    ("ホンダCEOである佐藤太郎氏はこう語る。", ("佐藤太郎", "leads", "ホンダ")),  # the role glued, before である
    ("ニワンゴ社長杉本が司会を務める。", ("杉本", "leads", "ニワンゴ")),  # telegraphic: no の
    ("GLAYのボーカル・TERUが語った。", ("TERU", "memberOf", "GLAY")),  # a band's member
    ("ソフトバンク孫正義社長が語った。", ("孫正義", "leads", "ソフトバンク")),  # a company written before the name
])
def test_a_person_named_with_a_role_leads_or_is_a_member_of_the_organisation(extract_text, text, fact):
    extraction = extract_text(text)
    assert fact in facts(extraction)
    assert not {f for f in facts(extraction) if f[0] == fact[0] and f[1] in ("worksFor", "memberOf")} - {fact}


@pytest.mark.model
@pytest.mark.parametrize("text, company, person", [
    ("トヨタ豊田社長が新型車について語った。", "トヨタ", "豊田"),
    ("シャープ奥田新社長が会見した。", "シャープ", "奥田"),  # a new president
    ("インテル吉田社長が語った。", "インテル", "吉田"),  # a company's name that is a word of the dictionary too
])
def test_a_headlines_surname_between_a_company_and_a_role_is_a_person_of_the_company(extract_text, text, company,
                                                                                      person):
    extraction = extract_text(text)
    names = {(m.text, m.type) for m in extraction.mentions if not m.is_value}
    assert {(company, "Organization"), (person, "Person")} <= names
    assert (person, "leads", company) in facts(extraction)


@pytest.mark.model
def test_a_place_before_a_branchs_role_is_no_person(extract_text):
    extraction = extract_text("エプソン関西支社長が語った。")
    assert not [m for m in extraction.mentions if m.type == "Person"]


@pytest.mark.model
def test_a_topic_is_what_a_clause_before_the_predicate_builds_into(extract_text):
    extraction = extract_text("COOLPIX S800cはAndroidを搭載し、Wi-Fiに対応する。")
    assert {("Android", "installedIn", "COOLPIX S800c"), ("COOLPIX S800c", "usesTechnology", "Wi-Fi")} \
        <= facts(extraction)


@pytest.mark.parametrize("text, name", [
    ("SoftBank 106SH &mdash; 発売中", "SoftBank 106SH"),  # markup left in the text
    ("■アスク、最新GPU搭載カードを発売", "アスク"),  # a list's mark before a name
    ("株式会社jig.jp　事業推進部 グループリーダー　島田純氏", "株式会社jig.jp"),  # a space after it
    ("・ドコモのスマホに強い味方！ドコモ AQUOS PHONE SH-01D対応大容量バッテリー", "AQUOS PHONE SH-01D"),  # a carrier before
    ("Bluetooth&reg; Ver.3.0に対応する。", "Bluetooth"),
    ("デコレメール ○ Flash&reg; ○ スマートセキュリティ ○", "デコレメール"),  # a table's marks
])
def test_markup_marks_spaces_and_a_carrier_are_no_part_of_a_name(extract_text, text, name):
    names = [m.text for m in extract_text(text).mentions if not m.is_value]
    assert name in names and not any(n[0] in "■　" or n[-1] in "　" or "&" in n or "○" in n for n in names)


@pytest.mark.model
def test_a_light_verb_carries_the_event_its_object_names(extract_text):
    extraction = extract_text("ソニーは新型カメラ「α1」の販売を開始した。")
    assert ("ソニー", "releases", "α1") in facts(extraction)


@pytest.mark.model
@pytest.mark.parametrize("text, fact", [
    ("グーグルのモトローラ買収で市場は変わる。", ("グーグル", "acquires", "モトローラ")),
    ("ヤフーによるアスクル出資が話題になった。", ("ヤフー", "investsIn", "アスクル")),  # the frame's own object role
])
def test_a_predicate_noun_after_two_names_is_their_event(extract_text, text, fact):
    assert facts(extract_text(text)) == {fact}


@pytest.mark.model
@pytest.mark.parametrize("text, modality", [
    ("グーグルのモトローラ買収を検討している。", "planned"),
    ("iPhoneのLTE対応を期待する声が多い。", "speculative"),  # hoped for, not said to be so
])
def test_an_events_noun_takes_the_modality_of_the_verb_it_is_an_argument_of(extract_text, text, modality):
    [fact] = extract_text(text).relations
    assert fact.modality == modality


@pytest.mark.model
def test_a_company_guessed_from_the_topic_is_said_with_less_confidence(extract_text):
    extraction = extract_text("ホンダは決算を発表した。佐藤太郎社長は、販売は好調だと語った。")
    [lead] = [r for r in extraction.relations if r.predicate == "leads"]
    assert lead.rule == "role-topic" and lead.confidence < 0.8


@pytest.mark.model
@pytest.mark.parametrize("text, fact, wrong", [
    # a company the article names in passing is not the one its leader's bare role is of; the topic is
    ("ドコモは新製品を発表した。会場にはグーグルの担当者も訪れた。山田社長は意欲を見せた。",
     ("山田", "leads", "ドコモ"), ("山田", "leads", "グーグル")),
    ("会場にはグーグルの担当者も訪れた。山田社長は意欲を見せた。", None, ("山田", "leads", "グーグル")),
    # a role the parser ends a sentence at is still the role of the name after it
    ("ソフトバンクグループの代表 孫正義氏は、Twitterを通じて活発な発言をしている。",
     ("孫正義", "leads", "ソフトバンクグループ"), None),
])
def test_a_bare_role_leads_the_company_the_text_says(extract_text, text, fact, wrong):
    found = facts(extract_text(text))
    assert fact is None or fact in found
    assert wrong not in found


@pytest.mark.model
def test_gazetteer_names_match_as_the_model_cuts_them(extract_text):
    """The profile's ruler tokenizes its phrases as ja_ginza does (split mode C), so テキサス州 and
    サムスン電子, one token each for the model, are matched as the gazetteer's."""
    extraction = extract_text("サムスン電子は米テキサス州で半導体を生産する。")
    sources = {m.text: (m.source, m.entity.rsplit("/", 1)[1]) for m in extraction.mentions if m.entity}
    assert sources["サムスン電子"] == ("gazetteer", "Samsung_Electronics")
    assert sources["テキサス州"] == ("gazetteer", "Texas")


@pytest.mark.model
def test_web_and_mail_addresses_name_nothing(extract_text):
    extraction = extract_text("詳しくは http://news.livedoor.com まで。問い合わせは info@sony.co.jp へ。"
                              "トヨタは www.toyota.co.jp で発表した。")
    assert [m.text for m in extraction.mentions if not m.is_value] == ["トヨタ"]


@pytest.mark.parametrize("rows, places", [
    ("""
        日米 日米 NOUN 名詞-普通名詞-一般 3 nmod
        欧 欧 NOUN 名詞-普通名詞-一般 3 nmod
        豪 豪 NOUN 名詞-普通名詞-一般 3 nmod
        の の ADP 助詞-格助詞 2 case
        市場 市場 NOUN 名詞-普通名詞-一般 3 ROOT
    """, [("日", "Japan"), ("米", "United_States"), ("欧", "Europe"), ("豪", "Australia")]),
    # after a dash or a slash, as in a headline
    ("""
        秋 秋 NOUN 名詞-普通名詞-一般 1 compound
        発売 発売 NOUN 名詞-普通名詞-サ変可能 1 ROOT
        ／ ／ SYM 補助記号-一般 1 punct
        米 米 NOUN 名詞-普通名詞-一般 4 compound
        欧 欧 NOUN 名詞-普通名詞-一般 1 obl
        で で ADP 助詞-格助詞 4 case
    """, [("米", "United_States"), ("欧", "Europe")]),
    # a pair before a noun is part of a name or a word, and so is a verbal noun made of prefixes
    ("""
        日米 日米 NOUN 名詞-普通名詞-一般 1 compound
        会談 会談 NOUN 名詞-普通名詞-サ変可能 1 ROOT
    """, []),
    ("""
        電圧 電圧 NOUN 名詞-普通名詞-一般 2 obj
        を を ADP 助詞-格助詞 0 case
        印加 印加 VERB 名詞-普通名詞-サ変可能 2 ROOT
        する する AUX 動詞-非自立可能 2 aux
    """, []),
])
def test_countries_abbreviated_and_written_together_are_one_place_each(profile, rows, places):
    extraction = run(make_doc(rows), profile)
    mentions = [m for m in extraction.mentions if m.type == "Place"]
    assert [(m.text, m.entity.rsplit("/", 1)[1]) for m in mentions] == places
    assert facts(extraction) == set()  # a list: none of them is in another


@pytest.mark.model
@pytest.mark.parametrize("text, fact", [
    ("大人気アニメ「魔法少女まどか☆マギカ」（毎日放送）の映画化が明らかになった。",
     ("毎日放送", "releases", "魔法少女まどか☆マギカ")),  # a broadcaster in parentheses after a title
    ("番組「ギルガメッシュLIGHT（ライト）」（BSジャパン）として復活する。",
     ("BSジャパン", "releases", "ギルガメッシュLIGHT")),  # past the title's reading
    ("ソニーは新型スマートフォン「Xperia GX」を発売した。高速通信のLTEに対応する。",
     ("Xperia GX", "usesTechnology", "LTE")),  # a dropped subject is the product just released
    ("パナソニックから「目もとエステ」新発売【売れ筋チェック】",
     ("パナソニック", "releases", "目もとエステ")),  # a headline: the name before the predicate noun
    ("特番「ABCニュース」（テレビ朝日／12月22日放送）で紹介された。",
     ("テレビ朝日", "releases", "ABCニュース")),  # the broadcaster before a slash and the date
    ("ソニーは、新型カメラ「α1」を発売したことを発表した。",
     ("ソニー", "releases", "α1")),  # a clause before こと is what is said: its subject is the sentence's
    ("Adobe、Android 4.1 JellyBeanに「Flash Player」を提供しないことを発表",
     ("Adobe", "releases", "Flash Player")),  # a headline's subject; a platform's version is no company
])
def test_the_maker_in_parentheses_and_the_product_just_released(extract_text, text, fact):
    assert fact in facts(extract_text(text))



@pytest.mark.model
@pytest.mark.parametrize("text, wrong", [
    # a release that only dates the product after it says nothing of who sold it
    ("ドコモは新サービスを発表した。私は昨冬発売された「ARROWS X」を使っている。", ("ドコモ", "releases", "ARROWS X")),
    # what supports a standard, unsaid, is a product, not the company the text spoke of
    ("KDDIは冬モデルの説明会を開いた。防水やおサイフケータイにも対応する。", ("KDDI", "usesTechnology", "おサイフケータイ")),
])
def test_a_dropped_subject_is_not_a_company_the_text_only_spoke_of(extract_text, text, wrong):
    assert wrong not in facts(extract_text(text))


@pytest.mark.model
def test_a_role_the_text_gives_an_owner_of_is_not_the_topics(extract_text):
    extraction = extract_text("アップルは新製品を発表した。これはカリフォルニア州のジェリー・ブラウン知事が発表したものだ。")
    assert not [f for f in facts(extraction) if f[0] == "ジェリー・ブラウン"]


@pytest.mark.model
def test_a_role_before_a_name_is_of_the_organisation_before_it_and_a_former_one_is_past(extract_text):
    extraction = extract_text("元ホンダ社員・佐藤太郎氏が語った。")
    [fact] = [r for r in extraction.relations if r.predicate == "worksFor"]
    assert (extraction.mentions[fact.object].text, fact.modality) == ("ホンダ", "past")
    assert not [f for f in facts(extract_text("日本代表の香川真司が得点した。")) if f[0] == "香川真司"]  # a name, no role
    # a mayor serves a city, not the company the text is about
    assert not [f for f in facts(extract_text("トヨタは新型車を発表した。橋下市長はこれを歓迎した。")) if f[0] == "橋下"]


@pytest.mark.model
@pytest.mark.parametrize("text, fact", [
    ("KDDIは更新サービス「ケータイアップデート」を提供開始した。", ("KDDI", "operates", "ケータイアップデート")),
    ("ドコモは動画配信サービス「VIDEOストア」を提供している。", ("ドコモ", "operates", "VIDEOストア")),
    ("ソニーは新型カメラ「α1」を発売開始した。", ("ソニー", "releases", "α1")),  # a light verb after its event
])
def test_a_service_one_provides_is_one_it_operates(extract_text, text, fact):
    found = facts(extract_text(text))
    assert fact in found
    assert (fact[0], "releases" if fact[1] == "operates" else "operates", fact[2]) not in found


@pytest.mark.model
@pytest.mark.parametrize("text, fact", [
    ("19日に放送された「火曜曲!」（TBS系）で、山田太郎と鈴木花子が新曲を披露した。", ("鈴木花子", "appearsIn", "火曜曲!")),
    ("山田太郎氏は、自身が出演した番組「ABCニュース」について語った。", ("山田太郎", "appearsIn", "ABCニュース")),
    ("鈴木花子が主演を務めるドラマ「ゴースト」が放送される。", ("鈴木花子", "appearsIn", "ゴースト")),  # a light verb
    ("番組「スッキリ」では加藤浩次が司会を務める。", ("加藤浩次", "appearsIn", "スッキリ")),
])
def test_people_who_act_in_a_programme_appear_in_it(extract_text, text, fact):
    found = facts(extract_text(text))
    assert fact in found
    assert not {f for f in found if f[1] == "relatedTo" and {f[0], f[2]} == {fact[0], fact[2]}}  # the typed fact only


@pytest.mark.model
def test_people_who_act_with_a_product_not_aired_appear_in_nothing(extract_text):
    found = facts(extract_text("新型カメラ「α1」（ソニー）で、山田太郎が夜景を撮影した。"))
    assert ("ソニー", "releases", "α1") in found
    assert not {f for f in found if f[1] == "appearsIn"}


@pytest.mark.model
@pytest.mark.parametrize("text, fact", [
    ("四谷にある韓国大使館が懸垂幕を掲げた。", ("韓国大使館", "locatedIn", "四谷")),
    ("トヨタは愛知県に位置する企業だ。", ("トヨタ", "locatedIn", "愛知県")),
    ("ASUSは台湾・台北で行われているイベントで新製品を発表した。", ("台北", "locatedIn", "台湾")),
])
def test_where_a_thing_is_said_to_be(extract_text, text, fact):
    assert fact in facts(extract_text(text))


@pytest.mark.model
@pytest.mark.parametrize("text", ["日本・韓国で開催された。", "日本・韓国・台北で開催された。", "この技術はソニーである。"])
def test_places_listed_with_a_middle_dot_and_a_copula_place_nothing(extract_text, text):
    assert not {f for f in facts(extract_text(text)) if f[1] == "locatedIn"}


@pytest.mark.model
@pytest.mark.parametrize("text, fact, not_fact", [
    ("ニコンデジタルカメラ「COOLPIX S800c」を試した。", ("ニコン", "develops", "COOLPIX S800c"), None),
    ("ドコモスマートフォン「ARROWS X」が人気だ。", ("ドコモ", "releases", "ARROWS X"), None),  # a carrier sells it
    ("Androidタブレット端末「Eee Pad」を試した。", ("Android", "installedIn", "Eee Pad"), None),
    ("急いでダッシュしよう「トイレダッシュ」【Androidアプリ】", ("トイレダッシュ", "usesTechnology", "Android"),
     ("Android", "installedIn", "トイレダッシュ")),  # a headline's tag after the name
    ("ドコモは、Android 4.0（開発コード名：IceCream Sandwich；ICS）搭載防水スマートフォン「AQUOS PHONE st SH-07D」の"
     "更新を始めた。", ("Android 4.0", "installedIn", "AQUOS PHONE st SH-07D"), None),  # a gloss before 搭載
    ("Android時計アプリ「ドロイド君時計」を試した。", ("ドロイド君時計", "usesTechnology", "Android"),
     ("Android", "installedIn", "ドロイド君時計")),  # software runs on a platform, has none built in
    ("同社のAndroid向けポータルサイト「SQUARE ENIX MARKET」を提供開始した。",
     ("SQUARE ENIX MARKET", "usesTechnology", "Android"), ("Android", "installedIn", "SQUARE ENIX MARKET")),  # a site
    ("グーグルは、Twitterアプリ「jigtwi」を発売した。", ("グーグル", "releases", "jigtwi"),
     ("Twitter", "develops", "jigtwi")),  # software for a service, not by it
])
def test_a_name_before_the_category_noun_of_a_named_product(extract_text, text, fact, not_fact):
    found = facts(extract_text(text))
    assert fact in found
    assert not_fact not in found


@pytest.mark.model
@pytest.mark.parametrize("text, fact, wrong", [
    ("ソニーは新型スマートフォン「Xperia tipo」を発売した。Android 4.0を採用します。",
     ("Android 4.0", "installedIn", "Xperia tipo"), ("Xperia tipo", "usesTechnology", "Android 4.0")),
    ("ZOTACのmini-ITXマザーがXeonをサポートする。", None, ("ZOTAC", "develops", "mini-ITX")),
    ("AI6はTSMCのN2プロセスで製造する。", ("TSMC", "develops", "N2"), None),  # the category noun of its own type
    ("NVIDIAは、Keplerを搭載したGeForce GTX680を発表した。", ("GeForce GTX680", "usesTechnology", "Kepler"),
     ("Kepler", "installedIn", "GeForce GTX680")),  # an architecture is used, only an operating system built in
    ("Desktop Video 9.0はWindows 7とMac OS Xに対応する。", ("Desktop Video 9.0", "usesTechnology", "Mac OS X"),
     ("Mac OS X", "installedIn", "Desktop Video 9.0")),  # what software supports it runs on
    ("川内議員もツイッターの津田氏の発言に気が付いた。", None, ("津田", "worksFor", "ツイッター")),
])
def test_what_a_product_adopts_and_what_a_possessive_does_not_say(extract_text, text, fact, wrong):
    found = facts(extract_text(text))
    assert fact is None or fact in found
    assert wrong not in found


@pytest.mark.parametrize("text, mentions", [
    ("OS：Android4.0 ICS", [("Android4.0 ICS", "Technology")]),  # a row's label; a platform's version
    ("「Xperia GX」：Xi対応Android 4.0 ICS搭載スマートフォン",
     [("Xperia GX", "Product"), ("Xi", "Technology"), ("Android 4.0 ICS", "Technology")]),  # what it supports
    ("NTTドコモは2012年夏モデルを発表した。", [("NTTドコモ", "Organization")]),  # a season's lineup
    ("本日アスキーフェスのブースで紹介した。", [("アスキーフェス", "Event")]),  # a day before the name
    ("アプリアイコンもジョジョ風に変えられるんです！", [("ジョジョ", "Product")]),  # a style after it
    ("南欧諸国の財政危機が話題だ。", [("南欧", "Place")]),  # where or how, after it (諸国, 管内, 国内)
    ("auは、auスマートパスを提供する。", [("au", "Organization"), ("auスマートパス", "Product")]),  # a brand's
    ("ドコモショップと日立フルハイビジョンテレビ", [("ドコモショップ", "Organization"), ("日立", "Organization")]),
    ("Googleが開発者イベント「Google I/O 2012」で発表した。",  # a word of an event's name
     [("Google", "Organization"), ("Google I/O 2012", "Event")]),
    ("「M2MクラウドEXPO」が同時開催された。", [("M2MクラウドEXPO", "Event")]),  # glued to other letters too
    ("I-O DATA製ハードディスクHVL-AVSシリーズを使う。",  # a category noun glued before
     [("I-O DATA", "Organization"), ("HVL-AVSシリーズ", "Product")]),
    ("田中慎弥は芥川賞を受賞した。", [("田中慎弥", "Person"), ("芥川賞", "Product")]),  # an award is no company
    ("フィリップスは新製品「ソニッケアー　エアーフロス（Ｓｏｎｉｃａｒｅ　ＡｉｒＦｌｏｓｓ）」を販売する。",  # a gloss
     [("フィリップス", "Organization"), ("ソニッケアー　エアーフロス", "Product")]),
    ("新機能「Gatekeeper」はアプリの実行を制限する。", [("Gatekeeper", "Technology")]),  # a feature is a technology
    ("中田氏は「『これがなければ買わない！』という機能を選んだ」と語った。", [("中田", "Person")]),  # words said of one
    ("docomo with seriesのうち「F-09D」を展示した。", [("docomo with series", "Product"), ("F-09D", "Product")]),
    ("エイサーの薄型Ultrabookはx86プロセッサを積む。", [("エイサー", "Organization"), ("x86", "Technology")]),  # a class
])
def test_a_row_label_a_lineup_and_what_a_name_supports_are_no_part_of_a_name(profile, text, mentions):
    result = pipeline.build(texts={"a": text})
    assert [(m.text, m.type) for m in result.extractions[0].mentions if not m.is_value] == mentions


def test_a_named_version_of_a_known_technology_is_one_name_of_its_type(profile):
    result = pipeline.build(texts={"a": "32ビット版のWindows XPを使っている。"})
    assert [(m.text, m.type) for m in result.extractions[0].mentions] == [("Windows XP", "Technology")]


def test_a_known_name_inside_a_value_is_part_of_the_value(profile):
    result = pipeline.build(texts={"a": "4Gバイト以上のメモリーを積んだ。3Gにも対応する。"})
    assert [(m.text, m.type) for m in result.extractions[0].mentions] == [("4Gバイト以上", "Quantity"), ("3G", "Technology")]


@pytest.mark.model
@pytest.mark.parametrize("text", ["ブランドは「LUMIX（ルミックス）」の機能も引き継ぐ。",
                                  "スマートフォン「PANTONE 5 107SH（パントン・ファイヴ・イチゼロナナエスシチ）」を発売。"])
def test_a_name_read_out_in_parentheses_is_no_maker(extract_text, text):
    assert not {f for f in facts(extract_text(text)) if f[1] in ("releases", "develops", "manufactures")}


@pytest.mark.model
@pytest.mark.parametrize("text, fact", [
    ("ドコモはボーダフォンとの提携を発表した。", ("ドコモ", "partnersWith", "ボーダフォン")),  # the event's partner
    ("ボーダフォンとの提携によって、ドコモは新サービスを提供できるようになる。",
     ("ドコモ", "partnersWith", "ボーダフォン")),  # an event the clause follows from, done by its subject
    ("ネットジャパンの総合バックアップ＆リストアソフト「Active Image Protector」を試した。",
     ("ネットジャパン", "develops", "Active Image Protector")),  # the owner of a phrase the parser split
    ("毎日新聞のWEB媒体「毎日.jp」もそうだった。", ("毎日新聞", "operates", "毎日.jp")),  # a site is run
    ("ドスパラを運営する株式会社サードウェーブは発表した。", ("株式会社サードウェーブ", "operates", "ドスパラ")),  # a name the
    # dictionary does not hold, which a company runs
    ("BlackBerry版の「LINE」が登場！", ("LINE", "usesTechnology", "BlackBerry")),  # an edition for a platform
    ("「LINE」のAndroid版を公開した。", ("LINE", "usesTechnology", "Android")),
    ("スクウェア・エニックスは「ファイナルファンタジーレジェンズ」のAndroid版およびiOS版を配信開始した。",
     ("ファイナルファンタジーレジェンズ", "usesTechnology", "iOS")),  # each of a list of editions
    ("スクウェア・エニックスは「ファイナルファンタジーレジェンズ」のAndroid版およびiOS版を配信開始した。",
     ("スクウェア・エニックス", "releases", "ファイナルファンタジーレジェンズ")),  # an edition stands for its product
    ("米国Googleも抗議を表明した。", ("Google", "locatedIn", "米国")),  # a country written before a company
])
def test_events_named_by_a_noun_and_what_a_company_owns(extract_text, text, fact):
    assert fact in facts(extract_text(text))


def test_what_a_company_runs_is_a_name_only_if_the_dictionary_does_not_hold_it(profile):
    assert pipeline.build(texts={"a": "同社はサイトを運営する。"}).extractions[0].mentions == []


@pytest.mark.parametrize("text, source, known", [
    ("東芝", "gazetteer", True), ("正興電機製作所", "tagger", True), ("エステー", "tagger", True),  # reference list
    ("ボカロ", "tagger", False), ("HTPC", "tagger", False),
])
def test_a_company_for_sure_is_known_by_the_gazetteer_its_form_or_the_reference_list(profile, text, source, known):
    from graph.extract.mentions import Lexicon, known_company
    from graph.model import Mention

    assert known_company(Mention(0, len(text), text, "Organization", source), Lexicon.of(profile)) is known


@pytest.mark.parametrize("text, mention", [
    ("11日に放送された「怒り新党」（テレビ朝日系）で、マツコ・デラックスと有吉弘行が、元アナウンサーの発言に触れた。"
     "同番組ではマツコと有吉がコメントを添える。", ("マツコ", "Person", "マツコ・デラックス")),  # the tagger: a company
    ("「いいぞ夏目ちゃん!」という声が相次いだ。夏目三久は語った。", ("夏目", "Person", "夏目三久")),  # ちゃん marks a person
])
def test_a_part_of_a_persons_name_is_that_person(profile, text, mention):
    result = pipeline.build(texts={"a": text})
    assert mention in {(m.text, m.type, m.key) for m in result.extractions[0].mentions}


@pytest.mark.parametrize("text, fact", [
    ("ソニーの開発した「nasne」が人気だ。", ("ソニー", "develops", "nasne")),  # の marks a relative clause's subject
    ("ソニーが開発した「nasne」を発売した。", ("ソニー", "develops", "nasne")),  # が hung on the later verb
    ("GoogleのリリースしたSNS「Google+」は好評だ。", ("Google", "releases", "Google+")),
    ("これが次世代スマートフォン！ドコモ「Xperia acro HD SO-03D」開封レポート",
     ("ドコモ", "releases", "Xperia acro HD SO-03D")),  # a headline's company before a product in quotes
    ("写真でみる世界最軽量Ultrabook、NEC「LaVie Z」", ("NEC", "develops", "LaVie Z")),
    ("新しいノートPCはインテルCore i7を搭載する。", ("インテル", "develops", "Core i7")),  # a maker before the name
    ("シャープ独自のユーザーインターフェイス「Feel UX」を使える。", ("シャープ", "develops", "Feel UX")),  # its own
    ("同じ機能のAmazonの「Kindle Touch（広告なし、Wi-Fiモデル）」は139ドルだ。",
     ("Amazon", "develops", "Kindle Touch")),  # the quote after の, which the parser hung elsewhere
    ("ドコモ AQUOS PHONE SH-01D向けのケースが登場した。", ("ドコモ", "releases", "AQUOS PHONE SH-01D")),  # a carrier
    ("来週はau向け「ARROWS Z ISW13F」および「AQUOS PHONE CL IS17SH」、「GALAXY SII WiMAX ISW11SC」の新色が発売される。",
     ("au", "releases", "GALAXY SII WiMAX ISW11SC")),  # the last of a long list for a carrier
    ("ソフトバンクの「AQUOS PHONE 104SH」が人気だ。", ("ソフトバンク", "releases", "AQUOS PHONE 104SH")),
    ("NTTドコモは「ARROWS X」の発売を決定した。", ("NTTドコモ", "releases", "ARROWS X")),  # the event decided
    ("アプリ「WishScope」を展開しているザワット株式会社が企画した。", ("ザワット株式会社", "releases", "WishScope")),
    ("Googleは3日、期間限定コンテンツ「みらいサーチ」を開設した。", ("Google", "operates", "みらいサーチ")),  # a site opened
    ("「スッキリ!!」(日本テレビ系列)の特集がネット掲示板で物議を醸している。",
     ("日本テレビ", "releases", "スッキリ!!")),  # a programme its broadcaster follows in parentheses
    ("大槻教授は、自身が出演した「ビートたけしの禁断のスクープ大暴露!!超常現象SP(秘)Xファイル」（テレビ朝日／12月22日放送）"
     "について暴露した。", ("テレビ朝日", "releases", "ビートたけしの禁断のスクープ大暴露!!超常現象SP(秘)Xファイル")),
])
def test_who_makes_and_sells_a_product_written_in_a_clause_or_a_headline(extract_text, text, fact):
    assert fact in facts(extract_text(text))


@pytest.mark.parametrize("text, fact", [
    ("ソニーは、台湾・台北で行われている展示会「COMPUTEX TAIPEI 2013」で新製品を発表した。",
     ("COMPUTEX TAIPEI 2013", "locatedIn", "台北")),  # a light verb with a named event holds it
    ("KDDIは、LTE方式による高速データ通信サービス「au 4G LTE」を始めた。",
     ("au 4G LTE", "usesTechnology", "LTE")),  # what a product works by
])
def test_an_event_held_and_a_technology_a_product_works_by(extract_text, text, fact):
    assert fact in facts(extract_text(text))


@pytest.mark.parametrize("text, fact", [
    ("ウォークマンやAndroidスマートフォン、PlayStation Vitaなどの対応機器で楽しめる。",
     ("Android", "installedIn", "PlayStation Vita")),  # the next of a list is no name of the category noun
    ("iPhoneやAndroid対応端末が増えている。", ("Android", "installedIn", "iPhone")),  # nor one listed before it
])
def test_a_category_noun_stands_for_no_name_of_its_list(extract_text, text, fact):
    assert fact not in facts(extract_text(text))


def test_a_product_is_of_the_owner_nearest_it(extract_text):
    found = facts(extract_text("アップルのテレビとパナソニックの「ビエラ」を比べた。"))
    assert ("パナソニック", "develops", "ビエラ") in found
    assert ("アップル", "develops", "ビエラ") not in found


def test_a_client_for_a_service_is_not_made_by_it(extract_text):
    extraction = extract_text("今回紹介するTwitterクライアント「twitcle」は使いやすいアプリです。")
    assert not {f for f in facts(extraction) if f[0] == "Twitter"}


@pytest.mark.model
@pytest.mark.parametrize("text, fact", [
    ("BSKBB03WHは、Bluetooth 3.0のHIDプロファイルに対応した折りたたみキーボードです。",
     ("BSKBB03WH", "usesTechnology", "Bluetooth 3.0")),  # a technology's category noun stands for the one before の
])
def test_a_category_noun_of_technologies_stands_for_the_technology_it_is_of(extract_text, text, fact):
    assert fact in facts(extract_text(text))


@pytest.mark.model
def test_a_category_noun_of_products_does_not_stand_for_the_product_it_is_of(extract_text):
    extraction = extract_text("楽天は「Kobo」のサイトを新たに開設した。")
    assert ("楽天", "operates", "Kobo") not in facts(extraction)


@pytest.mark.model
@pytest.mark.parametrize("text, fact", [
    ("Android 4.0に対応したスマートフォン「ARROWS X F-10D」を発売した。", ("Android 4.0", "installedIn", "ARROWS X F-10D")),
    ("画像編集ソフト「Photoshop CS5」はWindows 7に対応する。", ("Photoshop CS5", "usesTechnology", "Windows 7")),
    ("Desktop Video 9.0は、Windows 7に対応する。", ("Desktop Video 9.0", "usesTechnology", "Windows 7")),
])
def test_an_operating_system_a_device_supports_is_built_into_it_and_software_runs_on_it(extract_text, text, fact):
    assert fact in facts(extract_text(text))
