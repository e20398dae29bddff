"""Forms: which a case needs, templates → PDF with the font embedded, overrides, sandbox, CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from offsite_cli.dossier import case as case_file
from offsite_cli.base import atomic, config
from offsite_cli.pdf import forms
from offsite_cli.policy import form_needs, profiles, rules
from offsite_cli.cli import app
from offsite_cli.dossier.checking import situation_of
from offsite_cli.base.errors import BadInput
from offsite_cli.policy.ids import check_character

TODAY = date(2026, 11, 1)
ID17 = "14052219800101123"
ID_NUMBER = ID17 + check_character(ID17)
HOSPITAL = "上海交通大学医学院附属第九人民医院黄浦分院（上海市第九人民医院）"
UNIT = "晋城市某某煤业集团有限责任公司第三分公司后勤保障中心"
CATEGORIES = ("resettled-retiree", "long-term-resident", "stationed-worker", "referral",
              "emergency", "temporary")
ALL_FORMS = ["filing-form", "commitment-letter", "unit-certificate", "reimbursement-application",
             "authorization", "late-explanation"]
FAMILY_SHEET = "family-sheet"  # not a form to hand in: no ID number on it (test_late_and_family)
runner = CliRunner()


def write_case(folder: Path, category: str = "temporary", name: str = "张三丰", filed: bool = False,
               unit: str | None = UNIT, receipts: bool = True, insurance: str = "employee") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    unit_line = f'unit = "{unit}"' if unit else ""
    text = f"""schema = 1

[person]
name = "{name}"
id_number = "{ID_NUMBER}"
insurance = "{insurance}"
category = "{category}"

[insured]
region = "140500"
{unit_line}

[episode]
region = "310104"
hospital = "{HOSPITAL}"
care = "inpatient"
admitted = 2026-10-08
discharged = 2026-10-20
filed = {"true" if filed else "false"}
direct_settlement = false
amount = 12873.50
"""
    if receipts:
        text += """
[[receipts]]
number = "No.00123456"
date = 2026-10-20
amount = 12000.00
item = "住院医疗费"

[[receipts]]
number = "No.00123457"
date = 2026-10-20
amount = 873.50
item = "检查费"
"""
    (folder / "case.toml").write_text(text, encoding="utf-8")
    return folder


def classified(folder: Path, lang: str = "zh"):  # noqa: ANN201
    case = case_file.load(folder, TODAY)
    profile = profiles.load()
    return case, rules.classify(situation_of(case, profile), profile, TODAY, lang), profile


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def font_problems(path: Path) -> list[str]:
    """Every font of every page must be embedded (FontFile2): no standard 14, no STSong-Light."""
    problems = []
    for page in PdfReader(path).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            descriptors = [font.get("/FontDescriptor")]
            for descendant in font.get("/DescendantFonts", []):
                descriptors.append(descendant.get_object().get("/FontDescriptor"))
            descriptors = [d.get_object() for d in descriptors if d is not None]
            if not descriptors or not any("/FontFile2" in d for d in descriptors):
                problems.append(str(font.get("/BaseFont")))
    return problems


# ------------------------------------------------------------------------------- which forms


@pytest.mark.parametrize(
    ("category", "filed", "expected", "optional"),
    [
        # not filed and discharged: supplementary filing, so the 情况说明 (late-explanation) too
        ("resettled-retiree", False, ["filing-form", "commitment-letter", "reimbursement-application",
                                      "late-explanation"],
         ["authorization"]),
        ("long-term-resident", False, ["filing-form", "commitment-letter", "reimbursement-application",
                                       "late-explanation"],
         ["authorization"]),
        ("stationed-worker", False, ["filing-form", "commitment-letter", "reimbursement-application",
                                     "late-explanation"],
         ["authorization"]),
        ("stationed-worker", True, ["reimbursement-application"], ["authorization"]),
        ("referral", False, ["filing-form", "reimbursement-application", "late-explanation"],
         ["authorization"]),
        # treated as filed; seed 000's route for treatment while away: the unit's certificate
        ("emergency", False, ["unit-certificate", "reimbursement-application"], ["authorization"]),
        # NATIONAL.md: temporary trips add a commitment letter "where local rules ask"
        ("temporary", False, ["filing-form", "unit-certificate", "reimbursement-application",
                              "late-explanation"],
         ["commitment-letter", "authorization"]),
        ("temporary", True, ["unit-certificate", "reimbursement-application"], ["authorization"]),
    ],
)
def test_needed_forms_come_from_the_profile(tmp_path: Path, category: str, filed: bool,
                                            expected: list[str], optional: list[str]) -> None:
    _, classification, profile = classified(write_case(tmp_path / "d", category, filed=filed))
    needs = form_needs.needed_forms(classification, profile)
    assert [n.name for n in needs if n.required] == expected
    assert [n.name for n in needs if not n.required] == optional
    assert all("cn-national forms/" in n.source for n in needs)


def test_direct_settlement_needs_no_forms(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "d", "stationed-worker", filed=True)
    text = (folder / "case.toml").read_text(encoding="utf-8")
    (folder / "case.toml").write_text(text.replace("direct_settlement = false",
                                                   "direct_settlement = true"), encoding="utf-8")
    _, classification, profile = classified(folder)
    assert form_needs.needed_forms(classification, profile) == []


# ---------------------------------------------------------------------------------- rendering


@pytest.mark.parametrize("category", CATEGORIES)
def test_every_form_renders_for_every_category(tmp_path: Path, category: str) -> None:
    folder = write_case(tmp_path / "d", category)
    case, classification, profile = classified(folder)
    written = forms.render_case_forms(case, classification, profile, "zh", folder / "forms",
                                      today=TODAY, names=ALL_FORMS)
    assert [f.name for f in written] == ALL_FORMS
    for rendered in written:
        assert rendered.path == folder / "forms" / f"{rendered.name}.pdf"
        assert rendered.pages == len(PdfReader(rendered.path).pages) >= 1
        text = pdf_text(rendered.path)
        assert "张三丰" in text and ID_NUMBER in text, rendered.name
        assert font_problems(rendered.path) == []
        assert rendered.warnings == []
    assert sorted(p.name for p in (folder / "forms").iterdir()) == sorted(f"{n}.pdf" for n in ALL_FORMS)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_reimbursement_application_has_the_amounts(tmp_path: Path, lang: str) -> None:
    folder = write_case(tmp_path / "d")
    case, classification, profile = classified(folder, lang)
    [rendered] = forms.render_case_forms(case, classification, profile, lang, folder / "forms",
                                         today=TODAY, names=["reimbursement-application"])
    text = pdf_text(rendered.path).replace(" ", "").replace("\n", "")
    for expected in ("张三丰", ID_NUMBER, "上海交通大学医学院附属第九人民医院", UNIT[:10],
                     "No.00123456", "12,000.00", "873.50", "12,873.50", "壹万贰仟捌佰柒拾叁元伍角整"):
        assert expected in text, expected
    assert rendered.pages == 1
    assert font_problems(rendered.path) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_forms_in_both_languages(tmp_path: Path, lang: str) -> None:
    folder = write_case(tmp_path / "d", "stationed-worker")
    case, classification, profile = classified(folder, lang)
    written = forms.render_case_forms(case, classification, profile, lang, folder / "forms",
                                      today=TODAY, names=ALL_FORMS)
    titles = {"zh": "异地就医备案表", "en": "Off-site Medical Treatment Filing Form"}
    assert titles[lang] in pdf_text(written[0].path)
    assert all(f.pages == 1 for f in written)


def test_no_receipts_leaves_blank_rows_and_uses_the_amount(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "d", receipts=False)
    case, classification, profile = classified(folder)
    [rendered] = forms.render_case_forms(case, classification, profile, "zh", folder / "forms",
                                         today=TODAY, names=["reimbursement-application"])
    assert "壹万贰仟捌佰柒拾叁元伍角整" in pdf_text(rendered.path)


def test_receipts_total_differing_from_amount_is_a_warning(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "d")
    text = (folder / "case.toml").read_text(encoding="utf-8").replace("12873.50", "99.00")
    (folder / "case.toml").write_text(text, encoding="utf-8")
    case, classification, profile = classified(folder)
    [rendered] = forms.render_case_forms(case, classification, profile, "zh", folder / "forms",
                                         today=TODAY, names=["reimbursement-application"])
    assert any("12,873.50" in w and "99.00" in w for w in rendered.warnings)


def test_missing_glyph_is_a_warning_naming_character_and_field(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "d", name="吉𠮷𠀀𠮷")
    case, classification, profile = classified(folder, "en")
    [rendered] = forms.render_case_forms(case, classification, profile, "en", folder / "forms",
                                         today=TODAY, names=["authorization"])
    [warning] = rendered.warnings  # one line for the field, listing its characters once each
    assert "U+20BB7" in warning and "U+20000" in warning and "person.name" in warning
    assert warning.count("U+20BB7") == 1
    assert "blank space" in warning and "empty box" not in warning


def test_unit_comes_from_the_config_when_the_case_has_none(tmp_path: Path) -> None:
    config.set_value("unit.name", "配置里的单位")
    folder = write_case(tmp_path / "d", unit=None)
    case, classification, profile = classified(folder)
    [rendered] = forms.render_case_forms(case, classification, profile, "zh", folder / "forms",
                                         today=TODAY, names=["unit-certificate"])
    assert "配置里的单位" in pdf_text(rendered.path)
    assert rendered.warnings == []


def test_no_unit_anywhere_is_a_warning_and_a_blank(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "d", unit=None)
    case, classification, profile = classified(folder)
    [rendered] = forms.render_case_forms(case, classification, profile, "zh", folder / "forms",
                                         today=TODAY, names=["unit-certificate"])
    assert any("unit.name" in w for w in rendered.warnings)


# --------------------------------------------------------------------- templates: user, errors


def user_template(name: str, lang: str, body: str) -> Path:
    from offsite_cli.base import resources

    path = resources.user_templates_dir() / "forms" / f"{name}.{lang}.j2"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


def render_one(tmp_path: Path, name: str = "authorization", lang: str = "zh") -> list[forms.RenderedForm]:
    folder = write_case(tmp_path / "d")
    case, classification, profile = classified(folder, lang)
    return forms.render_case_forms(case, classification, profile, lang, folder / "forms",
                                   today=TODAY, names=[name])


def test_user_override_is_used(tmp_path: Path) -> None:
    [exported_zh, _] = forms.export("authorization")
    exported_zh.write_text(exported_zh.read_text(encoding="utf-8").replace(
        "# 委　托　书", "# 委托书（本单位格式）"), encoding="utf-8")
    [rendered] = render_one(tmp_path)
    assert rendered.origin == "user"
    assert "委托书（本单位格式）" in pdf_text(rendered.path)


def test_user_template_can_extend_the_shipped_one(tmp_path: Path) -> None:
    user_template("authorization", "zh", '{% include "default:forms/authorization.zh.j2" %}\n@note 自加说明\n')
    [rendered] = render_one(tmp_path)
    text = pdf_text(rendered.path)
    assert "委" in text and "自加说明" in text


def test_export_refuses_to_overwrite_without_force() -> None:
    forms.export("filing-form")
    with pytest.raises(BadInput) as caught:
        forms.export("filing-form")
    assert caught.value.message == "form_exists"
    assert len(forms.export("filing-form", force=True)) == 2


def test_missing_field_names_template_and_field(tmp_path: Path) -> None:
    path = user_template("authorization", "zh", "# 委托书\n\n姓名：{{ person.nmae }}\n")
    with pytest.raises(BadInput) as caught:
        render_one(tmp_path)
    error = caught.value
    assert error.message == "template_undefined"
    assert error.params["file"] == str(path)
    assert error.params["line"] == 3
    assert "nmae" in str(error.params["reason"])
    assert not (tmp_path / "d" / "forms").exists()  # nothing written


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = user_template("authorization", "zh", "# 委托书\n{% if %}\n")
    with pytest.raises(BadInput) as caught:
        render_one(tmp_path)
    assert caught.value.message == "template_syntax"
    assert caught.value.params["file"] == str(path) and caught.value.params["line"] == 2


@pytest.mark.parametrize("expression", ["''.__class__.__mro__", "''.__class__", "check.__globals__",
                                        "person.__class__.__init__"])
def test_sandbox_refuses_unsafe_access(tmp_path: Path, expression: str) -> None:
    user_template("authorization", "zh", "# 委托书\n{{ " + expression + " }}\n")
    with pytest.raises(BadInput) as caught:
        render_one(tmp_path)
    assert caught.value.message in ("template_unsafe", "template_undefined")
    assert caught.value.params["line"] == 2


def test_bad_markup_names_the_template(tmp_path: Path) -> None:
    path = user_template("authorization", "zh", "# 委托书\n@table 1 1\n| a | b |\n")
    with pytest.raises(BadInput) as caught:
        render_one(tmp_path)
    assert caught.value.message == "template_markup"
    assert caught.value.params["file"] == str(path)


def test_values_print_as_typed(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "d", name="A|B [x] ___ *C")
    case, classification, profile = classified(folder)
    [rendered] = forms.render_case_forms(case, classification, profile, "zh", folder / "forms",
                                         today=TODAY, names=["filing-form"])
    assert "A|B [x] ___ *C" in pdf_text(rendered.path)


def test_profile_rejects_an_unknown_form(config_dir: Path) -> None:
    folder = config_dir / "profiles"
    folder.mkdir(parents=True)
    (folder / "city.toml").write_text(
        'schema = 1\nid = "city"\ntitle = "city"\nextends = "cn-national"\n\n'
        '[[forms]]\nid = "x"\nforms = ["no-such-form"]\nsince = "unknown"\nsource = "seed-000"\n',
        encoding="utf-8")
    with pytest.raises(BadInput) as caught:
        profiles.load("city")
    assert "no-such-form" in str(caught.value.params["value"])


# ------------------------------------------------------------------------------------ the CLI


def test_cli_writes_forms_and_masks_nothing_it_does_not_print(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "d", "stationed-worker")
    result = runner.invoke(app, ["dossier", "forms", str(folder), "--today", "2026-11-01",
                                 "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "filing-form.pdf" in result.output and "commitment-letter.pdf" in result.output
    assert "authorization" in result.output  # the optional one is named, not written
    assert ID_NUMBER not in result.output
    assert sorted(p.name for p in (folder / "forms").iterdir()) == [
        "commitment-letter.pdf", "filing-form.pdf", "late-explanation.pdf",
        "reimbursement-application.pdf"]  # not filed, discharged: supplementary filing


def test_cli_json(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "d", "temporary")
    result = runner.invoke(app, ["dossier", "forms", str(folder), "--today", "2026-11-01",
                                 "--json", "--optional"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [f["name"] for f in document["forms"]] == [
        "filing-form", "commitment-letter", "unit-certificate", "reimbursement-application",
        "authorization", "late-explanation"]
    assert [f["required"] for f in document["forms"]] == [True, False, True, True, False, True]
    assert all(Path(f["path"]).is_file() and f["pages"] == 1 for f in document["forms"])
    assert document["optional"] == []
    assert ID_NUMBER not in result.stdout


@pytest.mark.parametrize(
    ("arguments", "fragment"),
    [
        (["--font", "/no/such/font.ttf"], "--font"),
        (["--form", "no-such-form"], "no-such-form"),
        (["--lang", "fr"], "fr"),
        (["--profile", "nope"], "nope"),
    ],
)
def test_cli_bad_input_exits_2_and_writes_nothing(tmp_path: Path, arguments: list[str],
                                                  fragment: str) -> None:
    folder = write_case(tmp_path / "d")
    result = runner.invoke(app, ["dossier", "forms", str(folder), "--today", "2026-11-01", *arguments])
    assert result.exit_code == 2
    assert fragment in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (folder / "forms").exists()


def test_cli_font_that_cannot_be_embedded(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "d")
    fake = tmp_path / "fake.ttf"
    fake.write_bytes(b"OTTO not really a font")
    result = runner.invoke(app, ["dossier", "forms", str(folder), "--font", str(fake)])
    assert result.exit_code == 2 and str(fake) in result.stderr


def test_cli_case_missing_a_needed_field(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "d")
    text = (folder / "case.toml").read_text(encoding="utf-8").replace('care = "inpatient"\n', "")
    (folder / "case.toml").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["dossier", "forms", str(folder), "--lang", "en"])
    assert result.exit_code == 2 and "episode.care" in result.stderr


def test_cli_unwritable_forms_folder_exits_3(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "d")
    (folder / "forms").write_text("a file where the folder should be", encoding="utf-8")
    result = runner.invoke(app, ["dossier", "forms", str(folder), "--today", "2026-11-01"])
    assert result.exit_code == 3
    assert (folder / "forms").read_text(encoding="utf-8").startswith("a file")


def test_cli_rewrites_atomically_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "d")
    for _ in range(2):
        result = runner.invoke(app, ["dossier", "forms", str(folder), "--today", "2026-11-01"])
        assert result.exit_code == 0
    assert all(p.suffix == ".pdf" for p in (folder / "forms").iterdir())


def test_forms_list_and_export_cli() -> None:
    result = runner.invoke(app, ["forms", "list", "--json"])
    assert result.exit_code == 0
    names = [row["name"] for row in json.loads(result.stdout)]
    assert names == sorted([*ALL_FORMS, FAMILY_SHEET])
    result = runner.invoke(app, ["forms", "export", "authorization", "--json"])
    assert result.exit_code == 0 and len(json.loads(result.stdout)["written"]) == 2
    result = runner.invoke(app, ["forms", "export", "authorization"])
    assert result.exit_code == 2
    listed = json.loads(runner.invoke(app, ["forms", "list", "--json"]).stdout)
    assert {t["origin"] for row in listed if row["name"] == "authorization"
            for t in row["templates"].values()} == {"user"}
    assert runner.invoke(app, ["forms", "export", "nope"]).exit_code == 2


def test_config_cli_roundtrip() -> None:
    assert runner.invoke(app, ["config", "set", "unit.name", "某某有限公司"]).exit_code == 0
    assert runner.invoke(app, ["config", "get", "unit.name"]).stdout.strip() == "某某有限公司"
    shown = json.loads(runner.invoke(app, ["config", "show", "--json"]).stdout)
    assert shown["settings"] == {"unit.name": "某某有限公司", "unit.address": None,
                                 "unit.contact": None, "unit.phone": None, "font.path": None,
                                 "forms.lang": None}
    result = runner.invoke(app, ["config", "set", "unit.nmae", "x", "--lang", "en"])
    assert result.exit_code == 2 and "unit.nmae" in result.stderr
    assert runner.invoke(app, ["config", "unset", "unit.name"]).exit_code == 0
    assert runner.invoke(app, ["config", "get", "unit.name"]).stdout.strip() == ""


def test_config_font_path_is_used(tmp_path: Path) -> None:
    from offsite_cli.base import fonts

    packaged = fonts.packaged_font()
    assert config.set_value("font.path", str(packaged)) == str(packaged.resolve())
    assert fonts.resolve(None) == str(packaged.resolve())
    folder = write_case(tmp_path / "d")
    result = runner.invoke(app, ["dossier", "forms", str(folder), "--today", "2026-11-01", "--json"])
    assert result.exit_code == 0
    for form in json.loads(result.stdout)["forms"]:
        assert font_problems(Path(form["path"])) == []


def test_config_set_runs_the_check_it_is_given_before_storing(tmp_path: Path) -> None:
    from offsite_cli.base import fonts

    def check(path: str) -> None:
        fonts.check_font(Path(path), field="font.path")

    not_a_font = tmp_path / "font.ttf"
    not_a_font.write_bytes(b"not a font")
    with pytest.raises(BadInput):
        config.set_value("font.path", str(not_a_font), check)
    assert config.get("font.path") is None
    packaged = fonts.packaged_font()
    assert config.set_value("font.path", str(packaged), check) == str(packaged.resolve())


# ------------------------------------------------------------------- layout (user review fixes)


def set_receipts(folder: Path, count: int, amount: float = 1234.5) -> None:
    text = (folder / "case.toml").read_text(encoding="utf-8")
    for index in range(count):
        text += (f'\n[[receipts]]\nnumber = "310026000123{index:04d}"\ndate = 2026-10-{index % 20 + 8:02d}\n'
                 f'amount = {amount + index}\n'
                 f'item = "住院医疗费（含自费药品、检查化验及一次性医用材料）第{index + 1}部分"\n')
    (folder / "case.toml").write_text(text, encoding="utf-8")


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("receipts", [False, True])
def test_a_normal_reimbursement_application_fits_on_one_page(tmp_path: Path, lang: str,
                                                             receipts: bool) -> None:
    # long hospital and unit names, no filing: the longest ordinary case
    folder = write_case(tmp_path / "d", "stationed-worker", receipts=receipts)
    case, classification, profile = classified(folder, lang)
    [rendered] = forms.render_case_forms(case, classification, profile, lang, folder / "forms",
                                         today=TODAY, names=["reimbursement-application"])
    assert rendered.pages == 1
    assert ("注：" if lang == "zh" else "Notes:") in pdf_text(rendered.path)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_long_expense_table_repeats_its_header_and_keeps_the_totals_together(
        tmp_path: Path, lang: str) -> None:
    folder = write_case(tmp_path / "d", receipts=False)
    set_receipts(folder, 16)
    case, classification, profile = classified(folder, lang)
    [rendered] = forms.render_case_forms(case, classification, profile, lang, folder / "forms",
                                         today=TODAY, names=["reimbursement-application"])
    pages = [text.replace(" ", "").replace("\n", "") for text in page_texts(rendered.path)]
    assert len(pages) >= 2
    header = "票据号码" if lang == "zh" else "Receiptnumber"
    figures, words = (("合计金额（小写）", "合计金额（大写）") if lang == "zh"
                      else ("Totalinfigures", "Totalinwords"))
    assert header in pages[0] and header in pages[1]  # repeated on the page the table goes on to
    [totals_page] = [index for index, text in enumerate(pages) if figures in text]
    assert words in pages[totals_page]
    assert "3100260001230015" in pages[totals_page]  # the last receipt stays with the totals


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("amount", "shown"), [(100000000.05, "¥100,000,000.05"),
                                               (999999999999.99, "¥999,999,999,999.99")])
def test_amounts_never_wrap_in_their_cell(tmp_path: Path, lang: str, amount: float, shown: str) -> None:
    folder = write_case(tmp_path / "d", receipts=False)
    text = (folder / "case.toml").read_text(encoding="utf-8").replace("12873.50", repr(amount))
    (folder / "case.toml").write_text(text, encoding="utf-8")
    case, classification, profile = classified(folder, lang)
    [rendered] = forms.render_case_forms(case, classification, profile, lang, folder / "forms",
                                         today=TODAY, names=["reimbursement-application"])
    assert shown in pdf_text(rendered.path).splitlines() or any(
        line.strip().endswith(shown) for line in pdf_text(rendered.path).splitlines())


def test_an_amount_beyond_the_forms_is_bad_input(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "d", receipts=False)
    text = (folder / "case.toml").read_text(encoding="utf-8").replace("12873.50", "1000000000000.0")
    (folder / "case.toml").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["dossier", "forms", str(folder), "--today", "2026-11-01", "--lang", "en"])
    assert result.exit_code == 2
    assert "episode.amount" in result.stderr and "999,999,999,999.99" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (folder / "forms").exists()


def test_english_check_boxes_stay_with_their_labels(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "d", "temporary")
    case, classification, profile = classified(folder, "en")
    written = forms.render_case_forms(case, classification, profile, "en", folder / "forms",
                                      today=TODAY, names=ALL_FORMS)
    for rendered in written:
        for line in pdf_text(rendered.path).splitlines():
            assert not line.rstrip().endswith(("□", "■", "☐", "☑")), (rendered.name, line)


def ticks(path: Path) -> int:
    return pdf_text(path).count("■")


def test_present_documents_are_ticked(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "d")
    case, classification, profile = classified(folder)
    [plain_form] = forms.render_case_forms(case, classification, profile, "zh", tmp_path / "a",
                                           today=TODAY, names=["reimbursement-application"])
    [ticked] = forms.render_case_forms(case, classification, profile, "zh", tmp_path / "b",
                                       today=TODAY, names=["reimbursement-application"],
                                       present={"receipt", "expense-list", "no-such-id"})
    assert ticks(ticked.path) == ticks(plain_form.path) + 2
    values, _ = forms.context(case, classification, profile, "zh", UNIT, TODAY,
                              "reimbursement-application", {"receipt"})
    assert {d["id"]: d["present"] for d in values["documents"]}["receipt"] is True
    values, _ = forms.context(case, classification, profile, "zh", UNIT, TODAY,
                              "reimbursement-application")
    assert all(d["present"] is None for d in values["documents"])


def test_dossier_forms_ticks_what_dossier_check_found(tmp_path: Path) -> None:
    import shutil

    from offsite_cli import pipeline

    example = Path(__file__).parent.parent / "examples" / "zhang-wei-2026-11"
    folder = tmp_path / "zhang-wei"
    shutil.copytree(example, folder, ignore=shutil.ignore_patterns("forms", "dossier.pdf"))
    result = runner.invoke(app, ["dossier", "forms", str(folder), "--today", "2026-11-20", "--json"])
    assert result.exit_code == 0, result.output
    report = pipeline.open_dossier(folder, date(2026, 11, 20), "zh").report
    found = {d.id for d in report.documents if d.status == "ok" and not d.satisfied_by}
    claim = {d.id for d in report.classification.documents if d.stage == "claim"}
    assert found & claim
    path = folder / "forms" / "reimbursement-application.pdf"
    filed_ticks = 1  # 是否已备案：是
    assert ticks(path) == len(found & claim) + filed_ticks


def test_templates_config_get_the_usual_file_permissions_filled_forms_are_private(tmp_path: Path) -> None:
    import os
    import stat


    old = os.umask(0o022)
    try:
        folder = write_case(tmp_path / "d")
        result = runner.invoke(app, ["dossier", "forms", str(folder), "--today", "2026-11-01"])
        assert result.exit_code == 0
        written = list((folder / "forms").iterdir())
        exported = forms.export("authorization")
        config.set_value("unit.name", "某某有限公司")
        calendar = tmp_path / "out" / "x.ics"
        atomic.write_text(calendar, "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
        from offsite_cli.base import resources

        for path in [*exported, resources.config_file(), calendar]:
            assert stat.S_IMODE(path.stat().st_mode) == 0o644, path
        for path in written:  # the filled forms hold the full ID number: the owner's only
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        assert calendar.read_bytes().endswith(b"\r\n")
        os.umask(0o077)
        atomic.write_text(calendar, "x")
        assert stat.S_IMODE(calendar.stat().st_mode) == 0o600
    finally:
        os.umask(old)


def test_export_of_an_unknown_form_lists_every_shipped_form(tmp_path: Path) -> None:
    forms.export("reimbursement-application")
    result = runner.invoke(app, ["forms", "export", "nope", "--lang", "en"])
    assert result.exit_code == 2
    for name in ALL_FORMS:
        assert name in result.stderr


def vera() -> Path:
    import reportlab

    return Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"


def test_a_font_without_chinese_is_refused_in_the_config() -> None:
    result = runner.invoke(app, ["config", "set", "font.path", str(vera()), "--lang", "en"])
    assert result.exit_code == 2
    assert "font.path" in result.stderr and str(vera()) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert config.load().get("font.path") is None


def test_a_font_without_chinese_is_refused_with_font(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "d")
    result = runner.invoke(app, ["dossier", "forms", str(folder), "--font", str(vera()), "--lang", "en"])
    assert result.exit_code == 2
    assert "--font" in result.stderr and "Vera.ttf" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (folder / "forms").exists()


def test_render_case_forms_keeps_its_positional_signature(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "d")
    case, classification, profile = classified(folder)
    written = forms.render_case_forms(case, classification, profile, "zh", folder / "forms",
                                      font=None, today=TODAY)
    assert [f.name for f in written] == ["filing-form", "unit-certificate", "reimbursement-application",
                                         "late-explanation"]


# ------------------------------------------------------------------- residents, notes, sources


def resident_id(birth: str) -> str:
    seventeen = "140502" + birth + "123"
    return seventeen + check_character(seventeen)


def resident_case(folder: Path, birth: str = "19900101", category: str = "temporary") -> Path:
    write_case(folder, category=category, insurance="resident")
    path = folder / "case.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(ID_NUMBER, resident_id(birth)),
                    encoding="utf-8")
    return folder


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_resident_forms_have_no_unit_and_the_person_applies(tmp_path: Path, lang: str) -> None:
    folder = resident_case(tmp_path / "case")
    case, result, profile = classified(folder, lang)
    assert "unit-certificate" not in [need.name for need in form_needs.needed_forms(result, profile)]
    written = forms.render_case_forms(case, result, profile, lang, tmp_path / "out", today=TODAY,
                                      names=["reimbursement-application", "filing-form",
                                             "commitment-letter"])
    for form in written:
        shown = pdf_text(form.path)
        assert UNIT not in shown and "参保单位" not in shown.replace("参保单位证明", "")
        assert "Insured unit" not in shown and "Unit clerk" not in shown
        assert "监护人姓名" not in shown and "申请人（监护人）" not in shown
        assert "Guardian's ID" not in shown and "(guardian)" not in shown
        assert not any("unit" in warning.lower() or "单位" in warning for warning in form.warnings)
    claim = pdf_text(written[0].path)
    if lang == "zh":
        assert "申请人（签字）" in claim and "由参保人本人（未成年人由监护人）" in claim
        assert "由参保单位向参保地" not in claim
    else:
        assert "Applicant (signature)" in claim and "the insured person (a guardian for a minor)" in claim


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_minor_resident_applies_through_a_guardian(tmp_path: Path, lang: str) -> None:
    folder = resident_case(tmp_path / "case", birth="20150601")
    case, result, profile = classified(folder, lang)
    written = forms.render_case_forms(case, result, profile, lang, tmp_path / "out", today=TODAY,
                                      names=["reimbursement-application", "filing-form"])
    for form in written:
        shown = pdf_text(form.path)
        assert ("申请人（监护人）" in shown) if lang == "zh" else ("Applicant (guardian)" in shown)
        assert form.pages == 1


def test_an_adult_employee_keeps_the_unit_boxes(tmp_path: Path) -> None:
    written = render_one(tmp_path, "reimbursement-application")
    shown = pdf_text(written[0].path)
    assert UNIT in shown and "参保单位经办人（签字）" in shown and "参保单位（盖章）" in shown


@pytest.mark.parametrize("category,shown", [("stationed-worker", True), ("long-term-resident", True),
                                            ("referral", False), ("temporary", False)])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_designated_institutions_note_only_for_long_term_categories(tmp_path: Path, category: str,
                                                                    shown: bool, lang: str) -> None:
    folder = write_case(tmp_path / "case", category=category)
    case, result, profile = classified(folder, lang)
    written = forms.render_case_forms(case, result, profile, lang, tmp_path / "out", today=TODAY,
                                      names=["filing-form"])
    words = "选定1–3家定点医疗机构" if lang == "zh" else "choose 1-3 designated institutions"
    assert (words in pdf_text(written[0].path).replace("\n", " ")) is shown


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_form_cites_internal_seed_documents(tmp_path: Path, lang: str) -> None:
    folder = write_case(tmp_path / "case")
    case, result, profile = classified(folder, lang)
    written = forms.render_case_forms(case, result, profile, lang, tmp_path / "out", today=TODAY,
                                      names=ALL_FORMS)
    for form in written:
        shown = pdf_text(form.path).lower()
        assert "种子" not in shown and "seed" not in shown, form.name
    for path in (Path(__file__).parents[1] / "templates" / "forms").glob("*.j2"):
        assert "种子" not in path.read_text(encoding="utf-8"), path.name


def test_forms_say_which_document_they_stand_for(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "case", category="temporary")
    _, result, profile = classified(folder)
    needs = {need.name: need for need in form_needs.needed_forms(result, profile)}
    assert (needs["unit-certificate"].document, needs["unit-certificate"].pending) == \
        ("unit-certificate", "seal")
    assert needs["filing-form"].document == "filing-form"
    assert needs["reimbursement-application"].document is None


@pytest.mark.parametrize("body,key", [
    ('forms = ["unit-certificate"]\ndocument = "no-such-document"', "document"),
    ('forms = ["unit-certificate", "authorization"]\ndocument = "unit-certificate"', "document"),
    ('forms = ["unit-certificate"]\ndocument = "unit-certificate"\npending = "stamp"', "pending"),
    ('forms = ["unit-certificate"]\npending = "seal"', "pending"),
])
def test_profile_checks_the_document_of_a_form(config_dir: Path, body: str, key: str) -> None:
    folder = config_dir / "profiles"
    folder.mkdir(parents=True)
    (folder / "city.toml").write_text(
        'schema = 1\nid = "city"\ntitle = "city"\nextends = "cn-national"\n\n'
        f'[[forms]]\nid = "x"\n{body}\nsince = "unknown"\nsource = "seed-000"\n', encoding="utf-8")
    with pytest.raises(BadInput) as caught:
        profiles.load("city")
    assert caught.value.params["key"].endswith(key)


def test_a_template_edited_between_two_dossiers_of_one_run_is_read_again(tmp_path: Path) -> None:
    """The environment (and its compiled templates) is kept for the process; a template file
    that changes is compiled again, not taken from before."""
    import os

    path = user_template("authorization", "zh", '{% include "default:forms/authorization.zh.j2" %}\n@note 第一版\n')
    first = pdf_text(render_one(tmp_path / "a")[0].path)
    path.write_text('{% include "default:forms/authorization.zh.j2" %}\n@note 第二版\n', encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))  # (a later edit)
    second = pdf_text(render_one(tmp_path / "b")[0].path)
    assert "第一版" in first and "第二版" in second and "第一版" not in second


def test_compiled_templates_are_kept_for_the_next_command_and_an_edit_is_compiled_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A command after the first takes the templates as compiled from the cache folder (each one
    compiled costs about 20 ms); an edited template, or a damaged or odd cache file, is compiled
    anew and says what its file says."""
    import os

    import jinja2

    compiled: list[str] = []
    original = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, *args, **kwargs):  # noqa: ANN001, ANN202
        compiled.append(name or "")
        return original(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    path = user_template("authorization", "zh", '{% include "default:forms/authorization.zh.j2" %}\n@note 第一版\n')

    def fresh_command(where: str) -> str:  # a new process: no environment kept from before
        forms._environment_for.cache_clear()
        compiled.clear()
        return pdf_text(render_one(tmp_path / where)[0].path)

    assert "第一版" in fresh_command("a") and compiled  # compiled, and kept
    kept = list(Path(os.environ["OFFSITE_CACHE_DIR"], "templates").rglob("*.code"))
    assert kept and all(file.stat().st_mode & 0o077 == 0 for file in kept)
    assert "第一版" in fresh_command("b") and compiled == []  # none compiled again
    path.write_text('{% include "default:forms/authorization.zh.j2" %}\n@note 第二版\n', encoding="utf-8")
    second = fresh_command("c")
    assert "第二版" in second and "第一版" not in second
    assert any(name.endswith("authorization.zh.j2") for name in compiled)
    for file in kept:  # damaged: compiled again, the same form
        file.write_bytes(file.read_bytes()[:40] + b"\x00garbage")
    assert "第二版" in fresh_command("d") and compiled
    for file in list(Path(os.environ["OFFSITE_CACHE_DIR"], "templates").rglob("*.code")):
        file.unlink()
        os.mkfifo(file)  # no hang
    assert "第二版" in fresh_command("e") and compiled
