"""Python names for models, modules, attributes and enum members.

Every name is a valid, non-keyword identifier that cannot shadow what the generated module itself
uses, and names are unique where Python (or a case-insensitive file system) needs them to be.
Spec text never reaches generated code as a name without passing through here.
"""

from __future__ import annotations

import functools
import hashlib
import keyword
import re
import sys
import unicodedata
from collections.abc import Iterable
from operator import methodcaller

_SPLIT_CAMEL = (
    re.compile(r"([a-z])([A-Z])"),  # fooBar -> foo_Bar
    re.compile(r"([A-Z]+)([A-Z][a-z])"),  # HTTPServer -> HTTP_Server
    re.compile(r"([a-z])([0-9])"),  # session200 -> session_200
    re.compile(r"([0-9])([A-Za-z])"),  # 200Response -> 200_Response
)
_NOT_IDENTIFIER = re.compile(r"\W+")

# Names every generated model module uses at class level or in annotations: a field must not
# take one of them, or the class body would see the field instead.
MODULE_NAMES = frozenset(
    {"_dc", "_json", "_t", "_rt", "_dt", "_uuid", "_enum", "str", "int", "float", "bool",
     "list", "dict", "frozenset", "object", "type", "None"}
)
# Methods and internal attributes of every generated model class.
MEMBER_NAMES = frozenset(
    {"from_dict", "from_json", "to_dict", "to_json", "_docmodels_present", "_docmodels_extra",
     "_docmodels_keys", "_docmodels_parse", "self", "cls"}
)
RESERVED_MODULES = frozenset({"_runtime", "__init__"})
# What the package's __init__ exports besides the model classes: no model class may take it.
PACKAGE_NAMES = frozenset({"ValidationError"})


# File names: the stem of every generated module and docs page is at most this long, so that
# a path stays well within what ext4 (255 bytes a name), Windows (260 characters a path) and
# every archive tool accept. A longer name is cut and ends in a hash of the whole name.
MAX_FILE_STEM = 96
_HASH_LENGTH = 8
# Names Windows gives to devices, with any extension and in any case: `con.py` cannot be created.
WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul", "conin$", "conout$"}
    | {f"{port}{digit}" for port in ("com", "lpt") for digit in "0123456789"}
)
# The docs folder's index.
RESERVED_PAGES = frozenset({"readme"})
# What Windows refuses in a file name, and dots: a stem has no extension of its own, and Windows
# takes con.txt for the device con.
_NOT_PORTABLE = re.compile(r'[<>:"/\\|?*.\x00-\x1f\x7f]')


def _normalize(text: str) -> str:
    # Python reads identifiers in NFKC form: normalize first so that uniqueness is real.
    return unicodedata.normalize("NFKC", text)


def identifier(text: str) -> str:
    """``text`` as an identifier: other characters become ``_``, a leading digit gets one."""
    name = _NOT_IDENTIFIER.sub("_", _normalize(text)).strip("_")
    if not name:
        return "_"
    if name[0].isdigit():
        name = "_" + name
    if not name.isidentifier():  # characters \w accepts but identifiers do not
        name = "".join(c if ("a" + c).isidentifier() else "_" for c in name)
    return name


@functools.lru_cache(maxsize=1 << 16)  # a big API's thousands of properties share a few names
def snake(text: str) -> str:
    name = identifier(text)
    for pattern in _SPLIT_CAMEL:
        name = pattern.sub(r"\1_\2", name)
    return re.sub(r"_+", "_", name).lower() if name != "_" else name


def _avoid(name: str, taken: Iterable[str] | frozenset[str]) -> str:
    if keyword.iskeyword(name) or keyword.issoftkeyword(name) or name in taken:
        return name + "_"
    return name


def unique(names: list[str], *, fold_case: bool = False) -> list[str]:
    """The names with a ``_2``, ``_3``... suffix on each repeat after the first."""
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        candidate = name
        counter = 1
        while (candidate.lower() if fold_case else candidate) in seen:
            counter += 1
            candidate = f"{name}_{counter}"
        seen.add(candidate.lower() if fold_case else candidate)
        out.append(candidate)
    return out


def class_name(model_name: str) -> str:
    name = identifier(model_name).lstrip("_") or "Model"
    if name[0].isdigit():
        name = "M" + name
    return _avoid(name, MODULE_NAMES | PACKAGE_NAMES)


def module_name(class_name_: str) -> str:
    """The module of a class: ASCII snake case, a portable file name (``page_name``)."""
    ascii_name, lossy = _ascii(class_name_)
    name = snake(ascii_name).lstrip("_") or "model"
    if name[0].isdigit():
        name = "m_" + name
    if lossy:
        name = f"{name}_{_digest(class_name_)}"
    name = _bounded(name, class_name_)
    if name in RESERVED_MODULES or name.lower() in WINDOWS_DEVICES:
        return name + "_"
    return _avoid(name, RESERVED_MODULES)


def are_stems(names: list[str]) -> bool:
    """Whether each of ``names`` is a file name stem ``page_name`` or ``module_name`` could
    give (names read back from the cache folder, which may come from somewhere untrusted),
    checked all at once."""
    if not names:
        return True
    return (0 < min(map(len, names)) and max(map(len, names)) <= MAX_FILE_STEM
            and "".join(names).isascii() and not _NOT_PORTABLE.search("_".join(names))
            and not any(map(methodcaller("endswith", " "), names))
            and WINDOWS_DEVICES.isdisjoint(map(str.lower, names)))


def page_name(text: str) -> str:
    """A file name stem for ``text`` that every file system we support holds alike: ASCII (a
    file system whose encoding is not UTF-8 cannot hold other characters, and macOS stores
    accents decomposed), none of the characters Windows refuses, no trailing dot or space, no
    name of a Windows device (CON, NUL, COM1...) nor of the docs index (README), at most
    MAX_FILE_STEM characters. Accents are dropped (Café: Cafe); a name that loses more than
    accents, or is cut, ends in a hash of the whole text, so that it stays its own and stable.
    Names differing only in case are the caller's to tell apart (``unique(fold_case=True)``)."""
    ascii_name, lossy = _ascii(text)
    name = _NOT_PORTABLE.sub("_", ascii_name).rstrip(" ")
    if lossy or name != ascii_name:
        name = f"{name}_{_digest(text)}" if name.strip("_") else _digest(text)
    name = _bounded(name or "model", text)
    if name.lower() in WINDOWS_DEVICES or name.lower() in RESERVED_PAGES:
        name = name + "_"
    return name


def package_problem(name: str) -> str | None:
    """What keeps ``name`` from being the generated package's name, as a message, or None.

    The package is a folder beside the docs folder, imported by its name: it must be a portable
    file name (``page_name``'s rules) that Python imports as it is spelled."""
    if not name:
        return "package name is empty"
    if not name.isascii():
        read = _normalize(name)
        if read != name and read.isidentifier():
            return f"package name {name!r} is not ASCII: Python would import it as {read!r}"
        return f"package name {name!r} is not ASCII: not every file system holds it alike"
    if not name.isidentifier():
        return f"package name {name!r} is not a valid Python identifier"
    if keyword.iskeyword(name):
        return f"package name {name!r} is a Python keyword"
    if name.lower() == "docs":  # one folder, on the case-insensitive disks of macOS and Windows
        return f"package name {name!r} is the name of the docs folder beside it"
    if name.lower() in WINDOWS_DEVICES:
        return f"package name {name!r} is a device name on Windows"
    if name in sys.stdlib_module_names:
        return (f"package name {name!r} is a module of Python's standard library, which it "
                "would shadow")
    if len(name) > MAX_FILE_STEM:
        return f"package name {name!r} is longer than {MAX_FILE_STEM} characters"
    return None


def _ascii(text: str) -> tuple[str, bool]:
    """``text`` in ASCII with accents dropped, other characters ``_``; and whether any was."""
    out: list[str] = []
    lossy = False
    for char in unicodedata.normalize("NFKD", text):
        if char.isascii():
            out.append(char)
        elif not unicodedata.combining(char):
            out.append("_")
            lossy = True
    return "".join(out), lossy


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH_LENGTH]


def _bounded(name: str, whole: str) -> str:
    """``name`` cut to MAX_FILE_STEM characters, ending in a hash of ``whole`` when cut."""
    if len(name) <= MAX_FILE_STEM:
        return name
    return f"{name[:MAX_FILE_STEM - _HASH_LENGTH - 1].rstrip('._ ')}_{_digest(whole)}"


def attribute_names(wire_names: list[str], taken: frozenset[str]) -> list[str]:
    """Attribute names for a model's properties, in order; ``taken`` holds names the module
    binds (imported models, the class itself)."""
    reserved = MODULE_NAMES | MEMBER_NAMES | taken
    names = []
    for wire in wire_names:
        name = snake(wire)
        if name == "_":
            name = "field"
        names.append(_avoid(name, reserved))
    return [_avoid(n, reserved) for n in unique(names)]


def member_names(labels: list[str]) -> list[str]:
    """Enum member names (UPPER_SNAKE) from the page's names or the values themselves."""
    names = []
    for label in labels:
        name = snake(label).upper().strip("_")
        if not name:
            name = "EMPTY"
        if name[0].isdigit():
            name = "V_" + name
        names.append(name)
    return unique(names)
