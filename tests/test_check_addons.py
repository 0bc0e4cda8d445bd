"""The static checks (scripts/check_addons.py): they pass on the repository's addons and
catch each kind of breakage on small addons built in a temporary folder."""

import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import check_addons  # noqa: E402

PO_HEADER = textwrap.dedent("""\
    msgid ""
    msgstr ""
    "Content-Type: text/plain; charset=UTF-8\\n"
    "Language: zh_CN\\n"

""")


def make_addon(root, name="demo_addon", manifest=None, files=None):
    """A small valid addon; `files` maps relative paths to contents (None removes)."""
    addon = root / name
    addon.mkdir(parents=True)
    manifest = (
        manifest
        if manifest is not None
        else {
            "name": "Demo",
            "version": "18.0.1.0.0",
            "license": "LGPL-3",
            "category": "Tools",
            "summary": "demo",
            "depends": ["base"],
            "author": "x",
            "website": "https://x.test",
            "development_status": "Alpha",
            "data": [
                "security/demo_groups.xml",
                "security/ir.model.access.csv",
                "views/demo_views.xml",
            ],
        }
    )
    content = {
        "__init__.py": "from . import models\n",
        "__manifest__.py": repr(manifest) if isinstance(manifest, dict) else manifest,
        "models/__init__.py": "from . import demo\n",
        "models/demo.py": "from odoo import models\n\n\nclass Demo(models.Model):\n"
        "    _name = 'demo.thing'\n    _description = 'Thing'\n",
        "security/demo_groups.xml": '<odoo><record id="group_demo" model="res.groups">'
        '<field name="name">Demo</field></record></odoo>',
        "security/ir.model.access.csv": "id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink\n"
        "access_demo_thing,demo.thing,model_demo_thing,group_demo,1,1,1,0\n"
        "access_demo_thing_user,demo.thing,model_demo_thing,base.group_user,1,0,0,0\n",
        "views/demo_views.xml": '<odoo><record id="demo_thing_view_list" model="ir.ui.view">'
        '<field name="model">demo.thing</field><field name="arch" type="xml">'
        '<list><field name="id"/></list></field></record></odoo>',
        "i18n/zh_CN.po": PO_HEADER + 'msgid "Thing"\nmsgstr "事物"\n',
    }
    content.update(files or {})
    for rel, text in content.items():
        if text is None:
            continue
        path = addon / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return addon


def problems_of(addon):
    _addons, problems = check_addons.run([addon])
    return problems


def test_repository_addons_pass():
    addons, problems = check_addons.run([REPO])
    assert {a.name for a in addons} >= {
        "party_grid",
        "party_grid_scoring",
        "party_grid_reports",
    }
    assert problems == []


def test_valid_addon_has_no_problem(tmp_path):
    assert problems_of(make_addon(tmp_path)) == []


def test_manifest_that_does_not_parse(tmp_path):
    addon = make_addon(tmp_path, manifest="{'name': 'Demo', 'version': ")
    assert any("does not parse" in p for p in problems_of(addon))


def test_manifest_missing_keys_bad_version_and_unknown_dependency(tmp_path):
    addon = make_addon(
        tmp_path,
        manifest={
            "name": "Demo",
            "version": "17.0.1.0",
            "depends": ["base", "no_such_addon_anywhere"],
            "license": "LGPL-3",
            "data": [],
        },
    )
    problems = problems_of(addon)
    assert any("manifest has no 'summary'" in p for p in problems)
    assert any("is not of the form 18.0.x.y.z" in p for p in problems)
    assert any("'no_such_addon_anywhere', which does not exist" in p for p in problems)


def test_manifest_listing_a_missing_file(tmp_path):
    addon = make_addon(tmp_path, files={"views/demo_views.xml": None})
    assert any(
        "lists views/demo_views.xml, which does not exist" in p
        for p in problems_of(addon)
    )


def test_data_file_not_listed(tmp_path):
    addon = make_addon(tmp_path, files={"views/other_views.xml": "<odoo/>"})
    assert any("views/other_views.xml is not listed" in p for p in problems_of(addon))


def test_xml_that_does_not_parse(tmp_path):
    addon = make_addon(
        tmp_path, files={"views/demo_views.xml": "<odoo><record id='x'></odoo>"}
    )
    assert any("views/demo_views.xml does not parse" in p for p in problems_of(addon))


def test_duplicate_xml_id(tmp_path):
    addon = make_addon(
        tmp_path,
        files={
            "views/demo_views.xml": '<odoo><record id="group_demo" model="ir.ui.view"/></odoo>'
        },
    )
    assert any("xml id 'group_demo' defined twice" in p for p in problems_of(addon))


def test_access_line_naming_a_missing_model(tmp_path):
    addon = make_addon(
        tmp_path,
        files={
            "security/ir.model.access.csv": "id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink\n"
            "access_ghost,ghost,model_demo_ghost,group_demo,1,0,0,0\n"
        },
    )
    assert any(
        "model 'model_demo_ghost' is not defined" in p for p in problems_of(addon)
    )


def test_access_line_naming_a_missing_group_or_bad_permission(tmp_path):
    addon = make_addon(
        tmp_path,
        files={
            "security/ir.model.access.csv": "id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink\n"
            "access_demo,demo,model_demo_thing,group_nobody,1,0,0,yes\n"
        },
    )
    problems = problems_of(addon)
    assert any("group 'group_nobody' is not defined" in p for p in problems)
    assert any("perm_unlink is 'yes'" in p for p in problems)


def test_po_file_that_does_not_parse(tmp_path):
    addon = make_addon(
        tmp_path, files={"i18n/zh_CN.po": PO_HEADER + 'msgid "Thing\nmsgstr "x"\n'}
    )
    assert any("i18n/zh_CN.po does not parse" in p for p in problems_of(addon))


def test_incomplete_or_missing_chinese_translation(tmp_path):
    addon = make_addon(
        tmp_path, files={"i18n/zh_CN.po": PO_HEADER + 'msgid "Thing"\nmsgstr ""\n'}
    )
    assert any("no translation for 'Thing'" in p for p in problems_of(addon))
    other = make_addon(tmp_path, name="other_addon", files={"i18n/zh_CN.po": None})
    assert any("i18n/zh_CN.po is missing" in p for p in problems_of(other))


@pytest.mark.parametrize("argv_ok", [True, False])
def test_command_line_exit_code(tmp_path, argv_ok, capsys):
    files = {} if argv_ok else {"views/demo_views.xml": "<odoo>"}
    addon = make_addon(tmp_path, files=files)
    assert check_addons.main([str(addon)]) == (0 if argv_ok else 1)
    assert "checked 1 addons" in capsys.readouterr().out
