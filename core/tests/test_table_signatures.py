"""core.tables.cached_signature: what django-tables2 asks of every cell, inspected once per function."""

import functools

from django_tables2 import utils as tables_utils

from core import tables as core_tables
from core.tables import cached_signature


class Column:
    def render(self, value, record, **kwargs):
        return value


def plain(record, value=None):
    return record


def test_every_kind_of_callable_gets_what_django_tables2_computes():
    callables = [Column().render, plain, lambda table: table, functools.partial(plain, value=1), Column]
    for fn in callables:
        assert cached_signature(fn) == core_tables._uncached_signature(fn)
    assert cached_signature(Column().render) == (("value", "record"), "kwargs")  # self dropped
    assert cached_signature(Column.render) == (("self", "value", "record"), "kwargs")  # not bound


def test_a_function_is_inspected_once_whatever_instance_it_is_bound_to(monkeypatch):
    inspected = []
    original = core_tables._uncached_signature

    def counting(fn):
        inspected.append(fn)
        return original(fn)

    monkeypatch.setattr(core_tables, "_uncached_signature", counting)
    monkeypatch.setattr(core_tables, "_signatures", type(core_tables._signatures)())
    for _ in range(3):
        cached_signature(Column().render)
    cached_signature(functools.partial(plain))
    cached_signature(functools.partial(plain))
    assert len(inspected) == 3  # the method once; a partial each time


def test_django_tables2_uses_it():
    assert tables_utils.signature is cached_signature
    assert tables_utils.call_with_appropriate(plain, {"record": 1, "value": 2, "table": None}) == 1
