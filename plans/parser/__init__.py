"""Plan text → quantitative targets.

A city S&T bureau's annual work plan (科技工作要点) states its targets in prose:
"培育高新技术企业40个、高新技术产品60种", "孵化面积在原来13万平方米基础上增加到18万平方米,
同比增长38%", "确保超过6000万元、争取7000万元". This module finds those targets, classifies
them, and keeps the sentence each one came from so that staff can review it beside the source.

Pure Python on purpose (no Django imports): the importer, the upload page and the tests all
call :func:`extract_targets`.

How it works, in one pass per sentence (split on 。；! ? and line breaks):

1. the text is *masked* without changing its length (full-width digits → ASCII, HTML
   attribute debris → spaces), so every offset still points into the original text;
2. every "number + unit" mention is found (ranges 3-5项, 超亿元, 100多家 …);
3. pairs are resolved first: from→to (13万 → 18万, baseline), firm+stretch
   (确保6000万元、争取7000万元), a trailing growth clause (…,同比增长21%);
4. descriptive numbers (原部属12家, 现有在建的16家, 对于…的3个, 进入…50户…) are dropped;
5. each remaining mention gets a kind from the words around it, and a name from the clause;
6. rank targets (继续保持全省前列) and dated targets without a number (上半年安排下去)
   are found by their own patterns.

Only Arabic numerals are read: in this genre Chinese numerals name things ("三个一票否决",
"四个三创新驱动工程") rather than set targets.

The package: `records` (what is found; reading and masking the text; the seed), `patterns` (the genre's
words as regular expressions), `sentences` (one sentence read), `targets` (a whole text's
targets, also per work item) and `items` (numbered work items).
"""

from .items import extract_work_items
from .records import KINDS, SEED_NAME, Target, WorkItem, decode_plan_bytes, default_seed_path, mask, read_plan_text
from .targets import extract_targets, targets_by_item

__all__ = [
    "KINDS",
    "SEED_NAME",
    "Target",
    "WorkItem",
    "decode_plan_bytes",
    "default_seed_path",
    "extract_targets",
    "extract_work_items",
    "mask",
    "read_plan_text",
    "targets_by_item",
]
