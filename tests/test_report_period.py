"""The reporting period (issue 17): a report tells of a span of time that is often not the year it was published in,
and dates written without a year take theirs from it; nothing done is dated after its report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pufa_graph.cli import main
from pufa_graph.pipeline import read_document

from .conftest import DEV, REPORTS



def analysed(tmp_path: Path, text: str):
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return read_document(path, analyse=True)


def date_of(doc, words: str) -> str | None:
    found = [a for a in doc.activities if words in a.evidence.text]
    assert found, f"no activity with {words!r}"
    return found[0].date


def period_of(doc) -> tuple[str | None, str | None]:
    return doc.metadata.period_start, doc.metadata.period_end


# -- the period and the dates it completes, one small report per way of stating it ------------------

SINCE_2020 = """灌云县普法工作情况汇报
2020年以来，我县以满足人民群众法治需求为根本出发点，统筹推进普法工作。
9月1日，县司法局在县实验小学开展宪法宣传活动。
“6·26”国际禁毒日期间，县公安局在县人民广场开展禁毒法宣传活动。
灌云县司法局
2021年5月27日
"""


#: the same report as a traditional-script page writes it, with full-width digits
SINCE_2020_TRADITIONAL = """灌雲縣普法工作情況匯報
２０２０年以來，我縣以滿足人民群眾法治需求為根本出發點，統籌推進普法工作。
９月１日，縣司法局在縣實驗小學開展憲法宣傳活動。
“6·26”國際禁毒日期間，縣公安局在縣人民廣場開展禁毒法宣傳活動。
灌雲縣司法局
2021年5月27日
"""


@pytest.mark.parametrize("text", [SINCE_2020, SINCE_2020_TRADITIONAL], ids=["simplified", "traditional"])
def test_since_a_year_reaches_back_before_the_publication_year(tmp_path, text):
    doc = analysed(tmp_path, text)
    assert date_of(doc, "9月1日") == "2020-09-01"  # not 2021-09-01, after the report
    assert date_of(doc, "国际禁毒日") == "2020-06-26"
    assert period_of(doc) == ("2020-01-01", "2021-05-27")
    assert doc.metadata.period_source.startswith("2020年以来，我县")


TITLE_YEAR = """玛纳斯县交通运输局2024年度“谁执法谁普法”履职报告
县交运局认真落实普法责任制。
12月4日国家宪法日，县交运局在县客运站开展宪法宣传活动，发放资料800余份。
围绕“4·15”全民国家安全教育日，县交运局在县城中心广场宣传国家安全法。
玛纳斯县交通运输局
2025年1月10日
"""


def test_the_titles_year_is_the_period(tmp_path):
    doc = analysed(tmp_path, TITLE_YEAR)
    assert date_of(doc, "12月4日国家宪法日") == "2024-12-04"  # not 2025-12-04
    assert date_of(doc, "全民国家安全教育日") == "2024-04-15"  # a campaign day implies its date
    assert period_of(doc) == ("2024-01-01", "2024-12-31")
    assert doc.metadata.period_source == doc.metadata.title


REVIEW_NOTICE = """关于2023年度国家机关“谁执法谁普法”履职评议情况的通报
各有关单位：
1月18日，县委依法治县办在县政府会议室召开履职报告现场评议会，县司法局、县市场监管局等单位参加。
县市场监管局围绕“3·15”国际消费者权益日，在县城人民广场开展消费者权益保护法宣传咨询活动。
中共鄢陵县委全面依法治县委员会办公室
2024年2月6日
"""


def test_a_notice_about_last_year_dates_its_meeting_before_the_report(tmp_path):
    doc = analysed(tmp_path, REVIEW_NOTICE)
    assert date_of(doc, "3·15") == "2023-03-15"  # in the period, not 2024-03-15 after the report
    assert date_of(doc, "1月18日") == "2024-01-18"  # the evaluation meeting: after the period, before the report
    assert period_of(doc) == ("2023-01-01", "2023-12-31")


ANNUAL_SUMMARY = """西丰县2024年普法依法治理工作总结
2024年，在县委、县政府的坚强领导下，全县普法工作取得新成效。
4月，县司法局联合县图书馆举办法治读书节，向群众赠阅民法典读本1200余册。
12月22日，县委依法治县办组织召开国家机关“谁执法谁普法”履职报告评议会。
西丰县司法局
2025年1月12日
"""


def test_a_years_summary_published_the_next_january(tmp_path):
    doc = analysed(tmp_path, ANNUAL_SUMMARY)
    assert date_of(doc, "法治读书节") == "2024-04"
    assert date_of(doc, "12月22日") == "2024-12-22"
    assert period_of(doc) == ("2024-01-01", "2024-12-31")


THIS_YEAR = """大塘埠镇司法所普法工作信息
今年以来，大塘埠镇司法所以“法律进万家”活动为载体，扎实开展普法宣传。
“3·15”期间，镇司法所联合镇市场监管所在圩场开展消费者权益保护法宣传活动。
9月，镇司法所在大塘埠中学开展未成年人保护法宣传活动。
大塘埠镇司法所
2024年7月2日
"""


def test_this_year_so_far(tmp_path):
    doc = analysed(tmp_path, THIS_YEAR)
    assert date_of(doc, "3·15") == "2024-03-15"
    assert date_of(doc, "9月，镇司法所") is None  # neither 2024-09 (after the report) nor before the period
    assert period_of(doc) == ("2024-01-01", "2024-07-02")


LAST_YEAR = """县司法局普法工作报告
去年，县司法局紧紧围绕中心工作，扎实推进“八五”普法。
“6·26”国际禁毒日期间，县司法局在县第一中学举办禁毒法专题讲座。
去年12月，县司法局在县人民广场开展宪法宣传活动。
某某县司法局
2024年2月20日
"""


def test_last_year(tmp_path):
    doc = analysed(tmp_path, LAST_YEAR)
    assert date_of(doc, "国际禁毒日") == "2023-06-26"
    assert date_of(doc, "去年12月") == "2023-12"  # a year counted from the publication year
    assert period_of(doc) == ("2023-01-01", "2023-12-31")


@pytest.mark.parametrize("title", ["某某县司法局2024年上半年普法工作总结", "某某县司法局上半年普法工作总结"])
def test_first_half_of_the_year(tmp_path, title):
    doc = analysed(tmp_path, f"{title}\n5月，县司法局在县人民广场开展民法典宣传月活动。\n某某县司法局\n2024年7月5日\n")
    assert date_of(doc, "民法典宣传月") == "2024-05"
    assert period_of(doc) == ("2024-01-01", "2024-06-30")


NOTHING_SAID = """县司法局开展宪法宣传活动
12月4日，县司法局在县人民广场开展宪法宣传活动，发放资料500余份。
2024年12月22日，县司法局在县实验小学开展民法典宣传活动。
某某县司法局
2024年3月10日
"""


def test_without_a_stated_period_the_publication_year_and_never_after_the_report(tmp_path):
    doc = analysed(tmp_path, NOTHING_SAID)
    assert date_of(doc, "12月4日") is None  # 2024-12-04 would be after the report: no date rather than a wrong one
    assert date_of(doc, "2024年12月22日") is None  # even written in full: nothing done comes after its report
    assert period_of(doc) == ("2024-01-01", "2024-12-31") and doc.metadata.period_source is None


PLAN = """关于印发《2024年某某县普法依法治理工作要点》的通知
各单位：现将要点印发给你们，请认真贯彻落实。
以“12·4”国家宪法日为重要节点，组织开展宪法宣誓、“宪法进万家”等活动。
某某县司法局
2024年3月15日
"""


def test_a_plans_tasks_may_lie_after_it(tmp_path):
    doc = analysed(tmp_path, PLAN)
    activity = next(a for a in doc.activities if "国家宪法日" in a.evidence.text)
    assert activity.planned and activity.date == "2024-12-04"


# -- what a user sees: docs, activities and who-promoted over the samples and the dev set ----------------

@pytest.fixture(scope="module")
def cli(tmp_path_factory):
    """The samples and the dev set in one store, and the CLI against it: cli("docs") -> parsed JSON."""
    from pufa_graph.cli import main

    store = str(tmp_path_factory.mktemp("period") / "store")
    folders = [str(REPORTS)] + ([str(DEV)] if DEV.is_dir() else [])
    runner = CliRunner()
    result = runner.invoke(main, ["--store", store, "ingest", *folders, "--quiet"], catch_exceptions=False)
    assert result.exit_code == 0, result.output

    def run(*args: str, fmt: str = "json"):
        result = runner.invoke(main, ["--store", store, *args, "--format", fmt], catch_exceptions=False,
                               env={"COLUMNS": "300"})  # a table as wide as it needs
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout) if fmt == "json" else result.stdout

    run.folders = folders
    return run


def test_docs_show_the_period_beside_the_keys_they_had(cli):
    docs = cli("docs")
    assert len(docs) >= 5
    for d in docs:
        assert {"id", "source", "title", "issuer", "issuer_as_written", "issuer_inferred", "date", "region",
                "path"} <= set(d)  # the JSON contract
        assert d["period_start"] and d["period_end"] and d["period_start"] <= d["period_end"]
        if d["date"]:
            assert d["period_start"] <= d["date"]
    by_source = {d["source"]: d for d in docs}
    since = by_source["001_c699f12e5176c742.txt"]  # 2021-05-27, about the work 2020年以来
    assert (since["period_start"], since["period_end"]) == ("2020-01-01", "2021-05-27")
    assert since["period_source"].startswith("2020年以来")
    text = cli("docs", fmt="table")
    row = next(line for line in text.splitlines() if "001_c699f12e5176c742.txt" in line)
    assert "period" in text.splitlines()[1] and "2020-01-01–2021-05-27" in row


def test_nothing_done_is_dated_after_its_report(cli):
    """As the issue asks: `pufa activities --format json` against `pufa docs --format json`."""
    dated = {d["id"]: d["date"] for d in cli("docs") if d["date"]}
    activities = cli("activities")
    late = [(a["date"], dated[a["doc"]], a["evidence"]["text"][:40]) for a in activities
            if not a["planned"] and a["date"] and a["doc"] in dated and a["date"] > dated[a["doc"]]]
    assert not late
    assert sum(1 for a in activities if a["date"] and not a["planned"]) >= 20  # dates are still given


def test_who_promoted_by_year_follows_the_activity_dates(cli):
    """An activity dated in its period's year (3·15 of a 2023 report published in 2024) is found under that year
    and no longer under the year of publication."""
    published = {d["id"]: d["date"] for d in cli("docs") if d["date"]}
    moved = [a for a in cli("activities") if a["date"] and a["laws"] and a["organizers"] and a["doc"] in published
             and a["date"][:4] != published[a["doc"]][:4]]
    assert moved
    for a in moved:
        law, sentence = a["laws"][0], (a["doc"], a["evidence"]["start"])
        assert sentence in cited(cli, law, a["date"][:4]), (law, a["date"], a["evidence"]["text"][:40])
        assert sentence not in cited(cli, law, published[a["doc"]][:4]), (law, a["evidence"]["text"][:40])


def cited(cli, law: str, year: str) -> set[tuple[str, int]]:
    """The sentences (report, start) that `pufa who-promoted LAW --year YEAR` cites."""
    return {(ev["doc"], ev["start"]) for row in cli("who-promoted", law, "--year", year) for ev in row["evidence"]}


UNDATED_IN_LAST_YEARS_SUMMARY = """西丰县2024年普法依法治理工作总结
2024年，在县委、县政府的坚强领导下，全县普法工作取得新成效。
县司法局深入全县中小学校开展民法典宣传活动。
西丰县司法局
2025年1月12日
"""


def test_an_undated_activity_counts_in_the_year_its_report_tells_of(tmp_path):
    """`--year` of an activity without a date: its report's period when that is one year, not the publication
    year; the answer index and the graph agree (--done asks the graph)."""
    path = tmp_path / "summary.txt"
    path.write_text(UNDATED_IN_LAST_YEARS_SUMMARY, encoding="utf-8")
    store = str(tmp_path / "store")
    runner = CliRunner()
    assert runner.invoke(main, ["--store", store, "ingest", str(path)]).exit_code == 0

    def agencies(*args):
        result = runner.invoke(main, ["--store", store, "who-promoted", "民法典", *args, "--format", "json"])
        assert result.exit_code == 0, result.output
        return [a["name"] for a in json.loads(result.stdout)]

    for flags in ([], ["--done"]):  # from the answer index, and from the graph
        assert agencies("--year", "2024", *flags) == ["西丰县司法局"], flags
        assert agencies("--year", "2025", *flags) == [], flags
