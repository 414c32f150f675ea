"""Chinese input formats with ISO 8601 first.

A form widget renders its value with the first input format of the active language. Django's
zh_Hans list starts with "%Y/%m/%d", which `<input type="date">` cannot show: an edit form posted
back unchanged then erased its dates. The other Chinese spellings are still accepted.
"""

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M:%S.%f",
    "%Y/%m/%d %H:%M",
    "%Y年%m月%d日 %H:%M:%S",
    "%Y年%m月%d日 %H:%M",
]
