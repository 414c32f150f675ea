"""The numbered work items of a plan."""

from __future__ import annotations

import re

from .records import WorkItem

# ---------------------------------------------------------------------------- work items

_ITEM_HEAD = r"^[ \t\u3000\xa0]*{n}(?:[ \t]*[.、．]|[ \t\xa0]*\n[ \t\u3000\xa0]*[、.．]|(?=(?:19|20)\d{{2}}年))"


def extract_work_items(text: str) -> list[WorkItem]:
    """The plan's numbered key tasks ("3.强力推进…", "17\\n、完善…", "12008年…" = item 1).

    Numbers are matched in sequence (1, 2, 3 …) at line starts, which is what lets
    "12008年科技工作的指导思想" be read as item 1 about 2008 rather than item 12008.
    """
    heads: list[tuple[int, int, int]] = []  # (number, head start, body start)
    pos, n = 0, 1
    while True:
        m = re.compile(_ITEM_HEAD.format(n=n), re.M).search(text, pos)
        if not m:
            break
        heads.append((n, m.start(), m.end()))
        pos, n = m.end(), n + 1
    items = []
    for i, (number, head, body_start) in enumerate(heads):
        end = heads[i + 1][1] if i + 1 < len(heads) else _body_end(text, body_start)
        body = text[body_start:end]
        stripped = body.lstrip()
        body_start += len(body) - len(stripped)
        body = stripped.rstrip()
        # Stop at the next chapter heading (一、 二、 …) if it falls inside.
        chapter = re.search(r"\n\s*[一二三四五六七八九十]+、", body)
        if chapter:
            body = body[: chapter.start()].rstrip()
        title = re.split(r"[。：:]", body, maxsplit=1)[0].strip()
        items.append(WorkItem(number, title[:120], body, body_start, body_start + len(body), head_start=head))
    return items


def _body_end(text: str, start: int) -> int:
    """End of the last item: before the page footer (免责声明 …) if there is one."""
    m = re.search(r"\n\s*\n\s*\n\s*(免责声明|更多|附件|抄送|主题词)", text[start:])
    return start + m.start() if m else len(text)
