"""Entities you can trust, with the real model, on sentences written for each case: one node per thing within
and across documents, no node for what is no name, and identifiers from the reference list of companies."""

import pytest

from graph import nlp, pipeline

pytestmark = pytest.mark.model


def entities_of(texts: dict[str, str]) -> dict[str, set[str]]:
    """Each mention's text -> the local names of the entities it denotes, over all the documents."""
    result = pipeline.build(texts=texts)
    out: dict[str, set[str]] = {}
    for extraction in result.extractions:
        for m in extraction.mentions:
            if m.entity:
                out.setdefault(m.text, set()).add(m.entity.rsplit("/", 1)[1])
    return out


def one(found: dict[str, set[str]], *names: str) -> bool:
    return len(set().union(*(found[n] for n in names))) == 1


@pytest.mark.parametrize("text, names", [
    ("女優の安達祐実が舞台に立った。安達は笑顔で語った。", ("安達祐実", "安達")),
    ("韓国の李明博大統領が来日した。李大統領は会談に臨んだ。", ("李明博", "李")),
    ("タレントの中島知子が会見した。中島は涙を見せた。", ("中島知子", "中島")),
    ("NHKアナウンサーの堀潤氏がツイッターを閉鎖した。堀氏のアカウントは人気だった。", ("堀潤", "堀")),
])
def test_a_name_part_joins_the_full_name_of_its_document(text, names):
    assert one(entities_of({"a": text}), *names)


def test_a_bare_surname_never_joins_people_of_other_documents():
    found = entities_of({"a": "歌手の上原多香子が結婚した。上原は幸せそうだった。",
                         "b": "タレントの上原美優さんが亡くなった。上原さんは人気だった。",
                         "c": "上原氏は取材に応じた。"})
    assert found["上原多香子"] != found["上原美優"]
    assert len(found["上原"]) == 3  # the first document's, the second's, and the third's own


@pytest.mark.parametrize("text, names", [
    ("ワールド・ベースボール・クラシック（WBC）が開幕した。WBCで日本は勝利した。",
     ("ワールド・ベースボール・クラシック", "WBC")),
    ("マンチェスター・ユナイテッド（以下「マンU」）に香川真司が入団した。マンUは強豪だ。",
     ("マンチェスター・ユナイテッド", "マンU")),
    ("ソニー・コンピュータエンタテインメント（SCE）は新型機を発表した。SCEは好調だ。",
     ("ソニー・コンピュータエンタテインメント", "SCE")),
    ("読売新聞によると、計画は延期された。読売は関係者の話として伝えた。", ("読売新聞", "読売")),
    ("トヨタ自動車は新型車を発表した。トヨタは好調だ。", ("トヨタ自動車", "トヨタ")),
])
def test_an_abbreviation_or_short_name_joins_its_long_form(text, names):
    assert one(entities_of({"a": text}), *names)


@pytest.mark.parametrize("first, second, names", [
    ("Twitterの利用者が増えた。", "ツイッターで話題になった。", ("Twitter", "ツイッター")),
    ("Skypeの利用者が増えた。", "スカイプは新機能を発表した。", ("Skype", "スカイプ")),  # spelled, in no list
    ("Kindleが日本で発売された。", "キンドルの新型が登場した。", ("Kindle", "キンドル")),
    ("東大の研究チームが発表した。", "東京大学の研究者が語った。", ("東大", "東京大学")),
])
def test_one_name_in_two_spellings_is_one_entity_across_documents(first, second, names):
    assert one(entities_of({"a": first, "b": second}), *names)


def test_a_national_team_is_an_entity_of_its_article():
    found = entities_of({"football": "サッカー日本代表は韓国に勝利した。", "baseball": "野球の日本代表は台湾に敗れた。"})
    assert len(found["日本代表"]) == 2


def test_a_group_before_a_name_is_a_group_the_person_belongs_to():
    result = pipeline.build(texts={"a": "ナイナイ岡村がラジオで語った。"})
    [extraction] = result.extractions
    m = extraction.mentions
    assert {(x.text, x.type) for x in m} >= {("ナイナイ", "Organization"), ("岡村", "Person")}
    assert ("岡村", "memberOf", "ナイナイ") in {(m[r.subject].text, r.predicate, m[r.object].text)
                                            for r in extraction.relations}
    assert all("岡村" not in e.aliases for e in result.entities.values() if e.type == "Organization")


def test_an_entity_is_labelled_by_the_name_its_documents_use_and_a_place_by_its_own():
    result = pipeline.build(texts={"a": "米国でソニーは新型テレビを発表した。ミクシーは新機能を公開した。ミクシーは好調だ。",
                                   "b": "トヨタ自動車は新型車を発表した。"})
    by_iri = {e.iri.rsplit("/", 1)[1]: e for e in result.entities.values()}
    assert by_iri["United_States"].labels["ja"] == "アメリカ" and "米国" in by_iri["United_States"].aliases
    sony = by_iri["Sony_Group"]  # a 2012 article's ソニー is not the ソニーグループ of 2021
    assert sony.labels == {"ja": "ソニー"} and {"ソニーグループ", "Sony Group"} <= sony.aliases
    assert by_iri["Toyota"].labels == {"ja": "トヨタ自動車", "en": "Toyota Motor"}
    assert any(e.labels["ja"] == "ミクシー" for e in result.entities.values())


def test_a_person_is_labelled_by_the_name_not_its_reading():
    result = pipeline.build(texts={"a": "プロゴルファーの石川遼（いしかわりょう）が優勝した。石川は喜んだ。"})
    [person] = [e for e in result.entities.values() if e.type == "Person"]
    assert person.labels["ja"] == "石川遼" and "いしかわりょう" in person.aliases


def test_a_short_name_its_document_ties_to_a_longer_one_joins_nothing_elsewhere():
    result = pipeline.build(texts={"a": "ソフトバンクグループの代表 孫正義氏は語った。ソフトバンクは好調だ。",
                                   "b": "ソフトバンク、AQUOS PHONE 104SHを発売。",
                                   "c": "ハードケース for SoftBank 106SH。"})  # nor through its Latin spelling
    [b] = [e for e in result.extractions if e.document.id == "b"]
    [carrier] = [m.entity for m in b.mentions if m.text == "ソフトバンク"]
    [a] = [e for e in result.extractions if e.document.id == "a"]
    assert carrier not in {m.entity for m in a.mentions}


def test_one_label_never_stands_for_two_entities():
    result = pipeline.build(texts={"a": "「PS3」の新型が発売された。", "b": "PS3の販売が好調だ。"})
    labels = [e.labels["ja"] for e in result.entities.values()]
    assert labels.count("PS3") == 1


@pytest.mark.parametrize("text, junk", [
    ("ダディの料理に「酷すぎる」といった批判が殺到した。", "酷すぎる"),
    ("「プチ家電ということで、かわいく」とアピールした。", "プチ家電ということで、かわいく"),
    ("新製品は24日（木）に発売される。", "木"),
    ("これをベースにしたコラボモデルが話題だ。", "コラボ"),  # a common word before a role is no person
    ("彼は「最高だ!」（笑）と語った。", "最高だ!"),  # a remark, laughed at
    ("旅の「記念写真」を撮った。", "記念写真"),
    ("ホーム画面→「メニューキー」→「本体設定」→「端末情報」と進む。", "メニューキー"),  # a how-to's menu path
    ("[設定] → [表示] → [バックライト] を選ぶ。", "バックライト"),
    ("色を作ったら、［Pick］をタップして使います。", "Pick"),  # a button acted on
    ("メニューを開いたら、「Quick Share」とタップします。", "Quick Share"),  # in quotes too
    ("本機はテザリングと赤外線通信に対応する。", "テザリング"),  # features any phone may have
    ("アップデート後に、自動同期設定をOFF → ONにしてください。", "OFF"),
    ("タスクマネージャーよさらば！　プロセスが手に取るようにわかる「Process Explorer」", "タスクマネージャー"),
    ("ブースにて「オーディオプロファイル対応」のヘッドホンを展示した。", "オーディオプロファイル対応"),  # a feature
    ("本体正面には電源スイッチ、タッチペンと連動するワンタッチメモボタン、イヤフォン端子があります。",
     "ワンタッチメモボタン"),  # a part, not a company
    ("NTTドコモブースにおいて出展されている。", "NTTドコモブース"),  # a stand: its company is named alone
    ("ネット上では「突然切れたりする事も900Mhzで改善するだろうしね(^^)」との声もある。",
     "突然切れたりする事も900Mhzで改善するだろうしね(^^)"),  # a comment: a clause, not a title
    ("掲示板には「八つ当たりを純真とかwチンピラに復讐すれば？ww」などの書き込みが寄せられた。",
     "八つ当たりを純真とかwチンピラに復讐すれば？ww"),
    ("【画像】卒業文集クソワロタｗｗｗ - ニュース速報", "文集クソワロタｗｗｗ -"),  # laughing
    ("出力は5V/9V/12Vの3段階で切り替えられる。", "5V/9V/12V"),  # a spec's values
    ("6w Led 電球= 50w白熱電球= 400-450Lm", "400-450Lm"),
    ("開放F値はF2.6と明るい。", "F2.6"),  # an aperture
    ("キットレンズ：DT 18-55mm F3.5-5.6 SAM＋DT 55-200mm F4-5.6 SAM", "F3.5-5.6"),
    ("カラーはSerene black、Classic silverの2色。", "silver"),  # a colour, whatever the type
    ("ボディカラーはBLACK、WHITEの2色を用意する。", "BLACK"),  # in any case
    ("動画はHD 720pで撮影できる。", "HD 720p"),  # a video's lines
    ("更新後のビルド番号は「A1001701」になります。", "A1001701"),  # a build number
    ("ビルド番号：HONEYCOMB.SC01DOMLB7", "HONEYCOMB"),  # a firmware's build, and no name inside it
    ("spモードメールはver.5650になります。", "ver.5650"),  # a version
    ("新色「Pure White」を発売する。", "Pure White"),  # a colour in quotes, after a category noun
    ("カラーはClassic BlackとDeep Redの2色。", "Deep Red"),  # a colour the tagger calls a company
    ("色 Pure White / Charcoal Black", "Charcoal Black"),  # or a person: colours only
    ("田中氏はツイッターで「最高」（seikoito/status/127251735499649024）と発言した。",
     "seikoito/status/127251735499649024"),
    ("@tanaka_taro2 が投稿した画像が話題だ。", "tanaka_taro2"),  # an account
    ("HTPCを自作してみた。", "HTPC"),  # a kind of device
    ("ISO感度：ISO 3200まで", "ISO 3200"),  # a sensitivity
    ("ディスプレイは7.0インチWXGA液晶だ。", "WXGA"),  # a resolution
    ("ディスプレイ：10.1インチ 1024x600 IPS液晶", "1024x600 IPS"),
    ("「Blow Up (Lite)」はゲームだ。", "Lite"),  # an edition's word alone
    ("iPad (3rd)用のフィルムを貼る。", "3rd"),  # a generation
    ("センサー：Accelerator、Gyro、Proximity", "Gyro"),  # a spec sheet's sensor
    ("サイズ：W156×H80×D30mm", "W156"),  # a size's side
    ("電池容量：3.7V 3000mAH", "3.7V 3000mAH"),  # a battery's values, in any case of the unit
])
def test_what_is_no_name_is_no_entity(text, junk):
    result = pipeline.build(texts={"a": text})
    assert junk not in {m.text for e in result.extractions for m in e.mentions}


@pytest.mark.parametrize("text, names", [
    ("機種名 ARROWS Me F-11D QUALCOMM MSM8255 1.4GHz シングルコア", ["ARROWS Me F-11D", "QUALCOMM", "MSM8255"]),
    ("CPU MEDIAS X N-07D QUALCOMM MSM8960 1.5GHz デュアルコア", ["MEDIAS X N-07D", "QUALCOMM", "MSM8960"]),
    ("CPU F-09D LUMIERE QUALCOMM MSM8255 1.4GHz", ["F-09D LUMIERE", "QUALCOMM", "MSM8255"]),  # a word after the code
    ("GALAXY Tab 10.1 LTE SC-01Dを発売する。", ["GALAXY Tab 10.1 LTE SC-01D"]),  # one name, a standard inside
    ("・GA-Z77X-UD3H WiFi（2万2千円前後）", ["GA-Z77X-UD3H WiFi"]),
    ("・Samsung GALAXY Note - Samsung Mobile", ["Samsung GALAXY Note", "Samsung Mobile"]),  # a page title's bar
])
def test_a_spec_row_read_as_one_name_is_the_model_and_the_chip(text, names):
    result = pipeline.build(texts={"a": text})
    assert [m.text for e in result.extractions for m in e.mentions if not m.is_value] == names


@pytest.mark.parametrize("text, names", [
    # the gazetteer's GALAXY where the text goes on with the words of a name the tagger found whole elsewhere
    ("ドコモの「GALAXY Note SC-05D」を試した。GALAXY Noteで絵を描く。GALAXYのケースも買った。",
     ["GALAXY Note SC-05D", "GALAXY Note", "GALAXY"]),
    ("「Optimus Vu L-06D」が登場した。Optimus Vuは4：3の画面だ。", ["Optimus Vu L-06D", "Optimus Vu"]),
    ("防塵性能はIP5X等級だ。", ["IP5X"]),
])
def test_a_name_found_whole_is_taken_whole_where_it_recurs(text, names):
    result = pipeline.build(texts={"a": text})
    found = [m.text for e in result.extractions for m in e.mentions if not m.is_value and m.type != "Place"]
    assert [n for n in found if any(n.startswith(w[:3]) for w in names)][-len(names):] == names


def test_a_known_company_stays_itself_before_its_product(profile):
    from graph import nlp
    from graph.extract import mentions
    from graph.model import Mention

    text = "QUALCOMM MSM8960を搭載。QUALCOMM MSM8960の性能。"
    segments = [(0, nlp.load_model()(text))]
    found = [Mention(0, 16, "QUALCOMM MSM8960", "Product", "tagger"),
             Mention(20, 28, "QUALCOMM", "Organization", "gazetteer", key="Qualcomm"),
             Mention(29, 36, "MSM8960", "Product", "tagger")]
    kept = mentions._whole_names(segments, found, mentions.Lexicon.of(profile))
    assert [m.text for m in kept] == ["QUALCOMM MSM8960", "QUALCOMM", "MSM8960"]


@pytest.mark.parametrize("text, type_, name", [
    ("バッテリの消費が多い。", "Place", False),  # a common noun the tagger took for a place
    ("ホールに集まった。", "Facility", False),
    ("コンテストに応募する。", "Event", False),
    ("ブリスベンに住む。", "Place", True),  # a place JMdict holds too
    ("コミックマーケットに出展する。", "Event", True),  # a name Sudachi holds as one
    ("ドスパラで買った。", "Organization", True),  # a word Sudachi holds as a common noun and JMdict does not
    ("バックライトの省電力化を実現した。", "Organization", False),  # a common noun Sudachi holds as a name
    ("ツールバーに表示される。", "Product", False),
    ("フリックで操作する。", "Person", False),
    ("ディズニーが発表した。", "Organization", True),  # a word JMdict glosses as a name too (Disney)
    ("シャープが発表した。", "Organization", True),  # a word that names a company of the reference list
    ("オーブ（ORB）を発売する。", "Product", True),  # a word its Latin spelling follows
    ("英王子が来日した。", "Person", False),  # one character that stands for a country is no person
    ("孫は語った。", "Person", True),  # but a surname of one character is
])
def test_a_common_word_or_a_country_s_character_is_no_name_of_the_tagger(profile, text, type_, name):
    from graph import nlp
    from graph.extract import mentions

    doc = nlp.load_model()(text)
    found = mentions.Candidate(0, 1, type_, "tagger", mentions.TAGGER)
    assert mentions._name_like(doc, found, [], mentions.Lexicon.of(profile)) is name


def test_a_common_word_is_no_name_wherever_it_is():
    result = pipeline.build(texts={"a": "キーボードの上にあるツールバーからアイコンを選び、ボールペンで書く。"})
    assert not [m for e in result.extractions for m in e.mentions if not m.is_value]


def test_a_name_and_koto_before_a_person_is_what_the_person_is_called():
    result = pipeline.build(texts={"a": "ラストは「マルモ」こと阿部サダヲとも再会するという。"})
    [extraction] = result.extractions
    nickname, person = (next(m for m in extraction.mentions if m.text == t) for t in ("マルモ", "阿部サダヲ"))
    assert nickname.type == "Person" and nickname.entity == person.entity


def test_a_name_of_words_ending_in_a_colour_stays_a_name():
    result = pipeline.build(texts={"a": "楽曲は、ザ・ブリリアント・グリーンの「Hello Another Way」だ。"})
    assert "ザ・ブリリアント・グリーン" in {m.text for e in result.extractions for m in e.mentions}


def test_a_title_keeps_its_predicate_and_its_mark():
    result = pipeline.build(texts={"a": "秋葉原でアキバ大好き！祭りが開かれた。"})
    assert "アキバ大好き！祭り" in {m.text for e in result.extractions for m in e.mentions}


@pytest.mark.parametrize("text, junk", [
    ("本体上部には3.5mmイヤホンジャックを備える。", "イヤホンジャック"),  # common nouns of the dictionary
    ("フジテレビで紹介の“韓流スター”に疑問の声が上がった。", "韓流スター"),
    ("「タイムライン」機能を利用する。", "タイムライン"),  # a label, not a title
    ("カラーは「プレミアムレッド」、「シャイニーシルバー」の二色展開。", "シャイニーシルバー"),  # a colour
    ("ボディーカラーがPebble Blue（ブルー）とCharcoal Blackの2色。", "Pebble"),
    ("緊急通報（110番、118番、119番）は利用できない。", "118番"),  # a number
    ("アウトカメラ 8M、インカメラ 1.3M", "3M"),  # the end of a number
    ("英紙は「シンジ・カガ…誰? マンUファンは困惑」と報じた。", "シンジ・カガ…誰? マンUファン"),  # a headline's pieces
    ("新しいおしらせ【紺子にゅうす】です。", "おしらせ【紺子にゅうす"),  # a bracket it does not close
    ("公式Twitterアカウント「@jojo_sma」による予約争奪戦。", "@jojo_sma"),  # a handle
    ("彼女はイタリア人初の女性医師だった。", "イタリア人"),  # a nationality
    ("スマホで使えるBluetoothキーボードを発表した。", "Bluetoothキーボード"),  # a name and a common noun
    ("シャープ液晶テレビAQUOSの新製品が登場。", "シャープ液晶テレビAQUOS"),  # a maker and a category noun before it
    ("Android 4.0（開発コード名：IceCream Sandwich；ICS）を搭載したスマートフォンです。",
     "IceCream Sandwich；ICS"),  # two names a semicolon parts
    ("これはヤバいよなｗｗ", "ｗｗ"),  # a comment's laugh
    ("ダウンロードするのは「rktools.msi」というファイルだ。", "rktools.msi"),  # a file
    ("インターフェース：USB 2.0 x1、HDMI x1", "HDMI x1"),  # a count
    ("Windows XP/Vista/7に対応する。", "Windows XP/Vista/7"),  # a list
    ("グローバル市場で発売されます。", "グローバル市場"),  # a market
    ("詳しくはビデオサロン2012年1月号p.48を参照", "p.48"),  # a page
    ("UQコミュニケーションズから発売されたWiMAX対応モバイルWi-Fiルーター「AtermWM3600R」が到着した。",
     "モバイルWi-Fiルーター"),  # a category noun after a technology
])
def test_what_the_tagger_takes_for_a_name_and_is_none_is_no_entity(text, junk):
    doc = nlp.load_model()(text)
    assert junk in {span.text for span in doc.spans["entities"]}  # the tagger's own reading
    result = pipeline.build(texts={"a": text})
    assert junk not in {m.text for e in result.extractions for m in e.mentions}


def test_a_compound_the_dictionary_holds_is_no_organisation():
    text = "メーカー希望小売価格：税込210万円"
    doc = nlp.load_model()(text)
    assert "希望小売価格：" in {span.text for span in doc.spans["entities"]}  # the tagger's own reading
    assert [(m.text, m.type) for m in pipeline.build(texts={"a": text}).extractions[0].mentions] == [("210万円", "Money")]


@pytest.mark.parametrize("text, name, type_", [
    ("エステーは新製品を発表した。", "エステー", "Organization"),  # a company of the reference list
    ("デズモンド・モリスの「裸のサル」をパロディにした。", "裸のサル", "Product"),  # a title of common words
    ("日本陶器から東洋陶器が分離した。", "東洋陶器", "Organization"),
    ("その後、大政奉還が成立し幕府は崩壊した。", "幕府", "Organization"),  # an institution the dictionary holds
    ("コンチネンタル製のエンジンを積む。", "コンチネンタル", "Organization"),  # the context says it is a maker
    ("ローソンはセブン-イレブンに逆転した。", "セブン-イレブン", "Organization"),
    ("スマホで使えるBluetoothキーボードを発表した。", "Bluetooth", "Technology"),
    ("シャープはAQUOS PHONE IS14SHを発売した。", "AQUOS PHONE IS14SH", "Product"),  # a word is never cut
    ("XOOMはAndroidOS3.0を搭載する。", "AndroidOS3.0", "Technology"),  # an operating system
    ("富士通のISW11Fにソフトウェア更新。", "ISW11F", "Product"),  # a model number
    ("ARROWS Z ISW11Fにソフトウェア更新。", "ARROWS Z ISW11F", "Product"),  # a line, a model and its number
    ("お笑いタレント船越陽大さんが語った。", "船越陽大", "Person"),  # a surname Sudachi reads as a place
    ("「稲垣さんが広めようとしていたのを知って感動した。」", "稲垣", "Person"),  # kanji a title of respect follows
    ("イベントin 渋谷ヒカリエを開催する。", "渋谷ヒカリエ", "Facility"),  # an English word before it is no part of it
    ("幕張でCeatecが開幕した。", "Ceatec", "Event"),  # an event's word, in any case
    ("写真を整理する「Photo Stream」機能を備える。", "Photo Stream", "Technology"),  # the category after the quote
    ("Bluetooth3.0+HSに対応する。", "Bluetooth3.0+HS", "Technology"),  # a version of a known technology
    ("Gadgetlab.jpで公開された。", "Gadgetlab.jp", "Product"),  # a site named by its address
    ("男子は長谷川徳海ペアが準優勝。", "長谷川徳海", "Person"),  # a given name Sudachi cuts in two
    ("アントニオ猪木と公開スパーリングを行った。", "アントニオ猪木", "Person"),  # a surname Sudachi calls common
    ("Windows/Macに対応したソフト。", "Mac", "Product"),  # names a slash lists
    ("GALAXY Tabを発売。", "GALAXY Tab", "Product"),  # a model of a known line
    ("GALAXY Tab 10.1 LTE SC-01Dを発売。", "GALAXY Tab 10.1 LTE SC-01D", "Product"),  # one name to its number
    ("旧Macから移行する。", "Mac", "Product"),  # a prefix that dates a name is no part of it
    ("彼女は「風と共に去りぬ」で助演女優賞を受賞した。", "風と共に去りぬ", "Product"),  # a quote a particle takes up
    ("19日に放送された「火曜曲!」（TBS系）で特集が組まれた。", "火曜曲!", "Product"),  # its broadcaster after it
    ("「炊飯器少女コメコ」（芳文社）は４コマ漫画だ。", "芳文社", "Organization"),  # the maker, not what the title is
    ("SATAポートを4基備える。", "SATA", "Technology"),  # a known standard and words about it
    ("パトリック・スウェイジ＆デミ・ムーアが主演した。", "デミ・ムーア", "Person"),  # people an ampersand joins
    ("チューナーはPIX-DT230-PE0を使う。", "PIX-DT230-PE0", "Product"),  # a model number is one word
    ("商品名 AQUOS PHONE SERIE ISW16SH", "AQUOS PHONE SERIE ISW16SH", "Product"),  # the number after the name
    ("マンチェスター・ユナイテッド（以下マンU）に入団した。", "マンU", "Organization"),  # 以下 is no part of it
    ("ナポリターノ大統領の立ち会いの下に組閣した。", "ナポリターノ", "Person"),  # one name Sudachi cut at a place
    ("台湾・台北で行われている展示会。", "台北", "Place"),  # places a dot lists
    ("ボスニア・ヘルツェゴビナで行われた。", "ボスニア・ヘルツェゴビナ", "Place"),  # but not a name that holds one
    ("ニコニコ動画でオリジナルの「ポーション」を配布する。", "ニコニコ動画", "Product"),  # a service, not its company
    ("Safariのベースは Google Chrome と同じだ。", "Google Chrome", "Product"),  # software
    ("IceCream Sandwich；ICSにアップデートした。", "IceCream Sandwich", "Technology"),  # a version's code name
    ("防水はIPX8で、水深10mまで浸水しない。", "IPX8", "Technology"),  # a rating
    ("メーカー シャープ", "シャープ", "Organization"),  # a table's row label
    ("詳しくはパナソニック　ホームページまで。", "パナソニック", "Organization"),  # a link's words
    ("大阪・心斎橋OPAで開催。", "心斎橋OPA", "Facility"),  # the city before a facility
    ("インテルSmart Response Technologyに対応。", "Smart Response Technology", "Technology"),  # maker glued
    ("エフセキュア・コーポレーション　by 山田", "エフセキュア・コーポレーション", "Organization"),
    ("MacBook Pro\n\n上倉賢 @kamikura", "MacBook Pro", "Product"),  # a model's word ends it, not a person's name
    ("無印良品から「充電式マフラー」登場", "充電式マフラー", "Product"),  # common words a headline says appear
    ("同社が提供する「livedoorニュース」で配信している。", "livedoorニュース", "Product"),  # a company's service
    ("撮影／ソニー HDR-CX 700V", "HDR-CX 700V", "Product"),  # a series' letters keep their number, not a voltage
    ("マイクロソフトはSurfaceのハードウェアを自社で提供する。", "Surface", "Product"),  # the gazetteer's software,
    ("Officeソフトも使える。", "Office", "Product"),  # devices and standards, which the tagger takes for companies
    ("ドコモは「Xi2割キャンペーン」を延長した。", "Xi2割キャンペーン", "Event"),  # a campaign, not a product
    ("ソフトバンクは「プラチナバンドスタート記念キャンペーン」を実施する。", "プラチナバンドスタート記念キャンペーン",
     "Event"),  # of common words, but in quotes
])
def test_a_name_of_common_words_or_of_a_telling_form_is_an_entity_of_its_type(text, name, type_):
    result = pipeline.build(texts={"a": text})
    assert (name, type_) in {(m.text, m.type) for e in result.extractions for m in e.mentions}


def test_a_company_named_by_its_short_name_or_its_fullest_carries_the_identifiers_of_that_company():
    result = pipeline.build(texts={"a": "ホンダは新型車を発表した。",
                                   "b": "サントリー食品インターナショナル(以下、サントリー)は新商品を発表した。サントリーは好調だ。",
                                   "c": "フジの番組が話題になった。"})
    named = {m.text: result.entities[m.entity] for e in result.extractions for m in e.mentions if m.entity}
    assert named["ホンダ"].identifiers["corporate_number"] == "6010401027577"  # the profile's 本田技研工業
    assert named["サントリー"].identifiers["corporate_number"] == "8010401080079"  # not サントリーホールディングス
    assert not named["フジ"].identifiers  # two characters name many companies


def test_a_company_of_the_reference_list_carries_its_identifiers():
    result = pipeline.build(texts={"a": "トヨタ自動車は新型車を発表した。", "b": "株式会社サカタのタネは新品種を発表した。"})
    toyota = next(e for e in result.entities.values() if e.iri.endswith("/Toyota"))
    assert toyota.identifiers == {"corporate_number": "1180301018771", "securities_code": "7203",
                                  "edinet_code": "E02144"}
    assert toyota.labels["en"] == "Toyota Motor"  # the profile's English name stays
    sakata = next(e for e in result.entities.values() if e.labels["ja"] == "サカタのタネ")
    assert sakata.identifiers["corporate_number"] == "6020001008662"
    assert sakata.labels["en"] == "SAKATA SEED CORPORATION"  # the reference list's English name


def test_a_name_the_tagger_misses_and_the_names_dictionary_types_is_an_entity():
    text = "週末は無印良品で買い物をした。"
    assert not nlp.load_model()(text).spans["entities"]  # the tagger's own reading: no name
    result = pipeline.build(texts={"a": text})
    assert ("無印良品", "Organization") in {(m.text, m.type) for m in result.extractions[0].mentions}
