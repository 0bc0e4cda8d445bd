#!/usr/bin/env python3
"""Static checks of Odoo addons that need no running Odoo.

For every addon (a folder with ``__manifest__.py``) under the given roots:

* the manifest parses, has the keys an OCA addon needs, a ``18.0.x.y.z`` version, a
  known licence and only dependencies that exist (our addons, the Odoo 18 source tree
  when present, OCA wheels under ``site-packages/odoo/addons``, or the list of Odoo 18
  community addons kept in ``tests/data/odoo18_addons.txt``);
* every data/demo file the manifest lists exists, and every XML/CSV file in the data
  folders is listed;
* every XML file parses and no XML id is defined twice in the addon;
* every line of ``security/ir.model.access.csv`` names a model defined by the addon or a
  dependency and a group that exists;
* every ``.po``/``.pot`` file parses, and ``zh_CN.po`` exists and translates every term.

Prints one line per problem and exits 1 when there is any.
"""

import argparse
import ast
import csv
import importlib.util
import re
import sys
import sysconfig
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parent.parent
REQUIRED_KEYS = (
    "name",
    "version",
    "license",
    "category",
    "summary",
    "depends",
    "author",
    "website",
    "development_status",
)
LICENSES = {
    "AGPL-3",
    "LGPL-3",
    "GPL-3",
    "OPL-1",
    "OEEL-1",
    "Other OSI approved licence",
}
DEV_STATUS = {"Alpha", "Beta", "Production/Stable", "Mature"}
VERSION_RE = re.compile(r"^18\.0\.\d+\.\d+\.\d+$")
DATA_DIRS = ("data", "demo", "security", "views", "report", "wizards", "wizard")
PERMS = ("perm_read", "perm_write", "perm_create", "perm_unlink")
ACL_COLUMNS = {"id", "name", "model_id:id", "group_id:id", *PERMS}
ID_ATTRS = {"record", "template", "menuitem", "report", "act_window", "asset"}


def known_addon_names(extra_roots=()):
    """Names of addons that exist: Odoo source, OCA wheels, the kept list, extra roots."""
    names = set()
    listing = REPO / "tests" / "data" / "odoo18_addons.txt"
    if listing.exists():
        names.update(x.strip() for x in listing.read_text().split() if x.strip())
    roots = list(extra_roots)
    # Where Odoo's own addons and OCA wheels live, found without importing Odoo.
    spec = importlib.util.find_spec("odoo")
    for location in (spec.submodule_search_locations or []) if spec else []:
        roots.append(Path(location) / "addons")
    roots.append(Path(sysconfig.get_paths()["purelib"]) / "odoo" / "addons")
    for root in roots:
        if root.is_dir():
            names.update(p.parent.name for p in root.glob("*/__manifest__.py"))
    return names


def find_addons(roots):
    addons = []
    for root in roots:
        root = Path(root)
        if (root / "__manifest__.py").exists():
            addons.append(root)
        else:
            addons += sorted(p.parent for p in root.glob("*/__manifest__.py"))
    return addons


def python_models(addon):
    """Model names the addon's Python code defines with ``_name``."""
    names = set()
    for py in addon.rglob("*.py"):
        try:
            tree = ast.parse(py.read_text(encoding="utf-8"))
        except SyntaxError as e:
            raise ValueError(f"{py}: Python does not parse: {e}") from e
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                for stmt in node.body:
                    if (
                        isinstance(stmt, ast.Assign)
                        and len(stmt.targets) == 1
                        and getattr(stmt.targets[0], "id", None) == "_name"
                        and isinstance(stmt.value, ast.Constant)
                    ):
                        names.add(stmt.value.value)
    return names


def xml_ids(tree):
    """(id, tag, element) of every element that defines an xml id."""
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in ID_ATTRS and el.get("id"):
            yield el.get("id"), el.tag, el


def check_addon(addon, known_addons, all_addons):
    """All problems of one addon, as 'addon: message' lines."""
    try:
        manifest = ast.literal_eval(
            (addon / "__manifest__.py").read_text(encoding="utf-8")
        )
    except (SyntaxError, ValueError) as e:
        return [f"{addon.name}: __manifest__.py does not parse as a dict literal: {e}"]
    if not isinstance(manifest, dict):
        return [f"{addon.name}: __manifest__.py is not a dict literal"]
    problems = check_manifest(addon, manifest, known_addons, all_addons)
    problems += check_listed_files(addon, manifest)
    defined_ids, xml_problems = check_xml(addon)
    problems += xml_problems
    problems += check_access(addon, manifest, defined_ids, known_addons, all_addons)
    problems += check_translations(addon)
    return [f"{addon.name}: {p}" for p in problems]


def check_manifest(addon, manifest, known_addons, all_addons):
    problems = [
        f"manifest has no '{key}'" for key in REQUIRED_KEYS if key not in manifest
    ]
    if "version" in manifest and not VERSION_RE.match(str(manifest["version"])):
        problems.append(
            f"manifest version {manifest['version']!r} is not of the form 18.0.x.y.z"
        )
    if "license" in manifest and manifest["license"] not in LICENSES:
        problems.append(
            f"manifest license {manifest['license']!r} is not a known licence"
        )
    if manifest.get("development_status", "Alpha") not in DEV_STATUS:
        problems.append(
            f"manifest development_status {manifest['development_status']!r} "
            f"is not one of {sorted(DEV_STATUS)}"
        )
    problems += [
        f"depends on '{dep}', which does not exist"
        for dep in manifest.get("depends", [])
        if dep not in known_addons and dep not in all_addons
    ]
    if not (addon / "__init__.py").exists():
        problems.append("has no __init__.py")
    return problems


def check_listed_files(addon, manifest):
    problems, listed = [], set()
    for key in ("data", "demo"):
        for f in manifest.get(key, []):
            listed.add(f)
            if not (addon / f).exists():
                problems.append(f"manifest '{key}' lists {f}, which does not exist")
    for d in DATA_DIRS:
        folder = addon / d
        for f in sorted(folder.glob("*")) if folder.is_dir() else []:
            if f.suffix in (".xml", ".csv") and str(f.relative_to(addon)) not in listed:
                problems.append(f"{f.relative_to(addon)} is not listed in the manifest")
    return problems


def check_xml(addon):
    """(xml ids defined by the addon, problems): parse errors and duplicate ids."""
    seen, problems = {}, []
    for xml in sorted(addon.rglob("*.xml")):
        if "static" in xml.relative_to(addon).parts:
            continue
        try:
            tree = etree.parse(str(xml))
        except etree.XMLSyntaxError as e:
            problems.append(f"{xml.relative_to(addon)} does not parse: {e}")
            continue
        for xid, _tag, el in xml_ids(tree):
            module, _, name = xid.rpartition(".")
            if module and module != addon.name:
                continue  # a record of another module, extended here
            where = f"{xml.relative_to(addon)}:{el.sourceline}"
            if name in seen:
                problems.append(
                    f"xml id '{name}' defined twice ({seen[name]} and {where})"
                )
            else:
                seen[name] = where
    return seen, problems


def check_access(addon, manifest, defined_ids, known_addons, all_addons):
    acl = addon / "security" / "ir.model.access.csv"
    if not acl.exists():
        return []
    deps = set(manifest.get("depends", []))
    problems = []
    try:
        models = python_models(addon)
    except ValueError as e:
        return [str(e)]
    for other in all_addons.values():
        if other.name in deps:
            try:
                models |= python_models(other)
            except ValueError:
                pass
    model_xids = {"model_" + m.replace(".", "_") for m in models}
    with acl.open(encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = ACL_COLUMNS - set(reader.fieldnames or [])
        if missing:
            return [f"security/ir.model.access.csv lacks columns {sorted(missing)}"]
        for n, row in enumerate(reader, start=2):
            where = f"ir.model.access.csv line {n}"
            module, _, xid = row["model_id:id"].rpartition(".")
            if not xid.startswith("model_"):
                problems.append(
                    f"{where}: '{row['model_id:id']}' is not a model reference (model_...)"
                )
            elif module and module != addon.name:
                if module not in deps and module not in known_addons:
                    problems.append(
                        f"{where}: model '{row['model_id:id']}' from unknown module '{module}'"
                    )
            elif xid not in model_xids:
                problems.append(
                    f"{where}: model '{row['model_id:id']}' is not defined by "
                    f"{addon.name} or its dependencies"
                )
            problems += _check_acl_group(
                where,
                row["group_id:id"],
                addon,
                deps,
                defined_ids,
                known_addons,
                all_addons,
            )
            problems += [
                f"{where}: {perm} is {row[perm]!r}, not 0 or 1"
                for perm in PERMS
                if row[perm] not in ("0", "1")
            ]
    return problems


def _check_acl_group(where, group, addon, deps, defined_ids, known_addons, all_addons):
    if not group:
        return []
    module, _, xid = group.rpartition(".")
    if not module or module == addon.name:
        return (
            []
            if xid in defined_ids
            else [f"{where}: group '{group}' is not defined in {addon.name}"]
        )
    if module not in deps | {"base"} and module not in known_addons:
        return [f"{where}: group '{group}' is from unknown module '{module}'"]
    if module in all_addons and not _defines(all_addons[module], xid):
        return [f"{where}: group '{group}' does not exist"]
    return []


def _defines(addon, xid):
    for xml in addon.rglob("*.xml"):
        try:
            tree = etree.parse(str(xml))
        except etree.XMLSyntaxError:
            continue
        if any(x == xid for x, _t, _e in xml_ids(tree)):
            return True
    return False


PO_LINE_RE = re.compile(
    r'^(#.*|\s*|(msgctxt|msgid|msgid_plural|msgstr(\[\d+\])?)\s+"(?:[^"\\]|\\.)*"|"(?:[^"\\]|\\.)*")\s*$'
)


def _first_bad_po_line(po):
    """Number of the first line polib would read leniently (an unclosed string...)."""
    for n, line in enumerate(po.read_text(encoding="utf-8").splitlines(), start=1):
        if not PO_LINE_RE.match(line):
            return n
    return 0


def check_translations(addon):
    import polib

    problems = []
    i18n = addon / "i18n"
    zh = i18n / "zh_CN.po"
    if not zh.exists():
        return ["i18n/zh_CN.po is missing"]
    for po in sorted(i18n.glob("*.po*")):
        bad_line = _first_bad_po_line(po)
        if bad_line:
            problems.append(f"{po.relative_to(addon)} does not parse: line {bad_line}")
            continue
        try:
            entries = polib.pofile(str(po), check_for_duplicates=True)
        except (OSError, ValueError) as e:
            problems.append(f"{po.relative_to(addon)} does not parse: {e}")
            continue
        if po.name == "zh_CN.po":
            missing = [
                e.msgid for e in entries if not e.obsolete and not e.translated()
            ]
            for msgid in missing[:20]:
                problems.append(f"i18n/zh_CN.po has no translation for {msgid!r}")
            if len(missing) > 20:
                problems.append(
                    f"i18n/zh_CN.po misses {len(missing) - 20} more translations"
                )
    return problems


def run(roots):
    addons = find_addons(roots)
    all_addons = {a.name: a for a in find_addons([REPO])}
    all_addons.update({a.name: a for a in addons})
    known = known_addon_names()
    problems = []
    for addon in addons:
        problems += check_addon(addon, known, all_addons)
    return addons, problems


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("roots", nargs="*", default=[str(REPO)])
    args = ap.parse_args(argv)
    addons, problems = run(args.roots)
    for p in problems:
        print(p)
    print(f"checked {len(addons)} addons: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
