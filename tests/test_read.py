from datetime import date

import pytest

from yilian.loaders.read import ReadError, discover, read_document, Skipped

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>遵义市第一人民医院牵头成立黔北呼吸专科联盟 - 遵义市卫生健康局</title>
<style>.nav{color:red}</style><script>var track = "医院牵头";</script></head>
<body><div class="nav">首页 > 新闻中心 > 工作动态</div>
<h1>遵义市第一人民医院牵头成立黔北呼吸专科联盟</h1>
<div class="info">发布时间：2024-04-18 10:20 来源：遵义市卫生健康局 点击数：1024</div>
<p>4月16日，由遵义市第一人民医院牵头的黔北呼吸专科联盟在遵义正式成立。</p>
<p>AB12CD</p>
<p>关键词：呼吸 联盟</p>
<div class="footer">版权所有：遵义市卫生健康局 黔ICP备12345678号 电话：0851-1234567</div>
</body></html>"""


def test_html_page(tmp_path):
    f = tmp_path / "page.html"
    f.write_text(PAGE, encoding="utf-8")
    doc = read_document(f)
    assert doc.title == "遵义市第一人民医院牵头成立黔北呼吸专科联盟"
    assert doc.published == date(2024, 4, 18)
    assert doc.source == "遵义市卫生健康局"
    assert doc.footer == "遵义市卫生健康局"
    assert "track" not in doc.value and "color" not in doc.value
    assert "AB12CD" not in doc.value and "关键词" not in doc.value and "ICP" not in doc.value
    assert "4月16日，由遵义市第一人民医院牵头" in doc.value


def test_gbk_html_declared_charset(tmp_path):
    f = tmp_path / "page.htm"
    f.write_bytes(PAGE.replace("utf-8", "gbk").encode("gbk"))
    assert "黔北呼吸专科联盟在遵义正式成立" in read_document(f).value


def test_text_file_metadata_and_related_reading_cut(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("首页>医院新闻\n肇庆市中医院与德庆县人民医院签约\n添加日期：2023-11-02\n"
                 "11月1日，两院签署合作协议。\n相关阅读：\n某某医院召开大会\n", encoding="utf-8")
    doc = read_document(f)
    assert doc.published == date(2023, 11, 2)
    assert doc.title == "肇庆市中医院与德庆县人民医院签约"
    assert "某某医院召开大会" not in doc.value


@pytest.mark.parametrize("content,reason", [(b"", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"), (b"hello world only", "no Chinese")])
def test_bad_files_name_the_file(tmp_path, content, reason):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(ReadError, match=reason) as e:
        read_document(f)
    assert str(f) in str(e.value)


def test_discover_sorts_skips_and_survives_symlink_loops(tmp_path):
    (tmp_path / "b.txt").write_text("乙", encoding="utf-8")
    (tmp_path / "a.html").write_text("甲", encoding="utf-8")
    (tmp_path / "c.pdf").write_bytes(b"%PDF")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)
    found = list(discover([tmp_path, tmp_path / "missing"]))
    names = [p.name for p in found if not isinstance(p, Skipped)]
    assert names == ["a.html", "b.txt"]
    assert any(isinstance(p, Skipped) and "no such" in p.reason for p in found)


def test_masthead_counter_date_and_name_before_copyright(tmp_path):
    f = tmp_path / "page.txt"
    f.write_text("您的位置: 青石县民族医院新闻中心院内新闻\n"
                 "青石县民族医院举行义诊\n2022-05-06    点击:88\n"
                 "5月3日，我院专家到青石镇开展义诊。\n"
                 "青石县民族医院2010-2022®版权所有   黔ICP备000号\n", encoding="utf-8")
    doc = read_document(f)
    assert doc.published == date(2022, 5, 6)
    assert doc.masthead.startswith("青石县民族医院新闻中心")
    assert "青石县民族医院" in doc.footer.split(" | ")


def test_a_breadcrumb_line_is_never_the_title(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("某市中医院 > 新闻中心 > 媒体报道\n\n【访谈】县域医共体这一年\n\n发布时间：2024-03-01\n\n"
                 "3月1日，某市中医院与某县人民医院签署医联体协议。\n", encoding="utf-8")
    doc = read_document(f)
    assert doc.title == "【访谈】县域医共体这一年"
    assert "新闻中心" not in doc.value


def test_a_role_label_over_street_clinics_is_text_and_an_address_is_furniture(tmp_path):
    f = tmp_path / "list.txt"
    f.write_text("青石市城市医疗集团名单\n牵头单位：青石市人民医院\n"
                 "成员单位：金塘区白沙街道社区卫生服务中心、金塘区柳湾街道社区卫生服务中心\n"
                 "院址：青石市金塘区柳湾路8号\n", encoding="utf-8")
    text = read_document(f).value
    assert "成员单位：金塘区白沙街道社区卫生服务中心" in text
    assert "柳湾路8号" not in text
