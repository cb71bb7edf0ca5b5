"""Questions in the words people use (issue 13): many wordings of one question parse to one kind and
one set of slots, in Chinese and in English; wordings that ask nothing the tool can answer are refused.

The wordings are our own, written the way officers and researchers ask: different asking words (哪些机关,
由谁, which departments, who), punctuation, with and without 《》 or quotes, word orders, short and full names.
"""

from __future__ import annotations

import json

import pytest

from pufa_graph.ask import parse

#: the slots that constrain an answer: every wording of a question must agree on all of them
CONSTRAINTS = ("laws", "agency", "agency_kinds", "venue_types", "region", "year", "months", "campaigns", "planned")

LIUJIANG, GUANYUN, CHUXIONG = "450206", "320723", "532300"

PARAPHRASES = {
    "who_promoted": ({"laws": ["民法典"], "venue_types": ["school"]}, [
        "哪些机构在学校宣传了《民法典》？",
        "哪些机关在学校宣传了民法典?",
        "在学校宣传民法典的有哪些单位？",
        "哪些部门到校园开展过民法典宣传",
        "民法典在学校是由谁宣传的？",
        "谁在学校里宣传过《中华人民共和国民法典》?",
        "哪几家单位在中小学宣讲了民法典？",
        "有哪些组织进校园宣传民法典？",
    ], [
        "Which agencies promoted the Civil Code in schools?",
        "Which departments promoted the Civil Code at schools?",
        "Who promoted the Civil Code in schools?",
        "What bodies publicized the Civil Code on campus?",
        'Which organizations promoted the "Civil Code" in schools?',
        "In schools, which units promoted the Civil Code (民法典)?",
    ]),
    "laws_by_agency": ({"agency": "灌云县司法局", "region": GUANYUN}, [
        "灌云县司法局宣传了哪些法律？",
        "灌云县司法局宣传了什么法律?",
        "灌云县司法局都普及过哪些法律法规",
        "灌云县司法局宣讲了哪几部法律？",
        "哪些法律是灌云县司法局宣传的？",
        "灌云县司法局宣传了什么？",
        "灌云县司法局宣传的法律有哪些",
        "灌云司法局宣传过哪些法律",
    ], [
        "Which laws did the Guanyun County Justice Bureau promote?",
        "What laws did the Guanyun County justice bureau promote?",
        "What did the Guanyun County Justice Bureau promote?",
        "Which laws and regulations has the Guanyun County Justice Bureau promoted?",
        "Which regulations did Guanyun County's justice bureau publicize?",
        "What laws were promoted by the Guanyun County Justice Bureau?",
    ]),
    "laws_at": ({"venue_types": ["countryside"]}, [
        "哪些法律被宣传到农村？",
        "农村宣传了哪些法律？",
        "在农村都宣传过什么法律",
        "哪些法律法规送到了农村？",
        "在农村普及了哪几部法律?",
        "向农村宣传的法律有哪些？",
        "有哪些法律在农村得到宣传",
        "農村宣傳了哪些法律？",
    ], [
        "Which laws were promoted in rural areas?",
        "What laws were promoted in the countryside?",
        "Which named laws reached rural areas?",
        "Which regulations were publicized in rural areas?",
        "In the countryside, which laws were promoted?",
        "What laws and regulations were promoted in rural areas?",
    ]),
    "agencies_of_kind": ({"agency_kinds": ["court", "procuratorate"]}, [
        "哪些法院和检察院开展了普法宣传活动？",
        "哪些法院、检察院开展过普法？",
        "开展普法的法院和检察院有哪些",
        "有哪些法院和检察院做了普法宣传?",
        "哪些检察院和法院搞了普法活动",
        "哪几家法院和检察院开展了普法",
        "哪些人民法院和人民检察院开展了普法宣传？",
        "哪些法院与检察院进行了法治宣传？",
    ], [
        "Which courts and procuratorates carried out legal publicity?",
        "Which courts and procuratorates ran legal publicity activities?",
        "What courts and procuratorates did legal publicity?",
        "Which procuratorates and courts carried out legal publicity?",
        "Which courts and procuratorates held publicity events?",
        "Which of the courts and procuratorates ran legal publicity?",
    ]),
    "campaign": ({"campaigns": ["送法下乡"]}, [
        "哪些机构开展了“送法下乡”活动？",
        "哪些单位开展了送法下乡？",
        "谁开展过送法下乡活动?",
        "送法下乡活动是哪些部门搞的？",
        "哪些部门参加了“送法下乡”",
        "开展送法下乡的有哪些单位",
        "哪家单位组织了送法下乡活动？",
        "由谁开展“送法下乡”活动？",
    ], [
        "Which agencies carried out 送法下乡 activities?",
        "Which agencies carried out 'bringing law to the countryside' activities?",
        'Who ran "送法下乡" activities?',
        "Which units took part in 送法下乡?",
        "Which bodies organized bringing law to the countryside activities?",
        "What agencies carried out law-to-the-countryside activities?",
    ]),
    "co_organizers": ({"region": LIUJIANG}, [
        "柳江区模拟法庭大赛由哪些机构共同举办？",
        "柳江区模拟法庭大赛是哪些单位联合举办的?",
        "哪些部门共同主办了柳江区的模拟法庭大赛？",
        "柳江区模拟法庭大赛的主办单位有哪些",
        "柳江区“模拟法庭大赛”由谁主办、承办？",
        "柳江区模拟法庭大赛由哪几家单位协办",
        "柳江区模拟法庭大赛是由谁共同组织的？",
        "柳江区的模拟法庭大赛，承办单位是哪些？",
    ], [
        "Which agencies jointly organized the moot court contest in Liujiang District?",
        "Who co-organized Liujiang District's moot court contest?",
        "Which bodies hosted the moot court contest in Liujiang?",
        "Which units organized the Liujiang moot court contest together?",
        "Who hosted and co-organized the moot court contest in Liujiang District?",
        "Which agencies jointly organised the Liujiang District moot court contest?",
    ]),
    "where_when": ({"campaigns": ["宪法宣传周"], "region": LIUJIANG}, [
        "柳江区宪法宣传周启动仪式在何时何地举行？",
        "柳江区宪法宣传周启动仪式是在哪里举行的",
        "柳江区宪法宣传周启动仪式什么时候举行？",
        "柳江区宪法宣传周启动仪式在哪儿办的?",
        "柳江区的宪法宣传周启动仪式何时举办",
        "柳江区在哪里举行了宪法宣传周启动仪式？",
        "柳江区何时举行宪法宣传周启动仪式?",
        "柳江区“宪法宣传周”启动仪式的举办地点在哪？",
    ], [
        "Where and when was the Liujiang District Constitution Publicity Week launch held?",
        "Where was Liujiang's Constitution Publicity Week launch held?",
        "When was the Constitution Publicity Week launch in Liujiang District?",
        "Where did Liujiang District hold its Constitution Publicity Week launch?",
        "When and where did Liujiang hold the launch of Constitution Publicity Week?",
        "At which venue was the Liujiang Constitution Publicity Week launch held?",
    ]),
    "audiences": ({"region": CHUXIONG, "campaigns": ["利剑护蕾"]}, [
        "楚雄州“利剑护蕾”专项行动重点关注哪些群体？",
        "楚雄州利剑护蕾专项行动面向哪些人群？",
        "楚雄州“利剑护蕾”行动关注哪些群体",
        "楚雄州利剑护蕾专项行动针对哪些群体?",
        "利剑护蕾专项行动在楚雄州面向哪些对象？",
        "楚雄州利剑护蕾行动的重点人群是哪些？",
        "楚雄州“利剑护蕾”专项行动主要面向什么群体",
        "楚雄州利剑护蕾行动保护哪类群体？",
    ], [
        "Which target groups does the Chuxiong 利剑护蕾 action focus on?",
        "Which groups does Chuxiong's 利剑护蕾 special action target?",
        "What groups does the 利剑护蕾 action in Chuxiong focus on?",
        "Which audiences does Chuxiong's 利剑护蕾 special action focus on?",
        "Which target groups are the focus of the 利剑护蕾 action in Chuxiong?",
        "What target groups does the 'Sharp Sword Protecting Buds' (利剑护蕾) action in Chuxiong serve?",
    ]),
    "lead_units": ({"region": CHUXIONG, "campaigns": ["利剑护蕾"]}, [
        "楚雄州“利剑护蕾”专项行动的牵头单位有哪些？",
        "楚雄州利剑护蕾行动由谁牵头？",
        "楚雄州利剑护蕾专项行动由哪些单位牵头",
        "谁牵头楚雄州的利剑护蕾专项行动？",
        "楚雄州“利剑护蕾”专项行动的牵头部门是哪些",
        "楚雄州利剑护蕾专项行动哪个部门牵头?",
        "利剑护蕾专项行动在楚雄州由哪家单位牵头？",
        "楚雄州利剑护蕾行动是哪些部门牵头负责的？",
    ], [
        "Which units lead the 利剑护蕾 special action in Chuxiong?",
        "Who leads Chuxiong's 利剑护蕾 special action?",
        "Which agencies lead the 'Sharp Sword Protecting Buds' (利剑护蕾) action in Chuxiong?",
        "Which departments are leading the 利剑护蕾 special action in Chuxiong?",
        "Who is the lead unit of Chuxiong's 利剑护蕾 action?",
        "Which bodies led the 利剑护蕾 special action in Chuxiong?",
    ]),
    "quantity": ({"region": LIUJIANG}, [
        "柳江区聘请了多少名法治副校长？",
        "柳江区有几名法治副校长?",
        "柳江区一共有多少法治副校长",
        "柳江区聘了几个法治副校长？",
        "柳江区法治副校长有多少名？",
        "柳江区法治副校长一共有多少人？",
        "柳江区共聘请法治副校长多少名？",
        "柳江区的法治副校长数量是多少？",
    ], [
        "How many rule-of-law vice principals were appointed in Liujiang District?",
        "How many rule-of-law vice principals does Liujiang have?",
        "What is the number of rule-of-law vice principals in Liujiang District?",
        "How many vice principals for rule of law (法治副校长) did Liujiang appoint?",
        "In Liujiang District, how many rule-of-law vice principals were appointed?",
        "How many 法治副校长 were appointed in Liujiang?",
    ]),
    "designations": ({}, [
        "哪些村被命名为民主法治示范村？",
        "哪些村获评民主法治示范村?",
        "哪几个村是民主法治示范村？",
        "哪个村被评为民主法治示范村",
        "被命名为民主法治示范村的有哪些村？",
        "哪些村入选了民主法治示范村",
        "哪些村庄获得了“民主法治示范村”称号？",
        "哪些村被推荐为民主法治示范村？",
    ], [
        "Which villages were named Democracy-and-Rule-of-Law Demonstration Villages?",
        "Which villages are democracy and rule of law demonstration villages?",
        "Which villages were recognized as demonstration villages?",
        "What villages received the demonstration village title?",
        "Which villages have been designated democracy-and-rule-of-law demonstration villages?",
        "Which village was named a demonstration village?",
    ]),
    "culture_sites": ({}, [
        "各报告中提到的具名法治文化阵地有哪些？",
        "有哪些法治文化阵地？",
        "哪些法治文化阵地是新建的?",
        "报告里提到了哪些法治文化广场？",
        "法治文化阵地有哪些",
        "新建了哪些法治文化阵地？",
        "提到了哪些具名的法治宣传长廊",
        "报告中的法治文化阵地都有哪些？",
    ], [
        "Which named legal-culture sites were newly built?",
        "Which legal-culture sites appear in the reports?",
        "What legal culture sites are named?",
        "Which rule-of-law culture sites were built?",
        "Which culture sites were newly built?",
        "What named legal-culture sites do the reports mention?",
    ]),
    "media": ({}, [
        "各报告中提到了哪些具名的新媒体账号？",
        "报告里有哪些公众号？",
        "提到了哪些新媒体平台?",
        "有哪些普法公众号",
        "哪些新媒体账号被提及？",
        "新媒体账号有哪些",
        "报告中的公众号有哪些？",
        "各单位运营了哪些新媒体账号？",
    ], [
        "Which named new-media accounts appear across the reports?",
        "Which new-media accounts are named?",
        "What official accounts do the reports mention?",
        "Which WeChat official accounts appear in the reports?",
        "Which social media accounts are mentioned?",
        "What new media accounts are named in the reports?",
    ]),
    "people": ({}, [
        "报告中点名提到了哪些人？",
        "报告里提到了哪些人?",
        "报告中有哪些人物被点名？",
        "哪些人被点名了",
        "报告提到的人有哪些？",
        "点名表扬了哪些人？",
        "报告里出现了哪些人员？",
        "哪些领导被提到？",
    ], [
        "Which people are named in the reports?",
        "Which persons are mentioned in the reports?",
        "Who is named in the reports?",
        "Which people appear in the reports?",
        "What people do the reports name?",
        "Which leaders are named in the reports?",
    ]),
    "problems": ({}, [
        "哪些报告在“存在的问题”中指出新媒体普法不足？",
        "哪些报告提到新媒体普法不足?",
        "哪份报告指出新媒体普法不足？",
        "哪些报告反映新媒体普法存在短板",
        "哪些报告认为新媒体普法不够？",
        "哪些通报指出新媒体普法不足",
        "哪几份报告说新媒体普法不足？",
        "哪些报告的问题中提到新媒体普法不足？",
    ], [
        "Which reports list weak use of new media among their problems?",
        "Which reports say new-media legal publicity is insufficient?",
        "Which reports mention weak new media publicity?",
        "What reports point to insufficient use of new media?",
        "Which reports name new media as a problem?",
        "Which reports list problems with new media publicity?",
    ]),
    "joint_levels": ({"agency_kinds": ["justice"]}, [
        "哪些县区司法局与上级司法行政机关联合开展了普法活动？",
        "哪些县司法局和上级司法局联合普法?",
        "哪些司法局与上级部门一起开展了普法？",
        "哪些司法局跟上级司法机关联合搞过普法活动",
        "哪些县区司法局同上级联合开展普法？",
        "与上级司法行政机关联合开展普法的有哪些司法局？",
        "哪几个县区司法局与上级联合普法？",
        "哪些区县司法局与上级司法行政机关联合开展过普法宣传",
    ], [
        "Which county justice bureaus ran legal publicity jointly with a higher-level justice authority?",
        "Which county/district justice bureaus worked with a higher-level justice authority on legal publicity?",
        "Which justice bureaus carried out legal publicity together with a superior justice department?",
        "Which county justice bureaus joined a higher level justice bureau in legal publicity?",
        "Which district justice bureaus ran publicity jointly with higher-level authorities?",
        "Which bureaus of justice cooperated with a higher-level justice authority?",
    ]),
    "both": ({}, [
        "哪些机构既参与了模拟法庭大赛，又参与了法治夏令营？",
        "哪些单位既参加了模拟法庭大赛又参加了法治夏令营?",
        "哪些部门同时参与了模拟法庭大赛和法治夏令营？",
        "谁既参与了模拟法庭大赛又参与了法治夏令营",
        "模拟法庭大赛和法治夏令营都参与了的有哪些机构？",
        "既参与模拟法庭大赛又参与法治夏令营的单位有哪些？",
        "哪几家单位既参与了模拟法庭大赛又参与了法治夏令营?",
        "哪些机构既参加过模拟法庭大赛，又参加过法治夏令营",
    ], [
        "Which agencies took part in both the moot court contest and the summer camp?",
        "Which bodies joined both the moot court contest and the legal summer camp?",
        "Who took part in both the moot court contest and the summer camp?",
        "Which units were involved in both the moot court contest and the summer camp?",
        "Which agencies participated in both the moot court contest and the summer camp?",
        "Which organizations took part in both the summer camp and the moot court contest?",
    ]),
    "laws_of_event": ({"campaigns": ["国家宪法日"]}, [
        "国家宪法日期间宣传了哪些法律？",
        "“12·4”国家宪法日宣传了什么法律?",
        "国家宪法日都宣传过哪些法律法规",
        "在国家宪法日宣讲了哪几部法律？",
        "国家宪法日普及了哪些法规？",
        "国家宪法日宣传的法律有哪些？",
        "12·4国家宪法日宣传了什么法律",
        "国家宪法日当天宣传了哪些法律",
    ], [
        "Which laws were promoted on National Constitution Day?",
        "What laws were promoted around National Constitution Day?",
        "Which laws and regulations were publicized on National Constitution Day?",
        "What laws were promoted on National Constitution Day (12·4)?",
        "On National Constitution Day, which laws were promoted?",
        "Which named laws were promoted on National Constitution Day?",
    ]),
}

CASES = [(kind, lang, wording) for kind, (_slots, zh, en) in PARAPHRASES.items()
         for lang, wordings in (("zh", zh), ("en", en)) for wording in wordings]


def _constraints(slots: dict) -> dict:
    out = {k: slots.get(k) for k in CONSTRAINTS}
    if out["agency_kinds"]:
        out["agency_kinds"] = sorted(out["agency_kinds"])
    return out


def test_every_kind_has_eight_chinese_and_six_english_wordings():
    from pufa_graph.question import kind_rules

    assert set(PARAPHRASES) == {rule.kind for rule in kind_rules()}
    for kind, (_slots, zh, en) in PARAPHRASES.items():
        assert len(set(zh)) >= 8 and len(set(en)) >= 6, kind


@pytest.mark.parametrize("kind,lang,wording", CASES)
def test_a_wording_parses_to_its_kind_and_slots(kind, lang, wording):
    expected, _zh, _en = PARAPHRASES[kind]
    parsed = parse(wording)
    assert parsed.lang == lang
    assert parsed.kind == kind, (wording, parsed.explain())
    assert _constraints(parsed.slots) == _constraints(expected), (wording, parsed.explain())


@pytest.mark.parametrize("wording", [
    "今天天气怎么样？", "民法典", "哪些？", "谁？", "What is the meaning of life?", "Hello there",
    "请介绍一下普法工作。", "Tell me about legal publicity.",
])
def test_a_wording_that_asks_nothing_answerable_is_refused(wording):
    assert parse(wording).kind is None


# -- the issue's own examples, answered on the samples ------------------------------------------

@pytest.fixture(scope="module")
def ask(seed_store):
    from click.testing import CliRunner

    from pufa_graph.cli import main

    runner = CliRunner()

    def run(question: str, *extra: str) -> tuple[int, dict]:
        result = runner.invoke(main, ["--store", seed_store, "ask", question, "--format", "json", *extra])
        return result.exit_code, json.loads(result.stdout) if result.stdout.strip().startswith("{") else {}
    return run


@pytest.mark.parametrize("question,agency", [
    ("灌云县公安局宣传了什么法律？", "灌云县公安局"),
    ("What did the Guanyun police promote?", "灌云县公安局"),
    ("What did the Guanyun justice bureau promote?", "灌云县司法局"),
])
def test_an_agency_named_by_a_short_or_english_name(ask, question, agency):
    """The sample names the police's anti-drug day event and no law: the answer is honestly empty."""
    code, out = ask(question)
    assert code == 0 and out["kind"] == "laws_by_agency" and out["slots"]["agency"] == agency
    assert all(ev["text"] for a in out["answers"] for ev in a["evidence"])
    if agency == "灌云县司法局":
        assert out["answers"]


def test_the_event_is_matched_by_its_parts(ask):
    """利剑护蕾行动 is written “利剑护蕾”专项行动 in the report."""
    code, out = ask("利剑护蕾行动由谁牵头?")
    assert code == 0 and out["kind"] == "lead_units"
    assert out["answers"]


def test_agencies_is_the_answer_type_not_a_kind_of_place(ask):
    code, out = ask("Which agencies promoted the Constitution?")
    assert code == 0 and out["slots"] == {"laws": ["宪法"]} and out["answers"]


def test_how_many_with_a_measure_word(ask):
    code, out = ask("柳江区有几名法治副校长?")
    assert code == 0 and out["kind"] == "quantity" and out["answers"]


def test_explain_shows_the_same_kind_and_slots_for_every_wording(ask):
    seen = []
    for wording in PARAPHRASES["who_promoted"][1][:3] + PARAPHRASES["who_promoted"][2][:3]:
        code, out = ask(wording, "--explain")
        assert code == 0 and out["sparql"]
        seen.append((out["kind"], json.dumps(_constraints(out["slots"]), sort_keys=True)))
    assert len(set(seen)) == 1
